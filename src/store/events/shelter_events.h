// Events of a shelter's stream and of stays on a case stream (docs/storage.md "Shelter
// events").
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/events/event.h"

namespace lindungi::store::events {

// A shelter's whole register entry, as ShelterRegistered and ShelterUpdated carry it.
struct ShelterFields {
  std::string name, kind;
  std::int64_t capacity = 0;
  std::string takes;
  std::optional<std::int64_t> max_age;  // null: no limit
  std::string address;                  // sealed
  std::optional<std::string> phone;     // null: none
  boost::json::object Payload() const;
  static ShelterFields From(const boost::json::object& p);
  bool operator==(const ShelterFields&) const = default;
};

struct ShelterRegistered {
  static constexpr std::string_view kType = "ShelterRegistered";
  ShelterFields shelter;
  std::string unit_id;
  boost::json::object Payload() const;
  static ShelterRegistered From(const boost::json::object& p);
  bool operator==(const ShelterRegistered&) const = default;
};

struct ShelterUpdated {
  static constexpr std::string_view kType = "ShelterUpdated";
  ShelterFields shelter;
  boost::json::object Payload() const;
  static ShelterUpdated From(const boost::json::object& p);
  bool operator==(const ShelterUpdated&) const = default;
};

// Only moves the shelter's version: two admissions racing for the last bed collide.
struct ShelterBedTaken {
  static constexpr std::string_view kType = "ShelterBedTaken";
  std::string stay_id;
  boost::json::object Payload() const;
  static ShelterBedTaken From(const boost::json::object& p);
  bool operator==(const ShelterBedTaken&) const = default;
};

struct ShelterStayStarted {
  static constexpr std::string_view kType = "ShelterStayStarted";
  std::string stay_id, shelter_id, person_id, admitted_on;
  std::int64_t expected_days = 0;
  std::string reason;                       // sealed
  std::optional<std::string> task_id;       // null: not placed by a task
  std::optional<std::string> task_outcome;  // null with task_id
  bool over_capacity = false;
  std::optional<std::string> override_reason;  // sealed; only when over capacity
  boost::json::object Payload() const;
  static ShelterStayStarted From(const boost::json::object& p);
  bool operator==(const ShelterStayStarted&) const = default;
};

struct ShelterStayEnded {
  static constexpr std::string_view kType = "ShelterStayEnded";
  std::string stay_id, shelter_id, person_id, discharged_on, reason;
  std::optional<std::string> note;  // sealed; omitted when none
  boost::json::object Payload() const;
  static ShelterStayEnded From(const boost::json::object& p);
  bool operator==(const ShelterStayEnded&) const = default;
};

}  // namespace lindungi::store::events
