// Every seed SOP runs end to end through the API of a real server: for each of the 19, a
// case in a unit running that SOP's pack starts it and a unit head works its tasks — and
// those of every SOP it starts — until they end, bringing at each task only what a person
// at that step would: a requirement that no step of the SOP (or of an SOP that started it)
// produces, and the value of a fact the step records. What an earlier step produces must
// come from that step, so the test proves the chain instead of filling its gaps. Checks: each
// task's deadline (the unit's time zone and working calendar), the task events and the end on the
// case's event log. Also: missing requirements (422 naming them), the supervisor's waiver,
// assignment, the inbox order, and who may do what.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "api/api_fixture.h"
#include "core/clock.h"
#include "core/time_zone.h"
#include "sop/calendar.h"
#include "sop/deadline.h"
#include "sop/loader.h"
#include "sop/standard_time.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

struct PackUnit {
  const char* pack;
  const char* code;
  const char* time_zone;
};
constexpr PackUnit kPackUnits[] = {{"kalbar", "KALBAR", "Asia/Jakarta"},
                                   {"kalteng", "KALTENG", "Asia/Jakarta"},
                                   {"babel", "BABEL", "Asia/Jakarta"},
                                   {"luwu-utara", "LUTRA", "Asia/Makassar"},
                                   {"nunukan", "NUNUKAN", "Asia/Makassar"}};

std::string Sops() {
  return std::string(LINDUNGI_SOURCE_DIR) + "/sops";
}

// An outreach plan with one officer and one cost line (forms/rencana-penjangkauan.yaml).
constexpr const char* kWalkerPlan =
    R"({"tanggal":"2026-11-30","maksud":"Melaksanakan penjangkauan korban",)"
    R"("tempat_berangkat":"Pangkalpinang","tempat_tujuan":"Kabupaten Bangka Tengah",)"
    R"("wilayah":"19.04","berangkat":"2026-12-08","kembali":"2026-12-08",)"
    R"("alat_angkut":"official_vehicle","petugas":[{"nama":"Petugas Uji","jabatan":"Manajer Kasus"}],)"
    R"("biaya":[{"jenis":"transport","uraian":"BBM pulang pergi","jumlah":250000}],)"
    R"("sumber_dana":"DPA UPTD PPA 2026","ttd_pengaju":{"signed":true,"name":"Petugas Uji"}})";

class SopRunTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    for (const auto& u : kPackUnits) {
      auto r = harness_->Cli({"unit", "add", "--code", u.code, "--name",
                              std::string("UPTD PPA ") + u.pack, "--time-zone", u.time_zone,
                              "--sop-pack", u.pack});
      if (r.exit_code != 0) throw std::runtime_error(r.output);
      harness_->AddUser(std::string("head-") + u.pack, "unit_head", u.code);
      harness_->AddUser(std::string("worker-") + u.pack, "case_worker", u.code);
    }
    harness_->AddUser("worker", "case_worker");  // unit TEST, which runs no pack
    harness_->Start();
  }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }

  std::unique_ptr<Client> As(const std::string& user) {
    auto c = std::make_unique<Client>(harness_->base_url());
    EXPECT_EQ(c->Login(user, kTestPassword).status, 201);
    return c;
  }

  static std::string PackOf(const std::string& sop_id) {
    return sop_id.substr(0, sop_id.find('/'));
  }
  static const PackUnit& UnitOf(const std::string& pack) {
    for (const auto& u : kPackUnits)
      if (pack == u.pack) return u;
    throw std::runtime_error("no unit for pack " + pack);
  }

  std::string NewCase(Client& c, const std::string& name) {
    auto r = c.Post("/api/v1/cases", IntakeJson(name));
    EXPECT_EQ(r.status, 201) << r.body;
    return Str(r.Json(), "id");
  }

  // The working calendar the server should use for a pack's unit.
  static sop::Calendar CalendarOf(const std::string& pack) {
    std::vector<sop::Diagnostic> diags;
    sop::Calendar cal;
    sop::LoadCalendars(Sops() + "/calendars", cal, diags);
    auto p = sop::LoadPack(Sops() + "/" + pack, diags);
    sop::AddUnitDaysOff(p.unit, cal, diags);
    return cal;
  }

  // The task's deadline is what its standard time gives from its opening moment in the
  // unit's zone and calendar; working-day deadlines end at 23:59:59.999 local time.
  // `from`: when the clock started, if not when the task opened (the first step of a case's
  // first SOP runs from when the complaint was received).
  static void ExpectDeadline(const json::object& task, const std::string& pack,
                             const std::optional<std::string>& from = std::nullopt) {
    std::string st = Str(task, "standard_time");
    auto t = sop::ParseStandardTime(st);
    ASSERT_TRUE(t) << st;
    const auto& due = task.at("due_at");
    if (t->unit == sop::TimeUnit::kNone) {
      EXPECT_TRUE(due.is_null()) << json::serialize(task);
      return;
    }
    ASSERT_TRUE(due.is_string()) << json::serialize(task);
    auto opened = ParseInstant(from.value_or(Str(task, "opened_at")));
    ASSERT_TRUE(opened);
    auto offset = *UtcOffsetOf(UnitOf(pack).time_zone);
    auto expected = sop::DueAt(*opened, *t, CalendarOf(pack), offset);
    ASSERT_TRUE(expected);
    EXPECT_EQ(std::string(due.as_string()), FormatInstant(expected->due))
        << Str(task, "sop_id") << " " << Str(task, "step_id") << " " << st;
    auto due_at = *ParseInstant(std::string(due.as_string()));
    if (t->unit == sop::TimeUnit::kMinutes) {
      EXPECT_EQ(due_at - *opened, std::chrono::minutes(t->high));
    } else if (t->unit == sop::TimeUnit::kHours) {
      EXPECT_EQ(due_at - *opened, std::chrono::hours(t->high));
    } else if (t->unit == sop::TimeUnit::kWorkingDays) {
      auto local = due_at + offset;
      auto tod = local - std::chrono::floor<std::chrono::days>(local);
      EXPECT_EQ(std::chrono::floor<std::chrono::seconds>(tod),
                std::chrono::hours(23) + std::chrono::minutes(59) + std::chrono::seconds(59));
      EXPECT_GE(due_at - *opened, std::chrono::hours(24) * t->high);
    }
  }

  // The outcome a walker takes: forward to a later step if there is one (the longest path
  // without loops), else the first that ends. A step met again on the case (a loop, or an
  // SOP started again by a later one) takes the next choice in that order, so a walk that
  // went round once leaves the loop.
  static std::string ChooseOutcome(const json::object& sop, const json::object& task,
                                   int visit = 0) {
    const auto& steps = sop.at("steps").as_array();
    auto index_of = [&](const std::string& id) {
      for (std::size_t i = 0; i < steps.size(); ++i)
        if (Str(steps[i], "id") == id) return int(i);
      return -1;
    };
    const auto& outcomes = task.at("outcomes").as_array();
    if (outcomes.empty()) return {};
    int here = index_of(Str(task, "step_id"));
    const json::object* step = &steps[std::size_t(here)].as_object();
    std::vector<std::string> forward, ending, other;
    for (const auto& o : step->at("decision").as_array()) {
      const auto& oo = o.as_object();
      if (auto* next = oo.if_contains("next");
          next && index_of(std::string(next->as_string())) > here)
        forward.push_back(Str(oo, "outcome"));
      else if (oo.contains("end"))
        ending.push_back(Str(oo, "outcome"));
      else
        other.push_back(Str(oo, "outcome"));
    }
    std::vector<std::string> order = forward;
    order.insert(order.end(), ending.begin(), ending.end());
    order.insert(order.end(), other.begin(), other.end());
    return order.at(std::size_t(visit) % order.size());
  }

  // Everything the steps of `sop` (a GET /sops/{id} body) produce, on any outcome or
  // condition: a step's work, never brought by hand.
  static std::set<std::string> ProducedBy(const json::object& sop) {
    std::set<std::string> out;
    auto add = [&](const json::value* list) {
      if (list)
        for (const auto& x : list->as_array()) out.insert(std::string(x.as_string()));
    };
    for (const auto& st : sop.at("steps").as_array()) {
      const auto& step = st.as_object();
      add(step.if_contains("produces"));
      if (auto* d = step.if_contains("decision"))
        for (const auto& o : d->as_array()) add(o.as_object().if_contains("produces"));
      if (auto* c = step.if_contains("conditions"))
        for (const auto& o : c->as_array()) add(o.as_object().if_contains("produces"));
    }
    return out;
  }

  static std::string FactValue(const std::string& name) {
    if (name == "risk_level") return "medium";
    if (name == "legal_proceeding") return "police_examination";
    if (name == "jurisdiction") return "kabupaten_kota";
    return "kta";
  }

  // A completion body with what the person at this step brings: each missing requirement
  // that no step of the chain produces (`chain_made`), and the facts this step (with
  // `outcome`) records. Nothing an earlier step should have produced.
  static std::string CompletionFor(const json::object& task, const std::string& outcome,
                                   const std::set<std::string>& chain_made = {}) {
    json::array documents, consents;
    json::object facts;
    std::set<std::string> mine;  // the facts this step records
    auto add_facts = [&](const json::value* list) {
      if (!list) return;
      for (const auto& x : list->as_array()) {
        std::string v(x.as_string());
        if (v.starts_with("fact:")) mine.insert(v.substr(5));
      }
    };
    bool outcome_has_own = false;
    for (const auto& o : task.at("outcomes").as_array()) {
      if (Str(o, "outcome") != outcome || !o.as_object().contains("produces")) continue;
      add_facts(o.as_object().if_contains("produces"));
      outcome_has_own = true;
    }
    if (!outcome_has_own) add_facts(task.if_contains("produces"));
    for (const auto& f : mine) facts[f] = FactValue(f);
    std::set<std::string> own;  // what this step gives: it brings and passes these on
    auto add_own = [&](const json::value* list) {
      if (list)
        for (const auto& x : list->as_array()) own.insert(std::string(x.as_string()));
    };
    add_own(task.if_contains("produces"));
    for (const auto& o : task.at("outcomes").as_array())
      add_own(o.as_object().if_contains("produces"));
    for (const auto& m : task.at("missing").as_array()) {
      std::string s(m.as_string());
      // An earlier step's work is not brought by hand.
      if (chain_made.contains(s) && !own.contains(s)) continue;
      if (s.starts_with("consent:"))
        consents.emplace_back(s.substr(8));
      else if (s.starts_with("fact:"))
        facts[s.substr(5)] = FactValue(s.substr(5));
      else
        documents.emplace_back(s);
    }
    json::object body{{"note", "Dikerjakan oleh uji otomatis."},
                      {"documents", documents},
                      {"consents", consents},
                      {"facts", facts}};
    if (!outcome.empty()) body["outcome"] = outcome;
    return json::serialize(body);
  }

  // Completes `task` with `outcome` and what it lacks; an outcome the recorded facts
  // contradict (a walker's choice) is taken with a reason, as staff would.
  static HttpResult Complete(Client& c, const json::object& task, const std::string& outcome,
                             const std::set<std::string>& made_earlier = {}) {
    std::string path = "/api/v1/tasks/" + Str(task, "id") + "/complete";
    // An outcome that approves a filled form (Babel's outreach plan, docs/sop-format.md
    // `approves`) needs the form on the case: the walker files it as the step that makes the
    // plan would have, once per case.
    for (const auto& o : task.at("outcomes").as_array()) {
      if (Str(o, "outcome") != outcome || !o.as_object().contains("approves")) continue;
      EXPECT_EQ(Str(o, "approves"), "rencana-penjangkauan");
      std::string docs = "/api/v1/cases/" + Str(task, "case_id") + "/documents";
      if (c.Get(docs).body.find("rencana-penjangkauan") == std::string::npos) {
        auto filed = c.Post(
            docs, std::string(R"({"form":"rencana-penjangkauan","values":)") + kWalkerPlan + "}");
        EXPECT_EQ(filed.status, 201) << filed.body;
      }
    }
    auto done = c.Post(path, CompletionFor(task, outcome, made_earlier));
    if (done.ErrorCode() != "override_reason_required") return done;
    auto body = json::parse(CompletionFor(task, outcome, made_earlier)).as_object();
    body["override_reason"] = "Uji otomatis: jalur ini yang diuji.";
    return c.Post(path, json::serialize(body));
  }

  // Works the case's open tasks forward (as the unit head) until one of step `step_id` is
  // open, and returns it (with what it lacks).
  static json::object WalkTo(Client& c, const std::string& case_id, const std::string& sop_id,
                             const std::string& step_id) {
    auto sop = c.Get("/api/v1/sops/" + sop_id).Json().as_object();
    for (int guard = 0; guard < 40; ++guard) {
      auto open = c.Get("/api/v1/tasks?scope=unit&case_id=" + case_id).Json();
      const auto& items = open.at("items").as_array();
      if (items.empty()) break;
      const json::value* pick = &items[0];
      for (const auto& t : items)
        if (Str(t, "step_id") == step_id && Str(t, "sop_id") == sop_id) pick = &t;
      auto task = c.Get("/api/v1/tasks/" + Str(*pick, "id")).Json().as_object();
      if (Str(task, "step_id") == step_id && Str(task, "sop_id") == sop_id) return task;
      auto done = Complete(
          c, task,
          ChooseOutcome(c.Get("/api/v1/sops/" + Str(task, "sop_id")).Json().as_object(), task));
      EXPECT_EQ(done.status, 200) << done.body;
      if (done.status != 200) break;
    }
    ADD_FAILURE() << "never reached " << sop_id << " " << step_id;
    return {};
  }

  static inline ServerHarness* harness_ = nullptr;
};

// The instance of `instance_id` in GET /cases/{id}/sops.
json::object Instance(Client& c, const std::string& case_id, const std::string& instance_id) {
  auto r = c.Get("/api/v1/cases/" + case_id + "/sops");
  EXPECT_EQ(r.status, 200) << r.body;
  auto body = r.Json();
  for (const auto& i : body.at("items").as_array())
    if (Str(i, "id") == instance_id) return i.as_object();
  ADD_FAILURE() << "no instance " << instance_id;
  return {};
}

TEST_F(SopRunTest, EverySeedSopRunsToAnEnd) {
  auto anyone = As("head-kalteng");
  auto list = anyone->Get("/api/v1/sops").Json();
  const auto& sops = list.at("items").as_array();
  ASSERT_EQ(sops.size(), 19u);
  std::map<std::string, json::object> sop_of;  // id -> GET /sops/{id}
  std::set<std::string> ran;                   // SOPs that ran to an end, started or chained
  for (const auto& s : sops) {
    std::string sop_id = Str(s, "id");
    std::string pack = PackOf(sop_id);
    SCOPED_TRACE(sop_id);
    auto head = As("head-" + pack);
    auto sop_json = [&](const std::string& id) -> const json::object& {
      if (!sop_of.contains(id)) sop_of[id] = head->Get("/api/v1/sops/" + id).Json().as_object();
      return sop_of.at(id);
    };
    // An SOP that another of its pack starts is walked through that chain (from the SOP
    // that no other starts); started by hand here, only its own tasks are worked.
    bool chained = false;
    for (const auto& other : sops) {
      if (PackOf(Str(other, "id")) != pack) continue;
      for (const auto& st : sop_json(Str(other, "id")).at("steps").as_array()) {
        const auto& step = st.as_object();
        if (auto* start = step.if_contains("start"); start && start->as_string() == sop_id)
          chained = true;
        if (auto* d = step.if_contains("decision"))
          for (const auto& o : d->as_array())
            if (auto* start = o.as_object().if_contains("start");
                start && start->as_string() == sop_id)
              chained = true;
      }
    }
    std::string case_id = NewCase(*head, "Klien " + sop_id);
    std::string received_at = Str(head->Get("/api/v1/cases/" + case_id).Json(), "received_at");

    auto started =
        head->Post("/api/v1/cases/" + case_id + "/sops", R"({"sop":")" + sop_id + R"("})");
    ASSERT_EQ(started.status, 201) << started.body;
    std::string instance_id = Str(started.Json(), "instance_id");
    json::object inst = Instance(*head, case_id, instance_id);
    const std::string started_at = Str(inst, "started_at");

    // Work every open task of the case — the started SOP's and those of the SOPs it
    // starts (unless it is itself a chained one) — until none is left.
    int completed = 0;
    bool idle = false;
    std::map<std::string, int> visits;  // "<sop>/<step>" -> times done on this case
    for (int round = 0; round < 400 && !idle; ++round) {
      auto all = head->Get("/api/v1/cases/" + case_id + "/sops").Json();
      std::map<std::string, std::pair<std::string, std::string>> instances;  // id -> sop, parent
      const json::object* open = nullptr;
      for (const auto& i : all.at("items").as_array()) {
        instances[Str(i, "id")] = {
            Str(i, "sop_id"), i.at("parent_id").is_null() ? std::string() : Str(i, "parent_id")};
        if (chained && Str(i, "id") != instance_id) continue;
        for (const auto& t : i.at("tasks").as_array())
          if (Str(t, "status") == "open" && !open) open = &t.as_object();
      }
      if (!open) {
        idle = true;
        break;
      }
      // The chain: this task's SOP and every SOP that started it.
      std::set<std::string> chain_made;
      for (std::string at = Str(*open, "instance_id"); !at.empty(); at = instances.at(at).second) {
        auto made = ProducedBy(sop_json(instances.at(at).first));
        chain_made.insert(made.begin(), made.end());
      }
      std::string task_id = Str(*open, "id");
      auto task = head->Get("/api/v1/tasks/" + task_id).Json().as_object();
      // The tasks this first SOP opened as it started run from the complaint's arrival.
      std::optional<std::string> from;
      if (Str(task, "opened_at") == started_at) from = received_at;
      ExpectDeadline(task, pack, from);
      EXPECT_EQ(Str(task, "case_id"), case_id);
      int visit = visits[Str(task, "sop_id") + "/" + Str(task, "step_id")]++;
      auto done = Complete(*head, task, ChooseOutcome(sop_json(Str(task, "sop_id")), task, visit),
                           chain_made);
      ASSERT_EQ(done.status, 200) << Str(task, "sop_id") << " " << Str(task, "step_id") << ": "
                                  << done.body;
      EXPECT_EQ(Str(done.Json().at("task"), "status"), "completed");
      ++completed;
    }
    ASSERT_TRUE(idle) << "tasks still open after 400 completions";
    auto after = head->Get("/api/v1/cases/" + case_id + "/sops").Json();
    for (const auto& i : after.at("items").as_array()) {
      if (chained && Str(i, "id") != instance_id) continue;
      EXPECT_EQ(Str(i, "status"), "ended") << Str(i, "sop_id");
      ran.insert(Str(i, "sop_id"));
    }
    inst = Instance(*head, case_id, instance_id);
    ASSERT_EQ(Str(inst, "status"), "ended") << json::serialize(inst);
    EXPECT_FALSE(inst.at("end_reason").is_null());
    EXPECT_GE(completed, 1);

    // The log holds the whole run, hash-chained.
    auto events = head->Get("/api/v1/cases/" + case_id + "/events").Json();
    std::map<std::string, int> count;
    std::string end_reason;
    for (const auto& e : events.at("items").as_array()) {
      const auto& payload = e.at("payload").as_object();
      auto* inst_id = payload.if_contains("instance_id");
      bool mine = inst_id && inst_id->as_string() == instance_id;
      std::string type = Str(e, "type");
      if (mine || type == "TaskCompleted" || type == "TaskClosed") ++count[type];
      if (mine && type == "SopEnded") end_reason = Str(payload, "reason");
      EXPECT_EQ(Str(e, "hash").size(), 64u);
    }
    EXPECT_EQ(count["SopStarted"], 1);
    EXPECT_EQ(count["SopEnded"], 1);
    EXPECT_EQ(end_reason, Str(inst, "end_reason"));
    EXPECT_GE(count["TaskOpened"], int(inst.at("tasks").as_array().size()));
    EXPECT_EQ(count["TaskCompleted"], completed);
  }
  EXPECT_EQ(ran.size(), 19u);
}

TEST_F(SopRunTest, MissingRequirementsAreNamedAndASupervisorMayWaiveThem) {
  auto head = As("head-kalteng");
  auto worker = As("worker-kalteng");
  std::string case_id = NewCase(*head, "Klien Kelengkapan");
  auto started = head->Post("/api/v1/cases/" + case_id + "/sops",
                            R"({"sop":"kalteng/pengaduan-tidak-langsung"})");
  ASSERT_EQ(started.status, 201) << started.body;
  // Step 1 (petugas administrasi) needs the complaint file.
  auto started_json = started.Json();
  const auto& first = started_json.at("open_tasks").as_array().at(0);
  std::string task_id = Str(first, "id");
  EXPECT_EQ(Str(first, "role"), "admin_officer");
  EXPECT_EQ(Str(first, "step_id"), "serahkan-berkas");

  // A case worker of the unit sees the case (its pack names case workers: they may start
  // its SOPs), but the task is another role's ...
  auto r = worker->Post("/api/v1/tasks/" + task_id + "/complete", "{}");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.ErrorCode(), "not_your_task");
  // ... and once on its team, still holds another role than the task's: not theirs.
  std::string worker_id = Str(worker->Get("/api/v1/session").Json().at("user"), "id");
  r = head->Post("/api/v1/cases/" + case_id + "/team", R"({"user_id":")" + worker_id + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = worker->Post("/api/v1/tasks/" + task_id + "/complete", "{}");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.ErrorCode(), "not_your_task");

  r = head->Post("/api/v1/tasks/" + task_id + "/complete", "{}");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "requirements_missing");
  EXPECT_NE(r.body.find("berkas-pengaduan"), std::string::npos) << r.body;

  // Unknown vocabulary is refused with the field named.
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", R"({"documents":["tidak-ada"]})");
  EXPECT_EQ(r.ErrorCode(), "unknown_document");
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", R"({"consents":["semua"]})");
  EXPECT_EQ(r.ErrorCode(), "unknown_consent");
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", R"({"facts":{"hiv":"ya"}})");
  EXPECT_EQ(r.ErrorCode(), "invalid_fact");
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", R"({"facts":{"risk_level":"sedang"}})");
  EXPECT_EQ(r.ErrorCode(), "invalid_fact");
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", R"({"outcome":"escalate"})");
  EXPECT_EQ(r.ErrorCode(), "invalid_outcome");
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", R"({"outcom":"x"})");
  EXPECT_EQ(r.ErrorCode(), "unknown_field");
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", R"({"documents":"ktp"})");
  EXPECT_EQ(r.ErrorCode(), "wrong_type");
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", "{not json");
  EXPECT_EQ(r.ErrorCode(), "malformed_json");
  r = head->Post("/api/v1/tasks/" + task_id + "/assign", "{}");
  EXPECT_EQ(r.ErrorCode(), "required");

  // Only a supervisor waives, and only with a reason.
  r = worker->Post("/api/v1/tasks/" + task_id + "/waive", R"({"reason":"Berkas menyusul besok."})");
  EXPECT_EQ(r.status, 403);
  r = head->Post("/api/v1/tasks/" + task_id + "/waive", R"({"reason":""})");
  EXPECT_EQ(r.ErrorCode(), "invalid_reason");
  r = head->Post("/api/v1/tasks/" + task_id + "/waive", R"({"reason":"Berkas menyusul besok."})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto waived = r.Json();
  EXPECT_EQ(Str(waived.at("waiver"), "reason"), "Berkas menyusul besok.");
  EXPECT_EQ(waived.at("waiver").at("requirements").as_array().at(0), "berkas-pengaduan");

  r = head->Post("/api/v1/tasks/" + task_id + "/complete",
                 R"({"note":"Tanpa berkas (dikecualikan)."})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto done = r.Json();
  EXPECT_EQ(Str(done.at("task"), "status"), "completed");
  // The next step (klarifikasi, 5 working days) is open for the case worker.
  const auto& next = done.at("open_tasks").as_array().at(0);
  EXPECT_EQ(Str(next, "step_id"), "klarifikasi");
  EXPECT_EQ(Str(next, "role"), "case_worker");
  EXPECT_FALSE(next.at("due_at").is_null());

  // Completing twice is a conflict, not a second completion.
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", "{}");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.ErrorCode(), "task_not_open");

  auto events = head->Get("/api/v1/cases/" + case_id + "/events").Json();
  std::vector<std::string> types;
  for (const auto& e : events.at("items").as_array()) types.push_back(Str(e, "type"));
  EXPECT_NE(std::find(types.begin(), types.end(), "TaskRequirementsWaived"), types.end());
}

TEST_F(SopRunTest, InboxListsMyRolesTasksSoonestDueFirstAndAssignmentNarrowsIt) {
  auto head = As("head-luwu-utara");
  auto worker = As("worker-luwu-utara");
  std::vector<std::string> cases;
  for (int i = 0; i < 3; ++i) {
    cases.push_back(NewCase(*head, "Klien Kotak Masuk " + std::to_string(i)));
    auto r = head->Post("/api/v1/cases/" + cases.back() + "/sops",
                        R"({"sop":"luwu-utara/identifikasi"})");
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // Starting the same SOP twice on a case is refused.
  auto again =
      head->Post("/api/v1/cases/" + cases[0] + "/sops", R"({"sop":"luwu-utara/identifikasi"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.ErrorCode(), "sop_running");
  // An SOP of another unit's pack is not this unit's.
  auto other = head->Post("/api/v1/cases/" + cases[0] + "/sops", R"({"sop":"kalteng/mediasi"})");
  EXPECT_EQ(other.status, 404);

  // The unit head sees every open task of the unit with scope=unit; by role, none is theirs.
  EXPECT_EQ(worker->Get("/api/v1/tasks?scope=unit").ErrorCode(), "supervisor_required");
  auto inbox = head->Get("/api/v1/tasks?scope=unit&page_size=200").Json();
  const auto& items = inbox.at("items").as_array();
  ASSERT_GE(items.size(), 3u);
  std::string prev;
  for (const auto& t : items) {
    std::string key = t.at("due_at").is_null() ? "~" : Str(t, "due_at");
    EXPECT_LE(prev, key) << "inbox not in due order";
    prev = key;
  }
  // Page by page (keyset cursor), the same tasks in the same order.
  std::vector<std::string> paged;
  std::string cursor;
  for (int guard = 0; guard < 500; ++guard) {
    auto res = head->Get("/api/v1/tasks?scope=unit&page_size=2" +
                         (cursor.empty() ? "" : "&after=" + UrlEncode(cursor)));
    ASSERT_EQ(res.status, 200) << res.body;
    auto page = res.Json();
    for (const auto& t : page.at("items").as_array()) paged.push_back(Str(t, "id"));
    if (page.at("next").is_null()) break;
    cursor = Str(page, "next");
  }
  std::vector<std::string> whole;
  for (const auto& t : items) whole.push_back(Str(t, "id"));
  EXPECT_EQ(paged, whole);

  // The case worker sees the tasks of the case-worker role only.
  auto mine = worker->Get("/api/v1/tasks?page_size=200").Json();
  for (const auto& t : mine.at("items").as_array()) EXPECT_EQ(Str(t, "role"), "case_worker");

  // Assign a task to the case worker: it appears under ?mine=true.
  std::string task_id = Str(items[0], "id");
  std::string worker_id = Str(worker->Get("/api/v1/session").Json().at("user"), "id");
  auto r = worker->Post("/api/v1/tasks/" + task_id + "/assign",
                        R"({"assignee":")" + worker_id + R"("})");
  if (Str(items[0], "role") != "case_worker") {
    // Another role's task of a case they see (the pack names case workers): only a
    // supervisor or case manager assigns it.
    EXPECT_EQ(r.ErrorCode(), "cannot_assign") << r.body;
  }
  std::string head_id = Str(head->Get("/api/v1/session").Json().at("user"), "id");
  r = head->Post("/api/v1/tasks/" + task_id + "/assign", R"({"assignee":")" + head_id + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.Json(), "assignee"), head_id);
  auto assigned = head->Get("/api/v1/tasks?mine=true").Json();
  EXPECT_EQ(head->Get("/api/v1/tasks").Json().at("items").as_array().size(), 1u);  // assigned
  ASSERT_EQ(assigned.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(assigned.at("items").as_array()[0], "id"), task_id);
  r = head->Post("/api/v1/tasks/" + task_id + "/assign",
                 R"({"assignee":"00000000-0000-0000-0000-000000000000"})");
  EXPECT_EQ(r.ErrorCode(), "assignee_lacks_role");
  r = head->Post("/api/v1/tasks/" + task_id + "/assign", R"({"assignee":null})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.Json().at("assignee").is_null());

  // Filters: by case, overdue (none yet), bad values named.
  auto by_case = head->Get("/api/v1/tasks?scope=unit&case_id=" + cases[1]).Json();
  for (const auto& t : by_case.at("items").as_array()) EXPECT_EQ(Str(t, "case_id"), cases[1]);
  EXPECT_GE(by_case.at("items").as_array().size(), 1u);
  EXPECT_EQ(head->Get("/api/v1/tasks?overdue=true").Json().at("items").as_array().size(), 0u);
  EXPECT_EQ(head->Get("/api/v1/tasks?overdue=maybe").ErrorCode(), "invalid_value");
  EXPECT_EQ(head->Get("/api/v1/tasks?colour=red").ErrorCode(), "unknown_parameter");
  EXPECT_EQ(head->Get("/api/v1/tasks?page_size=500").ErrorCode(), "invalid_page_size");
  EXPECT_EQ(head->Get("/api/v1/tasks?after=kemarin").ErrorCode(), "invalid_cursor");
}

TEST_F(SopRunTest, TasksOfAnotherUnitAreInvisibleAndAUnitWithoutAPackCannotStart) {
  auto head = As("head-babel");
  std::string case_id = NewCase(*head, "Klien Babel");
  auto r =
      head->Post("/api/v1/cases/" + case_id + "/sops", R"({"sop":"babel/penjangkauan-korban"})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto started_json = r.Json();
  std::string task_id = Str(started_json.at("open_tasks").as_array().at(0), "id");

  auto outsider = As("worker-kalteng");
  EXPECT_EQ(outsider->Get("/api/v1/tasks/" + task_id).status, 404);
  EXPECT_EQ(outsider->Post("/api/v1/tasks/" + task_id + "/complete", "{}").status, 404);
  EXPECT_EQ(outsider->Get("/api/v1/cases/" + case_id + "/sops").status, 404);
  EXPECT_EQ(outsider->Get("/api/v1/tasks?case_id=" + case_id).Json().at("items").as_array().size(),
            0u);

  auto test_unit = As("worker");
  std::string plain = NewCase(*test_unit, "Klien Tanpa Paket");
  r = test_unit->Post("/api/v1/cases/" + plain + "/sops", R"({"sop":"kalteng/mediasi"})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "unit_has_no_sop_pack");
  EXPECT_EQ(test_unit->Post("/api/v1/cases/" + plain + "/sops", R"({"sop":1})").ErrorCode(),
            "wrong_type");
  Client anon(harness_->base_url());
  EXPECT_EQ(anon.Get("/api/v1/tasks").status, 401);
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {

// The task tables are projections: `lindungi rebuild` from the log gives the same answers.
TEST_F(SopRunTest, RebuildFromTheLogGivesTheSameInstancesTasksAndFacts) {
  std::string case_id, before;
  {
    auto head = As("head-kalbar");
    case_id = NewCase(*head, "Klien Rebuild");
    auto r = head->Post(
        "/api/v1/cases/" + case_id + "/sops",
        R"({"sop":"kalbar/pengelolaan-kasus","facts":{"hiv":true},"consents":["services"]})");
    ASSERT_EQ(r.status, 201) << r.body;
    auto started = r.Json();
    std::string task_id = Str(started.at("open_tasks").as_array().at(0), "id");
    auto task = head->Get("/api/v1/tasks/" + task_id).Json().as_object();
    auto sop = head->Get("/api/v1/sops/kalbar/pengelolaan-kasus").Json().as_object();
    ASSERT_EQ(head->Post("/api/v1/tasks/" + task_id + "/complete",
                         CompletionFor(task, ChooseOutcome(sop, task), ProducedBy(sop)))
                  .status,
              200);
    before = head->Get("/api/v1/cases/" + case_id + "/sops").body;
    EXPECT_NE(before.find("\"hiv\""), std::string::npos) << before;
  }
  harness_->Stop();
  auto r = harness_->Cli({"rebuild"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = harness_->Cli({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  harness_->Start();
  auto head = As("head-kalbar");
  EXPECT_EQ(head->Get("/api/v1/cases/" + case_id + "/sops").body, before);
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {

// Classification and identification triage on a Luwu Utara case: the recommendation with
// its reasons, the triage step's recommended outcome, an override needing its reason, and
// the decision in the history.
// The case's facts count every client: a girl and her mother on one case make both `child`
// and `woman` hold, so the Nunukan crisis assessment (row 10) files the children's form
// (Form 6) and the women's (Form 5) — and not Form 7, with no trafficking recorded — and
// row 11 finds them there.
TEST_F(SopRunTest, EveryClientOfTheCaseCountsForItsFacts) {
  auto head = As("head-nunukan");
  std::string case_id = NewCase(*head, "Klien Anak Nunukan");  // a girl born 2012
  std::string path = "/api/v1/cases/" + case_id;
  auto added = head->Post(path + "/people",
                          R"({"role":"client","name":"Ibu Klien","sex":"female","age_years":34})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string sop_id = "nunukan/pengaduan-langsung-krisis";
  auto sop = head->Get("/api/v1/sops/" + sop_id).Json().as_object();
  ASSERT_EQ(head->Post(path + "/sops", R"({"sop":")" + sop_id + R"("})").status, 201);
  json::object task;
  for (int guard = 0; guard < 30; ++guard) {
    auto open = head->Get("/api/v1/tasks?scope=unit&case_id=" + case_id).Json();
    ASSERT_FALSE(open.at("items").as_array().empty()) << "the SOP ended before row 11";
    std::string id = Str(open.at("items").as_array()[0], "id");
    task = head->Get("/api/v1/tasks/" + id).Json().as_object();
    if (Str(task, "step_id") == "rekomendasi-naskah-kesepakatan") break;
    auto done = head->Post("/api/v1/tasks/" + id + "/complete",
                           CompletionFor(task, ChooseOutcome(sop, task), ProducedBy(sop)));
    ASSERT_EQ(done.status, 200) << done.body;
  }
  ASSERT_EQ(Str(task, "step_id"), "rekomendasi-naskah-kesepakatan");
  auto recorded = head->Get(path + "/sops").Json().at("recorded");
  const auto& documents = recorded.at("document").as_object();
  EXPECT_TRUE(documents.contains("form-06")) << "the girl: the children's assessment";
  EXPECT_TRUE(documents.contains("form-05")) << "her mother, also a client: the women's";
  EXPECT_FALSE(documents.contains("form-07")) << "no trafficking recorded";
  EXPECT_TRUE(recorded.at("consent").as_object().contains("services"))
      << "row 10's informed consent is the case's consent, not a document";
  EXPECT_FALSE(documents.contains("consent:services"));
  // Row 11 requires Forms 5 and 6 for this case, and has them from row 10.
  EXPECT_TRUE(task.at("missing").as_array().empty()) << json::serialize(task);
}

TEST_F(SopRunTest, TriageRecommendsAndAnOverrideNeedsAReason) {
  auto head = As("head-luwu-utara");
  std::string case_id = NewCase(*head, "Klien Triase");
  std::string path = "/api/v1/cases/" + case_id;
  auto t = head->Get(path + "/triage").Json();
  EXPECT_TRUE(t.at("recommendation").is_null());
  EXPECT_EQ(t.at("missing").as_array().at(0).as_string(), "case_type");

  // Bad classifications are named.
  auto r = head->Request("PUT", path + "/classification", R"({"case_types":[]})");
  EXPECT_EQ(r.ErrorCode(), "required");
  r = head->Request("PUT", path + "/classification", R"({"case_types":["kta","sihir"]})");
  EXPECT_EQ(r.ErrorCode(), "unknown_value");
  EXPECT_EQ(r.Json().at("error").at("field").as_string(), "case_types");
  r = head->Request("PUT", path + "/classification",
                    R"({"case_types":["kta"],"ampk_categories":["disability"]})");
  EXPECT_EQ(r.ErrorCode(), "ampk_type_required");
  r = head->Request("PUT", path + "/classification",
                    R"({"case_types":["kta"],"risk_level":"sedang"})");
  EXPECT_EQ(r.ErrorCode(), "invalid_value");

  // Low risk the village can handle: PATBM (rule b).
  r = head->Request(
      "PUT", path + "/classification",
      R"({"case_types":["kta","ampk"],"ampk_categories":["disability"],)"
      R"("risk_level":"low","jurisdiction":"kabupaten_kota","village_manageable":true})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.Json().at("triage"), "recommendation"), "hand_to_patbm");
  auto k = head->Get(path).Json();
  EXPECT_EQ(Str(k.at("classification"), "risk_level"), "low");
  auto sops = head->Get(path + "/sops").Json();
  EXPECT_EQ(Str(sops.at("recorded").at("value"), "case_type"), "kta,ampk");
  t = head->Get(path + "/triage").Json();
  EXPECT_EQ(Str(t, "recommendation"), "hand_to_patbm");
  EXPECT_EQ(Str(t.at("reasons").as_array().at(0), "rule"), "b");

  // Walk identification to its triage step (step 5).
  auto identifikasi = head->Get("/api/v1/sops/luwu-utara/identifikasi").Json().as_object();
  auto started = head->Post(path + "/sops", R"({"sop":"luwu-utara/identifikasi"})");
  ASSERT_EQ(started.status, 201) << started.body;
  json::object task;
  for (int guard = 0; guard < 20; ++guard) {
    auto open = head->Get("/api/v1/tasks?scope=unit&case_id=" + case_id).Json();
    ASSERT_FALSE(open.at("items").as_array().empty());
    std::string id = Str(open.at("items").as_array()[0], "id");
    task = head->Get("/api/v1/tasks/" + id).Json().as_object();
    if (task.contains("triage")) break;
    const auto& outcomes = task.at("outcomes").as_array();
    std::string outcome = outcomes.empty() ? "" : Str(outcomes.back(), "outcome");
    auto done = head->Post("/api/v1/tasks/" + id + "/complete",
                           CompletionFor(task, outcome, ProducedBy(identifikasi)));
    ASSERT_EQ(done.status, 200) << done.body;
  }
  ASSERT_TRUE(task.contains("triage")) << "reached the triage step";
  EXPECT_EQ(Str(task.at("triage"), "recommended_outcome"), "akses-patbm");
  std::string task_id = Str(task, "id");
  // Continuing here instead of PATBM overrides the recommendation: not without a reason.
  std::string body = CompletionFor(task, "lanjut-kewenangan-kabupaten", ProducedBy(identifikasi));
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", body);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "override_reason_required");
  auto with_reason = json::parse(body).as_object();
  with_reason["override_reason"] = "Keluarga tidak mau ditangani PATBM desa.";
  r = head->Post("/api/v1/tasks/" + task_id + "/complete", json::serialize(with_reason));
  ASSERT_EQ(r.status, 200) << r.body;
  auto decided = head->Get(path + "/triage").Json().at("decided");
  EXPECT_EQ(Str(decided, "decision"), "continue_here");
  EXPECT_EQ(Str(decided, "recommendation"), "hand_to_patbm");
  EXPECT_TRUE(decided.at("overridden").as_bool());
  EXPECT_EQ(Str(decided, "reason"), "Keluarga tidak mau ditangani PATBM desa.");
  std::string history = head->Get(path + "/events").body;
  EXPECT_NE(history.find("TriageDecided"), std::string::npos);
  EXPECT_NE(history.find("CaseClassified"), std::string::npos);

  // The standalone decision: confirming needs no reason, another decision does.
  EXPECT_EQ(head->Post(path + "/triage", R"({"decision":"hand_to_patbm"})").status, 200);
  r = head->Post(path + "/triage", R"({"decision":"information_only"})");
  EXPECT_EQ(r.ErrorCode(), "override_reason_required");
  EXPECT_EQ(head->Post(path + "/triage", R"({"decision":"ke-dukun"})").ErrorCode(),
            "invalid_value");
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {

std::string HoursAgo(int h) {
  return FormatInstant(std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now() - std::chrono::hours(h)));
}

// Issue 12 item 8: a complaint entered late is due as the SOP says from when it arrived.
TEST_F(SopRunTest, TheFirstStepsClockRunsFromWhenTheComplaintArrived) {
  auto head = As("head-kalteng");
  std::string received = HoursAgo(3);
  auto body = json::parse(IntakeJson("Klien Terlambat Dicatat")).as_object();
  body["received_at"] = received;
  auto r = head->Post("/api/v1/cases", json::serialize(body));
  ASSERT_EQ(r.status, 201) << r.body;
  std::string case_id = Str(r.Json(), "id");
  received = Str(r.Json(), "received_at");
  r = head->Post("/api/v1/cases/" + case_id + "/sops", R"({"sop":"kalteng/pengaduan-langsung"})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto first =
      head->Get("/api/v1/tasks/" + Str(r.Json().at("open_tasks").at(0), "id")).Json().as_object();
  EXPECT_EQ(Str(first, "standard_time"), "15 min");
  ExpectDeadline(first, "kalteng", received);
  EXPECT_EQ(Str(first, "due_at"),
            FormatInstant(*ParseInstant(received) + std::chrono::minutes(15)));
  EXPECT_TRUE(first.at("overdue").as_bool()) << "15 minutes from three hours ago";
  // A later SOP on the same case runs from when it is started.
  r = head->Post("/api/v1/cases/" + case_id + "/sops", R"({"sop":"kalteng/mediasi"})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto started = r.Json();
  for (const auto& t : started.at("open_tasks").as_array()) {
    if (Str(t, "sop_id") != "kalteng/mediasi") continue;
    auto task = head->Get("/api/v1/tasks/" + Str(t, "id")).Json().as_object();
    ExpectDeadline(task, "kalteng");
  }
}

// Issue 12 item 3: a shelter stay cites a decision only if that decision placed her.
TEST_F(SopRunTest, AShelterAdmissionCitesOnlyADecisionThatPlacedHer) {
  auto head = As("head-kalteng");
  auto shelter =
      head->Post("/api/v1/shelters", R"({"name":"Rumah Aman Kalteng","kind":"own","capacity":5,)"
                                     R"("takes":"both","address":"Jalan Aman 1"})");
  ASSERT_EQ(shelter.status, 201) << shelter.body;
  std::string shelter_id = Str(shelter.Json(), "id");
  auto decide = [&](const std::string& outcome, std::string& case_id, std::string& client_id,
                    std::string& first_task) {
    auto k = head->Post("/api/v1/cases", IntakeJson("Klien Penampungan " + outcome)).Json();
    case_id = Str(k, "id");
    client_id = Str(k.at("client"), "person_id");
    auto started = head->Post("/api/v1/cases/" + case_id + "/sops",
                              R"({"sop":"kalteng/penampungan-sementara"})");
    ASSERT_EQ(started.status, 201) << started.body;
    first_task = Str(started.Json().at("open_tasks").at(0), "id");
    auto task = WalkTo(*head, case_id, "kalteng/penampungan-sementara", "keputusan");
    ASSERT_FALSE(task.empty());
    auto done = Complete(*head, task, outcome);
    ASSERT_EQ(done.status, 200) << done.body;
    first_task += "," + Str(task, "id");
  };
  auto admit = [&](const std::string& case_id, const std::string& client_id,
                   const std::string& task_id) {
    return head->Post("/api/v1/cases/" + case_id + "/shelter-stays",
                      R"({"shelter_id":")" + shelter_id + R"(","person_id":")" + client_id +
                          R"(","expected_days":7,"reason":"Tidak aman di rumah.","task_id":")" +
                          task_id + R"("})");
  };
  std::string refused_case, refused_client, refused_tasks;
  decide("refuse", refused_case, refused_client, refused_tasks);
  std::string refused_first = refused_tasks.substr(0, refused_tasks.find(','));
  std::string refused_decision = refused_tasks.substr(refused_tasks.find(',') + 1);
  auto r = admit(refused_case, refused_client, refused_decision);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "not_a_placement");
  // A task that decided nothing is no placement either.
  r = admit(refused_case, refused_client, refused_first);
  EXPECT_EQ(r.ErrorCode(), "not_a_placement") << r.body;
  EXPECT_TRUE(
      head->Get("/api/v1/cases/" + refused_case).Json().at("shelter_stays").as_array().empty());

  std::string placed_case, placed_client, placed_tasks;
  decide("place", placed_case, placed_client, placed_tasks);
  r = admit(placed_case, placed_client, placed_tasks.substr(placed_tasks.find(',') + 1));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.Json(), "task_outcome"), "place");
}

// Issue 12 item 4: an outcome that contradicts a recorded fact needs a reason, recorded.
TEST_F(SopRunTest, ADecisionAgainstTheRecordedRiskNeedsAReasonRecordedAsAnOverride) {
  auto head = As("head-babel");
  auto step10 = [&](const std::string& risk) {
    std::string case_id = NewCase(*head, "Klien Risiko " + risk);
    auto r = head->Request(
        "PUT", "/api/v1/cases/" + case_id + "/classification",
        R"({"case_types":["kta"],"risk_level":")" + risk + R"(","jurisdiction":"kabupaten_kota"})");
    EXPECT_EQ(r.status, 200) << r.body;
    r = head->Post("/api/v1/cases/" + case_id + "/sops", R"({"sop":"babel/penjangkauan-korban"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::pair{case_id, WalkTo(*head, case_id, "babel/penjangkauan-korban",
                                     "tindak-lanjut-asesmen-risiko")};
  };
  auto [high_case, high_task] = step10("high");
  ASSERT_FALSE(high_task.empty());
  std::string path = "/api/v1/tasks/" + Str(high_task, "id") + "/complete";
  auto r = head->Post(path, CompletionFor(high_task, "bukan-risiko-tinggi"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "override_reason_required");
  EXPECT_NE(r.body.find("not:high_risk"), std::string::npos) << r.body;
  auto body = json::parse(CompletionFor(high_task, "bukan-risiko-tinggi")).as_object();
  body["override_reason"] = "Pelaku sudah ditahan polisi; ancaman tidak ada lagi.";
  r = head->Post(path, json::serialize(body));
  ASSERT_EQ(r.status, 200) << r.body;
  int overrides = 0;
  auto high_events = head->Get("/api/v1/cases/" + high_case + "/events").Json();
  for (const auto& e : high_events.at("items").as_array()) {
    if (Str(e, "type") != "DecisionOverridden") continue;
    ++overrides;
    EXPECT_EQ(Str(e.at("payload"), "outcome"), "bukan-risiko-tinggi");
    EXPECT_EQ(json::serialize(e.at("payload").at("contradicts")), R"(["not:high_risk"])");
    EXPECT_EQ(Str(e.at("payload"), "reason"),
              "Pelaku sudah ditahan polisi; ancaman tidak ada lagi.");
  }
  EXPECT_EQ(overrides, 1);

  // Low risk: "high risk" is the contradiction; "not high risk" agrees and needs nothing.
  auto [low_case, low_task] = step10("low");
  ASSERT_FALSE(low_task.empty());
  path = "/api/v1/tasks/" + Str(low_task, "id") + "/complete";
  EXPECT_EQ(head->Post(path, CompletionFor(low_task, "risiko-tinggi")).ErrorCode(),
            "override_reason_required");
  r = head->Post(path, CompletionFor(low_task, "bukan-risiko-tinggi"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(head->Get("/api/v1/cases/" + low_case + "/events").body.find("DecisionOverridden"),
            std::string::npos);
}

// Issue 12 item 5: "cannot be followed up" closes the case, once the reporter is told.
TEST_F(SopRunTest, CannotBeFollowedUpClosesTheCaseOnceTheReporterIsToldAndItReopens) {
  auto head = As("head-kalteng");
  std::string head_id = Str(head->Get("/api/v1/session").Json().at("user"), "id");
  std::string case_id = NewCase(*head, "Klien Tidak Dapat Ditindaklanjuti");
  std::string path = "/api/v1/cases/" + case_id;
  // Another SOP runs on the case too: it ends with the case.
  ASSERT_EQ(head->Post(path + "/sops", R"({"sop":"kalteng/mediasi"})").status, 201);
  ASSERT_EQ(head->Post(path + "/sops", R"({"sop":"kalteng/pengaduan-tidak-langsung"})").status,
            201);
  auto task = WalkTo(*head, case_id, "kalteng/pengaduan-tidak-langsung", "klarifikasi");
  ASSERT_FALSE(task.empty());
  std::string complete = "/api/v1/tasks/" + Str(task, "id") + "/complete";
  auto body = json::parse(CompletionFor(task, "cannot-follow-up")).as_object();
  auto r = head->Post(complete, json::serialize(body));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "reporter_informed_required");
  body["informed"] = json::object{{"method", "telepati"}, {"at", HoursAgo(1)}};
  EXPECT_EQ(head->Post(complete, json::serialize(body)).status, 400);
  std::string told = HoursAgo(1);
  body["informed"] = json::object{{"method", "phone"}, {"at", told}};
  r = head->Post(complete, json::serialize(body));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.Json(), "sop_ended"), "cannot_follow_up");
  EXPECT_EQ(Str(r.Json(), "case_status"), "closed");

  auto k = head->Get(path).Json();
  EXPECT_EQ(Str(k, "status"), "closed");
  const auto& closings = k.at("terminations").as_array();
  ASSERT_EQ(closings.size(), 1u);
  EXPECT_EQ(Str(closings[0], "kind"), "sop_end");
  EXPECT_EQ(Str(closings[0], "reason"), "cannot_follow_up");
  EXPECT_EQ(Str(closings[0].at("informed"), "method"), "phone");
  EXPECT_EQ(Str(closings[0].at("informed"), "at"), told);
  EXPECT_EQ(Str(closings[0].at("informed"), "by"), head_id);
  // Nothing of it is left in an inbox; every SOP on it ended.
  EXPECT_TRUE(head->Get("/api/v1/tasks?scope=unit&case_id=" + case_id)
                  .Json()
                  .at("items")
                  .as_array()
                  .empty());
  auto sops = head->Get(path + "/sops").Json();
  for (const auto& i : sops.at("items").as_array())
    EXPECT_EQ(Str(i, "status"), "ended") << Str(i, "sop_id");
  std::string history = head->Get(path + "/events").body;
  EXPECT_NE(history.find("ReporterInformed"), std::string::npos);
  EXPECT_NE(history.find("CaseClosed"), std::string::npos);
  EXPECT_EQ(head->Post(path + "/sops", R"({"sop":"kalteng/mediasi"})").ErrorCode(), "case_closed");

  // Reopenable: the client came back with more.
  r = head->Post(path + "/reopen", R"({"reason":"Pelapor datang lagi dengan bukti baru."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(head->Get(path).Json(), "status"), "in_progress");
  EXPECT_EQ(head->Post(path + "/sops", R"({"sop":"kalteng/pengaduan-tidak-langsung"})").status,
            201);

  // Telling the reporter belongs to the outcome that closes the case only.
  task = WalkTo(*head, case_id, "kalteng/pengaduan-tidak-langsung", "klarifikasi");
  ASSERT_FALSE(task.empty());
  body = json::parse(CompletionFor(task, "escalate")).as_object();
  body["informed"] = json::object{{"method", "phone"}, {"at", HoursAgo(1)}};
  EXPECT_EQ(head->Post("/api/v1/tasks/" + Str(task, "id") + "/complete", json::serialize(body))
                .ErrorCode(),
            "informed_not_expected");
}

// Issue 12 item 6: where the pack requires it (Nunukan), termination needs a recorded case
// conference, or a head's waiver with a reason.
TEST_F(SopRunTest, TerminationNeedsARecordedCaseConferenceWhereThePackRequiresIt) {
  harness_->AddUser("manager-nunukan", "case_manager", "NUNUKAN");
  auto head = As("head-nunukan");
  auto manager = As("manager-nunukan");
  auto r =
      manager->Post("/api/v1/cases",
                    R"({"channel":"walk_in","reporter":{"name":"Pelapor N","relation":"self",)"
                    R"("is_client":true},"client":{"name":"Klien Dewasa Nunukan",)"
                    R"("sex":"female","birth_date":"1990-04-04"},"narrative":"Uji terminasi."})");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string case_id = Str(r.Json(), "id"), path = "/api/v1/cases/" + case_id;
  std::string client_id = Str(r.Json().at("client"), "person_id");
  auto termination = [&](const std::string& extra) {
    return R"({"kind":"unilateral","reason":"refuses","summary":"Klien menolak layanan.")" + extra +
           R"(,"form":{"tanggal":"2026-11-30","klien":")" + client_id +
           R"(","klien_anak":false,"jenis":"unilateral","alasan_sepihak":"refuses",)"
           R"("keterangan_penolakan":"Menolak.","layanan_diterima":["complaint"],)"
           R"("konferensi_kasus":true,"tanggal_konferensi":"2026-11-29",)"
           R"("ttd_pendamping":{"signed":true,"name":"A"},)"
           R"("ttd_ketua":{"signed":true,"name":"B"}}})";
  };
  r = manager->Post(path + "/termination", termination(""));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "case_conference_required") << "a form's tick box is not a record";
  r = manager->Post(path + "/termination",
                    termination(R"(,"conference_waiver":"Klien pindah ke luar kota.")"));
  EXPECT_EQ(r.ErrorCode(), "head_required") << r.body;
  r = head->Post(path + "/termination", termination(R"(,"conference_waiver":"x")"));
  EXPECT_EQ(r.status, 400) << r.body;
  r = head->Post(path + "/termination",
                 termination(R"(,"conference_waiver":"Klien pindah ke luar kota; tim tidak dapat )"
                             R"(berkumpul sebelum ia berangkat.")"));
  ASSERT_EQ(r.status, 201) << r.body;
  auto events = head->Get(path + "/events").Json();
  bool waived = false;
  for (const auto& e : events.at("items").as_array())
    if (Str(e, "type") == "CaseTerminated") {
      EXPECT_TRUE(e.at("payload").at("case_conference").is_null());
      waived = Str(e.at("payload"), "conference_waiver").starts_with("Klien pindah");
    }
  EXPECT_TRUE(waived);

  // Reopened, it needs a conference of its own before it closes again.
  ASSERT_EQ(head->Post(path + "/reopen", R"({"reason":"Klien kembali ke Nunukan."})").status, 200);
  EXPECT_EQ(manager->Post(path + "/termination", termination("")).ErrorCode(),
            "case_conference_required");
  r = manager->Post(path + "/meetings",
                    R"({"kind":"case_conference","held_at":")" + HoursAgo(2) +
                        R"(","place":"Kantor DP3AP2KB","participants":{"others":["Psikolog"]},)"
                        R"("agenda":"Rencana terminasi","decisions":["Terminasi disepakati"]})");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string meeting_id = Str(r.Json(), "meeting_id");
  r = manager->Post(path + "/termination", termination(""));
  ASSERT_EQ(r.status, 201) << r.body;
  std::string last;
  auto later = head->Get(path + "/events").Json();
  for (const auto& e : later.at("items").as_array())
    if (Str(e, "type") == "CaseTerminated")
      last = json::serialize(e.at("payload").at("case_conference"));
  EXPECT_EQ(last, "\"" + meeting_id + "\"") << "the latest termination names its conference";
}

}  // namespace
}  // namespace lindungi::testing
