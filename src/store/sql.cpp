#include "store/sql.h"

namespace lindungi::store {

std::int64_t SqlRow::Int(std::size_t i) const {
  const auto& v = cols.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stoll(*p);
  throw StoreError("column is NULL where a number was expected");
}

const std::string& SqlRow::Text(std::size_t i) const {
  const auto& v = cols.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  throw StoreError("column is not text");
}

std::string SqlRow::TextOr(std::size_t i, std::string fallback) const {
  const auto& v = cols.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  return fallback;
}

std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

std::string RowPlaceholders(std::size_t rows, std::size_t columns) {
  std::string row = "(";
  row += Placeholders(columns);
  row += ')';
  std::string out;
  for (std::size_t i = 0; i < rows; ++i) {
    if (i) out += ", ";
    out += row;
  }
  return out;
}

std::vector<std::vector<SqlRow>> SqlConn::DoQueryAll(const std::vector<SqlQuery>& queries) {
  std::vector<std::vector<SqlRow>> out;
  out.reserve(queries.size());
  for (const auto& q : queries) out.push_back(DoQuery(q.sql, q.params));
  return out;
}

void QueryBatch::Add(std::string sql, std::vector<SqlValue> params, Reader read) {
  queries_.push_back({std::move(sql), std::move(params)});
  readers_.push_back(std::move(read));
}

void QueryBatch::Run(SqlConn& c) {
  auto results = c.QueryAll(queries_);
  for (std::size_t i = 0; i < readers_.size(); ++i) readers_[i](results.at(i));
  queries_.clear();
  readers_.clear();
}

}  // namespace lindungi::store
