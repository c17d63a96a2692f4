#include "core/clock.h"

#include <gtest/gtest.h>

namespace lindungi {
namespace {

using namespace std::chrono;

TEST(ClockTest, FormatsUtcWithMilliseconds) {
  Instant t = sys_days{2026y / 11 / 23} + 12h + 34min + 56s + 789ms;
  EXPECT_EQ(FormatInstant(t), "2026-11-23T12:34:56.789Z");
}

TEST(ClockTest, ParsesOffsetsToUtc) {
  auto wib = ParseInstant("2026-11-23T09:30:00+07:00");
  ASSERT_TRUE(wib);
  EXPECT_EQ(FormatInstant(*wib), "2026-11-23T02:30:00.000Z");
  auto wita = ParseInstant("2026-01-01T07:00:00.5+08:00");
  ASSERT_TRUE(wita);
  EXPECT_EQ(FormatInstant(*wita), "2025-12-31T23:00:00.500Z");
  EXPECT_TRUE(ParseInstant("2026-11-23T09:30:00Z"));
}

TEST(ClockTest, RejectsImpossibleTimes) {
  for (const char* bad : {"2026-02-30T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23 09:30:00Z",
                          "2026-11-23T09:30:00", "2026-11-23T09:30:00+7", "2026-13-01T00:00:00Z",
                          "", "yesterday", "2026-11-23T09:30:00Zjunk", "2026-11-23T09:30:00.Z"}) {
    EXPECT_FALSE(ParseInstant(bad)) << bad;
  }
}

TEST(ClockTest, ParsesOnlyRealDates) {
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2025-02-29"));
  EXPECT_FALSE(ParseDate("2025-1-01"));
  EXPECT_FALSE(ParseDate("01-01-2025"));
  EXPECT_EQ(FormatDate(*ParseDate("2026-11-23")), "2026-11-23");
}

TEST(ClockTest, LocalDateFollowsTheUnitsOffset) {
  Instant t = *ParseInstant("2026-12-31T16:30:00Z");  // 23:30 WIB, 00:30 WITA next year
  EXPECT_EQ(FormatDate(LocalDate(t, hours(7))), "2026-12-31");
  EXPECT_EQ(FormatDate(LocalDate(t, hours(8))), "2027-01-01");
}

// A person's age: from the birth date when known, else the stated age moved by the years since
// it was stated; a child is under 18 (UU 35/2014).
TEST(AgeTest, FromTheBirthDateElseTheStatedAgeMovedByTheYearsSince) {
  auto day = [](int y, unsigned m, unsigned d) {
    return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                       std::chrono::day{d}};
  };
  EXPECT_EQ(AgeOn(day(2009, 6, 2), 17, day(2020, 1, 1), day(2026, 6, 1)), 16);
  EXPECT_EQ(AgeOn(day(2009, 6, 2), 17, day(2020, 1, 1), day(2026, 6, 2)), 17);
  EXPECT_EQ(AgeOn(std::nullopt, 17, day(2025, 3, 1), day(2026, 1, 5)), 18);
  EXPECT_EQ(AgeOn(std::nullopt, 17, day(2026, 3, 1), day(2024, 8, 1)), 15);  // an earlier incident
  EXPECT_EQ(AgeOn(std::nullopt, 1, day(2026, 3, 1), day(2020, 8, 1)), 0);    // never below 0
  EXPECT_EQ(AgeOn(std::nullopt, 17, std::nullopt, day(2030, 1, 1)), 17);
  EXPECT_EQ(AgeOn(std::nullopt, std::nullopt, day(2026, 3, 1), day(2030, 1, 1)), std::nullopt);
  EXPECT_TRUE(IsChild(17));
  EXPECT_FALSE(IsChild(18));
  EXPECT_FALSE(IsChild(std::nullopt));
}

}  // namespace
}  // namespace lindungi
