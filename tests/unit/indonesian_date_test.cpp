#include "report/indonesian_date.h"

#include <gtest/gtest.h>

namespace lindungi::report {
namespace {

using namespace std::chrono;

TEST(IndonesianDateTest, WritesEveryMonthByName) {
  const char* expected[] = {"1 Januari 2026", "1 Februari 2026", "1 Maret 2026",
                            "1 April 2026",   "1 Mei 2026",      "1 Juni 2026",
                            "1 Juli 2026",    "1 Agustus 2026",  "1 September 2026",
                            "1 Oktober 2026", "1 November 2026", "1 Desember 2026"};
  for (unsigned m = 1; m <= 12; ++m) {
    EXPECT_EQ(FormatIndonesianDate(year_month_day{year{2026}, month{m}, day{1}}), expected[m - 1]);
  }
  EXPECT_EQ(FormatIndonesianDate(year_month_day{year{2026}, November, day{23}}),
            "23 November 2026");
  EXPECT_EQ(FormatIndonesianDate(year_month_day{year{2027}, February, day{9}}), "9 Februari 2027");
}

TEST(IndonesianDateTest, NamesTheDayOfTheWeek) {
  EXPECT_EQ(
      FormatIndonesianDate(year_month_day{year{2026}, November, day{23}}, DateStyle::kWithDayName),
      "Senin, 23 November 2026");
  const char* week[] = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};
  for (unsigned d = 0; d < 7; ++d) {  // 22 November 2026 is a Sunday
    year_month_day date{year{2026}, November, day{22 + d}};
    EXPECT_EQ(IndonesianDayName(weekday{sys_days{date}}), week[d]);
  }
  EXPECT_EQ(
      FormatIndonesianDate(year_month_day{year{2025}, August, day{17}}, DateStyle::kWithDayName),
      "Minggu, 17 Agustus 2025");
}

TEST(IndonesianDateTest, SpellsNumbersOutAsTerbilang) {
  struct Case {
    long n;
    const char* words;
  } cases[] = {{0, "nol"},
               {1, "satu"},
               {9, "sembilan"},
               {10, "sepuluh"},
               {11, "sebelas"},
               {12, "dua belas"},
               {19, "sembilan belas"},
               {20, "dua puluh"},
               {23, "dua puluh tiga"},
               {99, "sembilan puluh sembilan"},
               {100, "seratus"},
               {101, "seratus satu"},
               {111, "seratus sebelas"},
               {250, "dua ratus lima puluh"},
               {1000, "seribu"},
               {1100, "seribu seratus"},
               {2026, "dua ribu dua puluh enam"},
               {11000, "sebelas ribu"},
               {100000, "seratus ribu"},
               {1000000, "satu juta"},
               {1500000, "satu juta lima ratus ribu"},
               {999999999,
                "sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan "
                "puluh sembilan ribu sembilan ratus sembilan puluh sembilan"}};
  for (const auto& c : cases) EXPECT_EQ(SpellOutNumber(c.n), c.words) << c.n;
}

TEST(IndonesianDateTest, SpellsADateOutForMinutes) {
  EXPECT_EQ(SpellOutDate(year_month_day{year{2026}, November, day{23}}),
            "Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam");
  EXPECT_EQ(SpellOutDate(year_month_day{year{2027}, January, day{1}}),
            "Jumat tanggal satu bulan Januari tahun dua ribu dua puluh tujuh");
}

}  // namespace
}  // namespace lindungi::report
