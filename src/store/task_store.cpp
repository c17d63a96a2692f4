#include "store/task_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi::store {
namespace {

InstanceRecord ToInstance(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2),       r.Text(3),       r.TextOr(4, ""),
          r.Text(5), r.Text(6), r.TextOr(7, ""), r.TextOr(8, ""), r.Text(9)};
}

constexpr std::string_view kInstanceCols =
    "id, case_id, sop_id, status, end_reason, started_at, started_by, ended_at, parent_id, state";

TaskRecord ToTask(const SqlRow& r) {
  TaskRecord t;
  t.id = r.Text(0);
  t.case_id = r.Text(1);
  t.case_number = r.Text(2);
  t.unit_id = r.Text(3);
  t.instance_id = r.Text(4);
  t.sop_id = r.Text(5);
  t.step_id = r.Text(6);
  t.role = r.Text(7);
  t.assignee = r.TextOr(8, "");
  t.status = r.Text(9);
  t.opened_at = r.Text(10);
  t.due_at = r.TextOr(11, "");
  t.calendar_incomplete = r.Int(12) != 0;
  t.completed_at = r.TextOr(13, "");
  t.completed_by = r.TextOr(14, "");
  t.outcome = r.TextOr(15, "");
  t.note = r.TextOr(16, "");
  t.documents = r.TextOr(17, "");
  t.waiver = r.TextOr(18, "");
  t.clock_from = r.TextOr(19, "");
  return t;
}

constexpr std::string_view kTaskCols =
    "t.id, t.case_id, c.number, t.unit_id, t.instance_id, t.sop_id, t.step_id, t.role, "
    "t.assignee, t.status, t.opened_at, t.due_at, t.calendar_incomplete, t.completed_at, "
    "t.completed_by, t.outcome, t.note, t.documents, t.waiver, t.clock_from";

}  // namespace

std::vector<InstanceRecord> ListInstances(SqlConn& c, const std::string& case_id) {
  std::vector<InstanceRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM sop_instances WHERE case_id = ? "
                                           "ORDER BY started_at, id",
                                           kInstanceCols),
                               {case_id}))
    out.push_back(ToInstance(r));
  return out;
}

std::optional<InstanceRecord> FindInstance(SqlConn& c, const std::string& id) {
  auto rows =
      c.Query(fmt::format("SELECT {} FROM sop_instances WHERE id = ?", kInstanceCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToInstance(rows[0]);
}

std::optional<TaskRecord> FindTask(SqlConn& c, const std::string& id) {
  auto rows =
      c.Query(fmt::format("SELECT {} FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = ?",
                          kTaskCols),
              {id});
  if (rows.empty()) return std::nullopt;
  return ToTask(rows[0]);
}

std::vector<TaskRecord> ListCaseTasks(SqlConn& c, const std::string& case_id) {
  std::vector<TaskRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM tasks t JOIN cases c ON c.id = "
                                           "t.case_id WHERE t.case_id = ? ORDER BY t.opened_seq",
                                           kTaskCols),
                               {case_id}))
    out.push_back(ToTask(r));
  return out;
}

std::vector<TaskRecord> ListInbox(SqlConn& c, const InboxFilter& f) {
  // One index range per (unit, role) pair and one for the assignee, each already in inbox
  // order from the cursor on and cut at one page, merged by the outer ORDER BY: the cost is
  // bounded by the page, not by how many tasks are open (docs/performance.md "Inbox").
  std::string extra;
  std::vector<SqlValue> extra_params;
  if (f.after) {
    extra += " AND (due_key, id) > (?, ?)";
    extra_params.push_back(f.after->first);
    extra_params.push_back(f.after->second);
  }
  if (f.due_before) {
    extra += " AND due_key < ?";
    extra_params.push_back(*f.due_before);
  }
  if (f.case_id) {
    extra += " AND case_id = ?";
    extra_params.push_back(*f.case_id);
  }
  if (f.sop_id) {
    extra += " AND sop_id = ?";
    extra_params.push_back(*f.sop_id);
  }
  std::string parts;
  std::vector<SqlValue> params;
  auto add_part = [&](const std::string& where, std::initializer_list<SqlValue> keys) {
    if (!parts.empty()) parts += " UNION ";
    parts += fmt::format(
        "SELECT * FROM (SELECT id, due_key FROM tasks WHERE status = 'open' AND {}{} ORDER BY "
        "due_key, id LIMIT ?) p{}",
        where, extra, params.size());
    for (const auto& k : keys) params.push_back(k);
    for (const auto& k : extra_params) params.push_back(k);
    params.push_back(f.limit);
  };
  // Outside the units whose sensitive cases the caller sees, those cases' tasks are left out.
  auto sensitive_filter = [&](const std::string& unit) -> std::string {
    return std::find(f.sensitive_units.begin(), f.sensitive_units.end(), unit) !=
                   f.sensitive_units.end()
               ? ""
               : " AND NOT EXISTS (SELECT 1 FROM cases s WHERE s.id = tasks.case_id AND "
                 "s.sensitive = 1)";
  };
  if (!f.assigned_only) {
    for (const auto& r : f.roles) {
      add_part("unit_id = ? AND role = ? AND assignee IS NULL" + sensitive_filter(r.unit_id),
               {r.unit_id, r.role});
    }
    for (const auto& u : f.whole_units) add_part("unit_id = ?" + sensitive_filter(u), {u});
  }
  if (!f.assignee.empty()) add_part("assignee = ?", {f.assignee});
  if (parts.empty()) return {};
  std::string sql = fmt::format(
      "SELECT {} FROM (SELECT id, due_key FROM ({}) parts ORDER BY due_key, id LIMIT ?) pick "
      "JOIN tasks t ON t.id = pick.id JOIN cases c ON c.id = t.case_id ORDER BY pick.due_key, "
      "pick.id",
      kTaskCols, parts);
  params.push_back(f.limit);
  std::vector<TaskRecord> out;
  for (const auto& r : c.Query(sql, params)) out.push_back(ToTask(r));
  return out;
}

std::string DueKey(const TaskRecord& t) {
  return t.due_at.empty() ? std::string(kNoDeadlineKey) : t.due_at;
}

}  // namespace lindungi::store
