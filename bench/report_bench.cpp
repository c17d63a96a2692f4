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
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <set>
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
  auto open_start = SteadyClock::now();
  auto db = OpenDatabase(url);  // migrates: on a store filled by an older binary, timed here
  fmt::print("store opened (and migrated) in {:.1f} s\n", Ms(open_start) / 1000);
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
  std::clock_t fill_cpu = std::clock();
  std::int64_t facts_written = 0, tasks_written = 0;
  PairDelta pairs;
  const std::int64_t kBatch = 250;  // cases per transaction: small jobs (see "Seeding" above)
  // Touching STORE_URL's stop file (`report_bench.stop` in the working directory) ends the
  // fill after the current job: everything written so far is counted, then timed.
  bool stopped = false;
  for (std::int64_t first = 0; first < cases; first += kBatch) {
    if (!stopped && std::filesystem::exists("report_bench.stop")) {
      stopped = true;
      cases = first;
      fmt::print(stderr, "\n  stop file: the fill ends at {} cases\n", cases);
      db->Write([&](SqlConn& c) -> Result<boost::json::value> {
        AddPairCounts(c, pairs);
        pairs.clear();
        return boost::json::value();
      });
      break;
    }
    std::vector<std::array<std::string, 6>> facts;
    std::vector<std::vector<SqlValue>> tasks;
    std::vector<DurationCount> durations;
    for (std::int64_t i = first; i < std::min(cases, first + kBatch); ++i) {
      std::string case_id = fmt::format("case-{:08}", i);
      std::string unit = unit_ids[std::size_t(i % units)];
      std::string month = fmt::format("2025-{:02}", 1 + (i / units) % 12);
      int clients = std::uniform_int_distribution<int>(0, 9)(rng) == 0 ? 2 : 1;
      std::map<std::pair<std::string, std::string>, int> per_case;
      std::set<StatFact> case_facts;
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
          case_facts.emplace(client, d, v);
          ++per_case[{d, v}];
        }
      }
      for (const auto& [dv, n] : per_case) {
        for (const auto& u : {unit, std::string("*")}) {  // the unit's and the national roll-up
          auto& x = counts[{u, month, dv.first, dv.second}];
          x.first += 1;
          x.second += n;
        }
      }
      // The national cross-table roll-up, as the projection counts a case (stats_store.h).
      CountCasePairs(pairs, month, case_facts, +1);
      // Four tasks a case, done in minutes (some late); December's cases still have their
      // last one open (overdue at the "now" of 31 December): about 1 in 12 cases, as a
      // country's open caseload is the last weeks' cases, not the year's.
      for (int s = 0; s < 4; ++s) {
        std::string opened = fmt::format("{}-15T0{}:00:00.000Z", month, s + 1);
        bool open = s == 3 && month == "2025-12";
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
        if (!open) {
          // Counted for compliance as the TaskCompleted projection counts it (stats_store.h).
          DurationCount d;
          d.unit_id = unit;
          d.month = month;
          d.sop_id = kSops[0];
          d.step_id = kSteps[s];
          d.staff = "staff-1";
          d.duration_unit = "min";
          d.duration = DurationTenths(minutes);
          d.within = minutes <= 30 ? 1 : 0;
          durations.push_back(std::move(d));
        }
      }
    }
    auto w = db->Write([&](SqlConn& c) -> Result<boost::json::value> {
      for (std::size_t i = 0; i < facts.size(); i += 500) {
        std::size_t n = std::min<std::size_t>(500, facts.size() - i);
        std::string sql =
            "INSERT INTO stats_facts (case_id, client_id, dimension, value, unit_id, month) "
            "VALUES ";
        sql += RowPlaceholders(n, 6);
        std::vector<SqlValue> params;
        for (std::size_t j = 0; j < n; ++j) {
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
        sql += RowPlaceholders(n, 18);
        std::vector<SqlValue> params;
        for (std::size_t j = 0; j < n; ++j) {
          for (const auto& v : tasks[i + j]) params.push_back(v);
        }
        c.Exec(sql, params);
      }
      AddDurations(c, durations);
      // The pair roll-up every 40 jobs (10,000 cases): few rows, summed in between.
      if ((first / kBatch) % 40 == 39 || first + kBatch >= cases) {
        AddPairCounts(c, pairs);
        pairs.clear();
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
    fmt::print(
        "filled {} cases ({} facts, {} tasks, {} count rows) in {:.1f} s (this process's CPU "
        "{:.1f} s) on {}\n",
        cases, facts_written, tasks_written, counts.size(), Ms(fill_start) / 1000,
        double(std::clock() - fill_cpu) / CLOCKS_PER_SEC, db->Dialect());
  if (filled == 0 && db->Dialect() == "postgres")
    db->Write([](SqlConn& c) -> Result<boost::json::value> {
      c.ExecScript("ANALYZE");
      return boost::json::value();
    });

  StatScope national{unit_ids, "2025-01", "2025-12", true};
  StatScope one{{unit_ids[0]}, "2025-01", "2025-12"};
  std::string load;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    char buf[128] = {};
    if (std::fgets(buf, sizeof buf, f)) load = buf;
    std::fclose(f);
  }
  fmt::print("load average before timing: {}", load);
  // Each query: median wall time (and this process's CPU time: on SQLite the query runs
  // here; on PostgreSQL in the server), against a baseline timed in the same run.
  struct Timing {
    double wall, cpu;
  };
  auto time = [&](auto&& f) {
    std::vector<Timing> t;
    for (int i = 0; i < runs; ++i) {
      auto w0 = SteadyClock::now();
      std::clock_t c0 = std::clock();
      f();
      t.push_back({Ms(w0), 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC});
    }
    std::sort(t.begin(), t.end(), [](const Timing& a, const Timing& b) { return a.wall < b.wall; });
    return t[t.size() / 2];
  };
  auto report = [&](const char* what, Timing t, const char* base_name, Timing base) {
    fmt::print("  {:<34} {:>9.1f} ms (cpu {:>8.1f})  {}   vs {} {:>9.1f} ms: {:.3f}x\n", what,
               t.wall, t.cpu, t.wall < 300 ? "< 300 ms" : "OVER 300 ms", base_name, base.wall,
               t.wall / base.wall);
  };
  auto read = [&](auto&& f) { return time([&] { db->Read([&](SqlConn& c) { f(c); }); }); };
  for (auto [name, scope] : {std::pair{"national", &national}, std::pair{"one unit", &one}}) {
    fmt::print("{} ({} units, 2025), median of {}:\n", name, scope->unit_ids.size(), runs);
    Timing lookup = read([&](SqlConn& c) {
      c.Query(
          "SELECT cases FROM stats_counts WHERE unit_id = ? AND month = ? AND dimension = "
          "'channel' AND value = 'phone'",
          {scope->unit_ids[0], std::string("2025-01")});
    });
    report("dimension table + totals", read([&](SqlConn& c) {
             CountByDimension(c, *scope);
             CountTotals(c, *scope);
           }),
           "one-row lookup", lookup);
    report("trend by month", read([&](SqlConn& c) { CountByMonth(c, *scope, ""); }),
           "one-row lookup", lookup);
    std::vector<CrossCount> cross_new, cross_old;
    Timing t_new = read([&](SqlConn& c) { cross_new = CrossTable(c, *scope, "sex", "age_band"); });
    Timing t_old =
        read([&](SqlConn& c) { cross_old = CrossTableOverFacts(c, *scope, "sex", "age_band"); });
    report("cross-table sex x age_band", t_new, "the join", t_old);
    bool same = cross_new.size() == cross_old.size();
    for (std::size_t i = 0; same && i < cross_new.size(); ++i)
      same = cross_new[i].row == cross_old[i].row && cross_new[i].col == cross_old[i].col &&
             cross_new[i].cases == cross_old[i].cases &&
             cross_new[i].clients == cross_old[i].clients;
    fmt::print("    the same cells as the join: {}\n", same ? "yes" : "NO");
    std::vector<ComplianceRow> comp_new, comp_old;
    t_new = read(
        [&](SqlConn& c) { comp_new = Compliance(c, *scope, "2025-12-31T00:00:00.000Z", false); });
    t_old = read([&](SqlConn& c) {
      comp_old = ComplianceOverTasks(c, scope->unit_ids, "2024-12-31T17:00:00.000Z",
                                     "2025-12-31T17:00:00.000Z", "2025-12-31T00:00:00.000Z", false);
    });
    report("compliance per step", t_new, "over tasks", t_old);
    // As the store counts them (stats_store.cpp CountOpen): nationally every open task.
    Timing t_open = read([&](SqlConn& c) {
      std::vector<SqlValue> p{std::string("2025-12-31T00:00:00.000Z")};
      std::string units = "1 = 1";
      if (!scope->national) {
        p.insert(p.end(), scope->unit_ids.begin(), scope->unit_ids.end());
        units = fmt::format("unit_id IN ({})", Placeholders(scope->unit_ids.size()));
      }
      c.Query(fmt::format("SELECT sop_id, step_id, COUNT(*), SUM(CASE WHEN due_at < ? THEN 1 "
                          "ELSE 0 END) FROM tasks WHERE {} AND status = 'open' "
                          "GROUP BY sop_id, step_id",
                          units),
              p);
    });
    fmt::print("    of which open now / overdue now (over open tasks): {:.1f} ms\n", t_open.wall);
    auto round2 = [](const std::optional<double>& d) {
      return d ? std::optional<double>(ShownDuration(*d)) : std::nullopt;
    };
    same = comp_new.size() == comp_old.size();
    for (std::size_t i = 0; same && i < comp_new.size(); ++i) {
      const auto &a = comp_new[i], &b = comp_old[i];
      same = a.step_id == b.step_id && a.done == b.done && a.within == b.within &&
             a.with_standard == b.with_standard && a.measured == b.measured &&
             round2(a.median) == round2(b.median) && round2(a.p90) == round2(b.p90) &&
             a.open_now == b.open_now && a.overdue_now == b.overdue_now;
    }
    fmt::print("    the same rows as over tasks (median, p90 to one decimal): {}\n",
               same ? "yes" : "NO");
  }

  // The write side: what the roll-ups add to a case's statistics projection and to a task's
  // completion (200 of each, then undone).
  {
    std::set<StatFact> facts;
    std::string unit, month;
    db->Read([&](SqlConn& c) {
      for (const auto& r : c.Query("SELECT client_id, dimension, value, unit_id, month FROM "
                                   "stats_facts WHERE case_id = 'case-00000000'")) {
        facts.emplace(r.Text(0), r.Text(1), r.Text(2));
        unit = r.Text(3);
        month = r.Text(4);
      }
    });
    auto counts = [&](SqlConn& c, const std::string& u, std::int64_t sign) {
      std::map<std::pair<std::string, std::string>, std::int64_t> by;
      for (const auto& [client, d, v] : facts) by[{d, v}] += sign;
      for (const auto& [dv, n] : by)
        c.Exec(
            "INSERT INTO stats_counts (unit_id, month, dimension, value, cases, clients) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, month, dimension, value) DO "
            "UPDATE SET cases = stats_counts.cases + excluded.cases, clients = "
            "stats_counts.clients + excluded.clients",
            {u, month, dv.first, dv.second, sign, n});
    };
    auto with_rollups = [&](SqlConn& c, std::int64_t sign) {
      counts(c, "*", sign);
      PairDelta d;
      CountCasePairs(d, month, facts, int(sign));
      AddPairCounts(c, d);
    };
    const int n = 200;
    // Each its own transaction, as a request's is, A and B alternating; the medians.
    auto ab = [&](auto&& fa, auto&& fb) {
      std::vector<double> ta, tb;
      for (int i = 0; i < n; ++i)
        for (int k = 0; k < 2; ++k) {
          auto t = SteadyClock::now();
          db->Write([&](SqlConn& c) -> Result<boost::json::value> {
            if (k == 0)
              fa(c);
            else
              fb(c);
            return boost::json::value();
          });
          (k == 0 ? ta : tb).push_back(Ms(t));
        }
      std::sort(ta.begin(), ta.end());
      std::sort(tb.begin(), tb.end());
      return std::pair{ta[ta.size() / 2], tb[tb.size() / 2]};
    };
    auto [a, b] = ab([&](SqlConn& c) { counts(c, unit, 1); },
                     [&](SqlConn& c) {
                       counts(c, unit, 1);
                       with_rollups(c, 1);
                     });
    std::size_t pair_rows = ClientPairs(facts).size();
    db->Write([&](SqlConn& c) -> Result<boost::json::value> {
      for (int i = 0; i < 2 * n; ++i) counts(c, unit, -1);
      for (int i = 0; i < n; ++i) with_rollups(c, -1);
      return boost::json::value();
    });
    fmt::print(
        "write side, one case of {} facts ({} pairs), a transaction each, median: the unit's "
        "counts "
        "{:.3f} ms, with the national counts and pairs {:.3f} ms: +{:.3f} ms\n",
        facts.size(), pair_rows, a, b, b - a);
    // A task's completion: the tasks update alone vs with CountCompletedTask.
    std::string task = "case-00000000-t0";
    DurationCount undo;
    db->Read([&](SqlConn& c) {
      auto r = c.Query(
          "SELECT unit_id, sop_id, step_id, completed_by, duration, within_standard, "
          "completed_at FROM tasks WHERE id = ?",
          {task});
      undo.unit_id = r[0].Text(0);
      undo.sop_id = r[0].Text(1);
      undo.step_id = r[0].Text(2);
      undo.staff = r[0].Text(3);
      undo.duration_unit = "min";
      undo.duration = DurationTenths(std::get<double>(r[0].cols[4]));
      undo.within = r[0].Int(5);
      undo.month = r[0].Text(6).substr(0, 7);
    });
    auto update = [&](SqlConn& c) {
      c.Exec("UPDATE tasks SET status = 'completed', completed_by = completed_by WHERE id = ?",
             {task});
    };
    std::tie(a, b) = ab(update, [&](SqlConn& c) {
      update(c);
      CountCompletedTask(c, task);
    });
    undo.n = -n;
    db->Write([&](SqlConn& c) -> Result<boost::json::value> {
      AddDurations(c, {undo});
      return boost::json::value();
    });
    fmt::print(
        "write side, one task completed, a transaction each, median: the tasks update {:.3f} ms, "
        "with "
        "stats_durations {:.3f} ms: +{:.3f} ms\n",
        a, b, b - a);
  }
  return 0;
}
