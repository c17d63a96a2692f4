// SqlConn over one libpq connection. Statements are prepared once per connection (named
// s1, s2 ... by SQL text); `?` placeholders become $1, $2 ... Parameters travel as text and
// PostgreSQL infers their types from context (write CAST(? AS TEXT) where it cannot).
// Used by one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <unordered_map>

#include "store/sql.h"

namespace lindungi::store {

class PgConn final : public SqlConn {
 public:
  // Connects to `url` (postgres://user@host:port/db). Throws StoreError.
  explicit PgConn(const std::string& url);
  ~PgConn() override;
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  void ExecScript(const std::string& sql) override;
  std::int64_t Changes() override { return changes_; }
  std::string_view Dialect() const override { return "postgres"; }

  bool Healthy() const;

  // `sql` with each `?` outside quotes replaced by $1, $2 ...
  static std::string Translate(std::string_view sql);

 protected:
  void DoExec(std::string_view sql, std::span<const SqlValue> params) override;
  std::vector<SqlRow> DoQuery(std::string_view sql, std::span<const SqlValue> params) override;
  // In pipeline mode: every query sent, then one sync, then the results read.
  std::vector<std::vector<SqlRow>> DoQueryAll(const std::vector<SqlQuery>& queries) override;

 private:
  // The name of `sql` prepared on this connection (prepared now if it is new).
  const std::string& Prepared(std::string_view sql);
  PGresult* Run(std::string_view sql, std::span<const SqlValue> params);
  [[noreturn]] void Throw(PGresult* r, const char* what);

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  std::int64_t changes_ = 0;
};

}  // namespace lindungi::store
