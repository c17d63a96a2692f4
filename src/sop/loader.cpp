#include "sop/loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "sop/yaml_reader.h"

namespace lindungi::sop {
namespace fs = std::filesystem;
namespace {

using Reader = YamlReader;

Outcome ReadOutcome(Reader& r, const YAML::Node& n) {
  if (!n.IsMap()) {
    r.Error(n, "a decision outcome must be a map (outcome, label, next or end)");
    return {"", "", "", "", "", r.At(n)};
  }
  r.OnlyKeys(
      n, {"outcome", "label", "next", "end", "start", "triage", "produces", "asserts", "approves"},
      "a decision outcome");
  Outcome o{r.Text(n, "outcome", true), r.Text(n, "label", true),  r.Text(n, "next", false),
            r.Text(n, "end", false),    r.Text(n, "start", false), r.At(n)};
  o.triage = r.Text(n, "triage", false);
  if (n["produces"]) {
    o.has_produces = true;
    o.produces = r.List(n, "produces");
  }
  o.asserts = r.List(n, "asserts");
  o.approves = r.Text(n, "approves", false);
  return o;
}

Step ReadStep(Reader& r, const YAML::Node& n) {
  Step s;
  s.at = r.At(n);
  if (!n.IsMap()) {
    r.Error(n, "a step must be a map of keys");
    return s;
  }
  r.OnlyKeys(n,
             {"id",          "no",          "phase",         "activity",      "actor",
              "recorded_by", "requires",    "requires_text", "standard_time", "standard_time_text",
              "produces",    "output_text", "remarks",       "next",          "end",
              "start",       "decision",    "parallel",      "join",          "when",
              "conditions",  "alongside"},
             "a step");
  s.id = r.Text(n, "id", true);
  s.no = r.Text(n, "no", false);
  s.phase = r.Text(n, "phase", false);
  s.activity = r.Text(n, "activity", true);
  s.actor = r.Text(n, "actor", true);
  s.recorded_by = r.Text(n, "recorded_by", false);
  s.requires_ = r.List(n, "requires");
  s.produces = r.List(n, "produces");
  s.standard_time_text = r.Text(n, "standard_time", true);
  if (!s.standard_time_text.empty()) {
    s.standard_time = ParseStandardTime(s.standard_time_text);
    if (!s.standard_time) {
      r.Error(n["standard_time"],
              fmt::format("malformed standard_time '{}' (e.g. '30 min', '15-30 min', "
                          "'2 hours', '3 days', '5 working_days', '1 months', 'none')",
                          s.standard_time_text));
    }
  }
  s.requires_source = r.Text(n, "requires_text", false);
  s.time_source = r.Text(n, "standard_time_text", false);
  s.output_source = r.Text(n, "output_text", false);
  s.next = r.Text(n, "next", false);
  s.end = r.Text(n, "end", false);
  s.start = r.Text(n, "start", false);
  if (YAML::Node d = n["decision"]) {
    s.has_decision = true;
    if (d.IsSequence()) {
      for (const auto& o : d) s.decision.push_back(ReadOutcome(r, o));
    } else if (!d.IsNull()) {
      r.Error(d, "'decision' must be a list of outcomes");
    }
  }
  s.parallel = r.List(n, "parallel");
  s.join = r.Flag(n, "join");
  s.alongside = r.Text(n, "alongside", false);
  s.when = r.List(n, "when");
  if (YAML::Node cs = n["conditions"]) {
    if (!cs.IsSequence()) {
      r.Error(cs, "'conditions' must be a list");
    } else {
      for (const auto& c : cs) {
        if (!c.IsMap()) {
          r.Error(c, "a condition must be a map (when, requires, note)");
          continue;
        }
        r.OnlyKeys(c, {"when", "requires", "produces", "note"}, "a condition");
        Condition cond{r.List(c, "when"), r.List(c, "requires"), r.List(c, "produces"),
                       r.Text(c, "note", false), r.At(c)};
        if (cond.when.empty()) r.Error(c, "a condition needs 'when'");
        s.conditions.push_back(std::move(cond));
      }
    }
  }
  return s;
}

}  // namespace

std::string Diagnostic::Format() const {
  return fmt::format("{}:{}:{}: {}", at.file, at.line, at.column, message);
}

Sop ParseSop(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags) {
  Sop sop;
  sop.at = {file, 1, 1};
  auto root = LoadYaml(text, file, diags);
  if (!root) return sop;
  sop.parsed = true;
  Reader r(file, diags);
  if (!root->IsMap()) {
    r.Error(*root, "an SOP file must be a map of keys");
    return sop;
  }
  r.OnlyKeys(*root,
             {"id", "title", "kind", "number", "created", "revised", "effective", "approved_by",
              "legal_basis", "qualifications", "related_sops", "equipment", "warnings", "records",
              "source", "roles", "steps", "notes"},
             "an SOP");
  sop.id = r.Text(*root, "id", true);
  sop.title = r.Text(*root, "title", true);
  sop.kind = r.Text(*root, "kind", false);
  sop.number = r.Text(*root, "number", false);
  sop.source = r.Text(*root, "source", false);
  sop.notes = r.Text(*root, "notes", false);
  sop.roles = r.List(*root, "roles");
  YAML::Node steps = (*root)["steps"];
  if (!steps || !steps.IsSequence() || steps.size() == 0) {
    r.Error(steps ? steps : *root, "an SOP needs a non-empty list of 'steps'");
    return sop;
  }
  try {
    for (const auto& s : steps) sop.steps.push_back(ReadStep(r, s));
  } catch (const YAML::Exception& e) {  // a shape the checks above did not foresee
    diags.push_back({PlaceOf(file, e.mark), "YAML: " + e.msg});
  }
  return sop;
}

namespace {

// Reads the category list `name` of the classification `root` into `into`: a list of {id,
// label, label_en} (and gbvims where `with_gbvims`), or {note, items} around one.
void ReadCategories(Reader& r, YAML::Node& root, const char* name, std::vector<Category>& into,
                    bool with_gbvims) {
  YAML::Node n = root[name];
  if (n && n.IsMap()) {  // {note, items}: a list that says where it came from
    r.OnlyKeys(n, {"note", "items"}, name);
    n = n["items"];
  }
  if (!n || !n.IsSequence()) {
    r.Error(root, fmt::format("'{}' must be a list of {{id, label, label_en}}", name));
    return;
  }
  std::set<std::string> ids;
  for (const auto& item : n) {
    if (!item.IsMap()) {
      r.Error(item, fmt::format("items of '{}' must be maps", name));
      continue;
    }
    if (with_gbvims)
      r.OnlyKeys(item, {"id", "label", "label_en", "gbvims"}, name);
    else
      r.OnlyKeys(item, {"id", "label", "label_en"}, name);
    Category c{r.Text(item, "id", true), r.Text(item, "label", true),
               r.Text(item, "label_en", true), with_gbvims ? r.Text(item, "gbvims", false) : ""};
    if (!c.id.empty() && !ids.insert(c.id).second)
      r.Error(item, fmt::format("duplicate id '{}' in {}", c.id, name));
    into.push_back(std::move(c));
  }
}

// Checks the classification's keys and reads each of its category lists.
void ReadCategoryLists(Reader& r, YAML::Node& root, Classification& out) {
  r.OnlyKeys(
      root,
      {"violence_forms", "case_types", "ampk_categories", "place_types", "perpetrator_relations",
       "reporter_relations", "guardian_relations", "age_bands", "education_levels", "services",
       "occupations", "marital_statuses", "disability_kinds", "gbvims_types"},
      "the classification");
  ReadCategories(r, root, "violence_forms", out.violence_forms, true);
  ReadCategories(r, root, "case_types", out.case_types, false);
  ReadCategories(r, root, "ampk_categories", out.ampk_categories, false);
  ReadCategories(r, root, "place_types", out.place_types, false);
  ReadCategories(r, root, "perpetrator_relations", out.perpetrator_relations, false);
  ReadCategories(r, root, "reporter_relations", out.reporter_relations, false);
  ReadCategories(r, root, "guardian_relations", out.guardian_relations, false);
  ReadCategories(r, root, "education_levels", out.education_levels, false);
  ReadCategories(r, root, "services", out.services, false);
  ReadCategories(r, root, "occupations", out.occupations, false);
  ReadCategories(r, root, "marital_statuses", out.marital_statuses, false);
  ReadCategories(r, root, "disability_kinds", out.disability_kinds, false);
  ReadCategories(r, root, "gbvims_types", out.gbvims_types, false);
}

// Reads the age bands: {id, min, max}, each following the one before without gap or overlap.
void ReadAgeBands(Reader& r, YAML::Node& root, Classification& out) {
  YAML::Node bands = root["age_bands"];
  if (!bands || !bands.IsSequence()) {
    r.Error(root, "'age_bands' must be a list of {id, min, max}");
    return;
  }
  for (const auto& b : bands) {
    r.OnlyKeys(b, {"id", "min", "max"}, "an age band");
    AgeBand band{r.Text(b, "id", true), 0, std::nullopt};
    try {
      band.min = b["min"].as<int>();
      if (b["max"]) band.max = b["max"].as<int>();
    } catch (const YAML::Exception&) {
      r.Error(b, "an age band needs whole-number min (and max, except the last)");
    }
    if (!out.age_bands.empty() && band.min != (out.age_bands.back().max.value_or(-2) + 1))
      r.Error(b, "age bands must follow each other without gaps or overlaps");
    out.age_bands.push_back(std::move(band));
  }
}

// Reports each violence form of `out` that names a GBVIMS type the classification lacks.
void CheckGbvimsTypes(const std::string& file, const Classification& out,
                      std::vector<Diagnostic>& diags) {
  for (const auto& f : out.violence_forms) {
    if (!f.gbvims.empty() && !out.Has("gbvims_types", f.gbvims)) {
      Diagnostic d;  // built field by field: GCC 12 -O3 misreads the nested brace form
      d.at = Place{file, 1, 1};
      d.message =
          fmt::format("violence form '{}' names an unknown GBVIMS type '{}'", f.id, f.gbvims);
      diags.push_back(std::move(d));
    }
  }
}

}  // namespace

Classification LoadClassification(const std::string& file, std::vector<Diagnostic>& diags) {
  Classification out;
  if (!fs::exists(file)) {
    Diagnostic missing;
    missing.at = Place{file, 1, 1};
    missing.message = "the classification file is missing";
    diags.push_back(std::move(missing));
    return out;
  }
  auto root = LoadYaml(ReadFile(file), file, diags);
  if (!root) return out;
  Reader r(file, diags);
  if (!root->IsMap()) {
    r.Error(*root, "the classification must be a map of lists");
    return out;
  }
  ReadCategoryLists(r, *root, out);
  ReadAgeBands(r, *root, out);
  CheckGbvimsTypes(file, out, diags);
  return out;
}

Pack LoadPack(const std::string& dir, std::vector<Diagnostic>& diags) {
  Pack pack;
  pack.dir = dir;
  fs::path unit_file = fs::path(dir) / "unit.yaml";
  if (!fs::exists(unit_file)) {
    Diagnostic missing;  // built field by field: GCC 12 -O3 misreads the nested brace form
    missing.at = Place{unit_file.string(), 1, 1};
    missing.message = "a pack needs unit.yaml";
    diags.push_back(std::move(missing));
  } else if (auto root = LoadYaml(ReadFile(unit_file), unit_file.string(), diags)) {
    Reader r(unit_file.string(), diags);
    if (!root->IsMap()) r.Error(*root, "unit.yaml must be a map of keys");
    pack.unit = {r.Text(*root, "id", true),
                 r.Text(*root, "name", true),
                 r.Text(*root, "level", true),
                 r.Text(*root, "province", false),
                 r.Text(*root, "time_zone", true),
                 r.List(*root, "days_off"),
                 r.At(*root),
                 r.List(*root, "termination_requires"),
                 r.Text(*root, "region_code", false)};
  }
  fs::path docs_file = fs::path(dir) / "documents.yaml";
  if (fs::exists(docs_file)) {
    if (auto root = LoadYaml(ReadFile(docs_file), docs_file.string(), diags)) {
      Reader r(docs_file.string(), diags);
      if (!root->IsSequence()) {
        r.Error(*root, "documents.yaml must be a list of document kinds");
      } else {
        for (const auto& d : *root) {
          if (!d.IsMap()) {
            r.Error(d, "a document kind must be a map (id, name)");
            continue;
          }
          r.OnlyKeys(d, {"id", "name", "form"}, "a document kind");
          DocumentKind k;
          k.id = r.Text(d, "id", true);
          k.name = r.Text(d, "name", true);
          k.at = r.At(d);
          if (YAML::Node f = d["form"]; f && !f.IsNull()) {
            k.form_at = r.At(f);
            if (f.IsScalar()) {
              k.forms = {f.as<std::string>()};
            } else {
              k.forms = r.List(d, "form");
              if (f.IsSequence() && f.size() == 0) r.Error(f, "'form' must not be an empty list");
            }
          }
          if (!pack.documents.emplace(k.id, k).second)
            r.Error(d, fmt::format("duplicate document kind '{}'", k.id));
        }
      }
    }
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    auto name = e.path().filename().string();
    if (e.path().extension() == ".yaml" && name != "unit.yaml" && name != "documents.yaml")
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) pack.sops.push_back(ParseSop(ReadFile(f), f.string(), diags));
  return pack;
}

}  // namespace lindungi::sop
