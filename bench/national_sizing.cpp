// Sizing by simulation: fills a store with synthetic national volume (38 provinces, 514
// regencies/cities, N years of cases with their events, written through the real event log
// and projections) and measures its size and the latency of the queries the API runs.
// Usage: national_sizing STORE_URL [years=10] [cases_per_year=40000] [events_per_case=6]
// The store must be empty (a new SQLite path or an empty PostgreSQL database).
#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "store/case_store.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/events/case_events.h"
#include "synthetic.h"

using namespace lindungi;
using namespace lindungi::store;
using Clock = std::chrono::steady_clock;
namespace json = boost::json;

namespace {

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

struct Latency {
  double p50_us, p99_us;
};

template <class F>
Latency Measure(int n, F&& f) {
  std::vector<double> us;
  for (int i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    f(i);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[us.size() * 99 / 100]};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: national_sizing STORE_URL [years] [cases_per_year] [events_per_case]\n");
    return 2;
  }
  std::string url = argv[1];
  int years = argc > 2 ? std::stoi(argv[2]) : 10;
  int per_year = argc > 3 ? std::stoi(argv[3]) : 40000;
  int per_case = argc > 4 ? std::stoi(argv[4]) : 6;
  auto db = OpenDatabase(url, DatabaseOptions{4, 256});
  std::mt19937_64 rng(20261123);

  // 38 provinces and 514 regencies/cities; a regency's caseload follows a skewed weight.
  struct Unit {
    std::string id;
    double weight;
    std::string code;
  };
  std::vector<Unit> units;
  auto start = Clock::now();
  auto w = db->Write([&](SqlConn& c) -> Result<json::value> {
    for (int i = 0; i < 552; ++i) {
      bool province = i < 38;
      Unit u{bench::Uuid(rng), province ? 2.0 : 1.0 / (1.0 + (i - 38) % 60 * 0.05),
             province ? fmt::format("P{:02}", i + 11) : fmt::format("K{:03}", i - 37)};
      json::object p{{"code", u.code},
                     {"name", fmt::format("UPTD PPA {}", i)},
                     {"level", province ? "provinsi" : "kabupaten_kota"},
                     {"time_zone", i % 3 ? "Asia/Jakarta" : "Asia/Makassar"}};
      if (!AppendEvents(c, "unit-" + u.id, ExpectedVersion::New(), {{"UnitCreated", p}}, "system",
                        "2016-01-01T00:00:00.000Z")) {
        return Fail(MakeError(ErrorKind::kInternal, "unit", "", ""));
      }
      units.push_back(u);
    }
    return json::value();
  });
  if (!w) return 1;
  std::vector<double> weights;
  for (const auto& u : units) weights.push_back(u.weight);
  std::discrete_distribution<int> pick_unit(weights.begin(), weights.end());

  const std::string narrative(420, 'n');  // a typical narrative's length
  const long total_cases = long(years) * per_year;
  std::vector<std::string> sample_ids;
  std::vector<std::string> sample_units;
  long written = 0;
  const int kBatch = 250;
  std::printf("generating %d years x %d cases x %d events into %s\n", years, per_year, per_case,
              url.c_str());
  while (written < total_cases) {
    auto r = db->Write([&](SqlConn& c) -> Result<json::value> {
      for (int k = 0; k < kBatch && written + k < total_cases; ++k) {
        long n = written + k;
        int year = 2016 + int(n / per_year);
        int day = int(n % per_year) * 365 / per_year;
        std::string at = fmt::format("{}-{:02}-{:02}T03:{:02}:00.000Z", year, 1 + day / 31 % 12,
                                     1 + day % 28, n % 60);
        const Unit& u = units[pick_unit(rng)];
        std::string id = bench::Uuid(rng);
        long number = NextCounter(c, fmt::format("case_number/{}/{}", u.id, year));
        events::CaseOpened opened;
        opened.unit_id = u.id;
        opened.number = fmt::format("PPA-{}/{}/{:05}", u.code, year, number);
        opened.channel = n % 3 ? "walk_in" : "phone";
        opened.crisis = n % 7 == 0;
        opened.received_at = at;
        opened.narrative = narrative;
        opened.reporter = {{"name", "Pelapor Contoh"}, {"relation", "parent"}};
        opened.client = {{"name", "Klien Contoh Nama Panjang"},
                         {"sex", "female"},
                         {"birth_date", "2012-05-17"},
                         {"nik", "6271010203140001"}};
        std::vector<NewEvent> history{MakeEvent(opened)};
        for (int e = 1; e < per_case; ++e) {
          events::CaseUpdated updated;
          updated.changes = {{"status", e + 1 == per_case ? "closed" : "in_progress"},
                             {"narrative", narrative.substr(0, 200)}};
          history.push_back(MakeEvent(updated));
        }
        auto a = AppendEvents(c, CaseStream(id), ExpectedVersion::New(), history, "sizing", at);
        if (!a) return Fail(a.error());
        if (n % 997 == 0) {
          sample_ids.push_back(id);
          sample_units.push_back(u.id);
        }
      }
      return json::value();
    });
    if (!r) {
      std::fprintf(stderr, "write failed: %s\n", r.error().message_en.c_str());
      return 1;
    }
    written += kBatch;
    if (written % 20000 < kBatch) {
      std::fprintf(stderr, "\r  %ld / %ld cases, %.0f events/s", std::min(written, total_cases),
                   total_cases, double(std::min(written, total_cases)) * per_case / Seconds(start));
    }
  }
  double gen_s = Seconds(start);
  long events = total_cases * per_case + 552;
  std::fprintf(stderr, "\n");

  double bytes = 0;
  db->Read([&](SqlConn& c) {
    if (c.Dialect() == "postgres") {
      bytes = double(c.Query("SELECT pg_database_size(current_database())").at(0).Int(0));
    } else {
      bytes = double(
          c.Query("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
              .at(0)
              .Int(0));
    }
  });

  std::uniform_int_distribution<std::size_t> pick(0, sample_ids.size() - 1);
  auto get_case = Measure(
      2000, [&](int) { db->ReadOne([&](SqlConn& c) { FindCase(c, sample_ids[pick(rng)]); }); });
  auto list_unit = Measure(500, [&](int) {
    CaseFilter f{{{sample_units[pick(rng)], UnitReach::kAll, {}, false, {}}},
                 "",
                 std::nullopt,
                 std::nullopt,
                 std::nullopt,
                 std::nullopt,
                 std::nullopt,
                 50,
                 0};
    db->Read([&](SqlConn& c) { ListCases(c, f); });
  });
  auto list_filtered = Measure(500, [&](int i) {
    CaseFilter f{{{sample_units[pick(rng)], UnitReach::kAll, {}, false, {}}},
                 "",
                 std::string("closed"),
                 fmt::format("{}-01-01", 2016 + i % years),
                 fmt::format("{}-07-01", 2016 + i % years),
                 std::nullopt,
                 std::nullopt,
                 50,
                 0};
    db->Read([&](SqlConn& c) { ListCases(c, f); });
  });
  auto history = Measure(1000, [&](int) {
    db->Read([&](SqlConn& c) { ReadStream(c, "case-" + sample_ids[pick(rng)]); });
  });
  auto verify_start = Clock::now();
  std::int64_t checked = 0;
  db->Read([&](SqlConn& c) { VerifyChains(c, &checked); });
  double verify_s = Seconds(verify_start);

  std::printf("cases %ld, events %ld, units 552, generated in %.0f s (%.0f events/s)\n",
              total_cases, events, gen_s, events / gen_s);
  std::printf("store size %.2f GiB = %.0f bytes per event, %.1f KiB per case\n", bytes / (1 << 30),
              bytes / events, bytes / total_cases / 1024);
  std::printf("GET case by id            p50 %7.0f us   p99 %7.0f us\n", get_case.p50_us,
              get_case.p99_us);
  std::printf("list a unit's cases       p50 %7.0f us   p99 %7.0f us\n", list_unit.p50_us,
              list_unit.p99_us);
  std::printf("list closed, half a year  p50 %7.0f us   p99 %7.0f us\n", list_filtered.p50_us,
              list_filtered.p99_us);
  std::printf("case history (events)     p50 %7.0f us   p99 %7.0f us\n", history.p50_us,
              history.p99_us);
  std::printf("audit verify of all %lld events: %.1f s\n", (long long)checked, verify_s);
  return 0;
}
