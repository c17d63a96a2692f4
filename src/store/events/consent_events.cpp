#include "store/events/consent_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

namespace {

json::object Answer(const std::string& referral_id, std::string_view key,
                    const std::optional<std::string>& text) {
  json::object o{{"referral_id", referral_id}};
  if (text) o[key] = *text;
  return o;
}

}  // namespace

json::object ConsentRecorded::Payload() const {
  json::object o{{"consent_id", consent_id}, {"client_id", client_id},
                 {"given_by", given_by},     {"scopes", ToArray(scopes)},
                 {"given", given},           {"signed_statement", signed_statement}};
  if (partner_id) o["partner_id"] = *partner_id;
  if (unit_id) o["unit_id"] = *unit_id;
  if (note) o["note"] = *note;
  return o;
}

ConsentRecorded ConsentRecorded::From(const json::object& p) {
  return {Str(p, "consent_id"),     Str(p, "client_id"),   Str(p, "given_by"),
          StrListOr(p, "scopes"),   Bool(p, "given"),      Flag(p, "signed_statement"),
          OptText(p, "partner_id"), OptText(p, "unit_id"), OptText(p, "note")};
}

json::object ConsentWithdrawn::Payload() const {
  return {{"consent_id", consent_id}, {"reason", reason}};
}

ConsentWithdrawn ConsentWithdrawn::From(const json::object& p) {
  return {Str(p, "consent_id"), OptText(p, "reason").value_or("")};
}

json::object ReferralMade::Payload() const {
  json::object o{
      {"referral_id", referral_id},   {"unit_id", unit_id},     {"partner_id", partner_id},
      {"partner_name", partner_name}, {"client_id", client_id}, {"services", ToArray(services)},
      {"urgency", urgency},           {"reason", reason},       {"shared", shared}};
  if (family_coordination) o["family_coordination"] = *family_coordination;
  return o;
}

ReferralMade ReferralMade::From(const json::object& p) {
  return {Str(p, "referral_id"),
          Str(p, "unit_id"),
          Str(p, "partner_id"),
          OptText(p, "partner_name").value_or(""),
          Str(p, "client_id"),
          StrListOr(p, "services"),
          OptText(p, "urgency").value_or(""),
          OptText(p, "reason").value_or(""),
          ObjOr(p, "shared"),
          OptText(p, "family_coordination")};
}

json::object ReferralAccepted::Payload() const {
  return Answer(referral_id, "note", note);
}

ReferralAccepted ReferralAccepted::From(const json::object& p) {
  return {Str(p, "referral_id"), OptText(p, "note")};
}

json::object ReferralRejected::Payload() const {
  return Answer(referral_id, "reason", reason);
}

ReferralRejected ReferralRejected::From(const json::object& p) {
  return {Str(p, "referral_id"), OptText(p, "reason")};
}

json::object ReferralReported::Payload() const {
  return Answer(referral_id, "report", report);
}

ReferralReported ReferralReported::From(const json::object& p) {
  return {Str(p, "referral_id"), OptText(p, "report")};
}

}  // namespace lindungi::store::events
