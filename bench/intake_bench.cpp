// Intake and read throughput of the real server, each against a baseline from the same run:
//  (a) POST /api/v1/cases with N concurrent clients vs. the raw SQLite rate of one durable
//      insert per transaction (WAL, synchronous=FULL) on the same disk: group commit must
//      beat one fsync per write (goal: ratio >= 2); and vs. the same server with group
//      commit off (commit_batch_max=1: one transaction and fsync per request);
//  (b) GET /api/v1/cases/{id} vs. the trivial GET /healthz of the same server (goal >= 0.4);
//  (c) GET /api/v1/cases/{id} with the access log (every read recorded) vs. without.
// Usage: intake_bench [seconds per phase, default 5] [clients, default 64]
// (LINDUNGI_BENCH_BACKENDS=sqlite or =postgres runs one backend only.)
#include <sqlite3.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <libpq-fe.h>

#include "support/backend.h"
#include "support/http_client.h"
#include "support/server_harness.h"

using namespace lindungi::testing;
using Clock = std::chrono::steady_clock;

namespace {

struct PhaseResult {
  double per_second = 0;
  double p50_ms = 0, p99_ms = 0;
  long ok = 0, failed = 0;
};

double RawSqliteInsertsPerSecond(const std::string& dir, double seconds) {
  std::string path = dir + "/raw.db";
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER "
               "PRIMARY KEY, payload TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t (payload) VALUES (?)", -1, &ins, nullptr);
  std::string payload(600, 'x');  // about one intake event
  long n = 0;
  auto start = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_bind_text(ins, 1, payload.data(), int(payload.size()), SQLITE_STATIC);
    sqlite3_step(ins);
    sqlite3_reset(ins);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    ++n;
  }
  double took = std::chrono::duration<double>(Clock::now() - start).count();
  sqlite3_finalize(ins);
  sqlite3_close(db);
  return n / took;
}

// Runs `request` from every client for `seconds`; it returns true on success.
PhaseResult RunPhase(std::vector<std::unique_ptr<Client>>& clients, double seconds,
                     const std::function<bool(Client&, int thread, long i)>& request) {
  std::vector<std::vector<double>> latencies(clients.size());
  std::atomic<long> ok{0}, failed{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (std::size_t t = 0; t < clients.size(); ++t) {
    threads.emplace_back([&, t] {
      for (long i = 0; !stop; ++i) {
        auto t0 = Clock::now();
        bool good = request(*clients[t], int(t), i);
        latencies[t].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        (good ? ok : failed)++;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : threads) th.join();
  double took = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  PhaseResult r;
  r.ok = ok;
  r.failed = failed;
  r.per_second = ok / took;
  if (!all.empty()) {
    r.p50_ms = all[all.size() / 2];
    r.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  }
  return r;
}

// CPU seconds the process has used so far: user + system, or only system time.
double CpuSeconds(pid_t pid, bool system_only = false) {
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (!f) return 0;
  char buf[2048];
  std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = 0;
  const char* p = std::strrchr(buf, ')');  // fields after the command name
  unsigned long utime = 0, stime = 0;
  std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime);
  return double(system_only ? stime : utime + stime) / double(sysconf(_SC_CLK_TCK));
}

double MetricValue(const std::string& metrics, const std::string& name) {
  auto p = metrics.find("\n" + name + " ");
  if (p == std::string::npos) return 0;
  return std::stod(metrics.substr(p + name.size() + 2));
}

void Print(const char* what, const PhaseResult& r) {
  std::printf("  %-36s %9.0f req/s   p50 %7.2f ms   p99 %7.2f ms   (%ld ok, %ld failed)\n", what,
              r.per_second, r.p50_ms, r.p99_ms, r.ok, r.failed);
}

double RawPostgresInsertsPerSecond(const std::string& url, double seconds) {
  RawSql(url, "CREATE TABLE raw_t (id BIGSERIAL PRIMARY KEY, payload TEXT)");
  PGconn* c = PQconnectdb(url.c_str());
  std::string payload(600, 'x');
  const char* values[] = {payload.c_str()};
  PQclear(PQprepare(c, "ins", "INSERT INTO raw_t (payload) VALUES ($1)", 1, nullptr));
  long n = 0;
  auto start = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    PQclear(PQexecPrepared(c, "ins", 1, values, nullptr, nullptr,
                           0));  // autocommit: one WAL flush each
    ++n;
  }
  double took = std::chrono::duration<double>(Clock::now() - start).count();
  PQfinish(c);
  return n / took;
}

// All phases against one backend; returns false if any request failed.
bool RunBackend(bool postgres, double seconds, int n_clients) {
  if (postgres)
    setenv("LINDUNGI_TEST_BACKEND", "postgres", 1);
  else
    unsetenv("LINDUNGI_TEST_BACKEND");
  ServerHarness h;
  h.AddUser("bench", "intake_officer");
  const char* name = postgres ? "PostgreSQL" : "SQLite";
  std::printf("\n=== %s ===\n", name);

  double raw = postgres ? RawPostgresInsertsPerSecond(NewPostgresDatabase(), seconds)
                        : RawSqliteInsertsPerSecond(h.data_dir(), seconds);
  std::printf("  %-36s %9.0f inserts/s\n",
              postgres ? "raw PostgreSQL, 1 insert per txn" : "raw SQLite, 1 insert per txn (FULL)",
              raw);

  std::mutex ids_mu;
  std::vector<std::string> ids;
  std::vector<std::unique_ptr<Client>> clients;
  auto login_all = [&] {
    clients.clear();
    for (int i = 0; i < n_clients; ++i) {
      clients.push_back(std::make_unique<Client>(h.base_url()));
      if (clients.back()->Login("bench", kTestPassword).status != 201)
        throw std::runtime_error("log-in failed");
    }
  };
  auto intake_phase = [&](double* cpu_us_per_request) {
    // The pid lets a profiler attach to this phase's server (docs/performance.md "Profile").
    std::fprintf(stderr, "intake phase: server pid %d\n", int(h.pid()));
    double cpu0 = CpuSeconds(h.pid()), sys0 = CpuSeconds(h.pid(), true);
    auto r = RunPhase(clients, seconds, [&](Client& c, int t, long i) {
      auto resp = c.Post("/api/v1/cases",
                         IntakeJson("Bench " + std::to_string(t) + "-" + std::to_string(i)));
      if (resp.status != 201) return false;
      if (i < 4) {
        std::lock_guard lock(ids_mu);
        ids.push_back(std::string(resp.Json().at("id").as_string()));
      }
      return true;
    });
    double n = double(std::max(1L, r.ok));
    cpu_us_per_request[0] = (CpuSeconds(h.pid()) - cpu0) * 1e6 / n;
    cpu_us_per_request[1] = (CpuSeconds(h.pid(), true) - sys0) * 1e6 / n;
    return r;
  };

  PhaseResult single;
  double cpu_single[2] = {0, 0};
  if (!postgres) {
    // Group commit off: every request is its own transaction and fsync.
    h.Start({}, {{"LINDUNGI_COMMIT_BATCH_MAX", "1"}});
    login_all();
    single = intake_phase(cpu_single);
    h.Stop();
  }

  h.Start();
  login_all();
  double cpu_intake[2] = {0, 0};
  auto intake = intake_phase(cpu_intake);
  Client probe(h.base_url());
  std::string metrics = probe.Get("/metrics").body;
  double batches = MetricValue(metrics, "lindungi_store_commit_batch_size_count");
  double writes = MetricValue(metrics, "lindungi_store_commit_batch_size_sum");
  double writer_busy = MetricValue(metrics, "lindungi_store_commit_seconds_sum");

  auto read_case = RunPhase(clients, seconds, [&](Client& c, int t, long i) {
    return c.Get("/api/v1/cases/" + ids[(t * 7 + i) % ids.size()]).status == 200;
  });
  auto trivial = RunPhase(clients, seconds,
                          [&](Client& c, int, long) { return c.Get("/healthz").status == 200; });
  h.Stop();

  // (c) the same reads with the access log off: what auditing every read costs.
  h.Start({}, {{"LINDUNGI_ACCESS_LOG", "false"}});
  login_all();
  auto read_unaudited = RunPhase(clients, seconds, [&](Client& c, int t, long i) {
    return c.Get("/api/v1/cases/" + ids[(t * 7 + i) % ids.size()]).status == 200;
  });
  h.Stop();

  std::printf("(a) intake vs one durable insert per transaction\n");
  Print("POST /api/v1/cases", intake);
  if (!postgres) {
    std::printf("  %-36s %9.1f writes per commit (%.0f commits, %.1f ms each)\n",
                "group commit batch, mean", batches ? writes / batches : 0, batches,
                batches ? writer_busy * 1e3 / batches : 0);
  }
  std::printf("  %-36s server CPU %.0f us/request (%.0f in the kernel)\n", "", cpu_intake[0],
              cpu_intake[1]);
  if (!postgres) {
    Print("POST /api/v1/cases (1 fsync each)", single);
    std::printf("  %-36s server CPU %.0f us/request (%.0f in the kernel)\n", "", cpu_single[0],
                cpu_single[1]);
  }
  std::printf("  ratio intake / raw %s = %.2f   (goal >= 2)\n", name, intake.per_second / raw);
  if (!postgres) {
    std::printf("  ratio group commit / one fsync per request (same server) = %.2f\n",
                intake.per_second / single.per_second);
  }
  std::printf("(b) reading a case vs a trivial route\n");
  Print("GET /api/v1/cases/{id}", read_case);
  Print("GET /healthz", trivial);
  std::printf("  ratio case / trivial = %.2f   (goal >= 0.4)\n",
              read_case.per_second / trivial.per_second);
  std::printf("(c) the cost of the access log on reads\n");
  Print("GET /api/v1/cases/{id}, access log on", read_case);
  Print("GET /api/v1/cases/{id}, access log off", read_unaudited);
  std::printf("  ratio audited / unaudited = %.2f\n",
              read_case.per_second / read_unaudited.per_second);
  return !(intake.failed || single.failed || read_case.failed || trivial.failed ||
           read_unaudited.failed);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::stod(argv[1]) : 5;
  int n_clients = argc > 2 ? std::stoi(argv[2]) : 64;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it comes (progress)
  std::printf("Lindungi intake benchmark: %d clients, %.0f s per phase, %u cores, release build\n",
              n_clients, seconds, std::thread::hardware_concurrency());
  // LINDUNGI_BENCH_BACKENDS=sqlite or postgres: one backend only (profiling).
  const char* only = std::getenv("LINDUNGI_BENCH_BACKENDS");
  std::string backends = only ? only : "sqlite,postgres";
  bool ok = true;
  if (backends.find("sqlite") != std::string::npos) ok = RunBackend(false, seconds, n_clients);
  if (backends.find("postgres") != std::string::npos)
    ok = RunBackend(true, seconds, n_clients) && ok;
  return ok ? 0 : 1;
}
