#include "service/administration.h"
#include "service/case_access.h"
#include "service/clients.h"
#include "service/json_values.h"
#include "service/sealing.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <map>

#include "core/roles.h"
#include "security/random.h"
#include "service/letter_service.h"
#include "service/setup.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace lindungi {
namespace json = boost::json;
namespace {

Error UnitNotFound() {
  return MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit tidak ditemukan.", "No such unit.",
                   "unit");
}

Error UserNotFound() {
  return MakeError(ErrorKind::kNotFound, "user_not_found", "Pengguna tidak ditemukan.",
                   "No such user.", "user");
}

json::array RolesIn(const store::UserRecord& u, const std::string& unit_id) {
  json::array out;
  for (const auto& r : u.roles)
    if (r.unit_id == unit_id) out.push_back(json::value(r.role));
  return out;
}

json::object UserJson(const store::UserRecord& u, const std::string& unit_id) {
  json::object o{{"id", u.id},
                 {"username", u.username},
                 {"display_name", u.display_name},
                 {"disabled", u.disabled},
                 {"roles", RolesIn(u, unit_id)}};
  o["partner_id"] = u.partner_id.empty() ? json::value(nullptr) : json::value(u.partner_id);
  return o;
}

json::object PartnerJson(const store::PartnerRecord& p) {
  return json::object{{"id", p.id},     {"code", p.code}, {"name", p.name},
                      {"kind", p.kind}, {"area", p.area}, {"every_unit", p.unit_id.empty()}};
}

// Whether the unit's administrators manage account `u`: it holds a role in the unit, or is
// a user of a partner the unit registered. Not a user of a partner in every unit's directory:
// a password reset would let one unit's administrator read what other units referred to it.
bool ManagedBy(store::SqlConn& c, const store::UserRecord& u, const std::string& unit_id) {
  for (const auto& r : u.roles)
    if (r.unit_id == unit_id) return true;
  if (u.partner_id.empty()) return false;
  auto partner = store::FindPartner(c, u.partner_id);
  return partner && partner->unit_id == unit_id;
}

Error PartnerOfEveryUnit() {
  return MakeError(ErrorKind::kPermissionDenied, "partner_of_every_unit",
                   "Akun mitra untuk semua unit dikelola administrator server (lindungi user "
                   "add --partner), karena mitra itu menerima rujukan dari unit lain juga.",
                   "Accounts of a partner in every unit's directory are managed by the server's "
                   "administrator (lindungi user add --partner): it receives other units' "
                   "referrals too.",
                   "partner");
}

}  // namespace

Status CheckAdministers(const Principal& p, const std::string& unit_id) {
  auto roles = p.RolesIn(unit_id);
  if (roles.empty()) return Fail(UnitNotFound());
  for (const auto& r : roles)
    if (r == kAdminRole || r == "unit_head" || r == "department_head") return {};
  return Fail(MakeError(ErrorKind::kPermissionDenied, "admin_required",
                        "Hanya administrator, Kepala UPTD atau Kepala Dinas unit ini yang dapat "
                        "mengelolanya.",
                        "Only the unit's administrator, unit head or department head may "
                        "administer it.",
                        "unit"));
}

Result<json::value> Administration::Users(const Principal& p, const std::string& unit_id) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  json::array items;
  std::vector<store::UserRecord> users = app_.auth.ListUsers();
  std::sort(users.begin(), users.end(),
            [](const auto& a, const auto& b) { return a.display_name < b.display_name; });
  for (const auto& u : users) {
    bool here = std::any_of(u.roles.begin(), u.roles.end(),
                            [&](const auto& r) { return r.unit_id == unit_id; });
    if (here) items.push_back(UserJson(u, unit_id));
  }
  return json::object{{"items", std::move(items)}};
}

Result<WriteReply> Administration::AddUser(const Principal& p, const std::string& unit_id,
                                           const AccountRequest& in) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  if (in.roles.empty()) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "role_required",
                          "Pilih sedikitnya satu peran di unit ini.",
                          "Choose at least one role in this unit.", "roles"));
  }
  NewUser u{in.username, in.display_name, security::RandomPassword(16), {}};
  for (const auto& r : in.roles) u.roles.push_back({unit_id, r});
  auto created = app_.auth.CreateUser(u, p.user_id);
  if (!created) return Fail(created.error());
  return WriteReply{201,
                    json::object{{"user", UserJson(*created, unit_id)}, {"password", u.password}}};
}

Result<WriteReply> Administration::SetRoles(const Principal& p, const std::string& unit_id,
                                            const std::string& user_id,
                                            const std::vector<std::string>& roles) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  std::optional<store::UserRecord> user;
  app_.db->Read([&](store::SqlConn& c) {
    user = store::FindUser(c, user_id);
    if (user && !ManagedBy(c, *user, unit_id)) user.reset();
  });
  if (!user) return Fail(UserNotFound());
  if (auto s = app_.auth.SetUnitRoles(user->username, unit_id, roles, p.user_id); !s)
    return Fail(s.error());
  app_.db->Read([&](store::SqlConn& c) { user = store::FindUser(c, user_id); });
  return WriteReply{200, UserJson(*user, unit_id)};
}

Result<WriteReply> Administration::SetDisabled(const Principal& p, const std::string& unit_id,
                                               const std::string& user_id, bool disabled) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  if (disabled && user_id == p.user_id) {
    return Fail(MakeError(ErrorKind::kConflict, "cannot_disable_self",
                          "Anda tidak dapat menonaktifkan akun Anda sendiri.",
                          "You cannot disable your own account.", "user"));
  }
  std::optional<store::UserRecord> user;
  app_.db->Read([&](store::SqlConn& c) {
    user = store::FindUser(c, user_id);
    if (user && !ManagedBy(c, *user, unit_id)) user.reset();
  });
  if (!user) return Fail(UserNotFound());
  auto s = disabled ? app_.auth.DisableUser(user->username, p.user_id)
                    : app_.auth.EnableUser(user->username, p.user_id);
  if (!s) return Fail(s.error());
  user->disabled = disabled;
  return WriteReply{200, UserJson(*user, unit_id)};
}

Result<WriteReply> Administration::ResetPassword(const Principal& p, const std::string& unit_id,
                                                 const std::string& user_id) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  std::optional<store::UserRecord> user;
  app_.db->Read([&](store::SqlConn& c) {
    user = store::FindUser(c, user_id);
    if (user && !ManagedBy(c, *user, unit_id)) user.reset();
  });
  if (!user) return Fail(UserNotFound());
  auto password = app_.auth.ResetPassword(user->username, p.user_id);
  if (!password) return Fail(password.error());
  return WriteReply{200, json::object{{"user_id", user->id}, {"password", *password}}};
}

Result<json::value> Administration::Settings(const Principal& p, const std::string& unit_id) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  std::optional<store::UnitRecord> unit;
  std::optional<std::string> letters;
  app_.db->Read([&](store::SqlConn& c) {
    unit = store::FindUnit(c, unit_id);
    if (unit) letters = store::FindUnitLetterSettings(c, unit_id);
  });
  if (!unit) return Fail(UnitNotFound());
  json::array packs;
  for (const auto& pack : app_.sops.Packs())
    packs.push_back(
        json::object{{"id", pack.unit.id}, {"name", pack.unit.name}, {"sops", pack.sops.size()}});
  json::object letterhead;
  if (letters) {
    letterhead = LetterSettingsJson(LetterSettingsFromJson(json::parse(*letters).as_object()));
  } else {
    LetterSettings defaults;
    defaults.name = unit->name;
    letterhead = LetterSettingsJson(defaults);
  }
  letterhead["configured"] = letters.has_value();
  letterhead["unit_id"] = unit->id;
  return json::object{
      {"unit_id", unit->id},
      {"code", unit->code},
      {"name", unit->name},
      {"level", unit->level},
      {"time_zone", unit->time_zone},
      {"sop_pack", unit->sop_pack.empty() ? json::value(nullptr) : json::value(unit->sop_pack)},
      {"two_factor_required", unit->two_factor_required},
      {"packs", std::move(packs)},
      {"letterhead", std::move(letterhead)}};
}

Result<WriteReply> Administration::SetSettings(const Principal& p, const std::string& unit_id,
                                               const UnitSettingsRequest& in) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  std::optional<store::UnitRecord> unit;
  app_.db->Read([&](store::SqlConn& c) { unit = store::FindUnit(c, unit_id); });
  if (!unit) return Fail(UnitNotFound());
  if (in.sop_pack && *in.sop_pack != unit->sop_pack) {
    if (auto s = SetUnitSopPack(app_, unit->code, *in.sop_pack, p.user_id); !s)
      return Fail(s.error());
  }
  if (in.two_factor_required && *in.two_factor_required != unit->two_factor_required) {
    if (auto s = SetUnitTwoFactorRequired(app_, unit->code, *in.two_factor_required, p.user_id); !s)
      return Fail(s.error());
  }
  auto out = Settings(p, unit_id);
  if (!out) return Fail(out.error());
  return WriteReply{200, std::move(*out)};
}

Result<std::string> Administration::LetterheadPreview(const Principal& p,
                                                      const std::string& unit_id) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  return app_.letters.PreviewPdf(unit_id);
}

Result<json::value> Administration::Partners(const Principal& p, const std::string& unit_id) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  std::vector<store::PartnerRecord> partners;
  app_.db->Read([&](store::SqlConn& c) { partners = store::ListPartners(c); });
  std::map<std::string, json::array> users;
  for (const auto& u : app_.auth.ListUsers()) {
    if (u.partner_id.empty()) continue;
    users[u.partner_id].push_back(json::object{{"id", u.id},
                                               {"username", u.username},
                                               {"display_name", u.display_name},
                                               {"disabled", u.disabled}});
  }
  json::array items;
  for (const auto& partner : partners) {
    if (!partner.unit_id.empty() && partner.unit_id != unit_id) continue;
    json::object o = PartnerJson(partner);
    o["users"] = users.contains(partner.id) ? users[partner.id] : json::array();
    items.push_back(std::move(o));
  }
  return json::object{{"items", std::move(items)}};
}

Result<WriteReply> Administration::AddPartner(const Principal& p, const std::string& unit_id,
                                              const std::string& code, const std::string& name,
                                              const std::string& kind, const std::string& area) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  std::optional<store::UnitRecord> unit;
  app_.db->Read([&](store::SqlConn& c) { unit = store::FindUnit(c, unit_id); });
  if (!unit) return Fail(UnitNotFound());
  auto created = CreatePartner(app_, {code, name, kind, unit->code, area}, p.user_id);
  if (!created) return Fail(created.error());
  json::object o = PartnerJson(*created);
  o["users"] = json::array();
  return WriteReply{201, std::move(o)};
}

Result<WriteReply> Administration::AddPartnerUser(const Principal& p, const std::string& unit_id,
                                                  const std::string& partner_id,
                                                  const AccountRequest& in) {
  if (auto s = CheckAdministers(p, unit_id); !s) return Fail(s.error());
  std::optional<store::PartnerRecord> partner;
  app_.db->Read([&](store::SqlConn& c) { partner = store::FindPartner(c, partner_id); });
  if (!partner || (!partner->unit_id.empty() && partner->unit_id != unit_id)) {
    return Fail(MakeError(ErrorKind::kNotFound, "partner_not_found", "Mitra tidak ditemukan.",
                          "No such partner organisation.", "partner"));
  }
  if (partner->unit_id.empty()) return Fail(PartnerOfEveryUnit());
  if (!in.roles.empty()) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "partner_user_with_roles",
                          "Pengguna mitra tidak memegang peran di unit.",
                          "A partner organisation's user holds no unit role.", "roles"));
  }
  NewUser u{in.username, in.display_name, security::RandomPassword(16), {}, partner->id};
  auto created = app_.auth.CreateUser(u, p.user_id);
  if (!created) return Fail(created.error());
  return WriteReply{201,
                    json::object{{"user", UserJson(*created, unit_id)}, {"password", u.password}}};
}

}  // namespace lindungi
