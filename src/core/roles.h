// Roles a user holds in a unit (GLOSSARY "Organisations and people"). `admin` manages
// users and settings and, by itself, grants no access to case content. A partner
// organisation's users hold no role: they see only what is referred to it.
#pragma once

#include <string>
#include <string_view>

namespace lindungi {

// A role a user holds in one unit.
struct UnitRole {
  std::string unit_id, role;
};

inline constexpr std::string_view kStaffRoles[] = {
    "intake_officer",  "admin_officer", "case_worker", "case_manager", "section_head", "unit_head",
    "department_head", "psychologist",  "mediator",    "lawyer",       "social_worker"};
inline constexpr std::string_view kAdminRole = "admin";
// Kinds of partner organisation (GLOSSARY "mitra"); a partner's users hold no unit role.
inline constexpr std::string_view kPartnerKinds[] = {"police",           "health",     "social",
                                                     "community",        "school",     "legal_aid",
                                                     "community_leader", "task_force", "other"};

// The heads (kepala seksi, UPTD, dinas): they supervise the unit's work — waive a step's
// requirements with a reason, assign tasks, read the unit's figures by staff member.
inline constexpr std::string_view kSupervisorRoles[] = {"section_head", "unit_head",
                                                        "department_head"};

bool IsKnownRole(std::string_view role);
bool IsStaffRole(std::string_view role);
bool IsSupervisorRole(std::string_view role);
// Whether a unit's two-step log-in policy binds this role there: its heads and administrators.
bool InTwoFactorScope(std::string_view role);

// A staff role's title in Bahasa Indonesia, one for every use: an SOP's actor lane, a
// letter's jabatan. Empty for a role that is not a staff role.
std::string_view StaffRoleTitle(std::string_view role);

}  // namespace lindungi
