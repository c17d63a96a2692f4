// Deadlines from standard times on the shipped national calendars (sops/calendars).
#include "sop/deadline.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace lindungi::sop {
namespace {

using std::chrono::hours;

class DeadlineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<Diagnostic> diags;
    LoadCalendars(std::string(LINDUNGI_SOURCE_DIR) + "/sops/calendars", cal_, diags);
    for (const auto& d : diags) ADD_FAILURE() << d.Format();
  }

  static std::string Due(const char* opened, const char* standard_time, hours offset,
                         const Calendar& cal = cal_) {
    auto d = DueAt(*ParseInstant(opened), *ParseStandardTime(standard_time), cal, offset);
    return d ? FormatInstant(d->due) : "none";
  }

  static inline Calendar cal_;
  static constexpr hours kWib{7}, kWita{8};
};

TEST_F(DeadlineTest, WallClockUnits) {
  EXPECT_EQ(Due("2026-11-23T09:00:00+07:00", "15-30 min", kWib), "2026-11-23T02:30:00.000Z");
  EXPECT_EQ(Due("2026-11-23T09:00:00+07:00", "2 hours", kWib), "2026-11-23T04:00:00.000Z");
  EXPECT_EQ(Due("2026-11-23T09:00:00+07:00", "3 days", kWib), "2026-11-26T02:00:00.000Z");
  EXPECT_EQ(Due("2026-11-23T09:00:00+07:00", "none", kWib), "none");
}

TEST_F(DeadlineTest, MonthsClampToTheMonthsEnd) {
  EXPECT_EQ(Due("2026-01-31T10:00:00+07:00", "1 months", kWib), "2026-02-28T03:00:00.000Z");
  EXPECT_EQ(Due("2026-01-15T10:00:00+07:00", "1-3 months", kWib), "2026-04-15T03:00:00.000Z");
}

TEST_F(DeadlineTest, WorkingDaysSkipTheWeekend) {
  // Friday afternoon + 1 working day: end of Monday, WIB.
  EXPECT_EQ(Due("2026-11-20T14:00:00+07:00", "1 working_days", kWib), "2026-11-23T16:59:59.999Z");
  // Saturday counts from Monday too.
  EXPECT_EQ(Due("2026-11-21T10:00:00+07:00", "1 working_days", kWib), "2026-11-23T16:59:59.999Z");
  EXPECT_EQ(Due("2026-11-23T09:00:00+07:00", "5 working_days", kWib), "2026-11-30T16:59:59.999Z");
}

TEST_F(DeadlineTest, WorkingDaysSkipHolidaysAndCutiBersama) {
  // Nyepi and Idulfitri 1447: 18-24 March 2026 are cuti bersama, holidays or weekend.
  EXPECT_EQ(Due("2026-03-17T10:00:00+07:00", "2 working_days", kWib), "2026-03-26T16:59:59.999Z");
}

TEST_F(DeadlineTest, WorkingDaysCrossTheYearEnd) {
  // 24 Dec cuti bersama, 25 Dec Christmas, weekend, 28-31 Dec, 1 Jan 2027 New Year, weekend.
  auto d = DueAt(*ParseInstant("2026-12-23T09:00:00+08:00"), *ParseStandardTime("5 working_days"),
                 cal_, kWita);
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatInstant(d->due), "2027-01-04T15:59:59.999Z");
  // 2027 is provisional (no SKB yet: its Islamic holidays and cuti bersama are missing), so a
  // count that runs into it says so.
  EXPECT_TRUE(cal_.Covers(2027));
  EXPECT_FALSE(cal_.Complete(2027));
  EXPECT_TRUE(d->calendar_incomplete);
  // A count that stays inside a decreed year is not flagged.
  auto inside = DueAt(*ParseInstant("2026-12-14T09:00:00+08:00"),
                      *ParseStandardTime("5 working_days"), cal_, kWita);
  ASSERT_TRUE(inside);
  EXPECT_TRUE(cal_.Complete(2026));
  EXPECT_FALSE(inside->calendar_incomplete);
  // Into a year with no holiday list yet: still computed (weekends only) but flagged.
  auto beyond = DueAt(*ParseInstant("2027-12-30T09:00:00+08:00"),
                      *ParseStandardTime("3 working_days"), cal_, kWita);
  ASSERT_TRUE(beyond);
  EXPECT_TRUE(beyond->calendar_incomplete);
}

TEST_F(DeadlineTest, TheUnitsTimeZoneDecidesTheOpeningDay) {
  // 16:30 UTC on Thursday is 23:30 Thursday in WIB but 00:30 Friday in WITA.
  EXPECT_EQ(Due("2026-11-19T16:30:00Z", "1 working_days", kWib),
            "2026-11-20T16:59:59.999Z");  // end of Friday WIB
  EXPECT_EQ(Due("2026-11-19T16:30:00Z", "1 working_days", kWita),
            "2026-11-23T15:59:59.999Z");  // end of Monday WITA
}

TEST_F(DeadlineTest, AUnitsOwnDaysOffCount) {
  Calendar unit_cal = cal_;
  std::vector<Diagnostic> diags;
  Unit unit;
  unit.days_off = {"2026-11-23"};
  AddUnitDaysOff(unit, unit_cal, diags);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(Due("2026-11-20T14:00:00+07:00", "1 working_days", kWib, unit_cal),
            "2026-11-24T16:59:59.999Z");
  unit.days_off = {"23/11/2026"};
  AddUnitDaysOff(unit, unit_cal, diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("not a date"), std::string::npos);
}

}  // namespace
}  // namespace lindungi::sop
