#include "store/queries.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi::store {
namespace {

UnitRecord ToUnit(const SqlRow& r) {
  return {r.Text(0),       r.Text(1), r.Text(2),       r.Text(3),
          r.TextOr(4, ""), r.Text(5), r.TextOr(6, ""), r.Int(7) != 0};
}
constexpr std::string_view kUnitCols =
    "id, code, name, level, province, time_zone, sop_pack, two_factor_required";

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

PartnerRecord ToPartner(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
}
constexpr std::string_view kPartnerCols =
    "id, code, name, kind, COALESCE(unit_id, ''), COALESCE(area, '')";

CaseRecord ToCase(const SqlRow& r) {
  CaseRecord k;
  k.id = r.Text(0);
  k.unit_id = r.Text(1);
  k.number = r.Text(2);
  k.status = r.Text(3);
  k.channel = r.Text(4);
  k.crisis = r.Int(5) != 0;
  k.received_at = r.Text(6);
  k.created_at = r.Text(7);
  k.updated_at = r.Text(8);
  k.created_by = r.Text(9);
  k.version = r.Int(10);
  k.data = r.Text(11);
  k.sensitive = r.Int(12) != 0;
  return k;
}
constexpr std::string_view kCaseCols =
    "id, unit_id, number, status, channel, crisis, received_at, created_at, updated_at, "
    "created_by, version, data, sensitive";

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

std::vector<CaseFactRow> ListCaseFacts(SqlConn& c, const std::string& case_id) {
  std::vector<CaseFactRow> out;
  for (const auto& r :
       c.Query("SELECT kind, name, value FROM case_facts WHERE case_id = ? ORDER BY kind, name",
               {case_id}))
    out.push_back({r.Text(0), r.Text(1), r.Text(2)});
  return out;
}

std::optional<UnitRecord> FindUnitByCode(SqlConn& c, const std::string& code) {
  auto rows = c.Query(fmt::format("SELECT {} FROM units WHERE code = ?", kUnitCols), {code});
  if (rows.empty()) return std::nullopt;
  return ToUnit(rows[0]);
}

std::optional<UnitRecord> FindUnit(SqlConn& c, const std::string& id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM units WHERE id = ?", kUnitCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToUnit(rows[0]);
}

std::optional<std::string> FindUnitLetterSettings(SqlConn& c, const std::string& unit_id) {
  auto rows = c.Query("SELECT data FROM unit_letter_settings WHERE unit_id = ?", {unit_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

std::vector<UnitRecord> ListUnits(SqlConn& c) {
  std::vector<UnitRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM units ORDER BY code", kUnitCols)))
    out.push_back(ToUnit(r));
  return out;
}

std::optional<PartnerRecord> FindPartnerByCode(SqlConn& c, const std::string& code) {
  auto rows = c.Query(fmt::format("SELECT {} FROM partners WHERE code = ?", kPartnerCols), {code});
  if (rows.empty()) return std::nullopt;
  return ToPartner(rows[0]);
}

std::optional<PartnerRecord> FindPartner(SqlConn& c, const std::string& id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM partners WHERE id = ?", kPartnerCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToPartner(rows[0]);
}

std::vector<PartnerRecord> ListPartners(SqlConn& c) {
  std::vector<PartnerRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM partners ORDER BY code", kPartnerCols)))
    out.push_back(ToPartner(r));
  return out;
}

std::vector<PartnerRecord> ListUnitPartners(SqlConn& c, const std::vector<std::string>& unit_ids) {
  std::vector<PartnerRecord> out;
  for (const auto& r :
       c.Query(fmt::format("SELECT {} FROM partners ORDER BY kind, name, code", kPartnerCols))) {
    auto p = ToPartner(r);
    if (p.unit_id.empty() ||
        std::find(unit_ids.begin(), unit_ids.end(), p.unit_id) != unit_ids.end())
      out.push_back(std::move(p));
  }
  return out;
}

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

void InsertPersonKey(SqlConn& c, const PersonKeyRecord& r) {
  c.Exec(
      "INSERT INTO person_keys (person_id, case_id, key_id, wrapped, created_at) VALUES (?, ?, "
      "?, ?, ?)",
      {r.person_id, r.case_id, r.key_id, r.wrapped, r.created_at});
}

std::vector<PersonKeyRecord> FindPersonKeys(SqlConn& c, const std::vector<std::string>& ids) {
  std::string sql =
      "SELECT person_id, case_id, key_id, wrapped, created_at FROM person_keys WHERE person_id "
      "IN (";
  std::vector<SqlValue> params;
  sql += Placeholders(ids.size());
  params.insert(params.end(), ids.begin(), ids.end());
  sql += ")";
  std::vector<PersonKeyRecord> out;
  if (ids.empty()) return out;
  for (const auto& r : c.Query(sql, params))
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

std::int64_t DeletePersonKey(SqlConn& c, const std::string& person_id) {
  c.Exec("DELETE FROM person_keys WHERE person_id = ?", {person_id});
  return c.Changes();
}

bool AnyPersonKeys(SqlConn& c) {
  return !c.Query("SELECT 1 FROM person_keys LIMIT 1").empty();
}

std::vector<PersonKeyRecord> FindPersonKeysNotUnder(SqlConn& c, const std::string& key_id,
                                                    const std::string& after_person_id,
                                                    std::int64_t limit) {
  std::vector<PersonKeyRecord> out;
  for (const auto& r :
       c.Query("SELECT person_id, case_id, key_id, wrapped, created_at FROM person_keys WHERE "
               "person_id > ? AND key_id <> ? ORDER BY person_id LIMIT ?",
               {after_person_id, key_id, limit}))
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

bool RewrapPersonKey(SqlConn& c, const std::string& person_id, const std::string& from_key_id,
                     const std::string& to_key_id, const std::string& wrapped) {
  c.Exec("UPDATE person_keys SET key_id = ?, wrapped = ? WHERE person_id = ? AND key_id = ?",
         {to_key_id, wrapped, person_id, from_key_id});
  return c.Changes() == 1;
}

std::vector<std::pair<std::string, std::int64_t>> CountPersonKeysByKey(SqlConn& c) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& r :
       c.Query("SELECT key_id, COUNT(*) FROM person_keys GROUP BY key_id ORDER BY key_id"))
    out.emplace_back(r.Text(0), r.Int(1));
  return out;
}

// The advisory lock's number sits beside the migrations' 7270101.
void LockKeyFileShared(SqlConn& c) {
  if (c.Dialect() == "postgres") c.Query("SELECT pg_advisory_xact_lock_shared(7270102)");
}

void LockKeyFileExclusive(SqlConn& c) {
  if (c.Dialect() == "postgres") c.Query("SELECT pg_advisory_xact_lock(7270102)");
}

void InsertIndexEntry(SqlConn& c, const IndexEntry& e) {
  c.Exec(
      "INSERT INTO person_index (kind, token, person_id, case_id, unit_id) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (kind, token, person_id) DO NOTHING",
      {e.kind, e.token, e.person_id, e.case_id, e.unit_id});
}

void DeleteIndexEntries(SqlConn& c, const std::string& person_id) {
  c.Exec("DELETE FROM person_index WHERE person_id = ?", {person_id});
}

std::vector<IndexHit> FindByIndex(SqlConn& c, const std::string& kind,
                                  const std::vector<std::string>& tokens,
                                  const std::vector<std::string>& unit_ids) {
  if (tokens.empty() || unit_ids.empty()) return {};
  std::string sql = "SELECT person_id, MIN(case_id), MIN(unit_id) FROM person_index WHERE kind = ?";
  std::vector<SqlValue> params{kind};
  sql += " AND token IN (";
  sql += Placeholders(tokens.size());
  params.insert(params.end(), tokens.begin(), tokens.end());
  sql += ") AND unit_id IN (";
  sql += Placeholders(unit_ids.size());
  params.insert(params.end(), unit_ids.begin(), unit_ids.end());
  sql += ") GROUP BY person_id HAVING COUNT(DISTINCT token) = ? ORDER BY person_id LIMIT 50";
  params.push_back(std::int64_t(tokens.size()));
  std::vector<IndexHit> out;
  for (const auto& r : c.Query(sql, params)) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
  return out;
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
  params.push_back(f.limit);
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

std::int64_t NextCounter(SqlConn& c, const std::string& name) {
  auto rows = c.Query(
      "INSERT INTO counters (name, value) VALUES (?, 1) "
      "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
      {name});
  return rows.at(0).Int(0);
}

std::optional<CaseRecord> FindCase(SqlConn& c, const std::string& id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM cases WHERE id = ?", kCaseCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToCase(rows[0]);
}

CaseAccessFacts FindCaseAccess(SqlConn& c, const std::string& case_id, const std::string& user_id,
                               const std::vector<std::string>& roles,
                               const std::vector<std::string>& actor_sops) {
  std::string pool = roles.empty() ? "0"
                                   : fmt::format(
                                         "CASE WHEN EXISTS (SELECT 1 FROM tasks WHERE case_id = ? "
                                         "AND status = 'open' AND assignee IS NULL AND role IN "
                                         "({})) THEN 1 ELSE 0 END",
                                         Placeholders(roles.size()));
  std::vector<SqlValue> params = {case_id, user_id, case_id, user_id};
  if (!roles.empty()) {
    params.push_back(case_id);
    for (const auto& r : roles) params.push_back(r);
  }
  auto rows = c.Query(
      fmt::format("SELECT CASE WHEN EXISTS (SELECT 1 FROM case_team WHERE case_id = ? AND user_id "
                  "= ?) THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM tasks WHERE case_id = ? "
                  "AND status = 'open' AND assignee = ?) THEN 1 ELSE 0 END, {}",
                  pool),
      params);
  CaseAccessFacts f;
  f.on_team = rows.at(0).Int(0) != 0;
  f.assigned_task = rows.at(0).Int(1) != 0;
  f.role_pool_task = rows.at(0).Int(2) != 0;
  if (!actor_sops.empty()) {
    std::vector<SqlValue> sp = {case_id};
    for (const auto& s : actor_sops) sp.push_back(s);
    f.pack_actor = !c.Query(fmt::format("SELECT 1 FROM sop_instances WHERE case_id = ? AND sop_id "
                                        "IN ({}) LIMIT 1",
                                        Placeholders(actor_sops.size())),
                            sp)
                        .empty();
  }
  return f;
}

std::vector<PersonRecord> ListCasePeople(SqlConn& c, const std::string& case_id) {
  std::vector<PersonRecord> out;
  for (const auto& r : c.Query("SELECT person_id, case_id, role, data, added_at, updated_at FROM "
                               "case_people WHERE case_id = ? ORDER BY added_seq, person_id",
                               {case_id}))
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
  return out;
}

std::optional<PersonRecord> FindCasePerson(SqlConn& c, const std::string& person_id) {
  auto rows = c.Query(
      "SELECT person_id, case_id, role, data, added_at, updated_at FROM case_people WHERE "
      "person_id = ?",
      {person_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return PersonRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
}

std::vector<IncidentRecord> ListIncidents(SqlConn& c, const std::string& case_id) {
  std::vector<IncidentRecord> out;
  for (const auto& r : c.Query("SELECT id, case_id, occurred_on, data, recorded_at, updated_at "
                               "FROM incidents WHERE case_id = ? ORDER BY recorded_seq, id",
                               {case_id}))
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
  return out;
}

std::optional<IncidentRecord> FindIncident(SqlConn& c, const std::string& id) {
  auto rows = c.Query(
      "SELECT id, case_id, occurred_on, data, recorded_at, updated_at FROM incidents WHERE id = ?",
      {id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return IncidentRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
}

std::vector<ConsentRecord> ListConsents(SqlConn& c, const std::string& case_id) {
  std::vector<ConsentRecord> out;
  for (const auto& r :
       c.Query("SELECT id, case_id, client_id, given_by, scopes, partner_id, status, data, "
               "recorded_at, withdrawn_at FROM consents WHERE case_id = ? ORDER BY recorded_seq",
               {case_id})) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.TextOr(5, ""),
                   r.Text(6), r.Text(7), r.Text(8), r.TextOr(9, "")});
  }
  return out;
}

namespace {
constexpr std::string_view kReferralCols =
    "id, case_id, unit_id, partner_id, client_id, status, data, sent_at, updated_at";
ReferralRecord ToReferral(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
          r.Text(5), r.Text(6), r.Text(7), r.Text(8)};
}
}  // namespace

std::vector<ReferralRecord> ListCaseReferrals(SqlConn& c, const std::string& case_id) {
  std::vector<ReferralRecord> out;
  for (const auto& r :
       c.Query(fmt::format("SELECT {} FROM referrals WHERE case_id = ? ORDER BY sent_seq",
                           kReferralCols),
               {case_id}))
    out.push_back(ToReferral(r));
  return out;
}

std::vector<ReferralRecord> ListPartnerReferrals(SqlConn& c, const std::string& partner_id,
                                                 std::int64_t limit) {
  std::vector<ReferralRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM referrals WHERE partner_id = ? ORDER "
                                           "BY sent_at DESC, id LIMIT ?",
                                           kReferralCols),
                               {partner_id, limit}))
    out.push_back(ToReferral(r));
  return out;
}

std::optional<ReferralRecord> FindReferral(SqlConn& c, const std::string& id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM referrals WHERE id = ?", kReferralCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToReferral(rows[0]);
}

std::vector<TeamMember> ListCaseTeam(SqlConn& c, const std::string& case_id) {
  std::vector<TeamMember> out;
  for (const auto& r : c.Query(
           "SELECT t.user_id, u.username, u.display_name, t.since, t.joined_by FROM case_team t "
           "LEFT JOIN users u ON u.id = t.user_id WHERE t.case_id = ? ORDER BY t.since, t.user_id",
           {case_id})) {
    out.push_back({r.Text(0), r.TextOr(1, ""), r.TextOr(2, ""), r.Text(3), r.Text(4)});
  }
  return out;
}

std::vector<CaseRecord> ListCases(SqlConn& c, const CaseFilter& f, std::int64_t* total) {
  // Units are few per user; one query per unit keeps the SQL static and portable.
  std::vector<CaseRecord> all;
  std::int64_t count = 0;
  const std::string where =
      "unit_id = ? AND (CAST(? AS TEXT) IS NULL OR status = ?) AND (CAST(? AS TEXT) IS NULL OR "
      "received_at >= ?) AND "
      "(CAST(? AS TEXT) IS NULL OR received_at < ?) AND (CAST(? AS TEXT) IS NULL OR EXISTS "
      "(SELECT 1 FROM sop_instances i WHERE i.case_id = cases.id AND i.sop_id = ?)) AND "
      "(CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM tasks d WHERE d.case_id = cases.id AND "
      "d.status = 'open' AND d.due_at IS NOT NULL AND d.due_at <> '' AND d.due_at < ?))";
  auto opt = [](const std::optional<std::string>& s) -> SqlValue {
    return s ? SqlValue(*s) : SqlValue(nullptr);
  };
  // MaySeeCase in SQL: the team and the caller's open tasks, then the reach of their roles.
  const std::string own =
      "(EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = cases.id AND t.user_id = ?) OR "
      "EXISTS (SELECT 1 FROM tasks k WHERE k.case_id = cases.id AND k.status = 'open' AND "
      "k.assignee = ?))";
  for (const auto& unit : f.units) {
    std::string access;
    std::vector<SqlValue> params = {unit.unit_id,         opt(f.status),        opt(f.status),
                                    opt(f.received_from), opt(f.received_from), opt(f.received_to),
                                    opt(f.received_to),   opt(f.sop),           opt(f.sop),
                                    opt(f.overdue_at),    opt(f.overdue_at)};
    switch (unit.reach) {
      case UnitReach::kNone:
        continue;
      case UnitReach::kAll:
        break;
      case UnitReach::kAllButSensitive:
        access = " AND (sensitive = 0 OR " + own + ")";
        params.insert(params.end(), {f.user_id, f.user_id});
        break;
      case UnitReach::kOwnCases:
        access = " AND (" + own;
        params.insert(params.end(), {f.user_id, f.user_id});
        if (unit.pack_actor) {
          access += " OR sensitive = 0";
        } else {
          if (!unit.roles.empty()) {
            access += fmt::format(
                " OR (sensitive = 0 AND EXISTS (SELECT 1 FROM tasks k WHERE k.case_id = cases.id "
                "AND k.status = 'open' AND k.assignee IS NULL AND k.role IN ({})))",
                Placeholders(unit.roles.size()));
            for (const auto& r : unit.roles) params.push_back(r);
          }
          if (!unit.actor_sops.empty()) {
            access += fmt::format(
                " OR (sensitive = 0 AND EXISTS (SELECT 1 FROM sop_instances i WHERE i.case_id = "
                "cases.id AND i.sop_id IN ({})))",
                Placeholders(unit.actor_sops.size()));
            for (const auto& s : unit.actor_sops) params.push_back(s);
          }
        }
        access += ")";
        break;
    }
    auto n = c.Query("SELECT COUNT(*) FROM cases WHERE " + where + access, params);
    count += n.at(0).Int(0);
    params.push_back(f.offset + f.limit);
    for (const auto& r :
         c.Query(fmt::format("SELECT {} FROM cases WHERE {}{} ORDER BY received_at DESC, id "
                             "LIMIT ?",
                             kCaseCols, where, access),
                 params)) {
      all.push_back(ToCase(r));
    }
  }
  std::sort(all.begin(), all.end(), [](const CaseRecord& a, const CaseRecord& b) {
    return a.received_at != b.received_at ? a.received_at > b.received_at : a.id < b.id;
  });
  std::vector<CaseRecord> page;
  for (std::int64_t i = f.offset; i < std::int64_t(all.size()) && i < f.offset + f.limit; ++i)
    page.push_back(all[i]);
  if (total) *total = count;
  return page;
}

namespace {

constexpr std::string_view kShelterColumns =
    "s.id, s.unit_id, s.name, s.kind, s.takes, s.address, s.phone, s.registered_at, "
    "s.registered_by, s.updated_at, s.capacity, s.version, s.max_age, (SELECT COUNT(*) FROM "
    "shelter_stays t WHERE t.shelter_id = s.id AND t.status = 'open')";

ShelterRecord RowToShelter(const SqlRow& r) {
  ShelterRecord s;
  s.id = r.Text(0);
  s.unit_id = r.Text(1);
  s.name = r.Text(2);
  s.kind = r.Text(3);
  s.takes = r.Text(4);
  s.address = r.Text(5);
  s.phone = r.IsNull(6) ? "" : r.Text(6);
  s.registered_at = r.Text(7);
  s.registered_by = r.Text(8);
  s.updated_at = r.Text(9);
  s.capacity = r.Int(10);
  s.version = r.Int(11);
  if (!r.IsNull(12)) s.max_age = r.Int(12);
  s.occupied = r.Int(13);
  return s;
}

constexpr std::string_view kStayColumns =
    "t.id, t.case_id, t.shelter_id, COALESCE(s.name, ''), t.person_id, t.status, t.admitted_on, "
    "t.data";

StayRecord RowToStay(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
}

std::optional<StayRecord> OneStay(SqlConn& c, std::string_view where, const std::string& arg) {
  auto rows = c.Query(fmt::format("SELECT {} FROM shelter_stays t LEFT JOIN shelters s ON s.id = "
                                  "t.shelter_id WHERE {}",
                                  kStayColumns, where),
                      {arg});
  if (rows.empty()) return std::nullopt;
  return RowToStay(rows[0]);
}

}  // namespace

std::optional<ShelterRecord> FindShelter(SqlConn& c, const std::string& id) {
  auto rows =
      c.Query(fmt::format("SELECT {} FROM shelters s WHERE s.id = ?", kShelterColumns), {id});
  if (rows.empty()) return std::nullopt;
  return RowToShelter(rows[0]);
}

std::vector<ShelterRecord> ListShelters(SqlConn& c, const std::vector<std::string>& unit_ids) {
  std::vector<ShelterRecord> out;
  for (const auto& unit : unit_ids) {
    for (const auto& r : c.Query(fmt::format("SELECT {} FROM shelters s WHERE s.unit_id = ? "
                                             "ORDER BY s.name, s.id",
                                             kShelterColumns),
                                 {unit}))
      out.push_back(RowToShelter(r));
  }
  return out;
}

std::vector<StayRecord> ListCaseStays(SqlConn& c, const std::string& case_id) {
  std::vector<StayRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM shelter_stays t LEFT JOIN shelters s "
                                           "ON s.id = t.shelter_id WHERE t.case_id = ? ORDER BY "
                                           "t.admitted_seq, t.id",
                                           kStayColumns),
                               {case_id}))
    out.push_back(RowToStay(r));
  return out;
}

std::optional<StayRecord> FindStay(SqlConn& c, const std::string& id) {
  return OneStay(c, "t.id = ?", id);
}

std::optional<StayRecord> FindOpenStayOf(SqlConn& c, const std::string& person_id) {
  return OneStay(c, "t.person_id = ? AND t.status = 'open'", person_id);
}

std::vector<std::string> CasesInShelter(SqlConn& c, const std::string& shelter_id) {
  std::vector<std::string> out;
  for (const auto& r :
       c.Query("SELECT DISTINCT case_id FROM shelter_stays WHERE shelter_id = ? AND status = "
               "'open' ORDER BY case_id",
               {shelter_id}))
    out.push_back(r.Text(0));
  return out;
}

}  // namespace lindungi::store
