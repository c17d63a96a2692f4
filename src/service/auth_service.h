// Log-in, sessions and user accounts. A session is an opaque random token given to the
// client once (as a cookie); only its BLAKE2b hash is stored. Each session has its own
// CSRF token that state-changing requests must echo. Safe for concurrent use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "security/password.h"
#include "service/principal.h"
#include "store/database.h"

namespace lindungi {

struct LoginResult {
  std::string token;  // give to the client; never stored or logged
  std::string expires_at;
  Principal principal;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::vector<store::UserRole> roles;  // unit ids and roles
};

class AuthService {
 public:
  AuthService(store::Database& db, const Clock& clock, security::PasswordHasher& hasher,
              int session_hours, int session_idle_minutes);

  // kUnauthenticated "invalid_credentials" for an unknown user, a wrong password or a
  // disabled account (one message for all three, so accounts cannot be probed). A session
  // the client still held (`previous_token`) ends: each log-in gets a fresh token.
  // Throttled per username and per `client_address` (security/throttle.h): while either must
  // wait, kTooManyRequests "too_many_attempts" or "account_locked" with retry_after_s,
  // before the password is even checked. Log-ins, failures and lock-outs of an existing
  // account are events on its stream (UserLoggedIn, UserLoginFailed, UserLockedOut).
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& previous_token = {},
                            const std::string& client_address = {});

  // The principal of a live session; kUnauthenticated if the token is unknown, past its
  // absolute lifetime, unused for the idle timeout ("session_expired"), or the user is
  // disabled. Records the use at most once a minute.
  Result<Principal> Authenticate(const std::string& token);

  // Ends this session, or every session of the user (`everywhere`).
  Status Logout(const Principal& p, bool everywhere = false);

  // Creates a user (event UserCreated; password hash in credentials). kInvalidArgument on
  // a bad username, a short password, an unknown role or unit; kConflict if taken.
  Result<store::UserRecord> CreateUser(const NewUser& u, const std::string& actor);
  Status ChangePassword(const std::string& username, const std::string& password,
                        const std::string& actor);
  // Disables the account and ends its sessions.
  Status DisableUser(const std::string& username, const std::string& actor);
  std::vector<store::UserRecord> ListUsers();

  // Housekeeping, run periodically by the server: deletes expired sessions and idempotency
  // keys older than `idempotency_ttl`. Returns the number of rows removed.
  Result<std::int64_t> PurgeExpired(std::chrono::hours idempotency_ttl);

 private:
  store::Database& db_;
  const Clock& clock_;
  security::PasswordHasher& hasher_;
  int session_hours_;
  std::chrono::minutes session_idle_;
};

}  // namespace lindungi
