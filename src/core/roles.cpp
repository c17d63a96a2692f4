#include "core/roles.h"

#include <iterator>
#include <utility>

namespace lindungi {

bool IsStaffRole(std::string_view role) {
  for (auto r : kStaffRoles)
    if (r == role) return true;
  return false;
}

bool IsSupervisorRole(std::string_view role) {
  for (auto r : kSupervisorRoles)
    if (r == role) return true;
  return false;
}

bool InTwoFactorScope(std::string_view role) {
  return role == kAdminRole || IsSupervisorRole(role);
}

std::string_view StaffRoleTitle(std::string_view role) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"intake_officer", "Petugas Pengaduan"},
      {"admin_officer", "Petugas Administrasi"},
      {"case_worker", "Pendamping Korban"},
      {"case_manager", "Manajer Kasus"},
      {"section_head", "Kepala Seksi"},
      {"unit_head", "Kepala UPTD PPA"},
      {"department_head", "Kepala Dinas"},
      {"psychologist", "Psikolog"},
      {"mediator", "Mediator"},
      {"lawyer", "Advokat"},
      {"social_worker", "Pekerja Sosial"}};
  static_assert(std::size(kTitles) == std::size(kStaffRoles), "a title for every staff role");
  for (const auto& [id, title] : kTitles)
    if (id == role) return title;
  return {};
}

bool IsKnownRole(std::string_view role) {
  return role == kAdminRole || IsStaffRole(role);
}

}  // namespace lindungi
