#include "api/api_fixture.h"
#include "support/backend.h"

#include <thread>

#include "core/clock.h"
#include "security/totp.h"

#include <boost/json/serialize.hpp>

namespace lindungi::testing {
namespace {

class SessionApiTest : public ApiTest {};

TEST_F(SessionApiTest, LogInSetsAStrictHttpOnlyCookieAndReturnsCsrf) {
  Client c(harness_->base_url());
  auto r = c.Login("worker", kTestPassword);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& cookie = r.headers["set-cookie"];
  EXPECT_NE(cookie.find("lindungi_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_FALSE(c.csrf().empty());
  auto me = c.Get("/api/v1/session");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(Str(me.Json().at("user"), "username"), "worker");
  EXPECT_EQ(Str(me.Json(), "csrf_token"), c.csrf());
}

TEST_F(SessionApiTest, WrongPasswordAndUnknownUserLookTheSame) {
  Client c(harness_->base_url());
  auto wrong = c.Login("worker", "not-the-password-at-all");
  auto unknown = c.Login("nobody", "not-the-password-at-all");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.ErrorCode(), "invalid_credentials");
  EXPECT_EQ(unknown.ErrorCode(), "invalid_credentials");
  EXPECT_EQ(wrong.headers.count("set-cookie"), 0u);
}

TEST_F(SessionApiTest, MySessionsListsEachDeviceAndEndsOneOfThem) {
  harness_->AddUser("traveller", "case_worker");  // no session from the suite's other tests
  Client office(harness_->base_url()), phone(harness_->base_url()), other(harness_->base_url());
  ASSERT_EQ(office.Login("traveller", kTestPassword).status, 201);
  ASSERT_EQ(phone.Login("traveller", kTestPassword).status, 201);
  ASSERT_EQ(other.Login("intake", kTestPassword).status, 201);
  auto list = office.Get("/api/v1/session/sessions");
  ASSERT_EQ(list.status, 200) << list.body;
  boost::json::value listed = list.Json();
  const auto& items = listed.at("items").as_array();
  ASSERT_EQ(items.size(), 2u) << "her two sessions, not the intake officer's";
  std::string phone_id;
  int current = 0;
  for (const auto& s : items) {
    EXPECT_EQ(Str(s, "id").size(), 16u);
    EXPECT_FALSE(Str(s, "created_at").empty());
    EXPECT_FALSE(Str(s, "expires_at").empty());
    if (s.at("current").as_bool())
      ++current;
    else
      phone_id = Str(s, "id");
  }
  EXPECT_EQ(current, 1);
  ASSERT_FALSE(phone_id.empty());
  EXPECT_EQ(office.Get("/api/v1/session/sessions?x=1").status, 400);

  // Another user cannot end it; the owner can, and only that one ends.
  EXPECT_EQ(other.Request("DELETE", "/api/v1/session/sessions/" + phone_id).ErrorCode(),
            "session_not_found");
  EXPECT_EQ(phone.Get("/api/v1/session").status, 200);
  EXPECT_EQ(office.Request("DELETE", "/api/v1/session/sessions/" + phone_id).status, 204);
  EXPECT_EQ(phone.Get("/api/v1/session").status, 401);
  EXPECT_EQ(office.Get("/api/v1/session").status, 200);
  EXPECT_EQ(office.Request("DELETE", "/api/v1/session/sessions/" + phone_id).ErrorCode(),
            "session_not_found");
  EXPECT_EQ(office.Get("/api/v1/session/sessions").Json().at("items").as_array().size(), 1u);
}

TEST_F(SessionApiTest, EveryApiRouteNeedsASession) {
  Client anon(harness_->base_url());
  for (auto [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/session"},
           {"DELETE", "/api/v1/session"},
           {"GET", "/api/v1/cases"},
           {"POST", "/api/v1/cases"},
           {"GET", "/api/v1/cases/0b8f3c1e-1111-4222-8333-444455556666"},
           {"PATCH", "/api/v1/cases/0b8f3c1e-1111-4222-8333-444455556666"},
           {"GET", "/api/v1/cases/0b8f3c1e-1111-4222-8333-444455556666/events"},
           {"GET", "/api/v1/cases/0b8f3c1e-1111-4222-8333-444455556666/sops"},
           {"POST", "/api/v1/cases/0b8f3c1e-1111-4222-8333-444455556666/sops"},
           {"GET", "/api/v1/sops"},
           {"GET", "/api/v1/sops/kalteng/mediasi"},
           {"GET", "/api/v1/tasks"},
           {"GET", "/api/v1/tasks/0b8f3c1e-1111-4222-8333-444455556666"},
           {"POST", "/api/v1/tasks/0b8f3c1e-1111-4222-8333-444455556666/complete"},
           {"POST", "/api/v1/tasks/0b8f3c1e-1111-4222-8333-444455556666/waive"},
           {"POST", "/api/v1/tasks/0b8f3c1e-1111-4222-8333-444455556666/assign"}}) {
    auto r =
        anon.Request(method, path, method == "GET" || method == "DELETE" ? "" : IntakeJson("x"));
    EXPECT_EQ(r.status, 401) << method << " " << path;
    EXPECT_EQ(r.ErrorCode(), "not_logged_in") << method << " " << path;
  }
}

TEST_F(SessionApiTest, StateChangesNeedTheCsrfToken) {
  auto c = LoggedIn("worker");
  std::string csrf = c->csrf();
  c->set_csrf("");
  auto r = c->Post("/api/v1/cases", IntakeJson("Tanpa CSRF"));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "csrf_token_invalid");
  c->set_csrf("forged-token-forged-token-forged-token-forge");
  EXPECT_EQ(c->Post("/api/v1/cases", IntakeJson("CSRF palsu")).status, 403);
  c->set_csrf(csrf);
  EXPECT_EQ(c->Post("/api/v1/cases", IntakeJson("Dengan CSRF")).status, 201);
}

TEST_F(SessionApiTest, LogOutEndsTheSession) {
  auto c = LoggedIn("intake");
  auto out = c->Request("DELETE", "/api/v1/session");
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(c->Get("/api/v1/session").status, 401);
}

TEST_F(SessionApiTest, ADisabledUserIsLoggedOutEverywhere) {
  harness_->AddUser("leaver", "case_worker");
  auto c = LoggedIn("leaver");
  ASSERT_EQ(c->Get("/api/v1/session").status, 200);
  auto r = harness_->Cli({"user", "disable", "leaver"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(c->Get("/api/v1/session").status, 401);
  Client again(harness_->base_url());
  EXPECT_EQ(again.Login("leaver", kTestPassword).status, 401);
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {

class SessionHardeningTest : public ApiTest {
 protected:
  static std::string TokenOf(const HttpResult& login) {
    auto cookie = login.headers.at("set-cookie");
    auto start = cookie.find('=') + 1;
    return cookie.substr(start, cookie.find(';') - start);
  }
  // A client that presents `token` as its session cookie.
  HttpResult GetWith(const std::string& token, const std::string& path) {
    Client c(harness_->base_url());
    return c.Request("GET", path, {}, {"Cookie: lindungi_session=" + token});
  }
};

TEST_F(SessionHardeningTest, EveryAnswerCarriesTheSecurityHeaders) {
  Client anon(harness_->base_url());
  for (const auto& r : {anon.Get("/healthz"), anon.Get("/api/v1/cases"), anon.Get("/tidak-ada"),
                        anon.Post("/api/v1/session", "{bad")}) {
    SCOPED_TRACE(r.status);
    auto h = r.headers;
    EXPECT_NE(h["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(h["content-security-policy"].find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(h["content-security-policy"].find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(h["x-content-type-options"], "nosniff");
    EXPECT_EQ(h["x-frame-options"], "DENY");
    EXPECT_EQ(h["referrer-policy"], "no-referrer");
    EXPECT_EQ(h["cache-control"], "no-store");
    EXPECT_EQ(h.count("strict-transport-security"), 0u) << "HSTS only with hsts: true";
  }
}

TEST_F(SessionHardeningTest, ASessionUnusedForTheIdleTimeoutEnds) {
  auto c = LoggedIn("intake");
  ASSERT_EQ(c->Get("/api/v1/session").status, 200);
  // Sixteen minutes without a request (default idle timeout: 15 minutes).
  RawSql(harness_->db_url(),
         "UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00.000Z' WHERE user_id = (SELECT "
         "id FROM users WHERE username = 'intake')");
  auto r = c->Get("/api/v1/session");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.ErrorCode(), "session_expired");
  EXPECT_EQ(c->Get("/api/v1/session").ErrorCode(), "not_logged_in") << "the session is gone";
}

TEST_F(SessionHardeningTest, LoggingInAgainReplacesTheSessionAndLogOutAllEndsEveryOne) {
  Client a(harness_->base_url());
  auto first = a.Login("worker", kTestPassword);
  ASSERT_EQ(first.status, 201);
  std::string old_token = TokenOf(first);
  auto second = a.Login("worker", kTestPassword);  // sends the old cookie along
  ASSERT_EQ(second.status, 201);
  EXPECT_NE(TokenOf(second), old_token);
  EXPECT_EQ(GetWith(old_token, "/api/v1/session").status, 401);
  EXPECT_EQ(a.Get("/api/v1/session").status, 200);

  Client b(harness_->base_url());
  ASSERT_EQ(b.Login("worker", kTestPassword).status, 201);
  EXPECT_EQ(a.Request("DELETE", "/api/v1/session?all=maybe").ErrorCode(), "invalid_value");
  EXPECT_EQ(a.Request("DELETE", "/api/v1/session?all=true").status, 204);
  EXPECT_EQ(a.Get("/api/v1/session").status, 401);
  EXPECT_EQ(b.Get("/api/v1/session").status, 401);
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {

// Its own server: the address counter of 127.0.0.1 must not throttle other suites' tests.
class LoginThrottleTest : public ApiTest {
 protected:
  void TearDown() override { RawSql(harness_->db_url(), "DELETE FROM login_throttle"); }
};

TEST_F(LoginThrottleTest, RepeatedFailuresMakeTheNextAttemptWaitEvenWithTheRightPassword) {
  Client c(harness_->base_url());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.Login("worker", "wrong-password-number-x").status, 401);
  auto r = c.Login("worker", kTestPassword);
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.ErrorCode(), "too_many_attempts");
  EXPECT_EQ(r.headers["retry-after"], "1");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(c.Login("worker", kTestPassword).status, 201);
  // A success forgets the account's failures.
  EXPECT_EQ(c.Login("worker", "wrong-password-number-x").status, 401);
  EXPECT_EQ(c.Login("worker", kTestPassword).status, 201);
}

TEST_F(LoginThrottleTest, TheTenthFailureLocksTheAccountForFifteenMinutes) {
  RawSql(harness_->db_url(), "INSERT INTO login_throttle VALUES ('account:intake', 9, '" +
                                 FormatInstant(SystemClock().Now()) +
                                 "', '2000-01-01T00:00:00.000Z')");
  Client c(harness_->base_url());
  EXPECT_EQ(c.Login("intake", "wrong-password-number-x").status, 401);
  auto r = c.Login("intake", kTestPassword);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.ErrorCode(), "account_locked");
  EXPECT_GT(r.Json().at("error").at("retry_after_s").as_int64(), 890);
  EXPECT_EQ(c.Login("worker", kTestPassword).status, 201) << "other accounts are not locked";
}

TEST_F(LoginThrottleTest, ManyFailuresFromOneAddressSlowItDown) {
  Client c(harness_->base_url());
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(c.Login("tebakan" + std::to_string(i), "wrong-password-number-x").status, 401);
  auto r = c.Login("tebakan-lain", "wrong-password-number-x");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.ErrorCode(), "too_many_attempts");
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {

class TotpTest : public ApiTest {};

TEST_F(TotpTest, AnAccountWithASecondFactorNeedsItsCodeOrARecoveryCode) {
  auto c = LoggedIn("intake");
  auto user = [&] { return c->Get("/api/v1/session").Json().at("user"); };
  EXPECT_FALSE(user().at("two_factor_enabled").as_bool());
  EXPECT_FALSE(user().at("two_factor_mandatory").as_bool());
  auto start = c->Post("/api/v1/session/totp", "{}");
  ASSERT_EQ(start.status, 201) << start.body;
  std::string secret = Str(start.Json(), "secret");
  EXPECT_NE(Str(start.Json(), "otpauth_uri").find("algorithm=SHA256"), std::string::npos);
  EXPECT_EQ(c->Post("/api/v1/session/totp/confirm", R"({"code":"000000"})").ErrorCode(),
            "invalid_totp_code");
  auto confirmed =
      c->Post("/api/v1/session/totp/confirm", R"({"code":")" + CodeFor(secret) + R"("})");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  auto codes = confirmed.Json().at("recovery_codes").as_array();
  ASSERT_EQ(codes.size(), 10u);
  std::string recovery(codes[0].as_string());
  EXPECT_TRUE(user().at("two_factor_enabled").as_bool()) << "the account page shows it on";

  Client d(harness_->base_url());
  EXPECT_EQ(d.Login("intake", kTestPassword).ErrorCode(), "totp_required");
  auto login = [&](const std::string& totp) {
    boost::json::object o{{"username", "intake"}, {"password", kTestPassword}, {"totp", totp}};
    return d.Post("/api/v1/session", boost::json::serialize(o));
  };
  EXPECT_EQ(login("123456").ErrorCode(), "invalid_totp_code");
  // The code of the current step was used to confirm: the next step's code logs in.
  EXPECT_EQ(login(CodeFor(secret, 30)).status, 201);
  EXPECT_EQ(login(CodeFor(secret, 30)).ErrorCode(), "invalid_totp_code") << "a code works once";
  EXPECT_EQ(login(recovery).status, 201);
  EXPECT_EQ(login(recovery).ErrorCode(), "invalid_totp_code") << "a recovery code works once";

  // Turned off with a recovery code; then the password alone logs in again.
  EXPECT_EQ(c->Post("/api/v1/session/totp/disable",
                    R"({"code":")" + std::string(codes[1].as_string()) + R"("})")
                .status,
            200);
  EXPECT_FALSE(user().at("two_factor_enabled").as_bool());
  EXPECT_EQ(d.Login("intake", kTestPassword).status, 201);
}

TEST_F(TotpTest, AUnitCanMakeItMandatoryForItsHeadsAndAdministrators) {
  auto on = harness_->Cli({"unit", "set-2fa", "TEST", "on"});
  ASSERT_EQ(on.exit_code, 0) << on.output;
  EXPECT_NE(harness_->Cli({"unit", "list"}).output.find("2fa-required"), std::string::npos);
  EXPECT_NE(harness_->Cli({"unit", "set-2fa", "TEST", "maybe"}).exit_code, 0);

  // Staff without a head's or administrator's role are not concerned.
  auto worker = LoggedIn("worker");
  EXPECT_EQ(worker->Get("/api/v1/cases").status, 200);
  EXPECT_FALSE(worker->Get("/api/v1/session").Json().at("two_factor_enrolment_required").as_bool());

  // The head logs in with the password, then may only enrol a second factor.
  Client head(harness_->base_url());
  auto login = head.Login("head", kTestPassword);
  ASSERT_EQ(login.status, 201) << login.body;
  EXPECT_TRUE(login.Json().at("two_factor_enrolment_required").as_bool());
  auto r = head.Get("/api/v1/cases");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "two_factor_enrolment_required");
  EXPECT_EQ(head.Get("/api/v1/sops").ErrorCode(), "two_factor_enrolment_required");
  EXPECT_EQ(head.Get("/api/v1/session").status, 200);
  auto start = head.Post("/api/v1/session/totp", "{}");
  ASSERT_EQ(start.status, 201) << start.body;
  std::string secret = Str(start.Json(), "secret");
  auto confirmed =
      head.Post("/api/v1/session/totp/confirm", R"({"code":")" + CodeFor(secret) + R"("})");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  std::string recovery(confirmed.Json().at("recovery_codes").at(0).as_string());
  // Enrolled: the same session works in full; a new log-in asks for the code.
  EXPECT_EQ(head.Get("/api/v1/cases").status, 200);
  Client again(harness_->base_url());
  EXPECT_EQ(again.Login("head", kTestPassword).ErrorCode(), "totp_required");
  // While the unit requires it, it cannot be turned off (the session says so beforehand).
  auto me = head.Get("/api/v1/session").Json().at("user");
  EXPECT_TRUE(me.at("two_factor_enabled").as_bool());
  EXPECT_TRUE(me.at("two_factor_mandatory").as_bool());
  r = head.Post("/api/v1/session/totp/disable", R"({"code":")" + recovery + R"("})");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "two_factor_mandatory");

  ASSERT_EQ(harness_->Cli({"unit", "set-2fa", "TEST", "off"}).exit_code, 0);
  EXPECT_FALSE(head.Get("/api/v1/session").Json().at("user").at("two_factor_mandatory").as_bool());
  r = head.Post("/api/v1/session/totp/disable", R"({"code":")" + recovery + R"("})");
  EXPECT_EQ(r.status, 200) << r.body;
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {

// Behind a TLS proxy: the public address is https, and that alone makes the session cookie
// Secure and turns HSTS on (no `hsts` setting).
TEST(BehindTlsTest, AnHttpsPublicUrlMakesTheCookieSecureAndSendsHsts) {
  ServerHarness tls;
  tls.AddUser("worker", "case_worker");
  tls.Start({}, {{"LINDUNGI_PUBLIC_URL", "https://ppa.example.go.id"}});
  Client c(tls.base_url());
  auto r = c.Login("worker", kTestPassword);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.headers["set-cookie"].find("; Secure;"), std::string::npos)
      << r.headers["set-cookie"];
  EXPECT_EQ(r.headers["strict-transport-security"], "max-age=31536000; includeSubDomains");
  auto out = c.Request("DELETE", "/api/v1/session");
  EXPECT_NE(out.headers["set-cookie"].find("; Secure;"), std::string::npos);
  Client anon(tls.base_url());
  EXPECT_EQ(anon.Get("/healthz").headers["strict-transport-security"],
            "max-age=31536000; includeSubDomains");

  // Served as plain http (the default, or an http public_url): neither.
  ServerHarness plain;
  plain.AddUser("worker", "case_worker");
  plain.Start({}, {{"LINDUNGI_PUBLIC_URL", "http://127.0.0.1:8080"}});
  Client p(plain.base_url());
  auto pr = p.Login("worker", kTestPassword);
  ASSERT_EQ(pr.status, 201) << pr.body;
  EXPECT_EQ(pr.headers["set-cookie"].find("Secure"), std::string::npos);
  EXPECT_EQ(pr.headers.count("strict-transport-security"), 0u);
}

}  // namespace
}  // namespace lindungi::testing
