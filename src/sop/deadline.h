// When a task is due, from its step's standard time, the moment it opened, the unit's
// working calendar and its UTC offset (docs/sop-format.md "Deadlines"). Pure.
//
//  - min / hours: wall-clock, opened + the upper bound.
//  - days: calendar days: the same local clock time that many days later.
//  - months: calendar months: the same local day and time that many months later (the day
//    clamped to the month's last day: 31 Jan + 1 month = 28/29 Feb).
//  - working_days: the end (23:59:59.999 local) of the Nth working day after the local
//    date the task opened. The opening day never counts, so a task opened on Friday
//    afternoon with "1 working_days" is due at the end of Monday (if Monday is a working
//    day). Weekends, holidays, cuti bersama and the unit's days off are skipped.
//  - ranges are due at their upper bound; none has no deadline.
#pragma once

#include <chrono>
#include <optional>

#include "core/clock.h"
#include "sop/calendar.h"
#include "sop/standard_time.h"

namespace lindungi::sop {

struct Deadline {
  Instant due;
  bool calendar_incomplete = false;  // a working-day count crossed a year with no holiday list
};

// nullopt for a standard time of none.
std::optional<Deadline> DueAt(Instant opened, const StandardTime& t, const Calendar& cal,
                              std::chrono::minutes utc_offset);

// How long a task opened at `opened` and done at `done` took, in `unit` (docs/reports.md
// "Compliance"), counted as DueAt counts: minutes and hours of wall clock (fractional),
// calendar days (fractional), months of 30 days, and working days as the number of working
// days after the local opening date up to and including the local completion date (done
// the same day: 0). So a task is within its standard time iff Elapsed <= the upper bound.
// kNone is measured in hours. Never negative.
double Elapsed(Instant opened, Instant done, TimeUnit unit, const Calendar& cal,
               std::chrono::minutes utc_offset);

}  // namespace lindungi::sop
