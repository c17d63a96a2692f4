#include "forms/form_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "sop/yaml_reader.h"

namespace lindungi::forms {
namespace fs = std::filesystem;

namespace {

using sop::LoadYaml;
using sop::PlaceOf;
using sop::ReadFile;
using Reader = sop::YamlReader;

// `key: {id: ..., en: ...}`, both required when the key is there.
Bilingual Prose(Reader& r, const YAML::Node& parent, const char* key) {
  if (!parent.IsMap()) return {};
  YAML::Node n = parent[key];
  if (!n || n.IsNull()) return {};
  if (!n.IsMap()) {
    r.Error(n,
            fmt::format("'{}' must be a map with 'id' (Bahasa Indonesia) and 'en' (English)", key));
    return {};
  }
  r.OnlyKeys(n, {"id", "en"}, fmt::format("'{}'", key).c_str());
  return {r.Text(n, "id", true), r.Text(n, "en", true)};
}

std::vector<std::string> Scalars(Reader& r, const YAML::Node& n, const char* key) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    out.push_back(n.as<std::string>());
  } else if (n.IsSequence() && n.size() > 0) {
    for (const auto& item : n) {
      if (item.IsScalar())
        out.push_back(item.as<std::string>());
      else
        r.Error(item, fmt::format("items of '{}' must be plain values", key));
    }
  } else {
    r.Error(n, fmt::format("'{}' must be a value or a non-empty list of values", key));
  }
  return out;
}

Condition ReadCondition(Reader& r, const YAML::Node& n, int depth = 0) {
  Condition c;
  c.at = r.At(n);
  if (!n.IsMap()) {
    r.Error(n,
            "a condition must be a map: {field: F, equals: V} (or not_equals, in, includes, "
            "present), {all: [...]} or {any: [...]}");
    return c;
  }
  if (depth > 8) {  // a real form never nests this deep; stops runaway recursion
    r.Error(n, "conditions nest too deeply (at most 8)");
    return c;
  }
  r.OnlyKeys(n, {"field", "equals", "not_equals", "in", "includes", "present", "all", "any"},
             "a condition");
  int ops = 0;
  for (const char* k : {"equals", "not_equals", "in", "includes", "present", "all", "any"})
    ops += n[k] ? 1 : 0;
  if (ops != 1) {
    r.Error(n,
            "a condition needs exactly one of equals, not_equals, in, includes, present, all, "
            "any");
    return c;
  }
  for (const char* k : {"all", "any"}) {
    if (YAML::Node parts = n[k]) {
      c.op = std::string_view(k) == "all" ? Condition::Op::kAll : Condition::Op::kAny;
      if (n["field"]) r.Error(n, fmt::format("'{}' takes no 'field'", k));
      if (!parts.IsSequence() || parts.size() == 0) {
        r.Error(parts, fmt::format("'{}' must be a non-empty list of conditions", k));
        return c;
      }
      for (const auto& p : parts) c.all.push_back(ReadCondition(r, p, depth + 1));
      return c;
    }
  }
  c.field = r.Text(n, "field", true);
  if (YAML::Node v = n["equals"]) {
    c.op = Condition::Op::kEquals;
    if (!v.IsScalar())
      r.Error(v, "'equals' must be one value");
    else
      c.values = {v.as<std::string>()};
  } else if (YAML::Node v = n["not_equals"]) {
    c.op = Condition::Op::kNotEquals;
    if (!v.IsScalar())
      r.Error(v, "'not_equals' must be one value");
    else
      c.values = {v.as<std::string>()};
  } else if (YAML::Node v = n["in"]) {
    c.op = Condition::Op::kIn;
    if (!v.IsSequence())
      r.Error(v, "'in' must be a list of values");
    else
      c.values = Scalars(r, v, "in");
  } else if (YAML::Node v = n["includes"]) {
    c.op = Condition::Op::kIncludes;
    c.values = Scalars(r, v, "includes");
  } else {
    c.op = Condition::Op::kPresent;
    c.present = r.Flag(n, "present");
  }
  return c;
}

std::vector<Option> ReadOptions(Reader& r, const YAML::Node& n) {
  std::vector<Option> out;
  for (const auto& o : n) {
    if (!o.IsMap()) {
      r.Error(o, "an option must be a map (value, label, label_en)");
      continue;
    }
    r.OnlyKeys(o, {"value", "label", "label_en"}, "an option");
    out.push_back({r.Text(o, "value", true),
                   {r.Text(o, "label", true), r.Text(o, "label_en", true)},
                   r.At(o)});
  }
  return out;
}

Field ReadField(Reader& r, const YAML::Node& n, bool column = false) {
  Field f;
  f.at = r.At(n);
  if (!n.IsMap()) {
    r.Error(n, "a field must be a map of keys");
    return f;
  }
  // A table's column: a plain field of one row (no conditions, no nested table).
  f.present_keys =
      column ? r.OnlyKeys(n,
                          {"id", "label", "label_en", "type", "required", "help", "options", "min",
                           "max", "max_length", "integer", "past", "level", "total"},
                          "a column")
             : r.OnlyKeys(
                   n,
                   {"id", "label", "label_en", "type", "required", "when", "help", "options", "min",
                    "max", "max_length", "sensitive", "integer", "past", "level", "columns"},
                   "a field");
  f.id = r.Text(n, "id", true);
  f.label = {r.Text(n, "label", true), r.Text(n, "label_en", true)};
  f.help = Prose(r, n, "help");
  f.type_name = r.Text(n, "type", true);
  if (!f.type_name.empty()) {
    f.type = ParseFieldType(f.type_name);
    if (!f.type) {
      r.Error(n["type"],
              fmt::format("unknown field type '{}' (known: text, long_text, number, date, "
                          "datetime, boolean, choice, multi_choice, phone, nik, region, person, "
                          "signature, file, table)",
                          f.type_name));
    }
  }
  if (YAML::Node req = n["required"]) {
    if (req.IsMap() && !column) {
      f.required_when = ReadCondition(r, req);
    } else {
      f.required = r.Flag(n, "required");
    }
  }
  if (YAML::Node w = n["when"]; w && !w.IsNull()) f.when = ReadCondition(r, w);
  f.sensitive = r.Flag(n, "sensitive");
  f.integer = r.Flag(n, "integer");
  f.past = r.Flag(n, "past");
  f.min = r.Number(n, "min");
  f.max = r.Number(n, "max");
  f.max_length = r.Whole(n, "max_length");
  f.level = r.Text(n, "level", false);
  if (YAML::Node o = n["options"]) {
    f.has_options = true;
    if (o.IsScalar()) {
      f.options_set = o.as<std::string>();
    } else if (o.IsSequence()) {
      f.options = ReadOptions(r, o);
    } else {
      r.Error(o, "'options' must be a list of options or the id of an option set");
    }
  }
  f.total = column && r.Flag(n, "total");
  if (YAML::Node cols = n["columns"]; cols && !column) {
    if (!cols.IsSequence() || cols.size() == 0) {
      r.Error(cols, "'columns' must be a non-empty list of fields");
    } else {
      for (const auto& c : cols) f.columns.push_back(ReadField(r, c, true));
    }
  }
  return f;
}

Section ReadSection(Reader& r, const YAML::Node& n) {
  Section s;
  s.at = r.At(n);
  if (!n.IsMap()) {
    r.Error(n, "a section must be a map of keys");
    return s;
  }
  r.OnlyKeys(n, {"id", "title", "title_en", "help", "when", "fields"}, "a section");
  s.id = r.Text(n, "id", true);
  s.title = {r.Text(n, "title", true), r.Text(n, "title_en", true)};
  s.help = Prose(r, n, "help");
  if (YAML::Node w = n["when"]; w && !w.IsNull()) s.when = ReadCondition(r, w);
  YAML::Node fields = n["fields"];
  if (!fields || !fields.IsSequence() || fields.size() == 0) {
    r.Error(fields ? fields : n, "a section needs a non-empty list of 'fields'");
    return s;
  }
  for (const auto& f : fields) s.fields.push_back(ReadField(r, f));
  return s;
}

}  // namespace

Form ParseForm(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags) {
  Form form;
  form.file = file;
  form.at = {file, 1, 1};
  auto root = LoadYaml(text, file, diags);
  if (!root) return form;
  form.parsed = true;
  Reader r(file, diags);
  if (!root->IsMap()) {
    r.Error(*root, "a form file must be a map of keys");
    return form;
  }
  r.OnlyKeys(*root, {"id", "version", "title", "title_en", "description", "notes", "sections"},
             "a form");
  form.id = r.Text(*root, "id", true);
  form.title = {r.Text(*root, "title", true), r.Text(*root, "title_en", true)};
  form.description = Prose(r, *root, "description");
  form.notes = r.Text(*root, "notes", false);
  if (auto v = r.Whole(*root, "version"); !v) {
    if (!(*root)["version"]) r.Error(*root, "missing 'version'");
  } else if (*v < 1) {
    r.Error((*root)["version"], "'version' must be 1 or more");
  }
  YAML::Node sections = (*root)["sections"];
  if (!sections || !sections.IsSequence() || sections.size() == 0) {
    r.Error(sections ? sections : *root, "a form needs a non-empty list of 'sections'");
    return form;
  }
  try {
    for (const auto& s : sections) form.sections.push_back(ReadSection(r, s));
  } catch (const YAML::Exception& e) {  // a shape the checks above did not foresee
    diags.push_back({PlaceOf(file, e.mark), "YAML: " + e.msg});
  }
  return form;
}

void ParseOptionSets(const std::string& text, const std::string& file, FormSet& set,
                     std::vector<Diagnostic>& diags) {
  auto root = LoadYaml(text, file, diags);
  if (!root) return;
  Reader r(file, diags);
  if (!root->IsMap()) {
    r.Error(*root, "options.yaml must be a map of option set id -> list of options");
    return;
  }
  for (const auto& kv : *root) {
    auto id = kv.first.as<std::string>("");
    if (!kv.second.IsSequence() || kv.second.size() == 0) {
      r.Error(kv.second, fmt::format("option set '{}' must be a non-empty list of options", id));
      continue;
    }
    // yaml-cpp keeps the last of duplicate keys; the first one seen wins here.
    if (set.option_sets.contains(id)) {
      r.Error(kv.first, fmt::format("duplicate option set '{}'", id));
      continue;
    }
    set.option_sets[id] = ReadOptions(r, kv.second);
    set.option_set_at[id] = r.At(kv.first);
  }
}

void ResolveOptionSets(FormSet& set) {
  for (auto& form : set.forms) {
    for (auto& s : form.sections) {
      for (auto& f : s.fields) {
        auto resolve = [&](Field& x) {
          if (x.options_set.empty()) return;
          if (auto it = set.option_sets.find(x.options_set); it != set.option_sets.end())
            x.options = it->second;
        };
        resolve(f);
        for (auto& col : f.columns) resolve(col);
      }
    }
  }
}

FormSet LoadForms(const std::string& dir, std::vector<Diagnostic>& diags) {
  FormSet set;
  set.dir = dir;
  if (!fs::is_directory(dir)) {
    Diagnostic missing;  // built field by field, as in sop/loader.cpp (GCC 12 -O3)
    missing.at = Place{dir, 1, 1};
    missing.message = "no forms folder";
    diags.push_back(std::move(missing));
    return set;
  }
  fs::path options = fs::path(dir) / kOptionSetsFile;
  if (fs::exists(options)) ParseOptionSets(ReadFile(options), options.string(), set, diags);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml" && e.path().filename() != kOptionSetsFile)
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) set.forms.push_back(ParseForm(ReadFile(f), f.string(), diags));
  ResolveOptionSets(set);
  return set;
}

}  // namespace lindungi::forms
