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

}  // namespace lindungi::store
