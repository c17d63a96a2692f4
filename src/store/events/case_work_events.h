// Case work on a case stream: the intervention plan, meetings, monitoring, and the case's
// termination, closing and reopening (docs/case-work.md). Sealed fields hold ciphertext.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/events/event.h"

namespace lindungi::store::events {

struct PlanGoal {
  std::string id, text;  // text sealed
  bool operator==(const PlanGoal&) const = default;
};

struct PlanService {
  std::string id, type, provider;
  std::optional<std::string> partner_id, responsible;  // null when none
  std::string start;
  std::optional<std::string> end;  // null: open-ended
  std::string status;
  std::optional<std::string> note;  // sealed; null when none
  bool operator==(const PlanService&) const = default;
};

// The plan's whole new version.
struct PlanUpdated {
  static constexpr std::string_view kType = "PlanUpdated";
  std::int64_t version = 0;
  std::vector<PlanGoal> goals;
  std::vector<PlanService> services;
  boost::json::object Payload() const;
  static PlanUpdated From(const boost::json::object& p);
  bool operator==(const PlanUpdated&) const = default;
};

struct MeetingFamilyMember {
  std::string role;                      // sealed
  std::optional<std::string> person_id;  // null: not a person of the case
  bool operator==(const MeetingFamilyMember&) const = default;
};

struct MeetingRecorded {
  static constexpr std::string_view kType = "MeetingRecorded";
  std::string meeting_id, kind, held_at, place;  // place sealed
  std::vector<std::string> staff, partners;      // participants
  std::vector<MeetingFamilyMember> family;
  std::vector<std::string> others;                 // sealed
  std::string agenda;                              // sealed
  std::vector<std::string> decisions, follow_ups;  // sealed
  boost::json::object Payload() const;
  static MeetingRecorded From(const boost::json::object& p);
  bool operator==(const MeetingRecorded&) const = default;
};

struct GoalProgress {
  std::string goal_id, status;
  std::optional<std::string> note;  // sealed; null when none
  bool operator==(const GoalProgress&) const = default;
};

struct MonitoringRecorded {
  static constexpr std::string_view kType = "MonitoringRecorded";
  std::string note_id, date, method, client_condition;  // client_condition sealed
  std::vector<GoalProgress> progress;
  std::optional<std::string> next_date;  // null when none
  std::optional<std::string> notes;      // sealed; null when none
  boost::json::object Payload() const;
  static MonitoringRecorded From(const boost::json::object& p);
  bool operator==(const MonitoringRecorded&) const = default;
};

struct CaseTerminated {
  static constexpr std::string_view kType = "CaseTerminated";
  std::string termination_id, kind;
  std::optional<std::string> reason;  // null when none
  std::string form_id;
  boost::json::object form;  // the termination form's values, sensitive ones sealed
  std::optional<std::string> form_document_id;  // null: typed here, not filed before
  std::string summary;                          // sealed
  std::vector<std::string> closed_tasks;
  // Only when a case conference was required: the meeting (null when waived) and the
  // waiver's sealed reason.
  bool conference_required = false;
  std::optional<std::string> case_conference;
  std::optional<std::string> conference_waiver;
  boost::json::object Payload() const;
  static CaseTerminated From(const boost::json::object& p);
  bool operator==(const CaseTerminated&) const = default;
};

// How the reporter was told that the matter is closed.
struct ReporterInformed {
  static constexpr std::string_view kType = "ReporterInformed";
  std::string task_id, method, at, by;
  boost::json::object Payload() const;
  static ReporterInformed From(const boost::json::object& p);
  bool operator==(const ReporterInformed&) const = default;
};

// An SOP end that closed the matter (kind sop_end).
struct CaseClosed {
  static constexpr std::string_view kType = "CaseClosed";
  std::string closure_id, kind;
  std::optional<std::string> reason;  // the SOP's end reason
  std::string sop_id, instance_id, task_id;
  std::string informed_by, informed_method, informed_at;  // "informed"
  std::vector<std::string> closed_tasks;
  boost::json::object Payload() const;
  static CaseClosed From(const boost::json::object& p);
  bool operator==(const CaseClosed&) const = default;
};

struct CaseReopened {
  static constexpr std::string_view kType = "CaseReopened";
  std::string reason;  // sealed
  std::string status;
  std::optional<std::string> termination_id;  // the closing it undoes; null if none
  boost::json::object Payload() const;
  static CaseReopened From(const boost::json::object& p);
  bool operator==(const CaseReopened&) const = default;
};

}  // namespace lindungi::store::events
