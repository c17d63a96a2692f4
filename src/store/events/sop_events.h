// The SOP engine's events on a case stream (docs/storage.md "SOP events").
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/events/event.h"

namespace lindungi::store::events {

// Facts set (true/false) or valued (text), consent scopes given, document kinds filed.
struct CaseFactsRecorded {
  static constexpr std::string_view kType = "CaseFactsRecorded";
  boost::json::object facts;  // name -> bool or text
  std::vector<std::string> consents;
  std::vector<std::string> documents;
  boost::json::object Payload() const;
  static CaseFactsRecorded From(const boost::json::object& p);
  bool operator==(const CaseFactsRecorded&) const = default;
};

struct SopStarted {
  static constexpr std::string_view kType = "SopStarted";
  std::string instance_id, sop_id;
  boost::json::object state;             // the engine's instance state
  std::optional<std::string> parent_id;  // the instance that started it
  boost::json::object Payload() const;
  static SopStarted From(const boost::json::object& p);
  bool operator==(const SopStarted&) const = default;
};

struct TaskOpened {
  static constexpr std::string_view kType = "TaskOpened";
  std::string task_id, instance_id, sop_id, step_id, unit_id, role;
  std::optional<std::string> due_at;  // null: no deadline
  bool calendar_incomplete = false;
  std::optional<std::string> clock_from;  // when the deadline counts from, if not now
  boost::json::object Payload() const;
  static TaskOpened From(const boost::json::object& p);
  bool operator==(const TaskOpened&) const = default;
};

struct StepSkipped {
  static constexpr std::string_view kType = "StepSkipped";
  std::string instance_id, step_id;
  boost::json::object Payload() const;
  static StepSkipped From(const boost::json::object& p);
  bool operator==(const StepSkipped&) const = default;
};

// How long a task took, in its step's unit (since migration 23; older events lack it).
struct TaskDuration {
  double value = 0;
  std::string unit;
  bool operator==(const TaskDuration&) const = default;
};

struct TaskCompleted {
  static constexpr std::string_view kType = "TaskCompleted";
  std::string task_id, instance_id, step_id;
  std::optional<std::string> outcome;  // null when the step has no decision
  std::optional<std::string> note;     // sealed; null when none
  std::vector<std::string> documents;
  bool waived = false;
  boost::json::object state;
  std::optional<TaskDuration> duration;
  boost::json::object Payload() const;
  static TaskCompleted From(const boost::json::object& p);
  bool operator==(const TaskCompleted&) const = default;
};

struct TaskRequirementsWaived {
  static constexpr std::string_view kType = "TaskRequirementsWaived";
  std::string task_id;
  std::vector<std::string> requirements;
  std::string reason;  // sealed
  boost::json::object Payload() const;
  static TaskRequirementsWaived From(const boost::json::object& p);
  bool operator==(const TaskRequirementsWaived&) const = default;
};

struct TaskAssigned {
  static constexpr std::string_view kType = "TaskAssigned";
  std::string task_id;
  std::optional<std::string> assignee;  // null: unassigned
  boost::json::object Payload() const;
  static TaskAssigned From(const boost::json::object& p);
  bool operator==(const TaskAssigned&) const = default;
};

// reason: sop_ended, case_terminated, case_closed, transferred.
struct TaskClosed {
  static constexpr std::string_view kType = "TaskClosed";
  std::string task_id, reason;
  boost::json::object Payload() const;
  static TaskClosed From(const boost::json::object& p);
  bool operator==(const TaskClosed&) const = default;
};

struct SopEnded {
  static constexpr std::string_view kType = "SopEnded";
  std::string instance_id, reason;
  boost::json::object state;
  boost::json::object Payload() const;
  static SopEnded From(const boost::json::object& p);
  bool operator==(const SopEnded&) const = default;
};

}  // namespace lindungi::store::events
