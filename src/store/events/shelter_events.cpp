#include "store/events/shelter_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

json::object ShelterFields::Payload() const {
  return {{"name", name},
          {"kind", kind},
          {"capacity", capacity},
          {"takes", takes},
          {"max_age", IntOrNull(max_age)},
          {"address", address},
          {"phone", TextOrNull(phone)}};
}

ShelterFields ShelterFields::From(const json::object& p) {
  return {Str(p, "name"),           Str(p, "kind"),    Int(p, "capacity"), Str(p, "takes"),
          OptInteger(p, "max_age"), Str(p, "address"), OptText(p, "phone")};
}

json::object ShelterRegistered::Payload() const {
  json::object o = shelter.Payload();
  o["unit_id"] = unit_id;
  return o;
}

ShelterRegistered ShelterRegistered::From(const json::object& p) {
  return {ShelterFields::From(p), Str(p, "unit_id")};
}

json::object ShelterUpdated::Payload() const {
  return shelter.Payload();
}

ShelterUpdated ShelterUpdated::From(const json::object& p) {
  return {ShelterFields::From(p)};
}

json::object ShelterBedTaken::Payload() const {
  return {{"stay_id", stay_id}};
}

ShelterBedTaken ShelterBedTaken::From(const json::object& p) {
  return {Str(p, "stay_id")};
}

json::object ShelterStayStarted::Payload() const {
  json::object o{{"stay_id", stay_id},
                 {"shelter_id", shelter_id},
                 {"person_id", person_id},
                 {"admitted_on", admitted_on},
                 {"expected_days", expected_days},
                 {"reason", reason},
                 {"task_id", TextOrNull(task_id)},
                 {"task_outcome", TextOrNull(task_outcome)},
                 {"over_capacity", over_capacity}};
  if (override_reason) o["override_reason"] = *override_reason;
  return o;
}

ShelterStayStarted ShelterStayStarted::From(const json::object& p) {
  return {Str(p, "stay_id"),
          Str(p, "shelter_id"),
          Str(p, "person_id"),
          Str(p, "admitted_on"),
          OptInteger(p, "expected_days").value_or(0),
          OptText(p, "reason").value_or(""),
          OptText(p, "task_id"),
          OptText(p, "task_outcome"),
          Flag(p, "over_capacity"),
          OptText(p, "override_reason")};
}

json::object ShelterStayEnded::Payload() const {
  json::object o{{"stay_id", stay_id},
                 {"shelter_id", shelter_id},
                 {"person_id", person_id},
                 {"discharged_on", discharged_on},
                 {"reason", reason}};
  if (note) o["note"] = *note;
  return o;
}

ShelterStayEnded ShelterStayEnded::From(const json::object& p) {
  return {Str(p, "stay_id"),
          OptText(p, "shelter_id").value_or(""),
          OptText(p, "person_id").value_or(""),
          Str(p, "discharged_on"),
          OptText(p, "reason").value_or(""),
          OptText(p, "note")};
}

}  // namespace lindungi::store::events
