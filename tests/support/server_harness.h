// Starts the real `lindungi` binary for API tests: a temp data directory initialised with
// unit TEST (and OTHER, for cross-unit tests), users created through the CLI, and
// `serve` on a free 127.0.0.1 port. Stops it (SIGTERM) and removes the directory at the end.
// Every later test suite (and the benchmarks) reuses this harness. Failures throw
// std::runtime_error with the server's log, which GoogleTest reports as a failure.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace lindungi::testing {

inline constexpr const char* kTestPassword = "correct-horse-battery-staple";

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

class ServerHarness {
 public:
  // Creates and initialises the data directory (no server yet). `binary` defaults to the
  // lindungi built beside the tests; LINDUNGI_TEST_SERVER_BINARY names another build's.
  // `db_url` "" is the store LINDUNGI_TEST_BACKEND chooses (db_url() below), else that store.
  explicit ServerHarness(std::string binary = LINDUNGI_BINARY, std::string db_url = {});
  ~ServerHarness();
  ServerHarness(const ServerHarness&) = delete;
  ServerHarness& operator=(const ServerHarness&) = delete;

  // Starts `lindungi serve` and waits until /healthz answers (throws after 20 s).
  // `env` entries are set in the server's environment (e.g. {"LINDUNGI_READ_TIMEOUT_S", "1"}).
  void Start(std::vector<std::string> extra_args = {},
             std::vector<std::pair<std::string, std::string>> env = {});
  // SIGTERM and wait; returns the exit status (or -signal). Also stops extra processes.
  int Stop();

  // Starts one more `lindungi serve` on the same data directory and store (another app
  // process behind a load balancer) and returns its base URL.
  std::string StartAnotherProcess();
  // SIGKILL and wait: a crash.
  void Kill();
  bool running() const { return pid_ > 0; }

  // Runs `lindungi --data-dir <dir> args...`, feeding `input` on stdin.
  CliResult Cli(const std::vector<std::string>& args, const std::string& input = {}) const;
  // Adds a user with kTestPassword; throws if the CLI fails.
  void AddUser(const std::string& username, const std::string& role,
               const std::string& unit = "TEST") const;

  std::string base_url() const;
  const std::string& data_dir() const { return dir_; }
  // The store's URL: sqlite:<dir>/lindungi.db, or a fresh PostgreSQL database when
  // LINDUNGI_TEST_BACKEND=postgres (support/backend.h).
  const std::string& db_url() const { return db_url_; }
  // Points later commands and servers at another store (after `migrate-store`).
  void UseDatabase(std::string url) { db_url_ = std::move(url); }
  std::string log_path() const { return dir_ + "/server.log"; }
  std::string ReadLog() const;
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  std::string binary_;
  std::string dir_;
  std::string db_url_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::vector<pid_t> extra_pids_;
  pid_t Spawn(int port, const std::vector<std::string>& extra_args,
              const std::vector<std::pair<std::string, std::string>>& env);
  void WaitHealthy(int port, pid_t pid);
};

// A valid intake body for POST /api/v1/cases; `client_name` makes it distinct.
std::string IntakeJson(const std::string& client_name, const std::string& channel = "walk_in");

// A free TCP port on 127.0.0.1 (bound and released; another process could take it, rarely).
int FreePort();

}  // namespace lindungi::testing
