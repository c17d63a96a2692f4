#include "service/person_age.h"

#include "core/clock.h"

namespace lindungi {

std::optional<int> RecordedAgeOn(const boost::json::object& person, std::string_view added_at,
                                 std::chrono::year_month_day on) {
  std::optional<std::chrono::year_month_day> birth;
  if (auto* b = person.if_contains("birth_date"); b && b->is_string())
    birth = ParseDate(std::string_view(b->as_string()));
  std::optional<int> stated;
  if (auto* a = person.if_contains("age_years"); a && a->is_int64()) stated = int(a->as_int64());
  std::optional<std::chrono::year_month_day> stated_on;
  // Recorded in the unit's day; WIB is close enough for a whole-year difference.
  if (auto t = ParseInstant(added_at)) stated_on = LocalDate(*t, std::chrono::hours(7));
  return AgeOn(birth, stated, stated_on, on);
}

}  // namespace lindungi
