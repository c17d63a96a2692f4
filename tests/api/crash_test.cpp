// Crash test: concurrent clients create cases, the server is killed with SIGKILL at a
// random moment mid-load and restarted. Every case whose creation was acknowledged must be
// there, `audit verify` must pass and SQLite's integrity check must say ok. Several rounds.
#include <gtest/gtest.h>

#include <iostream>

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "support/backend.h"
#include "support/http_client.h"
#include "support/server_harness.h"

namespace lindungi::testing {
namespace {

TEST(CrashTest, AcknowledgedCasesSurviveSigkill) {
  ServerHarness h;
  h.AddUser("worker", "case_worker");
  std::mt19937 rng(20261123);
  std::vector<std::string> acked;  // across all rounds
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    h.Start();
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::vector<std::thread> clients;
    for (int t = 0; t < 16; ++t) {
      clients.emplace_back([&, t] {
        Client c(h.base_url());
        if (c.Login("worker", kTestPassword).status != 201) return;
        for (int i = 0; !stop; ++i) {
          auto r = c.Post("/api/v1/cases", IntakeJson("Crash " + std::to_string(round) + "-" +
                                                      std::to_string(t) + "-" + std::to_string(i)));
          if (r.status == 201) {
            std::lock_guard lock(mu);
            acked.push_back(std::string(r.Json().at("id").as_string()));
          } else if (r.status == 0) {
            break;  // killed
          }
        }
      });
    }
    int delay_ms = std::uniform_int_distribution<int>(600, 1800)(rng);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    h.Kill();
    stop = true;
    for (auto& t : clients) t.join();
    std::cout << "round " << round << ": killed after " << delay_ms << " ms, " << acked.size()
              << " cases acknowledged so far\n";

    // SQLite's own check; PostgreSQL recovers from its WAL and has none to run here.
    if (!UsePostgres()) {
      EXPECT_EQ(RawSql(h.db_url(), "PRAGMA integrity_check"), "ok");
    }
    auto verify = h.Cli({"audit", "verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;

    h.Start();
    Client c(h.base_url());
    ASSERT_EQ(c.Login("worker", kTestPassword).status, 201);
    int missing = 0;
    for (const auto& id : acked) missing += c.Get("/api/v1/cases/" + id).status != 200;
    EXPECT_EQ(missing, 0) << "acknowledged cases lost after round " << round;
    ASSERT_EQ(h.Stop(), 0);
  }
  EXPECT_GT(acked.size(), 50u) << "the load was too light to mean anything";
}

}  // namespace
}  // namespace lindungi::testing
