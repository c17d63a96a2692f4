#include <regex>
#include <set>
#include <thread>

#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {

class CaseApiTest : public ApiTest {};

TEST_F(CaseApiTest, IntakeCreatesANumberedCaseThatCanBeRead) {
  auto c = LoggedIn("intake");
  auto created = CreateCase(*c, "Klien Satu");
  ASSERT_FALSE(created.empty());
  std::string id = std::string(created.at("id").as_string());
  EXPECT_TRUE(std::regex_match(std::string(created.at("number").as_string()),
                               std::regex(R"(PPA-TEST/20\d\d/\d{5})")));
  EXPECT_EQ(created.at("status").as_string(), "open");
  EXPECT_EQ(created.at("version").as_int64(), 1);
  EXPECT_EQ(created.at("client").at("name").as_string(), "Klien Satu");

  auto got = c->Get("/api/v1/cases/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.Json().as_object(), created);

  auto events = c->Get("/api/v1/cases/" + id + "/events");
  ASSERT_EQ(events.status, 200);
  auto events_json = events.Json();
  const auto& items = events_json.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("type").as_string(), "CaseOpened");
  EXPECT_EQ(items[0].at("seq").as_int64(), 1);
}

TEST_F(CaseApiTest, NumbersIncreasePerUnitAndYear) {
  auto c = LoggedIn("intake");
  auto a = CreateCase(*c, "Nomor A");
  auto b = CreateCase(*c, "Nomor B");
  std::string na(a.at("number").as_string()), nb(b.at("number").as_string());
  EXPECT_EQ(std::stoi(nb.substr(nb.size() - 5)), std::stoi(na.substr(na.size() - 5)) + 1);
  auto other = LoggedIn("stranger");
  auto o = CreateCase(*other, "Unit Lain");
  EXPECT_TRUE(std::string(o.at("number").as_string()).starts_with("PPA-OTHER/"));
}

TEST_F(CaseApiTest, AnotherUnitsCaseIsNotFound) {
  auto mine = LoggedIn("worker");
  auto created = CreateCase(*mine, "Rahasia");
  std::string id(created.at("id").as_string());
  auto stranger = LoggedIn("stranger");
  auto r = stranger->Get("/api/v1/cases/" + id);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "case_not_found");
  EXPECT_EQ(stranger->Get("/api/v1/cases/" + id + "/events").status, 404);
  EXPECT_EQ(
      stranger->Request("PATCH", "/api/v1/cases/" + id, R"({"version":1,"status":"in_progress"})")
          .status,
      404);
  auto list = stranger->Get("/api/v1/cases?page_size=200").Json();
  for (const auto& k : list.at("items").as_array()) EXPECT_NE(k.at("id").as_string(), id);
  // The same 404 as for an id that never existed.
  EXPECT_EQ(stranger->Get("/api/v1/cases/00000000-0000-4000-8000-000000000000").ErrorCode(),
            "case_not_found");
}

TEST_F(CaseApiTest, AColleagueSeesACaseOnlyOnceOnItsTeamAndASensitiveCaseStaysWithIt) {
  auto intake = LoggedIn("intake");
  auto worker = LoggedIn("worker");
  auto head = LoggedIn("head");
  std::string id(CreateCase(*intake, "Klien Tim").at("id").as_string());
  std::string path = "/api/v1/cases/" + id;
  std::string worker_id = Str(worker->Get("/api/v1/session").Json().at("user"), "id");
  // Same unit, no part in the case: as if it did not exist.
  EXPECT_EQ(worker->Get(path).status, 404);
  EXPECT_EQ(worker->Get(path + "/team").status, 404);

  auto r =
      head->Post(path + "/team", R"({"user_id":")" + worker_id + R"(","reason":"Pendamping."})");
  ASSERT_EQ(r.status, 200) << r.body;
  std::set<std::string> team;
  auto added = r.Json();
  for (const auto& m : added.at("items").as_array()) team.insert(Str(m, "username"));
  EXPECT_EQ(team, (std::set<std::string>{"intake", "worker"}));
  EXPECT_EQ(worker->Get(path).status, 200);

  // Sensitive: the team keeps it; only a head clears it; the case says so.
  r = worker->Request("PUT", path + "/sensitivity", R"({"sensitive":true})");
  EXPECT_EQ(r.ErrorCode(), "required") << r.body;
  r = worker->Request("PUT", path + "/sensitivity", R"({"sensitive":"ya","reason":"Alasan."})");
  EXPECT_EQ(r.ErrorCode(), "required") << r.body;
  r = worker->Request("PUT", path + "/sensitivity",
                      R"({"sensitive":true,"reason":"Pelaku bekerja di kantor ini."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.Json().at("sensitive").as_bool());
  EXPECT_TRUE(worker->Get(path).Json().at("sensitive").as_bool());
  EXPECT_EQ(intake->Get(path).status, 200);
  r = worker->Request("PUT", path + "/sensitivity", R"({"sensitive":false,"reason":"Salah."})");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "head_required");

  // Taken off the team, the case is gone for them; twice is not on the team.
  r = worker->Request("DELETE", path + "/team/" + worker_id, "");
  EXPECT_EQ(r.ErrorCode(), "cannot_change_team");
  r = head->Request("DELETE", path + "/team/" + worker_id, "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(worker->Get(path).status, 404);
  r = head->Request("DELETE", path + "/team/" + worker_id, "");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "not_on_team");
  auto list = worker->Get("/api/v1/cases?page_size=200").Json();
  for (const auto& k : list.at("items").as_array()) EXPECT_NE(Str(k, "id"), id);
}

TEST_F(CaseApiTest, AnAdministratorCannotOpenOrReadCases) {
  auto admin = LoggedIn("admin");
  auto r = admin->Post("/api/v1/cases", IntakeJson("Admin"));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "no_unit_role");
  // Deny by default: staff-only routes refuse a caller without a staff role outright.
  auto list = admin->Get("/api/v1/cases");
  EXPECT_EQ(list.status, 403);
  EXPECT_EQ(list.ErrorCode(), "no_unit_role");
}

TEST_F(CaseApiTest, UpdateWithAStaleVersionIsAConflict) {
  auto c = LoggedIn("worker");
  auto created = CreateCase(*c, "Versi");
  std::string path = "/api/v1/cases/" + std::string(created.at("id").as_string());
  auto first = c->Request("PATCH", path, R"({"version":1,"status":"in_progress","crisis":true})");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Json().at("version").as_int64(), 2);
  EXPECT_EQ(first.Json().at("status").as_string(), "in_progress");
  EXPECT_TRUE(first.Json().at("crisis").as_bool());
  auto stale = c->Request("PATCH", path, R"({"version":1,"status":"in_progress"})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "version_conflict");
  EXPECT_EQ(stale.Json().at("error").at("current_version").as_int64(), 2);
  EXPECT_EQ(c->Get(path).Json().at("status").as_string(), "in_progress");
}

TEST_F(CaseApiTest, ConcurrentUpdatesNeverLoseOne) {
  auto c0 = LoggedIn("worker");
  auto created = CreateCase(*c0, "Serentak");
  std::string path = "/api/v1/cases/" + std::string(created.at("id").as_string());
  std::atomic<int> ok{0}, conflict{0};
  std::vector<std::thread> threads;
  // Eight sessions logged in one after another (a burst of simultaneous log-ins of one account
  // is throttled, by design); then their updates race.
  std::vector<std::unique_ptr<Client>> sessions;
  for (int t = 0; t < 8; ++t) sessions.push_back(LoggedIn("worker"));
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto& c = sessions[t];
      auto r = c->Request("PATCH", path, R"({"version":1,"narrative":"versi baru"})");
      if (r.status == 200) ++ok;
      if (r.status == 409) ++conflict;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(conflict, 7);
  EXPECT_EQ(c0->Get(path).Json().at("version").as_int64(), 2);
}

TEST_F(CaseApiTest, IdempotencyKeyReturnsTheFirstResultAndCreatesOnce) {
  auto c = LoggedIn("intake");
  auto total = [&] { return c->Get("/api/v1/cases").Json().at("total").as_int64(); };
  std::int64_t before = total();
  std::string body = IntakeJson("Sekali Saja");
  auto first = c->Post("/api/v1/cases", body, {"Idempotency-Key: retry-001"});
  ASSERT_EQ(first.status, 201);
  auto again = c->Post("/api/v1/cases", body, {"Idempotency-Key: retry-001"});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  auto different = c->Post("/api/v1/cases", IntakeJson("Lain"), {"Idempotency-Key: retry-001"});
  EXPECT_EQ(different.status, 422);
  EXPECT_EQ(different.ErrorCode(), "idempotency_key_reused");
  EXPECT_EQ(total(), before + 1);
  int count = 0;
  auto list = c->Get("/api/v1/cases?page_size=200").Json();
  for (const auto& k : list.at("items").as_array())
    count += Str(k, "id") == Str(first.Json(), "id");
  EXPECT_EQ(count, 1);
}

TEST_F(CaseApiTest, ConcurrentRetriesWithOneKeyCreateOneCase) {
  std::string body = IntakeJson("Retry Serentak");
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<std::string> ids;
  // Six sessions logged in one after another: six log-ins at once are the log-in throttle's
  // business (login_flood_test), not this test's; the retries are what run concurrently.
  std::vector<std::unique_ptr<Client>> clients;
  for (int t = 0; t < 6; ++t) clients.push_back(LoggedIn("intake"));
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      auto r = clients[t]->Post("/api/v1/cases", body, {"Idempotency-Key: same-key-everywhere"});
      std::lock_guard lock(mu);
      EXPECT_EQ(r.status, 201);
      if (r.status == 201) ids.insert(std::string(r.Json().at("id").as_string()));
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ids.size(), 1u);
}

TEST_F(CaseApiTest, ListFiltersByStatusAndDateAndPages) {
  auto c = LoggedIn("worker");
  auto a = CreateCase(*c, "Daftar A");
  CreateCase(*c, "Daftar B");
  std::string path = "/api/v1/cases/" + std::string(a.at("id").as_string());
  ASSERT_EQ(c->Request("PATCH", path, R"({"version":1,"status":"in_progress"})").status, 200);

  auto closed = c->Get("/api/v1/cases?status=in_progress&page_size=200").Json();
  bool found = false;
  for (const auto& k : closed.at("items").as_array()) {
    EXPECT_EQ(k.at("status").as_string(), "in_progress");
    found = found || k.at("id") == a.at("id");
  }
  EXPECT_TRUE(found);

  EXPECT_EQ(c->Get("/api/v1/cases?received_to=2000-01-01").Json().at("total").as_int64(), 0);
  auto all = c->Get("/api/v1/cases?received_from=2000-01-01&page_size=200").Json();
  EXPECT_GE(all.at("total").as_int64(), 2);

  auto page1 = c->Get("/api/v1/cases?page=1&page_size=1").Json();
  auto page2 = c->Get("/api/v1/cases?page=2&page_size=1").Json();
  ASSERT_EQ(page1.at("items").as_array().size(), 1u);
  ASSERT_EQ(page2.at("items").as_array().size(), 1u);
  EXPECT_NE(page1.at("items").as_array()[0].at("id"), page2.at("items").as_array()[0].at("id"));
  // Newest first.
  EXPECT_GE(page1.at("items").as_array()[0].at("received_at").as_string(),
            page2.at("items").as_array()[0].at("received_at").as_string());
}

}  // namespace
}  // namespace lindungi::testing
