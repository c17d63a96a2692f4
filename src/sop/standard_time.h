// Standard time ("mutu baku waktu") of an SOP step: a duration in minutes, hours, calendar
// days, working days or months, a range whose deadline is its upper bound, or none.
// Pure; the deadline arithmetic (calendars, time zones) builds on this.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lindungi::sop {

enum class TimeUnit { kNone, kMinutes, kHours, kDays, kWorkingDays, kMonths };

struct StandardTime {
  TimeUnit unit = TimeUnit::kNone;  // kNone: no deadline
  int low = 0;                      // == high unless a range ("15-30 min")
  int high = 0;
};

// Parses "30 min", "2 hours", "3 days", "5 working_days", "1 months", "15-30 min", "none".
// nullopt on anything else (unknown unit, zero, low > high, missing number).
std::optional<StandardTime> ParseStandardTime(std::string_view text);

std::string_view TimeUnitName(TimeUnit u);

// The standard time in the words of the unit's printed SOP (Bahasa Indonesia): "30 menit",
// "2 jam", "3 hari", "5 hari kerja", "1 bulan", "15–30 menit"; "" for none.
std::string StandardTimeWords(const StandardTime& t);

}  // namespace lindungi::sop
