// Intake and read throughput of the real server, each against a baseline from the same run:
//  (a) POST /api/v1/cases with N concurrent clients vs. the raw SQLite rate of one durable
//      insert per transaction (WAL, synchronous=FULL) on the same disk: group commit must
//      beat one fsync per write (goal: ratio >= 2); and vs. the same server with group
//      commit off (commit_batch_max=1: one transaction and fsync per request);
//  (b) GET /api/v1/cases/{id} vs. the trivial GET /healthz of the same server (goal >= 0.4);
//  (c) GET /api/v1/cases/{id} with the access log (every read recorded) vs. without;
//  (d) (a) again on a simulated slow disk: every fsync and fdatasync 5 ms slower
//      (bench/slow_sync.cpp, LD_PRELOAD'ed into the server, the raw loop and PostgreSQL;
//      LINDUNGI_SLOW_SYNC_MS sets the delay), where group commit matters (goal >= 2);
//  (e) PostgreSQL only: intake spread over 50 units, each client an intake officer of one,
//      vs. raw PostgreSQL inserts (goal >= 0.5) and the single-unit intake of (a).
// Usage: intake_bench [seconds per phase, default 5] [clients, default 64]
// (LINDUNGI_BENCH_BACKENDS=sqlite or =postgres runs one backend only.)
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include "support/backend.h"
#include "support/http_client.h"
#include "support/process.h"
#include "support/server_harness.h"

using namespace lindungi::testing;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

struct PhaseResult {
  double per_second = 0;
  double p50_ms = 0, p99_ms = 0;
  long ok = 0, failed = 0;
};

// Raw durable inserts: one thread, one ~600-byte row per transaction.
struct RawRate {
  double per_second = 0;
  long inserts = 0;
};

RawRate RawSqliteInserts(const std::string& path, double seconds) {
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
  return {n / took, n};
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

std::string NewRawPostgresTable(const std::string& url) {
  RawSql(url, "CREATE TABLE raw_t (id BIGSERIAL PRIMARY KEY, payload TEXT)");
  return url;
}

RawRate RawPostgresInserts(const std::string& url, double seconds) {
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
  return {n / took, n};
}

using Env = std::vector<std::pair<std::string, std::string>>;
using Clients = std::vector<std::unique_ptr<Client>>;

// `n` clients of the server, client i logged in as users[i % users.size()].
Clients LogIn(const ServerHarness& h, int n, const std::vector<std::string>& users) {
  Clients clients;
  for (int i = 0; i < n; ++i) {
    clients.push_back(std::make_unique<Client>(h.base_url()));
    if (clients.back()->Login(users[i % users.size()], kTestPassword).status != 201)
      throw std::runtime_error("log-in failed");
  }
  return clients;
}

// While it lives, samples every 200 ms the PostgreSQL sessions waiting on a lock and the
// statements that wait (their first 44 characters): why intakes queue.
class LockWaits {
 public:
  explicit LockWaits(std::string url) : url_(std::move(url)), thread_([this] { Run(); }) {}
  ~LockWaits() { Stop(); }
  LockWaits(const LockWaits&) = delete;
  LockWaits& operator=(const LockWaits&) = delete;
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  // The mean number of waiting sessions, then the three most frequent waiting statements,
  // one a line with their own mean.
  std::string Summary() const {
    std::vector<std::pair<long, std::string>> top;
    long total = 0;
    for (const auto& [what, n] : waits_) {
      top.emplace_back(n, what);
      total += n;
    }
    std::sort(top.rbegin(), top.rend());
    double samples = double(std::max(1L, samples_));
    char buf[256];
    std::snprintf(buf, sizeof buf, "%.1f (mean of %ld samples)", double(total) / samples, samples_);
    std::string out = buf;
    for (std::size_t i = 0; i < top.size() && i < 3; ++i) {
      std::snprintf(buf, sizeof buf, "\n  %36s %5.1f  %s", "", double(top[i].first) / samples,
                    top[i].second.c_str());
      out += buf;
    }
    return out;
  }

 private:
  void Run() {
    PGconn* c = PQconnectdb(url_.c_str());
    while (!stop_ && PQstatus(c) == CONNECTION_OK) {
      PGresult* r = PQexec(c,
                           "SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 44) FROM "
                           "pg_stat_activity WHERE wait_event_type = 'Lock'");
      ++samples_;
      for (int i = 0; i < PQntuples(r); ++i) ++waits_[PQgetvalue(r, i, 0)];
      PQclear(r);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    PQfinish(c);
  }
  std::string url_;
  std::atomic<bool> stop_{false};
  long samples_ = 0;
  std::map<std::string, long> waits_;
  std::thread thread_;
};

// One intake phase: its requests, the server's CPU per request and its group commits.
struct IntakeRun {
  PhaseResult r;
  double cpu_us = 0, kernel_us = 0;              // server CPU per request
  double commits = 0, writes = 0, commit_s = 0;  // since the server started (/metrics)
  std::string lock_waits;                        // PostgreSQL: LockWaits::Summary
};

// POST /api/v1/cases from every client for `seconds`; the first ids go to `ids` if given.
IntakeRun RunIntake(const ServerHarness& h, Clients& clients, double seconds,
                    std::vector<std::string>* ids = nullptr) {
  // The pid lets a profiler attach to this phase's server (docs/performance.md "Profile").
  std::fprintf(stderr, "intake phase: server pid %d\n", int(h.pid()));
  std::mutex ids_mu;
  std::optional<LockWaits> waits;
  if (h.db_url().starts_with("postgres://")) waits.emplace(h.db_url());
  double cpu0 = CpuSeconds(h.pid()), sys0 = CpuSeconds(h.pid(), true);
  IntakeRun run;
  run.r = RunPhase(clients, seconds, [&](Client& c, int t, long i) {
    auto resp =
        c.Post("/api/v1/cases", IntakeJson("Bench " + std::to_string(t) + "-" + std::to_string(i)));
    if (resp.status != 201) return false;
    if (ids && i < 4) {
      std::lock_guard lock(ids_mu);
      ids->push_back(std::string(resp.Json().at("id").as_string()));
    }
    return true;
  });
  if (waits) {
    waits->Stop();
    run.lock_waits = waits->Summary();
  }
  double n = double(std::max(1L, run.r.ok));
  run.cpu_us = (CpuSeconds(h.pid()) - cpu0) * 1e6 / n;
  run.kernel_us = (CpuSeconds(h.pid(), true) - sys0) * 1e6 / n;
  Client probe(h.base_url());
  std::string metrics = probe.Get("/metrics").body;
  run.commits = MetricValue(metrics, "lindungi_store_commit_batch_size_count");
  run.writes = MetricValue(metrics, "lindungi_store_commit_batch_size_sum");
  run.commit_s = MetricValue(metrics, "lindungi_store_commit_seconds_sum");
  return run;
}

void PrintIntake(const char* what, const IntakeRun& run, bool batches) {
  Print(what, run.r);
  if (batches) {
    std::printf("  %-36s %9.1f writes per commit (%.0f commits, %.1f ms each)\n",
                "group commit batch, mean", run.commits ? run.writes / run.commits : 0, run.commits,
                run.commits ? run.commit_s * 1e3 / run.commits : 0);
  }
  std::printf("  %-36s server CPU %.0f us/request (%.0f in the kernel)\n", "", run.cpu_us,
              run.kernel_us);
  if (!run.lock_waits.empty())
    std::printf("  %-36s %s\n", "PostgreSQL sessions waiting on locks", run.lock_waits.c_str());
}

struct ReadRuns {
  PhaseResult read_case, trivial, unaudited;
};

// (b) reading the cases `ids` vs /healthz on the running server, (c) the same reads on a
// server with the access log off. The server is stopped at the end.
ReadRuns RunReads(ServerHarness& h, Clients& clients, const std::vector<std::string>& ids,
                  double seconds, int n_clients) {
  if (ids.empty()) throw std::runtime_error("intake created no case to read");
  auto read = [&](Client& c, int t, long i) {
    return c.Get("/api/v1/cases/" + ids[(t * 7 + i) % ids.size()]).status == 200;
  };
  ReadRuns out;
  out.read_case = RunPhase(clients, seconds, read);
  out.trivial = RunPhase(clients, seconds,
                         [](Client& c, int, long) { return c.Get("/healthz").status == 200; });
  h.Stop();
  h.Start({}, {{"LINDUNGI_ACCESS_LOG", "false"}});
  clients = LogIn(h, n_clients, {"bench"});
  out.unaudited = RunPhase(clients, seconds, read);
  clients.clear();
  h.Stop();
  return out;
}

void PrintReads(const ReadRuns& r) {
  std::printf("(b) reading a case vs a trivial route\n");
  Print("GET /api/v1/cases/{id}", r.read_case);
  Print("GET /healthz", r.trivial);
  std::printf("  ratio case / trivial = %.2f   (goal >= 0.4)\n",
              r.read_case.per_second / r.trivial.per_second);
  std::printf("(c) the cost of the access log on reads\n");
  Print("GET /api/v1/cases/{id}, access log on", r.read_case);
  Print("GET /api/v1/cases/{id}, access log off", r.unaudited);
  std::printf("  ratio audited / unaudited = %.2f\n",
              r.read_case.per_second / r.unaudited.per_second);
}

// The slow disk of phase (d): bench/slow_sync.cpp preloaded, so fsync and fdatasync sleep
// LINDUNGI_SLOW_SYNC_MS (default 5) ms first; each process adds the syncs it slowed to a file.
class SlowDisk {
 public:
  SlowDisk() {
    const char* ms = std::getenv("LINDUNGI_SLOW_SYNC_MS");
    ms_ = ms && *ms ? ms : "5";
    count_file_ =
        (fs::temp_directory_path() / ("lindungi-slow-sync-" + std::to_string(getpid()) + ".txt"))
            .string();
    int fd = open(count_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd >= 0) {
      fchmod(fd, 0666);  // PostgreSQL's processes (user postgres) append to it too
      close(fd);
    }
  }
  ~SlowDisk() {
    std::error_code ec;
    fs::remove(count_file_, ec);
  }
  SlowDisk(const SlowDisk&) = delete;
  SlowDisk& operator=(const SlowDisk&) = delete;
  const std::string& ms() const { return ms_; }
  Env env() const {
    Env e = {{"LD_PRELOAD", LINDUNGI_SLOW_SYNC_LIB},
             {"LINDUNGI_SLOW_SYNC_MS", ms_},
             {"LINDUNGI_SLOW_SYNC_COUNT", count_file_}};
    // A sanitized build's programs want their runtime loaded first, before any preload.
    if (!std::getenv("ASAN_OPTIONS")) e.emplace_back("ASAN_OPTIONS", "verify_asan_link_order=0");
    return e;
  }
  // The syncs slowed by the processes that ended since the last call.
  long TakeSyncs() const {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // backends end after clients
    std::ifstream f(count_file_);
    long pid = 0, n = 0, total = 0;
    while (f >> pid >> n) total += n;
    std::ofstream(count_file_, std::ios::trunc);
    return total;
  }

 private:
  std::string ms_, count_file_;
};

// The raw SQLite loop in a child of this program started with `env` (a preload takes effect
// only at start); it prints "<inserts per second> <inserts>" (main, --raw-sqlite).
RawRate RawSqliteInChild(const std::string& db_path, double seconds, const Env& env) {
  std::string out = db_path + ".out";
  std::string self = fs::read_symlink("/proc/self/exe").string();
  int code = WaitProcess(SpawnProcess({self, "--raw-sqlite", db_path, std::to_string(seconds)},
                                      {"", out, false, env}));
  RawRate r;
  std::ifstream f(out);
  if (code != 0 || !(f >> r.per_second >> r.inserts))
    throw std::runtime_error("the raw SQLite child failed (" + std::to_string(code) + ")");
  return r;
}

// (d) the same intake and raw baseline with every fsync 5 ms slower. SQLite: the server and
// the raw loop (a child of this program) preload the shim. PostgreSQL: a second PostgreSQL
// server preloads it and holds both the raw table and the intake server's store.
bool SlowDiskPhase(bool postgres, ServerHarness& fast, double seconds, int n_clients) {
  SlowDisk disk;
  const char* name = postgres ? "PostgreSQL" : "SQLite";
  std::unique_ptr<ServerHarness> own;
  RawRate raw;
  if (postgres) {
    own = std::make_unique<ServerHarness>(LINDUNGI_BINARY, NewPostgresDatabase(disk.env()));
    own->AddUser("bench", "intake_officer");
    std::string url = NewRawPostgresTable(NewPostgresDatabase(disk.env()));
    disk.TakeSyncs();  // not those of setting up
    raw = RawPostgresInserts(url, seconds);
  } else {
    raw = RawSqliteInChild(fast.data_dir() + "/raw_slow.db", seconds, disk.env());
  }
  long raw_syncs = disk.TakeSyncs();
  ServerHarness& h = postgres ? *own : fast;
  h.Start({}, postgres ? Env{} : disk.env());
  Clients clients = LogIn(h, n_clients, {"bench"});
  IntakeRun intake = RunIntake(h, clients, seconds);
  clients.clear();
  h.Stop();
  long intake_syncs = disk.TakeSyncs();

  std::printf("(d) intake vs raw on a slow disk (%s ms fsync)\n", disk.ms().c_str());
  std::printf("  %-36s %9.0f inserts/s   (%ld inserts, %ld syncs slowed)\n",
              postgres ? "raw PostgreSQL, 1 insert per txn" : "raw SQLite, 1 insert per txn (FULL)",
              raw.per_second, raw.inserts, raw_syncs);
  PrintIntake("POST /api/v1/cases", intake, !postgres);
  std::printf("  %-36s %ld syncs slowed for %ld intakes and %d log-ins\n", "", intake_syncs,
              intake.r.ok, n_clients);
  std::printf("  ratio intake / raw %s on a slow disk = %.2f   (goal >= 2)\n", name,
              intake.r.per_second / raw.per_second);
  return !intake.r.failed;
}

std::string UnitCode(int u) {
  char code[16];
  std::snprintf(code, sizeof code, "B%02d", u + 1);
  return code;
}

// (e) PostgreSQL intake spread over 50 units, the national shape: client i is an intake
// officer of unit i % 50 only, so its cases go to that unit (a user's only unit).
bool SpreadOverUnits(ServerHarness& h, const RawRate& raw, const IntakeRun& one_unit,
                     double seconds, int n_clients) {
  constexpr int kUnits = 50;
  auto t0 = Clock::now();
  for (int u = 0; u < kUnits; ++u) {
    auto r = h.Cli({"unit", "add", "--code", UnitCode(u), "--name",
                    "UPTD PPA Bench " + std::to_string(u + 1)});
    if (r.exit_code != 0) throw std::runtime_error("unit add failed: " + r.output);
  }
  std::vector<std::string> users;
  for (int i = 0; i < n_clients; ++i) {
    users.push_back("officer" + std::to_string(i));
    h.AddUser(users.back(), "intake_officer", UnitCode(i % kUnits));
  }
  std::fprintf(stderr, "(e) %d units and %d users added in %.1f s\n", kUnits, n_clients,
               std::chrono::duration<double>(Clock::now() - t0).count());
  h.Start();
  Clients clients = LogIn(h, n_clients, users);
  IntakeRun intake = RunIntake(h, clients, seconds);
  clients.clear();
  h.Stop();

  std::printf("(e) intake spread over %d units (each client an intake officer of one)\n", kUnits);
  std::printf("  %-36s %9.0f inserts/s\n", "raw PostgreSQL, 1 insert per txn", raw.per_second);
  PrintIntake("POST /api/v1/cases, 50 units", intake, false);
  Print("POST /api/v1/cases, 1 unit (a)", one_unit.r);
  std::printf("  ratio intake over %d units / raw PostgreSQL = %.2f   (goal >= 0.5)\n", kUnits,
              intake.r.per_second / raw.per_second);
  std::printf("  ratio %d units / 1 unit = %.2f\n", kUnits,
              intake.r.per_second / one_unit.r.per_second);
  return !intake.r.failed;
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
  RawRate raw = postgres ? RawPostgresInserts(NewRawPostgresTable(NewPostgresDatabase()), seconds)
                         : RawSqliteInserts(h.data_dir() + "/raw.db", seconds);
  std::printf("  %-36s %9.0f inserts/s\n",
              postgres ? "raw PostgreSQL, 1 insert per txn" : "raw SQLite, 1 insert per txn (FULL)",
              raw.per_second);

  Clients clients;
  IntakeRun single;
  if (!postgres) {
    // Group commit off: every request is its own transaction and fsync.
    h.Start({}, {{"LINDUNGI_COMMIT_BATCH_MAX", "1"}});
    clients = LogIn(h, n_clients, {"bench"});
    single = RunIntake(h, clients, seconds);
    h.Stop();
  }
  h.Start();
  clients = LogIn(h, n_clients, {"bench"});
  std::vector<std::string> ids;
  IntakeRun intake = RunIntake(h, clients, seconds, &ids);
  ReadRuns reads = RunReads(h, clients, ids, seconds, n_clients);

  std::printf("(a) intake vs one durable insert per transaction\n");
  PrintIntake("POST /api/v1/cases", intake, !postgres);
  if (!postgres) PrintIntake("POST /api/v1/cases (1 fsync each)", single, false);
  std::printf("  ratio intake / raw %s = %.2f   (goal >= 2)\n", name,
              intake.r.per_second / raw.per_second);
  if (!postgres) {
    std::printf("  ratio group commit / one fsync per request (same server) = %.2f\n",
                intake.r.per_second / single.r.per_second);
  }
  PrintReads(reads);
  bool ok = !(intake.r.failed || single.r.failed || reads.read_case.failed ||
              reads.trivial.failed || reads.unaudited.failed);
  ok = SlowDiskPhase(postgres, h, seconds, n_clients) && ok;
  if (postgres) ok = SpreadOverUnits(h, raw, intake, seconds, n_clients) && ok;
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string_view(argv[1]) == "--raw-sqlite") {  // (d)'s child
    RawRate r = RawSqliteInserts(argv[2], std::stod(argv[3]));
    std::printf("%.3f %ld\n", r.per_second, r.inserts);
    return 0;
  }
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
