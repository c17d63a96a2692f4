// The rules of form definitions (docs/form-format.md) between elements: ids well formed
// and unique (forms, sections, fields, option values), a form's id matching its file, known
// option sets, options on choice fields and only there, keys that fit the field's type,
// sane ranges, identifying types marked sensitive, and conditions that name an earlier
// field of a fitting type with values it can take. Pure.
#pragma once

#include <vector>

#include "forms/form.h"

namespace lindungi::forms {

// Every problem in `set`, in file order.
std::vector<Diagnostic> ValidateForms(const FormSet& set);

}  // namespace lindungi::forms
