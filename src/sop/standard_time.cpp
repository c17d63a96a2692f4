#include "sop/standard_time.h"

#include <charconv>

namespace lindungi::sop {
namespace {

std::optional<int> Number(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0 || v > 100000) return std::nullopt;
  return v;
}

}  // namespace

std::optional<StandardTime> ParseStandardTime(std::string_view text) {
  if (text == "none") return StandardTime{};
  auto space = text.find(' ');
  if (space == std::string_view::npos || text.find(' ', space + 1) != std::string_view::npos)
    return std::nullopt;
  std::string_view amount = text.substr(0, space), unit = text.substr(space + 1);
  StandardTime t;
  if (unit == "min")
    t.unit = TimeUnit::kMinutes;
  else if (unit == "hours")
    t.unit = TimeUnit::kHours;
  else if (unit == "days")
    t.unit = TimeUnit::kDays;
  else if (unit == "working_days")
    t.unit = TimeUnit::kWorkingDays;
  else if (unit == "months")
    t.unit = TimeUnit::kMonths;
  else
    return std::nullopt;
  auto dash = amount.find('-');
  auto low = Number(amount.substr(0, dash));
  auto high = dash == std::string_view::npos ? low : Number(amount.substr(dash + 1));
  if (!low || !high || *low > *high) return std::nullopt;
  t.low = *low;
  t.high = *high;
  return t;
}

std::string_view TimeUnitName(TimeUnit u) {
  switch (u) {
    case TimeUnit::kNone:
      return "none";
    case TimeUnit::kMinutes:
      return "min";
    case TimeUnit::kHours:
      return "hours";
    case TimeUnit::kDays:
      return "days";
    case TimeUnit::kWorkingDays:
      return "working_days";
    case TimeUnit::kMonths:
      return "months";
  }
  return "none";
}

std::string StandardTimeWords(const StandardTime& t) {
  std::string unit;
  switch (t.unit) {
    case TimeUnit::kNone:
      return "";
    case TimeUnit::kMinutes:
      unit = "menit";
      break;
    case TimeUnit::kHours:
      unit = "jam";
      break;
    case TimeUnit::kDays:
      unit = "hari";
      break;
    case TimeUnit::kWorkingDays:
      unit = "hari kerja";
      break;
    case TimeUnit::kMonths:
      unit = "bulan";
      break;
  }
  std::string amount = std::to_string(t.low);
  if (t.high != t.low) amount += "\u2013" + std::to_string(t.high);  // en dash
  return amount + " " + unit;
}

}  // namespace lindungi::sop
