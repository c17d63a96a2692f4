#include "store/sqlite/sqlite_conn.h"

#include <fmt/format.h>

namespace lindungi::store {
namespace {

// Resets and clears a statement when a call is done with it, even on exceptions.
struct StmtGuard {
  sqlite3_stmt* s;
  ~StmtGuard() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

void Bind(sqlite3_stmt* s, std::span<const SqlValue> params) {
  int i = 1;
  for (const auto& p : params) {
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>)
            return sqlite3_bind_null(s, i);
          else if constexpr (std::is_same_v<T, std::int64_t>)
            return sqlite3_bind_int64(s, i, v);
          else if constexpr (std::is_same_v<T, double>)
            return sqlite3_bind_double(s, i, v);
          else
            return sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
        },
        p);
    if (rc != SQLITE_OK) throw StoreError(fmt::format("cannot bind parameter {}", i));
    ++i;
  }
}

}  // namespace

SqliteConn::SqliteConn(const std::string& path, Mode mode) {
  // No memory statistics: they take a global mutex on every allocation of every connection
  // (a tenth of a case read's time). Only possible before SQLite is first used; later calls
  // fail harmlessly.
  static const int kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kNoMemoryStatistics;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kWriter) flags |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(fmt::format("cannot open the database: {}", msg));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  ExecScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      "PRAGMA temp_store=MEMORY;");
  // A reader's cache is emptied whenever another connection has committed (WAL), so under
  // writes it holds little more than one read's pages: 512 KiB, not SQLite's 2 MiB, for
  // each of up to 20 readers (resident memory, docs/performance.md).
  if (mode == Mode::kReader) ExecScript("PRAGMA query_only=1; PRAGMA cache_size=-512;");
  // The writer's transactions touch many index pages (the statistics roll-ups): an 8 MiB
  // page cache keeps them in memory instead of re-reading them from the file. 16 MiB held
  // 9 MiB more resident memory for no intake speed the benchmark could measure.
  if (mode == Mode::kWriter) ExecScript("PRAGMA cache_size=-8192;");
}

SqliteConn::~SqliteConn() {
  for (auto& [_, s] : cache_) sqlite3_finalize(s);
  if (db_) sqlite3_close(db_);
}

void SqliteConn::Throw(const char* what) {
  throw StoreError(
      fmt::format("{}: {} (code {})", what, sqlite3_errmsg(db_), sqlite3_extended_errcode(db_)));
}

sqlite3_stmt* SqliteConn::Prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &s,
                         nullptr) != SQLITE_OK) {
    Throw("cannot prepare a statement");
  }
  cache_.emplace(std::move(key), s);
  return s;
}

void SqliteConn::DoExec(std::string_view sql, std::span<const SqlValue> params) {
  sqlite3_stmt* s = Prepare(sql);
  StmtGuard guard{s};
  Bind(s, params);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) Throw("statement failed");
}

std::vector<SqlRow> SqliteConn::DoQuery(std::string_view sql, std::span<const SqlValue> params) {
  sqlite3_stmt* s = Prepare(sql);
  StmtGuard guard{s};
  Bind(s, params);
  std::vector<SqlRow> rows;
  int rc;
  const int n = sqlite3_column_count(s);
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    SqlRow row;
    row.cols.reserve(n);
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(s, i)) {
        case SQLITE_NULL:
          row.cols.emplace_back(nullptr);
          break;
        case SQLITE_INTEGER:
          row.cols.emplace_back(std::int64_t(sqlite3_column_int64(s, i)));
          break;
        case SQLITE_FLOAT:
          row.cols.emplace_back(sqlite3_column_double(s, i));
          break;
        default: {
          auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
          row.cols.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(s, i)));
        }
      }
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) Throw("query failed");
  return rows;
}

std::int64_t SqliteConn::Changes() {
  return sqlite3_changes64(db_);
}

std::vector<std::vector<SqlRow>> SqliteConn::DoQueryAll(const std::vector<SqlQuery>& queries) {
  // Outside a transaction, one read transaction for them all: one snapshot, and one start
  // and end of a read instead of one per query.
  if (queries.size() < 2 || !sqlite3_get_autocommit(db_)) return SqlConn::DoQueryAll(queries);
  ExecScript("BEGIN");
  try {
    auto out = SqlConn::DoQueryAll(queries);
    ExecScript("COMMIT");
    return out;
  } catch (...) {
    ExecScript("ROLLBACK");
    throw;
  }
}

void SqliteConn::ExecScript(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw StoreError(fmt::format("script failed: {}", msg));
  }
}

}  // namespace lindungi::store
