// `lindungi init`: a new data directory with its settings, store, first unit and demo users.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "service/setup.h"
#include "store/unit_store.h"

namespace fs = std::filesystem;

namespace lindungi::cli {
namespace {

struct InitOptions {
  bool demo = false, if_missing = false;
  UnitSpec unit;
};

// The demo unit's letterhead and one user per role, their passwords printed this once.
void AddDemoUsers(App& app, const store::UnitRecord& unit) {
  if (auto s = SetUnitLetterSettings(*app.db, app.clock, unit.code, DemoLetterSettings()); !s)
    Die(s.error());
  auto users = CreateDemoUsers(app, unit);
  if (!users) Die(users.error());
  std::cout << "\nDemo users (passwords are shown only now; change them with `lindungi user "
               "passwd`):\n";
  for (const auto& du : *users) {
    std::cout << "  " << du.username
              << std::string(14 - std::min<size_t>(13, du.username.size()), ' ') << du.password
              << "  " << du.role << "\n";
  }
}

int Init(const GlobalOptions& g, const InitOptions& o) {
  Config c = LoadOrDie(g);
  if (StoreExists(c)) {
    if (o.if_missing) {
      std::cout << "Data directory " << c.data_dir << " already exists: keeping it.\n";
      return 0;
    }
    std::cerr << "lindungi: a store already exists in " << c.data_dir
              << " (use --if-missing to keep it)\n"
              << "          sudah ada penyimpanan di " << c.data_dir << "\n";
    return 2;
  }
  fs::create_directories(c.data_dir);
  fs::permissions(c.data_dir, fs::perms::owner_all, fs::perm_options::replace);
  if (c.sops_dir.empty()) c.sops_dir = FindBesideSources("sops");
  WriteConfigFile(c, (fs::path(c.data_dir) / "lindungi.yaml").string());
  App app(c);
  UnitSpec unit = o.unit;
  if (o.demo) {
    unit = DemoUnit();
    if (!app.sops.FindPack(unit.sop_pack)) unit.sop_pack.clear();  // no SOP folder found
  }
  if (unit.code.empty()) {
    std::cout << "Initialised " << c.data_dir
              << " (no unit yet: pass --unit-code and --unit-name, or --demo).\n";
    return 0;
  }
  auto u = CreateUnit(app, unit);
  if (!u) Die(u.error());
  std::cout << "Initialised " << c.data_dir << " with unit " << u->code << " (" << u->name
            << ").\n";
  if (o.demo) AddDemoUsers(app, *u);
  return 0;
}

}  // namespace

void AddInitCommand(CLI::App& cli, GlobalOptions& g) {
  auto* init = cli.add_subcommand(
      "init", "Create a data directory: settings, store, a unit, and demo users");
  auto o = std::make_shared<InitOptions>();
  init->add_flag("--demo", o->demo,
                 "Add the demo unit and one user per role (passwords printed once)");
  init->add_flag("--if-missing", o->if_missing,
                 "Do nothing if the data directory already has a store");
  init->add_option("--unit-code", o->unit.code, "Code of the first unit (appears in case numbers)");
  init->add_option("--unit-name", o->unit.name, "Name of the first unit");
  init->add_option("--unit-level", o->unit.level, "kabupaten_kota, provinsi or nasional");
  init->add_option("--province", o->unit.province, "Province of the unit");
  init->add_option("--time-zone", o->unit.time_zone,
                   "Asia/Jakarta, Asia/Makassar or Asia/Jayapura");
  init->add_option("--unit-sop-pack", o->unit.sop_pack,
                   "SOP pack the unit's cases run (a folder of sops/, e.g. kalteng)");
  OnRun(init, [&g, o] { return Init(g, *o); });
}

}  // namespace lindungi::cli
