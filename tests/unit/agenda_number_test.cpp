#include "report/agenda_number.h"

#include <gtest/gtest.h>

namespace lindungi::report {
namespace {

using namespace std::chrono;

TEST(AgendaNumberTest, DefaultPatternHasTheMonthInRomanNumerals) {
  const char* months[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
  AgendaNumberFormat format;
  for (unsigned m = 1; m <= 12; ++m) {
    auto n = FormatAgendaNumber(format, 42, year_month_day{year{2026}, month{m}, day{15}});
    ASSERT_TRUE(n) << n.error().message_en;
    EXPECT_EQ(*n, std::string("400.2.8/0042/UPTD-PPA/") + months[m - 1] + "/2026");
  }
}

TEST(AgendaNumberTest, SequenceIsPaddedAndMayGrowPastThePadding) {
  AgendaNumberFormat format;
  year_month_day d{year{2026}, November, day{23}};
  EXPECT_EQ(FormatAgendaNumber(format, 1, d).value(), "400.2.8/0001/UPTD-PPA/XI/2026");
  EXPECT_EQ(FormatAgendaNumber(format, 12345, d).value(), "400.2.8/12345/UPTD-PPA/XI/2026");
}

TEST(AgendaNumberTest, AUnitConfiguresItsOwnPattern) {
  year_month_day d{year{2026}, March, day{5}};
  AgendaNumberFormat kalteng{"{classification}/{seq}/{unit}/{year}", "061.1", "UPT-PPA/DP3APPKB"};
  EXPECT_EQ(FormatAgendaNumber(kalteng, 581, d).value(), "061.1/581/UPT-PPA/DP3APPKB/2026");
  AgendaNumberFormat babel{"{seq:02}/{unit}/{month:02}/{year}", "", "UPTD-PPA/DP3ACSKB"};
  EXPECT_EQ(FormatAgendaNumber(babel, 7, d).value(), "07/UPTD-PPA/DP3ACSKB/03/2026");
  AgendaNumberFormat daily{"{classification}/{seq:03}/{day}.{month_roman}.{year}", "065", ""};
  EXPECT_EQ(FormatAgendaNumber(daily, 9, d).value(), "065/009/5.III.2026");
}

TEST(AgendaNumberTest, RefusesBadPatternsAndSequences) {
  year_month_day d{year{2026}, November, day{23}};
  for (const char* pattern :
       {"{nomor}/{seq}", "{seq", "{classification}/{unit}/{year}", "{seq:>90}", "{seq:s}"}) {
    AgendaNumberFormat format{pattern, "400", "U"};
    auto n = FormatAgendaNumber(format, 1, d);
    ASSERT_FALSE(n) << pattern;
    EXPECT_EQ(n.error().code, "bad_agenda_pattern") << pattern;
    EXPECT_EQ(n.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_FALSE(ValidateAgendaPattern(pattern)) << pattern;
  }
  EXPECT_TRUE(ValidateAgendaPattern(kDefaultAgendaPattern));
  for (long seq : {0L, -3L}) {
    auto n = FormatAgendaNumber(AgendaNumberFormat{}, seq, d);
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code, "bad_agenda_sequence");
  }
}

TEST(AgendaNumberTest, RomanNumerals) {
  EXPECT_EQ(RomanNumeral(1), "I");
  EXPECT_EQ(RomanNumeral(4), "IV");
  EXPECT_EQ(RomanNumeral(9), "IX");
  EXPECT_EQ(RomanNumeral(14), "XIV");
  EXPECT_EQ(RomanNumeral(40), "XL");
  EXPECT_EQ(RomanNumeral(1994), "MCMXCIV");
  EXPECT_EQ(RomanNumeral(2026), "MMXXVI");
  EXPECT_EQ(RomanNumeral(3999), "MMMCMXCIX");
}

}  // namespace
}  // namespace lindungi::report
