// Administering a unit through the API (docs/security.md "Administration"): its users and
// their roles there, its partner organisations and their users, its settings (SOP pack,
// mandatory two-step log-in) and a preview of its letterhead. For the unit's administrator
// (`admin`) and its unit and department heads. Each change goes through the same service
// functions the CLI calls (AuthService, setup.h), with the caller as the events' actor.
// Passwords are generated here, returned once and never logged.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "core/error.h"
#include "service/app.h"
#include "service/principal.h"
#include "service/writes.h"

namespace lindungi {

// Whether `p` administers unit `unit_id`: its administrator, unit head or department head.
// kNotFound "unit_not_found" for a caller without any role there (another unit's staff, a
// partner's user: the unit is none of theirs); kPermissionDenied "admin_required" for its
// other staff.
Status CheckAdministers(const Principal& p, const std::string& unit_id);

struct AccountRequest {
  std::string username, display_name;
  std::vector<std::string> roles;  // in the unit (staff roles, admin); none for a partner's user
};

struct UnitSettingsRequest {
  std::optional<std::string> sop_pack;
  std::optional<bool> two_factor_required;
};

class Administration {
 public:
  explicit Administration(App& app) : app_(app) {}

  // The users holding a role in the unit (disabled ones too), by display name, each with
  // their roles there.
  Result<boost::json::value> Users(const Principal& p, const std::string& unit_id);
  // 201 {user, password}: the password shown this once.
  Result<WriteReply> AddUser(const Principal& p, const std::string& unit_id,
                             const AccountRequest& in);
  // 200 the user. Roles in other units stay.
  Result<WriteReply> SetRoles(const Principal& p, const std::string& unit_id,
                              const std::string& user_id, const std::vector<std::string>& roles);
  // 200 the user. kConflict "cannot_disable_self" for one's own account.
  Result<WriteReply> SetDisabled(const Principal& p, const std::string& unit_id,
                                 const std::string& user_id, bool disabled);
  // 200 {user_id, password}: a new password, shown once; the user's sessions end.
  Result<WriteReply> ResetPassword(const Principal& p, const std::string& unit_id,
                                   const std::string& user_id);

  // The unit's settings: code, name, level, time zone, SOP pack (and the packs the server
  // has), two-step log-in policy, letter settings.
  Result<boost::json::value> Settings(const Principal& p, const std::string& unit_id);
  Result<WriteReply> SetSettings(const Principal& p, const std::string& unit_id,
                                 const UnitSettingsRequest& in);
  // A sample Surat Tugas on the unit's letterhead, in its agenda number format (PDF).
  Result<std::string> LetterheadPreview(const Principal& p, const std::string& unit_id);

  // The partner organisations of the unit's directory (its own and every unit's), each with
  // its users.
  Result<boost::json::value> Partners(const Principal& p, const std::string& unit_id);
  // 201 the partner, in the unit's directory.
  Result<WriteReply> AddPartner(const Principal& p, const std::string& unit_id,
                                const std::string& code, const std::string& name,
                                const std::string& kind, const std::string& area);
  // 201 {user, password}: a user of the partner (no unit role).
  Result<WriteReply> AddPartnerUser(const Principal& p, const std::string& unit_id,
                                    const std::string& partner_id, const AccountRequest& in);

 private:
  App& app_;
};

}  // namespace lindungi
