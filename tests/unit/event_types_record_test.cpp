// Event types (store/events/), continued: the case, its people and incidents, consents
// and referrals, transfers and reports. Shapes pinned as in event_types_test.cpp.
#include "event_pin.h"
#include "store/events/case_events.h"
#include "store/events/consent_events.h"
#include "store/events/document_events.h"
#include "store/events/person_events.h"
#include "store/events/report_events.h"
#include "store/events/transfer_events.h"

namespace lindungi::store::events {
namespace {
namespace json = boost::json;

TEST(EventTypes, CaseEvents) {
  ExpectPinned(CaseOpened{"u1",
                          "walk_in",
                          true,
                          "2026-01-02T03:04:05Z",
                          "enc1.n",
                          {{"person_id", "p2"}, {"name", "enc1.r"}, {"is_client", false}},
                          {{"person_id", "p1"}, {"name", "enc1.c"}},
                          true,
                          false,
                          "2026-01-01",
                          std::nullopt,
                          "PPA-X/2026/00001"},
               "");
  ExpectPinned(CaseOpened{"u1",
                          "phone",
                          false,
                          "2026-01-02T03:04:05Z",
                          "enc1.n",
                          {},
                          {},
                          false,
                          true,
                          std::nullopt,
                          "polres",
                          "PPA-X/2026/00002"},
               "");
  ExpectPinned(CaseUpdated{{{"crisis", true}, {"status", "in_progress"}}}, "");
  ExpectPinned(CaseClassified{{"ktp"}, {}, "high", std::nullopt, true}, "");
  ExpectPinned(TriageDecided{"continue_here", "hand_to_patbm", true, {"R1"}, "enc1.r", "t1"}, "");
  ExpectPinned(TriageDecided{std::nullopt, "continue_here", false, {}, std::nullopt, std::nullopt},
               "");
  ExpectPinned(DecisionOverridden{"t1", "no_violence", {"child"}, "enc1.r"}, "");
  ExpectPinned(CaseSensitivityChanged{true, "enc1.r"}, "");
  ExpectPinned(CaseTeamMemberAdded{"user-1", "enc1.r"}, "");
  ExpectPinned(CaseTeamMemberAdded{"user-2", std::nullopt}, "");
  ExpectPinned(CaseTeamMemberRemoved{"user-1"}, "");
}

TEST(EventTypes, OlderCaseShapesStillRead) {
  // An intake before people had ids (and keys), before sensitive and synthetic cases.
  auto o = Decode<CaseOpened>(
      R"({"unit_id":"u","channel":"walk_in","crisis":false,"received_at":"2025-01-01T00:00:00Z",)"
      R"("narrative":"n","client":{"name":"A"},"number":"N1"})");
  EXPECT_FALSE(o.client.contains("person_id"));
  EXPECT_TRUE(o.reporter.empty());
  EXPECT_FALSE(o.sensitive);
  EXPECT_THROW(Decode<CaseOpened>(R"({"unit_id":"u","channel":"c","number":"N"})"), StoreError);
  EXPECT_THROW(Decode<CaseUpdated>("{}"), StoreError);
}

TEST(EventTypes, PersonEvents) {
  json::object fields{{"person_id", "p1"}, {"name", "enc1.n"}, {"sex", "female"}};
  ExpectPinned(PersonAdded{"p1", "client", fields}, "");
  ExpectPinned(PersonUpdated{"p1", std::nullopt, fields}, "");
  ExpectPinned(PersonUpdated{"p2", "guardian", fields}, "");
  ExpectPinned(PersonErased{"p1"}, "");
  ExpectPinned(DataSubjectRequestRecorded{"erasure", "p1", "UU PDP pasal 8", "REF-1"}, "");
  IncidentFacts i{"in1",
                  "2026-01-01",
                  "21:00",
                  "home",
                  {"physical", "sexual"},
                  true,
                  false,
                  "rape",
                  {{"p1", "13-17"}, {"p3", std::nullopt}},
                  {{"p2", "father", "25-59"}, {"p4", std::nullopt, std::nullopt}},
                  "enc1.place",
                  {{"province", "62"}, {"regency", "6271"}},
                  "enc1.narrative"};
  ExpectPinned(IncidentRecorded{i}, "");
  i.time = std::nullopt;
  i.gbvims_type = std::nullopt;
  i.place = std::nullopt;
  i.region = {};
  i.narrative = std::nullopt;
  ExpectPinned(IncidentUpdated{i}, "");
  // An incident recorded before victims and perpetrators were listed.
  auto old = Decode<IncidentRecorded>(R"({"incident_id":"x","date":"2025-01-01"})");
  EXPECT_TRUE(old.incident.victims.empty());
  EXPECT_THROW(Decode<PersonAdded>(R"({"person_id":"p","role":"client"})"), StoreError);
}

TEST(EventTypes, ConsentAndReferralEvents) {
  ExpectPinned(
      ConsentRecorded{
          "c1", "p1", "p2", {"services", "referral"}, true, true, "pt1", "u2", "enc1.n"},
      "");
  ExpectPinned(ConsentRecorded{"c2",
                               "p1",
                               "p1",
                               {"data_sharing"},
                               false,
                               false,
                               std::nullopt,
                               std::nullopt,
                               std::nullopt},
               "");
  ExpectPinned(ConsentWithdrawn{"c1", "enc1.r"}, "");
  ExpectPinned(ReferralMade{"r1",
                            "u1",
                            "pt1",
                            "Polres",
                            "p1",
                            {"legal"},
                            "urgent",
                            "enc1.r",
                            {{"name", "enc1.n"}, {"age_years", 15}},
                            "enc1.f"},
               "");
  ExpectPinned(
      ReferralMade{"r2", "u1", "pt1", "Polres", "p1", {}, "normal", "enc1.r", {}, std::nullopt},
      "");
  ExpectPinned(ReferralAccepted{"r1", std::nullopt}, "");
  ExpectPinned(ReferralAccepted{"r1", "enc1.n"}, "");
  ExpectPinned(ReferralRejected{"r1", "enc1.r"}, "");
  ExpectPinned(ReferralReported{"r1", "enc1.rep"}, "");
  EXPECT_THROW(Decode<ConsentRecorded>(R"({"consent_id":"c","client_id":"p","given_by":"p"})"),
               StoreError);
}

TEST(EventTypes, TransferEvents) {
  json::array clients{json::object{{"person_id", "p1"}, {"sex", "female"}, {"child", true}}};
  json::object summary{{"channel", "walk_in"}, {"crisis", false}};
  ExpectPinned(TransferRequested{"tr1",
                                 "u1",
                                 "u2",
                                 "up",
                                 "PPA-X/2026/00001",
                                 "enc1.r",
                                 {"p1"},
                                 clients,
                                 summary,
                                 std::nullopt,
                                 {"c1", "c2"},
                                 "user-1",
                                 "Siti",
                                 {"bap"},
                                 "enc1.n"},
               "");
  ExpectPinned(TransferAccepted{"tr1", "PPA-Y/2026/00007", "kalteng/a", "enc1.n"}, "");
  ExpectPinned(TransferAccepted{"tr1", "PPA-Y/2026/00007", std::nullopt, std::nullopt}, "");
  ExpectPinned(TransferRejected{"tr1", "enc1.r"}, "");
  ExpectPinned(TransferCancelled{"tr1", std::nullopt}, "");
  ExpectPinned(TransferReported{"tr1", "enc1.rep"}, "");
  ExpectPinned(CaseTransferred{"tr1", "u1", "u2", "PPA-Y/2026/00007"}, "");
  EXPECT_THROW(Decode<TransferReported>(R"({"transfer_id":"t"})"), StoreError);
}

TEST(EventTypes, DocumentEvents) {
  // Each source writes its keys in its own order (forms, letters, uploads).
  ExpectPinned(DocumentFiled{"d1",
                             "form",
                             "asesmen",
                             "Asesmen",
                             {"asesmen"},
                             "p1",
                             "t1",
                             {{"tanggal", "2026-01-02"}},
                             "enc1.s",
                             std::nullopt,
                             std::nullopt},
               "");
  ExpectPinned(DocumentFiled{"d2",
                             "form",
                             "asesmen",
                             "Asesmen",
                             {},
                             std::nullopt,
                             std::nullopt,
                             {},
                             std::nullopt,
                             std::nullopt,
                             std::nullopt},
               "");
  ExpectPinned(DocumentFiled{"d3",
                             "letter",
                             std::nullopt,
                             "Surat Tugas",
                             {"surat-tugas"},
                             "p1",
                             std::nullopt,
                             {},
                             std::nullopt,
                             json::object{{"kind", "assignment"}, {"agenda_number", "1/2026"}},
                             DocumentFileInfo{"application/pdf", 1234, "ab12"}},
               "");
  ExpectPinned(DocumentFiled{"d4",
                             "upload",
                             std::nullopt,
                             "Foto",
                             {"bukti"},
                             "",
                             "t1",
                             {},
                             std::nullopt,
                             std::nullopt,
                             DocumentFileInfo{"image/png", 10, "cd"}},
               "");
  ExpectPinned(DocumentCorrected{{{"a", 1}}, std::nullopt, "d1", 2, {"asesmen"}}, "");
  ExpectPinned(DocumentApproved{"t1",
                                "s1",
                                "approve",
                                "rencana",
                                "d1",
                                "rencana-intervensi",
                                3,
                                std::nullopt,
                                {{"a", 1}},
                                "enc1.s",
                                {{"biaya.jumlah", 150000}}},
               "");
  EXPECT_THROW(Decode<DocumentFiled>(R"({"document_id":"d","source":"form","title":"t"})"),
               StoreError);
  // The letters that quote an approved plan read whatever an approval holds.
  EXPECT_EQ(Decode<DocumentApproved>(R"({"document_id":"d"})").document_version, 0);
}

TEST(EventTypes, ReportEvents) {
  ExpectPinned(SimfoniRowSent{"p1", "in1", "SIM-123", "2026-01-05"}, "");
  EXPECT_THROW(Decode<SimfoniRowSent>(R"({"client_id":"p"})"), StoreError);
}

}  // namespace
}  // namespace lindungi::store::events
