// The SOP engine's hot paths on the real server, each against a baseline from the same run:
//  (a) POST /api/v1/tasks/{id}/complete with N concurrent clients (engine, 3-6 events,
//      projections, the next task's deadline) vs. POST /api/v1/cases (intake, one event) on
//      the same server and store;
//  (b) GET /api/v1/tasks (the inbox, a page of 50, soonest due first) with OPEN_TASKS open
//      tasks in the store (goal: p99 < 5 ms), for a case worker (one role) and for a unit
//      head (scope=unit: every open task of the unit), vs. GET /api/v1/cases/{id};
//  (c) the server's cold start to /readyz on that store (goal < 200 ms) and its resident
//      memory after (a) and (b) (goal < 50 MiB), each beside the same server on the store
//      before it held any case.
// The open tasks are seeded before the server starts, through the real event log and
// projections (CaseOpened, SopStarted, TaskOpened per case, as the engine writes them), on
// the first steps of the ten Kalimantan Tengah SOPs, opened over the last 20 days and due
// 5 days later (so about three quarters are overdue).
// Usage: task_bench [open tasks, default 100000] [seconds per phase, default 5] [clients, 16]
//                   [sqlite|postgres|both, default both]
#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "service/vault.h"
#include "sop/loader.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/events/case_events.h"
#include "store/events/sop_events.h"
#include "store/unit_store.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "synthetic.h"

using namespace lindungi;
using namespace lindungi::testing;
using SteadyClock = std::chrono::steady_clock;
namespace json = boost::json;

namespace {

struct Latencies {
  double per_second = 0, p50_ms = 0, p99_ms = 0;
  long ok = 0, failed = 0;
};

Latencies Summarise(std::vector<double> ms, long ok, long failed, double seconds) {
  Latencies r;
  r.ok = ok;
  r.failed = failed;
  r.per_second = ok / seconds;
  std::sort(ms.begin(), ms.end());
  if (!ms.empty()) {
    r.p50_ms = ms[ms.size() / 2];
    r.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  }
  return r;
}

// Every client runs `request` until `seconds` pass or it returns false for "no more work".
Latencies Concurrent(std::vector<std::unique_ptr<Client>>& clients, double seconds,
                     const std::function<int(Client&)>& request) {  // 1 ok, 0 failed, -1 done
  std::vector<std::vector<double>> lat(clients.size());
  std::atomic<long> ok{0}, failed{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  auto start = SteadyClock::now();
  for (std::size_t t = 0; t < clients.size(); ++t) {
    threads.emplace_back([&, t] {
      while (!stop) {
        auto t0 = SteadyClock::now();
        int r = request(*clients[t]);
        if (r < 0) break;
        lat[t].push_back(
            std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
        (r ? ok : failed)++;
      }
    });
  }
  while (std::chrono::duration<double>(SteadyClock::now() - start).count() < seconds) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop = true;
  for (auto& th : threads) th.join();
  double took = std::chrono::duration<double>(SteadyClock::now() - start).count();
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  return Summarise(std::move(all), ok, failed, took);
}

// One client, one request after another: latency without queueing.
Latencies Sequential(Client& c, int n, const std::function<bool(int)>& request) {
  std::vector<double> ms;
  long ok = 0, failed = 0;
  auto start = SteadyClock::now();
  for (int i = 0; i < n; ++i) {
    auto t0 = SteadyClock::now();
    (request(i) ? ok : failed)++;
    ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
  }
  (void)c;
  return Summarise(std::move(ms), ok, failed,
                   std::chrono::duration<double>(SteadyClock::now() - start).count());
}

void Print(const char* what, const Latencies& r) {
  std::printf("  %-44s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   (%ld ok, %ld failed)\n", what,
              r.per_second, r.p50_ms, r.p99_ms, r.ok, r.failed);
}

// Resident memory of a process now (VmRSS), in MiB.
double ResidentMiB(pid_t pid) {
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/status").c_str(), "r");
  if (!f) return 0;
  char line[256];
  double kib = 0;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmRSS: %lf kB", &kib) == 1) break;
  std::fclose(f);
  return kib / 1024;
}

// A cold start: from spawning `lindungi serve` to its first 200 on /readyz (the store
// answers), in milliseconds; the server is left running.
double ColdStartMs(ServerHarness& h) {
  auto t0 = SteadyClock::now();
  h.Start();  // returns once /healthz answers
  Client probe(h.base_url());
  while (probe.Get("/readyz").status != 200)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

struct SeededTask {
  std::string id;
  std::string body;  // a completion that brings everything the step may require
};

std::string CompletionBody(const sop::Step& s) {
  json::array documents, consents;
  json::object facts;
  std::vector<std::string> reqs = s.requires_;
  for (const auto& c : s.conditions)
    reqs.insert(reqs.end(), c.requires_.begin(), c.requires_.end());
  for (const auto& r : reqs) {
    if (r.starts_with("consent:"))
      consents.emplace_back(r.substr(8));
    else if (r.starts_with("fact:"))
      facts[r.substr(5)] = r == "fact:risk_level" ? "medium" : "bench";
    else
      documents.emplace_back(r);
  }
  json::object body{
      {"note", "bench"}, {"documents", documents}, {"consents", consents}, {"facts", facts}};
  if (!s.decision.empty()) body["outcome"] = s.decision.front().id;
  return json::serialize(body);
}

// Writes `n` cases of unit `unit_id`, each with one SOP instance and its first task open. Each
// client has a key of her own in `key_file`'s vault, as intake gives her, so notes and
// completions on the case can be sealed.
std::vector<SeededTask> Seed(const std::string& url, const std::string& key_file,
                             const std::string& unit_id, long n) {
  auto vault = Vault::Open(key_file, false);
  std::vector<sop::Diagnostic> diags;
  auto pack = sop::LoadPack(std::string(LINDUNGI_SOURCE_DIR) + "/sops/kalteng", diags);
  auto db = store::OpenDatabase(url, store::DatabaseOptions{2, 64});
  std::mt19937_64 rng(20261124);
  Instant now = SystemClock().Now();
  std::vector<SeededTask> tasks;
  // Small jobs: SQLite truncates its in-memory statement sub-journal by walking it from the
  // start after every statement, so one huge job is quadratic (found with perf).
  const int kBatch = 50;
  auto start = SteadyClock::now();
  for (long written = 0; written < n; written += kBatch) {
    auto w = db->Write([&](store::SqlConn& c) -> Result<json::value> {
      for (long i = written; i < std::min(n, written + kBatch); ++i) {
        const sop::Sop& s = pack.sops[std::size_t(i) % pack.sops.size()];
        const sop::Step& first = s.steps.front();
        Instant opened = now - std::chrono::minutes(i * 7 % (20 * 24 * 60));
        std::string at = FormatInstant(opened);
        std::string case_id = bench::Uuid(rng), instance_id = bench::Uuid(rng),
                    task_id = bench::Uuid(rng), client_id = bench::Uuid(rng);
        std::string key = vault->NewPerson(c, client_id, case_id);
        auto seal = [&](const std::string& text) { return Vault::Encrypt(client_id, key, text); };
        long number = store::NextCounter(c, "bench_case_number");
        json::object state{{"open", json::array{first.id}},
                           {"arrivals", json::object()},
                           {"expected", json::object()},
                           {"ended", false},
                           {"end_reason", ""}};
        store::events::CaseOpened kase;
        kase.unit_id = unit_id;
        kase.number = fmt::format("PPA-BENCH/SEED/{:06}", number);
        kase.channel = "walk_in";
        kase.received_at = at;
        kase.narrative = seal(std::string(300, 'n'));
        kase.reporter = {{"name", "Pelapor"}, {"relation", "parent"}};
        kase.client = {{"person_id", client_id},
                       {"name", seal("Klien")},
                       {"sex", "female"},
                       {"birth_date", seal("1990-01-01")},
                       {"age_years", 36}};
        store::events::SopStarted started;
        started.instance_id = instance_id;
        started.sop_id = s.id;
        started.state = state;
        store::events::TaskOpened task;
        task.task_id = task_id;
        task.instance_id = instance_id;
        task.sop_id = s.id;
        task.step_id = first.id;
        task.unit_id = unit_id;
        task.role = first.recorded_by.empty() ? first.actor : first.recorded_by;
        task.due_at = FormatInstant(opened + std::chrono::days(5));
        std::vector<store::NewEvent> events{store::MakeEvent(kase), store::MakeEvent(started),
                                            store::MakeEvent(task)};
        auto a = store::AppendEvents(c, store::CaseStream(case_id), store::ExpectedVersion::New(),
                                     events, "bench", at);
        if (!a) return Fail(a.error());
        tasks.push_back({task_id, CompletionBody(first)});
      }
      return json::value();
    });
    if (!w) throw std::runtime_error("seeding failed: " + w.error().message_en);
  }
  db->Close();
  std::printf("  seeded %ld open tasks in %.1f s\n", n,
              std::chrono::duration<double>(SteadyClock::now() - start).count());
  std::shuffle(tasks.begin(), tasks.end(), rng);
  return tasks;
}

bool RunBackend(bool postgres, long open_tasks, double seconds, int n_clients) {
  if (postgres)
    setenv("LINDUNGI_TEST_BACKEND", "postgres", 1);
  else
    unsetenv("LINDUNGI_TEST_BACKEND");
  std::printf("\n=== %s ===\n", postgres ? "PostgreSQL" : "SQLite");
  ServerHarness h;
  auto r = h.Cli(
      {"unit", "add", "--code", "BENCH", "--name", "UPTD PPA Bench", "--sop-pack", "kalteng"});
  if (r.exit_code != 0) throw std::runtime_error(r.output);
  h.AddUser("head", "unit_head", "BENCH");
  h.AddUser("worker", "case_worker", "BENCH");
  h.AddUser("intake", "intake_officer", "BENCH");
  std::string unit_id;
  {
    auto db = store::OpenDatabase(h.db_url(), store::DatabaseOptions{1, 1});
    db->Read([&](store::SqlConn& c) { unit_id = store::FindUnitByCode(c, "BENCH")->id; });
    db->Close();
  }
  // (c) baseline: the same server on the store before it holds any case.
  double empty_start_ms = ColdStartMs(h);
  double empty_rss = ResidentMiB(h.pid());
  h.Stop();
  auto tasks = Seed(h.db_url(), h.data_dir() + "/keys/data.key", unit_id, open_tasks);
  double start_ms = ColdStartMs(h);

  auto login = [&](const std::string& user, int n) {
    std::vector<std::unique_ptr<Client>> out;
    for (int i = 0; i < n; ++i) {
      out.push_back(std::make_unique<Client>(h.base_url()));
      if (out.back()->Login(user, kTestPassword).status != 201) throw std::runtime_error("log-in");
    }
    return out;
  };
  bool all_ok = true;

  // (b) first, while all seeded tasks are open.
  auto worker = login("worker", 1);
  auto head = login("head", 1);
  std::string case_id;
  {
    auto created = head[0]->Post("/api/v1/cases", IntakeJson("Klien Bench"));
    case_id = std::string(created.Json().at("id").as_string());
  }
  for (int i = 0; i < 200; ++i) worker[0]->Get("/api/v1/tasks");  // warm caches
  auto get_case = Sequential(
      *head[0], 3000, [&](int) { return head[0]->Get("/api/v1/cases/" + case_id).status == 200; });
  auto inbox_role = Sequential(*worker[0], 3000,
                               [&](int) { return worker[0]->Get("/api/v1/tasks").status == 200; });
  auto inbox_unit = Sequential(
      *head[0], 3000, [&](int) { return head[0]->Get("/api/v1/tasks?scope=unit").status == 200; });
  std::string cursor;
  auto inbox_overdue = Sequential(*head[0], 3000, [&](int i) {
    if (i % 20 == 0) cursor.clear();  // pages 1..20, then again
    auto r = head[0]->Get("/api/v1/tasks?scope=unit&overdue=true" +
                          (cursor.empty() ? std::string() : "&after=" + UrlEncode(cursor)));
    if (r.status != 200) return false;
    auto next = r.Json().at("next");
    cursor = next.is_null() ? "" : std::string(next.as_string());
    return true;
  });
  std::printf("  (b) inbox with %ld open tasks, one client:\n", open_tasks);
  Print("GET /api/v1/cases/{id} (baseline)", get_case);
  Print("GET /api/v1/tasks (case worker's role)", inbox_role);
  Print("GET /api/v1/tasks?scope=unit (unit head)", inbox_unit);
  Print("GET /api/v1/tasks?scope=unit&overdue, pages 1-20", inbox_overdue);
  double worst = std::max({inbox_role.p99_ms, inbox_unit.p99_ms, inbox_overdue.p99_ms});
  std::printf("  inbox p99 worst %.2f ms (goal < 5 ms: %s); ratio to GET case p99: %.2f\n", worst,
              worst < 5 ? "met" : "NOT met", worst / std::max(get_case.p99_ms, 1e-9));
  all_ok = all_ok && inbox_role.failed == 0 && inbox_unit.failed == 0 && inbox_overdue.failed == 0;

  // (a) writes: intake baseline, then task completions.
  auto intakes = login("intake", n_clients);
  std::atomic<long> serial{0};
  auto intake = Concurrent(intakes, seconds, [&](Client& c) {
    return c.Post("/api/v1/cases", IntakeJson("Klien " + std::to_string(serial++))).status == 201
               ? 1
               : 0;
  });
  auto heads = login("head", n_clients);
  std::atomic<std::size_t> next{0};
  auto complete = Concurrent(heads, seconds, [&](Client& c) {
    std::size_t i = next++;
    if (i >= tasks.size()) return -1;
    auto res = c.Post("/api/v1/tasks/" + tasks[i].id + "/complete", tasks[i].body);
    if (res.status != 200 && i < 3)
      std::fprintf(stderr, "complete: %d %s\n", res.status, res.body.c_str());
    return res.status == 200 ? 1 : 0;
  });
  std::printf("  (a) writes, %d clients:\n", n_clients);
  Print("POST /api/v1/cases (baseline)", intake);
  Print("POST /api/v1/tasks/{id}/complete", complete);
  std::printf("  complete-task throughput / intake throughput = %.2f\n",
              complete.per_second / std::max(intake.per_second, 1e-9));
  all_ok = all_ok && intake.failed == 0 && complete.failed == 0;
  std::printf("  (c) the server on a store of %ld cases:\n", open_tasks);
  std::printf("  %-48s %8.0f ms (empty store %.0f ms; goal < 200 ms: %s)\n",
              "cold start to /readyz", start_ms, empty_start_ms,
              start_ms < 200 ? "met" : "NOT met");
  double rss = ResidentMiB(h.pid());
  std::printf("  %-48s %8.1f MiB (at start on the empty store %.1f; goal < 50 MiB: %s)\n",
              "resident memory after (b) and (a)", rss, empty_rss, rss < 50 ? "met" : "NOT met");
  h.Stop();
  return all_ok;
}

}  // namespace

int main(int argc, char** argv) {
  long open_tasks = argc > 1 ? std::stol(argv[1]) : 100000;
  double seconds = argc > 2 ? std::stod(argv[2]) : 5;
  int clients = argc > 3 ? std::stoi(argv[3]) : 16;
  std::string backends = argc > 4 ? argv[4] : "both";  // sqlite, postgres or both
  try {
    bool ok = true;
    if (backends != "postgres") ok = RunBackend(false, open_tasks, seconds, clients) && ok;
    if (backends != "sqlite") ok = RunBackend(true, open_tasks, seconds, clients) && ok;
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "task_bench: %s\n", e.what());
    return 1;
  }
}
