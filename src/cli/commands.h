// The pieces every `lindungi` subcommand shares, and one function per group of subcommands
// that adds them to the command line (main.cpp calls them in the order `--help` lists them).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "core/error.h"
#include "service/app.h"
#include "service/config.h"

namespace lindungi::cli {

// The options before the subcommand, and those of `serve` that override settings.
struct GlobalOptions {
  std::string config_file, data_dir, database, log_level, host, web_dir;
  int port = -1;
  std::map<std::string, std::string> Flags() const;
};

// Prints the error in English and Bahasa Indonesia and exits 2.
[[noreturn]] void Die(const Error& e);
// The settings: file, then environment, then flags. Sets the log level.
Config LoadOrDie(const GlobalOptions& g);
// SQLite: the file exists. PostgreSQL (the database itself must exist): it holds events.
// Exits 2 if the store cannot be opened.
bool StoreExists(const Config& c);
// The application on the configured store; exits 2 if there is none or it cannot be opened.
std::unique_ptr<App> OpenOrDie(const Config& c);

// The folder `name` (web/dist, sops, forms) in the working directory, else in the source tree
// the binary was built in (build/<preset>/lindungi); "" if neither has it.
std::string FindBesideSources(const std::string& name);

// Runs `run` when `cmd` is the subcommand given, after CLI11 checked every option; a non-zero
// result becomes the exit code (CLI11_PARSE returns a CLI::RuntimeError's code, silently).
void OnRun(CLI::App* cmd, std::function<int()> run);

// A progress bar on a terminal ("\r  what  [####------]  1234/5000  24%"); on a pipe or a
// log, a plain line each time the percentage changes.
class Progress {
 public:
  Progress(std::ostream& out, bool tty) : out_(out), tty_(tty) {}
  ~Progress() { Finish(); }
  void Show(std::string_view what, std::int64_t done, std::int64_t total);
  void Finish();

 private:
  std::ostream& out_;
  bool tty_;
  std::string what_;
  int last_pct_ = -1;
  bool open_ = false;
};

// The groups of subcommands, in the order of `lindungi --help`.
void AddInitCommand(CLI::App& cli, GlobalOptions& g);      // init
void AddUnitCommands(CLI::App& cli, GlobalOptions& g);     // unit add|list|set-*
void AddServeCommand(CLI::App& cli, GlobalOptions& g);     // serve
void AddPartnerCommands(CLI::App& cli, GlobalOptions& g);  // partner add|list
void AddUserCommands(CLI::App& cli, GlobalOptions& g);     // user add|list|passwd|disable
void AddStoreCommands(CLI::App& cli, GlobalOptions& g);    // audit, rebuild, backup, migrate-store
void AddSopCommands(CLI::App& cli, GlobalOptions& g);      // sop validate|show
void AddFormCommands(CLI::App& cli, GlobalOptions& g);     // form validate|show
void AddPersonCommands(CLI::App& cli, GlobalOptions& g);   // person erase, export-person
void AddKeysCommands(CLI::App& cli, GlobalOptions& g);     // keys status|rotate|rewrap
void AddLetterCommands(CLI::App& cli, GlobalOptions& g);   // letter sample
void AddDemoCommands(CLI::App& cli, GlobalOptions& g);     // demo generate

}  // namespace lindungi::cli
