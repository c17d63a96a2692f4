#include "store/postgres/pg_conn.h"

#include <fmt/format.h>

#include <cstdlib>
#include <memory>

namespace lindungi::store {
namespace {

constexpr Oid kInt2 = 21, kInt4 = 23, kInt8 = 20, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700,
              kBool = 16;

struct ResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultFree>;

bool Retryable(const char* sqlstate) {
  if (!sqlstate) return false;
  std::string_view s = sqlstate;
  return s == "23505" || s == "40001" || s == "40P01";  // unique, serialization, deadlock
}

}  // namespace

PgConn::PgConn(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError("cannot connect to PostgreSQL: " + msg);
  }
  ExecScript("SET client_min_messages = warning");
}

PgConn::~PgConn() {
  if (conn_) PQfinish(conn_);
}

bool PgConn::Healthy() const {
  return conn_ && PQstatus(conn_) == CONNECTION_OK;
}

std::string PgConn::Translate(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

void PgConn::Throw(PGresult* r, const char* what) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg =
      fmt::format("{}: {} (SQLSTATE {})", what, r ? PQresultErrorMessage(r) : PQerrorMessage(conn_),
                  state ? state : "?");
  bool retry = Retryable(state);
  if (r) PQclear(r);
  if (retry) throw RetryableStoreError(msg);
  throw StoreError(msg);
}

PGresult* PgConn::Run(std::string_view sql, std::span<const SqlValue> params) {
  std::string key(sql);
  auto it = prepared_.find(key);
  if (it == prepared_.end()) {
    std::string name = fmt::format("s{}", prepared_.size() + 1);
    PGresult* p = PQprepare(conn_, name.c_str(), Translate(sql).c_str(), 0, nullptr);
    if (PQresultStatus(p) != PGRES_COMMAND_OK) Throw(p, "cannot prepare a statement");
    PQclear(p);
    it = prepared_.emplace(std::move(key), std::move(name)).first;
  }
  std::vector<std::string> text;
  std::vector<const char*> values;
  text.reserve(params.size());
  for (const auto& p : params) {
    if (std::holds_alternative<std::nullptr_t>(p)) {
      text.emplace_back();
    } else if (auto i = std::get_if<std::int64_t>(&p)) {
      text.push_back(std::to_string(*i));
    } else if (auto d = std::get_if<double>(&p)) {
      text.push_back(fmt::format("{}", *d));
    } else {
      text.push_back(std::get<std::string>(p));
    }
  }
  std::size_t i = 0;
  for (const auto& p : params) {
    values.push_back(std::holds_alternative<std::nullptr_t>(p) ? nullptr : text[i].c_str());
    ++i;
  }
  PGresult* r = PQexecPrepared(conn_, it->second.c_str(), int(values.size()), values.data(),
                               nullptr, nullptr, 0);
  auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Throw(r, "statement failed");
  const char* tuples = PQcmdTuples(r);
  changes_ = (tuples && *tuples) ? std::atoll(tuples) : 0;
  return r;
}

void PgConn::DoExec(std::string_view sql, std::span<const SqlValue> params) {
  PQclear(Run(sql, params));
}

std::vector<SqlRow> PgConn::DoQuery(std::string_view sql, std::span<const SqlValue> params) {
  ResultPtr r(Run(sql, params));
  const int rows = PQntuples(r.get()), cols = PQnfields(r.get());
  std::vector<SqlRow> out(rows);
  for (int c = 0; c < cols; ++c) {
    Oid type = PQftype(r.get(), c);
    for (int row = 0; row < rows; ++row) {
      auto& cells = out[row].cols;
      if (cells.empty()) cells.reserve(cols);
      if (PQgetisnull(r.get(), row, c)) {
        cells.emplace_back(nullptr);
        continue;
      }
      const char* v = PQgetvalue(r.get(), row, c);
      if (type == kInt2 || type == kInt4 || type == kInt8)
        cells.emplace_back(std::int64_t(std::atoll(v)));
      else if (type == kFloat4 || type == kFloat8 || type == kNumeric)
        cells.emplace_back(std::atof(v));
      else if (type == kBool)
        cells.emplace_back(std::int64_t(v[0] == 't'));
      else
        cells.emplace_back(std::string(v, PQgetlength(r.get(), row, c)));
    }
  }
  return out;
}

void PgConn::ExecScript(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    Throw(r, "script failed");
  }
  PQclear(r);
}

}  // namespace lindungi::store
