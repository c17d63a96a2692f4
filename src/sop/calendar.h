// The working calendar of a unit: weekends, national holidays and cuti bersama of the
// yearly SKB (sops/calendars/id-<year>.yaml) and the unit's own days off. Value type.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "sop/pack.h"

namespace lindungi::sop {

class Calendar {
 public:
  void AddDayOff(std::chrono::year_month_day d) { days_off_.insert(std::chrono::sys_days{d}); }
  // `provisional`: the year's decree is not out yet, so its list may lack holidays.
  void AddYear(int year, bool provisional = false) {
    years_.insert(year);
    if (provisional) provisional_.insert(year);
  }

  // Monday to Friday and not a holiday, cuti bersama or unit day off.
  bool IsWorkingDay(std::chrono::sys_days d) const;
  // True iff a holiday list for `year` was loaded (otherwise only weekends are known).
  bool Covers(int year) const { return years_.contains(year); }
  // True iff `year` is loaded from its decree: not missing and not provisional. A deadline
  // counted through a year that is not complete is flagged `calendar_incomplete`.
  bool Complete(int year) const { return Covers(year) && !provisional_.contains(year); }

 private:
  std::set<std::chrono::sys_days> days_off_;
  std::set<int> years_;
  std::set<int> provisional_;
};

// Reads every sops/calendars/id-<year>.yaml in `dir` into `cal`; problems go to diagnostics.
void LoadCalendars(const std::string& dir, Calendar& cal, std::vector<Diagnostic>& diagnostics);

// Adds a unit's own days off (unit.yaml `days_off`, ISO dates).
void AddUnitDaysOff(const Unit& unit, Calendar& cal, std::vector<Diagnostic>& diagnostics);

}  // namespace lindungi::sop
