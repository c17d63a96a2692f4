// The thin SQL surface that the store's portable code (event log, projections, queries)
// is written against, implemented once per backend (sqlite/, later postgres/).
//
// SQL text uses `?` placeholders and portable syntax only (RETURNING, ON CONFLICT; no
// dialect-only JSON functions). Errors are thrown as StoreError: they are exceptional
// (disk, corruption, bugs), and the Database turns them into an Error at its boundary.
// A SqlConn is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lindungi::store {

using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A transaction lost a race with another one (unique violation, serialization failure,
// deadlock): running it again from the start can succeed.
class RetryableStoreError : public StoreError {
 public:
  using StoreError::StoreError;
};

struct SqlRow {
  std::vector<SqlValue> cols;

  bool IsNull(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(cols.at(i)); }
  std::int64_t Int(std::size_t i) const;
  const std::string& Text(std::size_t i) const;  // REQUIRES: column i is text
  std::string TextOr(std::size_t i, std::string fallback) const;
};

// "?, ?, ?" for n parameters (an IN list, a row of values).
std::string Placeholders(std::size_t n);
// "(?, ?), (?, ?)" for `rows` rows of `columns` values (a multi-row INSERT).
std::string RowPlaceholders(std::size_t rows, std::size_t columns);

struct SqlQuery {
  std::string sql;
  std::vector<SqlValue> params;
};

class SqlConn {
 public:
  virtual ~SqlConn() = default;
  // Runs a statement that returns no rows we need.
  void Exec(std::string_view sql, std::initializer_list<SqlValue> params = {}) {
    DoExec(sql, {params.begin(), params.size()});
  }
  void Exec(std::string_view sql, const std::vector<SqlValue>& params) { DoExec(sql, params); }
  // Runs a query and returns all its rows.
  std::vector<SqlRow> Query(std::string_view sql, std::initializer_list<SqlValue> params = {}) {
    return DoQuery(sql, {params.begin(), params.size()});
  }
  // The same with a parameter list built at run time (a variable number of `?`).
  std::vector<SqlRow> Query(std::string_view sql, const std::vector<SqlValue>& params) {
    return DoQuery(sql, params);
  }
  // Runs `queries` in order and returns the rows of each. PostgreSQL sends them all before
  // it waits (pipeline mode): a read of many small parts waits for the server once.
  std::vector<std::vector<SqlRow>> QueryAll(const std::vector<SqlQuery>& queries) {
    return DoQueryAll(queries);
  }
  // Runs several parameterless statements separated by ';' (migrations).
  virtual void ExecScript(const std::string& sql) = 0;
  // Rows changed by the last Exec.
  virtual std::int64_t Changes() = 0;
  // "sqlite" or "postgres": for the few places (migrations) where dialects differ.
  virtual std::string_view Dialect() const = 0;

 protected:
  virtual void DoExec(std::string_view sql, std::span<const SqlValue> params) = 0;
  virtual std::vector<SqlRow> DoQuery(std::string_view sql, std::span<const SqlValue> params) = 0;
  // One query after the other (SQLite's reads cost no round trip).
  virtual std::vector<std::vector<SqlRow>> DoQueryAll(const std::vector<SqlQuery>& queries);
};

// Queries gathered from several store functions and run with one QueryAll: each function
// adds its query and how to read its rows (e.g. ListCasePeople(batch, id, &people)); the
// readers run, in order, when Run returns.
class QueryBatch {
 public:
  using Reader = std::function<void(std::vector<SqlRow>&)>;
  void Add(std::string sql, std::vector<SqlValue> params, Reader read);
  void Run(SqlConn& c);

 private:
  std::vector<SqlQuery> queries_;
  std::vector<Reader> readers_;
};

// Adds a query to `b` whose every row becomes one element of *out, by `to(row)`.
template <class T, class ToFn>
void AddListQuery(QueryBatch& b, std::string sql, std::vector<SqlValue> params, std::vector<T>* out,
                  ToFn to) {
  b.Add(std::move(sql), std::move(params), [out, to](std::vector<SqlRow>& rows) {
    for (const auto& r : rows) out->push_back(to(r));
  });
}

// The plain form of a store function that adds itself to a QueryBatch: `add(batch, &out)`
// run alone.
template <class T, class AddFn>
T RunAlone(SqlConn& c, AddFn add) {
  QueryBatch batch;
  T out{};
  add(batch, &out);
  batch.Run(c);
  return out;
}

}  // namespace lindungi::store
