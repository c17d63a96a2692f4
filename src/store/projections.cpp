#include "store/projections.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace lindungi::store {
namespace json = boost::json;
namespace {

std::string Str(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_string()) throw StoreError("event payload lacks a text field");
  return std::string(v->as_string());
}

SqlValue OptStr(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return nullptr;
  return std::string(v->as_string());
}

std::string IdFromStream(const std::string& stream_id, std::string_view prefix) {
  if (!std::string_view(stream_id).starts_with(prefix))
    throw StoreError("event in an unexpected stream");
  return stream_id.substr(prefix.size());
}

// The intake data kept in cases.data: everything the case page shows about the intake.
constexpr std::string_view kCaseDataFields[] = {"reporter", "client", "narrative", "incident_date",
                                                "referred_by"};

void ProjectCase(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  std::string id = IdFromStream(e.stream_id, "case-");
  if (e.type == "CaseOpened") {
    json::object data;
    for (auto f : kCaseDataFields)
      if (auto* v = p.if_contains(f)) data[f] = *v;
    conn.Exec(
        "INSERT INTO cases (id, unit_id, number, status, channel, crisis, received_at, created_at, "
        "updated_at, created_by, version, data) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, Str(p, "unit_id"), Str(p, "number"), Str(p, "channel"),
         std::int64_t{p.at("crisis").as_bool() ? 1 : 0}, Str(p, "received_at"), e.at, e.at, e.actor,
         e.seq, json::serialize(data)});
    return;
  }
  if (e.type == "CaseUpdated") {
    auto rows = conn.Query("SELECT data, status, channel, crisis FROM cases WHERE id = ?", {id});
    if (rows.empty()) throw StoreError("update of a case that has no projection");
    json::object data = json::parse(rows[0].Text(0)).as_object();
    std::string status = rows[0].Text(1), channel = rows[0].Text(2);
    std::int64_t crisis = rows[0].Int(3);
    const json::object& changes = p.at("changes").as_object();
    for (const auto& [k, v] : changes) {
      if (k == "status")
        status = std::string(v.as_string());
      else if (k == "channel")
        channel = std::string(v.as_string());
      else if (k == "crisis")
        crisis = v.as_bool() ? 1 : 0;
      else
        data[k] = v;
    }
    conn.Exec(
        "UPDATE cases SET status = ?, channel = ?, crisis = ?, data = ?, updated_at = ?, version = "
        "? "
        "WHERE id = ?",
        {status, channel, crisis, json::serialize(data), e.at, e.seq, id});
    return;
  }
  // Any other case event still moves the version.
  conn.Exec("UPDATE cases SET updated_at = ?, version = ? WHERE id = ?", {e.at, e.seq, id});
}

void ProjectUser(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  std::string id = IdFromStream(e.stream_id, "user-");
  if (e.type == "UserCreated") {
    conn.Exec(
        "INSERT INTO users (id, username, display_name, disabled, created_at) VALUES (?, ?, ?, 0, "
        "?)",
        {id, Str(p, "username"), Str(p, "display_name"), e.at});
    for (const auto& r : p.at("roles").as_array()) {
      const auto& ro = r.as_object();
      conn.Exec("INSERT INTO user_roles (user_id, unit_id, role) VALUES (?, ?, ?)",
                {id, Str(ro, "unit_id"), Str(ro, "role")});
    }
  } else if (e.type == "UserDisabled") {
    conn.Exec("UPDATE users SET disabled = 1 WHERE id = ?", {id});
  } else if (e.type == "UserEnabled") {
    conn.Exec("UPDATE users SET disabled = 0 WHERE id = ?", {id});
  }
}

void ProjectUnit(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  std::string id = IdFromStream(e.stream_id, "unit-");
  if (e.type == "UnitCreated") {
    conn.Exec(
        "INSERT INTO units (id, code, name, level, province, time_zone, created_at) VALUES (?, ?, "
        "?, ?, ?, ?, ?)",
        {id, Str(p, "code"), Str(p, "name"), Str(p, "level"), OptStr(p, "province"),
         Str(p, "time_zone"), e.at});
  }
}

}  // namespace

void Project(SqlConn& conn, const StoredEvent& e) {
  json::value v;
  try {
    v = json::parse(e.payload);
  } catch (const std::exception&) {
    throw StoreError("event payload is not JSON");
  }
  if (!v.is_object()) throw StoreError("event payload is not an object");
  Project(conn, e, v.as_object());
}

void Project(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  try {
    if (e.stream_id.starts_with("case-"))
      ProjectCase(conn, e, p);
    else if (e.stream_id.starts_with("user-"))
      ProjectUser(conn, e, p);
    else if (e.stream_id.starts_with("unit-"))
      ProjectUnit(conn, e, p);
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& ex) {
    throw StoreError(std::string("event payload has an unexpected shape: ") + ex.what());
  }
}

void ClearProjections(SqlConn& conn) {
  conn.ExecScript(
      "DELETE FROM cases; DELETE FROM user_roles; DELETE FROM users; DELETE FROM units;");
}

}  // namespace lindungi::store
