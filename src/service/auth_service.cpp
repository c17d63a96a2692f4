#include "service/auth_service.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/roles.h"
#include "security/aead.h"
#include "security/hash.h"
#include "security/random.h"
#include "security/throttle.h"
#include "security/totp.h"
#include "store/event_log.h"
#include "store/events/user_events.h"
#include "store/key_store.h"
#include "store/request_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace lindungi {
namespace json = boost::json;

std::vector<std::string> Principal::CaseUnits() const {
  std::vector<std::string> out;
  for (const auto& r : roles) {
    if (IsStaffRole(r.role) && std::find(out.begin(), out.end(), r.unit_id) == out.end())
      out.push_back(r.unit_id);
  }
  return out;
}

bool Principal::HasRoleIn(const std::string& unit_id, std::string_view role) const {
  for (const auto& r : roles)
    if (r.unit_id == unit_id && r.role == role) return true;
  return false;
}

std::vector<std::string> Principal::RolesIn(const std::string& unit_id) const {
  std::vector<std::string> out;
  for (const auto& r : roles)
    if (r.unit_id == unit_id) out.push_back(r.role);
  return out;
}

UnitReach Principal::ReachIn(const std::string& unit_id) const {
  std::vector<std::string_view> names;
  for (const auto& r : roles)
    if (r.unit_id == unit_id) names.push_back(r.role);
  return ReachOf(names);
}

bool Principal::IsSupervisorIn(const std::string& unit_id) const {
  UnitReach r = ReachIn(unit_id);
  return r == UnitReach::kAll || r == UnitReach::kAllButSensitive;
}

namespace {

Error InvalidCredentials() {
  return MakeError(ErrorKind::kUnauthenticated, "invalid_credentials",
                   "Nama pengguna atau kata sandi salah.", "Wrong username or password.");
}

Error NotLoggedIn() {
  return MakeError(ErrorKind::kUnauthenticated, "not_logged_in",
                   "Sesi tidak ada atau sudah berakhir; silakan masuk.",
                   "No session, or it has ended; please log in.");
}

Error NoSuchUser() {
  return MakeError(ErrorKind::kNotFound, "user_not_found", "Pengguna tidak ditemukan.",
                   "No such user.");
}

// Whether a unit where the user is a head or administrator makes two-step log-in mandatory.
bool TwoFactorMandatory(store::SqlConn& c, const std::vector<UnitRole>& roles) {
  for (const auto& r : roles) {
    if (!InTwoFactorScope(r.role)) continue;
    if (auto u = store::FindUnit(c, r.unit_id); u && u->two_factor_required) return true;
  }
  return false;
}

Status CheckPassword(const std::string& password, const std::string& username) {
  if (!security::PasswordLongEnough(password)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "weak_password",
                          "Kata sandi minimal 12 karakter.",
                          "The password must have at least 12 characters.", "password"));
  }
  if (security::IsGuessablePassword(password, username)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "guessable_password",
                          "Kata sandi ini mudah ditebak (kata umum, nama pengguna, atau urutan "
                          "tombol); pilih yang lain, misalnya beberapa kata acak.",
                          "This password is easy to guess (a common word, the username or a "
                          "keyboard run); choose another, e.g. several random words.",
                          "password"));
  }
  return {};
}

bool ValidUsername(const std::string& u) {
  if (u.size() < 3 || u.size() > 32) return false;
  for (char c : u) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  }
  return true;
}

std::int64_t UnixSeconds(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// A log-in's throttle keys, each with its policy.
using ThrottleKeys = std::vector<std::pair<std::string, const security::ThrottlePolicy*>>;

// The throttle keys of a log-in: the account as typed (whether or not it exists), the address.
ThrottleKeys LoginThrottleKeys(const std::string& username, const std::string& client_address) {
  ThrottleKeys keys = {{"account:" + username.substr(0, 64), &security::kAccountThrottle}};
  if (!client_address.empty())
    keys.push_back({"address:" + client_address, &security::kAddressThrottle});
  return keys;
}

// A log-in attempt: as counted on its throttle keys, and the user it names.
struct LoginAttempt {
  std::vector<std::int64_t> counts;  // each key's count with this attempt
  bool locked_now = false;           // this attempt is the one that locks the account
  std::optional<Error> blocked;      // the longest wait a key imposes, if any
  std::optional<store::UserRecord> user;
  std::string hash;  // the user's password hash
};

// The error for an attempt that key record `t` blocks: the account locked, or too many attempts.
Error BlockedError(const store::ThrottleRecord& t, const security::ThrottlePolicy& policy,
                   Instant now) {
  auto wait =
      std::chrono::ceil<std::chrono::seconds>(ParseInstant(t.blocked_until).value_or(now) - now);
  bool locked = policy.lockout_failures > 0 && t.failures >= policy.lockout_failures;
  Error e = locked ? MakeError(ErrorKind::kTooManyRequests, "account_locked",
                               "Akun dikunci sementara setelah terlalu banyak kegagalan "
                               "masuk; coba lagi nanti atau hubungi admin.",
                               "The account is locked for a while after too many failed "
                               "log-ins; try later or ask your administrator.")
                   : MakeError(ErrorKind::kTooManyRequests, "too_many_attempts",
                               "Terlalu banyak percobaan masuk; tunggu sebentar.",
                               "Too many log-in attempts; wait a moment.");
  e.retry_after_s = std::max<std::int64_t>(1, wait.count());
  return e;
}

// Counts the attempt on each throttle key (inside the caller's write), noting what blocks it.
void CountAttempt(store::SqlConn& c, const ThrottleKeys& keys, Instant now,
                  const std::string& now_text, LoginAttempt& a) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto& [key, policy] = keys[i];
    auto n = store::CountLoginAttempt(c, key, now_text, FormatInstant(now - policy->forget_after));
    if (!n) {
      auto t = store::FindThrottle(c, key);
      if (!t) continue;  // cleared meanwhile: nothing blocks
      Error e = BlockedError(*t, *policy, now);
      if (!a.blocked || *e.retry_after_s > *a.blocked->retry_after_s) a.blocked = std::move(e);
      continue;
    }
    a.counts[i] = *n;
    store::SetThrottleBlockedUntil(c, key, FormatInstant(now + security::DelayAfter(*policy, *n)));
    if (policy->lockout_failures > 0 && *n == policy->lockout_failures) a.locked_now = true;
  }
}

// Counts the attempt on its keys and, unless a key blocks it, reads the user and password hash.
Status CountAndFindUser(store::Database& db, const ThrottleKeys& keys, Instant now,
                        const std::string& now_text, const std::string& username, LoginAttempt& a) {
  return db.Write([&](store::SqlConn& c) -> Status {
    CountAttempt(c, keys, now, now_text, a);
    // A blocked attempt is not counted on any key (the transaction is undone).
    if (a.blocked) return Fail(*a.blocked);
    a.user = store::FindUserByName(c, username);
    if (a.user) a.hash = store::PasswordHashOf(c, a.user->id).value_or("");
    return {};
  });
}

// Records a counted failed log-in: each key's delay, and a real account's failure events.
Status RecordLoginFailure(store::Database& db, const Clock& clock, const ThrottleKeys& keys,
                          const LoginAttempt& a, const std::string& client_address,
                          const std::string& now_text) {
  const std::optional<store::UserRecord>& user = a.user;
  auto w = db.Write([&](store::SqlConn& c) -> Status {
    // The delay runs from when the failure is known (a slow check must not eat it), and
    // never shortens a later attempt's.
    Instant failed_at = clock.Now();
    for (std::size_t i = 0; i < keys.size(); ++i) {
      std::string until =
          FormatInstant(failed_at + security::DelayAfter(*keys[i].second, a.counts[i]));
      auto t = store::FindThrottle(c, keys[i].first);
      if (t && t->blocked_until < until) store::SetThrottleBlockedUntil(c, keys[i].first, until);
    }
    if (!user) return {};  // unknown names have no history
    std::vector<store::NewEvent> audit = {
        store::MakeEvent(store::events::UserLoginFailed{client_address})};
    if (a.locked_now) {
      auto t = store::FindThrottle(c, keys.front().first);
      audit.push_back(
          store::MakeEvent(store::events::UserLockedOut{t ? t->blocked_until : now_text}));
    }
    auto ap = store::AppendEvents(c, store::UserStream(user->id), store::ExpectedVersion::Any(),
                                  audit, std::string(kSystemActor), now_text);
    if (!ap) return Fail(ap.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

// After a success: forgets the account's failures, takes the attempt back from the address.
void ForgiveAttempt(store::SqlConn& c, const ThrottleKeys& keys, Instant now) {
  store::ClearThrottle(c, keys.front().first);
  for (std::size_t i = 1; i < keys.size(); ++i) {
    std::int64_t left = store::UncountLoginAttempt(c, keys[i].first);
    store::SetThrottleBlockedUntil(
        c, keys[i].first,
        FormatInstant(left > 0 ? now + security::DelayAfter(*keys[i].second, left) : now));
  }
}

}  // namespace

AuthService::AuthService(store::Database& db, const Clock& clock, security::PasswordHasher& hasher,
                         const Vault& vault, int session_hours, int session_idle_minutes)
    : db_(db),
      clock_(clock),
      hasher_(hasher),
      vault_(vault),
      session_hours_(session_hours),
      session_idle_(session_idle_minutes) {}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& previous_token,
                                       const std::string& client_address, const std::string& totp) {
  Instant now = clock_.Now();
  std::string now_text = FormatInstant(now);
  // Keyed by what was typed, whether or not such a user exists.
  ThrottleKeys keys = LoginThrottleKeys(username, client_address);
  LoginAttempt attempt;
  attempt.counts.assign(keys.size(), 0);
  // Count the attempt before its password is checked, atomically in the store: concurrent
  // guesses each see the ones before them, so the limits hold exactly (docs/security.md).
  auto counted = CountAndFindUser(db_, keys, now, now_text, username, attempt);
  if (attempt.blocked) return Fail(std::move(*attempt.blocked));
  if (!counted) return Fail(counted.error());
  const std::optional<store::UserRecord>& user = attempt.user;
  // Always verify (a dummy for unknown users) so timing does not tell who exists.
  bool ok = hasher_.Verify(password, user ? attempt.hash : std::string());
  // The attempt was counted already; a failure on a real account is part of its history
  // (unknown names have none).
  auto record_failure = [&]() -> Status {
    return RecordLoginFailure(db_, clock_, keys, attempt, client_address, now_text);
  };
  if (!user || !ok || user->disabled) {
    if (auto s = record_failure(); !s) return Fail(s.error());
    return Fail(InvalidCredentials());
  }

  LoginResult out;
  out.token = security::RandomToken(32);
  out.expires_at = FormatInstant(now + std::chrono::hours(session_hours_));
  store::SessionRecord s{user->id, security::RandomToken(32), FormatInstant(now), out.expires_at,
                         FormatInstant(now)};
  std::string token_hash = security::Blake2bHex(out.token);
  bool second_factor_failed = false;
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    store::LockKeyFileShared(c);  // the sealed secret is written back: no re-seal meanwhile
    auto second =
        CheckSecondFactor(c, *user, totp, now, &s.two_factor_pending, &second_factor_failed);
    if (!second) return Fail(second.error());
    store::DeleteExpiredSessions(c, FormatInstant(now), FormatInstant(now - session_idle_));
    if (!previous_token.empty() && previous_token.size() <= 128)
      store::DeleteSession(c, security::Blake2bHex(previous_token));
    ForgiveAttempt(c, keys, now);
    store::InsertSession(c, token_hash, s);
    auto a = store::AppendEvents(c, store::UserStream(user->id), store::ExpectedVersion::Any(),
                                 {store::MakeEvent(store::events::UserLoggedIn{client_address})},
                                 user->id, now_text);
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) {
    if (second_factor_failed) (void)record_failure();
    return Fail(w.error());
  }
  out.principal = Principal{
      user->id, user->username,       user->display_name, user->roles, token_hash, s.csrf_token, "",
      "",       s.two_factor_pending, user->partner_id};
  return out;
}

Status AuthService::CheckSecondFactor(store::SqlConn& c, const store::UserRecord& user,
                                      const std::string& totp, Instant now, bool* pending,
                                      bool* failed) const {
  auto t = store::FindTotp(c, user.id);
  if (!(t && t->confirmed)) *pending = TwoFactorMandatory(c, user.roles);
  if (t && t->confirmed) {
    if (totp.empty()) {
      return Fail(MakeError(ErrorKind::kUnauthenticated, "totp_required",
                            "Masukkan kode 6 angka dari aplikasi autentikator (atau kode "
                            "pemulihan).",
                            "Enter the 6-digit code from the authenticator app (or a recovery "
                            "code).",
                            "totp"));
    }
    if (!UseSecondFactor(c, *t, user.id, totp, now)) {
      *failed = true;
      return Fail(MakeError(ErrorKind::kUnauthenticated, "invalid_totp_code",
                            "Kode autentikator salah atau sudah dipakai.",
                            "The authenticator code is wrong or was already used.", "totp"));
    }
  }
  return {};
}

bool AuthService::UseSecondFactor(store::SqlConn& c, store::TotpRecord t,
                                  const std::string& user_id, const std::string& code,
                                  Instant now) const {
  auto secret = vault_.OpenSecret(t.secret, user_id);
  if (!secret) return false;
  if (auto step = security::MatchTotp(*secret, code, UnixSeconds(now));
      step && *step > t.last_step) {
    t.last_step = *step;
    store::SaveTotp(c, user_id, t);
    return true;
  }
  // A recovery code works once.
  json::array left = json::parse(t.recovery).as_array();
  std::string hash = security::Blake2bHex(code);
  for (auto it = left.begin(); it != left.end(); ++it) {
    if (security::ConstantTimeEquals(it->as_string(), hash)) {
      left.erase(it);
      t.recovery = json::serialize(left);
      store::SaveTotp(c, user_id, t);
      return true;
    }
  }
  return false;
}

Result<AuthService::TotpEnrollment> AuthService::StartTotp(const Principal& p) {
  std::string secret = security::NewKey().substr(0, 20);  // 160 bits, as RFC 4226 advises
  Instant now = clock_.Now();
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    if (auto t = store::FindTotp(c, p.user_id); t && t->confirmed) {
      return Fail(MakeError(ErrorKind::kConflict, "totp_already_enabled",
                            "Autentikasi dua langkah sudah aktif.",
                            "Two-step log-in is already on."));
    }
    store::SaveTotp(c, p.user_id,
                    {vault_.SealSecret(c, secret, p.user_id), false, 0, "[]", FormatInstant(now)});
    return {};
  });
  if (!w) return Fail(w.error());
  std::string b32 = security::Base32(secret);
  return TotpEnrollment{b32, "otpauth://totp/Lindungi:" + p.username + "?secret=" + b32 +
                                 "&issuer=Lindungi&algorithm=SHA256&digits=6&period=30"};
}

Result<std::vector<std::string>> AuthService::ConfirmTotp(const Principal& p,
                                                          const std::string& code) {
  Instant now = clock_.Now();
  std::vector<std::string> codes;
  for (int i = 0; i < 10; ++i) {
    std::string r = security::RandomPassword(8);
    codes.push_back(r.substr(0, 4) + "-" + r.substr(4));
  }
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    store::LockKeyFileShared(c);  // the sealed secret is written back: no re-seal meanwhile
    auto t = store::FindTotp(c, p.user_id);
    if (!t || t->confirmed) {
      return Fail(MakeError(ErrorKind::kConflict, "totp_not_started",
                            "Mulai dulu pendaftaran autentikator.",
                            "Start the authenticator enrolment first."));
    }
    auto secret = vault_.OpenSecret(t->secret, p.user_id);
    auto step = secret ? security::MatchTotp(*secret, code, UnixSeconds(now)) : std::nullopt;
    if (!step) {
      return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_totp_code",
                            "Kode autentikator salah.", "The authenticator code is wrong.",
                            "code"));
    }
    json::array hashes;
    for (const auto& r : codes) hashes.emplace_back(security::Blake2bHex(r));
    store::SaveTotp(c, p.user_id, {t->secret, true, *step, json::serialize(hashes), t->created_at});
    store::ClearTwoFactorPending(c, p.user_id);
    auto a = store::AppendEvents(c, store::UserStream(p.user_id), store::ExpectedVersion::Any(),
                                 {store::MakeEvent(store::events::UserTotpEnabled{})}, p.user_id,
                                 FormatInstant(now));
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return codes;
}

Status AuthService::DisableTotp(const Principal& p, const std::string& code) {
  Instant now = clock_.Now();
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    auto t = store::FindTotp(c, p.user_id);
    if (!t || !t->confirmed) {
      return Fail(MakeError(ErrorKind::kConflict, "totp_not_enabled",
                            "Autentikasi dua langkah belum aktif.", "Two-step log-in is not on."));
    }
    if (TwoFactorMandatory(c, p.roles)) {
      return Fail(MakeError(ErrorKind::kPermissionDenied, "two_factor_mandatory",
                            "Unit Anda mewajibkan autentikasi dua langkah untuk kepala dan admin.",
                            "Your unit makes two-step log-in mandatory for heads and "
                            "administrators."));
    }
    if (!UseSecondFactor(c, *t, p.user_id, code, now)) {
      return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_totp_code",
                            "Kode autentikator salah atau sudah dipakai.",
                            "The authenticator code is wrong or was already used.", "code"));
    }
    store::DeleteTotp(c, p.user_id);
    auto a = store::AppendEvents(c, store::UserStream(p.user_id), store::ExpectedVersion::Any(),
                                 {store::MakeEvent(store::events::UserTotpDisabled{})}, p.user_id,
                                 FormatInstant(now));
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

Result<Principal> AuthService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return Fail(NotLoggedIn());
  std::string token_hash = security::Blake2bHex(token);
  std::optional<std::pair<store::SessionRecord, store::UserRecord>> found;
  db_.ReadOne([&](store::SqlConn& c) { found = store::FindSessionUser(c, token_hash); });
  if (!found) return Fail(NotLoggedIn());
  const auto& [s, user] = *found;
  Instant now = clock_.Now();
  if (user.disabled || s.expires_at <= FormatInstant(now)) return Fail(NotLoggedIn());
  auto last = ParseInstant(s.last_seen_at).value_or(Instant{});
  if (now - last >= session_idle_) {
    (void)db_.Write([&](store::SqlConn& c) -> Status {
      store::DeleteSession(c, token_hash);
      return {};
    });
    return Fail(MakeError(ErrorKind::kUnauthenticated, "session_expired",
                          "Sesi berakhir karena lama tidak dipakai; silakan masuk lagi.",
                          "The session ended after a period of inactivity; log in again."));
  }
  // Coarse on purpose: a write per minute per session, not per request.
  if (now - last >= std::chrono::minutes(1)) {
    (void)db_.Write([&](store::SqlConn& c) -> Status {
      store::TouchSession(c, token_hash, FormatInstant(now));
      return {};
    });
  }
  return Principal{
      user.id, user.username,        user.display_name, user.roles, token_hash, s.csrf_token, "",
      "",      s.two_factor_pending, user.partner_id};
}

Status AuthService::Logout(const Principal& p, bool everywhere) {
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    if (everywhere)
      store::DeleteSessionsOf(c, p.user_id);
    else
      store::DeleteSession(c, p.session_hash);
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

namespace {
constexpr std::size_t kSessionIdLength = 16;
}

std::vector<AuthService::SessionSummary> AuthService::Sessions(const Principal& p) {
  std::vector<std::pair<std::string, store::SessionRecord>> rows;
  db_.Read([&](store::SqlConn& c) { rows = store::SessionsOf(c, p.user_id); });
  Instant now = clock_.Now();
  std::string now_text = FormatInstant(now);
  std::string idle_before = FormatInstant(now - session_idle_);
  std::vector<SessionSummary> out;
  for (const auto& [hash, s] : rows) {
    if (s.expires_at <= now_text || s.last_seen_at <= idle_before) continue;
    out.push_back({hash.substr(0, kSessionIdLength), s.created_at, s.last_seen_at, s.expires_at,
                   hash == p.session_hash});
  }
  return out;
}

Status AuthService::EndSession(const Principal& p, const std::string& session_id) {
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    for (const auto& [hash, s] : store::SessionsOf(c, p.user_id)) {
      if (session_id.size() == kSessionIdLength &&
          hash.compare(0, kSessionIdLength, session_id) == 0) {
        store::DeleteSession(c, hash);
        return {};
      }
    }
    return Fail(MakeError(ErrorKind::kNotFound, "session_not_found",
                          "Sesi tidak ditemukan (mungkin sudah berakhir).",
                          "Session not found (it may have ended already)."));
  });
  if (!w) return Fail(w.error());
  return {};
}

Result<store::UserRecord> AuthService::CreateUser(const NewUser& u, const std::string& actor) {
  if (!ValidUsername(u.username)) {
    return Fail(MakeError(
        ErrorKind::kInvalidArgument, "invalid_username",
        "Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah, tanda hubung.",
        "Usernames have 3-32 characters: lower-case letters, digits, '.', '_', '-'.", "username"));
  }
  if (auto s = CheckPassword(u.password, u.username); !s) return Fail(s.error());
  if (u.display_name.empty() || u.display_name.size() > 200) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_display_name",
                          "Nama tampilan wajib (maks. 200).",
                          "A display name is required (at most 200).", "display_name"));
  }
  if (!u.partner_id.empty() && !u.roles.empty()) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "partner_user_with_roles",
                          "Pengguna mitra tidak memegang peran di unit.",
                          "A partner organisation's user holds no unit role.", "roles"));
  }
  for (const auto& r : u.roles) {
    if (!IsKnownRole(r.role)) {
      return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_role",
                            fmt::format("Peran '{}' tidak dikenal.", r.role),
                            fmt::format("Unknown role '{}'.", r.role), "roles"));
    }
  }
  std::string hash = hasher_.Hash(u.password);
  std::string id = security::RandomUuid();
  std::string at = FormatInstant(clock_.Now());
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    if (store::FindUserByName(c, u.username)) {
      return Fail(MakeError(ErrorKind::kConflict, "username_taken", "Nama pengguna sudah dipakai.",
                            "That username is taken.", "username"));
    }
    store::events::UserCreated created{u.username, u.display_name, {}, std::nullopt};
    for (const auto& r : u.roles) {
      if (!store::FindUnit(c, r.unit_id)) {
        return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_unit", "Unit tidak dikenal.",
                              "Unknown unit.", "roles"));
      }
      created.roles.push_back({r.unit_id, r.role});
    }
    if (!u.partner_id.empty()) {
      if (!store::FindPartner(c, u.partner_id)) {
        return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_partner",
                              "Mitra tidak dikenal.", "Unknown partner organisation.",
                              "partner_id"));
      }
      created.partner_id = u.partner_id;
    }
    store::NewEvent e = store::MakeEvent(created);
    auto a = store::AppendEvents(c, store::UserStream(id), store::ExpectedVersion::New(), {e},
                                 actor, at);
    if (!a) return Fail(a.error());
    store::SetPasswordHash(c, id, hash, at);
    return {};
  });
  if (!w) return Fail(w.error());
  return store::UserRecord{id, u.username, u.display_name, false, u.roles, u.partner_id};
}

Status AuthService::ChangePassword(const std::string& username, const std::string& password,
                                   const std::string& actor) {
  if (auto s = CheckPassword(password, username); !s) return s;
  std::string hash = hasher_.Hash(password);
  std::string at = FormatInstant(clock_.Now());
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    auto user = store::FindUserByName(c, username);
    if (!user) return Fail(NoSuchUser());
    // The event records that it changed; the hash itself stays out of the log.
    auto a =
        store::AppendEvents(c, store::UserStream(user->id), store::ExpectedVersion::Any(),
                            {store::MakeEvent(store::events::UserPasswordChanged{})}, actor, at);
    if (!a) return Fail(a.error());
    store::SetPasswordHash(c, user->id, hash, at);
    store::DeleteSessionsOf(c, user->id);
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

Status AuthService::DisableUser(const std::string& username, const std::string& actor) {
  std::string at = FormatInstant(clock_.Now());
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    auto user = store::FindUserByName(c, username);
    if (!user) return Fail(NoSuchUser());
    auto a = store::AppendEvents(c, store::UserStream(user->id), store::ExpectedVersion::Any(),
                                 {store::MakeEvent(store::events::UserDisabled{})}, actor, at);
    if (!a) return Fail(a.error());
    store::DeleteSessionsOf(c, user->id);
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

Result<std::string> AuthService::ResetPassword(const std::string& username,
                                               const std::string& actor) {
  std::string password = security::RandomPassword(16);
  if (auto s = ChangePassword(username, password, actor); !s) return Fail(s.error());
  return password;
}

Status AuthService::EnableUser(const std::string& username, const std::string& actor) {
  std::string at = FormatInstant(clock_.Now());
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    auto user = store::FindUserByName(c, username);
    if (!user) return Fail(NoSuchUser());
    auto a = store::AppendEvents(c, store::UserStream(user->id), store::ExpectedVersion::Any(),
                                 {store::MakeEvent(store::events::UserEnabled{})}, actor, at);
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

Status AuthService::SetUnitRoles(const std::string& username, const std::string& unit_id,
                                 const std::vector<std::string>& roles, const std::string& actor) {
  std::vector<std::string> list;
  for (const auto& r : roles) {
    if (!IsKnownRole(r)) {
      return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_role",
                            fmt::format("Peran '{}' tidak dikenal.", r),
                            fmt::format("Unknown role '{}'.", r), "roles"));
    }
    if (std::find(list.begin(), list.end(), r) == list.end()) list.push_back(r);
  }
  std::string at = FormatInstant(clock_.Now());
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    auto user = store::FindUserByName(c, username);
    if (!user) return Fail(NoSuchUser());
    if (!user->partner_id.empty() && !list.empty()) {
      return Fail(MakeError(ErrorKind::kInvalidArgument, "partner_user_with_roles",
                            "Pengguna mitra tidak memegang peran di unit.",
                            "A partner organisation's user holds no unit role.", "roles"));
    }
    if (!store::FindUnit(c, unit_id)) {
      return Fail(MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit tidak ditemukan.",
                            "No such unit.", "unit"));
    }
    auto a = store::AppendEvents(c, store::UserStream(user->id), store::ExpectedVersion::Any(),
                                 {store::MakeEvent(store::events::UserRolesSet{unit_id, list})},
                                 actor, at);
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

Result<std::int64_t> AuthService::PurgeExpired(std::chrono::hours idempotency_ttl) {
  Instant now = clock_.Now();
  std::int64_t removed = 0;
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    store::DeleteExpiredSessions(c, FormatInstant(now), FormatInstant(now - session_idle_));
    removed = c.Changes();
    removed += store::DeleteIdempotencyKeysBefore(c, FormatInstant(now - idempotency_ttl));
    return {};
  });
  if (!w) return Fail(w.error());
  return removed;
}

Status AuthService::ChangeOwnPassword(const Principal& p, const std::string& current,
                                      const std::string& password) {
  std::string hash;
  db_.Read([&](store::SqlConn& c) { hash = store::PasswordHashOf(c, p.user_id).value_or(""); });
  if (!hasher_.Verify(current, hash)) {
    return Fail(MakeError(ErrorKind::kPermissionDenied, "wrong_password",
                          "Kata sandi saat ini salah.", "The current password is wrong.",
                          "current_password"));
  }
  if (auto s = CheckPassword(password, p.username); !s) {
    Error e = s.error();
    e.field = "new_password";
    return Fail(std::move(e));
  }
  std::string new_hash = hasher_.Hash(password);
  std::string at = FormatInstant(clock_.Now());
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    auto a = store::AppendEvents(c, store::UserStream(p.user_id), store::ExpectedVersion::Any(),
                                 {store::MakeEvent(store::events::UserPasswordChanged{})},
                                 p.user_id, at);
    if (!a) return Fail(a.error());
    store::SetPasswordHash(c, p.user_id, new_hash, at);
    store::DeleteOtherSessionsOf(c, p.user_id, p.session_hash);
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

std::vector<store::UnitRecord> AuthService::UnitsOf(const Principal& p) {
  std::vector<store::UnitRecord> out;
  db_.Read([&](store::SqlConn& c) {
    for (const auto& r : p.roles) {
      bool seen =
          std::any_of(out.begin(), out.end(), [&](const auto& u) { return u.id == r.unit_id; });
      if (seen) continue;
      if (auto u = store::FindUnit(c, r.unit_id)) out.push_back(std::move(*u));
    }
  });
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

Result<std::vector<store::UserRecord>> AuthService::StaffOf(const Principal& p,
                                                            const std::string& unit_id) {
  auto units = p.CaseUnits();
  if (std::find(units.begin(), units.end(), unit_id) == units.end()) {
    return Fail(MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit tidak ditemukan.",
                          "No such unit.", "unit"));
  }
  std::vector<store::UserRecord> out;
  db_.Read([&](store::SqlConn& c) {
    for (auto& u : store::ListUsers(c)) {
      if (u.disabled) continue;
      std::vector<UnitRole> here;
      for (const auto& r : u.roles)
        if (r.unit_id == unit_id && IsStaffRole(r.role)) here.push_back(r);
      if (here.empty()) continue;
      u.roles = std::move(here);
      out.push_back(std::move(u));
    }
  });
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.display_name < b.display_name; });
  return out;
}

std::string AuthService::Language(const Principal& p) {
  std::string language = "id";
  db_.Read([&](store::SqlConn& c) { language = store::UserLanguage(c, p.user_id); });
  return language;
}

AuthService::TwoFactorState AuthService::TwoFactor(const Principal& p) {
  TwoFactorState out;
  db_.Read([&](store::SqlConn& c) {
    auto t = store::FindTotp(c, p.user_id);
    out.enabled = t && t->confirmed;
    out.mandatory = TwoFactorMandatory(c, p.roles);
  });
  return out;
}

Status AuthService::SetLanguage(const Principal& p, const std::string& language) {
  if (language != "id" && language != "en") {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_language",
                          "Bahasa: id (Bahasa Indonesia) atau en (English).",
                          "Language must be id (Bahasa Indonesia) or en (English).", "language"));
  }
  std::string at = FormatInstant(clock_.Now());
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    auto a = store::AppendEvents(c, store::UserStream(p.user_id), store::ExpectedVersion::Any(),
                                 {store::MakeEvent(store::events::UserLanguageSet{language})},
                                 p.user_id, at);
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

std::vector<store::UserRecord> AuthService::ListUsers() {
  std::vector<store::UserRecord> out;
  db_.Read([&](store::SqlConn& c) { out = store::ListUsers(c); });
  return out;
}

}  // namespace lindungi
