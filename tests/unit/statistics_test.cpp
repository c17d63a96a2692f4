// The pure rules of reports: periods and months, nearest-rank percentiles, suppression of
// small cells, SIMFONI's services from a case's record, durations in a step's own unit, and
// the neutralising of spreadsheet formulas in exports (CSV quoting too).
#include <gtest/gtest.h>

#include "core/statistics.h"
#include "report/table_export.h"
#include "sop/deadline.h"

namespace lindungi {
namespace {

TEST(StatisticsTest, PeriodsAreYearsQuartersOrMonths) {
  auto y = ParsePeriod("2026");
  ASSERT_TRUE(y);
  EXPECT_EQ(y->from, "2026-01");
  EXPECT_EQ(y->to, "2026-12");
  auto q = ParsePeriod("2026-Q2");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->from, "2026-04");
  EXPECT_EQ(q->to, "2026-06");
  auto m = ParsePeriod("2026-11");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->from, "2026-11");
  for (const char* bad : {"", "26", "2026-Q5", "2026-13", "2026-1", "1999", "2026-00", "abcd"})
    EXPECT_FALSE(ParsePeriod(bad)) << bad;
  EXPECT_EQ(MonthsBetween("2025-11", "2026-02"),
            (std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02"}));
  EXPECT_TRUE(IsMonth("2026-09"));
  EXPECT_FALSE(IsMonth("2026-9"));
}

// Durations are kept in tenths of their unit, rounded half away from zero; the rounding is
// monotone, so a nearest-rank percentile of the kept values is the true one rounded.
TEST(StatisticsTest, DurationsKeptInTenths) {
  EXPECT_EQ(DurationTenths(12.0), 120);
  EXPECT_EQ(DurationTenths(12.04), 120);
  EXPECT_EQ(DurationTenths(12.05), 121) << "half away from zero";
  EXPECT_EQ(DurationTenths(0.0), 0);
  EXPECT_EQ(DurationTenths(143952.0), 1439520);
  EXPECT_DOUBLE_EQ(ShownDuration(2.96), 3.0);
  EXPECT_DOUBLE_EQ(ShownDuration(1.449), 1.4);
  const double values[] = {0.34, 1.26, 1.24, 7.01, 3.55, 2.71, 9.99, 0.05};
  for (double a : values)
    for (double b : values)
      if (a <= b) {
        EXPECT_LE(DurationTenths(a), DurationTenths(b)) << a << " " << b;
      }
}

// The cross-table's pairs of one case: two clients, counted by hand. Pairs are within a
// client, across two different dimensions, the dimension first in text order as `a`.
TEST(StatisticsTest, ClientPairsOfACase) {
  std::set<StatFact> facts{{"p1", "sex", "female"},    {"p1", "age_band", "6-12"},
                           {"p1", "case_type", "kta"}, {"p1", "case_type", "kdrt"},
                           {"p2", "sex", "male"},      {"p2", "age_band", "6-12"},
                           {"p2", "case_type", "kta"}};
  auto pairs = ClientPairs(facts);
  // p1: age x 2 case types, age x sex, 2 case types x sex = 5; p2: 3; shared: 2 of them.
  std::map<StatPair, std::int64_t> expected{
      {{"age_band", "6-12", "case_type", "kta"}, 2}, {{"age_band", "6-12", "case_type", "kdrt"}, 1},
      {{"age_band", "6-12", "sex", "female"}, 1},    {{"age_band", "6-12", "sex", "male"}, 1},
      {{"case_type", "kta", "sex", "female"}, 1},    {{"case_type", "kdrt", "sex", "female"}, 1},
      {{"case_type", "kta", "sex", "male"}, 1},
  };
  EXPECT_EQ(pairs, expected);
  EXPECT_TRUE(ClientPairs({}).empty());
  EXPECT_TRUE(ClientPairs({{"p1", "sex", "female"}}).empty()) << "one fact: no pair";
}

TEST(StatisticsTest, NearestRankPercentiles) {
  EXPECT_EQ(NearestRank(50, 0), 0);
  EXPECT_EQ(NearestRank(50, 1), 1);
  EXPECT_EQ(NearestRank(50, 8), 4);
  EXPECT_EQ(NearestRank(50, 9), 5);
  EXPECT_EQ(NearestRank(90, 8), 8);
  EXPECT_EQ(NearestRank(90, 10), 9);
  EXPECT_EQ(NearestRank(90, 11), 10);
  EXPECT_EQ(NearestRank(90, 3), 3);
  // The SQL of store::Compliance computes the same ranks with integer division.
  for (std::int64_t n = 1; n < 500; ++n) {
    EXPECT_EQ(NearestRank(50, n), (n + 1) / 2) << n;
    EXPECT_EQ(NearestRank(90, n), (9 * n + 9) / 10) << n;
  }
}

TEST(StatisticsTest, PublicationSuppressesOneAndTwo) {
  EXPECT_EQ(Suppressed(0), 0);
  EXPECT_FALSE(Suppressed(1));
  EXPECT_FALSE(Suppressed(2));
  EXPECT_EQ(Suppressed(3), 3);
  EXPECT_EQ(Suppressed(120), 120);
}

TEST(StatisticsTest, ServicesCountAsSimfoniServices) {
  EXPECT_EQ(SimfoniServiceOfPlan("health"), "health");
  EXPECT_EQ(SimfoniServiceOfPlan("legal"), "legal_aid");
  EXPECT_EQ(SimfoniServiceOfPlan("psychological"), "social_rehabilitation");
  EXPECT_EQ(SimfoniServiceOfPlan("reintegration"), "social_reintegration");
  EXPECT_EQ(SimfoniServiceOfPlan("other"), "");
  EXPECT_EQ(SimfoniServiceOfPartner("police"), "law_enforcement");
  EXPECT_EQ(SimfoniServiceOfPartner("school"), "");
  ASSERT_TRUE(FindStatDimension("violence_form"));
  EXPECT_FALSE(FindStatDimension("zodiac"));
  EXPECT_EQ(FixedValues("sex").size(), 2u);
  EXPECT_EQ(FixedValues("triage").size(), 6u);
}

TEST(StatisticsTest, DurationsInTheStepsOwnUnit) {
  using namespace std::chrono;
  sop::Calendar cal;
  cal.AddYear(2026);
  cal.AddDayOff(year{2026} / 3 / 19);  // a Thursday off
  const minutes wib{7 * 60};
  // Opened Wednesday 18 March 2026, 16:00 WIB.
  Instant opened = *ParseInstant("2026-03-18T09:00:00Z");
  EXPECT_DOUBLE_EQ(sop::Elapsed(opened, opened + minutes(95), sop::TimeUnit::kMinutes, cal, wib),
                   95);
  EXPECT_DOUBLE_EQ(sop::Elapsed(opened, opened + minutes(90), sop::TimeUnit::kHours, cal, wib),
                   1.5);
  // Same day: 0 working days; Thursday is off, Friday is the first, Monday the second.
  EXPECT_EQ(sop::Elapsed(opened, *ParseInstant("2026-03-18T16:00:00Z"), sop::TimeUnit::kWorkingDays,
                         cal, wib),
            0);
  EXPECT_EQ(sop::Elapsed(opened, *ParseInstant("2026-03-19T03:00:00Z"), sop::TimeUnit::kWorkingDays,
                         cal, wib),
            0);
  EXPECT_EQ(sop::Elapsed(opened, *ParseInstant("2026-03-20T03:00:00Z"), sop::TimeUnit::kWorkingDays,
                         cal, wib),
            1);
  EXPECT_EQ(sop::Elapsed(opened, *ParseInstant("2026-03-23T03:00:00Z"), sop::TimeUnit::kWorkingDays,
                         cal, wib),
            2);
  // Within the standard iff the duration is at most it: the deadline agrees.
  auto due = sop::DueAt(opened, {sop::TimeUnit::kWorkingDays, 2, 2}, cal, wib);
  ASSERT_TRUE(due);
  EXPECT_EQ(sop::Elapsed(opened, due->due, sop::TimeUnit::kWorkingDays, cal, wib), 2);
  EXPECT_EQ(sop::Elapsed(opened, due->due + milliseconds(1), sop::TimeUnit::kWorkingDays, cal, wib),
            3);
  EXPECT_EQ(sop::Elapsed(opened, opened - minutes(1), sop::TimeUnit::kMinutes, cal, wib), 0);
}

TEST(TableExportTest, FormulasAreNeutralised) {
  for (const char* f : {"=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"})
    EXPECT_EQ(report::NeutraliseFormula(f), std::string("'") + f) << f;
  EXPECT_EQ(report::NeutraliseFormula("Anak A"), "Anak A");
  EXPECT_EQ(report::NeutraliseFormula(""), "");
  report::Table t{"T",
                  {"a", "b", "c"},
                  {{std::string("=1+1"), std::int64_t{-5}, 2.5},
                   {std::string("x,\"y\""), report::Cell(), std::string("z")}}};
  std::string csv = report::ToCsv({t});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "a,b,c\r\n'=1+1,-5,2.5\r\n\"x,\"\"y\"\"\",,z\r\n")
      << "numbers stay numbers; text is quoted where it must be";
  std::string xlsx = report::ToXlsx({t});
  ASSERT_GT(xlsx.size(), 100u);
  EXPECT_EQ(xlsx.substr(0, 2), "PK") << "a zip container";
}

}  // namespace
}  // namespace lindungi
