// Reports' events on the case stream (docs/reports.md).
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

#include "store/events/event.h"

namespace lindungi::store::events {

// A client's incident row marked as entered in SIMFONI PPA, with SIMFONI's number.
struct SimfoniRowSent {
  static constexpr std::string_view kType = "SimfoniRowSent";
  std::string client_id, incident_id, nomor_simfoni, sent_on;
  boost::json::object Payload() const;
  static SimfoniRowSent From(const boost::json::object& p);
  bool operator==(const SimfoniRowSent&) const = default;
};

}  // namespace lindungi::store::events
