#include "store/case_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi::store {
namespace {

CaseRecord ToCase(const SqlRow& r) {
  CaseRecord k;
  k.id = r.Text(0);
  k.unit_id = r.Text(1);
  k.number = r.Text(2);
  k.status = r.Text(3);
  k.channel = r.Text(4);
  k.crisis = r.Int(5) != 0;
  k.received_at = r.Text(6);
  k.created_at = r.Text(7);
  k.updated_at = r.Text(8);
  k.created_by = r.Text(9);
  k.version = r.Int(10);
  k.data = r.Text(11);
  k.sensitive = r.Int(12) != 0;
  return k;
}

constexpr std::string_view kCaseCols =
    "id, unit_id, number, status, channel, crisis, received_at, created_at, updated_at, "
    "created_by, version, data, sensitive";

constexpr std::string_view kReferralCols =
    "id, case_id, unit_id, partner_id, client_id, status, data, sent_at, updated_at";

ReferralRecord ToReferral(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
          r.Text(5), r.Text(6), r.Text(7), r.Text(8)};
}

constexpr std::string_view kPersonCols = "person_id, case_id, role, data, added_at, updated_at";

PersonRecord ToPerson(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
}

constexpr std::string_view kIncidentCols =
    "id, case_id, occurred_on, data, recorded_at, updated_at";

IncidentRecord ToIncident(const SqlRow& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
}

ConsentRecord ToConsent(const SqlRow& r) {
  return {r.Text(0),       r.Text(1), r.Text(2), r.Text(3), r.Text(4),
          r.TextOr(5, ""), r.Text(6), r.Text(7), r.Text(8), r.TextOr(9, "")};
}

}  // namespace

std::vector<CaseFactRow> ListCaseFacts(SqlConn& c, const std::string& case_id) {
  std::vector<CaseFactRow> out;
  for (const auto& r :
       c.Query("SELECT kind, name, value FROM case_facts WHERE case_id = ? ORDER BY kind, name",
               {case_id}))
    out.push_back({r.Text(0), r.Text(1), r.Text(2)});
  return out;
}

std::int64_t NextCounter(SqlConn& c, const std::string& name) {
  auto rows = c.Query(
      "INSERT INTO counters (name, value) VALUES (?, 1) "
      "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
      {name});
  return rows.at(0).Int(0);
}

std::optional<CaseRecord> FindCase(SqlConn& c, const std::string& id) {
  return RunAlone<std::optional<CaseRecord>>(c, [&](auto& b, auto* out) { FindCase(b, id, out); });
}

void FindCase(QueryBatch& b, const std::string& id, std::optional<CaseRecord>* out) {
  b.Add(fmt::format("SELECT {} FROM cases WHERE id = ?", kCaseCols), {id},
        [out](std::vector<SqlRow>& rows) {
          if (!rows.empty()) *out = ToCase(rows[0]);
        });
}

CaseAccessFacts FindCaseAccess(SqlConn& c, const std::string& case_id, const std::string& user_id,
                               const std::vector<std::string>& roles,
                               const std::vector<std::string>& actor_sops) {
  std::string pool = roles.empty() ? "0"
                                   : fmt::format(
                                         "CASE WHEN EXISTS (SELECT 1 FROM tasks WHERE case_id = ? "
                                         "AND status = 'open' AND assignee IS NULL AND role IN "
                                         "({})) THEN 1 ELSE 0 END",
                                         Placeholders(roles.size()));
  std::vector<SqlValue> params = {case_id, user_id, case_id, user_id};
  if (!roles.empty()) {
    params.push_back(case_id);
    for (const auto& r : roles) params.push_back(r);
  }
  auto rows = c.Query(
      fmt::format("SELECT CASE WHEN EXISTS (SELECT 1 FROM case_team WHERE case_id = ? AND user_id "
                  "= ?) THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM tasks WHERE case_id = ? "
                  "AND status = 'open' AND assignee = ?) THEN 1 ELSE 0 END, {}",
                  pool),
      params);
  CaseAccessFacts f;
  f.on_team = rows.at(0).Int(0) != 0;
  f.assigned_task = rows.at(0).Int(1) != 0;
  f.role_pool_task = rows.at(0).Int(2) != 0;
  if (!actor_sops.empty()) {
    std::vector<SqlValue> sp = {case_id};
    for (const auto& s : actor_sops) sp.push_back(s);
    f.pack_actor = !c.Query(fmt::format("SELECT 1 FROM sop_instances WHERE case_id = ? AND sop_id "
                                        "IN ({}) LIMIT 1",
                                        Placeholders(actor_sops.size())),
                            sp)
                        .empty();
  }
  return f;
}

std::vector<PersonRecord> ListCasePeople(SqlConn& c, const std::string& case_id) {
  return RunAlone<std::vector<PersonRecord>>(
      c, [&](auto& b, auto* out) { ListCasePeople(b, case_id, out); });
}

void ListCasePeople(QueryBatch& b, const std::string& case_id, std::vector<PersonRecord>* out) {
  AddListQuery(b,
               fmt::format("SELECT {} FROM case_people WHERE case_id = ? ORDER BY added_seq, "
                           "person_id",
                           kPersonCols),
               {case_id}, out, ToPerson);
}

std::optional<PersonRecord> FindCasePerson(SqlConn& c, const std::string& person_id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM case_people WHERE person_id = ?", kPersonCols),
                      {person_id});
  if (rows.empty()) return std::nullopt;
  return ToPerson(rows[0]);
}

std::vector<IncidentRecord> ListIncidents(SqlConn& c, const std::string& case_id) {
  return RunAlone<std::vector<IncidentRecord>>(
      c, [&](auto& b, auto* out) { ListIncidents(b, case_id, out); });
}

void ListIncidents(QueryBatch& b, const std::string& case_id, std::vector<IncidentRecord>* out) {
  AddListQuery(b,
               fmt::format("SELECT {} FROM incidents WHERE case_id = ? ORDER BY recorded_seq, id",
                           kIncidentCols),
               {case_id}, out, ToIncident);
}

std::optional<IncidentRecord> FindIncident(SqlConn& c, const std::string& id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM incidents WHERE id = ?", kIncidentCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToIncident(rows[0]);
}

std::vector<ConsentRecord> ListConsents(SqlConn& c, const std::string& case_id) {
  return RunAlone<std::vector<ConsentRecord>>(
      c, [&](auto& b, auto* out) { ListConsents(b, case_id, out); });
}

void ListConsents(QueryBatch& b, const std::string& case_id, std::vector<ConsentRecord>* out) {
  AddListQuery(b,
               "SELECT id, case_id, client_id, given_by, scopes, partner_id, status, data, "
               "recorded_at, withdrawn_at FROM consents WHERE case_id = ? ORDER BY recorded_seq",
               {case_id}, out, ToConsent);
}

std::vector<ReferralRecord> ListCaseReferrals(SqlConn& c, const std::string& case_id) {
  return RunAlone<std::vector<ReferralRecord>>(
      c, [&](auto& b, auto* out) { ListCaseReferrals(b, case_id, out); });
}

void ListCaseReferrals(QueryBatch& b, const std::string& case_id,
                       std::vector<ReferralRecord>* out) {
  AddListQuery(
      b, fmt::format("SELECT {} FROM referrals WHERE case_id = ? ORDER BY sent_seq", kReferralCols),
      {case_id}, out, ToReferral);
}

std::vector<ReferralRecord> ListPartnerReferrals(SqlConn& c, const std::string& partner_id,
                                                 std::int64_t limit) {
  std::vector<ReferralRecord> out;
  for (const auto& r : c.Query(fmt::format("SELECT {} FROM referrals WHERE partner_id = ? ORDER "
                                           "BY sent_at DESC, id LIMIT ?",
                                           kReferralCols),
                               {partner_id, limit}))
    out.push_back(ToReferral(r));
  return out;
}

std::optional<ReferralRecord> FindReferral(SqlConn& c, const std::string& id) {
  auto rows = c.Query(fmt::format("SELECT {} FROM referrals WHERE id = ?", kReferralCols), {id});
  if (rows.empty()) return std::nullopt;
  return ToReferral(rows[0]);
}

std::vector<TeamMember> ListCaseTeam(SqlConn& c, const std::string& case_id) {
  std::vector<TeamMember> out;
  for (const auto& r : c.Query(
           "SELECT t.user_id, u.username, u.display_name, t.since, t.joined_by FROM case_team t "
           "LEFT JOIN users u ON u.id = t.user_id WHERE t.case_id = ? ORDER BY t.since, t.user_id",
           {case_id})) {
    out.push_back({r.Text(0), r.TextOr(1, ""), r.TextOr(2, ""), r.Text(3), r.Text(4)});
  }
  return out;
}

std::vector<CaseRecord> ListCases(SqlConn& c, const CaseFilter& f, std::int64_t* total) {
  // Units are few per user; one query per unit keeps the SQL static and portable.
  std::vector<CaseRecord> all;
  std::int64_t count = 0;
  const std::string where =
      "unit_id = ? AND (CAST(? AS TEXT) IS NULL OR status = ?) AND (CAST(? AS TEXT) IS NULL OR "
      "received_at >= ?) AND "
      "(CAST(? AS TEXT) IS NULL OR received_at < ?) AND (CAST(? AS TEXT) IS NULL OR EXISTS "
      "(SELECT 1 FROM sop_instances i WHERE i.case_id = cases.id AND i.sop_id = ?)) AND "
      "(CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM tasks d WHERE d.case_id = cases.id AND "
      "d.status = 'open' AND d.due_at IS NOT NULL AND d.due_at <> '' AND d.due_at < ?))";
  auto opt = [](const std::optional<std::string>& s) -> SqlValue {
    return s ? SqlValue(*s) : SqlValue(nullptr);
  };
  // MaySeeCase in SQL: the team and the caller's open tasks, then the reach of their roles.
  const std::string own =
      "(EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = cases.id AND t.user_id = ?) OR "
      "EXISTS (SELECT 1 FROM tasks k WHERE k.case_id = cases.id AND k.status = 'open' AND "
      "k.assignee = ?))";
  for (const auto& unit : f.units) {
    std::string access;
    std::vector<SqlValue> params = {unit.unit_id,         opt(f.status),        opt(f.status),
                                    opt(f.received_from), opt(f.received_from), opt(f.received_to),
                                    opt(f.received_to),   opt(f.sop),           opt(f.sop),
                                    opt(f.overdue_at),    opt(f.overdue_at)};
    switch (unit.reach) {
      case UnitReach::kNone:
        continue;
      case UnitReach::kAll:
        break;
      case UnitReach::kAllButSensitive:
        access = " AND (sensitive = 0 OR " + own + ")";
        params.insert(params.end(), {f.user_id, f.user_id});
        break;
      case UnitReach::kOwnCases:
        access = " AND (" + own;
        params.insert(params.end(), {f.user_id, f.user_id});
        if (unit.pack_actor) {
          access += " OR sensitive = 0";
        } else {
          if (!unit.roles.empty()) {
            access += fmt::format(
                " OR (sensitive = 0 AND EXISTS (SELECT 1 FROM tasks k WHERE k.case_id = cases.id "
                "AND k.status = 'open' AND k.assignee IS NULL AND k.role IN ({})))",
                Placeholders(unit.roles.size()));
            for (const auto& r : unit.roles) params.push_back(r);
          }
          if (!unit.actor_sops.empty()) {
            access += fmt::format(
                " OR (sensitive = 0 AND EXISTS (SELECT 1 FROM sop_instances i WHERE i.case_id = "
                "cases.id AND i.sop_id IN ({})))",
                Placeholders(unit.actor_sops.size()));
            for (const auto& s : unit.actor_sops) params.push_back(s);
          }
        }
        access += ")";
        break;
    }
    auto n = c.Query("SELECT COUNT(*) FROM cases WHERE " + where + access, params);
    count += n.at(0).Int(0);
    params.push_back(f.offset + f.limit);
    for (const auto& r :
         c.Query(fmt::format("SELECT {} FROM cases WHERE {}{} ORDER BY received_at DESC, id "
                             "LIMIT ?",
                             kCaseCols, where, access),
                 params)) {
      all.push_back(ToCase(r));
    }
  }
  std::sort(all.begin(), all.end(), [](const CaseRecord& a, const CaseRecord& b) {
    return a.received_at != b.received_at ? a.received_at > b.received_at : a.id < b.id;
  });
  std::vector<CaseRecord> page;
  for (std::int64_t i = f.offset; i < std::int64_t(all.size()) && i < f.offset + f.limit; ++i)
    page.push_back(all[i]);
  if (total) *total = count;
  return page;
}

}  // namespace lindungi::store
