// Shared fixture of the API tests: one server per test suite with users of unit TEST
// (intake officer, case worker, administrator, unit head) and of unit OTHER.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "security/totp.h"
#include "support/http_client.h"
#include "support/server_harness.h"

namespace lindungi::testing {

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    harness_->AddUser("intake", "intake_officer");
    harness_->AddUser("worker", "case_worker");
    harness_->AddUser("admin", "admin");
    harness_->AddUser("head", "unit_head");
    harness_->AddUser("stranger", "case_worker", "OTHER");
    harness_->Start();
  }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }

  std::unique_ptr<Client> LoggedIn(const std::string& user) {
    auto c = std::make_unique<Client>(harness_->base_url());
    auto r = c->Login(user, kTestPassword);
    EXPECT_EQ(r.status, 201) << r.body;
    return c;
  }

  // Creates a case as `c` and returns its JSON (fails the test on error).
  boost::json::object CreateCase(Client& c, const std::string& client_name) {
    auto r = c.Post("/api/v1/cases", IntakeJson(client_name));
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    return r.Json().as_object();
  }

  static inline ServerHarness* harness_ = nullptr;
};

// `s` with the first `from` replaced by `to` (to derive bad bodies from a good one).
inline std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto p = s.find(from);
  if (p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

inline std::string Str(const boost::json::value& v, std::string_view key) {
  return std::string(v.as_object().at(key).as_string());
}

// The authenticator app's code for a base32 secret, `offset_s` from now.
inline std::string CodeFor(const std::string& secret_base32, std::int64_t offset_s = 0) {
  // Decode RFC 4648 base32 (the test's own, independent of the server's encoder).
  std::string bytes;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : secret_base32) {
    int v = ch >= 'A' && ch <= 'Z' ? ch - 'A' : ch - '2' + 26;
    buffer = (buffer << 5) | std::uint32_t(v);
    bits += 5;
    if (bits >= 8) {
      bytes += char((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  return security::Totp(bytes, now + offset_s);
}

}  // namespace lindungi::testing
