// Case work (docs/case-work.md): the intervention plan, case conferences and family
// meetings, monitoring notes, termination and reopening. Member functions of CaseWorkService;
// the rules are pure (core/case_work.h, core/termination.h), this file loads, authorizes,
// seals and appends the events. Free text is sealed under the case client's key (SealForCase).
#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>

#include "forms/form_loader.h"
#include "forms/submission.h"
#include "security/random.h"
#include "service/case_access.h"
#include "service/case_work_service.h"
#include "service/clients.h"
#include "service/document_service.h"
#include "service/json_values.h"
#include "service/sealing.h"
#include "service/sop_catalog.h"
#include "service/writes.h"
#include "store/case_store.h"
#include "store/case_work_store.h"
#include "store/event_log.h"
#include "store/events/case_work_events.h"
#include "store/events/sop_events.h"
#include "store/task_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace lindungi {
namespace json = boost::json;
namespace {

Error NotFound(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kNotFound, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

// Seals texts for case `k` one by one; the first failure (an erased client) is kept.
class Sealer {
 public:
  Sealer(store::SqlConn& c, const Vault& v, const store::CaseRecord& k) : c_(c), v_(v), k_(k) {}
  json::value operator()(const std::string& text) {
    auto s = SealForCase(c_, v_, k_, text);
    if (!s) {
      if (!error_) error_ = s.error();
      return nullptr;
    }
    return json::value(*s);
  }
  json::value Opt(const std::optional<std::string>& text) {
    return text ? (*this)(*text) : json::value(nullptr);
  }
  json::array List(const std::vector<std::string>& texts) {
    json::array a;
    for (const auto& t : texts) a.push_back((*this)(t));
    return a;
  }
  // Every string of `v` sealed (a signature's name and date), other values as they are.
  json::value Tree(const json::value& v) {
    if (v.is_string()) return (*this)(std::string(v.as_string()));
    if (v.is_array()) {
      json::array a;
      for (const auto& x : v.as_array()) a.push_back(Tree(x));
      return a;
    }
    if (v.is_object()) {
      json::object o;
      for (const auto& [key, x] : v.as_object()) o[key] = Tree(x);
      return o;
    }
    return v;
  }
  // The same as text, for an event's field ("" after a failure, which error() reports).
  std::string Text(const std::string& text) {
    json::value v = (*this)(text);
    return v.is_string() ? std::string(v.as_string()) : std::string();
  }
  std::optional<std::string> OptText(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return Text(*text);
  }
  std::vector<std::string> Texts(const std::vector<std::string>& texts) {
    std::vector<std::string> out;
    for (const auto& t : texts) out.push_back(Text(t));
    return out;
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  store::SqlConn& c_;
  const Vault& v_;
  const store::CaseRecord& k_;
  std::optional<Error> error_;
};

json::object PlanJson(const store::PlanRecord& r) {
  json::object o = json::parse(r.data).as_object();
  o["updated_at"] = r.updated_at;
  o["updated_by"] = r.updated_by;
  return o;
}

json::array RowsJson(const std::vector<store::CaseWorkRow>& rows) {
  json::array a;
  for (const auto& r : rows) a.push_back(json::parse(r.data));
  return a;
}

// Appends `events` to case `k`'s stream (the last one is the answer's record) and returns
// `answer` with the case and who recorded it when; with `case_version`, the case's new version.
Result<json::object> AppendRecorded(store::SqlConn& c, const store::CaseRecord& k,
                                    const std::vector<store::NewEvent>& events, json::object answer,
                                    const Principal& p, Instant now, bool case_version = false) {
  auto a =
      store::AppendEvents(c, store::CaseStream(k.id), store::ExpectedVersion::Exactly(k.version),
                          events, p.user_id, FormatInstant(now));
  if (!a) return Fail(a.error());
  answer["case_id"] = k.id;
  if (case_version) answer["case_version"] = a->version;
  answer["recorded_by"] = p.user_id;
  answer["recorded_at"] = a->events.back().at;
  return answer;
}

std::vector<std::string> PlanGoalIds(store::SqlConn& c, const std::string& case_id) {
  std::vector<std::string> ids;
  if (auto plan = store::FindPlan(c, case_id)) {
    json::object o = json::parse(plan->data).as_object();
    for (const auto& g : o.at("goals").as_array())
      ids.emplace_back(g.as_object().at("id").as_string());
  }
  return ids;
}

// A staff member of the unit: a user holding a staff role there.
bool IsUnitStaff(store::SqlConn& c, const std::string& user_id, const std::string& unit_id) {
  auto u = store::FindUser(c, user_id);
  if (!u || u->disabled) return false;
  for (const auto& r : u->roles)
    if (r.unit_id == unit_id && r.role != "admin") return true;
  return false;
}

Error UnknownStaff(const std::string& field) {
  return NotFound("staff_not_found", "Petugas itu bukan staf unit kasus ini.",
                  "That user is not staff of this case's unit.", field);
}
Error UnknownPartner(const std::string& field) {
  return NotFound("partner_not_found", "Mitra itu tidak dikenal.", "No such partner.", field);
}

// The values of the terminasi form filed on the case as `document_id`, if the caller sees it.
Result<json::object> FiledTerminationForm(store::Database& db, const Vault& vault,
                                          const Principal& p, const std::string& case_id,
                                          const std::string& document_id) {
  json::object form_values;
  std::optional<Error> problem;
  db.Read([&](store::SqlConn& c) {
    auto k = store::FindCase(c, case_id);
    if (!k || !CaseVisibleTo(c, p, *k)) {
      problem = CaseNotFound();
      return;
    }
    auto d = store::FindDocument(c, document_id);
    if (!d || d->case_id != case_id) {
      problem = MakeError(ErrorKind::kNotFound, "document_not_found", "Dokumen tidak ditemukan.",
                          "Document not found.", "document_id");
    } else if (d->source != "form" || d->form_id != "terminasi") {
      problem = MakeError(ErrorKind::kInvalidArgument, "not_a_termination_form",
                          "Dokumen itu bukan formulir terminasi.",
                          "That document is not a termination form.", "document_id");
    } else {
      form_values = OpenDocumentValues(c, vault, *d);
    }
  });
  if (problem) return Fail(*problem);
  return form_values;
}

// Checks the termination input against the form's values, and the form itself ("form." fields).
Status ValidateTerminationRequest(const TerminationInput& in, const json::object& form_values,
                                  const forms::Form* form, Instant now) {
  auto text_of = [&](std::string_view key) -> std::string {
    auto* v = form_values.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  if (auto s = ValidateTermination(in, text_of("jenis"), text_of("alasan_sepihak")); !s)
    return Fail(s.error());
  if (!form) {
    return Fail(MakeError(ErrorKind::kUnavailable, "form_missing",
                          "Formulir terminasi (forms/terminasi.yaml) tidak tersedia di server.",
                          "The termination form (forms/terminasi.yaml) is missing on the server."));
  }
  if (auto s = forms::ValidateSubmission(*form, form_values, now); !s) {
    Error e = s.error();
    e.field = "form." + e.field;
    return Fail(std::move(e));
  }
  return {};
}

// Refuses unless the caller leads the case work, the form's client is true and nothing blocks.
Status CheckMayTerminate(store::SqlConn& c, const Vault& vault, const Principal& p,
                         const store::CaseRecord& k, const std::string& case_id,
                         const forms::Form& form, const json::object& form_values, Instant now) {
  if (auto s =
          CheckCaseWorkLead(p.HasRoleIn(k.unit_id, "case_manager"), p.IsSupervisorIn(k.unit_id));
      !s)
    return Fail(s.error());
  // The form is about a client of this case, and says truly whether she is a child:
  // a child's termination is signed by her parent or guardian too (form ttd_wali).
  if (auto s = CheckFormReferences(c, case_id, form, form_values); !s) {
    Error e = s.error();
    e.field = "form." + e.field;
    return Fail(std::move(e));
  }
  // (The form requires both klien and klien_anak, so this always checks the client.)
  if (auto s =
          CheckFormClient(c, vault, case_id, form_values, UnitToday(c, k.unit_id, now), "form.");
      !s)
    return Fail(s.error());
  if (auto s = CheckTerminationBlockers(int(store::CountOpenStays(c, case_id)),
                                        int(store::CountPendingReferrals(c, case_id)));
      !s)
    return Fail(s.error());
  return {};
}

// Whether the pack requires a case conference, and the meeting that counts (or null).
struct TerminationConference {
  bool required = false;
  json::value conference = nullptr;
};

// Finds the case conference since the last closing and checks the pack's requirement or waiver.
Result<TerminationConference> CheckConference(store::SqlConn& c, const SopCatalog& sops,
                                              const Principal& p, const store::CaseRecord& k,
                                              const std::string& case_id,
                                              const TerminationInput& in) {
  // The pack's case conference before termination (unit.yaml termination_requires):
  // the latest one recorded since the case was last closed, or a head's waiver.
  TerminationConference out;
  if (auto unit = store::FindUnit(c, k.unit_id))
    if (const sop::Pack* pack = sops.FindPack(unit->sop_pack))
      out.required =
          std::find(pack->unit.termination_requires.begin(), pack->unit.termination_requires.end(),
                    "case_conference") != pack->unit.termination_requires.end();
  std::string since;
  for (const auto& t : store::ListTerminations(c, case_id)) since = t.recorded_at;
  for (const auto& m : store::ListMeetings(c, case_id))
    if (m.kind == "case_conference" && m.recorded_at > since) out.conference = m.id;
  if (auto s =
          CheckTerminationConference(out.required, !out.conference.is_null(), in.conference_waiver,
                                     p.ReachIn(k.unit_id) == UnitReach::kAll);
      !s)
    return Fail(s.error());
  return out;
}

// A termination's form values (sensitive ones sealed), summary and waiver as the event holds them.
// A sealed text as the event holds it (null after a failed seal: the write fails anyway).
std::string AsText(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : std::string();
}

struct SealedTermination {
  json::object values;
  json::value summary, waiver;
};

// Seals the sensitive form values, the summary and the waiver under the case client's key.
Result<SealedTermination> SealTermination(store::SqlConn& c, const Vault& vault,
                                          const store::CaseRecord& k, const forms::Form& form,
                                          const json::object& form_values,
                                          const TerminationInput& in) {
  Sealer seal(c, vault, k);
  auto split = forms::SplitBySensitivity(form, form_values);
  json::object values = split.clear;
  for (const auto& [key, v] : split.sensitive) values[key] = seal.Tree(v);
  json::value summary = seal(in.summary);
  json::value waiver = in.conference_waiver ? seal(*in.conference_waiver) : json::value(nullptr);
  if (seal.error()) return Fail(*seal.error());
  return SealedTermination{std::move(values), std::move(summary), std::move(waiver)};
}

// Closes open tasks and ends running SOPs (reason case_terminated); returns the closed task ids.
std::vector<std::string> EndOpenWork(store::SqlConn& c, const std::string& case_id,
                                     std::vector<store::NewEvent>& events) {
  // Open tasks leave the inboxes; running SOPs end where they stood.
  std::vector<std::string> closed_tasks;
  for (const auto& task_id : store::OpenTaskIds(c, case_id)) {
    events.push_back(store::MakeEvent(store::events::TaskClosed{task_id, "case_terminated"}));
    closed_tasks.push_back(task_id);
  }
  for (const auto& inst : store::ListInstances(c, case_id)) {
    if (inst.status != "running") continue;
    events.push_back(store::MakeEvent(
        store::events::SopEnded{inst.id, "case_terminated", json::parse(inst.state).as_object()}));
  }
  return closed_tasks;
}
}  // namespace

void AddCaseWork(const store::CaseWorkRecord& work, json::object& o) {
  o["plan"] = work.plan ? json::value(PlanJson(*work.plan)) : json::value(nullptr);
  o["meetings"] = RowsJson(work.meetings);
  o["monitoring_notes"] = RowsJson(work.monitoring_notes);
  o["terminations"] = RowsJson(work.terminations);
}

const forms::Form* TerminationForm(const std::string& sops_dir) {
  static std::mutex mu;
  static std::map<std::string, forms::FormSet> loaded;
  namespace fs = std::filesystem;
  fs::path sops = fs::path(sops_dir).lexically_normal();
  if (sops.filename().empty()) sops = sops.parent_path();  // "sops/"
  std::string dir = (sops.parent_path() / "forms").string();
  std::lock_guard lock(mu);
  auto it = loaded.find(dir);
  if (it == loaded.end()) {
    std::vector<sop::Diagnostic> ignored;
    it = loaded.emplace(dir, forms::LoadForms(dir, ignored)).first;
  }
  return it->second.Find("terminasi");
}

Result<WriteReply> CaseWorkService::PutPlan(const Principal& p, const std::string& case_id,
                                            const PlanInput& in,
                                            const std::optional<Idempotency>& idem) {
  if (auto s = ValidatePlan(in); !s) return Fail(s.error());
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        auto current = store::FindPlan(c, case_id);
        std::int64_t version = current ? current->version : 0;
        if (in.version != version) {
          Error e = MakeError(ErrorKind::kConflict, "plan_version_conflict",
                              fmt::format("Rencana intervensi sudah diubah orang lain (versi {}); "
                                          "muat ulang lalu ubah lagi.",
                                          version),
                              fmt::format("The intervention plan was changed meanwhile (version "
                                          "{}); reload it and change it again.",
                                          version),
                              "version");
          e.current_version = version;
          return Fail(std::move(e));
        }
        std::vector<ServiceState> before;
        if (current) {
          json::value data = json::parse(current->data);  // kept alive for the loop
          for (const auto& s : data.as_object().at("services").as_array())
            before.push_back({std::string(s.as_object().at("id").as_string()),
                              std::string(s.as_object().at("status").as_string())});
        }
        if (auto s = CheckPlanProgress(before, in); !s) return Fail(s.error());
        Sealer seal(c, vault_, k);
        store::events::PlanUpdated plan{version + 1, {}, {}};
        for (const auto& g : in.goals) plan.goals.push_back({g.id, seal.Text(g.text)});
        for (std::size_t i = 0; i < in.services.size(); ++i) {
          const auto& s = in.services[i];
          std::string field = fmt::format("services[{}]", i);
          if (s.partner_id && !store::FindPartner(c, *s.partner_id))
            return Fail(UnknownPartner(field + ".partner_id"));
          if (s.responsible && !IsUnitStaff(c, *s.responsible, k.unit_id))
            return Fail(UnknownStaff(field + ".responsible"));
          plan.services.push_back({s.id, s.type, s.provider, s.partner_id, s.responsible, s.start,
                                   s.end, s.status, seal.OptText(s.note)});
        }
        if (seal.error()) return Fail(*seal.error());
        auto a = store::AppendEvents(
            c, store::CaseStream(case_id), store::ExpectedVersion::Exactly(k.version),
            {store::MakeEvent(plan)}, p.user_id, FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        json::object out = PlanJson(*store::FindPlan(c, case_id));
        out["case_id"] = case_id;
        return WriteReply{current ? 200 : 201, std::move(out)};
      });
}

Result<json::value> CaseWorkService::GetPlan(const Principal& p, const std::string& case_id) {
  return ReadVisibleCase(db_, vault_, access_log_, p, case_id, "plan",
                         [&](store::SqlConn& c, const store::CaseRecord&) -> json::value {
                           auto plan = store::FindPlan(c, case_id);
                           return json::object{
                               {"case_id", case_id},
                               {"plan", plan ? json::value(PlanJson(*plan)) : nullptr}};
                         });
}

Result<WriteReply> CaseWorkService::RecordMeeting(const Principal& p, const std::string& case_id,
                                                  const MeetingInput& in,
                                                  const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  if (auto s = ValidateMeeting(in, now); !s) return Fail(s.error());
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        for (std::size_t i = 0; i < in.staff.size(); ++i)
          if (!IsUnitStaff(c, in.staff[i], k.unit_id))
            return Fail(UnknownStaff(fmt::format("participants.staff[{}]", i)));
        for (std::size_t i = 0; i < in.partners.size(); ++i)
          if (!store::FindPartner(c, in.partners[i]))
            return Fail(UnknownPartner(fmt::format("participants.partners[{}]", i)));
        Sealer seal(c, vault_, k);
        std::vector<store::events::MeetingFamilyMember> family;
        for (std::size_t i = 0; i < in.family.size(); ++i) {
          const auto& f = in.family[i];
          if (f.person_id) {
            auto person = store::FindCasePerson(c, *f.person_id);
            if (!person || person->case_id != case_id)
              return Fail(NotFound("person_not_found", "Orang itu tidak ada pada kasus ini.",
                                   "That person is not on this case.",
                                   fmt::format("participants.family[{}].person_id", i)));
          }
          family.push_back({seal.Text(f.role), f.person_id});
        }
        store::events::MeetingRecorded m{security::RandomUuid(),
                                         in.kind,
                                         in.held_at,
                                         seal.Text(in.place),
                                         in.staff,
                                         in.partners,
                                         std::move(family),
                                         seal.Texts(in.others),
                                         seal.Text(in.agenda),
                                         seal.Texts(in.decisions),
                                         seal.Texts(in.follow_ups)};
        if (seal.error()) return Fail(*seal.error());
        store::NewEvent e = store::MakeEvent(m);
        auto answer = AppendRecorded(c, k, {e}, e.payload, p, now);
        if (!answer) return Fail(answer.error());
        return WriteReply{201, std::move(*answer)};
      });
}

Result<json::value> CaseWorkService::ListMeetings(const Principal& p, const std::string& case_id) {
  return ReadVisibleCase(
      db_, vault_, access_log_, p, case_id, "meetings",
      [&](store::SqlConn& c, const store::CaseRecord&) -> json::value {
        return json::object{{"items", RowsJson(store::ListMeetings(c, case_id))}};
      });
}

Result<WriteReply> CaseWorkService::RecordMonitoring(const Principal& p, const std::string& case_id,
                                                     const MonitoringInput& in,
                                                     const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  return WriteOnOpenCase(db_, clock_, vault_, p, idem, case_id,
                         [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
                           if (auto s = ValidateMonitoring(in, PlanGoalIds(c, case_id), now); !s)
                             return Fail(s.error());
                           Sealer seal(c, vault_, k);
                           store::events::MonitoringRecorded m{
                               security::RandomUuid(),         in.date, in.method,
                               seal.Text(in.client_condition), {},      in.next_date,
                               seal.OptText(in.notes)};
                           for (const auto& g : in.progress)
                             m.progress.push_back({g.goal_id, g.status, seal.OptText(g.note)});
                           if (seal.error()) return Fail(*seal.error());
                           store::NewEvent e = store::MakeEvent(m);
                           auto answer = AppendRecorded(c, k, {e}, e.payload, p, now);
                           if (!answer) return Fail(answer.error());
                           return WriteReply{201, std::move(*answer)};
                         });
}

Result<json::value> CaseWorkService::ListMonitoring(const Principal& p,
                                                    const std::string& case_id) {
  return ReadVisibleCase(
      db_, vault_, access_log_, p, case_id, "monitoring",
      [&](store::SqlConn& c, const store::CaseRecord&) -> json::value {
        return json::object{{"items", RowsJson(store::ListMonitoringNotes(c, case_id))}};
      });
}

Result<WriteReply> CaseWorkService::Terminate(const Principal& p, const std::string& case_id,
                                              const TerminationInput& in,
                                              const json::object& given_values,
                                              const std::optional<std::string>& form_document_id,
                                              const forms::Form* form,
                                              const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  // The form filed in the SOP's termination step, so it is not typed twice.
  json::object form_values = given_values;
  if (form_document_id) {
    auto filed = FiledTerminationForm(db_, vault_, p, case_id, *form_document_id);
    if (!filed) return Fail(filed.error());
    form_values = std::move(*filed);
  }
  if (auto s = ValidateTerminationRequest(in, form_values, form, now); !s) return Fail(s.error());
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        if (auto s = CheckMayTerminate(c, vault_, p, k, case_id, *form, form_values, now); !s)
          return Fail(s.error());
        auto conference = CheckConference(c, sops_, p, k, case_id, in);
        if (!conference) return Fail(conference.error());
        auto sealed = SealTermination(c, vault_, k, *form, form_values, in);
        if (!sealed) return Fail(sealed.error());
        std::vector<store::NewEvent> events;
        store::events::CaseTerminated t{security::RandomUuid(),
                                        in.kind,
                                        in.reason,
                                        "terminasi",
                                        std::move(sealed->values),
                                        form_document_id,
                                        AsText(sealed->summary),
                                        EndOpenWork(c, case_id, events),
                                        conference->required,
                                        std::nullopt,
                                        std::nullopt};
        if (conference->required) {
          // The meeting, or null when waived.
          if (conference->conference.is_string())
            t.case_conference = std::string(conference->conference.as_string());
          if (!sealed->waiver.is_null()) t.conference_waiver = AsText(sealed->waiver);
        }
        events.push_back(store::MakeEvent(t));
        json::object payload = events.back().payload;
        payload["case_status"] = "closed";  // in the answer only: the event holds a copy
        auto answer = AppendRecorded(c, k, events, payload, p, now, true);
        if (!answer) return Fail(answer.error());
        return WriteReply{201, std::move(*answer)};
      });
}

Result<WriteReply> CaseWorkService::Reopen(const Principal& p, const std::string& case_id,
                                           const std::string& reason,
                                           const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto k = store::FindCase(c, case_id);
        if (!k || !CaseVisibleTo(c, p, *k)) return Fail(CaseNotFound());
        if (auto s = CheckCaseWorkLead(p.HasRoleIn(k->unit_id, "case_manager"),
                                       p.IsSupervisorIn(k->unit_id));
            !s)
          return Fail(s.error());
        if (auto s = CheckReopen(k->status, reason); !s) return Fail(s.error());
        auto sealed = SealForCase(c, vault_, *k, reason);
        if (!sealed) return Fail(sealed.error());
        auto terminations = store::ListTerminations(c, case_id);
        store::events::CaseReopened reopened{
            *sealed, "in_progress",
            terminations.empty() ? std::nullopt
                                 : std::optional<std::string>(terminations.back().id)};
        store::NewEvent e = store::MakeEvent(reopened);
        json::object answer = e.payload;
        answer["case_status"] = "in_progress";
        auto recorded = AppendRecorded(c, *k, {e}, std::move(answer), p, now, true);
        if (!recorded) return Fail(recorded.error());
        return WriteReply{200, std::move(*recorded)};
      });
}

}  // namespace lindungi
