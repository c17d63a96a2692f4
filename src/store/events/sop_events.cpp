#include "store/events/sop_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

json::object CaseFactsRecorded::Payload() const {
  return {{"facts", facts}, {"consents", ToArray(consents)}, {"documents", ToArray(documents)}};
}

CaseFactsRecorded CaseFactsRecorded::From(const json::object& p) {
  return {ObjOr(p, "facts"), StrListOr(p, "consents"), StrListOr(p, "documents")};
}

json::object SopStarted::Payload() const {
  json::object o{{"instance_id", instance_id}, {"sop_id", sop_id}, {"state", state}};
  if (parent_id) o["parent_id"] = *parent_id;
  return o;
}

SopStarted SopStarted::From(const json::object& p) {
  return {Str(p, "instance_id"), Str(p, "sop_id"), Obj(p, "state"), OptText(p, "parent_id")};
}

json::object TaskOpened::Payload() const {
  json::object o{{"task_id", task_id},
                 {"instance_id", instance_id},
                 {"sop_id", sop_id},
                 {"step_id", step_id},
                 {"unit_id", unit_id},
                 {"role", role},
                 {"due_at", TextOrNull(due_at)},
                 {"calendar_incomplete", calendar_incomplete}};
  if (clock_from) o["clock_from"] = *clock_from;
  return o;
}

TaskOpened TaskOpened::From(const json::object& p) {
  return {Str(p, "task_id"),       Str(p, "instance_id"),
          Str(p, "sop_id"),        Str(p, "step_id"),
          Str(p, "unit_id"),       Str(p, "role"),
          OptText(p, "due_at"),    Bool(p, "calendar_incomplete"),
          OptText(p, "clock_from")};
}

json::object StepSkipped::Payload() const {
  return {{"instance_id", instance_id}, {"step_id", step_id}};
}

StepSkipped StepSkipped::From(const json::object& p) {
  return {Str(p, "instance_id"), Str(p, "step_id")};
}

json::object TaskCompleted::Payload() const {
  json::object o{{"task_id", task_id},       {"instance_id", instance_id},
                 {"step_id", step_id},       {"outcome", TextOrNull(outcome)},
                 {"note", TextOrNull(note)}, {"documents", ToArray(documents)},
                 {"waived", waived},         {"state", state}};
  if (duration) o["duration"] = json::object{{"value", duration->value}, {"unit", duration->unit}};
  return o;
}

TaskCompleted TaskCompleted::From(const json::object& p) {
  TaskCompleted t{Str(p, "task_id"),
                  OptText(p, "instance_id").value_or(""),
                  OptText(p, "step_id").value_or(""),
                  OptText(p, "outcome"),
                  OptText(p, "note"),
                  StrListOr(p, "documents"),
                  Flag(p, "waived"),
                  Obj(p, "state"),
                  std::nullopt};
  // Events before compliance reports lack the duration.
  if (auto* d = p.if_contains("duration"); d && d->is_object()) {
    const auto& o = d->as_object();
    auto* v = o.if_contains("value");
    auto unit = OptText(o, "unit");
    if (v && v->is_number() && unit) t.duration = TaskDuration{v->to_number<double>(), *unit};
  }
  return t;
}

json::object TaskRequirementsWaived::Payload() const {
  return {{"task_id", task_id}, {"requirements", ToArray(requirements)}, {"reason", reason}};
}

TaskRequirementsWaived TaskRequirementsWaived::From(const json::object& p) {
  return {Str(p, "task_id"), StrList(p, "requirements"), Str(p, "reason")};
}

json::object TaskAssigned::Payload() const {
  return {{"task_id", task_id}, {"assignee", TextOrNull(assignee)}};
}

TaskAssigned TaskAssigned::From(const json::object& p) {
  return {Str(p, "task_id"), OptText(p, "assignee")};
}

json::object TaskClosed::Payload() const {
  return {{"task_id", task_id}, {"reason", reason}};
}

TaskClosed TaskClosed::From(const json::object& p) {
  return {Str(p, "task_id"), OptText(p, "reason").value_or("")};
}

json::object SopEnded::Payload() const {
  return {{"instance_id", instance_id}, {"reason", reason}, {"state", state}};
}

SopEnded SopEnded::From(const json::object& p) {
  return {Str(p, "instance_id"), Str(p, "reason"), Obj(p, "state")};
}

}  // namespace lindungi::store::events
