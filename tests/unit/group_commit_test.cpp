#include <atomic>
#include <mutex>
#include <thread>

#include "store/case_store.h"
#include "store_fixture.h"

namespace lindungi::store {
namespace {

class GroupCommitTest : public StoreFixture {};

TEST_F(GroupCommitTest, ConcurrentWritesShareCommits) {
  std::mutex mu;
  std::size_t commits = 0, largest = 0, total = 0;
  db_->SetCommitObserver([&](double, std::size_t n) {
    std::lock_guard lock(mu);
    ++commits;
    total += n;
    largest = std::max(largest, n);
  });
  constexpr int kThreads = 16, kEach = 20;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = db_->Write([&](SqlConn& c) -> Result<boost::json::value> {
          NextCounter(c, "c" + std::to_string(t));
          return boost::json::value(i);
        });
        if (r && r->as_int64() == i) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, kThreads * kEach);
  EXPECT_EQ(total, std::size_t(kThreads * kEach));
  if (postgres()) {
    // One transaction per write by design: PostgreSQL group-commits its WAL flushes itself.
    EXPECT_EQ(commits, std::size_t(kThreads * kEach));
  } else {
    EXPECT_GT(largest, 1u) << "no two writes ever shared a commit";
    EXPECT_LT(commits, std::size_t(kThreads * kEach));
  }
  db_->Read([&](SqlConn& c) {
    for (int t = 0; t < kThreads; ++t) {
      auto rows = c.Query("SELECT value FROM counters WHERE name = ?", {"c" + std::to_string(t)});
      EXPECT_EQ(rows.at(0).Int(0), kEach);
    }
  });
}

TEST_F(GroupCommitTest, AFailedWriteRollsBackOnlyItself) {
  std::vector<std::thread> threads;
  std::atomic<int> failed{0}, succeeded{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto r = db_->Write([&](SqlConn& c) -> Status {
        NextCounter(c, "shared");
        if (t % 2) return Fail(MakeError(ErrorKind::kConflict, "nope", "", ""));
        if (t == 4) throw StoreError("boom");
        return {};
      });
      (r ? succeeded : failed)++;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(succeeded, 3);
  EXPECT_EQ(failed, 5);
  db_->Read([&](SqlConn& c) {
    auto rows = c.Query("SELECT value FROM counters WHERE name = 'shared'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Int(0), 3);
  });
}

TEST_F(GroupCommitTest, WritesAfterCloseAreRefused) {
  db_->Close();
  auto r = db_->Write([](SqlConn&) -> Result<boost::json::value> { return boost::json::value(); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kUnavailable);
}

}  // namespace
}  // namespace lindungi::store
