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
               R"({"unit_id":"u1","channel":"walk_in","crisis":true,)"
               R"("received_at":"2026-01-02T03:04:05Z","narrative":"enc1.n",)"
               R"("reporter":{"person_id":"p2","name":"enc1.r","is_client":false},)"
               R"("client":{"person_id":"p1","name":"enc1.c"},"sensitive":true,)"
               R"("incident_date":"2026-01-01","number":"PPA-X/2026/00001"})");
  ExpectPinned(
      CaseOpened{"u1",
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
      R"({"unit_id":"u1","channel":"phone","crisis":false,)"
      R"("received_at":"2026-01-02T03:04:05Z","narrative":"enc1.n","reporter":{},"client":{},)"
      R"("synthetic":true,"referred_by":"polres","number":"PPA-X/2026/00002"})");
  ExpectPinned(CaseUpdated{{{"crisis", true}, {"status", "in_progress"}}},
               R"({"changes":{"crisis":true,"status":"in_progress"}})");
  ExpectPinned(
      CaseClassified{{"ktp"}, {}, "high", std::nullopt, true},
      R"({"case_types":["ktp"],"ampk_categories":[],"risk_level":"high","jurisdiction":null,)"
      R"("village_manageable":true})");
  ExpectPinned(TriageDecided{"continue_here", "hand_to_patbm", true, {"R1"}, "enc1.r", "t1"},
               R"({"recommendation":"continue_here","decision":"hand_to_patbm","overridden":true,)"
               R"("rules":["R1"],"reason":"enc1.r","task_id":"t1"})");
  ExpectPinned(
      TriageDecided{std::nullopt, "continue_here", false, {}, std::nullopt, std::nullopt},
      R"({"recommendation":null,"decision":"continue_here","overridden":false,"rules":[]})");
  ExpectPinned(
      DecisionOverridden{"t1", "no_violence", {"child"}, "enc1.r"},
      R"({"task_id":"t1","outcome":"no_violence","contradicts":["child"],"reason":"enc1.r"})");
  ExpectPinned(CaseSensitivityChanged{true, "enc1.r"}, R"({"sensitive":true,"reason":"enc1.r"})");
  ExpectPinned(CaseTeamMemberAdded{"user-1", "enc1.r"},
               R"({"user_id":"user-1","reason":"enc1.r"})");
  ExpectPinned(CaseTeamMemberAdded{"user-2", std::nullopt}, R"({"user_id":"user-2"})");
  ExpectPinned(CaseTeamMemberRemoved{"user-1"}, R"({"user_id":"user-1"})");
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
  ExpectPinned(PersonAdded{"p1", "client", fields},
               R"({"person_id":"p1","role":"client","fields":{"person_id":"p1","name":"enc1.n",)"
               R"("sex":"female"}})");
  ExpectPinned(PersonUpdated{"p1", std::nullopt, fields},
               R"({"person_id":"p1","fields":{"person_id":"p1","name":"enc1.n","sex":"female"}})");
  ExpectPinned(PersonUpdated{"p2", "guardian", fields},
               R"({"person_id":"p2","role":"guardian","fields":{"person_id":"p1","name":"enc1.n",)"
               R"("sex":"female"}})");
  ExpectPinned(PersonErased{"p1"}, R"({"person_id":"p1"})");
  ExpectPinned(DataSubjectRequestRecorded{"erasure", "p1", "UU PDP pasal 8", "REF-1"},
               R"({"kind":"erasure","person_id":"p1","legal_basis":"UU PDP pasal 8",)"
               R"("reference":"REF-1"})");
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
  ExpectPinned(
      IncidentRecorded{i},
      R"({"incident_id":"in1","date":"2026-01-01","time":"21:00","place_type":"home",)"
      R"("forms":["physical","sexual"],"penetration":true,"forced_marriage":false,)"
      R"("gbvims_type":"rape","victims":[{"person_id":"p1","age_band":"13-17"},)"
      R"({"person_id":"p3","age_band":null}],"perpetrators":[{"person_id":"p2",)"
      R"("relation":"father","age_band":"25-59"},{"person_id":"p4","relation":null,)"
      R"("age_band":null}],"place":"enc1.place","region":{"province":"62","regency":"6271"},)"
      R"("narrative":"enc1.narrative"})");
  i.time = std::nullopt;
  i.gbvims_type = std::nullopt;
  i.place = std::nullopt;
  i.region = {};
  i.narrative = std::nullopt;
  ExpectPinned(IncidentUpdated{i},
               R"({"incident_id":"in1","date":"2026-01-01","time":null,"place_type":"home",)"
               R"("forms":["physical","sexual"],"penetration":true,"forced_marriage":false,)"
               R"("gbvims_type":null,"victims":[{"person_id":"p1","age_band":"13-17"},)"
               R"({"person_id":"p3","age_band":null}],"perpetrators":[{"person_id":"p2",)"
               R"("relation":"father","age_band":"25-59"},{"person_id":"p4","relation":null,)"
               R"("age_band":null}]})");
  // An incident recorded before victims and perpetrators were listed.
  auto old = Decode<IncidentRecorded>(R"({"incident_id":"x","date":"2025-01-01"})");
  EXPECT_TRUE(old.incident.victims.empty());
  EXPECT_THROW(Decode<PersonAdded>(R"({"person_id":"p","role":"client"})"), StoreError);
}

TEST(EventTypes, ConsentAndReferralEvents) {
  ExpectPinned(
      ConsentRecorded{
          "c1", "p1", "p2", {"services", "referral"}, true, true, "pt1", "u2", "enc1.n"},
      R"({"consent_id":"c1","client_id":"p1","given_by":"p2","scopes":["services",)"
      R"("referral"],"given":true,"signed_statement":true,"partner_id":"pt1","unit_id":"u2",)"
      R"("note":"enc1.n"})");
  ExpectPinned(ConsentRecorded{"c2",
                               "p1",
                               "p1",
                               {"data_sharing"},
                               false,
                               false,
                               std::nullopt,
                               std::nullopt,
                               std::nullopt},
               R"({"consent_id":"c2","client_id":"p1","given_by":"p1","scopes":["data_sharing"],)"
               R"("given":false,"signed_statement":false})");
  ExpectPinned(ConsentWithdrawn{"c1", "enc1.r"}, R"({"consent_id":"c1","reason":"enc1.r"})");
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
               R"({"referral_id":"r1","unit_id":"u1","partner_id":"pt1","partner_name":"Polres",)"
               R"("client_id":"p1","services":["legal"],"urgency":"urgent","reason":"enc1.r",)"
               R"("shared":{"name":"enc1.n","age_years":15},"family_coordination":"enc1.f"})");
  ExpectPinned(
      ReferralMade{"r2", "u1", "pt1", "Polres", "p1", {}, "normal", "enc1.r", {}, std::nullopt},
      R"({"referral_id":"r2","unit_id":"u1","partner_id":"pt1","partner_name":"Polres",)"
      R"("client_id":"p1","services":[],"urgency":"normal","reason":"enc1.r","shared":{}})");
  ExpectPinned(ReferralAccepted{"r1", std::nullopt}, R"({"referral_id":"r1"})");
  ExpectPinned(ReferralAccepted{"r1", "enc1.n"}, R"({"referral_id":"r1","note":"enc1.n"})");
  ExpectPinned(ReferralRejected{"r1", "enc1.r"}, R"({"referral_id":"r1","reason":"enc1.r"})");
  ExpectPinned(ReferralReported{"r1", "enc1.rep"}, R"({"referral_id":"r1","report":"enc1.rep"})");
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
               R"({"transfer_id":"tr1","from_unit":"u1","to_unit":"u2","direction":"up",)"
               R"("case_number":"PPA-X/2026/00001","reason":"enc1.r","client_ids":["p1"],)"
               R"("clients":[{"person_id":"p1","sex":"female","child":true}],)"
               R"("summary":{"channel":"walk_in","crisis":false},"family_coordination":null,)"
               R"("consent_ids":["c1","c2"],"handover":{"handed_over_by":"user-1",)"
               R"("handed_over_by_name":"Siti","documents":["bap"],"note":"enc1.n"}})");
  ExpectPinned(TransferAccepted{"tr1", "PPA-Y/2026/00007", "kalteng/a", "enc1.n"},
               R"({"transfer_id":"tr1","unit_number":"PPA-Y/2026/00007","sop_id":"kalteng/a",)"
               R"("note":"enc1.n"})");
  ExpectPinned(TransferAccepted{"tr1", "PPA-Y/2026/00007", std::nullopt, std::nullopt},
               R"({"transfer_id":"tr1","unit_number":"PPA-Y/2026/00007","sop_id":null})");
  ExpectPinned(TransferRejected{"tr1", "enc1.r"}, R"({"transfer_id":"tr1","reason":"enc1.r"})");
  ExpectPinned(TransferCancelled{"tr1", std::nullopt}, R"({"transfer_id":"tr1"})");
  ExpectPinned(TransferReported{"tr1", "enc1.rep"}, R"({"transfer_id":"tr1","report":"enc1.rep"})");
  ExpectPinned(CaseTransferred{"tr1", "u1", "u2", "PPA-Y/2026/00007"},
               R"({"transfer_id":"tr1","from_unit":"u1","to_unit":"u2",)"
               R"("unit_number":"PPA-Y/2026/00007"})");
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
               R"({"values":{"tanggal":"2026-01-02"},"sensitive":"enc1.s","document_id":"d1",)"
               R"("source":"form","form":"asesmen","title":"Asesmen","kinds":["asesmen"],)"
               R"("person_id":"p1","task_id":"t1"})");
  ExpectPinned(
      DocumentFiled{"d2",
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
      R"({"values":{},"sensitive":null,"document_id":"d2","source":"form","form":"asesmen",)"
      R"("title":"Asesmen","kinds":[]})");
  ExpectPinned(
      DocumentFiled{"d3",
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
      R"({"document_id":"d3","source":"letter","title":"Surat Tugas","kinds":["surat-tugas"],)"
      R"("letter":{"kind":"assignment","agenda_number":"1/2026"},"person_id":"p1",)"
      R"("values":{},"sensitive":null,"file":{"media_type":"application/pdf","size":1234,)"
      R"("digest":"ab12"}})");
  ExpectPinned(
      DocumentFiled{"d4",
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
      R"({"document_id":"d4","source":"upload","values":{},"sensitive":null,"person_id":"",)"
      R"("kinds":["bukti"],"title":"Foto","task_id":"t1","file":{"media_type":"image/png",)"
      R"("size":10,"digest":"cd"}})");
  ExpectPinned(DocumentCorrected{{{"a", 1}}, std::nullopt, "d1", 2, {"asesmen"}},
               R"({"values":{"a":1},"sensitive":null,"document_id":"d1","version":2,)"
               R"("kinds":["asesmen"]})");
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
               R"({"task_id":"t1","step_id":"s1","outcome":"approve","kind":"rencana",)"
               R"("document_id":"d1","form":"rencana-intervensi","document_version":3,)"
               R"("person_id":null,"values":{"a":1},"sensitive":"enc1.s",)"
               R"("totals":{"biaya.jumlah":150000}})");
  EXPECT_THROW(Decode<DocumentFiled>(R"({"document_id":"d","source":"form","title":"t"})"),
               StoreError);
  // The letters that quote an approved plan read whatever an approval holds.
  EXPECT_EQ(Decode<DocumentApproved>(R"({"document_id":"d"})").document_version, 0);
}

TEST(EventTypes, ReportEvents) {
  ExpectPinned(SimfoniRowSent{"p1", "in1", "SIM-123", "2026-01-05"},
               R"({"client_id":"p1","incident_id":"in1","nomor_simfoni":"SIM-123",)"
               R"("sent_on":"2026-01-05"})");
  EXPECT_THROW(Decode<SimfoniRowSent>(R"({"client_id":"p"})"), StoreError);
}

}  // namespace
}  // namespace lindungi::store::events
