// SOP instances and tasks: a case's steps and a user's inbox.
// Each query runs on a caller's SqlConn (inside the caller's read snapshot or write
// transaction) and throws StoreError on storage failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/roles.h"
#include "store/sql.h"

namespace lindungi::store {

struct InstanceRecord {
  std::string id, case_id, sop_id, status, end_reason, started_at, started_by, ended_at, parent_id;
  std::string state;  // JSON: the engine's InstanceState
};

struct TaskRecord {
  std::string id, case_id, case_number, unit_id, instance_id, sop_id, step_id, role, assignee,
      status, opened_at, due_at, completed_at, completed_by, outcome, note;
  bool calendar_incomplete = false;
  std::string documents;  // JSON array text ("" while open)
  std::string waiver;     // JSON object text ("" if none)
  // When its deadline counts from, if not opened_at (the first step: when the complaint
  // arrived, docs/sop-format.md); "" otherwise.
  std::string clock_from;
};

// Open tasks for a user: those of the given (unit, role) pairs and those assigned to
// `assignee`, soonest due first (so overdue ones lead), tasks without a deadline last.
struct InboxFilter {
  std::vector<UnitRole> roles;           // unassigned open tasks of these (unit, role) pools
  std::vector<std::string> whole_units;  // every open task of these units (supervisors)
  // Units whose sensitive cases the caller sees (unit heads): elsewhere the pools and whole
  // units leave sensitive cases' tasks out (they reach people by assignment).
  std::vector<std::string> sensitive_units;
  std::string assignee;
  bool assigned_only = false;             // only tasks assigned to `assignee`
  std::optional<std::string> due_before;  // RFC 3339 UTC: only tasks due before (overdue)
  std::optional<std::string> case_id;
  std::optional<std::string> sop_id;
  std::int64_t limit = 50;
  // Keyset paging: only tasks after this (due_key, id) in inbox order.
  std::optional<std::pair<std::string, std::string>> after;
};

// A task's position in inbox order: its due_at, or this for a task without a deadline
// (text order is time order; the same on both backends, which sort NULLs differently).
inline constexpr std::string_view kNoDeadlineKey = "9999-12-31T23:59:59Z";

std::string DueKey(const TaskRecord& t);

std::vector<InstanceRecord> ListInstances(SqlConn& c, const std::string& case_id);

std::optional<InstanceRecord> FindInstance(SqlConn& c, const std::string& id);

std::optional<TaskRecord> FindTask(SqlConn& c, const std::string& id);

// Every task of a case (any status), in opening order.
std::vector<TaskRecord> ListCaseTasks(SqlConn& c, const std::string& case_id);

std::vector<TaskRecord> ListInbox(SqlConn& c, const InboxFilter& f);

}  // namespace lindungi::store
