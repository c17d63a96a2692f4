// Consents and referrals to partner organisations, on the case stream (DESIGN §3
// "Consent", "Referral"). Sealed fields hold ciphertext.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/events/event.h"

namespace lindungi::store::events {

struct ConsentRecorded {
  static constexpr std::string_view kType = "ConsentRecorded";
  std::string consent_id, client_id, given_by;
  std::vector<std::string> scopes;
  bool given = false;  // false: a refusal
  bool signed_statement = false;
  std::optional<std::string> partner_id, unit_id;  // who may receive; omitted when none
  std::optional<std::string> note;                 // sealed; omitted when none
  boost::json::object Payload() const;
  static ConsentRecorded From(const boost::json::object& p);
  bool operator==(const ConsentRecorded&) const = default;
};

struct ConsentWithdrawn {
  static constexpr std::string_view kType = "ConsentWithdrawn";
  std::string consent_id, reason;  // reason sealed
  boost::json::object Payload() const;
  static ConsentWithdrawn From(const boost::json::object& p);
  bool operator==(const ConsentWithdrawn&) const = default;
};

struct ReferralMade {
  static constexpr std::string_view kType = "ReferralMade";
  std::string referral_id, unit_id, partner_id, partner_name, client_id;
  std::vector<std::string> services;
  std::string urgency;
  std::string reason;                              // sealed
  boost::json::object shared;                      // the client's fields shared with the partner
  std::optional<std::string> family_coordination;  // sealed; omitted when none
  boost::json::object Payload() const;
  static ReferralMade From(const boost::json::object& p);
  bool operator==(const ReferralMade&) const = default;
};

// The partner's answers: each the referral and, when given, its sealed text.
struct ReferralAccepted {
  static constexpr std::string_view kType = "ReferralAccepted";
  std::string referral_id;
  std::optional<std::string> note;
  boost::json::object Payload() const;
  static ReferralAccepted From(const boost::json::object& p);
  bool operator==(const ReferralAccepted&) const = default;
};

struct ReferralRejected {
  static constexpr std::string_view kType = "ReferralRejected";
  std::string referral_id;
  std::optional<std::string> reason;
  boost::json::object Payload() const;
  static ReferralRejected From(const boost::json::object& p);
  bool operator==(const ReferralRejected&) const = default;
};

struct ReferralReported {
  static constexpr std::string_view kType = "ReferralReported";
  std::string referral_id;
  std::optional<std::string> report;
  boost::json::object Payload() const;
  static ReferralReported From(const boost::json::object& p);
  bool operator==(const ReferralReported&) const = default;
};

}  // namespace lindungi::store::events
