// Events of a user's stream (docs/storage.md "Streams and events", "User events").
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/events/event.h"

namespace lindungi::store::events {

struct UserRoleGrant {
  std::string unit_id, role;
  bool operator==(const UserRoleGrant&) const = default;
};

struct UserCreated {
  static constexpr std::string_view kType = "UserCreated";
  std::string username, display_name;
  std::vector<UserRoleGrant> roles;
  std::optional<std::string> partner_id;  // a partner organisation's user (omitted if none)
  boost::json::object Payload() const;
  static UserCreated From(const boost::json::object& p);
  bool operator==(const UserCreated&) const = default;
};

// The user's whole set of roles in one unit.
struct UserRolesSet {
  static constexpr std::string_view kType = "UserRolesSet";
  std::string unit_id;
  std::vector<std::string> roles;
  boost::json::object Payload() const;
  static UserRolesSet From(const boost::json::object& p);
  bool operator==(const UserRolesSet&) const = default;
};

struct UserLanguageSet {
  static constexpr std::string_view kType = "UserLanguageSet";
  std::string language;
  boost::json::object Payload() const;
  static UserLanguageSet From(const boost::json::object& p);
  bool operator==(const UserLanguageSet&) const = default;
};

struct UserLoggedIn {
  static constexpr std::string_view kType = "UserLoggedIn";
  std::string address;
  boost::json::object Payload() const;
  static UserLoggedIn From(const boost::json::object& p);
  bool operator==(const UserLoggedIn&) const = default;
};

struct UserLoginFailed {
  static constexpr std::string_view kType = "UserLoginFailed";
  std::string address;
  boost::json::object Payload() const;
  static UserLoginFailed From(const boost::json::object& p);
  bool operator==(const UserLoginFailed&) const = default;
};

struct UserLockedOut {
  static constexpr std::string_view kType = "UserLockedOut";
  std::string until;
  boost::json::object Payload() const;
  static UserLockedOut From(const boost::json::object& p);
  bool operator==(const UserLockedOut&) const = default;
};

// Events whose payload is empty: the type says it all.
template <const char* Type>
struct EmptyUserEvent {
  static constexpr std::string_view kType = Type;
  boost::json::object Payload() const { return {}; }
  static EmptyUserEvent From(const boost::json::object&) { return {}; }
  bool operator==(const EmptyUserEvent&) const = default;
};

inline constexpr char kUserDisabled[] = "UserDisabled";
inline constexpr char kUserEnabled[] = "UserEnabled";
inline constexpr char kUserPasswordChanged[] = "UserPasswordChanged";
inline constexpr char kUserTotpEnabled[] = "UserTotpEnabled";
inline constexpr char kUserTotpDisabled[] = "UserTotpDisabled";
using UserDisabled = EmptyUserEvent<kUserDisabled>;
using UserEnabled = EmptyUserEvent<kUserEnabled>;
using UserPasswordChanged = EmptyUserEvent<kUserPasswordChanged>;
using UserTotpEnabled = EmptyUserEvent<kUserTotpEnabled>;
using UserTotpDisabled = EmptyUserEvent<kUserTotpDisabled>;

}  // namespace lindungi::store::events
