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
               R"({"facts":{"child":true,"risk_level":"high"},"consents":["services"],)"
               R"("documents":["bap"]})");
  ExpectPinned(SopStarted{"i1", "kalteng/a", State(), std::nullopt},
               R"({"instance_id":"i1","sop_id":"kalteng/a","state":{"open":["s2"],"ended":false,)"
               R"("end_reason":""}})");
  ExpectPinned(SopStarted{"i2", "kalteng/b", State(), "i1"},
               R"({"instance_id":"i2","sop_id":"kalteng/b","state":{"open":["s2"],"ended":false,)"
               R"("end_reason":""},"parent_id":"i1"})");
  ExpectPinned(TaskOpened{"t1", "i1", "kalteng/a", "s1", "u1", "case_worker",
                          "2026-01-02T03:04:05Z", true, std::nullopt},
               R"({"task_id":"t1","instance_id":"i1","sop_id":"kalteng/a","step_id":"s1",)"
               R"("unit_id":"u1","role":"case_worker","due_at":"2026-01-02T03:04:05Z",)"
               R"("calendar_incomplete":true})");
  ExpectPinned(TaskOpened{"t2", "i1", "kalteng/a", "s2", "u1", "case_manager", std::nullopt, false,
                          "2026-01-01T00:00:00Z"},
               R"({"task_id":"t2","instance_id":"i1","sop_id":"kalteng/a","step_id":"s2",)"
               R"("unit_id":"u1","role":"case_manager","due_at":null,"calendar_incomplete":false,)"
               R"("clock_from":"2026-01-01T00:00:00Z"})");
  ExpectPinned(StepSkipped{"i1", "s3"}, R"({"instance_id":"i1","step_id":"s3"})");
  ExpectPinned(
      TaskCompleted{"t1",
                    "i1",
                    "s1",
                    "escalate",
                    "enc1.note",
                    {"bap", "ba"},
                    true,
                    State(),
                    TaskDuration{1.5, "working_days"}},
      R"({"task_id":"t1","instance_id":"i1","step_id":"s1","outcome":"escalate",)"
      R"("note":"enc1.note","documents":["bap","ba"],"waived":true,"state":{"open":["s2"],)"
      R"("ended":false,"end_reason":""},"duration":{"value":1.5E0,"unit":"working_days"}})");
  ExpectPinned(
      TaskCompleted{
          "t3", "i9", "s1", std::nullopt, std::nullopt, {}, false, json::object(), std::nullopt},
      R"({"task_id":"t3","instance_id":"i9","step_id":"s1","outcome":null,"note":null,)"
      R"("documents":[],"waived":false,"state":{}})");
  ExpectPinned(TaskRequirementsWaived{"t1", {"consent:services"}, "enc1.why"},
               R"({"task_id":"t1","requirements":["consent:services"],"reason":"enc1.why"})");
  ExpectPinned(TaskAssigned{"t1", "user-1"}, R"({"task_id":"t1","assignee":"user-1"})");
  ExpectPinned(TaskAssigned{"t1", std::nullopt}, R"({"task_id":"t1","assignee":null})");
  ExpectPinned(TaskClosed{"t1", "case_closed"}, R"({"task_id":"t1","reason":"case_closed"})");
  ExpectPinned(SopEnded{"i1", "completed", State()},
               R"({"instance_id":"i1","reason":"completed","state":{"open":["s2"],"ended":false,)"
               R"("end_reason":""}})");
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
               R"({"username":"siti","display_name":"Siti","roles":[{"unit_id":"u1",)"
               R"("role":"case_worker"},{"unit_id":"u1","role":"admin"}]})");
  ExpectPinned(UserCreated{"mitra", "Mitra", {}, "p1"},
               R"({"username":"mitra","display_name":"Mitra","roles":[],"partner_id":"p1"})");
  ExpectPinned(UserRolesSet{"u1", {"case_worker", "unit_head"}},
               R"({"unit_id":"u1","roles":["case_worker","unit_head"]})");
  ExpectPinned(UserLanguageSet{"en"}, R"({"language":"en"})");
  ExpectPinned(UserLoggedIn{"10.0.0.1"}, R"({"address":"10.0.0.1"})");
  ExpectPinned(UserLoginFailed{"10.0.0.2"}, R"({"address":"10.0.0.2"})");
  ExpectPinned(UserLockedOut{"2026-01-02T03:04:05Z"}, R"({"until":"2026-01-02T03:04:05Z"})");
  ExpectPinned(UserDisabled{}, R"({})");
  ExpectPinned(UserEnabled{}, R"({})");
  ExpectPinned(UserPasswordChanged{}, R"({})");
  ExpectPinned(UserTotpEnabled{}, R"({})");
  ExpectPinned(UserTotpDisabled{}, R"({})");
  EXPECT_EQ(UserTotpDisabled::kType, "UserTotpDisabled");
  EXPECT_THROW(Decode<UserCreated>(R"({"username":"a","display_name":"A"})"), StoreError);
}

TEST(EventTypes, UnitAndPartnerEvents) {
  ExpectPinned(
      UnitCreated{"KALTENG", "UPTD PPA", "provinsi", "Asia/Jakarta", "Kalimantan Tengah",
                  "kalteng"},
      R"({"code":"KALTENG","name":"UPTD PPA","level":"provinsi","time_zone":"Asia/Jakarta",)"
      R"("province":"Kalimantan Tengah","sop_pack":"kalteng"})");
  ExpectPinned(UnitCreated{"X", "Unit X", "nasional", "Asia/Jayapura", std::nullopt, std::nullopt},
               R"({"code":"X","name":"Unit X","level":"nasional","time_zone":"Asia/Jayapura"})");
  ExpectPinned(UnitSopPackSet{"kalteng"}, R"({"sop_pack":"kalteng"})");
  ExpectPinned(UnitTwoFactorPolicySet{true}, R"({"required":true})");
  ExpectPinned(UnitLetterheadSet{{{"name", "UPTD"}, {"head", json::object{{"name", "B"}}}}},
               R"({"settings":{"name":"UPTD","head":{"name":"B"}}})");
  ExpectPinned(
      PartnerCreated{"POL", "Polres", "police", "u1", "Palangka Raya"},
      R"({"code":"POL","name":"Polres","kind":"police","unit_id":"u1","area":"Palangka Raya"})");
  ExpectPinned(PartnerCreated{"RS", "RSUD", "health", std::nullopt, std::nullopt},
               R"({"code":"RS","name":"RSUD","kind":"health"})");
  // Partners before the directory: every unit's, no area.
  auto old = Decode<PartnerCreated>(R"({"code":"A","name":"A","kind":"legal_aid"})");
  EXPECT_FALSE(old.unit_id);
  EXPECT_FALSE(old.area);
  EXPECT_FALSE(Decode<UnitSopPackSet>("{}").sop_pack);
}

TEST(EventTypes, ShelterEvents) {
  ShelterFields f{"Rumah Aman", "safe_house", 6, "women_children", 17, "enc1.addr", std::nullopt};
  ExpectPinned(ShelterRegistered{f, "u1"},
               R"({"name":"Rumah Aman","kind":"safe_house","capacity":6,"takes":"women_children",)"
               R"("max_age":17,"address":"enc1.addr","phone":null,"unit_id":"u1"})");
  f.max_age = std::nullopt;
  f.phone = "0812";
  ExpectPinned(ShelterUpdated{f},
               R"({"name":"Rumah Aman","kind":"safe_house","capacity":6,"takes":"women_children",)"
               R"("max_age":null,"address":"enc1.addr","phone":"0812"})");
  ExpectPinned(ShelterBedTaken{"st1"}, R"({"stay_id":"st1"})");
  ExpectPinned(ShelterStayStarted{"st1", "sh1", "p1", "2026-01-02", 14, "enc1.r", "t1", "place",
                                  true, "enc1.o"},
               R"({"stay_id":"st1","shelter_id":"sh1","person_id":"p1","admitted_on":"2026-01-02",)"
               R"("expected_days":14,"reason":"enc1.r","task_id":"t1","task_outcome":"place",)"
               R"("over_capacity":true,"override_reason":"enc1.o"})");
  ExpectPinned(ShelterStayStarted{"st2", "sh1", "p1", "2026-01-02", 7, "enc1.r", std::nullopt,
                                  std::nullopt, false, std::nullopt},
               R"({"stay_id":"st2","shelter_id":"sh1","person_id":"p1","admitted_on":"2026-01-02",)"
               R"("expected_days":7,"reason":"enc1.r","task_id":null,"task_outcome":null,)"
               R"("over_capacity":false})");
  ExpectPinned(
      ShelterStayEnded{"st1", "sh1", "p1", "2026-01-09", "other", "enc1.n"},
      R"({"stay_id":"st1","shelter_id":"sh1","person_id":"p1","discharged_on":"2026-01-09",)"
      R"("reason":"other","note":"enc1.n"})");
  ExpectPinned(
      ShelterStayEnded{"st2", "sh1", "p1", "2026-01-09", "returned_home", std::nullopt},
      R"({"stay_id":"st2","shelter_id":"sh1","person_id":"p1","discharged_on":"2026-01-09",)"
      R"("reason":"returned_home"})");
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
               R"({"version":2,"goals":[{"id":"g1","text":"enc1.g"}],"services":[{"id":"sv1",)"
               R"("type":"health","provider":"RSUD","partner_id":"p1","responsible":null,)"
               R"("start":"2026-01-02","end":null,"status":"planned","note":null},{"id":"sv2",)"
               R"("type":"legal","provider":"LBH","partner_id":null,"responsible":"user-1",)"
               R"("start":"2026-01-02","end":"2026-02-01","status":"done","note":"enc1.n"}]})");
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
               R"({"meeting_id":"m1","kind":"case_conference","held_at":"2026-01-02T03:04:05Z",)"
               R"("place":"enc1.place","participants":{"staff":["user-1"],"partners":["p1"],)"
               R"("family":[{"role":"enc1.mother","person_id":"person-2"},{"role":"enc1.uncle",)"
               R"("person_id":null}],"others":["enc1.other"]},"agenda":"enc1.agenda",)"
               R"("decisions":["enc1.d"],"follow_ups":["enc1.f"]})");
  ExpectPinned(MonitoringRecorded{"n1",
                                  "2026-01-02",
                                  "home_visit",
                                  "enc1.c",
                                  {{"g1", "on_track", std::nullopt}, {"g2", "done", "enc1.x"}},
                                  "2026-02-02",
                                  "enc1.notes"},
               R"({"note_id":"n1","date":"2026-01-02","method":"home_visit",)"
               R"("client_condition":"enc1.c","progress":[{"goal_id":"g1","status":"on_track",)"
               R"("note":null},{"goal_id":"g2","status":"done","note":"enc1.x"}],)"
               R"("next_date":"2026-02-02","notes":"enc1.notes"})");
  ExpectPinned(
      MonitoringRecorded{"n2", "2026-01-03", "phone", "enc1.c", {}, std::nullopt, std::nullopt},
      R"({"note_id":"n2","date":"2026-01-03","method":"phone","client_condition":"enc1.c",)"
      R"("progress":[],"next_date":null,"notes":null})");
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
               R"({"termination_id":"tm1","kind":"completed","reason":null,"form_id":"terminasi",)"
               R"("form":{"tanggal":"2026-01-02"},"form_document_id":null,"summary":"enc1.s",)"
               R"("closed_tasks":["t1"]})");
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
               R"({"termination_id":"tm2","kind":"unilateral","reason":"client_withdrew",)"
               R"("form_id":"terminasi","form":{},"form_document_id":"d1","summary":"enc1.s",)"
               R"("closed_tasks":[],"case_conference":null,"conference_waiver":"enc1.w"})");
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
               R"({"termination_id":"tm3","kind":"completed","reason":null,"form_id":"terminasi",)"
               R"("form":{},"form_document_id":null,"summary":"enc1.s","closed_tasks":[],)"
               R"("case_conference":"m1"})");
  ExpectPinned(ReporterInformed{"t1", "phone", "2026-01-02T03:04:05Z", "user-1"},
               R"({"task_id":"t1","method":"phone","at":"2026-01-02T03:04:05Z","by":"user-1"})");
  ExpectPinned(
      CaseClosed{"c1",
                 "sop_end",
                 "cannot_follow_up",
                 "kalteng/a",
                 "i1",
                 "t1",
                 "user-1",
                 "phone",
                 "2026-01-02T03:04:05Z",
                 {"t2"}},
      R"({"closure_id":"c1","kind":"sop_end","reason":"cannot_follow_up",)"
      R"("sop_id":"kalteng/a","instance_id":"i1","task_id":"t1","informed":{"by":"user-1",)"
      R"("method":"phone","at":"2026-01-02T03:04:05Z"},"closed_tasks":["t2"]})");
  ExpectPinned(CaseReopened{"enc1.r", "in_progress", "tm1"},
               R"({"reason":"enc1.r","status":"in_progress","termination_id":"tm1"})");
  ExpectPinned(CaseReopened{"enc1.r", "in_progress", std::nullopt},
               R"({"reason":"enc1.r","status":"in_progress","termination_id":null})");
  // A termination before case conferences were required has neither conference field.
  auto t = Decode<CaseTerminated>(
      R"({"termination_id":"x","kind":"completed","reason":null,"form_id":"terminasi",)"
      R"("form":{},"form_document_id":null,"summary":"s","closed_tasks":[]})");
  EXPECT_FALSE(t.conference_required);
}

}  // namespace
}  // namespace lindungi::store::events
