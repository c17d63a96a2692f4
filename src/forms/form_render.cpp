#include "forms/form_render.h"

#include <fmt/format.h>

namespace lindungi::forms {
namespace {

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string Number(double d) {
  return fmt::format("{}", d);
}

// "text", "number 0-120, bulat", "region (regency)", "multi_choice (1-3)".
std::string TypeText(const Field& f) {
  std::string t = f.type_name;
  std::vector<std::string> extra;
  if (f.min || f.max) {
    extra.push_back(
        fmt::format("{}..{}", f.min ? Number(*f.min) : "", f.max ? Number(*f.max) : ""));
  }
  if (f.integer) extra.push_back("bulat");
  if (f.max_length) extra.push_back(fmt::format("maks {}", *f.max_length));
  if (!f.level.empty()) extra.push_back(f.level);
  if (f.past) extra.push_back("tidak di masa depan");
  if (!extra.empty()) t += " (" + Join(extra, ", ") + ")";
  return t;
}

// "wajib", "wajib bila ...", "" (optional).
std::string RequiredText(const Field& f) {
  if (f.required) return "wajib";
  if (f.required_when) return "wajib bila " + DescribeCondition(*f.required_when);
  return "";
}

// "a = A, b = B": commas, since a Markdown table cell cannot hold "|".
std::string OptionsText(const Field& f) {
  std::vector<std::string> parts;
  for (const auto& o : f.options) parts.push_back(o.value + " = " + o.label.id);
  return Join(parts, ", ");
}

}  // namespace

std::string DescribeCondition(const Condition& c) {
  using Op = Condition::Op;
  switch (c.op) {
    case Op::kAll:
    case Op::kAny: {
      std::vector<std::string> parts;
      for (const auto& p : c.all) {
        std::string d = DescribeCondition(p);
        parts.push_back(p.op == Op::kAll || p.op == Op::kAny ? "(" + d + ")" : d);
      }
      return Join(parts, c.op == Op::kAll ? " dan " : " atau ");
    }
    case Op::kEquals:
      return c.field + " = " + Join(c.values, "");
    case Op::kNotEquals:
      return c.field + " ≠ " + Join(c.values, "");
    case Op::kIn:
      return c.field + " salah satu dari " + Join(c.values, ", ");
    case Op::kIncludes:
      return c.field + " memuat " + Join(c.values, " atau ");
    case Op::kPresent:
      return c.field + (c.present ? " diisi" : " tidak diisi");
  }
  return "";
}

std::string RenderOutline(const Form& form) {
  std::string out = fmt::format("{} — {}\n{}\n", form.id, form.title.id, form.title.en);
  if (!form.description.id.empty())
    out += fmt::format("\n{}\n{}\n", form.description.id, form.description.en);
  int n = 0;
  for (const auto& s : form.sections) {
    out += fmt::format("\n{}. {} / {}", ++n, s.title.id, s.title.en);
    if (s.when) out += "   [bila " + DescribeCondition(*s.when) + "]";
    out += "\n";
    for (const auto& f : s.fields) {
      std::string flags = RequiredText(f);
      if (f.sensitive) flags += std::string(flags.empty() ? "" : ", ") + "sensitif";
      std::string line = fmt::format("   {:<28} {:<24} {}", f.id, TypeText(f), flags);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
      out += fmt::format("   {:<28} {} / {}\n", "", f.label.id, f.label.en);
      if (f.when) out += fmt::format("   {:<28} hanya bila {}\n", "", DescribeCondition(*f.when));
      for (const auto& o : f.options)
        out += fmt::format("   {:<28} - {} = {} / {}\n", "", o.value, o.label.id, o.label.en);
      if (!f.help.id.empty()) out += fmt::format("   {:<28} ? {}\n", "", f.help.id);
      for (const auto& col : f.columns) {
        std::string cflags = RequiredText(col);
        if (col.total) cflags += std::string(cflags.empty() ? "" : ", ") + "dijumlahkan";
        std::string cl = fmt::format("     | {:<24} {:<24} {}", col.id, TypeText(col), cflags);
        while (!cl.empty() && cl.back() == ' ') cl.pop_back();
        out += cl + "\n";
        out += fmt::format("     | {:<24} {} / {}\n", "", col.label.id, col.label.en);
      }
    }
  }
  if (!form.notes.empty()) out += "\nCatatan (interpretasi):\n" + form.notes;
  if (!out.empty() && out.back() != '\n') out += "\n";
  return out;
}

std::string RenderMarkdown(const Form& form) {
  std::string out = fmt::format("## `{}` — {}\n\n*{}*", form.id, form.title.id, form.title.en);
  if (!form.description.id.empty()) out += fmt::format(". {}", form.description.id);
  out += "\n";
  for (const auto& s : form.sections) {
    out += fmt::format("\n**{}** ({})", s.title.id, s.title.en);
    if (s.when) out += " — bila " + DescribeCondition(*s.when);
    out += "\n\n| field | label | type | wajib | sensitif | pilihan / kondisi |\n";
    out += "|---|---|---|---|---|---|\n";
    for (const auto& f : s.fields) {
      std::vector<std::string> more;
      if (f.when) more.push_back("bila " + DescribeCondition(*f.when));
      if (!f.options_set.empty())
        more.push_back("`" + f.options_set + "`");
      else if (!f.options.empty())
        more.push_back(OptionsText(f));
      std::vector<std::string> cols;
      for (const auto& col : f.columns)
        cols.push_back(fmt::format("`{}` {} ({}{}{})", col.id, col.label.id, TypeText(col),
                                   col.required ? ", wajib" : "",
                                   col.total ? ", dijumlahkan" : ""));
      if (!cols.empty()) more.push_back("kolom: " + Join(cols, ", "));
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", f.id, f.label.id, TypeText(f),
                         RequiredText(f), f.sensitive ? "ya" : "", Join(more, "; "));
    }
  }
  if (!form.notes.empty()) {
    std::string notes = form.notes;
    while (!notes.empty() && notes.back() == '\n') notes.pop_back();
    out += "\nCatatan: " + notes + "\n";
  }
  return out;
}

}  // namespace lindungi::forms
