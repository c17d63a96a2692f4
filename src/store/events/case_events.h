// A case's own events: intake, changes, classification, triage, who may see it
// (docs/storage.md "Streams and events", "Access events"). Sealed fields hold ciphertext.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/events/event.h"

namespace lindungi::store::events {

struct CaseOpened {
  static constexpr std::string_view kType = "CaseOpened";
  std::string unit_id, channel;
  bool crisis = false;
  std::string received_at;
  std::string narrative;  // sealed under the client's key
  // The intake's people as their records (identifying fields sealed); intakes before people
  // had ids lack person_id.
  boost::json::object reporter, client;
  bool sensitive = false, synthetic = false;              // omitted when false
  std::optional<std::string> incident_date, referred_by;  // omitted when none
  std::string number;
  boost::json::object Payload() const;
  static CaseOpened From(const boost::json::object& p);
  bool operator==(const CaseOpened&) const = default;
};

// The fields that changed, each to its new value.
struct CaseUpdated {
  static constexpr std::string_view kType = "CaseUpdated";
  boost::json::object changes;
  boost::json::object Payload() const;
  static CaseUpdated From(const boost::json::object& p);
  bool operator==(const CaseUpdated&) const = default;
};

struct CaseClassified {
  static constexpr std::string_view kType = "CaseClassified";
  std::vector<std::string> case_types, ampk_categories;
  std::optional<std::string> risk_level, jurisdiction;  // null when not given
  bool village_manageable = false;
  boost::json::object Payload() const;
  static CaseClassified From(const boost::json::object& p);
  bool operator==(const CaseClassified&) const = default;
};

struct TriageDecided {
  static constexpr std::string_view kType = "TriageDecided";
  std::optional<std::string> recommendation;  // null: not classified yet
  std::string decision;
  bool overridden = false;
  std::vector<std::string> rules;
  std::optional<std::string> reason;   // sealed; omitted when none
  std::optional<std::string> task_id;  // the triage step's task; omitted when decided directly
  boost::json::object Payload() const;
  static TriageDecided From(const boost::json::object& p);
  bool operator==(const TriageDecided&) const = default;
};

// An outcome taken against what the recorded facts say.
struct DecisionOverridden {
  static constexpr std::string_view kType = "DecisionOverridden";
  std::string task_id, outcome;
  std::vector<std::string> contradicts;
  std::string reason;  // sealed
  boost::json::object Payload() const;
  static DecisionOverridden From(const boost::json::object& p);
  bool operator==(const DecisionOverridden&) const = default;
};

struct CaseSensitivityChanged {
  static constexpr std::string_view kType = "CaseSensitivityChanged";
  bool sensitive = false;
  std::string reason;  // sealed
  boost::json::object Payload() const;
  static CaseSensitivityChanged From(const boost::json::object& p);
  bool operator==(const CaseSensitivityChanged&) const = default;
};

struct CaseTeamMemberAdded {
  static constexpr std::string_view kType = "CaseTeamMemberAdded";
  std::string user_id;
  std::optional<std::string> reason;  // sealed; omitted when none
  boost::json::object Payload() const;
  static CaseTeamMemberAdded From(const boost::json::object& p);
  bool operator==(const CaseTeamMemberAdded&) const = default;
};

struct CaseTeamMemberRemoved {
  static constexpr std::string_view kType = "CaseTeamMemberRemoved";
  std::string user_id;
  boost::json::object Payload() const;
  static CaseTeamMemberRemoved From(const boost::json::object& p);
  bool operator==(const CaseTeamMemberRemoved&) const = default;
};

}  // namespace lindungi::store::events
