#include "store/events/case_work_events.h"

namespace lindungi::store::events {
namespace json = boost::json;

namespace {

const json::array& Arr(const json::object& p, std::string_view key) {
  auto* v = p.if_contains(key);
  if (!v || !v->is_array())
    throw StoreError("event payload lacks the array field " + std::string(key));
  return v->as_array();
}

const json::object& Item(const json::value& v) {
  if (!v.is_object()) throw StoreError("event payload has a list item that is not an object");
  return v.as_object();
}

}  // namespace

json::object PlanUpdated::Payload() const {
  json::array g, s;
  for (const auto& x : goals) g.push_back(json::object{{"id", x.id}, {"text", x.text}});
  for (const auto& x : services)
    s.push_back(json::object{{"id", x.id},
                             {"type", x.type},
                             {"provider", x.provider},
                             {"partner_id", TextOrNull(x.partner_id)},
                             {"responsible", TextOrNull(x.responsible)},
                             {"start", x.start},
                             {"end", TextOrNull(x.end)},
                             {"status", x.status},
                             {"note", TextOrNull(x.note)}});
  return {{"version", version}, {"goals", std::move(g)}, {"services", std::move(s)}};
}

PlanUpdated PlanUpdated::From(const json::object& p) {
  PlanUpdated u{Int(p, "version"), {}, {}};
  for (const auto& v : Arr(p, "goals"))
    u.goals.push_back({Str(Item(v), "id"), OptText(Item(v), "text").value_or("")});
  for (const auto& v : Arr(p, "services")) {
    const auto& o = Item(v);
    u.services.push_back({Str(o, "id"), OptText(o, "type").value_or(""),
                          OptText(o, "provider").value_or(""), OptText(o, "partner_id"),
                          OptText(o, "responsible"), OptText(o, "start").value_or(""),
                          OptText(o, "end"), Str(o, "status"), OptText(o, "note")});
  }
  return u;
}

json::object MeetingRecorded::Payload() const {
  json::array f;
  for (const auto& m : family)
    f.push_back(json::object{{"role", m.role}, {"person_id", TextOrNull(m.person_id)}});
  return {{"meeting_id", meeting_id},
          {"kind", kind},
          {"held_at", held_at},
          {"place", place},
          {"participants", json::object{{"staff", ToArray(staff)},
                                        {"partners", ToArray(partners)},
                                        {"family", std::move(f)},
                                        {"others", ToArray(others)}}},
          {"agenda", agenda},
          {"decisions", ToArray(decisions)},
          {"follow_ups", ToArray(follow_ups)}};
}

MeetingRecorded MeetingRecorded::From(const json::object& p) {
  json::object who = ObjOr(p, "participants");
  MeetingRecorded m{Str(p, "meeting_id"),
                    Str(p, "kind"),
                    Str(p, "held_at"),
                    OptText(p, "place").value_or(""),
                    StrListOr(who, "staff"),
                    StrListOr(who, "partners"),
                    {},
                    StrListOr(who, "others"),
                    OptText(p, "agenda").value_or(""),
                    StrListOr(p, "decisions"),
                    StrListOr(p, "follow_ups")};
  if (who.contains("family"))
    for (const auto& v : Arr(who, "family"))
      m.family.push_back({OptText(Item(v), "role").value_or(""), OptText(Item(v), "person_id")});
  return m;
}

json::object MonitoringRecorded::Payload() const {
  json::array g;
  for (const auto& x : progress)
    g.push_back(
        json::object{{"goal_id", x.goal_id}, {"status", x.status}, {"note", TextOrNull(x.note)}});
  return {{"note_id", note_id},        {"date", date},
          {"method", method},          {"client_condition", client_condition},
          {"progress", std::move(g)},  {"next_date", TextOrNull(next_date)},
          {"notes", TextOrNull(notes)}};
}

MonitoringRecorded MonitoringRecorded::From(const json::object& p) {
  MonitoringRecorded m{Str(p, "note_id"),
                       Str(p, "date"),
                       Str(p, "method"),
                       OptText(p, "client_condition").value_or(""),
                       {},
                       OptText(p, "next_date"),
                       OptText(p, "notes")};
  if (p.contains("progress"))
    for (const auto& v : Arr(p, "progress"))
      m.progress.push_back({Str(Item(v), "goal_id"), OptText(Item(v), "status").value_or(""),
                            OptText(Item(v), "note")});
  return m;
}

json::object CaseTerminated::Payload() const {
  json::object o{{"termination_id", termination_id},
                 {"kind", kind},
                 {"reason", TextOrNull(reason)},
                 {"form_id", form_id},
                 {"form", form},
                 {"form_document_id", TextOrNull(form_document_id)},
                 {"summary", summary},
                 {"closed_tasks", ToArray(closed_tasks)}};
  if (conference_required) {
    o["case_conference"] = TextOrNull(case_conference);
    if (conference_waiver) o["conference_waiver"] = *conference_waiver;
  }
  return o;
}

CaseTerminated CaseTerminated::From(const json::object& p) {
  return {Str(p, "termination_id"),
          Str(p, "kind"),
          OptText(p, "reason"),
          OptText(p, "form_id").value_or(""),
          ObjOr(p, "form"),
          OptText(p, "form_document_id"),
          OptText(p, "summary").value_or(""),
          StrListOr(p, "closed_tasks"),
          p.contains("case_conference"),
          OptText(p, "case_conference"),
          OptText(p, "conference_waiver")};
}

json::object ReporterInformed::Payload() const {
  return {{"task_id", task_id}, {"method", method}, {"at", at}, {"by", by}};
}

ReporterInformed ReporterInformed::From(const json::object& p) {
  return {Str(p, "task_id"), Str(p, "method"), Str(p, "at"), Str(p, "by")};
}

json::object CaseClosed::Payload() const {
  // "informed" is ReporterInformed's payload without its task_id, in the order Boost.JSON's
  // erase left it in (the last key moved into the erased one's place): by, method, at.
  json::object o{{"closure_id", closure_id}, {"kind", kind}};
  if (reason) o["reason"] = *reason;
  o["sop_id"] = sop_id;
  o["instance_id"] = instance_id;
  o["task_id"] = task_id;
  o["informed"] =
      json::object{{"by", informed_by}, {"method", informed_method}, {"at", informed_at}};
  o["closed_tasks"] = ToArray(closed_tasks);
  return o;
}

CaseClosed CaseClosed::From(const json::object& p) {
  json::object informed = ObjOr(p, "informed");
  return {Str(p, "closure_id"),
          Str(p, "kind"),
          OptText(p, "reason"),
          OptText(p, "sop_id").value_or(""),
          OptText(p, "instance_id").value_or(""),
          OptText(p, "task_id").value_or(""),
          OptText(informed, "by").value_or(""),
          OptText(informed, "method").value_or(""),
          OptText(informed, "at").value_or(""),
          StrListOr(p, "closed_tasks")};
}

json::object CaseReopened::Payload() const {
  return {{"reason", reason}, {"status", status}, {"termination_id", TextOrNull(termination_id)}};
}

CaseReopened CaseReopened::From(const json::object& p) {
  return {Str(p, "reason"), Str(p, "status"), OptText(p, "termination_id")};
}

}  // namespace lindungi::store::events
