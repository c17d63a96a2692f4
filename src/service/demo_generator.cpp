#include "service/demo_generator.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <thread>

#include "core/triage.h"
#include "forms/submission.h"
#include "service/app.h"
#include "sop/engine.h"
#include "store/case_store.h"
#include "store/stats_store.h"
#include "store/task_store.h"
#include "store/unit_store.h"

namespace lindungi {
namespace {

// A clock the generator moves: each case lives its own simulated time.
class SimulatedClock final : public Clock {
 public:
  Instant Now() const override { return now_; }
  void Set(Instant t) { now_ = t; }
  void Advance(std::chrono::microseconds d) { now_ += d; }

 private:
  Instant now_{};
};

template <class T, std::size_t N>
const T& Pick(std::mt19937_64& rng, const T (&items)[N]) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

bool Chance(std::mt19937_64& rng, double p) {
  return std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

int Between(std::mt19937_64& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

std::string Date(Instant t) {
  return FormatDate(LocalDate(t, std::chrono::hours(7)));
}

// How long a task takes in simulated time: most within their standard time, some late.
std::chrono::microseconds TaskDuration(std::mt19937_64& rng, const sop::Step& step) {
  using namespace std::chrono;
  double factor = Chance(rng, 0.8) ? std::uniform_real_distribution<double>(0.2, 1.0)(rng)
                                   : std::uniform_real_distribution<double>(1.1, 3.0)(rng);
  if (!step.standard_time || step.standard_time->unit == sop::TimeUnit::kNone)
    return duration_cast<microseconds>(hours(Between(rng, 1, 48)));
  double high = step.standard_time->high;
  switch (step.standard_time->unit) {
    case sop::TimeUnit::kMinutes:
      return duration_cast<microseconds>(duration<double>(high * 60 * factor));
    case sop::TimeUnit::kHours:
      return duration_cast<microseconds>(duration<double>(high * 3600 * factor));
    case sop::TimeUnit::kDays:
    case sop::TimeUnit::kWorkingDays:
      // Working days pass slower than days: weekends.
      return duration_cast<microseconds>(duration<double>(high * 86400 * factor * 1.2));
    case sop::TimeUnit::kMonths:
      return duration_cast<microseconds>(duration<double>(high * 30 * 86400 * factor));
    default:
      return hours(1);
  }
}

// Declared here for SyntheticTable: a table's cells are fields too.
std::optional<boost::json::value> SyntheticValue(const forms::Field& f, const std::string& client,
                                                 const std::string& region, Instant now);

// Made-up text for a text field, cut to the field's maximum length.
boost::json::value SyntheticText(const forms::Field& f) {
  std::string t = "Data sintetis";
  if (f.max_length && std::int64_t(t.size()) > *f.max_length) t.resize(std::size_t(*f.max_length));
  return boost::json::value(t);
}

// A made-up number within the field's bounds (an integer where it asks one or the value is whole).
boost::json::value SyntheticNumber(const forms::Field& f) {
  double v = std::max(f.min.value_or(0), std::min(1.0, f.max.value_or(1.0)));
  if (f.integer || std::floor(v) == v) return boost::json::value(std::int64_t(v));
  return boost::json::value(v);
}

// The first options of a multiple choice, as many as the field's minimum (at least one).
boost::json::value SyntheticMultiChoice(const forms::Field& f) {
  boost::json::array chosen;
  std::size_t n = std::size_t(std::max(1.0, f.min.value_or(1)));
  for (std::size_t i = 0; i < n && i < f.options.size(); ++i)
    chosen.emplace_back(f.options[i].value);
  return boost::json::value(std::move(chosen));
}

// The unit's own area, down to the level the field asks: "19" -> "19.01.01".
boost::json::value SyntheticRegion(const forms::Field& f, const std::string& region) {
  static constexpr const char* kPad[] = {"62", "01", "01", "2001"};
  std::vector<std::string> parts;
  for (std::size_t at = 0, dot; at <= region.size() && !region.empty(); at = dot + 1) {
    dot = region.find('.', at);
    if (dot == std::string::npos) dot = region.size();
    parts.push_back(region.substr(at, dot - at));
  }
  std::size_t depth = parts.empty() ? 1 : parts.size();
  for (std::size_t i = 0; i < 4; ++i)
    if (forms::kRegionLevels[i] == f.level) depth = i + 1;
  std::string code;
  for (std::size_t i = 0; i < depth; ++i)
    code += (i ? "." : "") + (i < parts.size() ? parts[i] : std::string(kPad[i]));
  return boost::json::value(code);
}

// Rows of made-up values for the table's required columns, as many as its minimum (at least
// one); nullopt when a column gets no value.
std::optional<boost::json::value> SyntheticTable(const forms::Field& f, const std::string& client,
                                                 const std::string& region, Instant now) {
  boost::json::array rows;
  std::size_t n = std::size_t(std::max(1.0, f.min.value_or(1)));
  for (std::size_t i = 0; i < n; ++i) {
    boost::json::object row;
    for (const auto& col : f.columns) {
      if (!col.required) continue;
      auto v = SyntheticValue(col, client, region, now);
      if (!v) return std::nullopt;
      row[col.id] = std::move(*v);
    }
    rows.emplace_back(std::move(row));
  }
  return boost::json::value(std::move(rows));
}

// A made-up value for form field `f`, as staff would fill it: nullopt for a field no value
// can be made up for (a file: it must be an upload of the case).
std::optional<boost::json::value> SyntheticValue(const forms::Field& f, const std::string& client,
                                                 const std::string& region, Instant now) {
  using forms::FieldType;
  std::string today = Date(now);
  switch (f.type.value_or(FieldType::kText)) {
    case FieldType::kText:
    case FieldType::kLongText:
      return SyntheticText(f);
    case FieldType::kNumber:
      return SyntheticNumber(f);
    case FieldType::kDate:
      return boost::json::value(today);
    case FieldType::kDateTime:
      return boost::json::value(FormatInstant(now));
    case FieldType::kBoolean:
      return boost::json::value(true);
    case FieldType::kChoice:
      if (f.options.empty()) return std::nullopt;
      return boost::json::value(f.options.front().value);
    case FieldType::kMultiChoice:
      return SyntheticMultiChoice(f);
    case FieldType::kPhone:
      return boost::json::value("081200000000");
    case FieldType::kNik:
      return boost::json::value("0000000000000000");
    case FieldType::kRegion:
      return SyntheticRegion(f, region);
    case FieldType::kPerson:
      return boost::json::value(client);
    case FieldType::kSignature:
      return boost::json::object{{"signed", true}, {"name", "Petugas Sintetis"}, {"date", today}};
    case FieldType::kFile:
      return std::nullopt;
    case FieldType::kTable:
      return SyntheticTable(f, client, region, now);
  }
  return std::nullopt;
}

// A filled form of made-up values: the fields the form requires (also those a condition on
// earlier answers requires), until the form's own check passes; nullopt when it cannot.
std::optional<boost::json::object> SyntheticForm(const forms::Form& form, const std::string& client,
                                                 const std::string& region, Instant now) {
  boost::json::object values;
  for (int round = 0; round < 16; ++round) {
    auto errors = forms::SubmissionErrors(form, values, now);
    if (errors.empty()) return values;
    for (const auto& e : errors) {
      const forms::Field* f = form.Find(e.field);
      if (e.code == "not_applicable") {
        values.erase(e.field);
      } else if (e.code == "required" && f) {
        auto v = SyntheticValue(*f, client, region, now);
        if (!v) return std::nullopt;
        values[f->id] = std::move(*v);
      } else {
        return std::nullopt;
      }
    }
  }
  return std::nullopt;
}

struct Job {
  App& app;
  const store::UnitRecord& unit;
  const sop::Pack& pack;
  Principal staff;
  Instant start, end, real_now;
  std::uint64_t seed;
  std::int64_t total;
  std::atomic<std::int64_t>& tasks_completed;
  std::atomic<std::int64_t>& sops_started;
  std::atomic<std::int64_t>& terminated;
};

// The complaint SOP of the pack a case starts with (the first of kind complaint, else the
// identification, else the first SOP).
const sop::Sop* EntrySop(const sop::Pack& pack, std::mt19937_64& rng) {
  std::vector<const sop::Sop*> complaint;
  for (const auto& s : pack.sops)
    if (s.kind == "complaint") complaint.push_back(&s);
  if (!complaint.empty())
    return complaint[std::uniform_int_distribution<std::size_t>(0, complaint.size() - 1)(rng)];
  for (const auto& s : pack.sops)
    if (s.kind == "identification") return &s;
  return pack.sops.empty() ? nullptr : &pack.sops.front();
}

// The step `step_id` of SOP `s` (the last of that id); null when either is unknown.
const sop::Step* FindStep(const sop::Sop* s, const std::string& step_id) {
  const sop::Step* step = nullptr;
  if (s)
    for (const auto& st : s->steps)
      if (st.id == step_id) step = &st;
  return step;
}

// A signature block of the termination form: signed by `name` on `today`.
boost::json::object Signature(const char* name, std::chrono::year_month_day today) {
  return boost::json::object{{"signed", true}, {"name", name}, {"date", FormatDate(today)}};
}

// One case of a Job, lived in simulated time on the worker's clock through the phases staff
// take it through: intake, the client's record, classification and triage, the entry SOP
// worked step by step, and for some cases the end. Deterministic for the job's seed and the
// case's index.
class SimulatedCase {
 public:
  SimulatedCase(Job& job, std::int64_t index, SimulatedClock& clock, DocumentService& documents)
      : job_(job),
        index_(index),
        clock_(clock),
        documents_(documents),
        rng_(job.seed * 1000003 + std::uint64_t(index)),
        cases_(*job.app.db, clock, job.app.access_log, *job.app.vault, job.app.sops),
        records_(*job.app.db, clock, job.app.access_log, *job.app.vault, job.app.sops),
        case_work_(*job.app.db, clock, job.app.access_log, *job.app.vault, job.app.sops),
        tasks_(*job.app.db, clock, job.app.sops, job.app.access_log, *job.app.vault,
               job.app.documents.forms()),
        p_(job.staff) {}

  // Runs the case through its phases until it stops; the error of a use case that refused it.
  Status Run();

 private:
  // Receives the report at a time spread over the period and opens the case.
  Status Intake();
  // Fills the client's own record (education, disability) from the intake.
  Status RecordClient();
  // Adds a perpetrator related to the client; the new person's id.
  Result<std::string> AddPerpetrator();
  // Records the incident: its date, place and forms of violence, by `perpetrator`.
  Status RecordIncident(const std::string& perpetrator);
  // Classifies the case from the record and decides the triage recommendation if any.
  Status ClassifyAndTriage();
  // Starts the case's entry SOP; false when there is none or it could not start.
  bool StartEntrySop();
  // Whether a form filed on the case counts as document kind `kind`.
  bool OnFile(const std::string& kind);
  // Fills and files the first form of document kind `kind` that fits the case; false if none.
  bool FileForm(const std::string& kind, const std::string& task_id);
  // The value recorded for fact `name`, from the classification.
  std::string FactValue(std::string_view name) const;
  // Supplies what `step` needs before its task is completed with `done.outcome`.
  bool Supply(const sop::Sop& sop_def, const sop::Step& step, const std::string& task_id,
              CompleteTaskRequest& done);
  // The first open task of the case, if any.
  std::optional<store::TaskRecord> FirstOpenTask();
  // The outcomes to try at `step`, in the order they are tried.
  std::vector<std::string> OutcomeOrder(const sop::Step& step);
  // Completes task `task_id` of `step` with the first outcome it takes; false when none does.
  bool CompleteTask(const sop::Sop& s, const sop::Step& step, const std::string& task_id);
  // Works the open tasks in simulated time, up to `steps`; false when a task stays open.
  bool Work(int steps);
  // Ends some cases (agreed or unilaterally); the others stay open.
  Status End(bool worked_through);
  // Whether an SOP end already closed the case.
  bool Closed();
  // Runs the pack's termination SOP where it has one; false while still being worked.
  bool RunTerminationSop();
  // Whether the client is a minor or not alike the day before, on and after `today`.
  bool MinorityClearOn(std::chrono::year_month_day today) const;
  // Holds the case conference the unit requires before termination; its date, or "".
  Result<std::string> HoldConference(std::chrono::year_month_day today);
  // Terminates the case on `today`, with its filled termination form.
  Status FileTermination(bool agreed, std::chrono::year_month_day today,
                         const std::string& conference);

  Job& job_;
  std::int64_t index_;
  SimulatedClock& clock_;
  DocumentService& documents_;
  std::mt19937_64 rng_;
  CaseService cases_;
  CaseRecordService records_;
  CaseWorkService case_work_;
  TaskService tasks_;
  const Principal& p_;
  // Made at intake.
  Instant received_{};
  bool child_ = false;
  int age_ = 0;
  std::chrono::year_month_day birth_{};
  IntakeRequest intake_;
  std::string case_id_, client_;
  // Made as the record is filled and the case classified.
  std::optional<std::string> perpetrator_relation_;
  std::vector<std::string> incident_forms_;
  CaseClassification cls_;
  std::string recommendation_;
};

Status SimulatedCase::Run() {
  if (auto s = Intake(); !s) return s;
  // The client's record, a perpetrator and the incident.
  if (auto s = RecordClient(); !s) return s;
  auto perpetrator = AddPerpetrator();
  if (!perpetrator) return Fail(perpetrator.error());
  if (auto s = RecordIncident(*perpetrator); !s) return s;
  // Classification and triage.
  if (auto s = ClassifyAndTriage(); !s) return s;
  // The SOP, step by step in simulated time; stop at the real now (tasks stay open, some
  // overdue), or at random (a case still being worked).
  if (!StartEntrySop()) return {};
  bool worked_through = Work(Chance(rng_, 0.15) ? Between(rng_, 0, 3) : 60);
  return End(worked_through);
}

Status SimulatedCase::Intake() {
  using namespace std::chrono;
  // Received: spread over the period, in order.
  auto span = job_.end - job_.start;
  received_ = job_.start + duration_cast<microseconds>(span * (double(index_) / job_.total)) +
              minutes(Between(rng_, 0, 600));
  clock_.Set(received_ + minutes(Between(rng_, 1, 30)));

  static constexpr const char* kChannels[] = {"walk_in",  "walk_in",    "walk_in", "phone",
                                              "hotline",  "whatsapp",   "letter",  "online_form",
                                              "outreach", "referral_in"};
  child_ = Chance(rng_, 0.6);
  bool female = Chance(rng_, child_ ? 0.7 : 0.95);
  age_ = child_ ? Between(rng_, 1, 17) : Between(rng_, 18, 65);
  birth_ =
      LocalDate(received_ - hours(24 * 366 * age_) - hours(Between(rng_, 0, 24 * 300)), hours(7));
  IntakeRequest& in = intake_;
  in.unit_id = job_.unit.id;
  in.channel = Pick(rng_, kChannels);
  in.crisis = Chance(rng_, 0.1);
  in.synthetic = true;
  in.received_at = FormatInstant(received_);
  in.reporter = {fmt::format("Pelapor Sintetis {}", index_), child_ ? "parent" : "self",
                 std::nullopt, !child_};
  in.client.name = fmt::format("Klien Sintetis {}", index_);
  in.client.sex = female ? "female" : "male";
  in.client.birth_date = FormatDate(birth_);
  in.client.disability = Chance(rng_, 0.06);
  in.narrative = "Data sintetis untuk demo dan uji beban.";
  auto made = cases_.Create(p_, in, std::nullopt);
  if (!made) return Fail(made.error());
  const auto& kase = made->body.as_object();
  case_id_ = std::string(kase.at("id").as_string());
  client_ = std::string(kase.at("client").as_object().at("person_id").as_string());
  return {};
}

Status SimulatedCase::RecordClient() {
  static constexpr const char* kChildEducation[] = {"paud_tk", "sd", "sd", "sltp", "slta"};
  static constexpr const char* kAdultEducation[] = {"sd",   "sltp",   "slta",
                                                    "slta", "higher", "not_in_school"};
  PersonInput me;
  me.role = "client";
  me.name = intake_.client.name;
  me.sex = intake_.client.sex;
  me.birth_date = intake_.client.birth_date;
  me.disability = intake_.client.disability;
  if (me.disability) me.disability_kinds = {"physical"};
  if (!(child_ && age_ < 5))
    me.education = child_ ? Pick(rng_, kChildEducation) : Pick(rng_, kAdultEducation);
  if (auto r = records_.UpdatePerson(p_, case_id_, client_, me, std::nullopt); !r)
    return Fail(r.error());
  return {};
}

Result<std::string> SimulatedCase::AddPerpetrator() {
  static constexpr const char* kChildRelations[] = {"parent",    "family",         "teacher",
                                                    "neighbour", "partner_friend", "other"};
  static constexpr const char* kAdultRelations[] = {
      "spouse", "spouse", "partner_friend", "employer", "coworker", "family", "other"};
  PersonInput perp;
  perp.role = "perpetrator";
  perp.name = fmt::format("Terlapor Sintetis {}", index_);
  perp.sex = Chance(rng_, 0.85) ? "male" : "female";
  perp.age_years = Between(rng_, 16, 70);
  perp.relation = child_ ? Pick(rng_, kChildRelations) : Pick(rng_, kAdultRelations);
  perpetrator_relation_ = perp.relation;
  auto added = records_.AddPerson(p_, case_id_, perp, std::nullopt);
  if (!added) return Fail(added.error());
  return std::string(added->body.as_object().at("person_id").as_string());
}

Status SimulatedCase::RecordIncident(const std::string& perpetrator) {
  using namespace std::chrono;
  static constexpr const char* kForms[] = {"physical", "psychological", "sexual",      "sexual",
                                           "neglect",  "exploitation",  "trafficking", "other"};
  static constexpr const char* kPlaces[] = {"household",       "household", "household", "school",
                                            "public_facility", "workplace", "other"};
  IncidentInput inc;
  inc.date = Date(received_ - hours(24 * Between(rng_, 0, 30)));
  inc.place_type = Pick(rng_, kPlaces);
  inc.forms = {Pick(rng_, kForms)};
  if (Chance(rng_, 0.3)) {
    std::string second = Pick(rng_, kForms);
    if (second != inc.forms[0]) inc.forms.push_back(second);
  }
  inc.perpetrators = {{perpetrator, {}}};
  incident_forms_ = inc.forms;
  if (auto r = records_.RecordIncident(p_, case_id_, inc, std::nullopt); !r) return Fail(r.error());
  return {};
}

Status SimulatedCase::ClassifyAndTriage() {
  CaseClassification& cls = cls_;
  cls.case_types = {child_ ? "kta" : "ktp"};
  if (perpetrator_relation_ == "spouse" || perpetrator_relation_ == "parent")
    cls.case_types.push_back("kdrt");
  if (std::find(incident_forms_.begin(), incident_forms_.end(), "trafficking") !=
      incident_forms_.end())
    cls.case_types.push_back("tppo");
  static constexpr const char* kRisks[] = {"low", "medium", "medium", "high"};
  cls.risk_level = Pick(rng_, kRisks);
  cls.jurisdiction = Chance(rng_, 0.9) ? "kabupaten_kota" : "provinsi";
  cls.village_manageable = cls.risk_level == "low" && Chance(rng_, 0.5);
  if (auto r = records_.Classify(p_, case_id_, cls, std::nullopt); !r) return Fail(r.error());
  TriageInput ti{cls.case_types, cls.risk_level, cls.jurisdiction, cls.village_manageable,
                 intake_.crisis};
  recommendation_ = Triage(ti).recommendation;
  if (!recommendation_.empty())
    if (auto r = records_.DecideTriage(p_, case_id_, recommendation_, "", std::nullopt); !r)
      return Fail(r.error());
  return {};
}

bool SimulatedCase::StartEntrySop() {
  const sop::Sop* entry = EntrySop(job_.pack, rng_);
  if (!entry) return false;
  auto started = tasks_.StartSop(p_, case_id_, {entry->id, {}}, std::nullopt);
  if (!started) return false;  // a requirement the generator does not record: no SOP then
  ++job_.sops_started;
  return true;
}

bool SimulatedCase::OnFile(const std::string& kind) {  // a filed form counts as `kind`
  bool found = false;
  job_.app.db->ReadOne([&](store::SqlConn& c) {
    for (const auto& d : store::ListCaseDocuments(c, case_id_)) {
      if (d.source != "form") continue;
      boost::json::value kinds = boost::json::parse(d.kinds);
      if (kinds.is_array())
        for (const auto& k : kinds.as_array())
          found = found || (k.is_string() && k.as_string() == kind);
    }
  });
  return found;
}

bool SimulatedCase::FileForm(const std::string& kind, const std::string& task_id) {
  auto it = job_.pack.documents.find(kind);
  if (it == job_.pack.documents.end()) return false;
  for (const auto& form_id : it->second.forms) {  // the first that fits the case
    const forms::Form* form = documents_.forms().Find(form_id);
    if (!form) continue;
    auto values = SyntheticForm(*form, client_, job_.pack.unit.region_code, clock_.Now());
    if (!values) continue;
    DocumentInput in{form_id, std::move(*values), std::nullopt, task_id};
    if (documents_.File(p_, case_id_, in, std::nullopt)) return true;
  }
  return false;
}

std::string SimulatedCase::FactValue(std::string_view name) const {
  if (name == "risk_level") return cls_.risk_level;
  if (name == "case_type") return cls_.case_types.front();
  if (name == "jurisdiction") return cls_.jurisdiction;
  return "police_examination";  // legal_proceeding
}

// What a step needs, supplied as staff supply it before completing its task: the form of a
// document kind it lacks filled and filed (DocumentService, the task's "Isi formulir"), a
// lacking kind that has no form ticked as on file, consents given, and the facts it needs or
// its outcome gives (`fact:`) recorded; a form an outcome of the SOP `approves` is filed at
// the step that makes it. False when such a form cannot be filed.
bool SimulatedCase::Supply(const sop::Sop& sop_def, const sop::Step& step,
                           const std::string& task_id, CompleteTaskRequest& done) {
  auto task = tasks_.Get(p_, task_id);
  if (!task) return false;
  std::vector<std::string> needed;
  for (const auto& m : task->as_object().at("missing").as_array())
    needed.emplace_back(m.as_string());
  const auto& outputs = sop::Outputs(step, done.outcome);
  for (const auto& out : outputs)
    if (out.starts_with("fact:") && std::find(needed.begin(), needed.end(), out) == needed.end())
      needed.push_back(out);
  for (const auto& m : needed) {
    if (m.starts_with("consent:")) {
      done.record.consents.push_back(m.substr(8));
    } else if (m.starts_with("fact:")) {
      done.record.values[m.substr(5)] = FactValue(std::string_view(m).substr(5));
    } else if (auto kind = job_.pack.documents.find(m); kind != job_.pack.documents.end()) {
      if (kind->second.forms.empty() || !(OnFile(m) || FileForm(m, task_id)))
        done.record.documents.push_back(m);
    }
  }
  for (const auto& out : outputs) {
    bool approved = false;
    for (const auto& st : sop_def.steps)
      for (const auto& oc : st.decision) approved = approved || oc.approves == out;
    if (approved && !OnFile(out) && !FileForm(out, task_id)) return false;
  }
  return true;
}

std::optional<store::TaskRecord> SimulatedCase::FirstOpenTask() {
  std::optional<store::TaskRecord> open;
  job_.app.db->ReadOne([&](store::SqlConn& c) {
    for (auto& t : store::ListCaseTasks(c, case_id_))
      if (t.status == "open" && !open) open = std::move(t);
  });
  return open;
}

// The outcome: the triage recommendation's where the step carries it out, else any,
// in random order; one the recorded facts contradict (its `asserts`) is passed over.
std::vector<std::string> SimulatedCase::OutcomeOrder(const sop::Step& step) {
  std::vector<std::string> outcomes;
  for (const auto& oc : step.decision)
    if (!oc.triage.empty() && oc.triage == recommendation_) outcomes.push_back(oc.id);
  if (outcomes.empty()) {
    for (const auto& oc : step.decision) outcomes.push_back(oc.id);
    std::shuffle(outcomes.begin(), outcomes.end(), rng_);
    // Most matters can be followed up: an outcome that closes the case comes last, but
    // for one case in five.
    std::stable_partition(outcomes.begin(), outcomes.end(), [&](const std::string& id) {
      for (const auto& oc : step.decision)
        if (oc.id == id &&
            std::find(std::begin(sop::kClosingEndReasons), std::end(sop::kClosingEndReasons),
                      oc.end) != std::end(sop::kClosingEndReasons))
          return Chance(rng_, 0.2);
      return true;
    });
  }
  if (outcomes.empty()) outcomes.push_back("");
  return outcomes;
}

bool SimulatedCase::CompleteTask(const sop::Sop& s, const sop::Step& step,
                                 const std::string& task_id) {
  std::vector<std::string> outcomes = OutcomeOrder(step);
  std::optional<Result<WriteReply>> r;
  for (const auto& outcome : outcomes) {
    CompleteTaskRequest done;
    done.outcome = outcome;
    if (!Supply(s, step, task_id, done)) return false;
    r.emplace(tasks_.Complete(p_, task_id, done, std::nullopt));
    if (!*r && (*r).error().code == "requirements_missing") {
      if (!tasks_.Waive(p_, task_id, "Data sintetis: persyaratan dianggap lengkap.", std::nullopt))
        return false;
      r.emplace(tasks_.Complete(p_, task_id, done, std::nullopt));
    }
    if (!*r && (*r).error().code == "reporter_informed_required") {
      // An outcome that closes the case: the reporter was phoned.
      done.informed = ReporterInformed{"phone", FormatInstant(clock_.Now()), std::nullopt};
      r.emplace(tasks_.Complete(p_, task_id, done, std::nullopt));
    }
    if (*r || (*r).error().code != "override_reason_required") break;
  }
  return r.has_value() && r->has_value();
}

// Works the case's open tasks in simulated time, up to `steps` of them; false when a task
// stays open (the real now came, or it could not be done).
bool SimulatedCase::Work(int steps) {
  for (int round = 0; round < 60 && steps > 0; ++round, --steps) {
    std::optional<store::TaskRecord> open = FirstOpenTask();
    if (!open) return true;
    const sop::Sop* s = job_.app.sops.Find(open->sop_id);
    const sop::Step* step = FindStep(s, open->step_id);
    if (!step) return false;
    clock_.Advance(TaskDuration(rng_, *step));
    if (clock_.Now() > job_.real_now) return false;
    if (!CompleteTask(*s, *step, open->id)) return false;
    ++job_.tasks_completed;
  }
  return !FirstOpenTask();  // none open
}

// Some cases end. Most whose SOPs all ended are terminated as agreed — through the pack's
// termination SOP where it has one, after the case conference its unit requires — and a
// few still being worked end unilaterally (the client cannot be found, or refuses).
Status SimulatedCase::End(bool worked_through) {
  using namespace std::chrono;
  if (Closed()) return {};
  bool agreed = worked_through && Chance(rng_, 0.6);
  bool unilateral = !agreed && Chance(rng_, 0.08);
  if (!agreed && !unilateral) return {};
  if (agreed && !RunTerminationSop()) return {};  // still terminating at the real now
  clock_.Advance(hours(24 * Between(rng_, 1, 14)));
  if (clock_.Now() > job_.real_now) return {};
  auto today = LocalDate(clock_.Now(), hours(7));
  if (!MinorityClearOn(today)) return {};
  auto conference = HoldConference(today);
  if (!conference) return Fail(conference.error());
  return FileTermination(agreed, today, *conference);
}

bool SimulatedCase::Closed() {
  bool closed = false;
  job_.app.db->ReadOne([&](store::SqlConn& c) {
    auto k = store::FindCase(c, case_id_);
    closed = k && k->status == "closed";  // an SOP end that closes the matter
  });
  return closed;
}

bool SimulatedCase::RunTerminationSop() {
  const sop::Sop* ending = nullptr;
  for (const auto& s : job_.pack.sops)
    if (s.kind == "termination") ending = &s;
  if (ending && tasks_.StartSop(p_, case_id_, {ending->id, {}}, std::nullopt)) {
    ++job_.sops_started;
    if (!Work(60)) return false;
  }
  return true;
}

// Under 18 or not, the same the day before and after (time zones aside), or no termination.
bool SimulatedCase::MinorityClearOn(std::chrono::year_month_day today) const {
  std::chrono::sys_days day{today};
  bool minor = AgeOn(birth_, today) < kAdultAge;
  return !((AgeOn(birth_, std::chrono::year_month_day{day - std::chrono::days(1)}) < kAdultAge) !=
               minor ||
           (AgeOn(birth_, std::chrono::year_month_day{day + std::chrono::days(1)}) < kAdultAge) !=
               minor);
}

Result<std::string> SimulatedCase::HoldConference(std::chrono::year_month_day today) {
  const auto& needs = job_.pack.unit.termination_requires;
  if (std::find(needs.begin(), needs.end(), "case_conference") == needs.end()) return std::string();
  MeetingInput m;
  m.kind = "case_conference";
  m.held_at = FormatDate(today);
  m.place = "Kantor UPTD PPA";
  m.others = {"Tim UPTD PPA (sintetis)"};
  m.agenda = "Konferensi kasus sebelum terminasi (data sintetis).";
  if (auto r = case_work_.RecordMeeting(p_, case_id_, m, std::nullopt); !r) return Fail(r.error());
  return FormatDate(today);
}

Status SimulatedCase::FileTermination(bool agreed, std::chrono::year_month_day today,
                                      const std::string& conference) {
  bool minor = AgeOn(birth_, today) < kAdultAge;
  boost::json::object form{{"tanggal", FormatDate(today)},
                           {"klien", client_},
                           {"klien_anak", minor},
                           {"layanan_diterima", boost::json::array{"complaint"}},
                           {"konferensi_kasus", !conference.empty()},
                           {"ttd_pendamping", Signature("Pendamping Sintetis", today)},
                           {"ttd_ketua", Signature("Kepala UPTD Sintetis", today)}};
  if (!conference.empty()) form["tanggal_konferensi"] = conference;
  TerminationInput t;
  t.summary = "Data sintetis: kasus diakhiri.";
  if (agreed) {
    t.kind = "normal";
    form["jenis"] = "agreed";
    form["alasan"] = boost::json::array{Chance(rng_, 0.7) ? "goals_met" : "rights_fulfilled"};
    form["ttd_klien"] = Signature("Klien Sintetis", today);
    if (minor) form["ttd_wali"] = Signature("Wali Sintetis", today);
  } else {
    t.kind = "unilateral";
    bool missing = Chance(rng_, 0.5);
    t.reason = missing ? "missing" : "refuses";
    form["jenis"] = "unilateral";
    form["alasan_sepihak"] = *t.reason;
    if (missing)
      form["upaya_menghubungi"] = "Data sintetis: tiga kali dihubungi, tidak ditemukan.";
    else
      form["keterangan_penolakan"] = "Data sintetis: keluarga menolak layanan lanjutan.";
  }
  auto ended = case_work_.Terminate(p_, case_id_, t, form, std::nullopt,
                                    TerminationForm(job_.app.config.sops_dir), std::nullopt);
  if (!ended) return Fail(ended.error());
  ++job_.terminated;
  return {};
}

// One case, in simulated time on `clock`; `documents` files forms on that clock.
Status OneCase(Job& job, std::int64_t index, SimulatedClock& clock, DocumentService& documents) {
  return SimulatedCase(job, index, clock, documents).Run();
}

// The unit demo data is generated for and the SOP pack it runs.
struct DemoTarget {
  store::UnitRecord unit;
  const sop::Pack* pack = nullptr;
};

// The unit of code `unit_code` and its pack: kNotFound for no such unit, kFailedPrecondition
// when the store holds a real case or the unit runs no pack.
Result<DemoTarget> FindDemoTarget(App& app, const std::string& unit_code) {
  std::optional<store::UnitRecord> unit;
  bool real = false;
  app.db->Read([&](store::SqlConn& c) {
    unit = store::FindUnitByCode(c, unit_code);
    real = store::HoldsRealCases(c);
  });
  if (!unit) {
    return Fail(MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit tidak ditemukan.",
                          "No such unit.", "unit"));
  }
  if (real) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "real_cases_present",
                          "Penyimpanan ini berisi kasus nyata: data demo tidak dibuat di sini.",
                          "This store holds real cases: demo data is not generated here."));
  }
  const sop::Pack* pack = app.sops.FindPack(unit->sop_pack);
  if (!pack) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "unit_has_no_sop_pack",
                          "Unit ini belum memakai paket SOP (lindungi unit set-pack).",
                          "This unit runs no SOP pack yet (lindungi unit set-pack)."));
  }
  return DemoTarget{std::move(*unit), pack};
}

// The staff the generator acts as: the system actor, with every staff role in unit `unit_id`.
Principal DemoStaff(const std::string& unit_id) {
  Principal staff;
  staff.user_id = std::string(kSystemActor);
  staff.username = "demo";
  staff.display_name = "Generator demo";
  for (auto role : {"intake_officer", "case_worker", "case_manager", "section_head", "unit_head"})
    staff.roles.push_back({unit_id, role});
  return staff;
}

// Generates the job's cases on `jobs` threads, each with its own clock; counts them in
// `finished`, reporting progress; the first error a case met, if any (no case starts after).
std::optional<Error> RunCases(App& app, Job& job, int jobs, std::atomic<std::int64_t>& finished,
                              const std::function<void(std::int64_t, std::int64_t)>& progress) {
  std::atomic<std::int64_t> next{0};
  std::mutex mu;
  std::optional<Error> failure;
  auto worker = [&] {
    SimulatedClock clock;
    DocumentService documents(*app.db, clock, app.access_log, *app.vault, app.sops,
                              FormsDirFor(app.config.sops_dir));
    for (;;) {
      std::int64_t i = next++;
      if (i >= job.total) return;
      {
        std::lock_guard lock(mu);
        if (failure) return;
      }
      auto s = OneCase(job, i, clock, documents);
      std::lock_guard lock(mu);
      if (!s && !failure) failure = s.error();
      std::int64_t n = ++finished;
      if (progress) progress(n, job.total);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, jobs); ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  return failure;
}

}  // namespace

Result<DemoSummary> GenerateDemo(App& app, const DemoOptions& o,
                                 const std::function<void(std::int64_t, std::int64_t)>& progress) {
  if (o.cases < 1 || o.cases > 10'000'000) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_value", "--cases: 1–10.000.000.",
                          "--cases must be 1-10,000,000.", "cases"));
  }
  auto target = FindDemoTarget(app, o.unit_code);
  if (!target) return Fail(target.error());
  Principal staff = DemoStaff(target->unit.id);
  auto wall = std::chrono::steady_clock::now();
  Instant now = app.clock.Now();
  std::atomic<std::int64_t> tasks_completed{0}, sops_started{0}, terminated{0}, finished{0};
  Job job{app,
          target->unit,
          *target->pack,
          staff,
          now - std::chrono::hours(24 * 365),
          now - std::chrono::hours(24),
          now,
          o.seed,
          o.cases,
          tasks_completed,
          sops_started,
          terminated};
  if (auto failure = RunCases(app, job, o.jobs, finished, progress)) return Fail(*failure);
  DemoSummary out;
  out.cases = finished;
  out.tasks_completed = tasks_completed;
  out.sops_started = sops_started;
  out.terminated = terminated;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  return out;
}

}  // namespace lindungi
