// Form definitions as values (docs/form-format.md): one YAML file per form in forms/, with
// sections of typed fields, options, conditions and help in Bahasa Indonesia and English.
// A filled form is a flat JSON object of field id -> value (forms/submission.h checks it).
// Every element remembers where it was written, so the validator can point at it.
// Value types; no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sop/pack.h"  // Place, Diagnostic: forms report problems the way SOP packs do

namespace lindungi::forms {

using sop::Diagnostic;
using sop::Place;

enum class FieldType {
  kText,         // one line of text
  kLongText,     // several lines (narratives, notes)
  kNumber,       // a JSON number; `integer: true` for whole numbers
  kDate,         // "YYYY-MM-DD"
  kDateTime,     // RFC 3339 with a zone: "2026-03-02T10:15:00+08:00"
  kBoolean,      // true / false
  kChoice,       // one of `options` (its value)
  kMultiChoice,  // an array of distinct option values
  kPhone,        // digits, +, -, spaces, parentheses
  kNik,          // Nomor Induk Kependudukan: exactly 16 digits
  kRegion,       // a Kemendagri region code: "62", "62.01", "62.01.03", "62.01.03.2001"
  kPerson,       // the id of a person on the case (client, reporter, perpetrator, family)
  kSignature,    // {"signed": bool, "name": text, "date": "YYYY-MM-DD"}
  kFile,         // the id of an uploaded document of the case
  kTable,        // a repeating group: an array of rows, each an object of its `columns`
};

// The type named `name` in a definition ("long_text"), or nullopt.
std::optional<FieldType> ParseFieldType(std::string_view name);
std::string_view FieldTypeName(FieldType t);

// A region code's depth: province "62", regency "62.01", district "62.01.03", village
// "62.01.03.2001".
inline constexpr std::string_view kRegionLevels[] = {"province", "regency", "district", "village"};

// Text for people, in the two languages of the UI. `en` may be empty where it is the same.
struct Bilingual {
  std::string id, en;
};

struct Option {
  std::string value;  // stable code stored and counted (lower_snake_case)
  Bilingual label;
  Place at;
};

// A rule on the values of earlier fields (`when:` and `required:` of a field or section).
struct Condition {
  enum class Op { kEquals, kNotEquals, kIn, kIncludes, kPresent, kAll, kAny };
  Op op = Op::kEquals;
  std::string field;                // the field it looks at (not for kAll / kAny)
  std::vector<std::string> values;  // operands as written (kEquals / kNotEquals: one)
  bool present = true;              // kPresent: answered (true) or not answered (false)
  std::vector<Condition> all;       // kAll / kAny: the parts
  Place at;
};

struct Field {
  std::string id;  // lower_snake_case, unique in the form: the key in a filled form
  Bilingual label, help;
  std::string type_name;  // as written, for messages
  std::optional<FieldType> type;
  bool required = false;                   // `required: true`
  std::optional<Condition> required_when;  // `required: {condition}`
  std::optional<Condition> when;           // the field applies only when this holds
  bool sensitive = false;                  // identifying: encrypted at rest
  bool integer = false;                    // number: whole numbers only
  bool past = false;                       // date / datetime: not after today
  std::optional<double> min, max;          // number: value; multi_choice: how many chosen
  std::optional<long long> max_length;     // text / long_text, in characters
  std::string level;                       // region: one of kRegionLevels, or any depth
  std::vector<Option> options;             // choice / multi_choice (after resolving a set)
  std::string options_set;                 // `options: <set id>` from forms/options.yaml
  bool has_options = false;                // `options:` was written
  std::vector<std::string> present_keys;   // every key written, for "does not apply" checks
  // table: the fields of one row (no conditions, no nested tables); `min` / `max` count the
  // rows. A number column with `total: true` is summed over the rows (an approval records it).
  std::vector<Field> columns;
  bool total = false;  // a table's number column: summed
  Place at;

  // The column with this id, or nullptr.
  const Field* Column(std::string_view column_id) const;
};

struct Section {
  std::string id;
  Bilingual title, help;
  std::optional<Condition> when;  // every field of the section applies only when this holds
  std::vector<Field> fields;
  Place at;
};

struct Form {
  std::string id;    // lower-kebab-case; the file is forms/<id>.yaml
  std::string file;  // as loaded, for messages
  Bilingual title, description;
  std::string notes;  // every interpretation of the source SOPs
  std::vector<Section> sections;
  Place at;
  bool parsed = false;  // false if the file was not valid YAML (nothing else is checked)

  // The field with this id, or nullptr.
  const Field* Find(std::string_view field_id) const;
};

// All forms of a forms/ folder, with the shared option sets of forms/options.yaml.
struct FormSet {
  std::string dir;
  std::map<std::string, std::vector<Option>> option_sets;
  std::map<std::string, Place> option_set_at;
  std::vector<Form> forms;

  const Form* Find(std::string_view form_id) const;
};

}  // namespace lindungi::forms
