// A recorded person's age, read one way everywhere (transfers, referrals, shelters,
// incidents, letters): the birth date when known, else the age stated at recording.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace lindungi {

// `person` is the decrypted record (birth_date "YYYY-MM-DD", age_years); `added_at` the
// instant it was recorded (RFC 3339; empty: the stated age is taken as of `on`).
std::optional<int> RecordedAgeOn(const boost::json::object& person, std::string_view added_at,
                                 std::chrono::year_month_day on);

}  // namespace lindungi
