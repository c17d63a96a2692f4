// Reports over a national volume (docs/performance.md "Reports"): fills the statistics
// projection (stats_facts, stats_counts) and the tasks table with N synthetic cases spread
// over `units` units and 12 months — written straight into the read tables in batches, not
// through the event log (the write path is measured by task_bench and intake_bench) — then
// times what GET /api/v1/reports/... runs: the full dimension table with totals, one
// cross-table, the monthly trend and the compliance table, national and for one unit.
// Usage: report_bench STORE_URL [cases=1000000] [units=514] [runs=5]
// The store must be new (a new SQLite path or an empty PostgreSQL database), or one this
// benchmark filled before: then the fill is skipped and only the reports are timed again.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "core/statistics.h"
#include "store/database.h"
#include "store/stats_store.h"

using namespace lindungi;
using namespace lindungi::store;
using SteadyClock = std::chrono::steady_clock;

namespace {

double Ms(SteadyClock::time_point since) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - since).count();
}

template <class F>
double Median(int runs, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto t = SteadyClock::now();
    f();
    ms.push_back(Ms(t));
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

template <std::size_t N>
std::string Pick(std::mt19937_64& rng, const char* const (&items)[N]) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: report_bench STORE_URL [cases] [units] [runs]\n");
    return 2;
  }
  std::string url = argv[1];
  std::int64_t cases = argc > 2 ? std::stoll(argv[2]) : 1'000'000;
  int units = argc > 3 ? std::stoi(argv[3]) : 514;
  int runs = argc > 4 ? std::stoi(argv[4]) : 5;
  auto db = OpenDatabase(url);
  std::vector<std::string> unit_ids;
  for (int u = 0; u < units; ++u) unit_ids.push_back(fmt::format("unit-{:04}", u));

  static const char* const kForms[] = {"physical",     "psychological", "sexual", "neglect",
                                       "exploitation", "trafficking",   "other"};
  static const char* const kTypes[] = {"kta", "ktp", "kdrt", "tppo", "abh"};
  static const char* const kBands[] = {"0-5", "6-12", "13-17", "18-24", "25-44", "45-59", "60+"};
  static const char* const kEdu[] = {"paud_tk", "sd", "sltp", "slta", "higher", ""};
  static const char* const kPlaces[] = {"household", "school", "workplace", "public_facility",
                                        "other"};
  static const char* const kRel[] = {"parent",  "family",    "spouse", "partner_friend",
                                     "teacher", "neighbour", "other",  "na"};
  static const char* const kChannels[] = {"walk_in", "phone",       "hotline",  "whatsapp",
                                          "letter",  "online_form", "outreach", "referral_in"};
  static const char* const kRisk[] = {"low", "medium", "high", ""};
  static const char* const kTriage[] = {"continue_here", "hand_to_patbm", "emergency_outreach", ""};
  static const char* const kSops[] = {"kalteng/pengaduan-langsung",
                                      "kalteng/pengaduan-tidak-langsung", "kalteng/penjangkauan"};
  static const char* const kServices[] = {"health", "legal_aid", "social_rehabilitation"};
  static const char* const kSteps[] = {"lapor-kedatangan", "terima-pengaduan", "klarifikasi",
                                       "terima-layanan"};

  std::int64_t filled = 0;
  db->Read([&](SqlConn& c) {
    auto rows = c.Query("SELECT COUNT(DISTINCT case_id) FROM tasks");
    if (!rows.empty()) filled = rows[0].Int(0);
  });
  if (filled > 0) cases = 0;  // already filled: time the reports over what is there

  std::mt19937_64 rng(42);
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, std::pair<std::int64_t, std::int64_t>> counts;  // the exact pre-aggregate
  auto fill_start = SteadyClock::now();
  std::int64_t facts_written = 0, tasks_written = 0;
  const std::int64_t kBatch = 250;  // cases per transaction: small jobs (see "Seeding" above)
  for (std::int64_t first = 0; first < cases; first += kBatch) {
    std::vector<std::array<std::string, 6>> facts;
    std::vector<std::vector<SqlValue>> tasks;
    for (std::int64_t i = first; i < std::min(cases, first + kBatch); ++i) {
      std::string case_id = fmt::format("case-{:08}", i);
      std::string unit = unit_ids[std::size_t(i % units)];
      std::string month = fmt::format("2025-{:02}", 1 + (i / units) % 12);
      int clients = std::uniform_int_distribution<int>(0, 9)(rng) == 0 ? 2 : 1;
      std::map<std::pair<std::string, std::string>, int> per_case;
      std::vector<std::pair<std::string, std::string>> shared = {
          {"channel", Pick(rng, kChannels)}, {"case_type", Pick(rng, kTypes)},
          {"risk_level", Pick(rng, kRisk)},  {"triage", Pick(rng, kTriage)},
          {"sop", Pick(rng, kSops)},         {"service", "complaint"},
          {"service", Pick(rng, kServices)}};
      for (int c = 0; c < clients; ++c) {
        std::string client = fmt::format("{}-{}", case_id, c);
        std::vector<std::pair<std::string, std::string>> mine = shared;
        mine.push_back({"violence_form", Pick(rng, kForms)});
        mine.push_back({"sex", rng() % 4 ? "female" : "male"});
        mine.push_back({"age_band", Pick(rng, kBands)});
        mine.push_back({"disability", rng() % 16 ? "no" : "yes"});
        mine.push_back({"education", Pick(rng, kEdu)});
        mine.push_back({"place", Pick(rng, kPlaces)});
        mine.push_back({"perpetrator_relation", Pick(rng, kRel)});
        mine.push_back({"perpetrator_sex", rng() % 6 ? "male" : "female"});
        mine.push_back({"perpetrator_age_band", Pick(rng, kBands)});
        std::sort(mine.begin(), mine.end());
        mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
        for (const auto& [d, v] : mine) {
          facts.push_back({case_id, client, d, v, unit, month});
          ++per_case[{d, v}];
        }
      }
      for (const auto& [dv, n] : per_case) {
        auto& x = counts[{unit, month, dv.first, dv.second}];
        x.first += 1;
        x.second += n;
      }
      // Four tasks a case: three done (minutes, some late), one open (some overdue).
      for (int s = 0; s < 4; ++s) {
        std::string opened = fmt::format("{}-15T0{}:00:00.000Z", month, s + 1);
        bool open = s == 3;
        double minutes = std::uniform_real_distribution<double>(1, 60)(rng);
        std::string done = fmt::format("{}-15T0{}:{:02}:00.000Z", month, s + 1, int(minutes) % 60);
        std::string due = fmt::format("{}-15T0{}:30:00.000Z", month, s + 1);
        tasks.push_back({fmt::format("{}-t{}", case_id, s), case_id, unit, std::string("instance"),
                         std::string(kSops[0]), std::string(kSteps[s]),
                         std::string("intake_officer"), std::string(open ? "open" : "completed"),
                         opened, std::int64_t{s}, due, due, std::int64_t{0},
                         open ? SqlValue(nullptr) : SqlValue(done),
                         open ? SqlValue(nullptr) : SqlValue(std::string("staff-1")),
                         open ? SqlValue(nullptr) : SqlValue(minutes),
                         open ? SqlValue(nullptr) : SqlValue(std::string("min")),
                         open ? SqlValue(nullptr) : SqlValue(std::int64_t{minutes <= 30 ? 1 : 0})});
      }
    }
    auto w = db->Write([&](SqlConn& c) -> Result<boost::json::value> {
      for (std::size_t i = 0; i < facts.size(); i += 500) {
        std::size_t n = std::min<std::size_t>(500, facts.size() - i);
        std::string sql =
            "INSERT INTO stats_facts (case_id, client_id, dimension, value, unit_id, month) "
            "VALUES ";
        std::vector<SqlValue> params;
        for (std::size_t j = 0; j < n; ++j) {
          sql += j ? ", (?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?)";
          for (const auto& v : facts[i + j]) params.emplace_back(v);
        }
        c.Exec(sql, params);
      }
      for (std::size_t i = 0; i < tasks.size(); i += 200) {
        std::size_t n = std::min<std::size_t>(200, tasks.size() - i);
        std::string sql =
            "INSERT INTO tasks (id, case_id, unit_id, instance_id, sop_id, step_id, role, status, "
            "opened_at, opened_seq, due_at, due_key, calendar_incomplete, completed_at, "
            "completed_by, duration, duration_unit, within_standard) VALUES ";
        std::vector<SqlValue> params;
        for (std::size_t j = 0; j < n; ++j) {
          sql += std::string(j ? ", " : "") + "(" + Placeholders(18) + ")";
          for (const auto& v : tasks[i + j]) params.push_back(v);
        }
        c.Exec(sql, params);
      }
      return boost::json::value();
    });
    if (!w) {
      fmt::print(stderr, "write failed: {}\n", w.error().message_en);
      return 1;
    }
    facts_written += std::int64_t(facts.size());
    tasks_written += std::int64_t(tasks.size());
    if ((first / kBatch) % 200 == 0)
      fmt::print(stderr, "\r  filled {}/{} cases", std::min(cases, first + kBatch), cases);
  }
  auto w = db->Write([&](SqlConn& c) -> Result<boost::json::value> {
    for (const auto& [k, v] : counts) {
      const auto& [unit, month, d, value] = k;
      c.Exec(
          "INSERT INTO stats_counts (unit_id, month, dimension, value, cases, clients) VALUES (?, "
          "?, ?, ?, ?, ?)",
          {unit, month, d, value, v.first, v.second});
    }
    return boost::json::value();
  });
  if (!w) return 1;
  fmt::print(stderr, "\n");
  if (filled > 0)
    fmt::print("reusing the {} cases already in the store on {}\n", filled, db->Dialect());
  else
    fmt::print("filled {} cases ({} facts, {} tasks, {} count rows) in {:.1f} s on {}\n", cases,
               facts_written, tasks_written, counts.size(), Ms(fill_start) / 1000, db->Dialect());
  if (filled == 0 && db->Dialect() == "postgres")
    db->Write([](SqlConn& c) -> Result<boost::json::value> {
      c.ExecScript("ANALYZE");
      return boost::json::value();
    });

  StatScope national{unit_ids, "2025-01", "2025-12"};
  StatScope one{{unit_ids[0]}, "2025-01", "2025-12"};
  auto report = [&](const char* what, double ms) {
    fmt::print("  {:<46} {:>9.1f} ms  {}\n", what, ms, ms < 300 ? "< 300 ms" : "OVER 300 ms");
  };
  for (auto [name, scope] : {std::pair{"national", &national}, std::pair{"one unit", &one}}) {
    fmt::print("{} ({} units, 2025):\n", name, scope->unit_ids.size());
    report("dimension table + totals", Median(runs, [&] {
             db->Read([&](SqlConn& c) {
               CountByDimension(c, *scope);
               CountTotals(c, *scope);
             });
           }));
    report("trend by month",
           Median(runs, [&] { db->Read([&](SqlConn& c) { CountByMonth(c, *scope, ""); }); }));
    report("cross-table sex x age_band", Median(runs, [&] {
             db->Read([&](SqlConn& c) { CrossTable(c, *scope, "sex", "age_band"); });
           }));
    report("compliance per step", Median(runs, [&] {
             db->Read([&](SqlConn& c) {
               Compliance(c, scope->unit_ids, "2025-01-01T00:00:00.000Z",
                          "2026-01-01T00:00:00.000Z", "2025-12-31T00:00:00.000Z", false);
             });
           }));
  }
  return 0;
}
