// `lindungi`: the one binary. Subcommands set up a data directory, serve the API, manage
// users, verify and rebuild the event log, and back up the store. Each group of subcommands
// lives in its own file (cli/commands.h); this file parses the global options.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace lindungi::cli;
  spdlog::set_default_logger(spdlog::stderr_logger_mt("lindungi"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");

  CLI::App cli{
      "Lindungi: case management for women and child protection units (UPTD PPA).\n"
      "Settings come from <data-dir>/lindungi.yaml, then LINDUNGI_* environment variables, then "
      "flags."};
  cli.require_subcommand(1);
  GlobalOptions g;
  cli.add_option("--config", g.config_file, "Settings file (default: <data-dir>/lindungi.yaml)");
  cli.add_option("--data-dir", g.data_dir,
                 "Data directory (default: ./data; env LINDUNGI_DATA_DIR)");
  cli.add_option("--database,--db", g.database,
                 "Store URL: sqlite:/var/lib/lindungi/lindungi.db or postgres://user@host:5432/db");
  cli.add_option("--log-level", g.log_level, "trace, debug, info, warn or error");

  AddInitCommand(cli, g);
  AddUnitCommands(cli, g);
  AddServeCommand(cli, g);
  AddPartnerCommands(cli, g);
  AddUserCommands(cli, g);
  AddStoreCommands(cli, g);
  AddSopCommands(cli, g);
  AddFormCommands(cli, g);
  AddPersonCommands(cli, g);
  AddKeysCommands(cli, g);
  AddLetterCommands(cli, g);
  AddDemoCommands(cli, g);
  OnRun(cli.add_subcommand("version", "Print the version"), [] {
    std::cout << "lindungi " << LINDUNGI_VERSION << "\n";
    return 0;
  });

  CLI11_PARSE(cli, argc, argv);
  return 0;
}
