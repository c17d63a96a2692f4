#include "core/roles.h"

namespace lindungi {

bool IsStaffRole(std::string_view role) {
  for (auto r : kStaffRoles)
    if (r == role) return true;
  return false;
}

bool IsKnownRole(std::string_view role) {
  return role == kAdminRole || IsStaffRole(role);
}

}  // namespace lindungi
