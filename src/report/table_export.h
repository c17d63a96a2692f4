// Tables as downloadable files (docs/reports.md "Exports"): CSV (RFC 4180, UTF-8 with a BOM
// so spreadsheet programs read it as UTF-8) and XLSX (libxlsxwriter), one sheet per table.
// Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is
// neutralised by a leading apostrophe; numbers are written as numbers. Pure but for the
// XLSX writer's temporary file. Safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lindungi::report {

// A cell: empty, a whole number, a number, or text.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Table {
  std::string name;  // the sheet's name (at most 31 characters, no []:*?/\)
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

// `text` as a spreadsheet shows it literally: a leading apostrophe when it starts with a
// character that would make it a formula.
std::string NeutraliseFormula(std::string_view text);

// The tables as one CSV file: each table's header and rows, a blank line between tables.
std::string ToCsv(const std::vector<Table>& tables);

// The tables as an XLSX workbook, one sheet each. Throws std::runtime_error if
// libxlsxwriter fails (no temporary directory).
std::string ToXlsx(const std::vector<Table>& tables);

inline constexpr std::string_view kCsvMediaType = "text/csv; charset=utf-8";
inline constexpr std::string_view kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace lindungi::report
