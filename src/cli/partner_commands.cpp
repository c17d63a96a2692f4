// `lindungi partner`: the partner organisations (mitra) cases are referred to.
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "service/setup.h"

namespace lindungi::cli {
namespace {

void AddPartnerAdd(CLI::App& partner, GlobalOptions& g) {
  auto spec = std::make_shared<PartnerSpec>();
  auto* add = partner.add_subcommand("add", "Register a partner organisation");
  add->add_option("--code", spec->code, "Partner code (upper-case, digits, '-')")->required();
  add->add_option("--name", spec->name, "Name, e.g. Polres Kota Contoh")->required();
  add->add_option("--kind", spec->kind,
                  "police, health, social, community, school, legal_aid, community_leader, "
                  "task_force or other")
      ->required();
  add->add_option("--unit", spec->unit_code,
                  "The unit whose partner directory holds it (default: every unit's)");
  add->add_option("--area", spec->area, "Where it serves, e.g. \"Kota Palangka Raya\"");
  OnRun(add, [&g, spec] {
    auto app = OpenOrDie(LoadOrDie(g));
    auto r = CreatePartner(*app, *spec);
    if (!r) Die(r.error());
    std::cout << "Partner " << r->code << " (" << r->kind << ") added: " << r->name << ", id "
              << r->id << ".\n";
    return 0;
  });
}

int ListPartners(const GlobalOptions& g) {
  auto app = OpenOrDie(LoadOrDie(g));
  std::map<std::string, std::string> unit_codes;
  for (const auto& u : AllUnits(*app)) unit_codes[u.id] = u.code;
  for (const auto& p : AllPartners(*app)) {
    std::string unit = p.unit_id.empty() ? "*" : unit_codes[p.unit_id];
    std::cout << p.id << "  " << p.code << "  " << p.kind << "  " << unit << "  "
              << (p.area.empty() ? "-" : p.area) << "  " << p.name << "\n";
  }
  return 0;
}

}  // namespace

void AddPartnerCommands(CLI::App& cli, GlobalOptions& g) {
  auto* partner = cli.add_subcommand("partner", "Manage partner organisations (mitra)");
  partner->require_subcommand(1);
  AddPartnerAdd(*partner, g);
  auto* list = partner->add_subcommand(
      "list",
      "List partner organisations: id (a referral's partner_id), code, kind, unit, area, name");
  OnRun(list, [&g] { return ListPartners(g); });
}

}  // namespace lindungi::cli
