#include "forms/form.h"

#include <utility>

namespace lindungi::forms {
namespace {

constexpr std::pair<std::string_view, FieldType> kTypes[] = {
    {"text", FieldType::kText},           {"long_text", FieldType::kLongText},
    {"number", FieldType::kNumber},       {"date", FieldType::kDate},
    {"datetime", FieldType::kDateTime},   {"boolean", FieldType::kBoolean},
    {"choice", FieldType::kChoice},       {"multi_choice", FieldType::kMultiChoice},
    {"phone", FieldType::kPhone},         {"nik", FieldType::kNik},
    {"region", FieldType::kRegion},       {"person", FieldType::kPerson},
    {"signature", FieldType::kSignature}, {"file", FieldType::kFile},
    {"table", FieldType::kTable},
};

}  // namespace

std::optional<FieldType> ParseFieldType(std::string_view name) {
  for (const auto& [n, t] : kTypes)
    if (n == name) return t;
  return std::nullopt;
}

std::string_view FieldTypeName(FieldType t) {
  for (const auto& [n, type] : kTypes)
    if (type == t) return n;
  return "?";
}

const Field* Field::Column(std::string_view column_id) const {
  for (const auto& c : columns)
    if (c.id == column_id) return &c;
  return nullptr;
}

const Field* Form::Find(std::string_view field_id) const {
  for (const auto& s : sections)
    for (const auto& f : s.fields)
      if (f.id == field_id) return &f;
  return nullptr;
}

const Form* FormSet::Find(std::string_view form_id) const {
  for (const auto& f : forms)
    if (f.id == form_id) return &f;
  return nullptr;
}

}  // namespace lindungi::forms
