#include "service/task_service.h"
#include "service/case_access.h"
#include "service/case_record_service.h"
#include "service/clients.h"
#include "service/json_values.h"
#include "service/sealing.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/intake.h"
#include "core/roles.h"
#include "core/text.h"
#include "core/time_zone.h"
#include "core/triage.h"
#include "forms/submission.h"
#include "security/random.h"
#include "sop/deadline.h"
#include "sop/engine.h"
#include "store/case_store.h"
#include "store/case_work_store.h"
#include "store/document_store.h"
#include "store/event_log.h"
#include "store/events/case_work_events.h"
#include "store/events/document_events.h"
#include "store/events/sop_events.h"
#include "store/task_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace lindungi {
namespace json = boost::json;
namespace {

constexpr std::string_view kRiskLevels[] = {"low", "medium", "high"};
// Started SOPs may start others (hand-over chains); a pack's chain is far shorter.
constexpr int kMaxStartDepth = 8;

Error TaskNotFound() {
  return MakeError(ErrorKind::kNotFound, "task_not_found", "Tugas tidak ditemukan.",
                   "Task not found.");
}

Error Bad(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

template <std::size_t N>
bool In(std::string_view v, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

// --- the engine's instance state as JSON (stored on SopStarted / TaskCompleted / SopEnded)

json::object StateJson(const sop::InstanceState& s) {
  json::array open;
  for (const auto& o : s.open) open.emplace_back(o);
  json::object arrivals, expected;
  for (const auto& [k, v] : s.arrivals) arrivals[k] = v;
  for (const auto& [k, v] : s.expected) expected[k] = v;
  return json::object{{"open", std::move(open)},
                      {"arrivals", std::move(arrivals)},
                      {"expected", std::move(expected)},
                      {"ended", s.ended},
                      {"end_reason", s.end_reason}};
}

sop::InstanceState StateFromJson(const std::string& text) {
  sop::InstanceState s;
  json::object o = json::parse(text).as_object();
  for (const auto& v : o.at("open").as_array()) s.open.emplace_back(v.as_string());
  for (const auto& [k, v] : o.at("arrivals").as_object())
    s.arrivals[std::string(k)] = int(v.as_int64());
  for (const auto& [k, v] : o.at("expected").as_object())
    s.expected[std::string(k)] = int(v.as_int64());
  s.ended = o.at("ended").as_bool();
  s.end_reason = std::string(o.at("end_reason").as_string());
  return s;
}

// --- case facts: what the intake says, plus what was recorded since (case_facts)

// Each client of the case counts (a mother and her child: both `woman` and `child` hold),
// by the age recorded for them (the birth date is sealed; its age is kept beside it).
sop::CaseFacts FactsOf(const store::CaseRecord& k, const std::vector<store::CaseFactRow>& rows,
                       const std::vector<store::PersonRecord>& people) {
  sop::CaseFacts f;
  for (const auto& person : people) {
    if (person.role != "client") continue;
    json::value parsed = json::parse(person.data);
    const json::object& c = parsed.as_object();
    std::optional<int> age;
    if (auto* a = c.if_contains("age_years"); a && a->is_int64()) age = int(a->as_int64());
    bool child = IsChild(age);
    if (child) f.facts.insert("child");
    if (auto* s = c.if_contains("sex"); s && s->is_string() && s->as_string() == "female" && !child)
      f.facts.insert("woman");
    if (auto* d = c.if_contains("disability"); d && d->is_bool() && d->as_bool())
      f.facts.insert("disability");
  }
  if (k.crisis) f.facts.insert("crisis");
  for (const auto& r : rows) {
    if (r.kind == "fact") {
      f.facts.insert(r.name);
    } else if (r.kind == "value") {
      sop::RecordValue(r.name, r.value, f);
    } else if (r.kind == "consent") {
      f.consents.insert(r.name);
    } else if (r.kind == "document") {
      f.documents.insert(r.name);
    }
  }
  return f;
}

void Apply(const CaseFactsUpdate& u, sop::CaseFacts& f) {
  for (const auto& [k, v] : u.flags) {
    if (v)
      f.facts.insert(k);
    else
      f.facts.erase(k);
  }
  for (const auto& [k, v] : u.values) sop::RecordValue(k, v, f);
  for (const auto& c : u.consents) f.consents.insert(c);
  for (const auto& d : u.documents) f.documents.insert(d);
}

Status ValidateUpdate(const CaseFactsUpdate& u, const sop::Pack* pack) {
  for (const auto& [k, v] : u.flags) {
    if (!In(k, sop::kCaseFacts)) {
      return Fail(Bad("unknown_fact", fmt::format("Fakta kasus tidak dikenal: {}.", EchoSafe(k)),
                      fmt::format("Unknown case fact: {}.", EchoSafe(k)), "facts"));
    }
  }
  auto proceedings_ok = [](std::string_view v) {
    while (true) {
      auto comma = v.find(',');
      if (!In(v.substr(0, comma), sop::kLegalProceedings)) return false;
      if (comma == std::string_view::npos) return true;
      v = v.substr(comma + 1);
    }
  };
  for (const auto& [k, v] : u.values) {
    if (!In(k, sop::kFactRequirements) || v.empty() || v.size() > 64 ||
        (k == "risk_level" && !In(v, kRiskLevels)) ||
        (k == "legal_proceeding" && !proceedings_ok(v))) {
      return Fail(Bad("invalid_fact",
                      fmt::format("Nilai {} tidak sah (risk_level: low, medium, high; "
                                  "legal_proceeding: police_examination, court, diversion, "
                                  "dipisah koma; case_type, jurisdiction: teks 1–64).",
                                  EchoSafe(k)),
                      fmt::format("Invalid value for {} (risk_level: low, medium, high; "
                                  "legal_proceeding: police_examination, court, diversion, "
                                  "comma-separated; case_type, jurisdiction: text of 1-64).",
                                  EchoSafe(k)),
                      "facts"));
    }
  }
  for (const auto& c : u.consents) {
    if (!In(c, sop::kConsentScopes)) {
      return Fail(Bad("unknown_consent",
                      fmt::format("Lingkup persetujuan tidak dikenal: {}.", EchoSafe(c)),
                      fmt::format("Unknown consent scope: {}.", EchoSafe(c)), "consents"));
    }
  }
  for (const auto& d : u.documents) {
    if (!pack || !pack->documents.contains(d)) {
      return Fail(Bad("unknown_document",
                      fmt::format("Jenis dokumen tidak dikenal: {}.", EchoSafe(d)),
                      fmt::format("Unknown document kind: {}.", EchoSafe(d)), "documents"));
    }
  }
  return {};
}

store::events::CaseFactsRecorded FactsRecorded(const CaseFactsUpdate& u) {
  store::events::CaseFactsRecorded r{{}, u.consents, u.documents};
  for (const auto& [k, v] : u.flags) r.facts[k] = v;
  for (const auto& [k, v] : u.values) r.facts[k] = v;
  return r;
}

const sop::Step* FindStep(const sop::Sop& s, const std::string& id) {
  for (const auto& st : s.steps)
    if (st.id == id) return &st;
  return nullptr;
}

std::string TaskRole(const sop::Step& s) {
  return s.recorded_by.empty() ? s.actor : s.recorded_by;
}

json::object TaskJson(const store::TaskRecord& t, const SopCatalog& sops, const std::string& now) {
  json::object o{
      {"id", t.id},
      {"case_id", t.case_id},
      {"case_number", t.case_number},
      {"unit_id", t.unit_id},
      {"instance_id", t.instance_id},
      {"sop_id", t.sop_id},
      {"step_id", t.step_id},
      {"role", t.role},
      {"assignee", TextOrNull(t.assignee)},
      {"status", t.status},
      {"opened_at", t.opened_at},
      {"due_at", TextOrNull(t.due_at)},
      {"overdue", t.status == "open" && !t.due_at.empty() && t.due_at < now},
      {"calendar_incomplete", t.calendar_incomplete},
      {"completed_at", TextOrNull(t.completed_at)},
      {"completed_by", TextOrNull(t.completed_by)},
      {"outcome", TextOrNull(t.outcome)},
      {"note", TextOrNull(t.note)},
      {"documents", t.documents.empty() ? json::value(json::array()) : json::parse(t.documents)},
      {"waiver", t.waiver.empty() ? json::value(nullptr) : json::parse(t.waiver)}};
  if (t.sop_id == kReferralFollowUpSop) {
    o["activity"] =
        "Rujukan ditolak mitra: tinjau alasannya dan tentukan rujukan atau layanan lain.";
    o["activity_en"] =
        "A partner rejected the referral: review why and decide another referral "
        "or service.";
  }
  if (t.sop_id == kReferralFollowUpSop && t.step_id == "transfer-rejected") {
    o["activity"] =
        "Penyerahan kasus ditolak unit penerima: tinjau alasannya dan tentukan tindak lanjut.";
    o["activity_en"] =
        "The receiving unit rejected the transfer: review why and decide how the case goes on.";
  }
  if (const sop::Sop* s = sops.Find(t.sop_id)) {
    o["sop_title"] = s->title;
    if (const sop::Step* st = FindStep(*s, t.step_id)) {
      o["step_no"] = st->no;
      o["activity"] = st->activity;
      o["standard_time"] = st->standard_time_text;
      o["requires"] = Strings(st->requires_);
      o["produces"] = Strings(st->produces);
      json::array outcomes;
      for (const auto& oc : st->decision) {
        json::object o{{"outcome", oc.id}, {"label", oc.label}};
        if (!oc.triage.empty()) o["triage"] = oc.triage;
        if (oc.has_produces) o["produces"] = Strings(oc.produces);
        if (!oc.approves.empty()) o["approves"] = oc.approves;
        outcomes.push_back(std::move(o));
      }
      o["outcomes"] = std::move(outcomes);
      // The names of the document kinds it asks for and files, and the forms that fill them,
      // so a checklist can say "KTP" and offer the form.
      json::object kinds;
      if (const sop::Pack* pack = sops.FindPack(t.sop_id.substr(0, t.sop_id.find('/')))) {
        for (const auto* list : {&st->requires_, &st->produces}) {
          for (const auto& id : *list) {
            auto it = pack->documents.find(id);
            if (it == pack->documents.end()) continue;
            kinds[id] =
                json::object{{"name", it->second.name}, {"forms", Strings(it->second.forms)}};
          }
        }
      }
      o["document_kinds"] = std::move(kinds);
    }
  }
  return o;
}

// One write on a case: loads what the engine needs, collects the events of every effect,
// and appends them to the case stream at the version it read.
class CaseWrite {
 public:
  CaseWrite(store::SqlConn& c, const SopCatalog& sops, const store::CaseRecord& k,
            const store::UnitRecord& unit, Instant now)
      : c_(c), sops_(sops), case_(k), unit_(unit), now_(now), at_(FormatInstant(now)) {
    offset_ = UtcOffsetOrWib(unit.time_zone);
    facts_ = FactsOf(k, store::ListCaseFacts(c, k.id), store::ListCasePeople(c, k.id));
    auto instances = store::ListInstances(c, k.id);
    first_sop_ = instances.empty();
    for (const auto& i : instances)
      if (i.status == "running") running_.insert(i.sop_id);
  }

  // The case's first SOP, started by staff (not a transfer's): its first step's clock runs
  // from when the complaint was received, not from when the SOP was started.
  void ClockFromReceived() { clock_from_received_ = first_sop_; }

  sop::CaseFacts& facts() { return facts_; }
  std::vector<store::NewEvent>& events() { return events_; }

  void Record(const CaseFactsUpdate& u) {
    if (u.empty()) return;
    Apply(u, facts_);
    events_.push_back(store::MakeEvent(FactsRecorded(u)));
  }

  bool Running(const std::string& sop_id) const { return running_.contains(sop_id); }

  // Starts an SOP and everything its first steps start. kNotFound for an unknown SOP.
  Status Start(const std::string& sop_id, const std::string& parent_id, int depth) {
    const sop::Sop* s = sops_.Find(sop_id);
    if (!s) {
      return Fail(MakeError(ErrorKind::kNotFound, "sop_not_found", "SOP tidak ditemukan.",
                            "No such SOP.", "sop"));
    }
    std::string instance_id = security::RandomUuid();
    sop::InstanceState state;
    auto fx = sop::StartInstance(*s, facts_, state);
    if (!fx) return Fail(fx.error());
    store::events::SopStarted started{instance_id, sop_id, StateJson(state), std::nullopt};
    if (!parent_id.empty()) started.parent_id = parent_id;
    events_.push_back(store::MakeEvent(started));
    running_.insert(sop_id);
    Instant from = now_;
    if (clock_from_received_ && parent_id.empty() && depth == 0) {
      clock_from_received_ = false;
      if (auto received = ParseInstant(case_.received_at); received && *received < now_)
        from = *received;
    }
    return ApplyEffects(*s, instance_id, state, *fx, depth, from);
  }

  // Stores an engine's effects for `instance_id`: tasks opened (with deadlines), steps
  // skipped, tasks closed and the end, then the SOPs it starts.
  Status ApplyEffects(const sop::Sop& s, const std::string& instance_id,
                      const sop::InstanceState& state, const sop::Effects& fx, int depth,
                      std::optional<Instant> clock_from = std::nullopt) {
    Instant from = clock_from.value_or(now_);
    const sop::Calendar& cal = sops_.CalendarOf(unit_.sop_pack);
    for (const auto& step_id : fx.opened) {
      const sop::Step* step = FindStep(s, step_id);
      std::string task_id = security::RandomUuid();
      store::events::TaskOpened o{task_id,         instance_id,  s.id,  step_id,     case_.unit_id,
                                  TaskRole(*step), std::nullopt, false, std::nullopt};
      if (step->standard_time) {
        if (auto due = sop::DueAt(from, *step->standard_time, cal, offset_)) {
          o.due_at = FormatInstant(due->due);
          o.calendar_incomplete = due->calendar_incomplete;
        }
      }
      if (from != now_) o.clock_from = FormatInstant(from);
      open_tasks_[instance_id + "/" + step_id] = task_id;
      events_.push_back(store::MakeEvent(o));
    }
    for (const auto& step_id : fx.skipped)
      events_.push_back(store::MakeEvent(store::events::StepSkipped{instance_id, step_id}));
    for (const auto& step_id : fx.closed) {
      auto it = open_tasks_.find(instance_id + "/" + step_id);
      if (it != open_tasks_.end())
        events_.push_back(store::MakeEvent(store::events::TaskClosed{it->second, "sop_ended"}));
    }
    if (fx.ended) {
      events_.push_back(
          store::MakeEvent(store::events::SopEnded{instance_id, *fx.ended, StateJson(state)}));
      running_.erase(s.id);
    }
    for (const auto& other : fx.started) {
      // An SOP that already runs on the case goes on; it is not started twice.
      if (running_.contains(other) || depth >= kMaxStartDepth) continue;
      if (auto st = Start(other, instance_id, depth + 1); !st) return st;
    }
    return {};
  }

  // Remembers the open tasks of an instance (for closing them if it ends).
  void LoadOpenTasks(const std::string& instance_id) {
    for (const auto& t : store::ListCaseTasks(c_, case_.id))
      if (t.instance_id == instance_id && t.status == "open")
        open_tasks_[instance_id + "/" + t.step_id] = t.id;
  }

  Result<store::AppendResult> Append(const std::string& actor) {
    return store::AppendEvents(c_, store::CaseStream(case_.id),
                               store::ExpectedVersion::Exactly(case_.version), events_, actor, at_);
  }

 private:
  store::SqlConn& c_;
  const SopCatalog& sops_;
  const store::CaseRecord& case_;
  const store::UnitRecord& unit_;
  Instant now_;
  std::string at_;
  std::chrono::minutes offset_{0};
  sop::CaseFacts facts_;
  std::set<std::string> running_;
  bool first_sop_ = false, clock_from_received_ = false;
  std::map<std::string, std::string> open_tasks_;  // "<instance>/<step>" -> task id
  std::vector<store::NewEvent> events_;
};

// The task and its case, if `p` may see them.
struct TaskContext {
  store::TaskRecord task;
  store::CaseRecord kase;
  store::UnitRecord unit;
};

Result<TaskContext> LoadTask(store::SqlConn& c, const Principal& p, const std::string& task_id) {
  auto t = store::FindTask(c, task_id);
  if (!t) return Fail(TaskNotFound());
  auto k = store::FindCase(c, t->case_id);
  if (!k || !CaseVisibleTo(c, p, *k)) return Fail(TaskNotFound());
  auto u = store::FindUnit(c, k->unit_id);
  if (!u) return Fail(TaskNotFound());
  return TaskContext{std::move(*t), std::move(*k), std::move(*u)};
}

Error TaskNotOpen() {
  return MakeError(ErrorKind::kConflict, "task_not_open", "Tugas ini sudah selesai atau ditutup.",
                   "This task is already completed or closed.");
}

// What the task's step still lacks on its case, today in the unit's zone.
std::vector<std::string> MissingFor(const SopCatalog& sops, const TaskContext& ctx,
                                    const std::vector<store::CaseFactRow>& rows,
                                    const std::vector<store::PersonRecord>& people) {
  const sop::Sop* s = sops.Find(ctx.task.sop_id);
  const sop::Step* st = s ? FindStep(*s, ctx.task.step_id) : nullptr;
  if (!st) return {};
  return sop::MissingRequirements(*st, FactsOf(ctx.kase, rows, people));
}

bool MayWork(const Principal& p, const store::TaskRecord& t) {
  return p.HasRoleIn(t.unit_id, t.role) || (!t.assignee.empty() && t.assignee == p.user_id) ||
         p.IsSupervisorIn(t.unit_id);
}

// A write on one open task the caller can see: loads it with its case and unit, refuses a
// completed or closed one, then runs `fn` in the same transaction.
Result<WriteReply> WriteOnOpenTask(
    store::Database& db, const Clock& clock, const Vault& vault, const Principal& p,
    const std::string& task_id, const std::optional<Idempotency>& idem,
    const std::function<Result<WriteReply>(store::SqlConn&, const TaskContext&)>& fn) {
  return WriteIdempotent(db, clock, vault, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
    auto ctx = LoadTask(c, p, task_id);
    if (!ctx) return Fail(ctx.error());
    if (ctx->task.status != "open") return Fail(TaskNotOpen());
    return fn(c, *ctx);
  });
}

Error NotYourTask() {
  return MakeError(ErrorKind::kPermissionDenied, "not_your_task",
                   "Tugas ini untuk peran lain; minta penugasan dari atasan.",
                   "This task belongs to another role; ask a supervisor to assign it.");
}

// A task no SOP step opened (a rejected referral back with the case manager): completing it
// records who dealt with it and how; nothing else opens.
Result<WriteReply> CompleteFollowUp(store::SqlConn& c, const Vault& vault, const SopCatalog& sops,
                                    const TaskContext& ctx, const CompleteTaskRequest& r,
                                    const std::string& actor, Instant now) {
  std::optional<std::string> note;
  if (!r.note.empty()) {
    auto sealed = SealForCase(c, vault, ctx.kase, r.note);
    if (!sealed) return Fail(sealed.error());
    note = *sealed;
  }
  store::events::TaskCompleted done{ctx.task.id,  ctx.task.instance_id, ctx.task.step_id,
                                    std::nullopt, std::move(note),      {},
                                    false,        json::object(),       std::nullopt};
  auto a = store::AppendEvents(c, store::CaseStream(ctx.kase.id),
                               store::ExpectedVersion::Exactly(ctx.kase.version),
                               {store::MakeEvent(done)}, actor, FormatInstant(now));
  if (!a) return Fail(a.error());
  return WriteReply{
      200,
      json::object{{"task", TaskJson(*store::FindTask(c, ctx.task.id), sops, FormatInstant(now))},
                   {"case_version", a->version},
                   {"open_tasks", json::array()}}};
}

// The payload of DecisionOverridden: outcome `r.outcome` of task `task_id` taken although
// the case's recorded facts contradict `against`; kFailedPrecondition
// "override_reason_required" (naming them) without a reason of 5-2000 characters.
Result<store::events::DecisionOverridden> DecisionOverride(
    store::SqlConn& c, const Vault& vault, const store::CaseRecord& k, const std::string& task_id,
    const CompleteTaskRequest& r, const std::vector<std::string>& against) {
  if (r.override_reason.size() < 5 || r.override_reason.size() > 2000) {
    std::string list;
    for (const auto& a : against) list += (list.empty() ? "" : ", ") + a;
    return Fail(MakeError(
        ErrorKind::kFailedPrecondition, "override_reason_required",
        fmt::format("Keputusan {} bertentangan dengan fakta kasus yang tercatat ({}); sebutkan "
                    "alasannya (override_reason, 5–2000 karakter).",
                    EchoSafe(r.outcome), list),
        fmt::format("Outcome {} contradicts the case's recorded facts ({}); give the reason "
                    "(override_reason, 5-2000 characters).",
                    EchoSafe(r.outcome), list),
        "override_reason"));
  }
  auto sealed = SealForCase(c, vault, k, r.override_reason);
  if (!sealed) return Fail(sealed.error());
  return store::events::DecisionOverridden{task_id, r.outcome, against, *sealed};
}

// The payload of DocumentApproved: outcome `outcome` of step `step` approves the latest filed
// form of document kind `kind` on case `k` (docs/sop-format.md `approves`). What was approved
// is copied from the document as it stands: its coded values in clear, its identifying ones
// still sealed (erasing the person makes them unreadable here too), and the totals of its
// tables' `total: true` columns. kFailedPrecondition "approval_document_missing" while no such
// form is filed.
Result<store::events::DocumentApproved> ApprovalPayload(
    store::SqlConn& c, const forms::FormSet& forms, const sop::Pack* pack,
    const store::CaseRecord& k, const store::TaskRecord& t, const std::string& outcome,
    const std::string& kind) {
  std::string form_id;
  if (pack)
    if (auto it = pack->documents.find(kind);
        it != pack->documents.end() && it->second.forms.size() == 1)
      form_id = it->second.forms[0];
  std::optional<store::DocumentRecord> latest;
  for (auto& d : store::ListCaseDocuments(c, k.id)) {  // in filing order
    if (d.source != "form" || d.form_id != form_id) continue;
    json::value kinds = json::parse(d.kinds);
    bool counts = false;
    if (kinds.is_array())
      for (const auto& x : kinds.as_array())
        counts = counts || (x.is_string() && x.as_string() == kind);
    if (counts) latest = std::move(d);
  }
  const forms::Form* form = forms.Find(form_id);
  if (!latest || !form) {
    return Fail(MakeError(
        ErrorKind::kFailedPrecondition, "approval_document_missing",
        fmt::format("Keputusan {} menyetujui {}, tetapi formulir {} belum diisi pada kasus ini: "
                    "isi dahulu formulirnya.",
                    EchoSafe(outcome), kind, form_id),
        fmt::format("Outcome {} approves {}, but no {} form is filed on this case yet: fill the "
                    "form first.",
                    EchoSafe(outcome), kind, form_id),
        "outcome"));
  }
  json::object data = json::parse(latest->data).as_object();
  json::object values = data.contains("values") && data.at("values").is_object()
                            ? data.at("values").as_object()
                            : json::object();
  json::object totals;
  for (const auto& [key, sum] : forms::TableTotals(*form, values)) {
    if (std::floor(sum) == sum && std::abs(sum) < 9.0e15)
      totals[key] = std::int64_t(sum);
    else
      totals[key] = sum;
  }
  std::optional<std::string> sensitive;
  if (auto* s = data.if_contains("sensitive"); s && s->is_string())
    sensitive = std::string(s->as_string());
  return store::events::DocumentApproved{
      t.id,
      t.step_id,
      outcome,
      kind,
      latest->id,
      form_id,
      latest->version,
      latest->person_id.empty() ? std::nullopt : std::optional<std::string>(latest->person_id),
      std::move(values),
      std::move(sensitive),
      std::move(totals)};
}

// How the reporter was told, for an outcome that closes the case (`closes`): required there
// (kFailedPrecondition "reporter_informed_required"), refused elsewhere; `by` a user of the
// unit (default `actor`).
Result<store::events::ReporterInformed> ReporterInformedPayload(
    store::SqlConn& c, const CompleteTaskRequest& r, bool closes, const store::TaskRecord& t,
    Instant now, const std::string& actor) {
  if (!closes) {
    if (!r.informed) return store::events::ReporterInformed{};
    return Fail(Bad("informed_not_expected",
                    "Kolom informed hanya untuk keputusan yang menutup kasus (tidak dapat "
                    "ditindaklanjuti).",
                    "Field informed is only for an outcome that closes the case (cannot be "
                    "followed up).",
                    "informed"));
  }
  if (!r.informed) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "reporter_informed_required",
                          "Keputusan ini menutup kasus: catat bagaimana, kapan dan oleh siapa "
                          "pelapor diberi tahu (informed: method, at, by).",
                          "This outcome closes the case: record how, when and by whom the "
                          "reporter was told (informed: method, at, by).",
                          "informed"));
  }
  if (auto s = ValidateReporterInformed(*r.informed, now); !s) return Fail(s.error());
  std::string by = r.informed->by.value_or(actor);
  if (by != actor) {
    auto u = store::FindUser(c, by);
    bool staff = u && std::any_of(u->roles.begin(), u->roles.end(), [&](const UnitRole& x) {
                   return x.unit_id == t.unit_id && IsStaffRole(x.role);
                 });
    if (!staff) {
      return Fail(Bad("not_unit_staff", "Pengguna itu bukan petugas unit kasus ini.",
                      "That user is not staff of this case's unit.", "informed.by"));
    }
  }
  std::string at = r.informed->at;
  if (auto i = ParseInstant(at)) at = FormatInstant(*i);
  return store::events::ReporterInformed{t.id, r.informed->method, at, by};
}

// An SOP end that closes the matter closes the case (docs/case-work.md "Closing without
// termination"): ReporterInformed, the case's other open tasks closed and running SOPs
// ended, then CaseClosed with the reason — reopenable like a termination.
void CloseCase(store::SqlConn& c, const std::string& case_id, const store::TaskRecord& done,
               const std::string& reason, const store::events::ReporterInformed& informed,
               std::vector<store::NewEvent>& events) {
  events.push_back(store::MakeEvent(informed));
  std::set<std::string> closed{done.id}, ended{done.instance_id};
  std::vector<std::string> open;
  for (const auto& e : events) {
    if (e.type == store::events::TaskClosed::kType)
      closed.insert(store::events::TaskClosed::From(e.payload).task_id);
    if (e.type == store::events::SopEnded::kType)
      ended.insert(store::events::SopEnded::From(e.payload).instance_id);
    if (e.type == store::events::TaskOpened::kType)
      open.push_back(store::events::TaskOpened::From(e.payload).task_id);
  }
  for (const auto& id : store::OpenTaskIds(c, case_id)) open.push_back(id);
  std::vector<std::string> closed_tasks;
  for (const auto& id : open) {
    if (!closed.insert(id).second) continue;
    events.push_back(store::MakeEvent(store::events::TaskClosed{id, "case_closed"}));
    closed_tasks.push_back(id);
  }
  for (const auto& inst : store::ListInstances(c, case_id)) {
    if (inst.status != "running" || ended.contains(inst.id)) continue;
    events.push_back(store::MakeEvent(
        store::events::SopEnded{inst.id, "case_closed", json::parse(inst.state).as_object()}));
  }
  events.push_back(store::MakeEvent(store::events::CaseClosed{
      security::RandomUuid(), "sop_end", reason, done.sop_id, done.instance_id, done.id,
      informed.by, informed.method, informed.at, std::move(closed_tasks)}));
}

// The document kinds and consents the step's outputs for `outcome` put on the case.
CaseFactsUpdate ProducedBy(const sop::Step& step, const std::string& outcome,
                           const sop::CaseFacts& facts) {
  CaseFactsUpdate produced;
  for (const auto& item : sop::Outputs(step, outcome, facts)) {
    std::string_view v = item;
    if (v.starts_with("consent:"))
      produced.consents.push_back(item.substr(8));
    else if (!v.starts_with("fact:"))
      produced.documents.push_back(item);
  }
  return produced;
}

// Adds the outcome's TriageDecided, DecisionOverridden and DocumentApproved events to `w`.
Status AddDecisionEvents(store::SqlConn& c, const Vault& vault, const SopCatalog& sops,
                         const forms::FormSet& forms, const TaskContext& ctx, const sop::Step& step,
                         const CompleteTaskRequest& r, CaseWrite& w) {
  const auto& t = ctx.task;
  // A triage outcome carries out a decision: confirmed when it is the recommendation,
  // else an override that needs its reason (TriageDecided, before the completion).
  for (const auto& oc : step.decision) {
    if (oc.id != r.outcome || oc.triage.empty() || oc.triage == DecidedTriage(ctx.kase)) continue;
    auto decided = TriageDecision(c, vault, ctx.kase, oc.triage, r.override_reason);
    if (!decided) return Fail(decided.error());
    decided->task_id = t.id;
    w.events().push_back(store::MakeEvent(*decided));
  }
  // An outcome that says what the recorded facts deny (its `asserts`) is taken only with
  // a reason, recorded as an override (DecisionOverridden, before the completion).
  for (const auto& oc : step.decision) {
    if (oc.id != r.outcome) continue;
    auto against = sop::Contradictions(oc, w.facts());
    if (against.empty()) continue;
    auto overridden = DecisionOverride(c, vault, ctx.kase, t.id, r, against);
    if (!overridden) return Fail(overridden.error());
    w.events().push_back(store::MakeEvent(*overridden));
  }
  // An outcome that approves a filed form records what was approved (DocumentApproved).
  for (const auto& oc : step.decision) {
    if (oc.id != r.outcome || oc.approves.empty()) continue;
    auto approved = ApprovalPayload(c, forms, sops.FindPack(ctx.unit.sop_pack), ctx.kase, t, oc.id,
                                    oc.approves);
    if (!approved) return Fail(approved.error());
    w.events().push_back(store::MakeEvent(*approved));
  }
  return {};
}

// Adds how long the task took ("duration", in the step's own time unit) to `done`.
void AddDuration(store::events::TaskCompleted& done, const SopCatalog& sops, const TaskContext& ctx,
                 const sop::Step& step, Instant now) {
  const auto& t = ctx.task;
  // How long it took, in the step's own unit (compliance reports, docs/reports.md),
  // from where its deadline counts: for an SOP's first step, when the complaint
  // arrived (clock_from), else when the task opened.
  if (auto opened = ParseInstant(t.clock_from.empty() ? t.opened_at : t.clock_from)) {
    sop::TimeUnit unit = step.standard_time ? step.standard_time->unit : sop::TimeUnit::kNone;
    if (unit == sop::TimeUnit::kNone) unit = sop::TimeUnit::kHours;
    double elapsed = sop::Elapsed(*opened, now, unit, sops.CalendarOf(ctx.unit.sop_pack),
                                  UtcOffsetOrWib(ctx.unit.time_zone));
    // To a millionth of the unit: a double of six decimals is read back from the event's
    // JSON text exactly, so a rebuild projects the same value as the live append did (Boost
    // JSON 1.81 may read a 17-digit double back one bit off).
    done.duration = store::events::TaskDuration{std::round(elapsed * 1e6) / 1e6,
                                                std::string(sop::TimeUnitName(unit))};
  }
}

// The TaskCompleted payload: outcome, sealed note, documents, waived, state and duration.
Result<store::events::TaskCompleted> CompletedPayload(
    store::SqlConn& c, const Vault& vault, const SopCatalog& sops, const TaskContext& ctx,
    const sop::Step& step, const CompleteTaskRequest& r, const CaseFactsUpdate& produced,
    bool waived, const sop::InstanceState& state, Instant now) {
  const auto& t = ctx.task;
  std::vector<std::string> documents = r.record.documents;
  for (const auto& d : produced.documents)
    if (std::find(r.record.documents.begin(), r.record.documents.end(), d) ==
        r.record.documents.end())
      documents.push_back(d);
  std::optional<std::string> note;
  if (!r.note.empty()) {
    auto sealed = SealForCase(c, vault, ctx.kase, r.note);
    if (!sealed) return Fail(sealed.error());
    note = *sealed;
  }
  store::events::TaskCompleted done{
      t.id,
      t.instance_id,
      t.step_id,
      r.outcome.empty() ? std::nullopt : std::optional<std::string>(r.outcome),
      std::move(note),
      std::move(documents),
      waived,
      StateJson(state),
      std::nullopt};
  AddDuration(done, sops, ctx, step, now);
  return done;
}

// The answer to a completion: the task, case version, open tasks, SOP end and case status.
json::object CompletionAnswer(store::SqlConn& c, const SopCatalog& sops, const std::string& task_id,
                              const std::string& case_id, Instant now, std::int64_t case_version,
                              const std::optional<std::string>& ended, bool closes) {
  std::string now_text = FormatInstant(now);
  json::array opened;
  for (const auto& x : store::ListCaseTasks(c, case_id))
    if (x.status == "open") opened.push_back(TaskJson(x, sops, now_text));
  auto after = store::FindTask(c, task_id);
  json::object out{{"task", TaskJson(*after, sops, now_text)},
                   {"case_version", case_version},
                   {"open_tasks", std::move(opened)}};
  if (ended) out["sop_ended"] = *ended;
  if (closes) out["case_status"] = "closed";
  return out;
}

}  // namespace

store::NewEvent FollowUpTaskOpened(const std::string& instance_id, const std::string& step_id,
                                   const std::string& unit_id) {
  return store::MakeEvent(store::events::TaskOpened{
      security::RandomUuid(), instance_id, std::string(kReferralFollowUpSop), step_id, unit_id,
      "case_manager", std::nullopt, false, std::nullopt});
}

Status StartSopEvents(store::SqlConn& c, const SopCatalog& sops, const store::CaseRecord& k,
                      const store::UnitRecord& unit, const std::string& sop_id, Instant now,
                      std::vector<store::NewEvent>& events) {
  store::CaseRecord moved = k;
  moved.unit_id = unit.id;
  CaseWrite w(c, sops, moved, unit, now);
  if (auto st = w.Start(sop_id, "", 0); !st) return st;
  for (auto& e : w.events()) events.push_back(std::move(e));
  return {};
}

TaskService::TaskService(store::Database& db, const Clock& clock, const SopCatalog& sops,
                         AccessLog& access_log, const Vault& vault, const forms::FormSet& forms)
    : db_(db), clock_(clock), sops_(sops), access_log_(access_log), vault_(vault), forms_(forms) {}

Result<WriteReply> TaskService::StartSop(const Principal& p, const std::string& case_id,
                                         const StartSopRequest& r,
                                         const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        auto unit = store::FindUnit(c, k.unit_id);
        if (!unit) return Fail(CaseNotFound());
        const sop::Pack* pack = sops_.FindPack(unit->sop_pack);
        if (!pack) {
          return Fail(MakeError(ErrorKind::kFailedPrecondition, "unit_has_no_sop_pack",
                                "Unit ini belum memiliki paket SOP (lindungi unit set-pack).",
                                "This unit has no SOP pack yet (lindungi unit set-pack)."));
        }
        const sop::Sop* s = sops_.Find(r.sop_id);
        if (!s || !r.sop_id.starts_with(pack->unit.id + "/")) {
          return Fail(MakeError(ErrorKind::kNotFound, "sop_not_found",
                                fmt::format("SOP {} tidak ada di paket SOP unit ini ({}).",
                                            EchoSafe(r.sop_id), pack->unit.id),
                                fmt::format("SOP {} is not in this unit's SOP pack ({}).",
                                            EchoSafe(r.sop_id), pack->unit.id),
                                "sop"));
        }
        if (auto v = ValidateUpdate(r.record, pack); !v) return Fail(v.error());
        CaseWrite w(c, sops_, k, *unit, now);
        if (w.Running(r.sop_id)) {
          return Fail(MakeError(ErrorKind::kConflict, "sop_running",
                                "SOP ini sedang berjalan pada kasus ini.",
                                "This SOP is already running on this case.", "sop"));
        }
        w.Record(r.record);
        w.ClockFromReceived();
        if (auto st = w.Start(r.sop_id, "", 0); !st) return Fail(st.error());
        auto a = w.Append(p.user_id);
        if (!a) return Fail(a.error());
        std::string instance_id;
        for (const auto& e : a->events) {
          if (e.type == store::events::SopStarted::kType) {
            instance_id =
                store::events::SopStarted::From(json::parse(e.payload).as_object()).instance_id;
            break;
          }
        }
        json::array tasks;
        std::string now_text = FormatInstant(now);
        for (const auto& t : store::ListCaseTasks(c, case_id))
          if (t.status == "open") tasks.push_back(TaskJson(t, sops_, now_text));
        return WriteReply{201, json::object{{"instance_id", instance_id},
                                            {"sop_id", r.sop_id},
                                            {"case_version", a->version},
                                            {"open_tasks", std::move(tasks)}}};
      });
}

Result<json::value> TaskService::CaseSops(const Principal& p, const std::string& case_id) {
  std::optional<store::CaseRecord> k;
  std::vector<store::InstanceRecord> instances;
  std::vector<store::TaskRecord> tasks;
  std::vector<store::CaseFactRow> facts;
  bool visible = false;
  db_.Read([&](store::SqlConn& c) {
    k = store::FindCase(c, case_id);
    visible = k && CaseVisibleTo(c, p, *k);
    if (!visible) return;
    instances = store::ListInstances(c, case_id);
    tasks = store::ListCaseTasks(c, case_id);
    facts = store::ListCaseFacts(c, case_id);
  });
  if (!visible) return Fail(CaseNotFound());
  access_log_.Record(p, k->unit_id, k->id, "sops");
  std::string now = FormatInstant(clock_.Now());
  json::array items;
  for (const auto& i : instances) {
    json::array its;
    for (const auto& t : tasks)
      if (t.instance_id == i.id) its.push_back(TaskJson(t, sops_, now));
    const sop::Sop* s = sops_.Find(i.sop_id);
    items.push_back(json::object{{"id", i.id},
                                 {"sop_id", i.sop_id},
                                 {"title", s ? json::value(s->title) : json::value(nullptr)},
                                 {"status", i.status},
                                 {"end_reason", TextOrNull(i.end_reason)},
                                 {"started_at", i.started_at},
                                 {"started_by", i.started_by},
                                 {"ended_at", TextOrNull(i.ended_at)},
                                 {"parent_id", TextOrNull(i.parent_id)},
                                 {"tasks", std::move(its)}});
  }
  json::object recorded;
  for (const auto& f : facts) {
    auto& list = recorded[f.kind];
    if (list.is_null()) list = json::object();
    list.as_object()[f.name] = f.value;
  }
  json::value out = json::object{
      {"case_id", case_id}, {"items", std::move(items)}, {"recorded", std::move(recorded)}};
  db_.ReadOne([&](store::SqlConn& c) { vault_.DecryptTree(c, out); });
  return out;
}

Result<json::value> TaskService::Inbox(const Principal& p, const InboxQuery& q) {
  if (q.page_size < 1 || q.page_size > 200) {
    return Fail(
        Bad("invalid_page_size", "page_size 1–200.", "page_size must be 1-200.", "page_size"));
  }
  std::optional<std::pair<std::string, std::string>> after;
  if (q.after) {
    // The cursor is "<due key>,<task id>", as `next` gave it.
    auto comma = q.after->find(',');
    std::string key = q.after->substr(0, comma);
    std::string id = comma == std::string::npos ? "" : q.after->substr(comma + 1);
    bool ok = (key == store::kNoDeadlineKey || ParseInstant(key)) && id.size() == 36 &&
              std::all_of(id.begin(), id.end(), [](char ch) {
                return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || ch == '-';
              });
    if (!ok) {
      return Fail(Bad("invalid_cursor", "Parameter after harus nilai next dari halaman sebelumnya.",
                      "Parameter after must be the `next` value of the previous page.", "after"));
    }
    after.emplace(key, id);
  }
  std::string now = FormatInstant(clock_.Now());
  store::InboxFilter f;
  for (const auto& r : p.roles) {
    if (!IsStaffRole(r.role)) continue;
    if (q.unit && IsSupervisorRole(r.role))
      f.whole_units.push_back(r.unit_id);
    else
      f.roles.push_back(r);
    if (p.ReachIn(r.unit_id) == UnitReach::kAll) f.sensitive_units.push_back(r.unit_id);
  }
  if (q.unit && f.whole_units.empty()) {
    return Fail(MakeError(ErrorKind::kPermissionDenied, "supervisor_required",
                          "Hanya atasan yang dapat melihat semua tugas unit.",
                          "Only a supervisor may list every task of a unit.", "scope"));
  }
  f.assignee = p.user_id;
  f.assigned_only = q.mine;
  if (q.overdue) f.due_before = now;
  f.case_id = q.case_id;
  f.sop_id = q.sop_id;
  f.limit = q.page_size;
  f.after = after;
  std::vector<store::TaskRecord> tasks;
  db_.ReadOne([&](store::SqlConn& c) { tasks = store::ListInbox(c, f); });
  json::array items;
  for (const auto& t : tasks) {
    // The inbox reads no personal data (and logs no read): a waiver's reason is on the task.
    json::object o = TaskJson(t, sops_, now);
    if (auto* w = o.if_contains("waiver"); w && w->is_object()) w->as_object().erase("reason");
    items.push_back(std::move(o));
  }
  json::value next = nullptr;
  if (!tasks.empty() && std::int64_t(tasks.size()) == q.page_size)
    next = store::DueKey(tasks.back()) + "," + tasks.back().id;
  return json::object{{"items", std::move(items)}, {"page_size", q.page_size}, {"next", next}};
}

Result<json::value> TaskService::Get(const Principal& p, const std::string& task_id) {
  std::optional<TaskContext> ctx;
  std::vector<store::CaseFactRow> rows;
  std::vector<store::PersonRecord> people;
  db_.Read([&](store::SqlConn& c) {
    auto r = LoadTask(c, p, task_id);
    if (!r) return;
    ctx = std::move(*r);
    rows = store::ListCaseFacts(c, ctx->kase.id);
    people = store::ListCasePeople(c, ctx->kase.id);
  });
  if (!ctx) return Fail(TaskNotFound());
  access_log_.Record(p, ctx->kase.unit_id, ctx->kase.id, "task");
  Instant now = clock_.Now();
  json::value o = TaskJson(ctx->task, sops_, FormatInstant(now));
  o.as_object()["missing"] =
      ctx->task.status == "open" ? Strings(MissingFor(sops_, *ctx, rows, people)) : json::array();
  // At a triage step: the outcome that carries out the recommendation, and why.
  const sop::Sop* s = sops_.Find(ctx->task.sop_id);
  const sop::Step* st = s ? FindStep(*s, ctx->task.step_id) : nullptr;
  if (st && std::any_of(st->decision.begin(), st->decision.end(),
                        [](const sop::Outcome& oc) { return !oc.triage.empty(); })) {
    TriageResult t = lindungi::Triage(TriageInputOf(ctx->kase));
    json::value recommended = nullptr;
    for (const auto& oc : st->decision)
      if (!t.recommendation.empty() && oc.triage == t.recommendation) recommended = oc.id;
    json::array reasons;
    for (const auto& r : t.reasons)
      reasons.push_back(
          json::object{{"rule", r.rule}, {"message", r.message_en}, {"message_id", r.message_id}});
    o.as_object()["triage"] = json::object{{"recommendation", TextOrNull(t.recommendation)},
                                           {"recommended_outcome", recommended},
                                           {"reasons", std::move(reasons)},
                                           {"missing", Strings(t.missing)}};
  }
  db_.ReadOne([&](store::SqlConn& c) { vault_.DecryptTree(c, o); });
  return o;
}

Result<WriteReply> TaskService::Complete(const Principal& p, const std::string& task_id,
                                         const CompleteTaskRequest& r,
                                         const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  return WriteOnOpenTask(
      db_, clock_, vault_, p, task_id, idem,
      [&](store::SqlConn& c, const TaskContext& ctx) -> Result<WriteReply> {
        const auto& t = ctx.task;
        if (!MayWork(p, t)) return Fail(NotYourTask());
        if (t.sop_id == kReferralFollowUpSop)
          return CompleteFollowUp(c, vault_, sops_, ctx, r, p.user_id, now);
        const sop::Sop* s = sops_.Find(t.sop_id);
        const sop::Step* step = s ? FindStep(*s, t.step_id) : nullptr;
        if (!step) {
          return Fail(MakeError(ErrorKind::kFailedPrecondition, "sop_changed",
                                "Langkah SOP tugas ini tidak ada lagi di paket SOP.",
                                "This task's SOP step is no longer in the SOP pack."));
        }
        auto instance = store::FindInstance(c, t.instance_id);
        if (!instance) return Fail(TaskNotFound());
        if (auto v = ValidateUpdate(r.record, sops_.FindPack(ctx.unit.sop_pack)); !v)
          return Fail(v.error());
        CaseWrite w(c, sops_, ctx.kase, ctx.unit, now);
        w.LoadOpenTasks(t.instance_id);
        // The task's outputs for the outcome taken are on the case once it is done: document
        // kinds filed, consents given; a produced fact's value comes with the completion.
        w.Record(r.record);
        CaseFactsUpdate produced = ProducedBy(*step, r.outcome, w.facts());
        if (auto st = AddDecisionEvents(c, vault_, sops_, forms_, ctx, *step, r, w); !st)
          return Fail(st.error());
        sop::InstanceState state = StateFromJson(instance->state);
        bool waived = !t.waiver.empty();
        auto fx = sop::CompleteStep(*s, w.facts(), state, t.step_id, r.outcome, waived);
        if (!fx) return Fail(fx.error().code == "task_not_open" ? TaskNotOpen() : fx.error());
        bool closes = fx->ended && In(*fx->ended, sop::kClosingEndReasons);
        auto informed = ReporterInformedPayload(c, r, closes, t, now, p.user_id);
        if (!informed) return Fail(informed.error());
        auto done = CompletedPayload(c, vault_, sops_, ctx, *step, r, produced, waived, state, now);
        if (!done) return Fail(done.error());
        w.events().push_back(store::MakeEvent(*done));
        w.Record(produced);
        if (auto st = w.ApplyEffects(*s, t.instance_id, state, *fx, 0); !st)
          return Fail(st.error());
        if (closes) CloseCase(c, ctx.kase.id, t, *fx->ended, *informed, w.events());
        auto a = w.Append(p.user_id);
        if (!a) return Fail(a.error());
        return WriteReply{200, CompletionAnswer(c, sops_, task_id, t.case_id, now, a->version,
                                                fx->ended, closes)};
      });
}

Result<WriteReply> TaskService::Waive(const Principal& p, const std::string& task_id,
                                      const std::string& reason,
                                      const std::optional<Idempotency>& idem) {
  if (reason.size() < 5 || reason.size() > 2000) {
    return Fail(Bad("invalid_reason", "Alasan pengecualian wajib (5–2000 karakter).",
                    "A waiver needs a reason (5-2000 characters).", "reason"));
  }
  Instant now = clock_.Now();
  return WriteOnOpenTask(
      db_, clock_, vault_, p, task_id, idem,
      [&](store::SqlConn& c, const TaskContext& ctx) -> Result<WriteReply> {
        const auto& t = ctx.task;
        if (!p.IsSupervisorIn(t.unit_id)) {
          return Fail(MakeError(ErrorKind::kPermissionDenied, "supervisor_required",
                                "Hanya kepala seksi, kepala unit atau kepala dinas yang dapat "
                                "mengecualikan kelengkapan.",
                                "Only a section head, unit head or department head may waive "
                                "requirements.",
                                "reason"));
        }
        auto missing = MissingFor(sops_, ctx, store::ListCaseFacts(c, ctx.kase.id),
                                  store::ListCasePeople(c, ctx.kase.id));
        if (missing.empty()) {
          return Fail(MakeError(ErrorKind::kFailedPrecondition, "nothing_to_waive",
                                "Kelengkapan tugas ini sudah lengkap; tidak ada yang dikecualikan.",
                                "This task lacks nothing; there is nothing to waive."));
        }
        auto sealed = SealForCase(c, vault_, ctx.kase, reason);
        if (!sealed) return Fail(sealed.error());
        auto a = store::AppendEvents(
            c, store::CaseStream(t.case_id), store::ExpectedVersion::Exactly(ctx.kase.version),
            {store::MakeEvent(store::events::TaskRequirementsWaived{t.id, missing, *sealed})},
            p.user_id, FormatInstant(now));
        if (!a) return Fail(a.error());
        return WriteReply{200, TaskJson(*store::FindTask(c, task_id), sops_, FormatInstant(now))};
      });
}

Result<WriteReply> TaskService::Assign(const Principal& p, const std::string& task_id,
                                       const std::string& assignee,
                                       const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  return WriteOnOpenTask(
      db_, clock_, vault_, p, task_id, idem,
      [&](store::SqlConn& c, const TaskContext& ctx) -> Result<WriteReply> {
        const auto& t = ctx.task;
        bool manager = p.IsSupervisorIn(t.unit_id) || p.HasRoleIn(t.unit_id, "case_manager");
        bool self = assignee == p.user_id && p.HasRoleIn(t.unit_id, t.role);
        if (!manager && !self) {
          return Fail(MakeError(ErrorKind::kPermissionDenied, "cannot_assign",
                                "Hanya atasan atau manajer kasus yang dapat menugaskan orang lain.",
                                "Only a supervisor or case manager may assign others.",
                                "assignee"));
        }
        if (!assignee.empty()) {
          auto u = store::FindUser(c, assignee);
          bool fits = false;
          if (u && !u->disabled) {
            for (const auto& r : u->roles) {
              if (r.unit_id != t.unit_id) continue;
              if (r.role == t.role || IsSupervisorRole(r.role)) fits = true;
            }
          }
          if (!fits) {
            return Fail(
                Bad("assignee_lacks_role",
                    fmt::format("Petugas itu tidak memegang peran {} di unit ini.", t.role),
                    fmt::format("That user does not hold the role {} in this unit.", t.role),
                    "assignee"));
          }
        }
        auto a = store::AppendEvents(
            c, store::CaseStream(t.case_id), store::ExpectedVersion::Exactly(ctx.kase.version),
            {store::MakeEvent(store::events::TaskAssigned{
                t.id, assignee.empty() ? std::nullopt : std::optional<std::string>(assignee)})},
            p.user_id, FormatInstant(now));
        if (!a) return Fail(a.error());
        return WriteReply{200, TaskJson(*store::FindTask(c, task_id), sops_, FormatInstant(now))};
      });
}

}  // namespace lindungi
