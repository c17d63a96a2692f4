#include "core/access.h"

#include <algorithm>

#include "core/roles.h"

namespace lindungi {

UnitReach ReachOf(const std::vector<std::string_view>& roles) {
  auto has = [&](std::string_view r) {
    return std::find(roles.begin(), roles.end(), r) != roles.end();
  };
  if (has("unit_head") || has("department_head")) return UnitReach::kAll;
  if (has("section_head")) return UnitReach::kAllButSensitive;
  if (std::any_of(roles.begin(), roles.end(), [](std::string_view r) { return IsStaffRole(r); }))
    return UnitReach::kOwnCases;
  return UnitReach::kNone;
}

bool MaySeeCase(UnitReach reach, const CaseAccessFacts& f) {
  switch (reach) {
    case UnitReach::kNone:
      return false;
    case UnitReach::kAll:
      return true;
    case UnitReach::kAllButSensitive:
      return !f.sensitive || f.on_team || f.assigned_task;
    case UnitReach::kOwnCases:
      return f.on_team || f.assigned_task || (!f.sensitive && (f.role_pool_task || f.pack_actor));
  }
  return false;
}

bool NeedsCaseFacts(UnitReach reach, bool sensitive) {
  return reach == UnitReach::kOwnCases || (reach == UnitReach::kAllButSensitive && sensitive);
}

}  // namespace lindungi
