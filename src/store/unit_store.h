// Units and partner organisations: the directory a case refers to.
// Each query runs on a caller's SqlConn (inside the caller's read snapshot or write
// transaction) and throws StoreError on storage failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql.h"

namespace lindungi::store {

struct UnitRecord {
  std::string id, code, name, level, province, time_zone;
  std::string sop_pack;              // the SOP pack its cases run ("" if none set)
  bool two_factor_required = false;  // for its heads and administrators
};

// An organisation units work with (GLOSSARY "mitra"): police, health, social, ...
struct PartnerRecord {
  std::string id, code, name, kind;
  std::string unit_id{};  // the unit whose directory holds it; "" for every unit's
  std::string area{};     // where it serves, e.g. "Kota Palangka Raya" ("" if not said)
};

std::optional<UnitRecord> FindUnitByCode(SqlConn& c, const std::string& code);

std::optional<UnitRecord> FindUnit(SqlConn& c, const std::string& id);

std::vector<UnitRecord> ListUnits(SqlConn& c);

// A unit's letter settings as JSON text (docs/letters.md "Unit letter settings"), or none
// while the unit has not set them.
std::optional<std::string> FindUnitLetterSettings(SqlConn& c, const std::string& unit_id);

std::optional<PartnerRecord> FindPartnerByCode(SqlConn& c, const std::string& code);

std::optional<PartnerRecord> FindPartner(SqlConn& c, const std::string& id);

std::vector<PartnerRecord> ListPartners(SqlConn& c);

// The partner directory of these units: their own partners and those of every unit.
std::vector<PartnerRecord> ListUnitPartners(SqlConn& c, const std::vector<std::string>& unit_ids);

}  // namespace lindungi::store
