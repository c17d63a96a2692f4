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

// Parameters as libpq takes them: text, or a null pointer for NULL.
struct ParamTexts {
  std::vector<std::string> text;
  std::vector<const char*> values;
  explicit ParamTexts(std::span<const SqlValue> params) {
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
    for (std::size_t i = 0; i < params.size(); ++i)
      values.push_back(std::holds_alternative<std::nullptr_t>(params[i]) ? nullptr
                                                                         : text[i].c_str());
  }
};

std::vector<SqlRow> Rows(PGresult* r) {
  const int rows = PQntuples(r), cols = PQnfields(r);
  std::vector<SqlRow> out(rows);
  for (int c = 0; c < cols; ++c) {
    Oid type = PQftype(r, c);
    for (int row = 0; row < rows; ++row) {
      auto& cells = out[row].cols;
      if (cells.empty()) cells.reserve(cols);
      if (PQgetisnull(r, row, c)) {
        cells.emplace_back(nullptr);
        continue;
      }
      const char* v = PQgetvalue(r, row, c);
      if (type == kInt2 || type == kInt4 || type == kInt8)
        cells.emplace_back(std::int64_t(std::atoll(v)));
      else if (type == kFloat4 || type == kFloat8 || type == kNumeric)
        cells.emplace_back(std::atof(v));
      else if (type == kBool)
        cells.emplace_back(std::int64_t(v[0] == 't'));
      else
        cells.emplace_back(std::string(v, PQgetlength(r, row, c)));
    }
  }
  return out;
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

const std::string& PgConn::Prepared(std::string_view sql) {
  std::string key(sql);
  auto it = prepared_.find(key);
  if (it == prepared_.end()) {
    std::string name = fmt::format("s{}", prepared_.size() + 1);
    PGresult* p = PQprepare(conn_, name.c_str(), Translate(sql).c_str(), 0, nullptr);
    if (PQresultStatus(p) != PGRES_COMMAND_OK) Throw(p, "cannot prepare a statement");
    PQclear(p);
    it = prepared_.emplace(std::move(key), std::move(name)).first;
  }
  return it->second;
}

PGresult* PgConn::Run(std::string_view sql, std::span<const SqlValue> params) {
  const std::string& name = Prepared(sql);
  ParamTexts p(params);
  PGresult* r = PQexecPrepared(conn_, name.c_str(), int(p.values.size()), p.values.data(), nullptr,
                               nullptr, 0);
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
  return Rows(r.get());
}

std::vector<std::vector<SqlRow>> PgConn::DoQueryAll(const std::vector<SqlQuery>& queries) {
  if (queries.size() < 2) return SqlConn::DoQueryAll(queries);
  std::vector<const std::string*> names;
  for (const auto& q : queries) names.push_back(&Prepared(q.sql));  // round trips once each
  if (PQenterPipelineMode(conn_) != 1) Throw(nullptr, "cannot enter pipeline mode");
  bool sent = true;
  for (std::size_t i = 0; i < queries.size() && sent; ++i) {
    ParamTexts p(queries[i].params);
    sent = PQsendQueryPrepared(conn_, names[i]->c_str(), int(p.values.size()), p.values.data(),
                               nullptr, nullptr, 0) == 1;
  }
  // A connection that fails half way is dropped (Healthy() tells the pool).
  auto broken = [&] {
    std::string msg = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError("the connection broke in a pipeline: " + msg);
  };
  if (!sent || PQpipelineSync(conn_) != 1) broken();
  // Each query: its result, then a null; after an error the rest come back "aborted".
  std::vector<std::vector<SqlRow>> out;
  ResultPtr failed;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    ResultPtr r(PQgetResult(conn_));
    if (!r) broken();
    auto status = PQresultStatus(r.get());
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
      out.push_back(Rows(r.get()));
    else if (!failed && status != PGRES_PIPELINE_ABORTED)
      failed = std::move(r);
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  }
  ResultPtr sync(PQgetResult(conn_));  // PGRES_PIPELINE_SYNC
  if (!sync) broken();
  PQexitPipelineMode(conn_);
  if (failed) Throw(failed.release(), "statement failed");
  if (PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC)
    Throw(sync.release(), "pipeline did not end in sync");
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
