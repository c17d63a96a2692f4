#include "store/stats_store.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/clock.h"
#include "core/statistics.h"
#include "core/time_zone.h"
#include "store/events/report_events.h"
#include "store/payload.h"

namespace lindungi::store {
namespace json = boost::json;
namespace {

// Events after which no coded value of the case can have changed.
bool LeavesStatsAlone(const std::string& type) {
  return type.starts_with("Task") || type == "SopEnded" || type == "CaseFactsRecorded" ||
         type.starts_with("Document") || type.starts_with("Meeting") ||
         type.starts_with("Monitoring") || type == "PersonErased" || type.starts_with("Consent") ||
         type.starts_with("CaseTeam") || type == "CaseSensitivityChanged" ||
         type.starts_with("ShelterStay") || type == "LetterWritten";
}

std::string TextOf(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<std::string> TextsOf(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(key); v && v->is_array())
    for (const auto& x : v->as_array())
      if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

json::object ParseObject(const std::string& text) {
  json::value v = json::parse(text);
  return v.is_object() ? std::move(v.as_object()) : json::object();
}

// A fact: (client, dimension, value).
using Fact = std::tuple<std::string, std::string, std::string>;

struct CaseFacts {
  std::string unit_id, month;
  std::set<Fact> facts;
};

// The scope's rows; of stats_counts (`counts`), a national scope's are the roll-up's ('*').
std::string InScope(const StatScope& s, std::vector<SqlValue>& params, std::string_view alias,
                    bool counts = false) {
  if (counts && s.national) {
    params.emplace_back(s.from_month);
    params.emplace_back(s.to_month);
    return fmt::format("{0}unit_id = '*' AND {0}month >= ? AND {0}month <= ?", alias);
  }
  for (const auto& u : s.unit_ids) params.emplace_back(u);
  params.emplace_back(s.from_month);
  params.emplace_back(s.to_month);
  return fmt::format("{0}unit_id IN ({1}) AND {0}month >= ? AND {0}month <= ?", alias,
                     Placeholders(s.unit_ids.size()));
}

// A dimension and a value of it.
using DimValue = std::pair<std::string, std::string>;

// The case's coded values from its classification and triage in cases.data.
void AddClassificationValues(const json::object& data, std::vector<DimValue>& shared) {
  std::vector<std::string> types;
  std::string risk, triage;
  if (auto* v = data.if_contains("classification"); v && v->is_object()) {
    types = TextsOf(v->as_object(), "case_types");
    risk = TextOf(v->as_object(), "risk_level");
  }
  if (auto* v = data.if_contains("triage"); v && v->is_object())
    triage = TextOf(v->as_object(), "decision");
  if (types.empty()) types.emplace_back();
  for (auto& t : types) shared.emplace_back("case_type", t);
  shared.emplace_back("risk_level", risk);
  shared.emplace_back("triage", triage);
}

// Services provided (core/statistics.h): complaint, plan services begun or done, referrals taken.
std::set<std::string> ServicesProvided(SqlConn& c, const std::string& case_id) {
  std::set<std::string> services{"complaint"};
  auto plan = c.Query("SELECT data FROM case_plans WHERE case_id = ?", {case_id});
  if (!plan.empty()) {
    json::object p = ParseObject(plan[0].Text(0));
    if (auto* v = p.if_contains("services"); v && v->is_array())
      for (const auto& s : v->as_array()) {
        if (!s.is_object()) continue;
        std::string status = TextOf(s.as_object(), "status");
        if (status != "in_progress" && status != "done") continue;
        auto mapped = SimfoniServiceOfPlan(TextOf(s.as_object(), "type"));
        if (!mapped.empty()) services.emplace(mapped);
      }
  }
  for (const auto& r : c.Query("SELECT p.kind FROM referrals r JOIN partners p ON p.id = "
                               "r.partner_id WHERE r.case_id = ? AND r.status IN ('accepted', "
                               "'reported')",
                               {case_id})) {
    auto mapped = SimfoniServiceOfPartner(r.Text(0));
    if (!mapped.empty()) services.emplace(mapped);
  }
  return services;
}

// Case-level values, the same for each client: channel, classification, SOPs and services.
std::vector<DimValue> SharedValues(SqlConn& c, const std::string& case_id,
                                   const std::string& channel, const json::object& data) {
  std::vector<DimValue> shared{{"channel", channel}};
  AddClassificationValues(data, shared);
  auto sops = c.Query("SELECT DISTINCT sop_id FROM sop_instances WHERE case_id = ?", {case_id});
  if (sops.empty()) shared.emplace_back("sop", "");
  for (const auto& r : sops) shared.emplace_back("sop", r.Text(0));
  for (const auto& s : ServicesProvided(c, case_id)) shared.emplace_back("service", s);
  return shared;
}

// An incident's values for each victim: forms, place, each perpetrator's relation, age and sex.
std::vector<DimValue> IncidentValues(const json::object& in,
                                     const std::map<std::string, json::object>& perpetrators) {
  std::vector<DimValue> vals;
  auto forms = TextsOf(in, "forms");
  if (forms.empty()) forms.emplace_back();
  for (auto& f : forms) vals.emplace_back("violence_form", f);
  vals.emplace_back("place", TextOf(in, "place_type"));
  bool any_perpetrator = false;
  if (auto* ps = in.if_contains("perpetrators"); ps && ps->is_array())
    for (const auto& pv : ps->as_array()) {
      if (!pv.is_object()) continue;
      any_perpetrator = true;
      const auto& po = pv.as_object();
      vals.emplace_back("perpetrator_relation", TextOf(po, "relation"));
      vals.emplace_back("perpetrator_age_band", TextOf(po, "age_band"));
      auto it = perpetrators.find(TextOf(po, "person_id"));
      vals.emplace_back("perpetrator_sex",
                        it == perpetrators.end() ? "" : TextOf(it->second, "sex"));
    }
  if (!any_perpetrator) {
    // No perpetrator recorded: SIMFONI's relation "NA".
    vals.emplace_back("perpetrator_relation", "na");
    vals.emplace_back("perpetrator_sex", "");
    vals.emplace_back("perpetrator_age_band", "");
  }
  return vals;
}

// Per victim (person id), what the case's incidents say: what she suffered, where, from whom.
std::map<std::string, std::vector<DimValue>> ValuesFromIncidents(
    SqlConn& c, const std::string& case_id,
    const std::map<std::string, json::object>& perpetrators) {
  std::map<std::string, std::vector<DimValue>> from_incidents;
  for (const auto& r : c.Query("SELECT data FROM incidents WHERE case_id = ?", {case_id})) {
    json::object in = ParseObject(r.Text(0));
    std::vector<DimValue> vals = IncidentValues(in, perpetrators);
    if (auto* vs = in.if_contains("victims"); vs && vs->is_array())
      for (const auto& vv : vs->as_array()) {
        if (!vv.is_object()) continue;
        std::string id = TextOf(vv.as_object(), "person_id");
        auto& mine = from_incidents[id];
        mine.insert(mine.end(), vals.begin(), vals.end());
        mine.emplace_back("age_band", TextOf(vv.as_object(), "age_band"));
      }
  }
  return from_incidents;
}

// Adds the facts of client `id`: the shared values, her own, and those of her incidents.
void AddClientFacts(std::set<Fact>& facts, const std::string& id, const json::object& person,
                    const std::vector<DimValue>& shared,
                    const std::map<std::string, std::vector<DimValue>>& from_incidents) {
  auto add = [&](const std::string& dim, const std::string& v) { facts.emplace(id, dim, v); };
  for (const auto& [d, v] : shared) add(d, v);
  add("sex", TextOf(person, "sex"));
  add("education", TextOf(person, "education"));
  auto* dis = person.if_contains("disability");
  add("disability", dis && dis->is_bool() && dis->as_bool() ? "yes" : "no");
  auto it = from_incidents.find(id);
  if (it == from_incidents.end()) {
    for (auto d : {"violence_form", "place", "perpetrator_relation", "perpetrator_sex",
                   "perpetrator_age_band", "age_band"})
      add(d, "");
  } else {
    for (const auto& [d, v] : it->second) add(d, v);
  }
}

// The coded values of every client of the case, from its projections.
std::optional<CaseFacts> Derive(SqlConn& c, const std::string& case_id) {
  auto k = c.Query(
      "SELECT c.unit_id, c.channel, c.received_at, c.data, u.time_zone FROM cases c LEFT JOIN "
      "units u ON u.id = c.unit_id WHERE c.id = ?",
      {case_id});
  if (k.empty()) return std::nullopt;
  CaseFacts out;
  out.unit_id = k[0].Text(0);
  std::string channel = k[0].Text(1);
  auto received = ParseInstant(k[0].Text(2));
  auto offset = UtcOffsetOrWib(k[0].TextOr(4, ""));
  auto day = LocalDate(received.value_or(Instant{}), offset);
  out.month = fmt::format("{:04}-{:02}", int(day.year()), unsigned(day.month()));
  json::object data = ParseObject(k[0].Text(3));
  std::vector<DimValue> shared = SharedValues(c, case_id, channel, data);

  // People: clients, and perpetrators (their sex).
  std::map<std::string, json::object> clients, perpetrators;
  for (const auto& r :
       c.Query("SELECT person_id, role, data FROM case_people WHERE case_id = ?", {case_id})) {
    if (r.Text(1) == "client")
      clients.emplace(r.Text(0), ParseObject(r.Text(2)));
    else if (r.Text(1) == "perpetrator")
      perpetrators.emplace(r.Text(0), ParseObject(r.Text(2)));
  }
  auto from_incidents = ValuesFromIncidents(c, case_id, perpetrators);
  // A case whose intake predates person ids: the case counts as one client.
  if (clients.empty()) clients.emplace(case_id, json::object{});
  for (const auto& [id, person] : clients)
    AddClientFacts(out.facts, id, person, shared, from_incidents);
  return out;
}

}  // namespace

void RefreshCaseStats(SqlConn& c, const std::string& case_id) {
  auto now = Derive(c, case_id);
  // Before: the facts as stored, with the unit and month they were counted under.
  std::set<Fact> before;
  std::string before_unit, before_month;
  for (const auto& r : c.Query(
           "SELECT client_id, dimension, value, unit_id, month FROM stats_facts WHERE case_id = ?",
           {case_id})) {
    before.emplace(r.Text(0), r.Text(1), r.Text(2));
    before_unit = r.Text(3);
    before_month = r.Text(4);
  }
  bool same_place = now && now->unit_id == before_unit && now->month == before_month;
  if (same_place && now->facts == before) return;
  // The difference, per (unit, month, dimension, value): clients, and whether the case has it.
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, std::int64_t> clients;
  std::map<Key, int> has;  // bit 1: before, bit 2: after
  // Each also in the national roll-up (unit '*').
  for (const auto& [client, dim, value] : before)
    for (const auto& unit : {before_unit, std::string("*")}) {
      Key key{unit, before_month, dim, value};
      --clients[key];
      has[key] |= 1;
    }
  if (now)
    for (const auto& [client, dim, value] : now->facts)
      for (const auto& unit : {now->unit_id, std::string("*")}) {
        Key key{unit, now->month, dim, value};
        ++clients[key];
        has[key] |= 2;
      }
  // Many rows per statement, in key order (so concurrent writers lock rows in one order).
  std::vector<SqlValue> rows;
  for (const auto& [key, n] : clients) {
    int h = has[key];
    std::int64_t cases = h == 2 ? 1 : h == 1 ? -1 : 0;
    if (cases == 0 && n == 0) continue;
    const auto& [unit, month, dim, value] = key;
    rows.insert(rows.end(), {unit, month, dim, value, cases, n});
  }
  for (std::size_t i = 0; i < rows.size(); i += 6 * 100) {
    std::size_t n = std::min<std::size_t>(6 * 100, rows.size() - i);
    c.Exec("INSERT INTO stats_counts (unit_id, month, dimension, value, cases, clients) VALUES " +
               RowPlaceholders(n / 6, 6) +
               " ON CONFLICT (unit_id, month, dimension, value) DO UPDATE SET cases = "
               "stats_counts.cases + excluded.cases, clients = stats_counts.clients + "
               "excluded.clients",
           std::vector<SqlValue>(rows.begin() + i, rows.begin() + i + n));
  }
  // The national cross-table roll-up, by the same difference.
  PairDelta pairs;
  if (!before.empty()) CountCasePairs(pairs, before_month, before, -1);
  if (now) CountCasePairs(pairs, now->month, now->facts, +1);
  AddPairCounts(c, pairs);
  c.Exec("DELETE FROM stats_facts WHERE case_id = ?", {case_id});
  if (!now) return;
  // Many rows per statement: a case has a few dozen facts.
  std::vector<Fact> all(now->facts.begin(), now->facts.end());
  for (std::size_t i = 0; i < all.size(); i += 100) {
    std::size_t n = std::min<std::size_t>(100, all.size() - i);
    std::string sql =
        "INSERT INTO stats_facts (case_id, client_id, dimension, value, unit_id, month) VALUES ";
    sql += RowPlaceholders(n, 6);
    std::vector<SqlValue> params;
    for (std::size_t j = 0; j < n; ++j) {
      const auto& [client, dim, value] = all[i + j];
      for (const std::string* v : std::initializer_list<const std::string*>{
               &case_id, &client, &dim, &value, &now->unit_id, &now->month})
        params.emplace_back(*v);
    }
    c.Exec(sql, params);
  }
}

void CountCasePairs(PairDelta& delta, const std::string& month, const std::set<StatFact>& facts,
                    int sign) {
  for (const auto& [pair, clients] : ClientPairs(facts)) {
    auto& d = delta[{month, pair}];
    d.first += sign;
    d.second += sign * clients;
  }
}

void AddPairCounts(SqlConn& c, const PairDelta& delta) {
  // Many rows per statement, in key order (so concurrent writers lock rows in one order).
  std::vector<const PairDelta::value_type*> rows;
  for (const auto& x : delta)
    if (x.second.first != 0 || x.second.second != 0) rows.push_back(&x);
  for (std::size_t i = 0; i < rows.size(); i += 100) {
    std::size_t n = std::min<std::size_t>(100, rows.size() - i);
    std::string sql =
        "INSERT INTO stats_pairs (month, dim_a, value_a, dim_b, value_b, cases, clients) VALUES ";
    sql += RowPlaceholders(n, 7);
    std::vector<SqlValue> params;
    for (std::size_t j = 0; j < n; ++j) {
      const auto& [key, counts] = *rows[i + j];
      const auto& [month, pair] = key;
      const auto& [da, va, db, vb] = pair;
      for (const std::string* v : {&month, &da, &va, &db, &vb}) params.emplace_back(*v);
      params.emplace_back(counts.first);
      params.emplace_back(counts.second);
    }
    c.Exec(sql +
               " ON CONFLICT (dim_a, dim_b, month, value_a, value_b) DO UPDATE SET cases = "
               "stats_pairs.cases + excluded.cases, clients = stats_pairs.clients + "
               "excluded.clients",
           params);
  }
}

void AddDurations(SqlConn& c, const std::vector<DurationCount>& counts) {
  // (area, sop, step, staff, unit, duration, within, month) -> n; the unit's row and the
  // national one (no staff). Summed first: one statement may not touch a row twice.
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string,
                         std::int64_t, std::int64_t, std::string>;
  std::map<Key, std::int64_t> rows;
  for (const auto& d : counts) {
    rows[{d.unit_id, d.sop_id, d.step_id, d.staff, d.duration_unit, d.duration, d.within,
          d.month}] += d.n;
    rows[{"*", d.sop_id, d.step_id, "", d.duration_unit, d.duration, d.within, d.month}] += d.n;
  }
  std::vector<const std::pair<const Key, std::int64_t>*> all;
  for (const auto& x : rows) all.push_back(&x);
  for (std::size_t i = 0; i < all.size(); i += 100) {
    std::size_t n = std::min<std::size_t>(100, all.size() - i);
    std::string sql =
        "INSERT INTO stats_durations (area, sop_id, step_id, staff, duration_unit, duration, "
        "within_standard, month, n) VALUES ";
    sql += RowPlaceholders(n, 9);
    std::vector<SqlValue> params;
    for (std::size_t j = 0; j < n; ++j) {
      const auto& [key, count] = *all[i + j];
      const auto& [area, sop, step, staff, unit, duration, within, month] = key;
      params.insert(params.end(), {area, sop, step, staff, unit, duration, within, month, count});
    }
    c.Exec(sql +
               " ON CONFLICT (area, sop_id, step_id, staff, duration_unit, duration, "
               "within_standard, month) DO UPDATE SET n = stats_durations.n + excluded.n",
           params);
  }
}

void CountCompletedTask(SqlConn& c, const std::string& task_id) {
  auto r = c.Query(
      "SELECT t.unit_id, t.completed_at, t.sop_id, t.step_id, t.completed_by, t.duration, "
      "t.duration_unit, t.within_standard, u.time_zone FROM tasks t LEFT JOIN units u ON u.id = "
      "t.unit_id WHERE t.id = ? AND t.status = 'completed'",
      {task_id});
  if (r.empty()) return;
  const auto& t = r[0];
  DurationCount d;
  d.unit_id = t.Text(0);
  auto day =
      LocalDate(ParseInstant(t.Text(1)).value_or(Instant{}), UtcOffsetOrWib(t.TextOr(8, "")));
  d.month = fmt::format("{:04}-{:02}", int(day.year()), unsigned(day.month()));
  d.sop_id = t.Text(2);
  d.step_id = t.Text(3);
  d.staff = t.TextOr(4, "");
  if (!t.IsNull(5)) {
    double v =
        std::holds_alternative<double>(t.cols[5]) ? std::get<double>(t.cols[5]) : double(t.Int(5));
    d.duration = DurationTenths(v);
    d.duration_unit = t.TextOr(6, "");
  }
  d.within = t.IsNull(7) ? -1 : t.Int(7);
  AddDurations(c, {d});
}

void ProjectStatsEvent(SqlConn& c, const StoredEvent& e, const json::object& p,
                       const std::string& case_id) {
  if (e.type == events::SimfoniRowSent::kType) {
    auto s = events::SimfoniRowSent::From(p);
    c.Exec(
        "INSERT INTO simfoni_sent (case_id, client_id, incident_id, nomor_simfoni, sent_on, "
        "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, "
        "incident_id) DO UPDATE SET nomor_simfoni = excluded.nomor_simfoni, sent_on = "
        "excluded.sent_on, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by",
        {case_id, s.client_id, s.incident_id, s.nomor_simfoni, s.sent_on, e.at, e.actor});
    return;
  }
  if (LeavesStatsAlone(e.type)) return;
  RefreshCaseStats(c, case_id);
}

std::vector<StatCount> CountByDimension(SqlConn& c, const StatScope& s) {
  std::vector<SqlValue> params;
  std::string where = InScope(s, params, "", true);
  std::vector<StatCount> out;
  for (const auto& r : c.Query(fmt::format("SELECT dimension, value, SUM(cases), SUM(clients) "
                                           "FROM stats_counts WHERE {} GROUP BY dimension, value "
                                           "HAVING SUM(clients) <> 0 ORDER BY dimension, value",
                                           where),
                               params))
    out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3)});
  return out;
}

StatCount CountTotals(SqlConn& c, const StatScope& s) {
  std::vector<SqlValue> params;
  std::string where = InScope(s, params, "", true);
  auto rows = c.Query(fmt::format("SELECT COALESCE(SUM(cases), 0), COALESCE(SUM(clients), 0) "
                                  "FROM stats_counts WHERE dimension = 'channel' AND {}",
                                  where),
                      params);
  return {"", "", rows[0].Int(0), rows[0].Int(1)};
}

std::vector<MonthCount> CountByMonth(SqlConn& c, const StatScope& s, const std::string& dimension) {
  std::vector<SqlValue> params{dimension.empty() ? std::string("channel") : dimension};
  std::string where = InScope(s, params, "", true);
  // Without a dimension, the channel's values summed (each client has exactly one).
  std::string group = dimension.empty() ? "month" : "month, value";
  std::string value = dimension.empty() ? "''" : "value";
  std::vector<MonthCount> out;
  for (const auto& r :
       c.Query(fmt::format("SELECT month, {0}, SUM(cases), SUM(clients) FROM stats_counts WHERE "
                           "dimension = ? AND {1} GROUP BY {2} HAVING SUM(clients) <> 0 "
                           "ORDER BY {2}",
                           value, where, group),
               params))
    out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3)});
  return out;
}

std::vector<CrossCount> CrossTable(SqlConn& c, const StatScope& s, const std::string& rows,
                                   const std::string& cols) {
  if (!s.national) return CrossTableOverFacts(c, s, rows, cols);
  // The roll-up keeps each pair once, the dimension first in text order as `a`.
  bool swapped = cols < rows;
  std::vector<SqlValue> params{swapped ? cols : rows, swapped ? rows : cols, s.from_month,
                               s.to_month};
  std::vector<CrossCount> out;
  for (const auto& r : c.Query("SELECT value_a, value_b, SUM(cases), SUM(clients) FROM "
                               "stats_pairs WHERE dim_a = ? AND dim_b = ? AND month >= ? AND "
                               "month <= ? GROUP BY value_a, value_b HAVING SUM(clients) <> 0",
                               params)) {
    if (swapped)
      out.push_back({r.Text(1), r.Text(0), r.Int(2), r.Int(3)});
    else
      out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3)});
  }
  std::sort(out.begin(), out.end(), [](const CrossCount& a, const CrossCount& b) {
    return std::tie(a.row, a.col) < std::tie(b.row, b.col);
  });
  return out;
}

std::vector<CrossCount> CrossTableOverFacts(SqlConn& c, const StatScope& s, const std::string& rows,
                                            const std::string& cols) {
  std::vector<SqlValue> params{cols, rows};
  std::string where = InScope(s, params, "a.");
  // A client's facts share her case's unit and month: joining on them too lets the second side
  // seek the scope index (dimension, unit_id, month, client_id) next to the first side's rows
  // (2-4x faster nationally than the (client_id, dimension) index). `|| ''` keeps SQLite from
  // carrying the scope's month range over to the second side, which made it a range scan.
  std::vector<CrossCount> out;
  for (const auto& r :
       c.Query(fmt::format("SELECT a.value, b.value, COUNT(DISTINCT a.case_id), COUNT(*) FROM "
                           "stats_facts a JOIN stats_facts b ON b.dimension = ? AND b.unit_id = "
                           "a.unit_id || '' AND b.month = a.month || '' AND b.client_id = "
                           "a.client_id WHERE a.dimension = ? AND {} GROUP BY a.value, b.value "
                           "ORDER BY a.value, b.value",
                           where),
               params))
    out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3)});
  return out;
}

namespace {

using ComplianceRows = std::map<std::tuple<std::string, std::string, std::string>, ComplianceRow>;

ComplianceRow& RowOf(ComplianceRows& rows, const std::string& sop, const std::string& step,
                     const std::string& staff) {
  auto& r = rows[{sop, step, staff}];
  r.sop_id = sop;
  r.step_id = step;
  r.staff = staff;
  return r;
}

// Open now and overdue now, per step (and assignee when by staff), from the open tasks.
// A national scope is every unit: one pass over the open-task index instead of a seek per
// unit (514 of them), which at a million cases cost more than the rest of the table.
void CountOpen(SqlConn& c, ComplianceRows& rows, const StatScope& s, const std::string& now,
               bool by_staff) {
  const std::string open_staff = by_staff ? "COALESCE(assignee, '')" : "''";
  const std::string open_group =
      by_staff ? "sop_id, step_id, COALESCE(assignee, '')" : "sop_id, step_id";
  std::vector<SqlValue> params{now};
  std::string units = "1 = 1";
  if (!s.national) {
    params.insert(params.end(), s.unit_ids.begin(), s.unit_ids.end());
    units = fmt::format("unit_id IN ({})", Placeholders(s.unit_ids.size()));
  }
  for (const auto& r : c.Query(
           fmt::format("SELECT sop_id, step_id, {0}, COUNT(*), SUM(CASE WHEN due_at IS NOT NULL "
                       "AND due_at < ? THEN 1 ELSE 0 END) FROM tasks WHERE {1} AND "
                       "status = 'open' GROUP BY {2}",
                       open_staff, units, open_group),
           params)) {
    auto& x = RowOf(rows, r.Text(0), r.Text(1), r.Text(2));
    x.open_now = r.Int(3);
    x.overdue_now = r.Int(4);
  }
}

}  // namespace

std::vector<ComplianceRow> Compliance(SqlConn& c, const StatScope& s, const std::string& now,
                                      bool by_staff) {
  ComplianceRows rows;
  // Per step (and staff member) and duration, summed over the scope's months: in duration
  // order, so each group's nearest ranks are found walking its rows.
  std::vector<SqlValue> params;
  std::string areas;
  if (s.national && !by_staff) {
    areas = "area = '*'";
  } else {
    params.assign(s.unit_ids.begin(), s.unit_ids.end());
    areas = fmt::format("area IN ({})", Placeholders(s.unit_ids.size()));
  }
  params.emplace_back(s.from_month);
  params.emplace_back(s.to_month);
  const std::string staff = by_staff ? "staff" : "''";
  const std::string group = by_staff ? "sop_id, step_id, staff" : "sop_id, step_id";
  struct Measured {
    std::int64_t duration, n;
  };
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<Measured>> measured;
  for (const auto& r :
       c.Query(fmt::format("SELECT sop_id, step_id, {0}, duration_unit, duration, within_standard, "
                           "SUM(n) FROM stats_durations WHERE {1} AND month >= ? AND month <= ? "
                           "GROUP BY {2}, duration_unit, duration, within_standard",
                           staff, areas, group),
               params)) {
    std::int64_t duration = r.Int(4), within = r.Int(5), n = r.Int(6);
    if (n == 0) continue;
    auto& x = RowOf(rows, r.Text(0), r.Text(1), r.Text(2));
    std::string unit = r.Text(3);
    x.done += n;
    if (within >= 0) x.with_standard += n;
    if (within == 1) x.within += n;
    if (duration >= 0) {
      x.measured += n;
      measured[{r.Text(0), r.Text(1), r.Text(2)}].push_back({duration, n});
    }
    x.duration_unit = std::max(x.duration_unit, unit);
  }
  // Median and 90th percentile by the nearest-rank method (core/statistics.h NearestRank).
  for (auto& [key, values] : measured) {
    std::sort(values.begin(), values.end(),
              [](const Measured& a, const Measured& b) { return a.duration < b.duration; });
    auto& x = rows[key];
    std::int64_t at = 0, median = NearestRank(50, x.measured), p90 = NearestRank(90, x.measured);
    for (const auto& v : values) {
      std::int64_t before = at;
      at += v.n;
      if (before < median && median <= at) x.median = double(v.duration) / 10;
      if (before < p90 && p90 <= at) x.p90 = double(v.duration) / 10;
    }
  }
  CountOpen(c, rows, s, now, by_staff);
  std::vector<ComplianceRow> out;
  for (auto& [k, v] : rows) out.push_back(std::move(v));
  return out;
}

std::vector<ComplianceRow> ComplianceOverTasks(SqlConn& c, const std::vector<std::string>& unit_ids,
                                               const std::string& from, const std::string& to,
                                               const std::string& now, bool by_staff) {
  ComplianceRows rows;
  auto row = [&](const std::string& sop, const std::string& step,
                 const std::string& staff) -> ComplianceRow& {
    return RowOf(rows, sop, step, staff);
  };
  std::string units = Placeholders(unit_ids.size());
  auto with = [&](std::vector<SqlValue> tail) {
    std::vector<SqlValue> params(unit_ids.begin(), unit_ids.end());
    params.insert(params.end(), tail.begin(), tail.end());
    return params;
  };
  // Grouped by step, and by staff member when asked (PostgreSQL groups by no constant).
  const std::string done_staff = by_staff ? "COALESCE(completed_by, '')" : "''";
  const std::string done_group =
      by_staff ? "sop_id, step_id, COALESCE(completed_by, '')" : "sop_id, step_id";
  const std::string done_where = fmt::format(
      "unit_id IN ({}) AND status = 'completed' AND completed_at >= ? AND completed_at < ?", units);
  for (const auto& r :
       c.Query(fmt::format("SELECT sop_id, step_id, {0}, COUNT(*), SUM(CASE WHEN within_standard "
                           "IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN within_standard = 1 THEN 1 "
                           "ELSE 0 END), SUM(CASE WHEN duration IS NULL THEN 0 ELSE 1 END), "
                           "MAX(duration_unit) FROM tasks WHERE {1} GROUP BY {2}",
                           done_staff, done_where, done_group),
               with({from, to}))) {
    auto& x = row(r.Text(0), r.Text(1), r.Text(2));
    x.done = r.Int(3);
    x.with_standard = r.Int(4);
    x.within = r.Int(5);
    x.measured = r.Int(6);
    x.duration_unit = r.TextOr(7, "");
  }
  // Median and 90th percentile by the nearest-rank method (core/statistics.h NearestRank):
  // ranks ceil(n/2) and ceil(9n/10), in portable SQL (window functions, integer division).
  for (const auto& r :
       c.Query(fmt::format(
                   "SELECT sop_id, step_id, grp, duration, rn, n FROM (SELECT sop_id, step_id, "
                   "{0} AS grp, duration, ROW_NUMBER() OVER (PARTITION BY {2} ORDER BY "
                   "duration) AS rn, COUNT(*) OVER (PARTITION BY {2}) AS n FROM tasks WHERE {1} "
                   "AND duration IS NOT NULL) w WHERE rn = (n + 1) / 2 OR rn = (9 * n + 9) / 10",
                   done_staff, done_where, done_group),
               with({from, to}))) {
    auto& x = row(r.Text(0), r.Text(1), r.Text(2));
    double d =
        std::holds_alternative<double>(r.cols[3]) ? std::get<double>(r.cols[3]) : double(r.Int(3));
    std::int64_t rn = r.Int(4), n = r.Int(5);
    if (rn == NearestRank(50, n)) x.median = d;
    if (rn == NearestRank(90, n)) x.p90 = d;
  }
  CountOpen(c, rows, StatScope{unit_ids, "", "", false}, now, by_staff);
  std::vector<ComplianceRow> out;
  for (auto& [k, v] : rows) out.push_back(std::move(v));
  return out;
}

std::vector<std::string> CasesInScope(SqlConn& c, const StatScope& s) {
  std::vector<SqlValue> params;
  std::string where = InScope(s, params, "f.");
  std::vector<std::string> out;
  for (const auto& r : c.Query(fmt::format("SELECT f.case_id FROM stats_facts f JOIN cases k ON "
                                           "k.id = f.case_id WHERE f.dimension = 'channel' AND {} "
                                           "GROUP BY f.case_id, k.received_at, k.number ORDER BY "
                                           "k.received_at, k.number",
                                           where),
                               params))
    out.push_back(r.Text(0));
  return out;
}

std::vector<std::string> ClientValues(SqlConn& c, const std::string& client_id,
                                      const std::string& dimension) {
  std::vector<std::string> out;
  for (const auto& r : c.Query("SELECT value FROM stats_facts WHERE client_id = ? AND dimension "
                               "= ? ORDER BY value",
                               {client_id, dimension}))
    out.push_back(r.Text(0));
  return out;
}

namespace {
SimfoniSent SentOf(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)};
}
constexpr const char* kSentColumns =
    "case_id, client_id, incident_id, nomor_simfoni, sent_on, recorded_at, recorded_by";
}  // namespace

std::vector<SimfoniSent> ListSimfoniSent(SqlConn& c, const std::string& case_id) {
  std::vector<SimfoniSent> out;
  for (const auto& r : c.Query(
           fmt::format("SELECT {} FROM simfoni_sent WHERE case_id = ?", kSentColumns), {case_id}))
    out.push_back(SentOf(r));
  return out;
}

std::optional<SimfoniSent> FindSimfoniSent(SqlConn& c, const std::string& client_id,
                                           const std::string& incident_id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM simfoni_sent WHERE client_id = ? AND "
                                  "incident_id = ?",
                                  kSentColumns),
                      {client_id, incident_id});
  if (rows.empty()) return std::nullopt;
  return SentOf(rows[0]);
}

bool HoldsRealCases(SqlConn& c) {
  return !c.Query("SELECT 1 FROM cases WHERE synthetic = 0 LIMIT 1").empty();
}

}  // namespace lindungi::store
