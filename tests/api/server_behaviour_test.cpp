#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {

class ServerBehaviourTest : public ApiTest {};

TEST_F(ServerBehaviourTest, HealthReadinessAndMetrics) {
  Client c(harness_->base_url());
  EXPECT_EQ(c.Get("/healthz").status, 200);
  auto ready = c.Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(Str(ready.Json(), "status"), "ready");
  auto w = LoggedIn("worker");
  CreateCase(*w, "Metrik");
  auto m = c.Get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.headers["content-type"].find("text/plain"), std::string::npos);
  EXPECT_NE(
      m.body.find(
          "lindungi_http_requests_total{route=\"/api/v1/cases\",method=\"POST\",status=\"201\"}"),
      std::string::npos);
  EXPECT_NE(m.body.find("lindungi_http_request_duration_seconds_bucket{route=\"/api/v1/"
                        "cases\",method=\"POST\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(m.body.find("lindungi_store_commit_seconds_count"), std::string::npos);
  EXPECT_NE(m.body.find("lindungi_store_commit_batch_size_bucket"), std::string::npos);
}

TEST_F(ServerBehaviourTest, ResponsesCarryARequestIdAndNoCaching) {
  auto c = LoggedIn("worker");
  auto r = c->Get("/api/v1/cases");
  EXPECT_FALSE(r.headers["x-request-id"].empty());
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
}

TEST_F(ServerBehaviourTest, UnknownPathsAreJson404) {
  Client c(harness_->base_url());
  auto r = c.Get("/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "not_found");
  EXPECT_EQ(r.headers["x-request-id"],
            std::string(r.Json().at("error").at("request_id").as_string()));
  auto put = c.Request("PUT", "/api/v1/cases", "{}");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.headers["allow"], "POST, GET");  // in route-table order
}

TEST_F(ServerBehaviourTest, NoPersonalDataInTheLog) {
  auto c = LoggedIn("worker");
  auto r = c->Post("/api/v1/cases", IntakeJson("Zubaidah Kartikasari"));
  ASSERT_EQ(r.status, 201);
  c->Post("/api/v1/cases", Replace(IntakeJson("Zubaidah Kartikasari"), "2012-05-17", "2012-13-01"));
  auto log = harness_->ReadLog();
  EXPECT_EQ(log.find("Zubaidah"), std::string::npos);
  EXPECT_EQ(log.find("Narasi uji"), std::string::npos);
  EXPECT_EQ(log.find(kTestPassword), std::string::npos);
}

// A slow client that sends half a request cannot hold the connection past the read timeout.
TEST(ServerTimeoutTest, ASlowClientIsCutOff) {
  ServerHarness h;
  h.Start({}, {{"LINDUNGI_READ_TIMEOUT_S", "1"}});
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(uint16_t(h.port()));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  const char partial[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n";  // never finishes the headers
  ASSERT_GT(send(s, partial, sizeof partial - 1, 0), 0);
  timeval tv{5, 0};
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  auto start = std::chrono::steady_clock::now();
  char buf[256];
  ssize_t n = recv(s, buf, sizeof buf, 0);  // 0: the server closed the connection
  auto waited = std::chrono::steady_clock::now() - start;
  close(s);
  EXPECT_EQ(n, 0);
  EXPECT_LT(waited, std::chrono::seconds(4));
  Client c(h.base_url());
  EXPECT_EQ(c.Get("/healthz").status, 200);
}

// SIGTERM under load: the server finishes what it acknowledged, exits 0, and every
// acknowledged case is there after a restart.
TEST(GracefulShutdownTest, AcknowledgedWritesSurviveSigterm) {
  ServerHarness h;
  h.AddUser("worker", "case_worker");
  h.Start();
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::string> acked;
  std::atomic<int> server_errors{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      Client c(h.base_url());
      if (c.Login("worker", kTestPassword).status != 201) return;
      for (int i = 0; !stop; ++i) {
        auto r = c.Post("/api/v1/cases",
                        IntakeJson("Graceful " + std::to_string(t) + "-" + std::to_string(i)));
        if (r.status == 201) {
          std::lock_guard lock(mu);
          acked.push_back(std::string(r.Json().at("id").as_string()));
        } else if (r.status == 500) {
          ++server_errors;
        } else if (r.status == 0 || r.status == 503) {
          break;  // the server is going away
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(h.Stop(), 0);
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(server_errors, 0);
  EXPECT_NE(h.ReadLog().find("stopped cleanly"), std::string::npos);
  ASSERT_FALSE(acked.empty());
  h.Start();
  Client c(h.base_url());
  ASSERT_EQ(c.Login("worker", kTestPassword).status, 201);
  for (const auto& id : acked) EXPECT_EQ(c.Get("/api/v1/cases/" + id).status, 200) << id;
}

}  // namespace
}  // namespace lindungi::testing
