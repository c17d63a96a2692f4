#include "store/transfer_store.h"
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
  if (e.type == "TransferRequested") {
    json::object data = p;
    data["requested_by"] = e.actor;
    conn.Exec(
        "INSERT INTO transfers (id, case_id, from_unit, to_unit, status, requested_at, "
        "requested_seq, requested_by, updated_at, data) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, "
        "?)",
        {Str(p, "transfer_id"), case_id, Str(p, "from_unit"), Str(p, "to_unit"), e.at, e.seq,
         e.actor, e.at, json::serialize(data)});
  } else if (e.type == "TransferAccepted" || e.type == "TransferRejected" ||
             e.type == "TransferCancelled") {
    std::string id = Str(p, "transfer_id");
    json::object data = DataOf(conn, id);
    json::object answer = p;
    answer.erase("transfer_id");
    answer["at"] = e.at;
    answer["by"] = e.actor;
    const char* status = e.type == "TransferAccepted"   ? "accepted"
                         : e.type == "TransferRejected" ? "rejected"
                                                        : "cancelled";
    data["answer"] = std::move(answer);
    conn.Exec("UPDATE transfers SET status = ?, data = ?, updated_at = ? WHERE id = ?",
              {std::string(status), json::serialize(data), e.at, id});
    // Whoever accepts a case works on it: on its team (need-to-know), like the one who opens it.
    if (e.type == "TransferAccepted") {
      conn.Exec(
          "INSERT INTO case_team (case_id, user_id, since, joined_by) VALUES (?, ?, ?, "
          "'transfer') ON CONFLICT (case_id, user_id) DO NOTHING",
          {case_id, e.actor, e.at});
    }
  } else if (e.type == "TransferReported") {
    std::string id = Str(p, "transfer_id");
    json::object data = DataOf(conn, id);
    auto& reports = data["reports"];
    if (!reports.is_array()) reports = json::array();
    reports.as_array().push_back(
        json::object{{"report", p.at("report")}, {"at", e.at}, {"by", e.actor}});
    conn.Exec("UPDATE transfers SET data = ?, updated_at = ? WHERE id = ?",
              {json::serialize(data), e.at, id});
  } else if (e.type == "CaseTransferred") {
    // The case moves: its unit changes; its number stays, the receiving unit's register
    // number is added to `unit_numbers`.
    auto rows = conn.Query("SELECT data FROM cases WHERE id = ?", {case_id});
    if (rows.empty()) throw StoreError("a transfer of a case that has no projection");
    json::object data = json::parse(rows[0].Text(0)).as_object();
    auto& numbers = data["unit_numbers"];
    if (!numbers.is_array()) numbers = json::array();
    numbers.as_array().push_back(json::object{{"unit_id", Str(p, "to_unit")},
                                              {"number", Str(p, "unit_number")},
                                              {"since", e.at},
                                              {"transfer_id", Str(p, "transfer_id")}});
    conn.Exec("UPDATE cases SET unit_id = ?, data = ? WHERE id = ?",
              {Str(p, "to_unit"), json::serialize(data), case_id});
    MoveCaseIndex(conn, case_id, Str(p, "to_unit"));
  }
}

}  // namespace lindungi::store
