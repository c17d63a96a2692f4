// Case work rules (core/case_work.h, core/termination.h), branch by branch.
#include <gtest/gtest.h>

#include "core/case_work.h"
#include "core/termination.h"

namespace lindungi {
namespace {

Instant Now() {
  return *ParseInstant("2026-06-15T03:00:00Z");
}

PlanInput GoodPlan() {
  PlanInput p;
  p.goals = {{"g1", "Klien pulih secara psikologis"}, {"g2", "Proses hukum berjalan"}};
  p.services = {{"s1", "psychological", "unit", std::nullopt, std::nullopt, "2026-06-01",
                 "2026-08-31", "planned", std::nullopt},
                {"s2", "legal", "partner", "0c8b2d6e-1f3a-4b5c-9d7e-2a1b3c4d5e6f", std::nullopt,
                 "2026-06-10", std::nullopt, "in_progress", "LBH"}};
  return p;
}

std::string CodeOf(const Status& s) {
  return s ? "" : s.error().code;
}
std::string FieldOf(const Status& s) {
  return s ? "" : s.error().field;
}

TEST(CaseWorkPlanTest, AGoodPlanPasses) {
  EXPECT_TRUE(ValidatePlan(GoodPlan()));
}

TEST(CaseWorkPlanTest, EachRuleOfAPlan) {
  auto p = GoodPlan();
  p.goals.clear();
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "required");
  p = GoodPlan();
  p.version = -1;
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "invalid_number");
  p = GoodPlan();
  p.goals[1].id = "g1";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "duplicate_id");
  EXPECT_EQ(FieldOf(ValidatePlan(p)), "goals[1].id");
  p = GoodPlan();
  p.goals[0].id = "Goal One";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "invalid_id");
  p = GoodPlan();
  p.goals[0].text = " ";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "required");
  p = GoodPlan();
  p.services[1].id = "s1";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "duplicate_id");
  p = GoodPlan();
  p.services[0].type = "astrology";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "invalid_value");
  EXPECT_EQ(FieldOf(ValidatePlan(p)), "services[0].type");
  p = GoodPlan();
  p.services[0].provider = "neighbour";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "invalid_value");
  p = GoodPlan();
  p.services[1].partner_id.reset();
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "partner_id_mismatch");
  p = GoodPlan();
  p.services[0].partner_id = "0c8b2d6e-1f3a-4b5c-9d7e-2a1b3c4d5e6f";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "partner_id_mismatch") << "the unit itself has no partner";
  p = GoodPlan();
  p.services[0].status = "paused";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "invalid_value");
  p = GoodPlan();
  p.services[0].start = "2026-02-30";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "invalid_date");
  p = GoodPlan();
  p.services[0].end = "2026-05-31";
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "end_before_start");
  EXPECT_EQ(FieldOf(ValidatePlan(p)), "services[0].end");
  p = GoodPlan();
  p.services[0].end = p.services[0].start;
  EXPECT_TRUE(ValidatePlan(p)) << "a one-day service";
  p = GoodPlan();
  p.goals.resize(kMaxGoals + 1, PlanGoal{"x", "text"});
  EXPECT_EQ(CodeOf(ValidatePlan(p)), "too_many");
}

TEST(CaseWorkPlanTest, ServicesMoveForwardOnly) {
  EXPECT_TRUE(CheckServiceTransition("planned", "planned", "f"));
  EXPECT_TRUE(CheckServiceTransition("planned", "in_progress", "f"));
  EXPECT_TRUE(CheckServiceTransition("planned", "done", "f"));
  EXPECT_TRUE(CheckServiceTransition("planned", "cancelled", "f"));
  EXPECT_TRUE(CheckServiceTransition("in_progress", "done", "f"));
  EXPECT_TRUE(CheckServiceTransition("in_progress", "cancelled", "f"));
  EXPECT_EQ(CodeOf(CheckServiceTransition("in_progress", "planned", "f")),
            "invalid_service_transition");
  EXPECT_EQ(CodeOf(CheckServiceTransition("done", "in_progress", "f")),
            "invalid_service_transition");
  EXPECT_EQ(CodeOf(CheckServiceTransition("done", "cancelled", "f")), "invalid_service_transition");
  EXPECT_EQ(CodeOf(CheckServiceTransition("cancelled", "planned", "f")),
            "invalid_service_transition");
  EXPECT_EQ(FieldOf(CheckServiceTransition("done", "planned", "services[3].status")),
            "services[3].status");
}

TEST(CaseWorkPlanTest, AStartedServiceStaysInThePlan) {
  auto next = GoodPlan();
  EXPECT_TRUE(CheckPlanProgress({}, next)) << "the first plan";
  EXPECT_TRUE(CheckPlanProgress({{"s1", "planned"}, {"s2", "planned"}}, next));
  EXPECT_EQ(CodeOf(CheckPlanProgress({{"s2", "done"}}, next)), "invalid_service_transition");
  EXPECT_EQ(FieldOf(CheckPlanProgress({{"s2", "done"}}, next)), "services[1].status");
  EXPECT_TRUE(CheckPlanProgress({{"s9", "planned"}}, next)) << "a planned service may go";
  EXPECT_TRUE(CheckPlanProgress({{"s9", "cancelled"}}, next));
  EXPECT_EQ(CodeOf(CheckPlanProgress({{"s9", "in_progress"}}, next)), "service_removed");
  EXPECT_EQ(CodeOf(CheckPlanProgress({{"s9", "done"}}, next)), "service_removed");
}

MeetingInput GoodMeeting() {
  MeetingInput m;
  m.kind = "case_conference";
  m.held_at = "2026-06-14";
  m.place = "Ruang rapat UPTD";
  m.staff = {"u1"};
  m.agenda = "Membahas rencana terminasi";
  m.decisions = {"Terminasi disepakati"};
  return m;
}

TEST(CaseWorkMeetingTest, EachRuleOfAMeeting) {
  EXPECT_TRUE(ValidateMeeting(GoodMeeting(), Now()));
  auto m = GoodMeeting();
  m.kind = "party";
  EXPECT_EQ(CodeOf(ValidateMeeting(m, Now())), "invalid_value");
  m = GoodMeeting();
  m.held_at = "2026-06-17";
  EXPECT_EQ(CodeOf(ValidateMeeting(m, Now())), "date_in_future");
  m.held_at = "2026-06-15T09:00:00Z";
  EXPECT_EQ(CodeOf(ValidateMeeting(m, Now())), "date_in_future");
  m.held_at = "2026-06-15T02:00:00Z";
  EXPECT_TRUE(ValidateMeeting(m, Now()));
  m.held_at = "yesterday";
  EXPECT_EQ(CodeOf(ValidateMeeting(m, Now())), "invalid_date");
  m = GoodMeeting();
  m.staff.clear();
  EXPECT_EQ(CodeOf(ValidateMeeting(m, Now())), "no_participants");
  m.others = {"Kepala Desa"};
  EXPECT_TRUE(ValidateMeeting(m, Now())) << "others count as participants";
  m = GoodMeeting();
  m.kind = "family_meeting";
  EXPECT_EQ(CodeOf(ValidateMeeting(m, Now())), "family_required");
  m.family = {{"mother", std::nullopt}};
  EXPECT_TRUE(ValidateMeeting(m, Now()));
  m.family[0].role = "";
  EXPECT_EQ(FieldOf(ValidateMeeting(m, Now())), "participants.family[0].role");
  m = GoodMeeting();
  m.agenda = "";
  EXPECT_EQ(CodeOf(ValidateMeeting(m, Now())), "required");
  m = GoodMeeting();
  m.place = "Ruang\nrapat";
  EXPECT_EQ(CodeOf(ValidateMeeting(m, Now())), "control_characters");
  m = GoodMeeting();
  m.decisions = {"ok", std::string(2001, 'a')};
  EXPECT_EQ(FieldOf(ValidateMeeting(m, Now())), "decisions[1]");
  m = GoodMeeting();
  m.follow_ups.assign(kMaxListItems + 1, "Kunjungan rumah");
  EXPECT_EQ(CodeOf(ValidateMeeting(m, Now())), "too_many");
}

MonitoringInput GoodNote() {
  MonitoringInput n;
  n.date = "2026-06-14";
  n.method = "home_visit";
  n.client_condition = "Klien mulai bersekolah lagi";
  n.progress = {{"g1", "in_progress", "Konseling ke-3"}};
  n.next_date = "2026-07-14";
  return n;
}

TEST(CaseWorkMonitoringTest, EachRuleOfANote) {
  std::vector<std::string> goals{"g1", "g2"};
  EXPECT_TRUE(ValidateMonitoring(GoodNote(), goals, Now()));
  auto n = GoodNote();
  n.date = "2026-06-20";
  EXPECT_EQ(CodeOf(ValidateMonitoring(n, goals, Now())), "date_in_future");
  n = GoodNote();
  n.method = "telepathy";
  EXPECT_EQ(CodeOf(ValidateMonitoring(n, goals, Now())), "invalid_value");
  n = GoodNote();
  n.client_condition = "";
  EXPECT_EQ(CodeOf(ValidateMonitoring(n, goals, Now())), "required");
  n = GoodNote();
  n.progress[0].goal_id = "g7";
  EXPECT_EQ(CodeOf(ValidateMonitoring(n, goals, Now())), "unknown_goal");
  EXPECT_EQ(CodeOf(ValidateMonitoring(GoodNote(), {}, Now())), "unknown_goal")
      << "progress needs a plan";
  n = GoodNote();
  n.progress.push_back({"g1", "achieved", std::nullopt});
  EXPECT_EQ(CodeOf(ValidateMonitoring(n, goals, Now())), "duplicate_goal");
  n = GoodNote();
  n.progress[0].status = "finished";
  EXPECT_EQ(CodeOf(ValidateMonitoring(n, goals, Now())), "invalid_value");
  n = GoodNote();
  n.next_date = "2026-06-14";
  EXPECT_EQ(CodeOf(ValidateMonitoring(n, goals, Now())), "next_date_not_after");
  n.next_date = "2026-13-01";
  EXPECT_EQ(CodeOf(ValidateMonitoring(n, goals, Now())), "invalid_date");
  n = GoodNote();
  n.progress.clear();
  n.next_date.reset();
  EXPECT_TRUE(ValidateMonitoring(n, {}, Now())) << "a note without a plan";
}

TEST(CaseWorkTerminationTest, KindReasonAndTheFormAgree) {
  TerminationInput normal{"normal", std::nullopt, "Tujuan tercapai", std::nullopt};
  EXPECT_TRUE(ValidateTermination(normal, "agreed", ""));
  EXPECT_EQ(CodeOf(ValidateTermination(normal, "unilateral", "")), "form_kind_mismatch");
  EXPECT_EQ(CodeOf(ValidateTermination(normal, "", "")), "form_kind_mismatch");
  normal.reason = "died";
  EXPECT_EQ(CodeOf(ValidateTermination(normal, "agreed", "")), "reason_not_applicable");

  TerminationInput unilateral{"unilateral", std::nullopt, "Klien pindah tanpa kabar", std::nullopt};
  EXPECT_EQ(CodeOf(ValidateTermination(unilateral, "unilateral", "missing")), "reason_required");
  unilateral.reason = "moved";
  EXPECT_EQ(CodeOf(ValidateTermination(unilateral, "unilateral", "moved")), "invalid_value");
  for (auto r : kUnilateralReasons) {
    unilateral.reason = std::string(r);
    EXPECT_TRUE(ValidateTermination(unilateral, "unilateral", r)) << r;
    EXPECT_TRUE(IsUnilateralReason(r));
  }
  unilateral.reason = "missing";
  EXPECT_EQ(CodeOf(ValidateTermination(unilateral, "unilateral", "died")), "form_reason_mismatch");
  EXPECT_EQ(CodeOf(ValidateTermination(unilateral, "agreed", "")), "form_kind_mismatch");
  unilateral.summary = "";
  EXPECT_EQ(CodeOf(ValidateTermination(unilateral, "unilateral", "missing")), "required");
  EXPECT_EQ(CodeOf(ValidateTermination({"ended", std::nullopt, "x", std::nullopt}, "agreed", "")),
            "invalid_value");
  EXPECT_FALSE(IsUnilateralReason("goals_met"));
}

TEST(CaseWorkTerminationTest, WhatBlocksAndWhoCloses) {
  EXPECT_TRUE(CheckTerminationBlockers(0, 0));
  EXPECT_EQ(CodeOf(CheckTerminationBlockers(1, 0)), "shelter_stay_open");
  EXPECT_EQ(CodeOf(CheckTerminationBlockers(0, 2)), "referral_pending");
  EXPECT_EQ(CodeOf(CheckTerminationBlockers(1, 1)), "shelter_stay_open");
  EXPECT_EQ(CheckTerminationBlockers(0, 1).error().kind, ErrorKind::kConflict);

  EXPECT_TRUE(CheckCaseWorkLead(true, false));
  EXPECT_TRUE(CheckCaseWorkLead(false, true));
  EXPECT_EQ(CodeOf(CheckCaseWorkLead(false, false)), "case_manager_required");
  EXPECT_EQ(CheckCaseWorkLead(false, false).error().kind, ErrorKind::kPermissionDenied);
}

TEST(CaseWorkStatusTest, ClosedCasesTakeNoChangesButReopening) {
  EXPECT_TRUE(CheckCaseOpenForWork("open"));
  EXPECT_TRUE(CheckCaseOpenForWork("in_progress"));
  EXPECT_EQ(CodeOf(CheckCaseOpenForWork("closed")), "case_closed");
  EXPECT_EQ(CheckCaseOpenForWork("closed").error().kind, ErrorKind::kConflict);

  EXPECT_TRUE(CheckStatusChange("in_progress"));
  EXPECT_TRUE(CheckStatusChange("open"));
  EXPECT_EQ(CodeOf(CheckStatusChange("closed")), "use_termination");
  EXPECT_EQ(FieldOf(CheckStatusChange("closed")), "status");

  EXPECT_TRUE(CheckReopen("closed", "Klien kembali melapor"));
  EXPECT_EQ(CodeOf(CheckReopen("in_progress", "Klien kembali melapor")), "case_not_closed");
  EXPECT_EQ(CodeOf(CheckReopen("closed", "")), "required");
  EXPECT_EQ(CodeOf(CheckReopen("closed", "abc")), "invalid_length");
}

// Issue 12 item 6: where the pack requires a case conference, one recorded or a head's waiver.
TEST(CaseWorkTerminationTest, ACaseConferenceOrAHeadsWaiverWhereThePackRequiresIt) {
  const std::optional<std::string> none, waiver = "Klien pindah; tim tidak dapat berkumpul.";
  EXPECT_TRUE(CheckTerminationConference(false, false, none, false));
  EXPECT_TRUE(CheckTerminationConference(true, true, none, false));
  EXPECT_EQ(CodeOf(CheckTerminationConference(true, false, none, true)),
            "case_conference_required");
  EXPECT_EQ(CodeOf(CheckTerminationConference(true, false, waiver, false)), "head_required");
  EXPECT_TRUE(CheckTerminationConference(true, false, waiver, true));
  EXPECT_EQ(CodeOf(CheckTerminationConference(true, false, std::string("x"), true)),
            "invalid_length");
  EXPECT_EQ(CodeOf(CheckTerminationConference(true, true, waiver, true)), "nothing_to_waive");
  EXPECT_EQ(CodeOf(CheckTerminationConference(false, false, waiver, true)), "nothing_to_waive");
}

TEST(CaseWorkTerminationTest, HowTheReporterWasToldIsChecked) {
  Instant now = *ParseInstant("2026-12-03T10:00:00Z");
  EXPECT_TRUE(ValidateReporterInformed({"phone", "2026-12-03T09:00:00Z", std::nullopt}, now));
  EXPECT_TRUE(ValidateReporterInformed({"letter", "2026-12-01", std::nullopt}, now));
  EXPECT_EQ(CodeOf(ValidateReporterInformed({"pigeon", "2026-12-01", std::nullopt}, now)),
            "invalid_value");
  EXPECT_EQ(CodeOf(ValidateReporterInformed({"phone", "2026-12-05", std::nullopt}, now)),
            "date_in_future");
  EXPECT_EQ(CodeOf(ValidateReporterInformed({"phone", "kemarin", std::nullopt}, now)),
            "invalid_date");
}

}  // namespace
}  // namespace lindungi
