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
#include "service/vault.h"
#include "store/database.h"
#include "store/unit_store.h"
#include "store/user_store.h"

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
  std::vector<UnitRole> roles;  // unit ids and roles
  std::string partner_id{};     // or: a partner organisation's user (no roles)
};

class AuthService {
 public:
  AuthService(store::Database& db, const Clock& clock, security::PasswordHasher& hasher,
              const Vault& vault, int session_hours, int session_idle_minutes);

  // kUnauthenticated "invalid_credentials" for an unknown user, a wrong password or a
  // disabled account (one message for all three, so accounts cannot be probed). A session
  // the client still held (`previous_token`) ends: each log-in gets a fresh token.
  // Throttled per username and per `client_address` (security/throttle.h): while either must
  // wait, kTooManyRequests "too_many_attempts" or "account_locked" with retry_after_s,
  // before the password is even checked. Log-ins, failures and lock-outs of an existing
  // account are events on its stream (UserLoggedIn, UserLoginFailed, UserLockedOut).
  // With a confirmed second factor, `totp` must hold the current 6-digit code (each time
  // step works once) or an unused recovery code (used up): kUnauthenticated
  // "totp_required" without one, "invalid_totp_code" (a counted failure) for a wrong one.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& previous_token = {},
                            const std::string& client_address = {}, const std::string& totp = {});

  // Second factor (TOTP, RFC 6238, HMAC-SHA256): Start makes a secret (replacing one not
  // yet confirmed) and returns it with its otpauth:// URI; Confirm turns it on with a
  // current code and returns 10 one-time recovery codes (shown once); Disable turns it off
  // with a current or recovery code. kConflict "totp_already_enabled" / "totp_not_started".
  struct TotpEnrollment {
    std::string secret_base32, otpauth_uri;
  };
  Result<TotpEnrollment> StartTotp(const Principal& p);
  Result<std::vector<std::string>> ConfirmTotp(const Principal& p, const std::string& code);
  Status DisableTotp(const Principal& p, const std::string& code);

  // The principal of a live session; kUnauthenticated if the token is unknown, past its
  // absolute lifetime, unused for the idle timeout ("session_expired"), or the user is
  // disabled. Records the use at most once a minute.
  Result<Principal> Authenticate(const std::string& token);

  // Ends this session, or every session of the user (`everywhere`).
  Status Logout(const Principal& p, bool everywhere = false);
  // The user's live sessions (not past their lifetime or idle timeout), newest first. `id`
  // is the first 16 hex digits of the stored token hash: it names a session to its owner
  // and cannot be turned back into a token.
  struct SessionSummary {
    std::string id, created_at, last_seen_at, expires_at;
    bool current = false;  // the session asking
  };
  std::vector<SessionSummary> Sessions(const Principal& p);
  // Ends one of the user's own sessions (log out a forgotten device); kNotFound
  // "session_not_found" for an id that is not one of theirs.
  Status EndSession(const Principal& p, const std::string& session_id);

  // Creates a user (event UserCreated; password hash in credentials). kInvalidArgument on
  // a bad username, a short password, an unknown role or unit; kConflict if taken.
  Result<store::UserRecord> CreateUser(const NewUser& u, const std::string& actor);
  Status ChangePassword(const std::string& username, const std::string& password,
                        const std::string& actor);
  // A user changing their own password: `current` must be theirs (else kPermissionDenied
  // "wrong_password", counted as a failed log-in of the account), `password` must pass the
  // password rules. Event UserPasswordChanged; every other session of the user ends.
  Status ChangeOwnPassword(const Principal& p, const std::string& current,
                           const std::string& password);
  // The units where the user holds a role (none for a partner's user), in name order.
  std::vector<store::UnitRecord> UnitsOf(const Principal& p);
  // The unit's staff (enabled users with a role there), by display name: to assign a task
  // or name who attends. kNotFound "unit_not_found" unless `p` holds a staff role there.
  Result<std::vector<store::UserRecord>> StaffOf(const Principal& p, const std::string& unit_id);
  // The UI language the user chose: "id" (Bahasa Indonesia, the default) or "en".
  std::string Language(const Principal& p);
  // Whether the user's two-step log-in is on, and whether a unit makes it mandatory for
  // them (then DisableTotp refuses): what the account page offers.
  struct TwoFactorState {
    bool enabled = false;
    bool mandatory = false;
  };
  TwoFactorState TwoFactor(const Principal& p);
  // kInvalidArgument "invalid_language" unless "id" or "en". Event UserLanguageSet.
  Status SetLanguage(const Principal& p, const std::string& language);
  // A new password generated here (16 random characters) for `username`: set as
  // ChangePassword does (event UserPasswordChanged, every session ends) and returned to be
  // shown once; it is never logged or stored in clear.
  Result<std::string> ResetPassword(const std::string& username, const std::string& actor);
  // Disables the account and ends its sessions (event UserDisabled); EnableUser lets it log
  // in again (event UserEnabled).
  Status DisableUser(const std::string& username, const std::string& actor);
  Status EnableUser(const std::string& username, const std::string& actor);
  // The user's roles in one unit become `roles` (event UserRolesSet; none: no role there any
  // more). Their roles in other units stay. kInvalidArgument "unknown_role";
  // "partner_user_with_roles" for a partner organisation's user; kNotFound "user_not_found".
  Status SetUnitRoles(const std::string& username, const std::string& unit_id,
                      const std::vector<std::string>& roles, const std::string& actor);
  std::vector<store::UserRecord> ListUsers();

  // Housekeeping, run periodically by the server: deletes expired sessions and idempotency
  // keys older than `idempotency_ttl`. Returns the number of rows removed.
  Result<std::int64_t> PurgeExpired(std::chrono::hours idempotency_ttl);

 private:
  // Accepts a current TOTP code (a later step than the last used) or an unused recovery
  // code, and records its use. Inside the caller's write.
  bool UseSecondFactor(store::SqlConn& c, store::TotpRecord t, const std::string& user_id,
                       const std::string& code, Instant now) const;
  // Log-in's second factor, inside its write: sets *pending, or *failed on a wrong code.
  Status CheckSecondFactor(store::SqlConn& c, const store::UserRecord& user,
                           const std::string& totp, Instant now, bool* pending, bool* failed) const;

  store::Database& db_;
  const Clock& clock_;
  security::PasswordHasher& hasher_;
  const Vault& vault_;
  int session_hours_;
  std::chrono::minutes session_idle_;
};

}  // namespace lindungi
