#include "store/events/unit_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

json::object UnitCreated::Payload() const {
  json::object o{{"code", code}, {"name", name}, {"level", level}, {"time_zone", time_zone}};
  if (province) o["province"] = *province;
  if (sop_pack) o["sop_pack"] = *sop_pack;
  return o;
}

UnitCreated UnitCreated::From(const json::object& p) {
  return {Str(p, "code"),      Str(p, "name"),         Str(p, "level"),
          Str(p, "time_zone"), OptText(p, "province"), OptText(p, "sop_pack")};
}

json::object UnitSopPackSet::Payload() const {
  json::object o;
  if (sop_pack) o["sop_pack"] = *sop_pack;
  return o;
}

UnitSopPackSet UnitSopPackSet::From(const json::object& p) {
  return {OptText(p, "sop_pack")};
}

json::object UnitTwoFactorPolicySet::Payload() const {
  return {{"required", required}};
}

UnitTwoFactorPolicySet UnitTwoFactorPolicySet::From(const json::object& p) {
  return {Flag(p, "required")};
}

json::object UnitLetterheadSet::Payload() const {
  return {{"settings", settings}};
}

UnitLetterheadSet UnitLetterheadSet::From(const json::object& p) {
  return {Obj(p, "settings")};
}

json::object PartnerCreated::Payload() const {
  json::object o{{"code", code}, {"name", name}, {"kind", kind}};
  if (unit_id) o["unit_id"] = *unit_id;
  if (area) o["area"] = *area;
  return o;
}

PartnerCreated PartnerCreated::From(const json::object& p) {
  return {Str(p, "code"), Str(p, "name"), Str(p, "kind"), OptText(p, "unit_id"),
          OptText(p, "area")};
}

}  // namespace lindungi::store::events
