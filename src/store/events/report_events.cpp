#include "store/events/report_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

json::object SimfoniRowSent::Payload() const {
  return {{"client_id", client_id},
          {"incident_id", incident_id},
          {"nomor_simfoni", nomor_simfoni},
          {"sent_on", sent_on}};
}

SimfoniRowSent SimfoniRowSent::From(const json::object& p) {
  return {Str(p, "client_id"), Str(p, "incident_id"), Str(p, "nomor_simfoni"), Str(p, "sent_on")};
}

}  // namespace lindungi::store::events
