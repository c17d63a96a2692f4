// `lindungi form`: check form definitions, and print a form.
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "forms/form_loader.h"
#include "forms/form_render.h"
#include "forms/form_validator.h"

namespace fs = std::filesystem;

namespace lindungi::cli {
namespace {

int FormValidate(const std::string& dir) {
  if (!fs::is_directory(dir)) {
    std::cerr << "lindungi: no such folder: " << dir << " / folder tidak ditemukan\n";
    return 2;
  }
  std::vector<sop::Diagnostic> diags;
  forms::FormSet set = forms::LoadForms(dir, diags);
  for (const auto& d : forms::ValidateForms(set)) diags.push_back(d);
  for (const auto& d : diags) std::cout << d.Format() << "\n";
  if (!diags.empty()) {
    std::cout << diags.size() << " problem(s) in " << set.forms.size() << " forms / "
              << diags.size() << " masalah\n";
    return 1;
  }
  std::size_t fields = 0;
  for (const auto& f : set.forms)
    for (const auto& s : f.sections) fields += s.fields.size();
  std::cout << "ok: " << set.forms.size() << " forms (" << fields << " fields, "
            << set.option_sets.size() << " option sets) pass every check\n";
  return 0;
}

// `dir`: the forms/ folder given, else ./forms, else the one of the source tree.
int FormShow(const std::string& id, const std::string& format, const std::string& dir) {
  std::string found = dir.empty() ? FindBesideSources("forms") : dir;
  std::vector<sop::Diagnostic> diags;
  forms::FormSet set = forms::LoadForms(found.empty() ? "forms" : found, diags);
  std::vector<const forms::Form*> shown;
  for (const auto& f : set.forms)
    if (f.id == id || id == "all") shown.push_back(&f);
  if (shown.empty()) {
    std::cerr << "lindungi: no form '" << id << "' in " << set.dir
              << " / formulir tidak ditemukan\n";
    return 2;
  }
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i > 0) std::cout << "\n";
    std::cout << (format == "markdown" ? forms::RenderMarkdown(*shown[i])
                                       : forms::RenderOutline(*shown[i]));
  }
  return 0;
}

struct FormOptions {
  std::string dir, id, format = "outline";
};

}  // namespace

void AddFormCommands(CLI::App& cli, GlobalOptions&) {
  auto* form_cmd = cli.add_subcommand("form", "Form definitions (forms/)");
  form_cmd->require_subcommand(1);
  auto o = std::make_shared<FormOptions>();
  auto* validate = form_cmd->add_subcommand(
      "validate", "Check form definitions; print file:line:column: message for each problem");
  validate->add_option("dir", o->dir, "The forms folder (forms/)")->required();
  OnRun(validate, [o] { return FormValidate(o->dir); });
  auto* show = form_cmd->add_subcommand(
      "show", "Print a form as an outline: sections, fields, types, required, options");
  show->add_option("id", o->id, "Form id, e.g. asesmen-anak (or all)")->required();
  show->add_option("--format", o->format, "outline (default) or markdown")
      ->check(CLI::IsMember({"outline", "markdown"}));
  show->add_option("--forms", o->dir, "The forms folder (default: ./forms)");
  OnRun(show, [o] { return FormShow(o->id, o->format, o->dir); });
}

}  // namespace lindungi::cli
