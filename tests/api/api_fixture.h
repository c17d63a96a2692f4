// Shared fixture of the API tests: one server per test suite with users of unit TEST
// (intake officer, case worker, administrator, unit head) and of unit OTHER.
#pragma once

#include <gtest/gtest.h>

#include <memory>

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

}  // namespace lindungi::testing
