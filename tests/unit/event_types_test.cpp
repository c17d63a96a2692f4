// Event types (store/events/): each type's stored shape pinned, and older shapes still
// read. The API snapshot (tests/snapshots/event_payloads.txt) pins the same shapes from
// the other side. Case, person, consent, transfer and report events:
// event_types_record_test.cpp.
#include "event_pin.h"
#include "store/events/case_work_events.h"
#include "store/events/shelter_events.h"
#include "store/events/sop_events.h"
#include "store/events/unit_events.h"
#include "store/events/user_events.h"

namespace lindungi::store::events {
namespace {
namespace json = boost::json;

json::object State() {
  return {{"open", json::array{"s2"}}, {"ended", false}, {"end_reason", ""}};
}

TEST(EventTypes, SopEvents) {
  ExpectPinned(CaseFactsRecorded{{{"child", true}, {"risk_level", "high"}}, {"services"}, {"bap"}},
               "");
  ExpectPinned(SopStarted{"i1", "kalteng/a", State(), std::nullopt}, "");
  ExpectPinned(SopStarted{"i2", "kalteng/b", State(), "i1"}, "");
  ExpectPinned(TaskOpened{"t1", "i1", "kalteng/a", "s1", "u1", "case_worker",
                          "2026-01-02T03:04:05Z", true, std::nullopt},
               "");
  ExpectPinned(TaskOpened{"t2", "i1", "kalteng/a", "s2", "u1", "case_manager", std::nullopt, false,
                          "2026-01-01T00:00:00Z"},
               "");
  ExpectPinned(StepSkipped{"i1", "s3"}, "");
  ExpectPinned(TaskCompleted{"t1",
                             "i1",
                             "s1",
                             "escalate",
                             "enc1.note",
                             {"bap", "ba"},
                             true,
                             State(),
                             TaskDuration{1.5, "working_days"}},
               "");
  ExpectPinned(
      TaskCompleted{
          "t3", "i9", "s1", std::nullopt, std::nullopt, {}, false, json::object(), std::nullopt},
      "");
  ExpectPinned(TaskRequirementsWaived{"t1", {"consent:services"}, "enc1.why"}, "");
  ExpectPinned(TaskAssigned{"t1", "user-1"}, "");
  ExpectPinned(TaskAssigned{"t1", std::nullopt}, "");
  ExpectPinned(TaskClosed{"t1", "case_closed"}, "");
  ExpectPinned(SopEnded{"i1", "completed", State()}, "");
}

TEST(EventTypes, OlderSopShapesStillRead) {
  // Before compliance reports a completion had no duration; before clocks from the
  // complaint a task had no clock_from; a first SOP has no parent.
  auto done = Decode<TaskCompleted>(
      R"({"task_id":"t","instance_id":"i","step_id":"s","outcome":null,"note":null,)"
      R"("documents":[],"waived":false,"state":{}})");
  EXPECT_FALSE(done.duration);
  EXPECT_FALSE(done.outcome);
  auto opened = Decode<TaskOpened>(
      R"({"task_id":"t","instance_id":"i","sop_id":"a","step_id":"s","unit_id":"u",)"
      R"("role":"r","due_at":null,"calendar_incomplete":false})");
  EXPECT_FALSE(opened.clock_from);
  EXPECT_FALSE(opened.due_at);
  EXPECT_FALSE(Decode<SopStarted>(R"({"instance_id":"i","sop_id":"a","state":{}})").parent_id);
  auto facts = Decode<CaseFactsRecorded>(R"({"facts":{"child":true}})");
  EXPECT_TRUE(facts.consents.empty());
  // A required field missing is a corrupt event.
  EXPECT_THROW(Decode<TaskClosed>(R"({"reason":"sop_ended"})"), StoreError);
  EXPECT_THROW(Decode<TaskOpened>(R"({"task_id":"t"})"), StoreError);
  EXPECT_THROW(Decode<SopEnded>(R"({"instance_id":"i","reason":"x"})"), StoreError);
}

TEST(EventTypes, UserEvents) {
  ExpectPinned(UserCreated{"siti", "Siti", {{"u1", "case_worker"}, {"u1", "admin"}}, std::nullopt},
               "");
  ExpectPinned(UserCreated{"mitra", "Mitra", {}, "p1"}, "");
  ExpectPinned(UserRolesSet{"u1", {"case_worker", "unit_head"}}, "");
  ExpectPinned(UserLanguageSet{"en"}, "");
  ExpectPinned(UserLoggedIn{"10.0.0.1"}, "");
  ExpectPinned(UserLoginFailed{"10.0.0.2"}, "");
  ExpectPinned(UserLockedOut{"2026-01-02T03:04:05Z"}, "");
  ExpectPinned(UserDisabled{}, "");
  ExpectPinned(UserEnabled{}, "");
  ExpectPinned(UserPasswordChanged{}, "");
  ExpectPinned(UserTotpEnabled{}, "");
  ExpectPinned(UserTotpDisabled{}, "");
  EXPECT_EQ(UserTotpDisabled::kType, "UserTotpDisabled");
  EXPECT_THROW(Decode<UserCreated>(R"({"username":"a","display_name":"A"})"), StoreError);
}

TEST(EventTypes, UnitAndPartnerEvents) {
  ExpectPinned(UnitCreated{"KALTENG", "UPTD PPA", "provinsi", "Asia/Jakarta", "Kalimantan Tengah",
                           "kalteng"},
               "");
  ExpectPinned(UnitCreated{"X", "Unit X", "nasional", "Asia/Jayapura", std::nullopt, std::nullopt},
               "");
  ExpectPinned(UnitSopPackSet{"kalteng"}, "");
  ExpectPinned(UnitTwoFactorPolicySet{true}, "");
  ExpectPinned(UnitLetterheadSet{{{"name", "UPTD"}, {"head", json::object{{"name", "B"}}}}}, "");
  ExpectPinned(PartnerCreated{"POL", "Polres", "police", "u1", "Palangka Raya"}, "");
  ExpectPinned(PartnerCreated{"RS", "RSUD", "health", std::nullopt, std::nullopt}, "");
  // Partners before the directory: every unit's, no area.
  auto old = Decode<PartnerCreated>(R"({"code":"A","name":"A","kind":"legal_aid"})");
  EXPECT_FALSE(old.unit_id);
  EXPECT_FALSE(old.area);
  EXPECT_FALSE(Decode<UnitSopPackSet>("{}").sop_pack);
}

TEST(EventTypes, ShelterEvents) {
  ShelterFields f{"Rumah Aman", "safe_house", 6, "women_children", 17, "enc1.addr", std::nullopt};
  ExpectPinned(ShelterRegistered{f, "u1"}, "");
  f.max_age = std::nullopt;
  f.phone = "0812";
  ExpectPinned(ShelterUpdated{f}, "");
  ExpectPinned(ShelterBedTaken{"st1"}, "");
  ExpectPinned(ShelterStayStarted{"st1", "sh1", "p1", "2026-01-02", 14, "enc1.r", "t1", "place",
                                  true, "enc1.o"},
               "");
  ExpectPinned(ShelterStayStarted{"st2", "sh1", "p1", "2026-01-02", 7, "enc1.r", std::nullopt,
                                  std::nullopt, false, std::nullopt},
               "");
  ExpectPinned(ShelterStayEnded{"st1", "sh1", "p1", "2026-01-09", "other", "enc1.n"}, "");
  ExpectPinned(ShelterStayEnded{"st2", "sh1", "p1", "2026-01-09", "returned_home", std::nullopt},
               "");
  EXPECT_THROW(Decode<ShelterRegistered>(R"({"name":"A","kind":"k","takes":"t",)"
                                         R"("address":"a","unit_id":"u"})"),
               StoreError);
}

TEST(EventTypes, CaseWorkEvents) {
  ExpectPinned(PlanUpdated{2,
                           {{"g1", "enc1.g"}},
                           {{"sv1", "health", "RSUD", "p1", std::nullopt, "2026-01-02",
                             std::nullopt, "planned", std::nullopt},
                            {"sv2", "legal", "LBH", std::nullopt, "user-1", "2026-01-02",
                             "2026-02-01", "done", "enc1.n"}}},
               "");
  ExpectPinned(MeetingRecorded{"m1",
                               "case_conference",
                               "2026-01-02T03:04:05Z",
                               "enc1.place",
                               {"user-1"},
                               {"p1"},
                               {{"enc1.mother", "person-2"}, {"enc1.uncle", std::nullopt}},
                               {"enc1.other"},
                               "enc1.agenda",
                               {"enc1.d"},
                               {"enc1.f"}},
               "");
  ExpectPinned(MonitoringRecorded{"n1",
                                  "2026-01-02",
                                  "home_visit",
                                  "enc1.c",
                                  {{"g1", "on_track", std::nullopt}, {"g2", "done", "enc1.x"}},
                                  "2026-02-02",
                                  "enc1.notes"},
               "");
  ExpectPinned(
      MonitoringRecorded{"n2", "2026-01-03", "phone", "enc1.c", {}, std::nullopt, std::nullopt},
      "");
}

TEST(EventTypes, ClosingEvents) {
  ExpectPinned(CaseTerminated{"tm1",
                              "completed",
                              std::nullopt,
                              "terminasi",
                              {{"tanggal", "2026-01-02"}},
                              std::nullopt,
                              "enc1.s",
                              {"t1"},
                              false,
                              std::nullopt,
                              std::nullopt},
               "");
  ExpectPinned(CaseTerminated{"tm2",
                              "unilateral",
                              "client_withdrew",
                              "terminasi",
                              {},
                              "d1",
                              "enc1.s",
                              {},
                              true,
                              std::nullopt,
                              "enc1.w"},
               "");
  ExpectPinned(CaseTerminated{"tm3",
                              "completed",
                              std::nullopt,
                              "terminasi",
                              {},
                              std::nullopt,
                              "enc1.s",
                              {},
                              true,
                              "m1",
                              std::nullopt},
               "");
  ExpectPinned(ReporterInformed{"t1", "phone", "2026-01-02T03:04:05Z", "user-1"}, "");
  ExpectPinned(CaseClosed{"c1",
                          "sop_end",
                          "cannot_follow_up",
                          "kalteng/a",
                          "i1",
                          "t1",
                          "user-1",
                          "phone",
                          "2026-01-02T03:04:05Z",
                          {"t2"}},
               "");
  ExpectPinned(CaseReopened{"enc1.r", "in_progress", "tm1"}, "");
  ExpectPinned(CaseReopened{"enc1.r", "in_progress", std::nullopt}, "");
  // A termination before case conferences were required has neither conference field.
  auto t = Decode<CaseTerminated>(
      R"({"termination_id":"x","kind":"completed","reason":null,"form_id":"terminasi",)"
      R"("form":{},"form_document_id":null,"summary":"s","closed_tasks":[]})");
  EXPECT_FALSE(t.conference_required);
}

}  // namespace
}  // namespace lindungi::store::events
