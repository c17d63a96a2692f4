// Time values of the domain: instants in UTC microseconds, calendar dates, RFC 3339 text.
// The Clock interface lets tests fix "now". Pure functions; Clock implementations are
// safe for concurrent use.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lindungi {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// "2026-11-23T12:34:56.789Z" (UTC, milliseconds).
std::string FormatInstant(Instant t);

// Parses RFC 3339 "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)". nullopt if malformed or
// not a real calendar time (2026-02-30, 25:00 ...).
std::optional<Instant> ParseInstant(std::string_view text);

// Parses "YYYY-MM-DD"; nullopt unless it is a real date.
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text);
std::string FormatDate(std::chrono::year_month_day d);

// The UTC calendar date of an instant shifted by `utc_offset`.
std::chrono::year_month_day LocalDate(Instant t, std::chrono::minutes utc_offset);

// Age in whole years on `on` of someone born on `birth`.
int AgeOn(std::chrono::year_month_day birth, std::chrono::year_month_day on);

// A person's age in whole years on `on`: from the birth date when known; else the age stated
// when they were recorded (on `stated_on`), moved by the calendar years between then and `on`
// (never below 0); nullopt when neither is known.
std::optional<int> AgeOn(std::optional<std::chrono::year_month_day> birth,
                         std::optional<int> stated,
                         std::optional<std::chrono::year_month_day> stated_on,
                         std::chrono::year_month_day on);

// A child is a person under 18 (UU 35/2014 on child protection, art. 1 (1)); an unknown age is
// not taken for a child.
inline constexpr int kAdultAge = 18;
inline bool IsChild(std::optional<int> age_years) {
  return age_years && *age_years < kAdultAge;
}

}  // namespace lindungi
