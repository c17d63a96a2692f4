// The access log: every read of a case's personal data is recorded, unit heads can see who
// read a case and what a user read, and a clean shutdown loses none of it.
#include "api/api_fixture.h"
#include "support/backend.h"

#include <set>

namespace lindungi::testing {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.AddUser("worker", "case_worker");
    h_.AddUser("head", "unit_head");
    h_.AddUser("head-other", "unit_head", "OTHER");
    h_.Start();
  }
  std::unique_ptr<Client> As(const std::string& user) {
    auto c = std::make_unique<Client>(h_.base_url());
    EXPECT_EQ(c->Login(user, kTestPassword).status, 201);
    return c;
  }
  static std::string UserId(Client& c) {
    return Str(c.Get("/api/v1/session").Json().at("user"), "id");
  }
  ServerHarness h_;
};

TEST_F(AuditTest, UnitHeadsSeeWhoReadACaseAndWhatAUserRead) {
  auto worker = As("worker");
  auto r = worker->Post("/api/v1/cases", IntakeJson("Klien Diaudit"));
  ASSERT_EQ(r.status, 201);
  std::string case_id = Str(r.Json(), "id");
  EXPECT_EQ(
      worker->Request("GET", "/api/v1/cases/" + case_id, {}, {"X-Access-Purpose: asesmen lanjutan"})
          .status,
      200);
  EXPECT_EQ(worker->Get("/api/v1/cases/" + case_id + "/events").status, 200);
  EXPECT_EQ(worker->Get("/api/v1/cases?status=open").status, 200);

  auto head = As("head");
  auto log = head->Get("/api/v1/audit?case_id=" + case_id);
  ASSERT_EQ(log.status, 200) << log.body;
  std::string worker_id = UserId(*worker);
  std::set<std::string> sections;
  bool purpose_seen = false;
  auto entries = log.Json();
  for (const auto& e : entries.at("items").as_array()) {
    EXPECT_EQ(Str(e, "user_id"), worker_id);
    EXPECT_EQ(Str(e, "case_id"), case_id);
    EXPECT_EQ(Str(e, "request_id").size(), 12u);
    sections.insert(Str(e, "section"));
    if (e.at("purpose").is_string() && e.at("purpose").as_string() == "asesmen lanjutan")
      purpose_seen = true;
  }
  EXPECT_EQ(sections, (std::set<std::string>{"case", "history", "case_list"}));
  EXPECT_TRUE(purpose_seen);
  Client mistyped(h_.base_url());
  EXPECT_EQ(mistyped.Login("worker", "salah-ketik-kata-sandi").status, 401);
  auto by_user = head->Get("/api/v1/audit?user_id=" + worker_id);
  ASSERT_EQ(by_user.status, 200);
  auto user_log = by_user.Json();
  EXPECT_GE(user_log.at("items").as_array().size(), 3u);
  // Log-ins and failures are on the user's history, newest first, with the address.
  const auto& logins = user_log.at("logins").as_array();
  ASSERT_GE(logins.size(), 2u);
  EXPECT_EQ(Str(logins[0], "type"), "UserLoginFailed");
  EXPECT_EQ(Str(logins[0].at("payload"), "address"), "127.0.0.1");
  EXPECT_EQ(Str(logins[1], "type"), "UserLoggedIn");

  // Not for the case worker, not for another unit's head, and one question at a time.
  EXPECT_EQ(worker->Get("/api/v1/audit?case_id=" + case_id).ErrorCode(), "unit_head_required");
  EXPECT_EQ(As("head-other")->Get("/api/v1/audit?case_id=" + case_id).status, 404);
  EXPECT_EQ(head->Get("/api/v1/audit").ErrorCode(), "case_or_user_required");
  EXPECT_EQ(head->Get("/api/v1/audit?case_id=" + case_id + "&user_id=" + worker_id).ErrorCode(),
            "case_or_user_required");
  // The log holds ids and sections, never the data read.
  EXPECT_EQ(log.body.find("Klien Diaudit"), std::string::npos);
}

TEST_F(AuditTest, ReadsJustBeforeACleanShutdownAreStillLogged) {
  auto worker = As("worker");
  auto r = worker->Post("/api/v1/cases", IntakeJson("Klien Terakhir"));
  ASSERT_EQ(r.status, 201);
  std::string case_id = Str(r.Json(), "id");
  for (int i = 0; i < 5; ++i) ASSERT_EQ(worker->Get("/api/v1/cases/" + case_id).status, 200);
  EXPECT_EQ(h_.Stop(), 0);  // SIGTERM at once: the batch has not been written yet
  EXPECT_EQ(RawSql(h_.db_url(), "SELECT COUNT(*) FROM access_log WHERE case_id = '" + case_id +
                                    "' AND section = 'case'"),
            "5");
}

}  // namespace
}  // namespace lindungi::testing
