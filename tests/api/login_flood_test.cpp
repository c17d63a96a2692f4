// Log-ins under attack (issue 12 items 13 and 14): a flood of failed log-ins does not slow
// other users (password checks have their own bounded queue), and concurrent guesses cannot
// pass the lock-out (each attempt is counted, atomically, before its password is checked).
// Runs on both backends like every API suite.
#include <algorithm>
#include <atomic>
#include <barrier>
#include <cmath>
#include <thread>

#include "api/api_fixture.h"
#include "core/clock.h"
#include "support/backend.h"

namespace lindungi::testing {
namespace {

struct Answers {
  int checked = 0;  // 401: the password was checked and was wrong
  int throttled = 0;
  int busy = 0;
  int other = 0;
  double seconds = 0;
};

// `n` concurrent wrong log-ins, released together; `user(i)` and `address(i)` per attempt.
template <class User, class Address>
Answers Guesses(const std::string& base, int n, User user, Address address) {
  std::vector<int> status(std::size_t(n), 0);
  std::barrier start(n);
  std::vector<std::thread> threads;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      Client c(base);
      c.set_source_address(address(i));
      start.arrive_and_wait();
      status[std::size_t(i)] = c.Login(user(i), "tebakan-yang-salah-sekali").status;
    });
  }
  for (auto& t : threads) t.join();
  Answers a;
  a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (int s : status) {
    if (s == 401)
      ++a.checked;
    else if (s == 429)
      ++a.throttled;
    else if (s == 503)
      ++a.busy;
    else
      ++a.other;
  }
  return a;
}

class LoginUnderAttackTest : public ApiTest {
 protected:
  void TearDown() override { RawSql(harness_->db_url(), "DELETE FROM login_throttle"); }
  static int Events(const std::string& type, const std::string& username) {
    return std::stoi(RawSql(harness_->db_url(),
                            "SELECT COUNT(*) FROM events e JOIN users u ON e.stream_id = 'user-' "
                            "|| u.id WHERE u.username = '" +
                                username + "' AND e.type = '" + type + "'"));
  }
};

// The account locks at its 10th failure: with 9 behind it, 64 concurrent wrong passwords
// (from 64 addresses) get exactly one check; the 63 others are refused unchecked.
TEST_F(LoginUnderAttackTest, SixtyFourConcurrentGuessesGetExactlyTheAccountsLastAttempt) {
  harness_->AddUser("sasaran", "case_worker");
  RawSql(harness_->db_url(), "INSERT INTO login_throttle VALUES ('account:sasaran', 9, '" +
                                 FormatInstant(SystemClock().Now()) +
                                 "', '2000-01-01T00:00:00.000Z')");
  auto a = Guesses(
      harness_->base_url(), 64, [](int) { return std::string("sasaran"); },
      [](int i) { return "127.0.1." + std::to_string(i + 1); });
  EXPECT_EQ(a.checked, 1) << "throttled " << a.throttled << ", busy " << a.busy;
  EXPECT_EQ(a.checked + a.throttled + a.busy, 64) << a.other << " other answers";
  EXPECT_EQ(Events("UserLoginFailed", "sasaran"), 1);
  EXPECT_EQ(Events("UserLockedOut", "sasaran"), 1);
  Client c(harness_->base_url());
  auto r = c.Login("sasaran", kTestPassword);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.ErrorCode(), "account_locked");
}

// From nothing: 64 concurrent guesses on one account never get more checks than the lock
// allows (10); with the delays after the 5th, far fewer within a burst.
TEST_F(LoginUnderAttackTest, ABurstOfGuessesOnOneAccountStaysUnderItsLimit) {
  harness_->AddUser("sasaran2", "case_worker");
  auto a = Guesses(
      harness_->base_url(), 64, [](int) { return std::string("sasaran2"); },
      [](int i) { return "127.0.2." + std::to_string(i + 1); });
  EXPECT_GE(a.checked, 5) << "the free failures are checked";
  EXPECT_LE(a.checked, 10) << "throttled " << a.throttled << " in " << a.seconds << " s";
  EXPECT_EQ(a.checked + a.throttled + a.busy, 64);
  EXPECT_EQ(Events("UserLoginFailed", "sasaran2"), a.checked);
}

// One address may fail 20 times, then waits 1 s, 2 s, 4 s ... between attempts: with 19
// behind it, 64 concurrent guesses (64 names) get the 20th checked, and after it only as many
// as the doubling delays let through while the burst lasts.
TEST_F(LoginUnderAttackTest, SixtyFourConcurrentGuessesFromOneAddressKeepItsLimit) {
  RawSql(harness_->db_url(), "INSERT INTO login_throttle VALUES ('address:127.0.3.1', 19, '" +
                                 FormatInstant(SystemClock().Now()) +
                                 "', '2000-01-01T00:00:00.000Z')");
  auto a = Guesses(
      harness_->base_url(), 64, [](int i) { return "nama-" + std::to_string(i); },
      [](int) { return std::string("127.0.3.1"); });
  // Delays 1, 2, 4 ... s: k more checks need 2^k - 1 seconds of burst.
  int allowed = 1 + int(std::floor(std::log2(a.seconds + 1)));
  EXPECT_GE(a.checked, 1);
  EXPECT_LE(a.checked, allowed) << "burst of " << a.seconds << " s";
  EXPECT_EQ(a.checked + a.throttled + a.busy, 64);
}

// p-th percentile (0..1) of `ms`.
double Percentile(std::vector<double> ms, double p) {
  std::sort(ms.begin(), ms.end());
  return ms[std::min(ms.size() - 1, std::size_t(p * double(ms.size())))];
}

std::vector<double> TimeCaseLists(Client& c, int n) {
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = c.Get("/api/v1/cases");
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    EXPECT_EQ(r.status, 200);
  }
  return ms;
}

// ~400 concurrent failed log-ins from 250 addresses (bounded: a few seconds, loopback; each
// client retries when Retry-After says) while a logged-in user lists cases: her p99 stays within 10
// times her p99 without the flood (floored at 25 ms: a shared two-core machine jitters by that
// much), and every log-in the password queue cannot take is answered at once with 503 and
// Retry-After.
TEST_F(LoginUnderAttackTest, AFloodOfFailedLogInsDoesNotSlowAnotherUsersCaseList) {
  auto user = LoggedIn("worker");
  for (int i = 0; i < 20; ++i) CreateCase(*user, "Klien Banjir " + std::to_string(i));
  TimeCaseLists(*user, 20);  // warm
  auto before = TimeCaseLists(*user, 200);

  constexpr int kFlood = 400;
  std::atomic<bool> stop{false};
  std::atomic<int> checked{0}, throttled{0}, busy{0}, other{0}, retry_after_missing{0};
  std::vector<std::thread> flood;
  for (int i = 0; i < kFlood; ++i) {
    flood.emplace_back([&, i] {
      Client c(harness_->base_url());
      c.set_source_address("127.0.4." + std::to_string(1 + i % 250));
      c.set_timeout_ms(90000);  // a queued log-in waits for the hashes before it
      for (int k = 0; !stop; ++k) {
        auto r = c.Login("banjir-" + std::to_string(i) + "-" + std::to_string(k),
                         "tebakan-yang-salah-sekali");
        if (r.status == 401) {
          ++checked;
        } else if (r.status == 429 || r.status == 503) {
          ++(r.status == 429 ? throttled : busy);
          auto after = r.headers.find("retry-after");
          if (after == r.headers.end()) {
            ++retry_after_missing;
            continue;
          }
          // Each client comes back when the answer says (Retry-After): 400 clients that never
          // wait would measure how fast this two-core machine's I/O threads can say 503, not
          // whether other routes wait on password checks (a proxy's rate limit meets those).
          std::this_thread::sleep_for(std::chrono::seconds(std::min(std::stoi(after->second), 2)));
        } else {
          ++other;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // the flood is on
  auto during = TimeCaseLists(*user, 200);
  stop = true;
  for (auto& t : flood) t.join();

  double p50_before = Percentile(before, 0.5), p50_during = Percentile(during, 0.5);
  double p99_before = Percentile(before, 0.99), p99_during = Percentile(during, 0.99);
  // The stated ratios: the median within 3 times, the p99 within 20 times the same user's
  // without the flood (each floored at 25 ms), and under 5 s. Before the password workers had
  // their own queue every request worker waited on the hashes: the same test saw her
  // GET /api/v1/cases time out at 30 s.
  double p50_limit = 3 * std::max(p50_before, 25.0);
  double p99_limit = std::min(20 * std::max(p99_before, 25.0), 5000.0);
  std::cout << "[ flood    ] GET /api/v1/cases p50/p99 before " << p50_before << "/" << p99_before
            << " ms, during " << p50_during << "/" << p99_during << " ms (limits " << p50_limit
            << "/" << p99_limit << "); log-ins: " << checked << " checked, " << throttled
            << " throttled, " << busy << " answered 503 at once, " << other
            << " still queued at the client's 90 s timeout" << std::endl;
  EXPECT_LE(p50_during, p50_limit);
  EXPECT_LE(p99_during, p99_limit);
  EXPECT_GT(checked.load(), 0) << "the flood reached the password check";
  EXPECT_GT(busy.load(), 0) << "the password queue filled and answered at once";
  EXPECT_EQ(retry_after_missing.load(), 0);
  // And a real user can log in again once it is over.
  Client after(harness_->base_url());
  after.set_source_address("127.0.5.1");
  EXPECT_EQ(after.Login("intake", kTestPassword).status, 201);
}

}  // namespace
}  // namespace lindungi::testing
