// The store as a whole: `lindungi audit verify`, `rebuild`, `backup` and `migrate-store`.
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "service/setup.h"

namespace lindungi::cli {
namespace {

int AuditVerify(const GlobalOptions& g) {
  Config c = LoadOrDie(g);
  auto app = OpenOrDie(c);
  std::int64_t checked = 0;
  std::vector<store::ChainProblem> problems = VerifyEventLog(*app, &checked);
  if (problems.empty()) {
    std::cout << "ok: " << checked << " events verified, every hash chain is intact\n";
    return 0;
  }
  for (const auto& p : problems) {
    std::cout << "TAMPERED " << p.stream_id << " seq " << p.seq << ": " << p.problem << "\n";
  }
  std::cout << problems.size() << " problem(s) in " << checked << " events / " << problems.size()
            << " masalah ditemukan\n";
  return 1;
}

int Rebuild(const GlobalOptions& g, bool force) {
  Config c = LoadOrDie(g);
  auto app = OpenOrDie(c);
  if (!VerifyEventLog(*app).empty() && !force) {
    std::cerr << "lindungi: the event log fails verification (run `lindungi audit verify`); not "
                 "rebuilding.\n";
    return 1;
  }
  auto n = RebuildReadTables(*app);
  if (!n) Die(n.error());
  std::cout << "rebuilt the read tables from " << *n << " events\n";
  return 0;
}

int Backup(const GlobalOptions& g, const std::string& file) {
  Config c = LoadOrDie(g);
  auto app = OpenOrDie(c);
  try {
    app->db->Backup(file);
  } catch (const std::exception& e) {
    std::cerr << "lindungi: backup failed: " << e.what() << "\n";
    return 1;
  }
  std::cout << "backup written to " << file << "\n";
  return 0;
}

int MigrateStore(const std::string& from_url, const std::string& to_url) {
  std::unique_ptr<StoreMigration> migration;
  try {
    migration = std::make_unique<StoreMigration>(from_url, to_url);
  } catch (const std::exception& e) {
    std::cerr << "lindungi: cannot open a store: " << e.what() << "\n";
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  Progress progress(std::cerr, ::isatty(STDERR_FILENO));
  auto r = migration->Run(
      [&](std::int64_t done, std::int64_t total) { progress.Show("events", done, total); });
  progress.Finish();
  if (!r) Die(r.error());
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::cout << "moved " << r->events << " events in " << r->streams << " streams, verified, in "
            << took.count() << " s; sessions were not moved (users log in again)\n";
  return 0;
}

void AddMigrateStore(CLI::App& cli) {
  struct Options {
    std::string from_url, to_url;
  };
  auto o = std::make_shared<Options>();
  auto* migrate = cli.add_subcommand(
      "migrate-store",
      "Move a store to another backend (e.g. SQLite to PostgreSQL), verifying every event");
  migrate
      ->add_option("--from", o->from_url, "Source store, e.g. sqlite:/var/lib/lindungi/lindungi.db")
      ->required();
  migrate
      ->add_option("--to", o->to_url,
                   "Empty target store, e.g. postgres://lindungi@db:5432/lindungi")
      ->required();
  OnRun(migrate, [o] { return MigrateStore(o->from_url, o->to_url); });
}

}  // namespace

void AddStoreCommands(CLI::App& cli, GlobalOptions& g) {
  auto* audit = cli.add_subcommand("audit", "Check the event log");
  audit->require_subcommand(1);
  OnRun(
      audit->add_subcommand("verify", "Verify every hash chain; exit 1 naming each tampered event"),
      [&g] { return AuditVerify(g); });

  auto* rebuild = cli.add_subcommand("rebuild", "Recreate the read tables from the event log");
  auto force = std::make_shared<bool>(false);
  rebuild->add_flag("--force", *force, "Rebuild even if the log fails verification");
  OnRun(rebuild, [&g, force] { return Rebuild(g, *force); });

  auto* backup =
      cli.add_subcommand("backup", "Write a consistent copy of the store (safe while serving)");
  auto file = std::make_shared<std::string>();
  backup->add_option("file", *file, "Destination file")->required();
  OnRun(backup, [&g, file] { return Backup(g, *file); });

  AddMigrateStore(cli);
}

}  // namespace lindungi::cli
