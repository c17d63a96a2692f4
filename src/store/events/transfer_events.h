// A case's transfer to another unit, on the case stream (docs/transfers.md). Sealed
// fields hold ciphertext.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/events/event.h"

namespace lindungi::store::events {

struct TransferRequested {
  static constexpr std::string_view kType = "TransferRequested";
  std::string transfer_id, from_unit, to_unit, direction, case_number;
  std::optional<std::string> reason;  // sealed; null when empty
  std::vector<std::string> client_ids;
  boost::json::array clients;   // each client's coded facts (sex, age, child, ...)
  boost::json::object summary;  // how the case came in and is classified
  std::optional<std::string> family_coordination;  // sealed; null when empty
  std::vector<std::string> consent_ids;
  // "handover"
  std::string handed_over_by, handed_over_by_name;
  std::vector<std::string> documents;
  std::optional<std::string> note;  // sealed; null when empty
  boost::json::object Payload() const;
  static TransferRequested From(const boost::json::object& p);
  bool operator==(const TransferRequested&) const = default;
};

struct TransferAccepted {
  static constexpr std::string_view kType = "TransferAccepted";
  std::string transfer_id, unit_number;  // the receiving unit's register number
  std::optional<std::string> sop_id;     // the SOP started there; null: none
  std::optional<std::string> note;       // sealed; omitted when none
  boost::json::object Payload() const;
  static TransferAccepted From(const boost::json::object& p);
  bool operator==(const TransferAccepted&) const = default;
};

struct TransferRejected {
  static constexpr std::string_view kType = "TransferRejected";
  std::string transfer_id;
  std::optional<std::string> reason;  // sealed; omitted when none
  boost::json::object Payload() const;
  static TransferRejected From(const boost::json::object& p);
  bool operator==(const TransferRejected&) const = default;
};

struct TransferCancelled {
  static constexpr std::string_view kType = "TransferCancelled";
  std::string transfer_id;
  std::optional<std::string> reason;  // sealed; omitted when none
  boost::json::object Payload() const;
  static TransferCancelled From(const boost::json::object& p);
  bool operator==(const TransferCancelled&) const = default;
};

// The receiving unit's report back.
struct TransferReported {
  static constexpr std::string_view kType = "TransferReported";
  std::string transfer_id, report;  // report sealed
  boost::json::object Payload() const;
  static TransferReported From(const boost::json::object& p);
  bool operator==(const TransferReported&) const = default;
};

struct CaseTransferred {
  static constexpr std::string_view kType = "CaseTransferred";
  std::string transfer_id, from_unit, to_unit, unit_number;
  boost::json::object Payload() const;
  static CaseTransferred From(const boost::json::object& p);
  bool operator==(const CaseTransferred&) const = default;
};

}  // namespace lindungi::store::events
