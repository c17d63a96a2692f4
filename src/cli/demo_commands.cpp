// `lindungi demo generate`: synthetic cases for a demo or a benchmark.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "service/demo_generator.h"

namespace lindungi::cli {
namespace {

// With a progress bar on stderr.
int DemoGenerate(const GlobalOptions& g, const DemoOptions& o) {
  Config c = LoadOrDie(g);
  auto app = OpenOrDie(c);
  Progress bar(std::cerr, ::isatty(STDERR_FILENO));
  auto progress = [&](std::int64_t done, std::int64_t total) { bar.Show("kasus", done, total); };
  auto r = GenerateDemo(*app, o, progress);
  bar.Finish();
  if (!r) Die(r.error());
  std::cout << "Generated " << r->cases << " synthetic cases in unit " << o.unit_code << " ("
            << r->sops_started << " SOPs started, " << r->tasks_completed << " tasks done, "
            << r->terminated << " terminated) in " << fmt::format("{:.1f}", r->seconds) << " s.\n";
  return 0;
}

}  // namespace

void AddDemoCommands(CLI::App& cli, GlobalOptions& g) {
  auto* demo_cmd = cli.add_subcommand("demo", "Demo data");
  demo_cmd->require_subcommand(1);
  auto o = std::make_shared<DemoOptions>();
  auto* generate = demo_cmd->add_subcommand(
      "generate", "Synthetic cases run through the unit's SOPs (refused where real cases are)");
  generate->add_option("--unit", o->unit_code, "Unit code")->required();
  generate->add_option("--cases", o->cases, "How many cases")->required();
  generate->add_option("--seed", o->seed, "Random seed (same seed, same data)");
  generate->add_option("--jobs", o->jobs, "Cases made at once (default 8)");
  OnRun(generate, [&g, o] { return DemoGenerate(g, *o); });
}

}  // namespace lindungi::cli
