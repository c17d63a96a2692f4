#include "store/events/case_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

json::object CaseOpened::Payload() const {
  json::object o{{"unit_id", unit_id},     {"channel", channel},
                 {"crisis", crisis},       {"received_at", received_at},
                 {"narrative", narrative}, {"reporter", reporter},
                 {"client", client}};
  if (sensitive) o["sensitive"] = true;
  if (synthetic) o["synthetic"] = true;
  if (incident_date) o["incident_date"] = *incident_date;
  if (referred_by) o["referred_by"] = *referred_by;
  o["number"] = number;
  return o;
}

CaseOpened CaseOpened::From(const json::object& p) {
  return {Str(p, "unit_id"),
          Str(p, "channel"),
          Bool(p, "crisis"),
          Str(p, "received_at"),
          OptText(p, "narrative").value_or(""),
          ObjOr(p, "reporter"),
          ObjOr(p, "client"),
          Flag(p, "sensitive"),
          Flag(p, "synthetic"),
          OptText(p, "incident_date"),
          OptText(p, "referred_by"),
          Str(p, "number")};
}

json::object CaseUpdated::Payload() const {
  return {{"changes", changes}};
}

CaseUpdated CaseUpdated::From(const json::object& p) {
  return {Obj(p, "changes")};
}

json::object CaseClassified::Payload() const {
  return {{"case_types", ToArray(case_types)},
          {"ampk_categories", ToArray(ampk_categories)},
          {"risk_level", TextOrNull(risk_level)},
          {"jurisdiction", TextOrNull(jurisdiction)},
          {"village_manageable", village_manageable}};
}

CaseClassified CaseClassified::From(const json::object& p) {
  return {StrListOr(p, "case_types"), StrListOr(p, "ampk_categories"), OptText(p, "risk_level"),
          OptText(p, "jurisdiction"), Flag(p, "village_manageable")};
}

json::object TriageDecided::Payload() const {
  json::object o{{"recommendation", TextOrNull(recommendation)},
                 {"decision", decision},
                 {"overridden", overridden},
                 {"rules", ToArray(rules)}};
  if (reason) o["reason"] = *reason;
  if (task_id) o["task_id"] = *task_id;
  return o;
}

TriageDecided TriageDecided::From(const json::object& p) {
  return {OptText(p, "recommendation"), OptText(p, "decision").value_or(""),
          Flag(p, "overridden"),        StrListOr(p, "rules"),
          OptText(p, "reason"),         OptText(p, "task_id")};
}

json::object DecisionOverridden::Payload() const {
  return {{"task_id", task_id},
          {"outcome", outcome},
          {"contradicts", ToArray(contradicts)},
          {"reason", reason}};
}

DecisionOverridden DecisionOverridden::From(const json::object& p) {
  return {Str(p, "task_id"), OptText(p, "outcome").value_or(""), StrListOr(p, "contradicts"),
          OptText(p, "reason").value_or("")};
}

json::object CaseSensitivityChanged::Payload() const {
  return {{"sensitive", sensitive}, {"reason", reason}};
}

CaseSensitivityChanged CaseSensitivityChanged::From(const json::object& p) {
  return {Bool(p, "sensitive"), OptText(p, "reason").value_or("")};
}

json::object CaseTeamMemberAdded::Payload() const {
  json::object o{{"user_id", user_id}};
  if (reason) o["reason"] = *reason;
  return o;
}

CaseTeamMemberAdded CaseTeamMemberAdded::From(const json::object& p) {
  return {Str(p, "user_id"), OptText(p, "reason")};
}

json::object CaseTeamMemberRemoved::Payload() const {
  return {{"user_id", user_id}};
}

CaseTeamMemberRemoved CaseTeamMemberRemoved::From(const json::object& p) {
  return {Str(p, "user_id")};
}

}  // namespace lindungi::store::events
