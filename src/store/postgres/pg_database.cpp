#include "store/postgres/pg_database.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "store/connection_pool.h"
#include "store/migrations.h"
#include "store/postgres/pg_conn.h"

namespace lindungi::store {
namespace {

constexpr int kMaxAttempts = 8;

Error StorageFailed() {
  return MakeError(ErrorKind::kIOError, "store_failed",
                   "Penyimpanan gagal; data tidak tersimpan. Coba lagi.",
                   "Storage failed; nothing was saved. Try again.");
}

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string url, DatabaseOptions options)
      : url_(std::move(url)),
        options_(options),
        pool_(
            options.max_readers, [this] { return std::make_unique<PgConn>(url_); },
            [](const PgConn& c) { return c.Healthy(); }) {
    PgConn first(url_);
    Migrate(first);
  }
  ~PgDatabase() override { Close(); }

  Status Execute(WriteFn fn) override {
    if (closed_) {
      return Fail(MakeError(ErrorKind::kUnavailable, "shutting_down",
                            "Server sedang berhenti; coba lagi sebentar lagi.",
                            "The server is shutting down; try again shortly."));
    }
    auto start = std::chrono::steady_clock::now();
    for (int attempt = 1;; ++attempt) {
      Pool::Lease lease(pool_);
      PgConn& c = *lease;
      try {
        c.ExecScript("BEGIN ISOLATION LEVEL READ COMMITTED");
        auto r = fn(c);
        c.ExecScript(r ? "COMMIT" : "ROLLBACK");
        if (observer_) {
          std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
          observer_(took.count(), 1);
        }
        return r;
      } catch (const RetryableStoreError& e) {
        Rollback(c);
        if (attempt == kMaxAttempts) {
          spdlog::error("store: a write lost {} races in a row: {}", attempt, e.what());
          return Fail(StorageFailed());
        }
      } catch (const std::exception& e) {
        spdlog::error("store: a write failed and was rolled back: {}", e.what());
        Rollback(c);
        return Fail(StorageFailed());
      }
    }
  }

  void Read(const ReadFn& fn) override { ReadOn(fn, true); }
  void ReadOne(const ReadFn& fn) override { ReadOn(fn, false); }

  void ReadOn(const ReadFn& fn, bool snapshot) {
    Pool::Lease lease(pool_);
    PgConn& c = *lease;
    if (snapshot) c.ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      fn(c);
    } catch (...) {
      if (snapshot) Rollback(c);
      throw;
    }
    if (snapshot) c.ExecScript("COMMIT");
  }

  bool Ping() override {
    try {
      bool ok = false;
      Read([&](SqlConn& c) { ok = !c.Query("SELECT 1").empty(); });
      return ok;
    } catch (const std::exception&) {
      return false;
    }
  }

  void Backup(const std::string&) override {
    throw StoreError(
        "on PostgreSQL, back up with pg_basebackup and WAL archiving (see docs/operations.md)");
  }

  void Close() override {
    closed_ = true;
    pool_.Close();
  }

  void SetCommitObserver(CommitObserver observer) override { observer_ = std::move(observer); }
  std::string_view Dialect() const override { return "postgres"; }

 private:
  using Pool = ConnectionPool<PgConn>;

  static void Rollback(PgConn& c) {
    try {
      c.ExecScript("ROLLBACK");
    } catch (const std::exception&) {
    }
  }

  std::string url_;
  DatabaseOptions options_;
  CommitObserver observer_;
  Pool pool_;
  std::atomic<bool> closed_{false};
};

}  // namespace

std::unique_ptr<Database> OpenPostgresDatabase(const std::string& url,
                                               const DatabaseOptions& options) {
  return std::make_unique<PgDatabase>(url, options);
}

}  // namespace lindungi::store
