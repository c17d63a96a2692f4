// Reads form definitions from disk (the only I/O of forms/). Problems of shape — YAML
// syntax, wrong types, unknown keys, missing keys — become Diagnostics with
// file:line:column; the rules between elements are checked by forms/form_validator.h.
#pragma once

#include <string>
#include <vector>

#include "forms/form.h"

namespace lindungi::forms {

// The file of shared option sets in a forms/ folder (not a form).
inline constexpr std::string_view kOptionSetsFile = "options.yaml";

// Loads forms/ in `dir`: options.yaml as the option sets, every other *.yaml as one form, in
// file-name order; fields naming an option set get its options. Appends every problem to
// `diagnostics`. A missing folder is a diagnostic too.
FormSet LoadForms(const std::string& dir, std::vector<Diagnostic>& diagnostics);

// Parses one form from text (`file` names it in diagnostics). Option sets are not resolved.
Form ParseForm(const std::string& text, const std::string& file,
               std::vector<Diagnostic>& diagnostics);

// Parses the option sets file into `set.option_sets`.
void ParseOptionSets(const std::string& text, const std::string& file, FormSet& set,
                     std::vector<Diagnostic>& diagnostics);

// Gives every field that names an option set the options of that set (unknown sets are
// left empty: the validator reports them).
void ResolveOptionSets(FormSet& set);

}  // namespace lindungi::forms
