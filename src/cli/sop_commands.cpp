// `lindungi sop`: check SOP packs, and print or draw an SOP.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "forms/form_loader.h"
#include "service/graphviz.h"
#include "sop/loader.h"
#include "sop/render.h"
#include "sop/validator.h"

namespace fs = std::filesystem;

namespace lindungi::cli {
namespace {

struct PackPaths {
  std::vector<std::string> dirs, classifications;
};

// The pack folders the paths name (a pack, a folder of packs, a file of a pack), sorted, each
// once; false if a path does not exist.
bool FindPacks(const std::vector<std::string>& paths, PackPaths& out) {
  for (const auto& p : paths) {
    fs::path path(p);
    if (fs::is_regular_file(path)) path = path.parent_path();
    if (fs::exists(path / "unit.yaml")) {
      out.dirs.push_back(path.string());
    } else if (fs::is_directory(path)) {
      for (const auto& e : fs::directory_iterator(path)) {
        if (fs::exists(e.path() / "unit.yaml")) out.dirs.push_back(e.path().string());
      }
      // A folder of packs also holds the classification every unit shares.
      if (fs::exists(path / "classification.yaml"))
        out.classifications.push_back((path / "classification.yaml").string());
    } else {
      std::cerr << "lindungi: no such pack or file: " << p << "\n";
      return false;
    }
  }
  std::sort(out.dirs.begin(), out.dirs.end());
  out.dirs.erase(std::unique(out.dirs.begin(), out.dirs.end()), out.dirs.end());
  return true;
}

// Document kinds name forms of the forms/ folder beside sops/ (sops/kalteng -> forms/).
std::set<std::string> FormIdsBeside(const std::vector<std::string>& dirs) {
  std::set<std::string> form_ids;
  for (const auto& d : dirs) {
    fs::path forms_dir = fs::path(d).parent_path().parent_path() / "forms";
    if (!fs::is_directory(forms_dir)) continue;
    std::vector<sop::Diagnostic> ignored;  // `lindungi form validate` reports those
    for (const auto& f : forms::LoadForms(forms_dir.string(), ignored).forms)
      if (!f.id.empty()) form_ids.insert(f.id);
    break;
  }
  return form_ids;
}

int SopValidate(const std::vector<std::string>& paths) {
  PackPaths found;
  if (!FindPacks(paths, found)) return 2;
  std::vector<sop::Diagnostic> diags;
  std::vector<sop::Pack> packs;
  std::size_t sops = 0;
  for (const auto& d : found.dirs) {
    packs.push_back(sop::LoadPack(d, diags));
    sops += packs.back().sops.size();
  }
  std::set<std::string> form_ids = FormIdsBeside(found.dirs);
  for (const auto& d : sop::Validate(packs, &form_ids)) diags.push_back(d);
  for (const auto& f : found.classifications) sop::LoadClassification(f, diags);
  for (const auto& d : diags) std::cout << d.Format() << "\n";
  if (!diags.empty()) {
    std::cout << diags.size() << " problem(s) in " << sops << " SOPs / " << diags.size()
              << " masalah\n";
    return 1;
  }
  std::cout << "ok: " << sops << " SOPs in " << packs.size() << " packs pass every check\n";
  return 0;
}

// Writes SOP `s` in `format`: table, dot or svg (drawn by Graphviz). 1 if Graphviz fails.
int PrintSop(const sop::Sop& s, const std::string& format) {
  if (format == "table") {
    std::cout << sop::RenderTable(s);
  } else if (format == "dot") {
    std::cout << sop::RenderDot(s);
  } else {
    std::string svg = DotToSvg(sop::RenderDot(s));
    if (svg.empty()) {
      std::cerr << "lindungi: Graphviz `dot` failed or is missing (apt-get install graphviz)\n";
      return 1;
    }
    std::cout << svg;
  }
  return 0;
}

int SopShow(const GlobalOptions& g, const std::string& id, const std::string& format,
            std::string root) {
  if (root.empty()) {
    auto c = LoadConfig(g.config_file.empty() ? std::nullopt : std::optional(g.config_file),
                        LindungiEnvironment(), g.Flags());
    root = c && !c->sops_dir.empty() ? c->sops_dir : FindBesideSources("sops");
  }
  auto slash = id.find('/');
  std::string dir = (fs::path(root) / id.substr(0, slash)).string();
  if (slash == std::string::npos || !fs::exists(fs::path(dir) / "unit.yaml")) {
    std::cerr << "lindungi: no SOP '" << id << "' under " << root << " / SOP tidak ditemukan\n";
    return 2;
  }
  std::vector<sop::Diagnostic> diags;
  sop::Pack pack = sop::LoadPack(dir, diags);
  for (const auto& s : pack.sops) {
    if (s.id == id) return PrintSop(s, format);
  }
  std::cerr << "lindungi: no SOP '" << id << "' in " << dir << " / SOP tidak ditemukan\n";
  return 2;
}

struct ShowOptions {
  std::string id, format = "table", root;
};

}  // namespace

void AddSopCommands(CLI::App& cli, GlobalOptions& g) {
  auto* sop_cmd = cli.add_subcommand("sop", "SOP packs");
  sop_cmd->require_subcommand(1);
  auto paths = std::make_shared<std::vector<std::string>>();
  auto* validate = sop_cmd->add_subcommand(
      "validate", "Check SOP packs; print file:line:column: message for each problem");
  validate
      ->add_option("paths", *paths,
                   "Pack folders (sops/kalteng), a folder of packs (sops/) or SOP files")
      ->required();
  OnRun(validate, [paths] { return SopValidate(*paths); });

  auto* show = sop_cmd->add_subcommand(
      "show", "Print an SOP as a table, or draw it (dot, svg) as a swimlane flowchart");
  auto o = std::make_shared<ShowOptions>();
  show->add_option("id", o->id, "SOP id, e.g. kalteng/pengaduan-tidak-langsung")->required();
  show->add_option("--format", o->format, "table (default), dot or svg")
      ->check(CLI::IsMember({"table", "dot", "svg"}));
  show->add_option("--sops", o->root,
                   "Folder of packs (default: the configured sops_dir, else ./sops)");
  OnRun(show, [&g, o] { return SopShow(g, o->id, o->format, o->root); });
}

}  // namespace lindungi::cli
