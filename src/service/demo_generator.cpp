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

// A made-up value for form field `f`, as staff would fill it: nullopt for a field no value
// can be made up for (a file: it must be an upload of the case).
std::optional<boost::json::value> SyntheticValue(const forms::Field& f, const std::string& client,
                                                 const std::string& region, Instant now) {
  using forms::FieldType;
  std::string today = Date(now);
  auto text = [&] {
    std::string t = "Data sintetis";
    if (f.max_length && std::int64_t(t.size()) > *f.max_length)
      t.resize(std::size_t(*f.max_length));
    return boost::json::value(t);
  };
  switch (f.type.value_or(FieldType::kText)) {
    case FieldType::kText:
    case FieldType::kLongText:
      return text();
    case FieldType::kNumber: {
      double v = std::max(f.min.value_or(0), std::min(1.0, f.max.value_or(1.0)));
      if (f.integer || std::floor(v) == v) return boost::json::value(std::int64_t(v));
      return boost::json::value(v);
    }
    case FieldType::kDate:
      return boost::json::value(today);
    case FieldType::kDateTime:
      return boost::json::value(FormatInstant(now));
    case FieldType::kBoolean:
      return boost::json::value(true);
    case FieldType::kChoice:
      if (f.options.empty()) return std::nullopt;
      return boost::json::value(f.options.front().value);
    case FieldType::kMultiChoice: {
      boost::json::array chosen;
      std::size_t n = std::size_t(std::max(1.0, f.min.value_or(1)));
      for (std::size_t i = 0; i < n && i < f.options.size(); ++i)
        chosen.emplace_back(f.options[i].value);
      return boost::json::value(std::move(chosen));
    }
    case FieldType::kPhone:
      return boost::json::value("081200000000");
    case FieldType::kNik:
      return boost::json::value("0000000000000000");
    case FieldType::kRegion: {
      // The unit's own area, down to the level asked: "19" -> "19.01.01".
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
    case FieldType::kPerson:
      return boost::json::value(client);
    case FieldType::kSignature:
      return boost::json::object{{"signed", true}, {"name", "Petugas Sintetis"}, {"date", today}};
    case FieldType::kFile:
      return std::nullopt;
    case FieldType::kTable: {
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

// One case, in simulated time on `clock`; `documents` files forms on that clock.
Status OneCase(Job& job, std::int64_t index, SimulatedClock& clock, DocumentService& documents) {
  using namespace std::chrono;
  std::mt19937_64 rng(job.seed * 1000003 + std::uint64_t(index));
  CaseService cases(*job.app.db, clock, job.app.access_log, *job.app.vault, job.app.sops);
  CaseRecordService records(*job.app.db, clock, job.app.access_log, *job.app.vault, job.app.sops);
  CaseWorkService case_work(*job.app.db, clock, job.app.access_log, *job.app.vault, job.app.sops);
  TaskService tasks(*job.app.db, clock, job.app.sops, job.app.access_log, *job.app.vault,
                    job.app.documents.forms());
  const Principal& p = job.staff;
  // Received: spread over the period, in order.
  auto span = job.end - job.start;
  Instant received = job.start + duration_cast<microseconds>(span * (double(index) / job.total)) +
                     minutes(Between(rng, 0, 600));
  clock.Set(received + minutes(Between(rng, 1, 30)));

  static constexpr const char* kChannels[] = {"walk_in",  "walk_in",    "walk_in", "phone",
                                              "hotline",  "whatsapp",   "letter",  "online_form",
                                              "outreach", "referral_in"};
  bool child = Chance(rng, 0.6);
  bool female = Chance(rng, child ? 0.7 : 0.95);
  int age = child ? Between(rng, 1, 17) : Between(rng, 18, 65);
  auto birth =
      LocalDate(received - hours(24 * 366 * age) - hours(Between(rng, 0, 24 * 300)), hours(7));
  IntakeRequest in;
  in.unit_id = job.unit.id;
  in.channel = Pick(rng, kChannels);
  in.crisis = Chance(rng, 0.1);
  in.synthetic = true;
  in.received_at = FormatInstant(received);
  in.reporter = {fmt::format("Pelapor Sintetis {}", index), child ? "parent" : "self", std::nullopt,
                 !child};
  in.client.name = fmt::format("Klien Sintetis {}", index);
  in.client.sex = female ? "female" : "male";
  in.client.birth_date = FormatDate(birth);
  in.client.disability = Chance(rng, 0.06);
  in.narrative = "Data sintetis untuk demo dan uji beban.";
  auto made = cases.Create(p, in, std::nullopt);
  if (!made) return Fail(made.error());
  const auto& kase = made->body.as_object();
  std::string case_id(kase.at("id").as_string());
  std::string client(kase.at("client").as_object().at("person_id").as_string());

  // The client's record, a perpetrator and the incident.
  static constexpr const char* kChildEducation[] = {"paud_tk", "sd", "sd", "sltp", "slta"};
  static constexpr const char* kAdultEducation[] = {"sd",   "sltp",   "slta",
                                                    "slta", "higher", "not_in_school"};
  PersonInput me;
  me.role = "client";
  me.name = in.client.name;
  me.sex = in.client.sex;
  me.birth_date = in.client.birth_date;
  me.disability = in.client.disability;
  if (me.disability) me.disability_kinds = {"physical"};
  if (!(child && age < 5))
    me.education = child ? Pick(rng, kChildEducation) : Pick(rng, kAdultEducation);
  if (auto r = records.UpdatePerson(p, case_id, client, me, std::nullopt); !r)
    return Fail(r.error());
  static constexpr const char* kChildRelations[] = {"parent",    "family",         "teacher",
                                                    "neighbour", "partner_friend", "other"};
  static constexpr const char* kAdultRelations[] = {
      "spouse", "spouse", "partner_friend", "employer", "coworker", "family", "other"};
  PersonInput perp;
  perp.role = "perpetrator";
  perp.name = fmt::format("Terlapor Sintetis {}", index);
  perp.sex = Chance(rng, 0.85) ? "male" : "female";
  perp.age_years = Between(rng, 16, 70);
  perp.relation = child ? Pick(rng, kChildRelations) : Pick(rng, kAdultRelations);
  auto added = records.AddPerson(p, case_id, perp, std::nullopt);
  if (!added) return Fail(added.error());
  static constexpr const char* kForms[] = {"physical", "psychological", "sexual",      "sexual",
                                           "neglect",  "exploitation",  "trafficking", "other"};
  static constexpr const char* kPlaces[] = {"household",       "household", "household", "school",
                                            "public_facility", "workplace", "other"};
  IncidentInput inc;
  inc.date = Date(received - hours(24 * Between(rng, 0, 30)));
  inc.place_type = Pick(rng, kPlaces);
  inc.forms = {Pick(rng, kForms)};
  if (Chance(rng, 0.3)) {
    std::string second = Pick(rng, kForms);
    if (second != inc.forms[0]) inc.forms.push_back(second);
  }
  inc.perpetrators = {{std::string(added->body.as_object().at("person_id").as_string()), {}}};
  if (auto r = records.RecordIncident(p, case_id, inc, std::nullopt); !r) return Fail(r.error());

  // Classification and triage.
  CaseClassification cls;
  cls.case_types = {child ? "kta" : "ktp"};
  if (perp.relation == "spouse" || perp.relation == "parent") cls.case_types.push_back("kdrt");
  if (std::find(inc.forms.begin(), inc.forms.end(), "trafficking") != inc.forms.end())
    cls.case_types.push_back("tppo");
  static constexpr const char* kRisks[] = {"low", "medium", "medium", "high"};
  cls.risk_level = Pick(rng, kRisks);
  cls.jurisdiction = Chance(rng, 0.9) ? "kabupaten_kota" : "provinsi";
  cls.village_manageable = cls.risk_level == "low" && Chance(rng, 0.5);
  if (auto r = records.Classify(p, case_id, cls, std::nullopt); !r) return Fail(r.error());
  TriageInput ti{cls.case_types, cls.risk_level, cls.jurisdiction, cls.village_manageable,
                 in.crisis};
  auto rec = Triage(ti).recommendation;
  if (!rec.empty())
    if (auto r = records.DecideTriage(p, case_id, rec, "", std::nullopt); !r)
      return Fail(r.error());

  // The SOP, step by step in simulated time; stop at the real now (tasks stay open, some
  // overdue), or at random (a case still being worked).
  const sop::Sop* entry = EntrySop(job.pack, rng);
  if (!entry) return {};
  auto started = tasks.StartSop(p, case_id, {entry->id, {}}, std::nullopt);
  if (!started) return {};  // a requirement the generator does not record: no SOP then
  ++job.sops_started;
  // What a step needs, supplied as staff supply it before completing its task: the form of a
  // document kind it lacks filled and filed (DocumentService, the task's "Isi formulir"), a
  // lacking kind that has no form ticked as on file, consents given, and the facts it needs or
  // its outcome gives (`fact:`) recorded; a form an outcome of the SOP `approves` is filed at
  // the step that makes it. False when such a form cannot be filed.
  auto on_file = [&](const std::string& kind) {  // a filed form counts as `kind`
    bool found = false;
    job.app.db->ReadOne([&](store::SqlConn& c) {
      for (const auto& d : store::ListCaseDocuments(c, case_id)) {
        if (d.source != "form") continue;
        boost::json::value kinds = boost::json::parse(d.kinds);
        if (kinds.is_array())
          for (const auto& k : kinds.as_array())
            found = found || (k.is_string() && k.as_string() == kind);
      }
    });
    return found;
  };
  auto file_form = [&](const std::string& kind, const std::string& task_id) {
    auto it = job.pack.documents.find(kind);
    if (it == job.pack.documents.end()) return false;
    for (const auto& form_id : it->second.forms) {  // the first that fits the case
      const forms::Form* form = documents.forms().Find(form_id);
      if (!form) continue;
      auto values = SyntheticForm(*form, client, job.pack.unit.region_code, clock.Now());
      if (!values) continue;
      DocumentInput in{form_id, std::move(*values), std::nullopt, task_id};
      if (documents.File(p, case_id, in, std::nullopt)) return true;
    }
    return false;
  };
  auto fact_value = [&](std::string_view name) -> std::string {
    if (name == "risk_level") return cls.risk_level;
    if (name == "case_type") return cls.case_types.front();
    if (name == "jurisdiction") return cls.jurisdiction;
    return "police_examination";  // legal_proceeding
  };
  auto supply = [&](const sop::Sop& sop_def, const sop::Step& step, const std::string& task_id,
                    CompleteTaskRequest& done) {
    auto task = tasks.Get(p, task_id);
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
        done.record.values[m.substr(5)] = fact_value(std::string_view(m).substr(5));
      } else if (auto kind = job.pack.documents.find(m); kind != job.pack.documents.end()) {
        if (kind->second.forms.empty() || !(on_file(m) || file_form(m, task_id)))
          done.record.documents.push_back(m);
      }
    }
    for (const auto& out : outputs) {
      bool approved = false;
      for (const auto& st : sop_def.steps)
        for (const auto& oc : st.decision) approved = approved || oc.approves == out;
      if (approved && !on_file(out) && !file_form(out, task_id)) return false;
    }
    return true;
  };
  // Works the case's open tasks in simulated time, up to `steps` of them; false when a task
  // stays open (the real now came, or it could not be done).
  auto work = [&](int steps) {
    for (int round = 0; round < 60 && steps > 0; ++round, --steps) {
      std::optional<store::TaskRecord> open;
      job.app.db->ReadOne([&](store::SqlConn& c) {
        for (auto& t : store::ListCaseTasks(c, case_id))
          if (t.status == "open" && !open) open = std::move(t);
      });
      if (!open) return true;
      const sop::Sop* s = job.app.sops.Find(open->sop_id);
      const sop::Step* step = nullptr;
      if (s)
        for (const auto& st : s->steps)
          if (st.id == open->step_id) step = &st;
      if (!step) return false;
      clock.Advance(TaskDuration(rng, *step));
      if (clock.Now() > job.real_now) return false;
      // The outcome: the triage recommendation's where the step carries it out, else any,
      // in random order; one the recorded facts contradict (its `asserts`) is passed over.
      std::vector<std::string> outcomes;
      for (const auto& oc : step->decision)
        if (!oc.triage.empty() && oc.triage == rec) outcomes.push_back(oc.id);
      if (outcomes.empty()) {
        for (const auto& oc : step->decision) outcomes.push_back(oc.id);
        std::shuffle(outcomes.begin(), outcomes.end(), rng);
        // Most matters can be followed up: an outcome that closes the case comes last, but
        // for one case in five.
        std::stable_partition(outcomes.begin(), outcomes.end(), [&](const std::string& id) {
          for (const auto& oc : step->decision)
            if (oc.id == id &&
                std::find(std::begin(sop::kClosingEndReasons), std::end(sop::kClosingEndReasons),
                          oc.end) != std::end(sop::kClosingEndReasons))
              return Chance(rng, 0.2);
          return true;
        });
      }
      if (outcomes.empty()) outcomes.push_back("");
      std::optional<Result<WriteReply>> r;
      for (const auto& outcome : outcomes) {
        CompleteTaskRequest done;
        done.outcome = outcome;
        if (!supply(*s, *step, open->id, done)) return false;
        r.emplace(tasks.Complete(p, open->id, done, std::nullopt));
        if (!*r && (*r).error().code == "requirements_missing") {
          if (!tasks.Waive(p, open->id, "Data sintetis: persyaratan dianggap lengkap.",
                           std::nullopt))
            return false;
          r.emplace(tasks.Complete(p, open->id, done, std::nullopt));
        }
        if (!*r && (*r).error().code == "reporter_informed_required") {
          // An outcome that closes the case: the reporter was phoned.
          done.informed = ReporterInformed{"phone", FormatInstant(clock.Now()), std::nullopt};
          r.emplace(tasks.Complete(p, open->id, done, std::nullopt));
        }
        if (*r || (*r).error().code != "override_reason_required") break;
      }
      if (!r || !*r) return false;
      ++job.tasks_completed;
    }
    bool none_open = true;
    job.app.db->ReadOne([&](store::SqlConn& c) {
      for (const auto& t : store::ListCaseTasks(c, case_id))
        if (t.status == "open") none_open = false;
    });
    return none_open;
  };
  bool worked_through = work(Chance(rng, 0.15) ? Between(rng, 0, 3) : 60);

  // Some cases end. Most whose SOPs all ended are terminated as agreed — through the pack's
  // termination SOP where it has one, after the case conference its unit requires — and a
  // few still being worked end unilaterally (the client cannot be found, or refuses).
  bool closed = false;
  job.app.db->ReadOne([&](store::SqlConn& c) {
    auto k = store::FindCase(c, case_id);
    closed = k && k->status == "closed";  // an SOP end that closes the matter
  });
  if (closed) return {};
  bool agreed = worked_through && Chance(rng, 0.6);
  bool unilateral = !agreed && Chance(rng, 0.08);
  if (!agreed && !unilateral) return {};
  if (agreed) {
    const sop::Sop* ending = nullptr;
    for (const auto& s : job.pack.sops)
      if (s.kind == "termination") ending = &s;
    if (ending && tasks.StartSop(p, case_id, {ending->id, {}}, std::nullopt)) {
      ++job.sops_started;
      if (!work(60)) return {};  // still terminating at the real now
    }
  }
  clock.Advance(hours(24 * Between(rng, 1, 14)));
  if (clock.Now() > job.real_now) return {};
  auto today = LocalDate(clock.Now(), hours(7));
  std::chrono::sys_days day{today};
  // Under 18 or not, the same the day before and after (time zones aside), or no termination.
  bool minor = AgeOn(birth, today) < kAdultAge;
  if ((AgeOn(birth, std::chrono::year_month_day{day - std::chrono::days(1)}) < kAdultAge) !=
          minor ||
      (AgeOn(birth, std::chrono::year_month_day{day + std::chrono::days(1)}) < kAdultAge) != minor)
    return {};
  std::string conference;
  if (std::find(job.pack.unit.termination_requires.begin(),
                job.pack.unit.termination_requires.end(),
                "case_conference") != job.pack.unit.termination_requires.end()) {
    MeetingInput m;
    m.kind = "case_conference";
    m.held_at = FormatDate(today);
    m.place = "Kantor UPTD PPA";
    m.others = {"Tim UPTD PPA (sintetis)"};
    m.agenda = "Konferensi kasus sebelum terminasi (data sintetis).";
    if (auto r = case_work.RecordMeeting(p, case_id, m, std::nullopt); !r) return Fail(r.error());
    conference = FormatDate(today);
  }
  auto signature = [&](const char* name) {
    return boost::json::object{{"signed", true}, {"name", name}, {"date", FormatDate(today)}};
  };
  boost::json::object form{{"tanggal", FormatDate(today)},
                           {"klien", client},
                           {"klien_anak", minor},
                           {"layanan_diterima", boost::json::array{"complaint"}},
                           {"konferensi_kasus", !conference.empty()},
                           {"ttd_pendamping", signature("Pendamping Sintetis")},
                           {"ttd_ketua", signature("Kepala UPTD Sintetis")}};
  if (!conference.empty()) form["tanggal_konferensi"] = conference;
  TerminationInput t;
  t.summary = "Data sintetis: kasus diakhiri.";
  if (agreed) {
    t.kind = "normal";
    form["jenis"] = "agreed";
    form["alasan"] = boost::json::array{Chance(rng, 0.7) ? "goals_met" : "rights_fulfilled"};
    form["ttd_klien"] = signature("Klien Sintetis");
    if (minor) form["ttd_wali"] = signature("Wali Sintetis");
  } else {
    t.kind = "unilateral";
    bool missing = Chance(rng, 0.5);
    t.reason = missing ? "missing" : "refuses";
    form["jenis"] = "unilateral";
    form["alasan_sepihak"] = *t.reason;
    if (missing)
      form["upaya_menghubungi"] = "Data sintetis: tiga kali dihubungi, tidak ditemukan.";
    else
      form["keterangan_penolakan"] = "Data sintetis: keluarga menolak layanan lanjutan.";
  }
  auto ended = case_work.Terminate(p, case_id, t, form, std::nullopt,
                                   TerminationForm(job.app.config.sops_dir), std::nullopt);
  if (!ended) return Fail(ended.error());
  ++job.terminated;
  return {};
}

}  // namespace

Result<DemoSummary> GenerateDemo(App& app, const DemoOptions& o,
                                 const std::function<void(std::int64_t, std::int64_t)>& progress) {
  if (o.cases < 1 || o.cases > 10'000'000) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_value", "--cases: 1–10.000.000.",
                          "--cases must be 1-10,000,000.", "cases"));
  }
  std::optional<store::UnitRecord> unit;
  bool real = false;
  app.db->Read([&](store::SqlConn& c) {
    unit = store::FindUnitByCode(c, o.unit_code);
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
  Principal staff;
  staff.user_id = std::string(kSystemActor);
  staff.username = "demo";
  staff.display_name = "Generator demo";
  for (auto role : {"intake_officer", "case_worker", "case_manager", "section_head", "unit_head"})
    staff.roles.push_back({unit->id, role});
  auto wall = std::chrono::steady_clock::now();
  Instant now = app.clock.Now();
  std::atomic<std::int64_t> tasks_completed{0}, sops_started{0}, terminated{0}, next{0},
      finished{0};
  Job job{app,
          *unit,
          *pack,
          staff,
          now - std::chrono::hours(24 * 365),
          now - std::chrono::hours(24),
          now,
          o.seed,
          o.cases,
          tasks_completed,
          sops_started,
          terminated};
  std::mutex mu;
  std::optional<Error> failure;
  auto worker = [&] {
    SimulatedClock clock;
    DocumentService documents(*app.db, clock, app.access_log, *app.vault, app.sops,
                              FormsDirFor(app.config.sops_dir));
    for (;;) {
      std::int64_t i = next++;
      if (i >= o.cases) return;
      {
        std::lock_guard lock(mu);
        if (failure) return;
      }
      auto s = OneCase(job, i, clock, documents);
      std::lock_guard lock(mu);
      if (!s && !failure) failure = s.error();
      std::int64_t n = ++finished;
      if (progress) progress(n, o.cases);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, o.jobs); ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  if (failure) return Fail(*failure);
  DemoSummary out;
  out.cases = finished;
  out.tasks_completed = tasks_completed;
  out.sops_started = sops_started;
  out.terminated = terminated;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  return out;
}

}  // namespace lindungi
