// Statistics in the read tables (migration 25, docs/reports.md): one row per client and
// coded value (`stats_facts`), the same counted per unit, month, dimension and value
// (`stats_counts`, exact: each case's change is applied as a difference in the transaction
// of its event), SOP step durations on `tasks`, and the SIMFONI rows marked sent. Derived
// from the other projections of the case, so `lindungi rebuild` recreates them. Functions
// run on a caller's SqlConn and throw StoreError on storage failure.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/statistics.h"
#include "store/event_log.h"
#include "store/sql.h"

namespace lindungi::store {

// Recomputes the statistics of the case after event `e` (SimfoniRowSent is recorded too).
// Events that cannot change a coded value (tasks, notes, documents) are skipped.
void ProjectStatsEvent(SqlConn& conn, const StoredEvent& e, const boost::json::object& p,
                       const std::string& case_id);
// Recomputes one case's facts and applies the difference to stats_counts.
void RefreshCaseStats(SqlConn& conn, const std::string& case_id);

inline constexpr const char* kClearStats =
    "DELETE FROM stats_facts; DELETE FROM stats_counts; DELETE FROM simfoni_sent; DELETE FROM "
    "stats_durations; DELETE FROM stats_pairs;";

// Completed tasks counted for compliance (stats_durations): `n` tasks of a unit, month
// completed (in the unit's zone), step and staff member, with one duration in hundredths of
// `duration_unit` (-1 and "" unmeasured) and in time or not (1, 0; -1 no deadline).
struct DurationCount {
  std::string unit_id, month, sop_id, step_id, staff, duration_unit;
  std::int64_t duration = -1;
  std::int64_t within = -1;
  std::int64_t n = 1;
};
// Adds the counts to their units' rows and to the national roll-up (area '*', no staff).
void AddDurations(SqlConn& c, const std::vector<DurationCount>& rows);
// Counts the completed task `task_id` (the TaskCompleted projection, after `tasks`).
void CountCompletedTask(SqlConn& c, const std::string& task_id);

// Changes of the national cross-table roll-up (stats_pairs): per (month, pair of values),
// cases and clients to add (negative: remove).
using PairKey = std::tuple<std::string, StatPair>;
using PairDelta = std::map<PairKey, std::pair<std::int64_t, std::int64_t>>;
void AddPairCounts(SqlConn& c, const PairDelta& delta);
// Adds one case's facts (all of one month) to `delta` with `sign` +1 or -1.
void CountCasePairs(PairDelta& delta, const std::string& month, const std::set<StatFact>& facts,
                    int sign);

// Which cases: those of `unit_ids` received (in the unit's time zone) in the months
// `from_month` to `to_month` (YYYY-MM, inclusive). REQUIRES: unit_ids non-empty.
// `national`: unit_ids are every unit, so the national roll-ups answer.
struct StatScope {
  std::vector<std::string> unit_ids;
  std::string from_month, to_month;
  bool national = false;
};

struct StatCount {
  std::string dimension, value;
  std::int64_t cases = 0, clients = 0;
};
// Cases and clients by every dimension and value (from stats_counts: a few rows per month).
std::vector<StatCount> CountByDimension(SqlConn& c, const StatScope& s);
// Totals: cases and clients in scope.
StatCount CountTotals(SqlConn& c, const StatScope& s);

struct MonthCount {
  std::string month, value;
  std::int64_t cases = 0, clients = 0;
};
// By month, and by the value of `dimension` when it is not empty (else value "").
std::vector<MonthCount> CountByMonth(SqlConn& c, const StatScope& s, const std::string& dimension);

struct CrossCount {
  std::string row, col;
  std::int64_t cases = 0, clients = 0;
};
// Clients having value `row` of dimension `rows` and value `col` of `cols`, and the cases
// of those clients (distinct). National: from stats_pairs; else joining stats_facts.
std::vector<CrossCount> CrossTable(SqlConn& c, const StatScope& s, const std::string& rows,
                                   const std::string& cols);
// The same always joining stats_facts (the benchmark's baseline, the roll-up's check).
std::vector<CrossCount> CrossTableOverFacts(SqlConn& c, const StatScope& s, const std::string& rows,
                                            const std::string& cols);

// Standard-time compliance (mutu baku waktu) per SOP step, and per staff member when
// `by_staff`: the tasks completed in [from, to) (RFC 3339 UTC) and those open at `now`.
struct ComplianceRow {
  std::string sop_id, step_id, staff;  // staff: completed_by / assignee ("" unassigned)
  std::int64_t done = 0, with_standard = 0, within = 0, measured = 0;
  std::string duration_unit;  // minutes, hours, days, working_days, months
  std::optional<double> median, p90;
  std::int64_t open_now = 0, overdue_now = 0;
};
// From stats_durations (the national roll-up for a national scope not by staff): a few rows
// per unit, month, step and duration. Medians and p90 are exact at two decimals.
std::vector<ComplianceRow> Compliance(SqlConn& c, const StatScope& s, const std::string& now,
                                      bool by_staff);
// The same computed over `tasks`, completed in [from, to) (RFC 3339 UTC): the benchmark's
// baseline and the projection's check.
std::vector<ComplianceRow> ComplianceOverTasks(SqlConn& c, const std::vector<std::string>& unit_ids,
                                               const std::string& from, const std::string& to,
                                               const std::string& now, bool by_staff);

// The cases in scope, oldest received first: ids only.
std::vector<std::string> CasesInScope(SqlConn& c, const StatScope& s);
// One client's values of one dimension.
std::vector<std::string> ClientValues(SqlConn& c, const std::string& client_id,
                                      const std::string& dimension);

struct SimfoniSent {
  std::string case_id, client_id, incident_id, nomor_simfoni, sent_on, recorded_at, recorded_by;
};
// The SIMFONI rows of the case marked sent (keyed by client and incident).
std::vector<SimfoniSent> ListSimfoniSent(SqlConn& c, const std::string& case_id);
std::optional<SimfoniSent> FindSimfoniSent(SqlConn& c, const std::string& client_id,
                                           const std::string& incident_id);

// Whether the store holds any case not marked synthetic (demo generate refuses then).
bool HoldsRealCases(SqlConn& c);

}  // namespace lindungi::store
