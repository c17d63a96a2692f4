#include "store/user_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi::store {
namespace {

std::optional<UserRecord> ToUser(SqlConn& c, const std::vector<SqlRow>& rows) {
  if (rows.empty()) return std::nullopt;
  UserRecord u{rows[0].Text(0),      rows[0].Text(1), rows[0].Text(2), rows[0].Int(3) != 0, {},
               rows[0].TextOr(4, "")};
  for (const auto& r :
       c.Query("SELECT unit_id, role FROM user_roles WHERE user_id = ? ORDER BY unit_id, role",
               {u.id})) {
    u.roles.push_back({r.Text(0), r.Text(1)});
  }
  return u;
}

constexpr std::string_view kUserCols = "id, username, display_name, disabled, partner_id";

}  // namespace

std::optional<UserRecord> FindUserByName(SqlConn& c, const std::string& username) {
  return ToUser(
      c, c.Query(fmt::format("SELECT {} FROM users WHERE username = ?", kUserCols), {username}));
}

std::optional<UserRecord> FindUser(SqlConn& c, const std::string& id) {
  return ToUser(c, c.Query(fmt::format("SELECT {} FROM users WHERE id = ?", kUserCols), {id}));
}

std::vector<UserRecord> ListUsers(SqlConn& c) {
  std::vector<UserRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM users ORDER BY username", kUserCols))) {
    out.push_back(*ToUser(c, {r}));
  }
  return out;
}

std::string UserLanguage(SqlConn& c, const std::string& user_id) {
  auto rows = c.Query("SELECT language FROM users WHERE id = ?", {user_id});
  if (rows.empty()) return "id";
  return rows[0].TextOr(0, "id");
}

void DeleteOtherSessionsOf(SqlConn& c, const std::string& user_id, const std::string& keep_hash) {
  c.Exec("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, keep_hash});
}

std::optional<std::string> PasswordHashOf(SqlConn& c, const std::string& user_id) {
  auto rows = c.Query("SELECT password_hash FROM credentials WHERE user_id = ?", {user_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

void SetPasswordHash(SqlConn& c, const std::string& user_id, const std::string& hash,
                     const std::string& at) {
  c.Exec(
      "INSERT INTO credentials (user_id, password_hash, changed_at) VALUES (?, ?, ?) "
      "ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, changed_at = "
      "excluded.changed_at",
      {user_id, hash, at});
}

void InsertSession(SqlConn& c, const std::string& token_hash, const SessionRecord& s) {
  c.Exec(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
      "last_seen_at, two_factor_pending) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.created_at,
       std::int64_t{s.two_factor_pending ? 1 : 0}});
}

void ClearTwoFactorPending(SqlConn& c, const std::string& user_id) {
  c.Exec("UPDATE sessions SET two_factor_pending = 0 WHERE user_id = ?", {user_id});
}

std::optional<SessionRecord> FindSession(SqlConn& c, const std::string& token_hash) {
  auto rows = c.Query(
      "SELECT user_id, csrf_token, created_at, expires_at, last_seen_at, two_factor_pending FROM "
      "sessions WHERE token_hash = ?",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  return SessionRecord{rows[0].Text(0), rows[0].Text(1), rows[0].Text(2),
                       rows[0].Text(3), rows[0].Text(4), rows[0].Int(5) != 0};
}

std::optional<std::pair<SessionRecord, UserRecord>> FindSessionUser(SqlConn& c,
                                                                    const std::string& token_hash) {
  auto rows = c.Query(
      "SELECT s.user_id, s.csrf_token, s.created_at, s.expires_at, u.username, u.display_name, "
      "u.disabled, r.unit_id, r.role, s.last_seen_at, s.two_factor_pending, u.partner_id FROM "
      "sessions s JOIN users u ON u.id = s.user_id "
      "LEFT JOIN user_roles r ON r.user_id = s.user_id WHERE s.token_hash = ? ORDER BY r.unit_id, "
      "r.role",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  const auto& f = rows[0];
  std::pair<SessionRecord, UserRecord> out{
      {f.Text(0), f.Text(1), f.Text(2), f.Text(3), f.Text(9), f.Int(10) != 0},
      {f.Text(0), f.Text(4), f.Text(5), f.Int(6) != 0, {}, f.TextOr(11, "")}};
  for (const auto& r : rows) {
    if (!r.IsNull(7)) out.second.roles.push_back({r.Text(7), r.Text(8)});
  }
  return out;
}

void DeleteSession(SqlConn& c, const std::string& token_hash) {
  c.Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

std::vector<std::pair<std::string, SessionRecord>> SessionsOf(SqlConn& c,
                                                              const std::string& user_id) {
  auto rows = c.Query(
      "SELECT token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, "
      "two_factor_pending FROM sessions WHERE user_id = ? ORDER BY created_at DESC, token_hash",
      {user_id});
  std::vector<std::pair<std::string, SessionRecord>> out;
  for (const auto& r : rows)
    out.emplace_back(r.Text(0),
                     SessionRecord{r.Text(1), "", r.Text(3), r.Text(4), r.Text(5), r.Int(6) != 0});
  return out;
}

void DeleteSessionsOf(SqlConn& c, const std::string& user_id) {
  c.Exec("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

void DeleteExpiredSessions(SqlConn& c, const std::string& now, const std::string& idle_before) {
  c.Exec("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?", {now, idle_before});
}

void TouchSession(SqlConn& c, const std::string& token_hash, const std::string& at) {
  c.Exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {at, token_hash});
}

std::optional<TotpRecord> FindTotp(SqlConn& c, const std::string& user_id) {
  auto rows = c.Query(
      "SELECT secret, confirmed, last_step, recovery, created_at FROM totp WHERE user_id = ?",
      {user_id});
  if (rows.empty()) return std::nullopt;
  return TotpRecord{rows[0].Text(0), rows[0].Int(1) != 0, rows[0].Int(2), rows[0].Text(3),
                    rows[0].Text(4)};
}

void SaveTotp(SqlConn& c, const std::string& user_id, const TotpRecord& r) {
  c.Exec(
      "INSERT INTO totp (user_id, secret, confirmed, last_step, recovery, created_at) VALUES "
      "(?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, "
      "confirmed = excluded.confirmed, last_step = excluded.last_step, recovery = "
      "excluded.recovery, created_at = excluded.created_at",
      {user_id, r.secret, std::int64_t{r.confirmed ? 1 : 0}, r.last_step, r.recovery,
       r.created_at});
}

void DeleteTotp(SqlConn& c, const std::string& user_id) {
  c.Exec("DELETE FROM totp WHERE user_id = ?", {user_id});
}

std::vector<std::pair<std::string, std::string>> ListTotpSecrets(SqlConn& c) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : c.Query("SELECT user_id, secret FROM totp ORDER BY user_id"))
    out.emplace_back(r.Text(0), r.Text(1));
  return out;
}

bool ResealTotpSecret(SqlConn& c, const std::string& user_id, const std::string& from,
                      const std::string& to) {
  c.Exec("UPDATE totp SET secret = ? WHERE user_id = ? AND secret = ?", {to, user_id, from});
  return c.Changes() == 1;
}

}  // namespace lindungi::store
