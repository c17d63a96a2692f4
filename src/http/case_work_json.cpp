#include "http/case_work_json.h"

#include <fmt/format.h>

#include "http/json_body.h"

namespace lindungi::http {
namespace json = boost::json;
namespace {

Error WrongShape(const std::string& field, const char* id, const char* en) {
  return MakeError(ErrorKind::kInvalidArgument, "wrong_type",
                   fmt::format("Kolom {} harus {}.", field, id),
                   fmt::format("Field {} must be {}.", field, en), field);
}

// Each object of the optional array `key` (at most `max`) read by `each(reader, index)`.
template <class F>
void Objects(ObjectReader& r, const json::object& o, std::string_view key, std::size_t max,
             F&& each) {
  r.Skip(key);
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return;
  std::string field = r.FieldPath(key);
  if (!v->is_array()) return r.Report(WrongShape(field, "daftar objek", "a list of objects"));
  const auto& a = v->as_array();
  if (a.size() > max) {
    return r.Report(MakeError(ErrorKind::kInvalidArgument, "too_many",
                              fmt::format("Kolom {} berisi lebih dari {} butir.", field, max),
                              fmt::format("Field {} has more than {} items.", field, max), field));
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::string at = fmt::format("{}[{}]", field, i);
    if (!a[i].is_object()) return r.Report(WrongShape(at, "objek", "an object"));
    ObjectReader item(a[i].as_object(), at);
    each(item, i);
    if (auto s = item.Finish(); !s) return r.Report(s.error());
  }
}

}  // namespace

Result<PlanInput> ReadPlan(const json::object& o) {
  ObjectReader r(o);
  PlanInput out;
  out.version = r.Int("version");
  Objects(r, o, "goals", kMaxGoals, [&](ObjectReader& g, std::size_t) {
    PlanGoal goal;
    goal.id = g.String("id");
    goal.text = g.String("text");
    out.goals.push_back(std::move(goal));
  });
  Objects(r, o, "services", kMaxServices, [&](ObjectReader& s, std::size_t) {
    PlannedService svc;
    svc.id = s.String("id");
    svc.type = s.String("type");
    svc.provider = s.String("provider");
    svc.partner_id = s.OptString("partner_id");
    svc.responsible = s.OptString("responsible");
    svc.start = s.String("start");
    svc.end = s.OptString("end");
    svc.status = s.OptString("status").value_or("planned");
    svc.note = s.OptString("note");
    out.services.push_back(std::move(svc));
  });
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<MeetingInput> ReadMeeting(const json::object& o) {
  ObjectReader r(o);
  MeetingInput out;
  out.kind = r.String("kind");
  out.held_at = r.String("held_at");
  out.place = r.String("place");
  if (const json::object* parts = r.Object("participants", true)) {
    ObjectReader pr(*parts, "participants");
    out.staff = pr.Strings("staff", kMaxListItems);
    out.partners = pr.Strings("partners", kMaxListItems);
    out.others = pr.Strings("others", kMaxListItems);
    Objects(pr, *parts, "family", kMaxListItems, [&](ObjectReader& f, std::size_t) {
      FamilyParticipant member;
      member.role = f.String("role");
      member.person_id = f.OptString("person_id");
      out.family.push_back(std::move(member));
    });
    if (auto s = pr.Finish(); !s) return Fail(s.error());
  }
  out.agenda = r.String("agenda");
  out.decisions = r.Strings("decisions", kMaxListItems);
  out.follow_ups = r.Strings("follow_ups", kMaxListItems);
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<MonitoringInput> ReadMonitoring(const json::object& o) {
  ObjectReader r(o);
  MonitoringInput out;
  out.date = r.String("date");
  out.method = r.String("method");
  out.client_condition = r.String("client_condition");
  Objects(r, o, "progress", kMaxGoals, [&](ObjectReader& g, std::size_t) {
    GoalProgress p;
    p.goal_id = g.String("goal_id");
    p.status = g.String("status");
    p.note = g.OptString("note");
    out.progress.push_back(std::move(p));
  });
  out.next_date = r.OptString("next_date");
  out.notes = r.OptString("notes");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<TerminationRequest> ReadTermination(const json::object& o) {
  ObjectReader r(o);
  TerminationRequest out;
  out.termination.kind = r.String("kind");
  out.termination.reason = r.OptString("reason");
  out.termination.summary = r.String("summary");
  out.termination.conference_waiver = r.OptString("conference_waiver");
  out.document_id = r.OptString("document_id");
  if (const json::object* form = r.Object("form", !out.document_id)) out.form = *form;
  if (out.document_id && !out.form.empty())
    r.Report(MakeError(ErrorKind::kInvalidArgument, "form_or_document",
                       "Sebutkan form atau document_id (formulir terminasi yang sudah diisi), "
                       "bukan keduanya.",
                       "Give form or document_id (the filed termination form), not both.",
                       "document_id"));
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

}  // namespace lindungi::http
