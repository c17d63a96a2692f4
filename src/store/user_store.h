// Staff accounts, their sessions and second factors.
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

struct UserRecord {
  std::string id, username, display_name;
  bool disabled = false;
  std::vector<UnitRole> roles;
  std::string partner_id{};  // a partner organisation's user (no unit roles), else ""
};

struct SessionRecord {
  std::string user_id, csrf_token, created_at, expires_at;
  std::string last_seen_at;  // the last request that used it (to the minute); at insert: created_at
  bool two_factor_pending = false;  // may only enrol a second factor (unit policy)
};

std::optional<UserRecord> FindUserByName(SqlConn& c, const std::string& username);

std::optional<UserRecord> FindUser(SqlConn& c, const std::string& id);

std::vector<UserRecord> ListUsers(SqlConn& c);

std::optional<std::string> PasswordHashOf(SqlConn& c, const std::string& user_id);

// The UI language the user chose ("id" or "en"; "id" when none was chosen).
std::string UserLanguage(SqlConn& c, const std::string& user_id);

// Ends every session of the user but the one whose token hash is `keep_hash`.
void DeleteOtherSessionsOf(SqlConn& c, const std::string& user_id, const std::string& keep_hash);

void SetPasswordHash(SqlConn& c, const std::string& user_id, const std::string& hash,
                     const std::string& at);

void InsertSession(SqlConn& c, const std::string& token_hash, const SessionRecord& s);

std::optional<SessionRecord> FindSession(SqlConn& c, const std::string& token_hash);

// The session and its user with roles, in one statement (the per-request authentication).
std::optional<std::pair<SessionRecord, UserRecord>> FindSessionUser(SqlConn& c,
                                                                    const std::string& token_hash);

void DeleteSession(SqlConn& c, const std::string& token_hash);

// The user's sessions, newest first, each with its token hash.
std::vector<std::pair<std::string, SessionRecord>> SessionsOf(SqlConn& c,
                                                              const std::string& user_id);

void DeleteSessionsOf(SqlConn& c, const std::string& user_id);

// Deletes sessions past their absolute expiry (`now`) or unused since `idle_before`.
void DeleteExpiredSessions(SqlConn& c, const std::string& now, const std::string& idle_before);

void TouchSession(SqlConn& c, const std::string& token_hash, const std::string& at);

// The user's sessions are no longer limited to enrolling a second factor.
void ClearTwoFactorPending(SqlConn& c, const std::string& user_id);

struct TotpRecord {
  std::string secret;  // sealed by the unit data key (base64url)
  bool confirmed = false;
  std::int64_t last_step = 0;  // the last time step used: a code works once
  std::string recovery;        // JSON array of BLAKE2b hashes of unused recovery codes
  std::string created_at;
};

std::optional<TotpRecord> FindTotp(SqlConn& c, const std::string& user_id);

void SaveTotp(SqlConn& c, const std::string& user_id, const TotpRecord& r);

void DeleteTotp(SqlConn& c, const std::string& user_id);

// (user id, sealed secret) of every TOTP row (users are few): for key rotation.
std::vector<std::pair<std::string, std::string>> ListTotpSecrets(SqlConn& c);

// Replaces a sealed secret if it is still `from` (the rest of the row is left alone).
bool ResealTotpSecret(SqlConn& c, const std::string& user_id, const std::string& from,
                      const std::string& to);

}  // namespace lindungi::store
