#include "report/agenda_number.h"

#include <array>
#include <cassert>

#include <fmt/format.h>

namespace lindungi::report {

namespace {
constexpr std::size_t kMaxLength = 80;  // a "Nomor :" line still fits on A4

Error BadPattern() {
  return MakeError(ErrorKind::kInvalidArgument, "bad_agenda_pattern",
                   "Pola nomor surat tidak sah: gunakan {classification}, {seq}, {unit}, "
                   "{month_roman}, {month}, {year}, {day}; {seq} wajib ada",
                   "Invalid letter number pattern: use {classification}, {seq}, {unit}, "
                   "{month_roman}, {month}, {year}, {day}; {seq} is required",
                   "agenda_pattern");
}

Result<std::string> Apply(std::string_view pattern, std::string_view classification, long sequence,
                          std::string_view unit_code, std::chrono::year_month_day date) {
  try {
    std::string roman = RomanNumeral(int(unsigned(date.month())));
    std::string out =
        fmt::format(fmt::runtime(pattern), fmt::arg("classification", classification),
                    fmt::arg("seq", sequence), fmt::arg("unit", unit_code),
                    fmt::arg("month_roman", roman), fmt::arg("month", unsigned(date.month())),
                    fmt::arg("year", int(date.year())), fmt::arg("day", unsigned(date.day())));
    if (out.size() > kMaxLength) return Fail(BadPattern());
    return out;
  } catch (const fmt::format_error&) {
    return Fail(BadPattern());
  }
}
}  // namespace

std::string RomanNumeral(int n) {
  assert(n >= 1 && n <= 3999);
  static constexpr std::array<std::pair<int, std::string_view>, 13> kSteps = {{{1000, "M"},
                                                                               {900, "CM"},
                                                                               {500, "D"},
                                                                               {400, "CD"},
                                                                               {100, "C"},
                                                                               {90, "XC"},
                                                                               {50, "L"},
                                                                               {40, "XL"},
                                                                               {10, "X"},
                                                                               {9, "IX"},
                                                                               {5, "V"},
                                                                               {4, "IV"},
                                                                               {1, "I"}}};
  std::string out;
  for (const auto& [value, letters] : kSteps) {
    for (; n >= value; n -= value) out += letters;
  }
  return out;
}

Status ValidateAgendaPattern(std::string_view pattern) {
  using namespace std::chrono;
  constexpr year_month_day kProbe{year{2026}, November, day{23}};
  // A pattern without the sequence would give every letter of a month the same number.
  auto one = Apply(pattern, "000", 1, "X", kProbe);
  if (!one) return Fail(one.error());
  auto two = Apply(pattern, "000", 2, "X", kProbe);
  if (!two) return Fail(two.error());
  if (*one == *two) return Fail(BadPattern());
  return {};
}

Result<std::string> FormatAgendaNumber(const AgendaNumberFormat& format, long sequence,
                                       std::chrono::year_month_day date) {
  assert(date.ok());
  if (sequence < 1) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "bad_agenda_sequence",
                          "Nomor urut surat harus 1 atau lebih",
                          "The letter's sequence number must be 1 or more", "sequence"));
  }
  if (auto s = ValidateAgendaPattern(format.pattern); !s) return Fail(s.error());
  return Apply(format.pattern, format.classification, sequence, format.unit_code, date);
}

}  // namespace lindungi::report
