// SqlConn over one sqlite3 connection, with a cache of prepared statements keyed by SQL
// text. Used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "store/sql.h"

namespace lindungi::store {

class SqliteConn final : public SqlConn {
 public:
  // kCheckpointer: copies the write-ahead log into the database file, beside the writer.
  enum class Mode { kWriter, kReader, kCheckpointer };
  // Opens `path` (creating it for a writer) with WAL, synchronous=FULL, foreign keys and a
  // busy timeout. Throws StoreError.
  SqliteConn(const std::string& path, Mode mode);
  ~SqliteConn() override;
  SqliteConn(const SqliteConn&) = delete;
  SqliteConn& operator=(const SqliteConn&) = delete;

  std::int64_t Changes() override;
  std::string_view Dialect() const override { return "sqlite"; }

  void ExecScript(const std::string& sql) override;
  sqlite3* handle() { return db_; }

 protected:
  void DoExec(std::string_view sql, std::span<const SqlValue> params) override;
  std::vector<SqlRow> DoQuery(std::string_view sql, std::span<const SqlValue> params) override;
  std::vector<std::vector<SqlRow>> DoQueryAll(const std::vector<SqlQuery>& queries) override;

 private:
  sqlite3_stmt* Prepare(std::string_view sql);
  [[noreturn]] void Throw(const char* what);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace lindungi::store
