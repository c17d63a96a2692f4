#include "store/sqlite/sqlite_database.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "store/connection_pool.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_conn.h"

namespace lindungi::store {
namespace {

Error StorageFailed() {
  return MakeError(ErrorKind::kIOError, "store_failed",
                   "Penyimpanan gagal; data tidak tersimpan. Coba lagi.",
                   "Storage failed; nothing was saved. Try again.");
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, DatabaseOptions options)
      : path_(std::move(path)), options_(options), readers_(options.max_readers, [this] {
          return std::make_unique<SqliteConn>(path_, SqliteConn::Mode::kReader);
        }) {
    writer_ = std::make_unique<SqliteConn>(path_, SqliteConn::Mode::kWriter);
    Migrate(*writer_);
    // Checkpoints run beside the writer, not inside its commits (the hook replaces
    // SQLite's automatic checkpoint): copying the log into the file took a sixth of the
    // writer's time, and every write waits for the writer (docs/performance.md "Profile").
    checkpointer_ = std::make_unique<SqliteConn>(path_, SqliteConn::Mode::kCheckpointer);
    sqlite3_wal_hook(writer_->handle(), &SqliteDatabase::OnCommitted, this);
    checkpoint_thread_ = std::thread([this] { CheckpointLoop(); });
    thread_ = std::thread([this] { WriterLoop(); });
  }

  ~SqliteDatabase() override { Close(); }

  Status Execute(WriteFn fn) override {
    Job job{std::move(fn), {}};
    auto done = job.promise.get_future();
    {
      std::lock_guard lock(mu_);
      if (closing_) {
        return Fail(MakeError(ErrorKind::kUnavailable, "shutting_down",
                              "Server sedang berhenti; coba lagi sebentar lagi.",
                              "The server is shutting down; try again shortly."));
      }
      queue_.push_back(std::move(job));
    }
    cv_.notify_one();
    return done.get();
  }

  void Read(const ReadFn& fn) override { ReadOn(fn, true); }
  void ReadOne(const ReadFn& fn) override { ReadOn(fn, false); }

  void ReadOn(const ReadFn& fn, bool snapshot) {
    ConnectionPool<SqliteConn>::Lease conn(readers_);
    if (!snapshot) return fn(*conn);
    conn->ExecScript("BEGIN");
    try {
      fn(*conn);
    } catch (...) {
      conn->ExecScript("ROLLBACK");
      throw;
    }
    conn->ExecScript("COMMIT");
  }

  bool Ping() override {
    try {
      bool ok = false;
      Read([&](SqlConn& c) { ok = !c.Query("SELECT 1").empty(); });
      return ok;
    } catch (const StoreError&) {
      return false;
    }
  }

  void Backup(const std::string& dest_path) override {
    std::string tmp = dest_path + ".partial";
    std::remove(tmp.c_str());
    SqliteConn src(path_, SqliteConn::Mode::kReader);
    sqlite3* dest = nullptr;
    if (sqlite3_open(tmp.c_str(), &dest) != SQLITE_OK) {
      sqlite3_close(dest);
      throw StoreError("cannot create the backup file");
    }
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", src.handle(), "main");
    int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;  // one step: one consistent snapshot
    if (b) sqlite3_backup_finish(b);
    int closed = sqlite3_close(dest);
    if (rc != SQLITE_DONE || closed != SQLITE_OK) {
      std::remove(tmp.c_str());
      throw StoreError(fmt::format("backup failed (code {})", rc));
    }
    if (std::rename(tmp.c_str(), dest_path.c_str()) != 0) {
      std::remove(tmp.c_str());
      throw StoreError("cannot move the backup into place");
    }
  }

  void Close() override {
    {
      std::lock_guard lock(mu_);
      if (closing_) return;
      closing_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    {
      std::lock_guard lock(checkpoint_mu_);
      checkpoint_stop_ = true;
    }
    checkpoint_cv_.notify_one();
    if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
    readers_.Close();
  }

  void SetCommitObserver(CommitObserver observer) override { observer_ = std::move(observer); }
  std::string_view Dialect() const override { return "sqlite"; }

 private:
  struct Job {
    WriteFn fn;
    std::promise<Status> promise;
  };

  void WriterLoop() {
    for (;;) {
      std::vector<Job> batch;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
        if (queue_.empty()) return;  // closing and drained
        while (!queue_.empty() && batch.size() < options_.max_batch) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      RunBatch(batch);
    }
  }

  // After each commit (on the writer thread): wakes the checkpointer once the log holds
  // as many pages as SQLite's own automatic checkpoint would wait for.
  static int OnCommitted(void* self, sqlite3*, const char*, int log_pages) {
    if (log_pages >= kCheckpointPages) {
      auto* db = static_cast<SqliteDatabase*>(self);
      {
        std::lock_guard lock(db->checkpoint_mu_);
        db->checkpoint_wanted_ = true;
      }
      db->checkpoint_cv_.notify_one();
    }
    return SQLITE_OK;
  }

  void CheckpointLoop() {
    for (;;) {
      {
        std::unique_lock lock(checkpoint_mu_);
        checkpoint_cv_.wait(lock, [&] { return checkpoint_stop_ || checkpoint_wanted_; });
        if (checkpoint_stop_) return;
        checkpoint_wanted_ = false;
      }
      // PASSIVE: copies what no reader still needs, never blocks the writer or readers.
      int rc = sqlite3_wal_checkpoint_v2(checkpointer_->handle(), nullptr,
                                         SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        spdlog::warn("store: checkpoint failed (code {}); the log keeps the writes", rc);
    }
  }

  void RunBatch(std::vector<Job>& batch) {
    auto start = std::chrono::steady_clock::now();
    std::vector<Status> results;
    results.reserve(batch.size());
    bool committed = false;
    try {
      writer_->ExecScript("BEGIN IMMEDIATE");
      for (auto& job : batch) {
        writer_->ExecScript("SAVEPOINT job");
        Status r = Fail(StorageFailed());
        try {
          r = job.fn(*writer_);
        } catch (const std::exception& e) {
          spdlog::error("store: a write failed and was rolled back: {}", e.what());
          r = Fail(StorageFailed());
        }
        if (!r) writer_->ExecScript("ROLLBACK TO job");
        writer_->ExecScript("RELEASE job");
        results.push_back(std::move(r));
      }
      writer_->ExecScript("COMMIT");
      committed = true;
    } catch (const std::exception& e) {
      spdlog::error("store: group commit of {} writes failed: {}", batch.size(), e.what());
      try {
        writer_->ExecScript("ROLLBACK");
      } catch (const std::exception&) {
      }
    }
    // Observe before answering: once a caller has its answer it may tear everything down.
    if (observer_) {
      std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      observer_(took.count(), batch.size());
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (committed)
        batch[i].promise.set_value(std::move(results[i]));
      else
        batch[i].promise.set_value(Fail(StorageFailed()));
    }
  }

  std::string path_;
  DatabaseOptions options_;
  std::unique_ptr<SqliteConn> writer_;  // used only by the writer thread after construction
  CommitObserver observer_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool closing_ = false;
  std::thread thread_;

  static constexpr int kCheckpointPages = 1000;
  std::unique_ptr<SqliteConn> checkpointer_;  // used only by the checkpoint thread
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false, checkpoint_stop_ = false;
  std::thread checkpoint_thread_;

  ConnectionPool<SqliteConn> readers_;
};

}  // namespace

std::unique_ptr<Database> OpenSqliteDatabase(const std::string& path,
                                             const DatabaseOptions& options) {
  return std::make_unique<SqliteDatabase>(path, options);
}

}  // namespace lindungi::store
