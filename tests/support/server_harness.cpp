#include "support/server_harness.h"

#include <algorithm>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/backend.h"
#include "support/event_shapes.h"
#include "support/http_client.h"
#include "support/process.h"

namespace lindungi::testing {
namespace fs = std::filesystem;

int FreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  int port = ntohs(a.sin_port);
  close(s);
  return port;
}

ServerHarness::ServerHarness(std::string binary, std::string db_url)
    : binary_(std::move(binary)), db_url_(std::move(db_url)) {
  // Another build's server (e.g. main's, to see a new test fail before a fix).
  if (const char* other = std::getenv("LINDUNGI_TEST_SERVER_BINARY"); other && *other)
    binary_ = other;
  std::string tmpl = (fs::temp_directory_path() / "lindungi-test-XXXXXX").string();
  dir_ = mkdtemp(tmpl.data());
  if (db_url_.empty())
    db_url_ = UsePostgres() ? NewPostgresDatabase() : "sqlite:" + dir_ + "/lindungi.db";
  auto r = Cli({"init", "--unit-code", "TEST", "--unit-name", "UPTD PPA Uji", "--province",
                "Kalimantan Tengah"});
  if (r.exit_code != 0) throw std::runtime_error("init failed: " + r.output);
  r = Cli({"unit", "add", "--code", "OTHER", "--name", "UPTD PPA Lain", "--time-zone",
           "Asia/Makassar"});
  if (r.exit_code != 0) throw std::runtime_error("unit add failed: " + r.output);
}

ServerHarness::~ServerHarness() {
  if (pid_ > 0) Stop();
  try {
    RecordEventShapes(db_url_);
  } catch (const std::exception&) {
    // A store a test broke on purpose (tampered, removed) has no history to pin.
  }
  std::error_code ec;
  if (!std::getenv("LINDUNGI_KEEP_TEST_DATA")) fs::remove_all(dir_, ec);
}

CliResult ServerHarness::Cli(const std::vector<std::string>& args, const std::string& input) const {
  std::string out_path = dir_ + "/cli.out";
  std::string in_path = dir_ + "/cli.in";
  std::ofstream(in_path) << input;
  std::vector<std::string> full = {binary_, "--data-dir", dir_, "--database", db_url_};
  full.insert(full.end(), args.begin(), args.end());
  CliResult r;
  r.exit_code = WaitProcess(SpawnProcess(full, {in_path, out_path, false, {}}));
  std::ifstream f(out_path);
  std::stringstream ss;
  ss << f.rdbuf();
  r.output = ss.str();
  return r;
}

void ServerHarness::AddUser(const std::string& username, const std::string& role,
                            const std::string& unit) const {
  auto r = Cli({"user", "add", username, "--role", role, "--unit", unit, "--password-stdin"},
               std::string(kTestPassword) + "\n");
  if (r.exit_code != 0) throw std::runtime_error("user add failed: " + r.output);
}

std::string IntakeJson(const std::string& client_name, const std::string& channel) {
  return R"({"channel":")" + channel + R"(","crisis":false,
    "reporter":{"name":"Pelapor Uji","relation":"neighbour","phone":"0812 555 0101"},
    "client":{"name":")" +
         client_name + R"(","sex":"female","birth_date":"2012-05-17"},
    "narrative":"Narasi uji: tetangga melaporkan dugaan kekerasan."})";
}

pid_t ServerHarness::Spawn(int port, const std::vector<std::string>& extra_args,
                           const std::vector<std::pair<std::string, std::string>>& env) {
  std::vector<std::string> full = {binary_, "--data-dir", dir_,     "--database",
                                   db_url_, "serve",      "--port", std::to_string(port)};
  full.insert(full.end(), extra_args.begin(), extra_args.end());
  // API tests see the API alone, whether or not web/dist was built beside the binary.
  if (std::find(extra_args.begin(), extra_args.end(), "--web-dir") == extra_args.end()) {
    full.insert(full.end(), {"--web-dir", "none"});
  }
  return SpawnProcess(full, {"", log_path(), true, env});
}

void ServerHarness::WaitHealthy(int port, pid_t pid) {
  Client probe("http://127.0.0.1:" + std::to_string(port));
  probe.set_timeout_ms(1000);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (probe.Get("/healthz").status == 200) return;
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid)
      throw std::runtime_error("server exited at start: " + ReadLog());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a start is timed by it
  }
  throw std::runtime_error("server did not answer /healthz within 20 s: " + ReadLog());
}

void ServerHarness::Start(std::vector<std::string> extra_args,
                          std::vector<std::pair<std::string, std::string>> env) {
  if (pid_ > 0) throw std::logic_error("server already running");
  port_ = FreePort();
  pid_ = Spawn(port_, extra_args, env);
  try {
    WaitHealthy(port_, pid_);
  } catch (...) {
    pid_ = -1;
    throw;
  }
}

std::string ServerHarness::StartAnotherProcess() {
  int port = FreePort();
  pid_t pid = Spawn(port, {}, {});
  extra_pids_.push_back(pid);
  WaitHealthy(port, pid);
  return "http://127.0.0.1:" + std::to_string(port);
}

int ServerHarness::Stop() {
  for (pid_t p : extra_pids_) {
    kill(p, SIGTERM);
    WaitProcess(p);
  }
  extra_pids_.clear();
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int code = WaitProcess(pid_);
  pid_ = -1;
  return code;
}

void ServerHarness::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  WaitProcess(pid_);
  pid_ = -1;
}

std::string ServerHarness::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

std::string ServerHarness::ReadLog() const {
  std::ifstream f(log_path());
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace lindungi::testing
