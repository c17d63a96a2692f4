// The authenticated caller of a use case. Value type.
#pragma once

#include <string>
#include <vector>

#include "core/access.h"
#include "core/roles.h"

namespace lindungi {

struct Principal {
  std::string user_id;
  std::string username;
  std::string display_name;
  std::vector<UnitRole> roles;
  std::string session_hash;  // the session this request came with
  std::string csrf_token;
  // Of this request, for the access log: its id and the purpose the client gave
  // (X-Access-Purpose), if any.
  std::string request_id;
  std::string purpose;
  // The unit requires a second factor of this user and they have none yet: the session may
  // only enrol one (and log out).
  bool two_factor_enrolment_required = false;
  // A partner organisation's user (no unit role): sees only what is referred to it.
  std::string partner_id{};

  // Units where the user holds a staff role: where their cases can be.
  std::vector<std::string> CaseUnits() const;
  bool HasRoleIn(const std::string& unit_id, std::string_view role) const;
  // The user's roles in one unit, and how far they reach over its cases (core/access.h).
  std::vector<std::string> RolesIn(const std::string& unit_id) const;
  UnitReach ReachIn(const std::string& unit_id) const;
  // A section, unit or department head there (waives requirements, assigns, shapes teams).
  bool IsSupervisorIn(const std::string& unit_id) const;
};

// The actor recorded on events written by the CLI and by start-up.
inline constexpr std::string_view kSystemActor = "system";

}  // namespace lindungi
