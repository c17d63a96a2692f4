#include "store/events/user_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

json::object UserCreated::Payload() const {
  json::array list;
  for (const auto& r : roles)
    list.push_back(json::object{{"unit_id", r.unit_id}, {"role", r.role}});
  json::object o{
      {"username", username}, {"display_name", display_name}, {"roles", std::move(list)}};
  if (partner_id) o["partner_id"] = *partner_id;
  return o;
}

UserCreated UserCreated::From(const json::object& p) {
  UserCreated u{Str(p, "username"), Str(p, "display_name"), {}, OptText(p, "partner_id")};
  auto* roles = p.if_contains("roles");
  if (!roles || !roles->is_array()) throw StoreError("event payload lacks the array field roles");
  for (const auto& r : roles->as_array()) {
    if (!r.is_object()) throw StoreError("event payload has a role that is not an object");
    u.roles.push_back({Str(r.as_object(), "unit_id"), Str(r.as_object(), "role")});
  }
  return u;
}

json::object UserRolesSet::Payload() const {
  return {{"unit_id", unit_id}, {"roles", ToArray(roles)}};
}

UserRolesSet UserRolesSet::From(const json::object& p) {
  return {Str(p, "unit_id"), StrList(p, "roles")};
}

json::object UserLanguageSet::Payload() const {
  return {{"language", language}};
}

UserLanguageSet UserLanguageSet::From(const json::object& p) {
  return {Str(p, "language")};
}

json::object UserLoggedIn::Payload() const {
  return {{"address", address}};
}

UserLoggedIn UserLoggedIn::From(const json::object& p) {
  return {OptText(p, "address").value_or("")};
}

json::object UserLoginFailed::Payload() const {
  return {{"address", address}};
}

UserLoginFailed UserLoginFailed::From(const json::object& p) {
  return {OptText(p, "address").value_or("")};
}

json::object UserLockedOut::Payload() const {
  return {{"until", until}};
}

UserLockedOut UserLockedOut::From(const json::object& p) {
  return {OptText(p, "until").value_or("")};
}

}  // namespace lindungi::store::events
