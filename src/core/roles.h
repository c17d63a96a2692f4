// Roles a user holds in a unit (GLOSSARY "Organisations and people"). `admin` manages
// users and settings and, by itself, grants no access to case content.
#pragma once

#include <string_view>

namespace lindungi {

inline constexpr std::string_view kStaffRoles[] = {
    "intake_officer",  "admin_officer", "case_worker", "case_manager", "section_head", "unit_head",
    "department_head", "psychologist",  "mediator",    "lawyer",       "social_worker"};
inline constexpr std::string_view kAdminRole = "admin";

bool IsKnownRole(std::string_view role);
bool IsStaffRole(std::string_view role);

}  // namespace lindungi
