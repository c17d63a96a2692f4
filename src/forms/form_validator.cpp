#include "forms/form_validator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

namespace lindungi::forms {
namespace {

bool IsKebab(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z') || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsSnake(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Option values are counted and exported: digits may lead ("0_5" for an age band).
bool IsOptionValue(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool Has(const Field& f, std::string_view key) {
  return std::find(f.present_keys.begin(), f.present_keys.end(), key) != f.present_keys.end();
}

bool IsNumeric(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

bool HasOption(const Field& f, const std::string& value) {
  return std::any_of(f.options.begin(), f.options.end(),
                     [&](const Option& o) { return o.value == value; });
}

// Types whose values always identify a person: the definition must say so.
bool MustBeSensitive(FieldType t) {
  return t == FieldType::kNik || t == FieldType::kPhone || t == FieldType::kSignature;
}

class FormChecker {
 public:
  FormChecker(const FormSet& set, const Form& form, std::vector<Diagnostic>& out)
      : set_(set), form_(form), out_(out) {}

  void Run() {
    std::string stem = std::filesystem::path(form_.file).stem().string();
    if (!form_.id.empty() && !IsKebab(form_.id)) {
      Error(form_.at, fmt::format("form id '{}' must be lower-kebab-case (a-z, 0-9, -)", form_.id));
    } else if (!form_.id.empty() && form_.id != stem) {
      Error(form_.at,
            fmt::format("form id '{}' must match its file name '{}.yaml'", form_.id, stem));
    }
    std::set<std::string> section_ids;
    int order = 0;
    for (const auto& s : form_.sections) {
      if (!s.id.empty() && !IsSnake(s.id))
        Error(s.at, fmt::format("section id '{}' must be lower_snake_case", s.id));
      if (!s.id.empty() && !section_ids.insert(s.id).second)
        Error(s.at, fmt::format("duplicate section id '{}'", s.id));
      if (s.when) CheckCondition(*s.when, order, fmt::format("section '{}'", s.id));
      for (const auto& f : s.fields) {
        CheckField(f, order);
        if (!f.id.empty() && !fields_.contains(f.id)) fields_[f.id] = {order, &f};
        ++order;
      }
    }
  }

 private:
  void Error(const Place& at, std::string message) { out_.push_back({at, std::move(message)}); }

  void CheckField(const Field& f, int order) {
    if (!f.id.empty() && !in_table_) {
      if (!IsSnake(f.id))
        Error(f.at, fmt::format("field id '{}' must be lower_snake_case (a-z, 0-9, _)", f.id));
      if (fields_.contains(f.id))
        Error(f.at,
              fmt::format("duplicate field id '{}' (ids are unique in the whole form)", f.id));
    }
    if (f.when) CheckCondition(*f.when, order, fmt::format("field '{}'", f.id));
    if (f.required_when) CheckCondition(*f.required_when, order, fmt::format("field '{}'", f.id));
    if (!f.type) return;  // the loader reported it
    const FieldType t = *f.type;
    const bool choice = t == FieldType::kChoice || t == FieldType::kMultiChoice;
    auto not_for = [&](const char* key, bool applies) {
      if (Has(f, key) && !applies) {
        Error(f.at,
              fmt::format("'{}' does not apply to field '{}' of type {}", key, f.id, f.type_name));
      }
    };
    const bool table = t == FieldType::kTable;
    not_for("options", choice);
    not_for("min", t == FieldType::kNumber || t == FieldType::kMultiChoice || table);
    not_for("max", t == FieldType::kNumber || t == FieldType::kMultiChoice || table);
    not_for("columns", table);
    not_for("total", t == FieldType::kNumber);
    not_for("integer", t == FieldType::kNumber);
    not_for("max_length", t == FieldType::kText || t == FieldType::kLongText);
    not_for("past", t == FieldType::kDate || t == FieldType::kDateTime);
    not_for("level", t == FieldType::kRegion);
    if (f.min && f.max && *f.min > *f.max)
      Error(f.at, fmt::format("min is above max in field '{}'", f.id));
    if (t == FieldType::kMultiChoice && ((f.min && *f.min < 0) || (f.max && *f.max < 1)))
      Error(f.at, fmt::format("min / max of multi_choice '{}' count the choices: 0 or more", f.id));
    if (table) CheckColumns(f);
    if (f.max_length && *f.max_length < 1)
      Error(f.at, fmt::format("max_length of field '{}' must be 1 or more", f.id));
    if (!f.level.empty() && std::find(std::begin(kRegionLevels), std::end(kRegionLevels),
                                      f.level) == std::end(kRegionLevels)) {
      Error(f.at, fmt::format("unknown region level '{}' (known: province, regency, district, "
                              "village)",
                              f.level));
    }
    if (MustBeSensitive(t) && !f.sensitive && !in_table_) {
      Error(f.at, fmt::format("field '{}' of type {} identifies a person: mark it sensitive: true",
                              f.id, f.type_name));
    }
    if (choice) CheckOptions(f);
  }

  // A table: its rows' fields. Plain types only (no person, file, signature or nested
  // table: those need checks against the case per value); a column that identifies a person
  // (phone, NIK) needs the whole table sensitive; `total` only on number columns.
  void CheckColumns(const Field& table) {
    if (table.columns.empty()) {
      Error(table.at, fmt::format("table '{}' needs a non-empty list of 'columns'", table.id));
      return;
    }
    if ((table.min && *table.min < 0) || (table.max && *table.max < 1) ||
        (table.min && std::floor(*table.min) != *table.min) ||
        (table.max && std::floor(*table.max) != *table.max))
      Error(table.at, fmt::format("min / max of table '{}' count its rows: whole numbers, 0 or "
                                  "more",
                                  table.id));
    std::set<std::string> ids;
    in_table_ = true;
    for (const auto& col : table.columns) {
      if (!col.id.empty() && !IsSnake(col.id))
        Error(col.at, fmt::format("column id '{}' must be lower_snake_case (a-z, 0-9, _)", col.id));
      if (!col.id.empty() && !ids.insert(col.id).second)
        Error(col.at, fmt::format("duplicate column id '{}' in table '{}'", col.id, table.id));
      if (col.type && (*col.type == FieldType::kTable || *col.type == FieldType::kPerson ||
                       *col.type == FieldType::kFile || *col.type == FieldType::kSignature)) {
        Error(col.at, fmt::format("column '{}' of table '{}' cannot be of type {} (plain types "
                                  "only)",
                                  col.id, table.id, col.type_name));
        continue;
      }
      if (col.type && MustBeSensitive(*col.type) && !table.sensitive)
        Error(col.at, fmt::format("column '{}' of type {} identifies a person: mark table '{}' "
                                  "sensitive: true",
                                  col.id, col.type_name, table.id));
      if (col.total && table.sensitive)
        Error(col.at, fmt::format("column '{}' of sealed table '{}' cannot be a total (it is "
                                  "counted in clear)",
                                  col.id, table.id));
      if (col.type) CheckField(col, -1);
    }
    in_table_ = false;
  }

  void CheckOptions(const Field& f) {
    if (!f.has_options) {
      Error(f.at, fmt::format("field '{}' of type {} needs options", f.id, f.type_name));
      return;
    }
    if (!f.options_set.empty()) {
      if (!set_.option_sets.contains(f.options_set))
        Error(f.at, fmt::format("unknown option set '{}' in field '{}' (not in options.yaml)",
                                f.options_set, f.id));
      return;  // the set's own options are checked once, with the sets
    }
    if (f.options.empty())
      Error(f.at, fmt::format("field '{}' has an empty list of options", f.id));
    CheckOptionList(f.options);
  }

  void CheckCondition(const Condition& c, int order, const std::string& owner) {
    if (c.op == Condition::Op::kAll || c.op == Condition::Op::kAny) {
      for (const auto& part : c.all) CheckCondition(part, order, owner);
      return;
    }
    if (c.field.empty()) return;  // the loader reported it
    auto it = fields_.find(c.field);
    if (it == fields_.end()) {
      bool later = form_.Find(c.field) != nullptr;
      Error(c.at, later ? fmt::format("condition of {} names field '{}', which does not come "
                                      "before it (conditions look only at earlier fields)",
                                      owner, c.field)
                        : fmt::format("condition of {} names unknown field '{}'", owner, c.field));
      return;
    }
    const Field& target = *it->second.second;
    if (!target.type) return;
    const FieldType t = *target.type;
    using Op = Condition::Op;
    if (c.op == Op::kPresent) return;
    if (c.op == Op::kIncludes) {
      if (t != FieldType::kMultiChoice) {
        Error(c.at, fmt::format("'includes' needs a multi_choice field; '{}' is {}", c.field,
                                target.type_name));
        return;
      }
    } else if (t == FieldType::kMultiChoice) {
      Error(c.at, fmt::format("'{}' is a multi_choice: test it with 'includes'", c.field));
      return;
    } else if (t != FieldType::kChoice && t != FieldType::kBoolean && t != FieldType::kNumber) {
      Error(c.at, fmt::format("a condition can compare only choice, boolean or number fields; "
                              "'{}' is {} (use 'present')",
                              c.field, target.type_name));
      return;
    }
    // A choice field without options is reported on its own; its conditions are not.
    if ((t == FieldType::kChoice || t == FieldType::kMultiChoice) && target.options.empty()) return;
    for (const auto& v : c.values) {
      if ((t == FieldType::kChoice || t == FieldType::kMultiChoice) && !HasOption(target, v)) {
        Error(c.at, fmt::format("condition of {}: '{}' is not an option of field '{}'", owner, v,
                                c.field));
      } else if (t == FieldType::kBoolean && v != "true" && v != "false") {
        Error(c.at,
              fmt::format("condition of {}: boolean field '{}' is true or false", owner, c.field));
      } else if (t == FieldType::kNumber && !IsNumeric(v)) {
        Error(c.at,
              fmt::format("condition of {}: number field '{}' needs a number", owner, c.field));
      }
    }
  }

 public:
  void CheckOptionList(const std::vector<Option>& options) {
    std::set<std::string> values;
    for (const auto& o : options) {
      if (o.value.empty()) continue;  // the loader reported it
      if (!IsOptionValue(o.value))
        Error(o.at,
              fmt::format("option value '{}' must be lower_snake_case (a-z, 0-9, _)", o.value));
      if (!values.insert(o.value).second)
        Error(o.at, fmt::format("duplicate option value '{}'", o.value));
    }
  }

 private:
  const FormSet& set_;
  const Form& form_;
  std::vector<Diagnostic>& out_;
  std::map<std::string, std::pair<int, const Field*>> fields_;  // fields seen so far
  bool in_table_ = false;                                       // checking a table's columns
};

}  // namespace

std::vector<Diagnostic> ValidateForms(const FormSet& set) {
  std::vector<Diagnostic> out;
  static const Form kNone;
  for (const auto& [id, options] : set.option_sets) {
    if (!IsKebab(id)) {
      auto at = set.option_set_at.at(id);
      out.push_back({at, fmt::format("option set id '{}' must be lower-kebab-case", id)});
    }
    FormChecker(set, kNone, out).CheckOptionList(options);
  }
  std::set<std::string> ids;
  for (const auto& f : set.forms) {
    if (!f.id.empty() && !ids.insert(f.id).second)
      out.push_back({f.at, fmt::format("duplicate form id '{}'", f.id)});
    if (f.parsed) FormChecker(set, f, out).Run();
  }
  return out;
}

}  // namespace lindungi::forms
