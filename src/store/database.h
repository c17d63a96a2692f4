// Database: one store backend. Writes are functions run inside a transaction; the SQLite
// driver group-commits them (one transaction and one fsync for every write waiting at the
// moment), and a write returns only once it is durable. Reads run on pooled connections.
// Safe for concurrent use by many threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "core/error.h"
#include "store/sql.h"

namespace lindungi::store {

struct DatabaseOptions {
  std::size_t max_readers = 16;  // pooled read connections
  std::size_t max_batch = 256;   // writes in one group commit at most
};

class Database {
 public:
  using WriteFn = std::function<Status(SqlConn&)>;
  using ReadFn = std::function<void(SqlConn&)>;
  using CommitObserver = std::function<void(double seconds, std::size_t batch_size)>;

  virtual ~Database() = default;

  // Runs `fn` in a write transaction (its own savepoint inside a group commit). If `fn`
  // returns an error or throws, only its own changes are rolled back. Returns once the commit
  // is durable; kIOError if the commit failed; kUnavailable after Close().
  virtual Status Execute(WriteFn fn) = 0;

  // Execute for a function returning Result<T> (or Status): its value once durable. `fn` may
  // run more than once (a group commit that failed is retried write by write): the last
  // run's value is the one returned.
  template <class F>
  std::invoke_result_t<F&, SqlConn&> Write(F&& fn) {
    using R = std::invoke_result_t<F&, SqlConn&>;
    using T = typename R::value_type;
    if constexpr (std::is_void_v<T>) {
      return Execute([&fn](SqlConn& c) -> Status { return fn(c); });
    } else {
      std::optional<T> out;
      Status s = Execute([&fn, &out](SqlConn& c) -> Status {
        R r = fn(c);
        if (!r) return Fail(std::move(r.error()));
        out.emplace(std::move(*r));
        return {};
      });
      if (!s) return Fail(std::move(s.error()));
      return std::move(*out);
    }
  }

  // Runs `fn` on a read connection, as one consistent snapshot. Throws StoreError on
  // storage failure.
  virtual void Read(const ReadFn& fn) = 0;

  // Runs `fn`, which issues exactly one query, without a surrounding transaction (a single
  // statement is its own snapshot): saves the BEGIN/COMMIT round trips on PostgreSQL.
  virtual void ReadOne(const ReadFn& fn) = 0;

  // True iff a trivial query succeeds.
  virtual bool Ping() = 0;

  // Writes a consistent copy of the whole database to `path` while writers go on.
  // Throws StoreError on failure (the partial file is removed).
  virtual void Backup(const std::string& path) = 0;

  // Finishes queued writes, then refuses new ones. Idempotent.
  virtual void Close() = 0;

  // Called after every group commit (from the writer thread); set before use.
  virtual void SetCommitObserver(CommitObserver observer) = 0;

  virtual std::string_view Dialect() const = 0;
};

// Opens (creating if needed) the database named by `url`: "sqlite:PATH", a plain path, or
// "postgres://user@host:port/db" (the database must exist).
// Runs pending migrations. Throws StoreError if it cannot.
std::unique_ptr<Database> OpenDatabase(const std::string& url, const DatabaseOptions& options = {});

}  // namespace lindungi::store
