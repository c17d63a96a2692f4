#include "forms/submission.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "core/text.h"

namespace lindungi::forms {
namespace json = boost::json;

namespace {

constexpr long long kTextMax = 500;          // one line: names, places, short answers
constexpr long long kLongTextMax = 20000;    // narratives (FieldLimits::kNarrative)
constexpr std::size_t kSignerNameMax = 200;  // FieldLimits::kName
constexpr std::size_t kReferenceMax = 64;
constexpr std::size_t kTableRowsMax = 200;  // a table's rows when its `max` says nothing

// A value that counts as an answer: not null, not blank text, not an empty choice list (what
// a browser sends for an input left empty).
const json::value* Answer(const json::object& values, const Field& f) {
  const json::value* v = values.if_contains(f.id);
  if (!v || v->is_null()) return nullptr;
  if (v->is_string() &&
      std::string_view(v->as_string()).find_first_not_of(" \t\r\n") == std::string_view::npos)
    return nullptr;
  if ((f.type == FieldType::kMultiChoice || f.type == FieldType::kTable) && v->is_array() &&
      v->as_array().empty())
    return nullptr;
  return v;
}

std::optional<double> AsNumber(const json::value& v) {
  if (v.is_int64()) return double(v.as_int64());
  if (v.is_uint64()) return double(v.as_uint64());
  if (v.is_double()) return v.as_double();
  return std::nullopt;
}

// Whether answer `v` of field `f` equals the operand written as `text` in a condition.
bool Matches(const Field& f, const json::value& v, const std::string& text) {
  if (!f.type) return false;
  switch (*f.type) {
    case FieldType::kBoolean:
      return v.is_bool() && v.as_bool() == (text == "true");
    case FieldType::kNumber: {
      auto n = AsNumber(v);
      char* end = nullptr;
      double want = std::strtod(text.c_str(), &end);
      return n && end == text.c_str() + text.size() && *n == want;
    }
    default:
      return v.is_string() && v.as_string() == text;
  }
}

// Evaluates conditions against the answers of the fields that apply (`applies`): a field
// that is hidden counts as unanswered.
class Conditions {
 public:
  Conditions(const Form& form, const json::object& values) : form_(form), values_(values) {}

  bool Holds(const Condition& c) const {
    using Op = Condition::Op;
    switch (c.op) {
      case Op::kAll:
        return std::all_of(c.all.begin(), c.all.end(), [&](const auto& p) { return Holds(p); });
      case Op::kAny:
        return std::any_of(c.all.begin(), c.all.end(), [&](const auto& p) { return Holds(p); });
      default:
        break;
    }
    const Field* f = form_.Find(c.field);
    const json::value* v = f && Applies(c.field) ? Answer(values_, *f) : nullptr;
    switch (c.op) {
      case Op::kPresent:
        return (v != nullptr) == c.present;
      case Op::kEquals:
        return v && !c.values.empty() && Matches(*f, *v, c.values[0]);
      case Op::kNotEquals:
        return !v || c.values.empty() || !Matches(*f, *v, c.values[0]);
      case Op::kIn:
        return v && std::any_of(c.values.begin(), c.values.end(),
                                [&](const auto& t) { return Matches(*f, *v, t); });
      case Op::kIncludes:
        if (!v || !v->is_array()) return false;
        for (const auto& item : v->as_array()) {
          for (const auto& t : c.values)
            if (item.is_string() && item.as_string() == t) return true;
        }
        return false;
      default:
        return false;
    }
  }

  void Set(const std::string& id, bool applies) { applies_[id] = applies; }
  bool Applies(const std::string& id) const {
    auto it = applies_.find(id);
    return it != applies_.end() && it->second;  // a later field is not yet known: hidden
  }

 private:
  const Form& form_;
  const json::object& values_;
  std::map<std::string, bool> applies_;
};

// Walks the form in order, deciding for each field whether it applies.
template <class Fn>
void ForEachField(const Form& form, const json::object& values, Fn fn) {
  Conditions cond(form, values);
  for (const auto& s : form.sections) {
    const bool section = !s.when || cond.Holds(*s.when);
    for (const auto& f : s.fields) {
      const bool applies = section && (!f.when || cond.Holds(*f.when));
      const bool required =
          applies && (f.required || (f.required_when && cond.Holds(*f.required_when)));
      fn(f, applies, required);
      cond.Set(f.id, applies);
    }
  }
}

class FieldCheck {
 public:
  FieldCheck(const Field& f, Instant now) : f_(f), now_(now) {}

  // The first problem of answer `v`, or nullopt.
  std::optional<Error> Check(const json::value& v, bool required) const {
    switch (*f_.type) {
      case FieldType::kText:
        return Text(v, f_.max_length.value_or(kTextMax), false);
      case FieldType::kLongText:
        return Text(v, f_.max_length.value_or(kLongTextMax), true);
      case FieldType::kNumber:
        return Number(v);
      case FieldType::kDate:
        if (!v.is_string()) return WrongType("tanggal (YYYY-MM-DD)", "a date (YYYY-MM-DD)");
        return Date(std::string_view(v.as_string()));
      case FieldType::kDateTime:
        return DateTime(v);
      case FieldType::kBoolean:
        if (!v.is_bool()) return WrongType("true atau false", "true or false");
        return std::nullopt;
      case FieldType::kChoice:
        if (!v.is_string()) return WrongType("salah satu pilihan (teks)", "one option (a string)");
        if (!IsOption(v.as_string())) return NotAnOption();
        return std::nullopt;
      case FieldType::kMultiChoice:
        return MultiChoice(v);
      case FieldType::kPhone:
        return Phone(v);
      case FieldType::kNik:
        return Nik(v);
      case FieldType::kRegion:
        return Region(v);
      case FieldType::kPerson:
      case FieldType::kFile:
        return Reference(v);
      case FieldType::kSignature:
        return Signature(v, required);
      case FieldType::kTable:
        return Table(v);
    }
    return std::nullopt;
  }

  Error Make(std::string code, const std::string& id_text, const std::string& en_text) const {
    return MakeError(ErrorKind::kInvalidArgument, std::move(code),
                     fmt::format("Kolom {} ({}) {}", f_.id, f_.label.id, id_text),
                     fmt::format("Field {} ({}) {}", f_.id, f_.label.en, en_text), f_.id);
  }

 private:
  Error WrongType(const char* type_id, const char* type_en) const {
    return Make("wrong_type", fmt::format("harus {}.", type_id),
                fmt::format("must be {}.", type_en));
  }
  Error NotAnOption() const {
    return Make("not_an_option", "berisi nilai yang bukan pilihannya.",
                "has a value that is not one of its options.");
  }

  bool IsOption(std::string_view v) const {
    return std::any_of(f_.options.begin(), f_.options.end(),
                       [&](const Option& o) { return o.value == v; });
  }

  std::optional<Error> Text(const json::value& v, long long max, bool multiline) const {
    if (!v.is_string()) return WrongType("teks", "text");
    std::string_view s = v.as_string();
    if (!IsValidUtf8(s))
      return Make("invalid_utf8", "bukan teks UTF-8 yang sah.", "is not valid UTF-8 text.");
    if (CodepointCount(s) > std::size_t(max)) {
      return Make("too_long", fmt::format("terlalu panjang (maksimal {} karakter).", max),
                  fmt::format("is too long (at most {} characters).", max));
    }
    if (HasControlChars(s) || (!multiline && s.find_first_of("\r\n") != std::string_view::npos))
      return Make("control_characters", "berisi karakter kontrol.", "contains control characters.");
    return std::nullopt;
  }

  std::optional<Error> Number(const json::value& v) const {
    auto n = AsNumber(v);
    if (!n) return WrongType("angka", "a number");
    if (f_.integer && std::floor(*n) != *n) return WrongType("bilangan bulat", "a whole number");
    if ((f_.min && *n < *f_.min) || (f_.max && *n > *f_.max)) return Range();
    return std::nullopt;
  }

  Error Range() const {
    std::string lo = f_.min ? fmt::format("{}", *f_.min) : "-";
    std::string hi = f_.max ? fmt::format("{}", *f_.max) : "-";
    return Make("out_of_range", fmt::format("di luar batas ({} sampai {}).", lo, hi),
                fmt::format("is out of range ({} to {}).", lo, hi));
  }

  std::optional<Error> Date(std::string_view s) const { return Date(s, f_.past); }

  std::optional<Error> Date(std::string_view s, bool past) const {
    auto d = ParseDate(s);
    if (!d)
      return Make("invalid_date", "harus tanggal yang sah (YYYY-MM-DD).",
                  "must be a real date (YYYY-MM-DD).");
    auto today = LocalDate(now_, std::chrono::hours(14));  // latest date anywhere on Earth
    if (past && std::chrono::sys_days{*d} > std::chrono::sys_days{today})
      return Make("date_in_future", "tidak boleh di masa depan.", "must not be in the future.");
    return std::nullopt;
  }

  std::optional<Error> DateTime(const json::value& v) const {
    if (!v.is_string()) return WrongType("tanggal dan jam", "a date and time");
    auto t = ParseInstant(std::string_view(v.as_string()));
    if (!t) {
      return Make("invalid_datetime", "harus tanggal dan jam RFC 3339 (2026-03-02T10:15:00+08:00).",
                  "must be an RFC 3339 date and time (2026-03-02T10:15:00+08:00).");
    }
    if (f_.past && *t > now_)
      return Make("date_in_future", "tidak boleh di masa depan.", "must not be in the future.");
    return std::nullopt;
  }

  std::optional<Error> MultiChoice(const json::value& v) const {
    if (!v.is_array()) return WrongType("daftar pilihan", "a list of options");
    std::set<std::string_view> seen;
    for (const auto& item : v.as_array()) {
      if (!item.is_string()) return WrongType("daftar pilihan", "a list of options");
      if (!IsOption(item.as_string())) return NotAnOption();
      if (!seen.insert(std::string_view(item.as_string())).second)
        return Make("duplicate_choice", "memuat pilihan yang sama dua kali.",
                    "has the same option twice.");
    }
    double count = double(seen.size());
    if ((f_.min && count < *f_.min) || (f_.max && count > *f_.max)) {
      std::string lo = f_.min ? fmt::format("{}", *f_.min) : "0";
      std::string hi = f_.max ? fmt::format("{}", *f_.max) : "-";
      return Make("out_of_range", fmt::format("harus memilih {} sampai {} pilihan.", lo, hi),
                  fmt::format("must have {} to {} options chosen.", lo, hi));
    }
    return std::nullopt;
  }

  std::optional<Error> Phone(const json::value& v) const {
    if (!v.is_string()) return WrongType("nomor telepon (teks)", "a phone number (text)");
    std::string_view s = v.as_string();
    std::size_t digits = 0;
    bool ok = s.size() <= 20;  // the rules of core/intake.cpp CheckPhone
    for (char c : s) {
      if (c >= '0' && c <= '9')
        ++digits;
      else if (c != '+' && c != '-' && c != ' ' && c != '(' && c != ')')
        ok = false;
    }
    if (ok && digits >= 5) return std::nullopt;
    return Make("invalid_phone", "harus nomor telepon (angka, +, -, spasi).",
                "must be a phone number (digits, +, -, spaces).");
  }

  std::optional<Error> Nik(const json::value& v) const {
    if (!v.is_string()) return WrongType("NIK (teks 16 angka)", "a NIK (text of 16 digits)");
    std::string_view s = v.as_string();
    if (s.size() == 16 &&
        std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    return Make("invalid_nik", "harus NIK 16 angka.", "must be a NIK of 16 digits.");
  }

  std::optional<Error> Region(const json::value& v) const {
    if (!v.is_string()) return WrongType("kode wilayah (teks)", "a region code (text)");
    std::string_view s = v.as_string();
    static constexpr std::size_t kWidths[] = {2, 2, 2, 4};  // Kemendagri: 62.01.03.2001
    std::size_t depth = 0;
    bool ok = !s.empty();
    while (ok && !s.empty()) {
      auto dot = s.find('.');
      std::string_view part = s.substr(0, dot);
      ok = depth < 4 && part.size() == kWidths[depth] &&
           std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
      ++depth;
      if (dot == std::string_view::npos) break;
      s.remove_prefix(dot + 1);
      ok = ok && !s.empty();  // no trailing dot
    }
    if (ok && !f_.level.empty()) {
      auto want =
          std::size_t(std::find(std::begin(kRegionLevels), std::end(kRegionLevels), f_.level) -
                      std::begin(kRegionLevels) + 1);
      ok = depth == want;
    }
    if (ok) return std::nullopt;
    return Make("invalid_region",
                "harus kode wilayah Kemendagri (62, 62.01, 62.01.03 atau 62.01.03.2001) pada "
                "tingkat yang diminta.",
                "must be a Kemendagri region code (62, 62.01, 62.01.03 or 62.01.03.2001) at the "
                "level asked.");
  }

  std::optional<Error> Reference(const json::value& v) const {
    bool ok = v.is_string() && !v.as_string().empty() && v.as_string().size() <= kReferenceMax;
    if (ok) {
      for (char c : v.as_string()) {
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == ':');
      }
    }
    if (ok) return std::nullopt;
    return Make("invalid_reference", "harus id yang tercatat pada kasus.",
                "must be the id of a record of the case.");
  }

  std::optional<Error> Signature(const json::value& v, bool required) const {
    Error shape = WrongType("tanda tangan {\"signed\": true/false, \"name\": ..., \"date\": ...}",
                            "a signature {\"signed\": true/false, \"name\": ..., \"date\": ...}");
    if (!v.is_object()) return shape;
    const json::object& o = v.as_object();
    for (const auto& [k, _] : o)
      if (k != "signed" && k != "name" && k != "date") return shape;
    const json::value* signed_v = o.if_contains("signed");
    if (!signed_v || !signed_v->is_bool()) return shape;
    const json::value* name = o.if_contains("name");
    if (name && !name->is_null()) {
      if (!name->is_string() || !IsValidUtf8(name->as_string()) ||
          CodepointCount(name->as_string()) > kSignerNameMax ||
          HasControlChars(name->as_string()) ||
          std::string_view(name->as_string()).find_first_of("\r\n") != std::string_view::npos)
        return shape;
    }
    if (const json::value* d = o.if_contains("date"); d && !d->is_null()) {
      if (!d->is_string()) return shape;
      if (auto e = Date(std::string_view(d->as_string()), true)) return e;  // signed already
    }
    if (signed_v->as_bool()) {
      bool named =
          name && name->is_string() &&
          std::string_view(name->as_string()).find_first_not_of(" \t") != std::string_view::npos;
      if (!named)
        return Make("required", "perlu nama penanda tangan.", "needs the name of the signer.");
    } else if (required) {
      return Make("not_signed", "wajib ditandatangani.", "must be signed.");
    }
    return std::nullopt;
  }

  // A repeating group: an array of rows, each an object of the table's columns. An error in
  // a row names the cell: field "<table>.<row index from 0>.<column>".
  std::optional<Error> Table(const json::value& v) const {
    if (!v.is_array()) return WrongType("daftar baris", "a list of rows");
    const auto& rows = v.as_array();
    double count = double(rows.size());
    if ((f_.min && count < *f_.min) || (f_.max && count > *f_.max) || rows.size() > kTableRowsMax) {
      std::string lo = f_.min ? fmt::format("{}", *f_.min) : "0";
      std::string hi = fmt::format("{}", f_.max ? *f_.max : double(kTableRowsMax));
      return Make("out_of_range", fmt::format("harus berisi {} sampai {} baris.", lo, hi),
                  fmt::format("must have {} to {} rows.", lo, hi));
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].is_object())
        return WrongType("daftar baris (objek)", "a list of rows (objects)");
      const json::object& row = rows[i].as_object();
      auto in_row = [&](Error e, const Field& col) {
        e.field = fmt::format("{}.{}.{}", f_.id, i, col.id);
        e.message_id = fmt::format("{} ({}) baris {}: {}", f_.id, f_.label.id, i + 1, e.message_id);
        e.message_en = fmt::format("{} ({}) row {}: {}", f_.id, f_.label.en, i + 1, e.message_en);
        return e;
      };
      for (const auto& col : f_.columns) {
        if (!col.type) continue;
        FieldCheck check(col, now_);
        const json::value* cell = Answer(row, col);
        if (!cell) {
          if (col.required)
            return in_row(check.Make("required", "wajib diisi.", "is required."), col);
          continue;
        }
        if (auto e = check.Check(*cell, col.required)) return in_row(std::move(*e), col);
      }
      for (const auto& [k, _] : row) {
        if (f_.Column(k)) continue;
        auto name = EchoSafe(k);
        return MakeError(ErrorKind::kInvalidArgument, "unknown_field",
                         fmt::format("Kolom {} ({}) baris {}: tidak ada kolom {}.", f_.id,
                                     f_.label.id, i + 1, name),
                         fmt::format("Field {} ({}) row {}: there is no column {}.", f_.id,
                                     f_.label.en, i + 1, name),
                         fmt::format("{}.{}.{}", f_.id, i, name));
      }
    }
    return std::nullopt;
  }

  const Field& f_;
  Instant now_;
};

}  // namespace

std::vector<Error> SubmissionErrors(const Form& form, const json::object& values, Instant now) {
  std::vector<Error> out;
  ForEachField(form, values, [&](const Field& f, bool applies, bool required) {
    if (!f.type) return;  // a broken definition: ValidateForms reports it
    FieldCheck check(f, now);
    const json::value* v = Answer(values, f);
    if (!applies) {
      if (v) {
        out.push_back(check.Make("not_applicable", "tidak berlaku untuk isian ini; jangan dikirim.",
                                 "does not apply to what was filled in; do not send it."));
      }
      return;
    }
    if (!v) {
      if (required) out.push_back(check.Make("required", "wajib diisi.", "is required."));
      return;
    }
    if (auto e = check.Check(*v, required)) out.push_back(std::move(*e));
  });
  for (const auto& [k, _] : values) {
    if (form.Find(k)) continue;
    // The key came from the client: named only if it looks like a field name.
    auto f = EchoSafe(k);
    out.push_back(MakeError(ErrorKind::kInvalidArgument, "unknown_field",
                            fmt::format("Kolom {} tidak ada pada formulir {}.", f, form.id),
                            fmt::format("Form {} has no field {}.", form.id, f), f));
  }
  return out;
}

Status ValidateSubmission(const Form& form, const json::object& values, Instant now) {
  auto errors = SubmissionErrors(form, values, now);
  if (errors.empty()) return {};
  return Fail(std::move(errors.front()));
}

std::vector<std::string> ApplicableFields(const Form& form, const json::object& values) {
  std::vector<std::string> out;
  ForEachField(form, values, [&](const Field& f, bool applies, bool) {
    if (applies) out.push_back(f.id);
  });
  return out;
}

std::vector<std::string> SensitiveFields(const Form& form) {
  std::vector<std::string> out;
  for (const auto& s : form.sections)
    for (const auto& f : s.fields)
      if (f.sensitive) out.push_back(f.id);
  return out;
}

bool IsSensitive(const Form& form, std::string_view field_id) {
  const Field* f = form.Find(field_id);
  return f && f->sensitive;
}

std::map<std::string, double> TableTotals(const Form& form, const json::object& values) {
  std::map<std::string, double> out;
  for (const auto& s : form.sections)
    for (const auto& f : s.fields) {
      if (f.type != FieldType::kTable) continue;
      const json::value* v = values.if_contains(f.id);
      for (const auto& col : f.columns) {
        if (!col.total) continue;
        double sum = 0;
        if (v && v->is_array())
          for (const auto& row : v->as_array())
            if (row.is_object())
              if (const json::value* cell = row.as_object().if_contains(col.id))
                if (auto n = AsNumber(*cell)) sum += *n;
        out[f.id + "." + col.id] = sum;
      }
    }
  return out;
}

SplitValues SplitBySensitivity(const Form& form, const json::object& values) {
  SplitValues out;
  for (const auto& [k, v] : values) {
    const Field* f = form.Find(k);
    if (!f) continue;
    (f->sensitive ? out.sensitive : out.clear)[k] = v;
  }
  return out;
}

}  // namespace lindungi::forms
