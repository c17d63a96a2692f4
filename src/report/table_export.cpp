#include "report/table_export.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lindungi::report {
namespace {

std::string CsvField(const Cell& c) {
  std::string text;
  if (std::holds_alternative<std::int64_t>(c))
    text = std::to_string(std::get<std::int64_t>(c));
  else if (std::holds_alternative<double>(c))
    text = fmt::format("{}", std::get<double>(c));
  else if (std::holds_alternative<std::string>(c))
    text = NeutraliseFormula(std::get<std::string>(c));
  else
    return "";
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string SheetName(const std::string& name, std::size_t index) {
  std::string out;
  for (char c : name)
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) out += c;
  if (out.size() > 31) out.resize(31);
  if (out.empty()) out = fmt::format("Sheet{}", index + 1);
  return out;
}

}  // namespace

std::string NeutraliseFormula(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  // Appended, not `"'" + std::string(text)`: GCC 12 -O3 warns falsely (-Wrestrict) on that.
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    out.push_back('\'');
  out.append(text);
  return out;
}

std::string ToCsv(const std::vector<Table>& tables) {
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t t = 0; t < tables.size(); ++t) {
    if (t) out += "\r\n";
    std::vector<Cell> header(tables[t].header.begin(), tables[t].header.end());
    for (const auto* row : {&header}) {
      for (std::size_t i = 0; i < row->size(); ++i) {
        if (i) out += ',';
        out += CsvField((*row)[i]);
      }
      out += "\r\n";
    }
    for (const auto& row : tables[t].rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) out += ',';
        out += CsvField(row[i]);
      }
      out += "\r\n";
    }
  }
  return out;
}

std::string ToXlsx(const std::vector<Table>& tables) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = fmt::format("{}/lindungi-export-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("no temporary file for the XLSX export");
  close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("libxlsxwriter could not start a workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const Table& table = tables[t];
    lxw_worksheet* ws = workbook_add_worksheet(wb, SheetName(table.name, t).c_str());
    for (std::size_t i = 0; i < table.header.size(); ++i)
      worksheet_write_string(ws, 0, lxw_col_t(i), NeutraliseFormula(table.header[i]).c_str(), bold);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto& row = table.rows[r];
      for (std::size_t i = 0; i < row.size(); ++i) {
        auto rr = lxw_row_t(r + 1);
        auto cc = lxw_col_t(i);
        if (auto* n = std::get_if<std::int64_t>(&row[i]))
          worksheet_write_number(ws, rr, cc, double(*n), nullptr);
        else if (auto* d = std::get_if<double>(&row[i]))
          worksheet_write_number(ws, rr, cc, *d, nullptr);
        else if (auto* s = std::get_if<std::string>(&row[i]); s && !s->empty())
          worksheet_write_string(ws, rr, cc, NeutraliseFormula(*s).c_str(), nullptr);
      }
    }
    if (!table.header.empty()) worksheet_freeze_panes(ws, 1, 0);
  }
  if (workbook_close(wb) != LXW_NO_ERROR)
    throw std::runtime_error("libxlsxwriter could not write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace lindungi::report
