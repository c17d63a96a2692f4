#include "store/events/transfer_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

namespace {

// A transfer's answer: its id and, when given, its sealed text under `key`.
json::object Answer(const std::string& transfer_id, std::string_view key,
                    const std::optional<std::string>& text) {
  json::object o{{"transfer_id", transfer_id}};
  if (text) o[key] = *text;
  return o;
}

}  // namespace

json::object TransferRequested::Payload() const {
  return {{"transfer_id", transfer_id},
          {"from_unit", from_unit},
          {"to_unit", to_unit},
          {"direction", direction},
          {"case_number", case_number},
          {"reason", TextOrNull(reason)},
          {"client_ids", ToArray(client_ids)},
          {"clients", clients},
          {"summary", summary},
          {"family_coordination", TextOrNull(family_coordination)},
          {"consent_ids", ToArray(consent_ids)},
          {"handover", json::object{{"handed_over_by", handed_over_by},
                                    {"handed_over_by_name", handed_over_by_name},
                                    {"documents", ToArray(documents)},
                                    {"note", TextOrNull(note)}}}};
}

TransferRequested TransferRequested::From(const json::object& p) {
  json::object handover = ObjOr(p, "handover");
  json::array clients;
  if (auto* v = p.if_contains("clients"); v && v->is_array()) clients = v->as_array();
  return {Str(p, "transfer_id"),
          Str(p, "from_unit"),
          Str(p, "to_unit"),
          OptText(p, "direction").value_or(""),
          OptText(p, "case_number").value_or(""),
          OptText(p, "reason"),
          StrListOr(p, "client_ids"),
          std::move(clients),
          ObjOr(p, "summary"),
          OptText(p, "family_coordination"),
          StrListOr(p, "consent_ids"),
          OptText(handover, "handed_over_by").value_or(""),
          OptText(handover, "handed_over_by_name").value_or(""),
          StrListOr(handover, "documents"),
          OptText(handover, "note")};
}

json::object TransferAccepted::Payload() const {
  json::object o{
      {"transfer_id", transfer_id}, {"unit_number", unit_number}, {"sop_id", TextOrNull(sop_id)}};
  if (note) o["note"] = *note;
  return o;
}

TransferAccepted TransferAccepted::From(const json::object& p) {
  return {Str(p, "transfer_id"), OptText(p, "unit_number").value_or(""), OptText(p, "sop_id"),
          OptText(p, "note")};
}

json::object TransferRejected::Payload() const {
  return Answer(transfer_id, "reason", reason);
}

TransferRejected TransferRejected::From(const json::object& p) {
  return {Str(p, "transfer_id"), OptText(p, "reason")};
}

json::object TransferCancelled::Payload() const {
  return Answer(transfer_id, "reason", reason);
}

TransferCancelled TransferCancelled::From(const json::object& p) {
  return {Str(p, "transfer_id"), OptText(p, "reason")};
}

json::object TransferReported::Payload() const {
  return {{"transfer_id", transfer_id}, {"report", report}};
}

TransferReported TransferReported::From(const json::object& p) {
  return {Str(p, "transfer_id"), Str(p, "report")};
}

json::object CaseTransferred::Payload() const {
  return {{"transfer_id", transfer_id},
          {"from_unit", from_unit},
          {"to_unit", to_unit},
          {"unit_number", unit_number}};
}

CaseTransferred CaseTransferred::From(const json::object& p) {
  return {Str(p, "transfer_id"), OptText(p, "from_unit").value_or(""), Str(p, "to_unit"),
          Str(p, "unit_number")};
}

}  // namespace lindungi::store::events
