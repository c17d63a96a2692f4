// Indonesia's three time zones (REFERENCE "Time"): fixed offsets, no daylight saving, so a
// table is exact and needs no tz database.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace lindungi {

// UTC offset of an Indonesian IANA zone: Asia/Jakarta (WIB, +7), Asia/Pontianak (WIB, +7),
// Asia/Makassar (WITA, +8), Asia/Jayapura (WIT, +9). nullopt for any other name.
std::optional<std::chrono::minutes> UtcOffsetOf(std::string_view iana_zone);

// The offset of a unit's zone, WIB (+7) for a zone UtcOffsetOf does not know: units are
// checked when they are made, so this is a unit with no zone yet.
std::chrono::minutes UtcOffsetOrWib(std::string_view iana_zone);

}  // namespace lindungi
