// A form printed for people to review: a plain-text outline (`lindungi form show`) or a
// Markdown section (docs/forms.md). Sections, fields with type, required / conditions,
// sensitivity, ranges and options, in Bahasa Indonesia with the English beside it. Pure.
#pragma once

#include <string>

#include "forms/form.h"

namespace lindungi::forms {

// A condition as words: "jenis = sepihak", "bentuk_kekerasan memuat seksual", "a dan (b atau c)".
std::string DescribeCondition(const Condition& c);

std::string RenderOutline(const Form& form);
std::string RenderMarkdown(const Form& form);

}  // namespace lindungi::forms
