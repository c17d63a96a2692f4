#include "sop/deadline.h"

#include <algorithm>

namespace lindungi::sop {

std::optional<Deadline> DueAt(Instant opened, const StandardTime& t, const Calendar& cal,
                              std::chrono::minutes utc_offset) {
  using namespace std::chrono;
  const Instant local = opened + utc_offset;  // the unit's wall clock, as if it were UTC
  const sys_days local_day = floor<days>(local);
  const auto time_of_day = local - local_day;
  Deadline d;
  switch (t.unit) {
    case TimeUnit::kNone:
      return std::nullopt;
    case TimeUnit::kMinutes:
      d.due = opened + minutes(t.high);
      return d;
    case TimeUnit::kHours:
      d.due = opened + hours(t.high);
      return d;
    case TimeUnit::kDays:
      d.due = opened + days(t.high);
      return d;  // fixed offsets: no DST in Indonesia
    case TimeUnit::kMonths: {
      year_month_day ymd{local_day};
      year_month ym = ymd.year() / ymd.month() + months(t.high);
      year_month_day_last month_end{ym.year(), month_day_last{ym.month()}};
      year_month_day target{ym.year(), ym.month(), std::min(ymd.day(), month_end.day())};
      d.due = sys_days{target} + time_of_day - utc_offset;
      return d;
    }
    case TimeUnit::kWorkingDays: {
      sys_days day = local_day;
      for (int counted = 0; counted < t.high;) {
        day += days(1);
        if (!cal.Complete(int(year_month_day{day}.year()))) d.calendar_incomplete = true;
        if (cal.IsWorkingDay(day)) ++counted;
      }
      d.due = day + days(1) - milliseconds(1) - utc_offset;
      return d;
    }
  }
  return std::nullopt;
}

double Elapsed(Instant opened, Instant done, TimeUnit unit, const Calendar& cal,
               std::chrono::minutes utc_offset) {
  using namespace std::chrono;
  if (done < opened) return 0;
  const double seconds = duration<double>(done - opened).count();
  switch (unit) {
    case TimeUnit::kMinutes:
      return seconds / 60;
    case TimeUnit::kNone:
    case TimeUnit::kHours:
      return seconds / 3600;
    case TimeUnit::kDays:
      return seconds / 86400;
    case TimeUnit::kMonths:
      return seconds / (86400.0 * 30);
    case TimeUnit::kWorkingDays: {
      const sys_days first = floor<days>(opened + utc_offset);
      const sys_days last = floor<days>(done + utc_offset);
      int n = 0;
      for (sys_days d = first + days(1); d <= last; d += days(1))
        if (cal.IsWorkingDay(d)) ++n;
      return n;
    }
  }
  return 0;
}

}  // namespace lindungi::sop
