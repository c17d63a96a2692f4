// `lindungi unit`: add and list units, and set a unit's SOP pack, two-step log-in policy and
// letter settings.
#include <iostream>

#include "cli/commands.h"
#include "service/setup.h"

namespace lindungi::cli {
namespace {

void AddUnitAdd(CLI::App& unit_cmd, GlobalOptions& g) {
  auto spec = std::make_shared<UnitSpec>();
  auto* unit_add = unit_cmd.add_subcommand("add", "Add a unit");
  unit_add->add_option("--code", spec->code, "Unit code (appears in case numbers)")->required();
  unit_add->add_option("--name", spec->name, "Unit name")->required();
  unit_add->add_option("--level", spec->level, "kabupaten_kota, provinsi or nasional");
  unit_add->add_option("--province", spec->province, "Province");
  unit_add->add_option("--time-zone", spec->time_zone,
                       "Asia/Jakarta, Asia/Makassar or Asia/Jayapura");
  unit_add->add_option("--sop-pack", spec->sop_pack,
                       "SOP pack the unit's cases run (a folder of sops/, e.g. kalteng)");
  OnRun(unit_add, [&g, spec] {
    auto app = OpenOrDie(LoadOrDie(g));
    auto u = CreateUnit(*app, *spec);
    if (!u) Die(u.error());
    std::cout << "Unit " << u->code << " created.\n";
    return 0;
  });
}

void AddUnitList(CLI::App& unit_cmd, GlobalOptions& g) {
  OnRun(unit_cmd.add_subcommand("list", "List units"), [&g] {
    auto app = OpenOrDie(LoadOrDie(g));
    for (const auto& u : AllUnits(*app)) {
      std::cout << u.code << "  " << u.name << "  " << u.level << "  " << u.time_zone << "  "
                << (u.sop_pack.empty() ? "-" : u.sop_pack)
                << (u.two_factor_required ? "  2fa-required" : "") << "\n";
    }
    return 0;
  });
}

void AddUnitSetPack(CLI::App& unit_cmd, GlobalOptions& g) {
  struct Options {
    std::string unit, pack;
  };
  auto o = std::make_shared<Options>();
  auto* set_pack = unit_cmd.add_subcommand("set-pack", "Set the SOP pack a unit's cases run");
  set_pack->add_option("code", o->unit, "Unit code")->required();
  set_pack->add_option("pack", o->pack, "SOP pack id (a folder of sops/)")->required();
  OnRun(set_pack, [&g, o] {
    auto app = OpenOrDie(LoadOrDie(g));
    if (auto s = SetUnitSopPack(*app, o->unit, o->pack); !s) Die(s.error());
    std::cout << "Unit " << o->unit << " now runs SOP pack " << o->pack << ".\n";
    return 0;
  });
}

void AddUnitSet2fa(CLI::App& unit_cmd, GlobalOptions& g) {
  struct Options {
    std::string unit, value;
  };
  auto o = std::make_shared<Options>();
  auto* set_2fa = unit_cmd.add_subcommand(
      "set-2fa",
      "Make two-step log-in mandatory (on) or optional (off) for a unit's heads and "
      "administrators, from their next log-in");
  set_2fa->add_option("code", o->unit, "Unit code")->required();
  set_2fa->add_option("value", o->value, "on or off")
      ->required()
      ->check(CLI::IsMember({"on", "off"}));
  OnRun(set_2fa, [&g, o] {
    auto app = OpenOrDie(LoadOrDie(g));
    bool on = o->value == "on";
    if (auto s = SetUnitTwoFactorRequired(*app, o->unit, on); !s) Die(s.error());
    std::cout << "Unit " << o->unit << ": two-step log-in is " << (on ? "mandatory" : "optional")
              << " for its heads and administrators from their next log-in.\n";
    return 0;
  });
}

struct LetterheadOptions {
  std::string unit;
  LetterSettings settings;
  std::string pattern;
};

// The options of `unit set-letterhead`, in the order its help lists them.
void AddLetterheadOptions(CLI::App& cmd, LetterheadOptions& o) {
  LetterSettings& s = o.settings;
  cmd.add_option("code", o.unit, "Unit code")->required();
  cmd.add_option("--authority", s.authority,
                 "An authority line of the kop, e.g. \"PEMERINTAH KOTA CONTOH\" (repeat, 1-4)")
      ->required();
  cmd.add_option("--name", s.name, "The unit's name on the kop")->required();
  cmd.add_option("--address", s.address, "Address line")->required();
  cmd.add_option("--phone", s.phone, "Telephone");
  cmd.add_option("--email", s.email, "E-mail (pos-el)");
  cmd.add_option("--city", s.city, "City letters are dated in")->required();
  cmd.add_option("--head-name", s.head.name, "The head's name")->required();
  cmd.add_option("--head-nip", s.head.nip, "The head's NIP")->required();
  cmd.add_option("--head-rank", s.head.rank, "The head's pangkat / golongan");
  cmd.add_option("--head-position", s.head.position, "The head's position (jabatan)");
  cmd.add_option(
      "--agenda-pattern", o.pattern,
      "Agenda number pattern, default {classification}/{seq:04}/{unit}/{month_roman}/{year}");
  cmd.add_option("--classification", s.agenda.classification,
                 "Archive classification code, e.g. 400.2.8");
  cmd.add_option("--unit-code", s.agenda.unit_code,
                 "The unit's code in agenda numbers, e.g. UPTD-PPA");
}

void AddUnitSetLetterhead(CLI::App& unit_cmd, GlobalOptions& g) {
  auto o = std::make_shared<LetterheadOptions>();
  auto* set_letterhead = unit_cmd.add_subcommand(
      "set-letterhead",
      "Set a unit's letter settings: letterhead (kop surat), the city letters are dated in, "
      "its head, and its agenda number format (docs/letters.md)");
  AddLetterheadOptions(*set_letterhead, *o);
  OnRun(set_letterhead, [&g, o] {
    auto app = OpenOrDie(LoadOrDie(g));
    if (!o->pattern.empty()) o->settings.agenda.pattern = o->pattern;
    if (auto s = SetUnitLetterSettings(*app->db, app->clock, o->unit, o->settings); !s)
      Die(s.error());
    std::cout << "Unit " << o->unit << ": letter settings saved.\n";
    return 0;
  });
}

}  // namespace

void AddUnitCommands(CLI::App& cli, GlobalOptions& g) {
  auto* unit_cmd = cli.add_subcommand("unit", "Manage units");
  unit_cmd->require_subcommand(1);
  AddUnitAdd(*unit_cmd, g);
  AddUnitList(*unit_cmd, g);
  AddUnitSetPack(*unit_cmd, g);
  AddUnitSet2fa(*unit_cmd, g);
  AddUnitSetLetterhead(*unit_cmd, g);
}

}  // namespace lindungi::cli
