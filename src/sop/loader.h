// Reads SOP packs from disk (the only I/O of sop/). Problems of form — YAML syntax, wrong
// types, unknown keys, missing required keys — become Diagnostics with file:line:column;
// the rules between elements are checked by the validator.
#pragma once

#include <string>
#include <vector>

#include "core/classification.h"
#include "sop/pack.h"

namespace lindungi::sop {

// Loads the pack in `dir` (unit.yaml, documents.yaml, every other *.yaml as an SOP, in
// file-name order). Appends every problem found to `diagnostics`.
Pack LoadPack(const std::string& dir, std::vector<Diagnostic>& diagnostics);

// Loads sops/classification.yaml (core/classification.h). Every list is required; ids are
// unique within a list; each violence form's `gbvims` names a GBVIMS type.
Classification LoadClassification(const std::string& file, std::vector<Diagnostic>& diagnostics);

// Parses one SOP document from text (`file` names it in diagnostics).
Sop ParseSop(const std::string& text, const std::string& file,
             std::vector<Diagnostic>& diagnostics);

}  // namespace lindungi::sop
