// QueryBatch / SqlConn::QueryAll (store/sql.h): several queries, each read by its own reader,
// in one round trip on PostgreSQL (pipeline mode). Runs on SQLite and on PostgreSQL. And
// SQLite's checkpoints beside the writer (store/sqlite/sqlite_database.cpp).
#include <chrono>
#include <filesystem>
#include <thread>

#include "store/case_store.h"
#include "store_fixture.h"

namespace lindungi::store {
namespace {

class QueryBatchTest : public StoreFixture {
 protected:
  void Count(const std::string& name, int times) {
    for (int i = 0; i < times; ++i)
      ASSERT_TRUE(db_->Write([&](SqlConn& c) -> Status {
        NextCounter(c, name);
        return {};
      }));
  }
};

TEST_F(QueryBatchTest, EachReaderGetsItsOwnQuerysRowsInOrder) {
  Count("a", 2);
  Count("b", 5);
  std::int64_t a = 0, b = 0;
  std::size_t none = 99, both = 0;
  db_->ReadOne([&](SqlConn& c) {
    QueryBatch batch;
    batch.Add("SELECT value FROM counters WHERE name = ?", {"a"},
              [&](std::vector<SqlRow>& rows) { a = rows.at(0).Int(0); });
    batch.Add("SELECT value FROM counters WHERE name = ?", {"nobody"},
              [&](std::vector<SqlRow>& rows) { none = rows.size(); });
    batch.Add("SELECT value FROM counters WHERE name = ?", {"b"},
              [&](std::vector<SqlRow>& rows) { b = rows.at(0).Int(0); });
    batch.Add("SELECT name FROM counters WHERE name IN (?, ?) ORDER BY name", {"a", "b"},
              [&](std::vector<SqlRow>& rows) { both = rows.size(); });
    batch.Run(c);
  });
  EXPECT_EQ(a, 2);
  EXPECT_EQ(b, 5);
  EXPECT_EQ(none, 0u);
  EXPECT_EQ(both, 2u);
}

TEST_F(QueryBatchTest, AFailingQueryThrowsAndTheConnectionStaysUsable) {
  Count("a", 1);
  bool reached = false;
  for (int round = 0; round < 3; ++round) {
    EXPECT_THROW(db_->ReadOne([&](SqlConn& c) {
      QueryBatch batch;
      batch.Add("SELECT value FROM counters WHERE name = ?", {"a"},
                [&](std::vector<SqlRow>&) { reached = true; });
      batch.Add("SELECT nothing FROM no_such_table", {}, [](std::vector<SqlRow>&) {});
      batch.Add("SELECT 1", {}, [](std::vector<SqlRow>&) {});
      batch.Run(c);
    }),
                 StoreError);
    // Every pooled connection still answers (none is left half way through a pipeline).
    std::int64_t v = 0;
    db_->ReadOne([&](SqlConn& c) {
      v = c.Query("SELECT value FROM counters WHERE name = ?", {"a"}).at(0).Int(0);
    });
    EXPECT_EQ(v, 1);
  }
  EXPECT_FALSE(reached) << "no reader runs when the batch failed";
}

TEST_F(QueryBatchTest, RunsInsideAWriteTransaction) {
  std::int64_t seen = 0;
  ASSERT_TRUE(db_->Write([&](SqlConn& c) -> Status {
    NextCounter(c, "w");
    QueryBatch batch;
    batch.Add("SELECT value FROM counters WHERE name = ?", {"w"},
              [&](std::vector<SqlRow>& rows) { seen = rows.at(0).Int(0); });
    batch.Add("SELECT COUNT(*) FROM counters", {}, [](std::vector<SqlRow>&) {});
    batch.Run(c);
    NextCounter(c, "w");
    return {};
  }));
  EXPECT_EQ(seen, 1) << "the batch sees the transaction's own writes";
  std::int64_t after = 0;
  db_->ReadOne([&](SqlConn& c) {
    after = c.Query("SELECT value FROM counters WHERE name = ?", {"w"}).at(0).Int(0);
  });
  EXPECT_EQ(after, 2);
}

// SQLite whatever the backend under test: its log is what is checked.
TEST(SqliteCheckpointTest, CheckpointsRunBesideTheWriterWhileTheStoreIsOpen) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("lindungi-ckpt-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / "test.db";
  {
    auto db = OpenDatabase("sqlite:" + file.string());
    auto before = fs::file_size(file);
    // Wide rows: well over the 1,000 log pages that wake the checkpointer.
    std::string wide(3000, 'x');
    for (int i = 0; i < 60; ++i)
      ASSERT_TRUE(db->Write([&](SqlConn& c) -> Status {
        for (int j = 0; j < 40; ++j)
          c.Exec("INSERT INTO counters (name, value) VALUES (?, 0)",
                 {std::to_string(i) + "-" + std::to_string(j) + wide});
        return {};
      }));
    // The database file grows only by checkpoints (writes go to the log): with the store
    // open and the writer idle, the checkpointer must have copied them.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (fs::file_size(file) < before + 4'000'000 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_GE(fs::file_size(file), before + 4'000'000);
    std::int64_t rows = 0;
    db->ReadOne([&](SqlConn& c) { rows = c.Query("SELECT COUNT(*) FROM counters").at(0).Int(0); });
    EXPECT_EQ(rows, 60 * 40);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lindungi::store
