#include "store/transfer_store.h"
#include "store/events/transfer_events.h"
#include "store/payload.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace lindungi::store {
namespace json = boost::json;
namespace {

constexpr const char* kCols =
    "id, case_id, from_unit, to_unit, status, requested_at, requested_by, updated_at, data";

TransferRecord ToTransfer(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
          r.Text(5), r.Text(6), r.Text(7), r.Text(8)};
}

json::object DataOf(SqlConn& conn, const std::string& id) {
  auto rows = conn.Query("SELECT data FROM transfers WHERE id = ?", {id});
  if (rows.empty()) throw StoreError("an event on a transfer that has no projection");
  return json::parse(rows[0].Text(0)).as_object();
}

}  // namespace

std::optional<TransferRecord> FindTransfer(SqlConn& c, const std::string& id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM transfers WHERE id = ?", kCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToTransfer(rows[0]);
}

std::vector<TransferRecord> ListCaseTransfers(SqlConn& c, const std::string& case_id) {
  std::vector<TransferRecord> out;
  for (const auto& r : c.Query(
           fmt::format("SELECT {} FROM transfers WHERE case_id = ? ORDER BY requested_seq", kCols),
           {case_id}))
    out.push_back(ToTransfer(r));
  return out;
}

std::vector<TransferRecord> ListUnitTransfers(SqlConn& c, const std::vector<std::string>& unit_ids,
                                              bool incoming, std::int64_t limit) {
  std::vector<TransferRecord> out;
  if (unit_ids.empty()) return out;
  std::string marks;
  std::vector<SqlValue> params;
  for (const auto& u : unit_ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(u);
  }
  params.emplace_back(limit);
  for (const auto& r :
       c.Query(fmt::format("SELECT {} FROM transfers WHERE {} IN ({}) ORDER BY requested_at DESC, "
                           "id LIMIT ?",
                           kCols, incoming ? "to_unit" : "from_unit", marks),
               params))
    out.push_back(ToTransfer(r));
  return out;
}

void MoveCaseIndex(SqlConn& c, const std::string& case_id, const std::string& unit_id) {
  c.Exec("UPDATE person_index SET unit_id = ? WHERE case_id = ?", {unit_id, case_id});
}

void ProjectTransferEvent(SqlConn& conn, const StoredEvent& e, const json::object& p,
                          const std::string& case_id) {
  // A transfer's data is its request's payload as stored, with the answer and reports added.
  if (e.type == events::TransferRequested::kType) {
    auto r = events::TransferRequested::From(p);
    json::object data = p;
    data["requested_by"] = e.actor;
    conn.Exec(
        "INSERT INTO transfers (id, case_id, from_unit, to_unit, status, requested_at, "
        "requested_seq, requested_by, updated_at, data) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, "
        "?)",
        {r.transfer_id, case_id, r.from_unit, r.to_unit, e.at, e.seq, e.actor, e.at,
         json::serialize(data)});
  } else if (e.type == events::TransferAccepted::kType ||
             e.type == events::TransferRejected::kType ||
             e.type == events::TransferCancelled::kType) {
    std::string id = e.type == events::TransferAccepted::kType
                         ? events::TransferAccepted::From(p).transfer_id
                     : e.type == events::TransferRejected::kType
                         ? events::TransferRejected::From(p).transfer_id
                         : events::TransferCancelled::From(p).transfer_id;
    json::object data = DataOf(conn, id);
    json::object answer = p;
    answer.erase("transfer_id");
    answer["at"] = e.at;
    answer["by"] = e.actor;
    const char* status = e.type == events::TransferAccepted::kType   ? "accepted"
                         : e.type == events::TransferRejected::kType ? "rejected"
                                                                     : "cancelled";
    data["answer"] = std::move(answer);
    conn.Exec("UPDATE transfers SET status = ?, data = ?, updated_at = ? WHERE id = ?",
              {std::string(status), json::serialize(data), e.at, id});
    // Whoever accepts a case works on it: on its team (need-to-know), like the one who opens it.
    if (e.type == events::TransferAccepted::kType) {
      conn.Exec(
          "INSERT INTO case_team (case_id, user_id, since, joined_by) VALUES (?, ?, ?, "
          "'transfer') ON CONFLICT (case_id, user_id) DO NOTHING",
          {case_id, e.actor, e.at});
    }
  } else if (e.type == events::TransferReported::kType) {
    auto r = events::TransferReported::From(p);
    const std::string& id = r.transfer_id;
    json::object data = DataOf(conn, id);
    auto& reports = data["reports"];
    if (!reports.is_array()) reports = json::array();
    reports.as_array().push_back(json::object{{"report", r.report}, {"at", e.at}, {"by", e.actor}});
    conn.Exec("UPDATE transfers SET data = ?, updated_at = ? WHERE id = ?",
              {json::serialize(data), e.at, id});
  } else if (e.type == events::CaseTransferred::kType) {
    auto moved = events::CaseTransferred::From(p);
    // The case moves: its unit changes; its number stays, the receiving unit's register
    // number is added to `unit_numbers`.
    auto rows = conn.Query("SELECT data FROM cases WHERE id = ?", {case_id});
    if (rows.empty()) throw StoreError("a transfer of a case that has no projection");
    json::object data = json::parse(rows[0].Text(0)).as_object();
    auto& numbers = data["unit_numbers"];
    if (!numbers.is_array()) numbers = json::array();
    numbers.as_array().push_back(json::object{{"unit_id", moved.to_unit},
                                              {"number", moved.unit_number},
                                              {"since", e.at},
                                              {"transfer_id", moved.transfer_id}});
    conn.Exec("UPDATE cases SET unit_id = ?, data = ? WHERE id = ?",
              {moved.to_unit, json::serialize(data), case_id});
    MoveCaseIndex(conn, case_id, moved.to_unit);
  }
}

}  // namespace lindungi::store
