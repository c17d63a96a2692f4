// Events of a unit's and a partner organisation's streams (docs/storage.md "Streams and
// events").
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "store/events/event.h"

namespace lindungi::store::events {

struct UnitCreated {
  static constexpr std::string_view kType = "UnitCreated";
  std::string code, name, level, time_zone;
  std::optional<std::string> province, sop_pack;  // omitted when none
  boost::json::object Payload() const;
  static UnitCreated From(const boost::json::object& p);
  bool operator==(const UnitCreated&) const = default;
};

struct UnitSopPackSet {
  static constexpr std::string_view kType = "UnitSopPackSet";
  std::optional<std::string> sop_pack;
  boost::json::object Payload() const;
  static UnitSopPackSet From(const boost::json::object& p);
  bool operator==(const UnitSopPackSet&) const = default;
};

struct UnitTwoFactorPolicySet {
  static constexpr std::string_view kType = "UnitTwoFactorPolicySet";
  bool required = false;
  boost::json::object Payload() const;
  static UnitTwoFactorPolicySet From(const boost::json::object& p);
  bool operator==(const UnitTwoFactorPolicySet&) const = default;
};

// The unit's whole letter settings (docs/letters.md "Unit letter settings").
struct UnitLetterheadSet {
  static constexpr std::string_view kType = "UnitLetterheadSet";
  boost::json::object settings;
  boost::json::object Payload() const;
  static UnitLetterheadSet From(const boost::json::object& p);
  bool operator==(const UnitLetterheadSet&) const = default;
};

struct PartnerCreated {
  static constexpr std::string_view kType = "PartnerCreated";
  std::string code, name, kind;
  // Since the partner directory (absent: every unit's partner, no area).
  std::optional<std::string> unit_id, area;
  boost::json::object Payload() const;
  static PartnerCreated From(const boost::json::object& p);
  bool operator==(const PartnerCreated&) const = default;
};

}  // namespace lindungi::store::events
