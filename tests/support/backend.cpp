#include "support/backend.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/server_harness.h"

namespace lindungi::testing {
namespace fs = std::filesystem;
namespace {

constexpr const char* kPgBin = "/usr/lib/postgresql/15/bin/";

int Run(const std::vector<std::string>& args, const std::string& output = "") {
  return WaitProcess(SpawnProcess(args, {"", output, false, {}}));
}

// As the postgres user when root (initdb refuses root), else as ourselves.
std::vector<std::string> AsPostgres(std::vector<std::string> cmd) {
  if (geteuid() != 0) return cmd;
  std::vector<std::string> full = {"runuser", "-u", "postgres", "--"};
  full.insert(full.end(), cmd.begin(), cmd.end());
  return full;
}

using Env = std::vector<std::pair<std::string, std::string>>;

class ThrowawayPostgres {
 public:
  explicit ThrowawayPostgres(const Env& env = {}) {
    std::string tmpl = (fs::temp_directory_path() / "lindungi-pg-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    if (geteuid() == 0) Run({"chown", "postgres:postgres", dir_});
    port_ = FreePort();
    if (Run(AsPostgres({std::string(kPgBin) + "initdb", "-D", dir_ + "/data", "-A", "trust", "-U",
                        "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"}),
            dir_ + "/initdb.log") != 0) {
      throw std::runtime_error("initdb failed; see " + dir_ + "/initdb.log");
    }
    std::string opts =
        "-p " + std::to_string(port_) + " -k " + dir_ + " -h 127.0.0.1 -c max_connections=300";
    std::vector<std::string> start = {"env"};  // through runuser to the postmaster
    for (const auto& [k, v] : env) start.push_back(k + "=" + v);
    start.insert(start.end(), {std::string(kPgBin) + "pg_ctl", "-D", dir_ + "/data", "-l",
                               dir_ + "/log", "-o", opts, "-w", "-s", "start"});
    if (Run(AsPostgres(start)) != 0) {
      throw std::runtime_error("pg_ctl start failed; see " + dir_ + "/log");
    }
  }
  ~ThrowawayPostgres() {
    Run(AsPostgres(
        {std::string(kPgBin) + "pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-s", "stop"}));
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Url(const std::string& db) const {
    return "postgres://postgres@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }

 private:
  std::string dir_;
  int port_ = 0;
};

ThrowawayPostgres& Server() {
  static ThrowawayPostgres server;  // stopped at exit
  return server;
}

}  // namespace

bool UsePostgres() {
  const char* b = std::getenv("LINDUNGI_TEST_BACKEND");
  return b && std::string_view(b) == "postgres";
}

namespace {

std::mutex databases_mu;

std::string NewDatabaseOn(const ThrowawayPostgres& server) {
  static int n = 0;
  std::string name = "lt_" + std::to_string(getpid()) + "_" + std::to_string(++n);
  RawSql(server.Url("postgres"), "CREATE DATABASE " + name);
  return server.Url(name);
}

}  // namespace

std::string NewPostgresDatabase() {
  std::lock_guard lock(databases_mu);
  return NewDatabaseOn(Server());
}

std::string NewPostgresDatabase(const Env& env) {
  static std::map<Env, std::unique_ptr<ThrowawayPostgres>> servers;  // stopped at exit
  std::lock_guard lock(databases_mu);
  auto& server = servers[env];
  if (!server) server = std::make_unique<ThrowawayPostgres>(env);
  return NewDatabaseOn(*server);
}

std::string RawSql(const std::string& url, const std::string& sql) {
  std::string out;
  if (url.starts_with("postgres://")) {
    PGconn* c = PQconnectdb(url.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(c);
      PQfinish(c);
      throw std::runtime_error(msg);
    }
    PGresult* r = PQexec(c, sql.c_str());
    auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      std::string msg = PQresultErrorMessage(r);
      PQclear(r);
      PQfinish(c);
      throw std::runtime_error(msg);
    }
    if (st == PGRES_TUPLES_OK && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
      out = PQgetvalue(r, 0, 0);
    PQclear(r);
    PQfinish(c);
    return out;
  }
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_busy_timeout(db, 10000);
  char* err = nullptr;
  struct FirstCell {
    std::string* out;
    bool taken = false;
  } first{&out};
  int rc = sqlite3_exec(
      db, sql.c_str(),
      [](void* o, int, char** v, char**) {
        auto* f = static_cast<FirstCell*>(o);
        if (!f->taken) {
          *f->out = v[0] ? v[0] : "";
          f->taken = true;
        }
        return 0;
      },
      &first, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error(msg);
  return out;
}

void Tamper(const std::string& url, const std::string& sql) {
  if (url.starts_with("postgres://")) {
    RawSql(url,
           "DROP TRIGGER IF EXISTS events_append_only_update ON events; "
           "DROP TRIGGER IF EXISTS events_append_only_delete ON events; " +
               sql);
  } else {
    RawSql(url,
           "DROP TRIGGER IF EXISTS events_append_only_update; "
           "DROP TRIGGER IF EXISTS events_append_only_delete; " +
               sql);
  }
}

}  // namespace lindungi::testing
