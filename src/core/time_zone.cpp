#include "core/time_zone.h"

namespace lindungi {

std::optional<std::chrono::minutes> UtcOffsetOf(std::string_view zone) {
  using std::chrono::hours;
  if (zone == "Asia/Jakarta" || zone == "Asia/Pontianak") return hours(7);
  if (zone == "Asia/Makassar") return hours(8);
  if (zone == "Asia/Jayapura") return hours(9);
  return std::nullopt;
}

std::chrono::minutes UtcOffsetOrWib(std::string_view iana_zone) {
  return UtcOffsetOf(iana_zone).value_or(std::chrono::hours(7));
}

}  // namespace lindungi
