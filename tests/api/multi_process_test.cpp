// Stateless app processes: two `lindungi serve` on one store serve the same users
// (sessions and idempotency keys live in the store), and concurrent writers on the same
// cases through both never lose an update (409 instead), every acknowledged write is
// there, and every hash chain verifies. Runs on SQLite and on PostgreSQL.
#include <atomic>
#include <mutex>
#include <thread>

#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {

TEST(MultiProcessTest, TwoProcessesShareSessionsAndNeverLoseAWrite) {
  ServerHarness h;
  h.AddUser("worker", "case_worker");
  h.Start();
  std::string second = h.StartAnotherProcess();

  // A session made on one process works on the other; so does an idempotency key.
  Client a(h.base_url());
  auto login = a.Login("worker", kTestPassword);
  ASSERT_EQ(login.status, 201);
  const std::string& set_cookie = login.headers["set-cookie"];
  std::string cookie = set_cookie.substr(0, set_cookie.find(';'));  // lindungi_session=<token>
  Client b(second);
  auto me = b.Request("GET", "/api/v1/session", "", {"Cookie: " + cookie});
  EXPECT_EQ(me.status, 200) << me.body;

  auto first =
      a.Post("/api/v1/cases", IntakeJson("Dua Proses"), {"Idempotency-Key: two-process-1"});
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(b.Login("worker", kTestPassword).status, 201);
  auto replay =
      b.Post("/api/v1/cases", IntakeJson("Dua Proses"), {"Idempotency-Key: two-process-1"});
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.body, first.body);

  // Create a few cases, then race updates on them through both processes.
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i)
    ids.push_back(std::string(a.Post("/api/v1/cases", IntakeJson("Balapan " + std::to_string(i)))
                                  .Json()
                                  .at("id")
                                  .as_string()));
  std::atomic<int> ok{0}, conflicts{0}, other{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      Client c(t % 2 ? second : h.base_url());
      if (c.Login("worker", kTestPassword).status != 201) return;
      for (int round = 0; round < 15; ++round) {
        const std::string& id = ids[(t + round) % ids.size()];
        auto current = c.Get("/api/v1/cases/" + id);
        auto version = current.Json().at("version").as_int64();
        auto r = c.Request("PATCH", "/api/v1/cases/" + id,
                           R"({"version":)" + std::to_string(version) + R"(,"narrative":"t)" +
                               std::to_string(t) + "r" + std::to_string(round) + R"("})");
        if (r.status == 200)
          ++ok;
        else if (r.status == 409)
          ++conflicts;
        else
          ++other;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(other, 0);
  EXPECT_GT(ok, 0);
  std::cout << ok << " updates acknowledged, " << conflicts << " conflicts\n";

  // No lost update: every acknowledged update is one event, so versions add up.
  int64_t total_versions = 0;
  for (const auto& id : ids)
    total_versions += a.Get("/api/v1/cases/" + id).Json().at("version").as_int64();
  EXPECT_EQ(total_versions, int64_t(ids.size()) + ok);
  h.Stop();
  auto verify = h.Cli({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

// Crypto-shredding holds across processes: once `lindungi person erase` has run (a process
// of its own), neither server decrypts that person again, though both read the case just
// before (issue 18: no cache of keys may outlive an erasure).
TEST(MultiProcessTest, AnErasureIsSeenByEveryProcessAtOnce) {
  ServerHarness h;
  h.AddUser("worker", "case_worker");
  h.Start();
  std::string second = h.StartAnotherProcess();
  Client a(h.base_url()), b(second);
  ASSERT_EQ(a.Login("worker", kTestPassword).status, 201);
  ASSERT_EQ(b.Login("worker", kTestPassword).status, 201);
  auto created = a.Post("/api/v1/cases", IntakeJson("Terhapus Dua Proses"));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id(created.Json().at("id").as_string());
  std::string client(created.Json().at("client").at("person_id").as_string());
  for (Client* c : {&a, &b}) {
    for (int i = 0; i < 3; ++i) {
      auto got = c->Get("/api/v1/cases/" + id).Json();
      ASSERT_EQ(got.at("client").at("name"), "Terhapus Dua Proses");
      ASSERT_TRUE(got.at("narrative").is_string());
    }
  }
  auto erased = h.Cli({"person", "erase", client});
  ASSERT_EQ(erased.exit_code, 0) << erased.output;
  for (Client* c : {&a, &b}) {
    auto got = c->Get("/api/v1/cases/" + id).Json();
    EXPECT_TRUE(got.at("client").at("name").is_null()) << got;
    EXPECT_TRUE(got.at("narrative").is_null()) << got;
    int seen = 0;
    for (const auto& person : got.at("people").as_array())
      if (person.at("person_id").as_string() == client) {
        ++seen;
        EXPECT_TRUE(person.at("name").is_null()) << person;
      }
    EXPECT_EQ(seen, 1);
  }
  h.Stop();
}

}  // namespace
}  // namespace lindungi::testing
