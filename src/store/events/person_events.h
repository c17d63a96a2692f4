// The people and incidents of a case record, on the case stream (docs/storage.md "Case
// record events"), and lawful requests about a person. Sealed fields hold ciphertext.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/events/event.h"

namespace lindungi::store::events {

struct PersonAdded {
  static constexpr std::string_view kType = "PersonAdded";
  std::string person_id, role;
  boost::json::object fields;  // the person's record, identifying fields sealed
  boost::json::object Payload() const;
  static PersonAdded From(const boost::json::object& p);
  bool operator==(const PersonAdded&) const = default;
};

// The person's whole record as it is now (and a second role, for the reporter as guardian).
struct PersonUpdated {
  static constexpr std::string_view kType = "PersonUpdated";
  std::string person_id;
  std::optional<std::string> role;  // omitted when the role stays
  boost::json::object fields;
  boost::json::object Payload() const;
  static PersonUpdated From(const boost::json::object& p);
  bool operator==(const PersonUpdated&) const = default;
};

struct PersonErased {
  static constexpr std::string_view kType = "PersonErased";
  std::string person_id;
  boost::json::object Payload() const;
  static PersonErased From(const boost::json::object& p);
  bool operator==(const PersonErased&) const = default;
};

// A lawful request about a person's data (kind erasure or access).
struct DataSubjectRequestRecorded {
  static constexpr std::string_view kType = "DataSubjectRequestRecorded";
  std::string kind, person_id, legal_basis, reference;
  boost::json::object Payload() const;
  static DataSubjectRequestRecorded From(const boost::json::object& p);
  bool operator==(const DataSubjectRequestRecorded&) const = default;
};

struct IncidentVictim {
  std::string person_id;
  std::optional<std::string> age_band;  // null when the age is unknown
  bool operator==(const IncidentVictim&) const = default;
};

struct IncidentPerpetrator {
  std::string person_id;
  std::optional<std::string> relation, age_band;  // null when unknown
  bool operator==(const IncidentPerpetrator&) const = default;
};

// An incident's whole record, as IncidentRecorded and IncidentUpdated carry it.
struct IncidentFacts {
  std::string incident_id, date;
  std::optional<std::string> time;  // null when unknown
  std::string place_type;
  std::vector<std::string> forms;
  bool penetration = false, forced_marriage = false;
  std::optional<std::string> gbvims_type;  // null when none applies
  std::vector<IncidentVictim> victims;
  std::vector<IncidentPerpetrator> perpetrators;
  std::optional<std::string> place;      // sealed; omitted when none
  boost::json::object region;            // omitted when empty
  std::optional<std::string> narrative;  // sealed; omitted when none
  boost::json::object Payload() const;
  static IncidentFacts From(const boost::json::object& p);
  bool operator==(const IncidentFacts&) const = default;
};

struct IncidentRecorded {
  static constexpr std::string_view kType = "IncidentRecorded";
  IncidentFacts incident;
  boost::json::object Payload() const { return incident.Payload(); }
  static IncidentRecorded From(const boost::json::object& p) { return {IncidentFacts::From(p)}; }
  bool operator==(const IncidentRecorded&) const = default;
};

struct IncidentUpdated {
  static constexpr std::string_view kType = "IncidentUpdated";
  IncidentFacts incident;
  boost::json::object Payload() const { return incident.Payload(); }
  static IncidentUpdated From(const boost::json::object& p) { return {IncidentFacts::From(p)}; }
  bool operator==(const IncidentUpdated&) const = default;
};

}  // namespace lindungi::store::events
