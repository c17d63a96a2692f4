#include "store/unit_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi::store {
namespace {

UnitRecord ToUnit(const SqlRow& r) {
  return {r.Text(0),       r.Text(1), r.Text(2),       r.Text(3),
          r.TextOr(4, ""), r.Text(5), r.TextOr(6, ""), r.Int(7) != 0};
}

constexpr std::string_view kUnitCols =
    "id, code, name, level, province, time_zone, sop_pack, two_factor_required";

PartnerRecord ToPartner(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
}

constexpr std::string_view kPartnerCols =
    "id, code, name, kind, COALESCE(unit_id, ''), COALESCE(area, '')";

}  // namespace

std::optional<UnitRecord> FindUnitByCode(SqlConn& c, const std::string& code) {
  auto rows = c.Query(fmt::format("SELECT {} FROM units WHERE code = ?", kUnitCols), {code});
  if (rows.empty()) return std::nullopt;
  return ToUnit(rows[0]);
}

std::optional<UnitRecord> FindUnit(SqlConn& c, const std::string& id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM units WHERE id = ?", kUnitCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToUnit(rows[0]);
}

std::optional<std::string> FindUnitLetterSettings(SqlConn& c, const std::string& unit_id) {
  auto rows = c.Query("SELECT data FROM unit_letter_settings WHERE unit_id = ?", {unit_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

std::vector<UnitRecord> ListUnits(SqlConn& c) {
  std::vector<UnitRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM units ORDER BY code", kUnitCols)))
    out.push_back(ToUnit(r));
  return out;
}

std::optional<PartnerRecord> FindPartnerByCode(SqlConn& c, const std::string& code) {
  auto rows = c.Query(fmt::format("SELECT {} FROM partners WHERE code = ?", kPartnerCols), {code});
  if (rows.empty()) return std::nullopt;
  return ToPartner(rows[0]);
}

std::optional<PartnerRecord> FindPartner(SqlConn& c, const std::string& id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM partners WHERE id = ?", kPartnerCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToPartner(rows[0]);
}

std::vector<PartnerRecord> ListPartners(SqlConn& c) {
  std::vector<PartnerRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM partners ORDER BY code", kPartnerCols)))
    out.push_back(ToPartner(r));
  return out;
}

std::vector<PartnerRecord> ListUnitPartners(SqlConn& c, const std::vector<std::string>& unit_ids) {
  std::vector<PartnerRecord> out;
  for (const auto& r :
       c.Query(fmt::format("SELECT {} FROM partners ORDER BY kind, name, code", kPartnerCols))) {
    auto p = ToPartner(r);
    if (p.unit_id.empty() ||
        std::find(unit_ids.begin(), unit_ids.end(), p.unit_id) != unit_ids.end())
      out.push_back(std::move(p));
  }
  return out;
}

}  // namespace lindungi::store
