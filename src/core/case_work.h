// Case work after assessment (GLOSSARY "Case work"; docs/case-work.md): the intervention plan
// (rencana intervensi) with its goals and planned services, case conferences and family
// meetings, monitoring notes (pemantauan), termination (terminasi, normal or unilateral) and
// reopening. The values a unit records and the rules between them. Pure; no I/O.
// Termination, closing and reopening are in core/termination.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace lindungi {

// The kinds of service a plan lists: Luwu Utara "Proses Perencanaan Intervensi" step 2 a-e
// (health, psychological counselling / recovery, social rehabilitation, legal, accompaniment
// of child, family and community by PATBM) and the further services of Permen PPPA 2/2022
// and SIMFONI's "layanan yang diterima" a unit plans itself.
inline constexpr std::string_view kPlanServiceTypes[] = {
    "health",  "psychological", "social_rehabilitation", "legal",        "family_community",
    "shelter", "mediation",     "reintegration",         "repatriation", "religious",
    "other"};
// A planned service's progress: planned -> in_progress -> done, or cancelled before done.
inline constexpr std::string_view kServiceStatuses[] = {"planned", "in_progress", "done",
                                                        "cancelled"};
// Who provides a planned service: the unit itself or a partner organisation (partner_id).
inline constexpr std::string_view kProviderKinds[] = {"unit", "partner"};

inline constexpr std::string_view kMeetingKinds[] = {"case_conference", "family_meeting"};
// How a monitoring contact was made (Luwu Utara "kunjungan/kontak kepada penerima manfaat").
inline constexpr std::string_view kMonitoringMethods[] = {"home_visit", "phone",        "office",
                                                          "video_call", "school_visit", "other"};
// How far a goal has come, as a monitoring note sees it.
inline constexpr std::string_view kGoalProgress[] = {"not_started", "in_progress", "achieved",
                                                     "not_achieved"};

inline constexpr std::size_t kMaxGoals = 30, kMaxServices = 50, kMaxListItems = 50;

struct PlanGoal {
  std::string id;    // client-chosen, unique in the plan ("g1"): monitoring notes name it
  std::string text;  // sealed
};

struct PlannedService {
  std::string id;                          // unique in the plan
  std::string type;                        // kPlanServiceTypes
  std::string provider;                    // kProviderKinds
  std::optional<std::string> partner_id;   // when provider is partner
  std::optional<std::string> responsible;  // a staff user id of the unit
  std::string start;                       // YYYY-MM-DD
  std::optional<std::string> end;          // YYYY-MM-DD, not before start
  std::string status = "planned";          // kServiceStatuses
  std::optional<std::string> note;         // sealed
};

struct PlanInput {
  std::int64_t version = 0;  // the plan version this replaces (0: the first plan)
  std::vector<PlanGoal> goals;
  std::vector<PlannedService> services;
};

// Shape of a plan: at least one goal, ids unique and 1..40 of [a-z0-9_-], known types and
// statuses, a partner_id exactly when the provider is a partner, real dates with end >=
// start, texts within limits. Errors name the field ("services[1].end").
Status ValidatePlan(const PlanInput& in);

// Whether a planned service may move from `from` to `to`: forward along planned ->
// in_progress -> done, or to cancelled before done; staying is fine. kFailedPrecondition
// "invalid_service_transition" otherwise (done and cancelled are final). `field` names it.
Status CheckServiceTransition(std::string_view from, std::string_view to, const std::string& field);

// A planned service as the current plan has it.
struct ServiceState {
  std::string id, status;
};
// A new plan against the current one: each service keeps to CheckServiceTransition, and a
// service already in progress or done stays in the plan (cancel it instead):
// kFailedPrecondition "service_removed".
Status CheckPlanProgress(const std::vector<ServiceState>& before, const PlanInput& after);

struct FamilyParticipant {
  std::string role;                      // e.g. mother, father, guardian, aunt
  std::optional<std::string> person_id;  // a person on the case, when recorded
};

struct MeetingInput {
  std::string kind;                   // kMeetingKinds
  std::string held_at;                // YYYY-MM-DD or RFC 3339, not in the future
  std::string place;                  // sealed
  std::vector<std::string> staff;     // user ids of the unit
  std::vector<std::string> partners;  // partner organisation ids
  std::vector<FamilyParticipant> family;
  std::vector<std::string> others;      // free text ("Kepala Desa"), sealed
  std::string agenda;                   // sealed
  std::vector<std::string> decisions;   // sealed, each
  std::vector<std::string> follow_ups;  // sealed, each
};
// A meeting has someone in it (staff, partners, family or others), a family meeting has
// family; dates real and not in the future (`now`); texts within limits.
Status ValidateMeeting(const MeetingInput& in, Instant now);

struct GoalProgress {
  std::string goal_id;
  std::string status;               // kGoalProgress
  std::optional<std::string> note;  // sealed
};

struct MonitoringInput {
  std::string date;              // YYYY-MM-DD, not in the future
  std::string method;            // kMonitoringMethods
  std::string client_condition;  // sealed
  std::vector<GoalProgress> progress;
  std::optional<std::string> next_date;  // YYYY-MM-DD, after `date`
  std::optional<std::string> notes;      // sealed
};
// Shape of a note; every goal_id must be a goal of the plan (`plan_goals`), once.
Status ValidateMonitoring(const MonitoringInput& in, const std::vector<std::string>& plan_goals,
                          Instant now);

}  // namespace lindungi
