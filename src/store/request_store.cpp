#include "store/request_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi::store {
std::int64_t DeleteIdempotencyKeysBefore(SqlConn& c, const std::string& before) {
  c.Exec("DELETE FROM idempotency_keys WHERE created_at < ?", {before});
  return c.Changes();
}

std::optional<IdempotentResponse> FindIdempotent(SqlConn& c, const std::string& user_id,
                                                 const std::string& key) {
  auto rows = c.Query(
      "SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = ? AND idem_key "
      "= ?",
      {user_id, key});
  if (rows.empty()) return std::nullopt;
  return IdempotentResponse{rows[0].Text(0), int(rows[0].Int(1)), rows[0].Text(2)};
}

void SaveIdempotent(SqlConn& c, const std::string& user_id, const std::string& key,
                    const IdempotentResponse& r, const std::string& at) {
  c.Exec(
      "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, status, response, "
      "created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {user_id, key, r.request_hash, std::int64_t{r.status}, r.response, at});
}

void InsertAccess(SqlConn& c, const AccessRecord& r) {
  c.Exec(
      "INSERT INTO access_log (at, user_id, unit_id, case_id, section, purpose, request_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {r.at, r.user_id, r.unit_id, r.case_id, r.section,
       r.purpose.empty() ? SqlValue(nullptr) : SqlValue(r.purpose), r.request_id});
}

std::vector<AccessRecord> ListAccess(SqlConn& c, const AccessFilter& f) {
  std::string sql =
      "SELECT at, user_id, unit_id, case_id, section, purpose, request_id FROM access_log WHERE ";
  std::vector<SqlValue> params;
  if (f.case_id) {
    sql += "case_id = ?";
    params.push_back(*f.case_id);
  } else {
    sql += "user_id = ?";
    params.push_back(f.user_id.value_or(""));
  }
  sql += " AND unit_id IN (";
  sql += Placeholders(f.unit_ids.size());
  params.insert(params.end(), f.unit_ids.begin(), f.unit_ids.end());
  sql += ") ORDER BY id DESC LIMIT ?";
  params.emplace_back(f.limit);  // in place: GCC 12 -O3 warns on moving a temporary SqlValue
  std::vector<AccessRecord> out;
  for (const auto& r : c.Query(sql, params))
    out.push_back(
        {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.TextOr(5, ""), r.Text(6)});
  return out;
}

std::optional<ThrottleRecord> FindThrottle(SqlConn& c, const std::string& key) {
  auto rows = c.Query(
      "SELECT failures, last_failure_at, blocked_until FROM login_throttle WHERE throttle_key = ?",
      {key});
  if (rows.empty()) return std::nullopt;
  return ThrottleRecord{rows[0].Int(0), rows[0].Text(1), rows[0].Text(2)};
}

void SaveThrottle(SqlConn& c, const std::string& key, const ThrottleRecord& r) {
  c.Exec(
      "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (throttle_key) DO UPDATE SET failures = "
      "excluded.failures, last_failure_at = excluded.last_failure_at, blocked_until = "
      "excluded.blocked_until",
      {key, r.failures, r.last_failure_at, r.blocked_until});
}

void ClearThrottle(SqlConn& c, const std::string& key) {
  c.Exec("DELETE FROM login_throttle WHERE throttle_key = ?", {key});
}

std::optional<std::int64_t> CountLoginAttempt(SqlConn& c, const std::string& key,
                                              const std::string& now,
                                              const std::string& forget_before) {
  // Instants are fixed-width UTC text: they compare as text.
  auto rows = c.Query(
      "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until) "
      "VALUES (?, 1, ?, ?) ON CONFLICT (throttle_key) DO UPDATE SET failures = CASE WHEN "
      "login_throttle.last_failure_at < ? THEN 1 ELSE login_throttle.failures + 1 END, "
      "last_failure_at = excluded.last_failure_at WHERE login_throttle.blocked_until <= ? "
      "RETURNING failures",
      {key, now, now, forget_before, now});
  if (rows.empty()) return std::nullopt;
  return rows[0].Int(0);
}

void SetThrottleBlockedUntil(SqlConn& c, const std::string& key, const std::string& until) {
  c.Exec("UPDATE login_throttle SET blocked_until = ? WHERE throttle_key = ?", {until, key});
}

std::int64_t UncountLoginAttempt(SqlConn& c, const std::string& key) {
  auto rows = c.Query(
      "UPDATE login_throttle SET failures = failures - 1 WHERE throttle_key = ? AND failures > 0 "
      "RETURNING failures",
      {key});
  return rows.empty() ? 0 : rows[0].Int(0);
}

}  // namespace lindungi::store
