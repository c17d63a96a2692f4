#include "store/case_work_store.h"
#include "store/events/case_work_events.h"
#include "store/payload.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace lindungi::store {
namespace json = boost::json;
namespace {

// The event's payload as the record, with who recorded it and when.
std::string Recorded(const StoredEvent& e, json::object p) {
  p["recorded_by"] = e.actor;
  p["recorded_at"] = e.at;
  return json::serialize(p);
}

void AddRows(QueryBatch& b, const char* sql, const std::string& case_id,
             std::vector<CaseWorkRow>* out) {
  AddListQuery(b, sql, {case_id}, out, [](const SqlRow& r) {
    return CaseWorkRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
  });
}

constexpr const char* kMeetingsSql =
    "SELECT id, case_id, kind, data, recorded_at, recorded_by FROM case_meetings WHERE "
    "case_id = ? ORDER BY held_at, recorded_seq";
constexpr const char* kMonitoringSql =
    "SELECT id, case_id, method, data, recorded_at, recorded_by FROM monitoring_notes "
    "WHERE case_id = ? ORDER BY note_date, recorded_seq";
constexpr const char* kTerminationsSql =
    "SELECT id, case_id, kind, data, recorded_at, recorded_by FROM case_terminations "
    "WHERE case_id = ? ORDER BY recorded_seq";

}  // namespace

void ProjectCaseWorkEvent(SqlConn& conn, const StoredEvent& e, const json::object& p,
                          const std::string& case_id) {
  // Each record's data is its event's payload as stored (with who recorded it, when).
  if (e.type == events::PlanUpdated::kType) {
    std::string data = Recorded(e, p);
    std::int64_t version = events::PlanUpdated::From(p).version;
    conn.Exec("DELETE FROM case_plans WHERE case_id = ?", {case_id});
    conn.Exec(
        "INSERT INTO case_plans (case_id, version, data, updated_at, updated_by) VALUES (?, ?, "
        "?, ?, ?)",
        {case_id, version, data, e.at, e.actor});
  } else if (e.type == events::MeetingRecorded::kType) {
    auto m = events::MeetingRecorded::From(p);
    conn.Exec(
        "INSERT INTO case_meetings (id, case_id, kind, held_at, data, recorded_at, recorded_by, "
        "recorded_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {m.meeting_id, case_id, m.kind, m.held_at, Recorded(e, p), e.at, e.actor, e.seq});
  } else if (e.type == events::MonitoringRecorded::kType) {
    auto m = events::MonitoringRecorded::From(p);
    conn.Exec(
        "INSERT INTO monitoring_notes (id, case_id, method, note_date, data, recorded_at, "
        "recorded_by, recorded_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {m.note_id, case_id, m.method, m.date, Recorded(e, p), e.at, e.actor, e.seq});
  } else if (e.type == events::CaseTerminated::kType) {
    auto t = events::CaseTerminated::From(p);
    conn.Exec(
        "INSERT INTO case_terminations (id, case_id, kind, reason, data, recorded_at, "
        "recorded_by, recorded_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {t.termination_id, case_id, t.kind, ToSql(t.reason), Recorded(e, p), e.at, e.actor, e.seq});
    conn.Exec("UPDATE cases SET status = 'closed' WHERE id = ?", {case_id});
  } else if (e.type == events::CaseClosed::kType) {
    // An SOP end that closed the matter: a closing of its own kind (sop_end), reopenable.
    auto closed = events::CaseClosed::From(p);
    conn.Exec(
        "INSERT INTO case_terminations (id, case_id, kind, reason, data, recorded_at, "
        "recorded_by, recorded_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {closed.closure_id, case_id, closed.kind, ToSql(closed.reason), Recorded(e, p), e.at,
         e.actor, e.seq});
    conn.Exec("UPDATE cases SET status = 'closed' WHERE id = ?", {case_id});
  } else if (e.type == events::CaseReopened::kType) {
    auto reopened = events::CaseReopened::From(p);
    // The reopening belongs to the termination it undoes (the latest one).
    auto rows = conn.Query(
        "SELECT id, data FROM case_terminations WHERE case_id = ? ORDER BY recorded_seq DESC "
        "LIMIT 1",
        {case_id});
    if (!rows.empty()) {
      json::object data = json::parse(rows[0].Text(1)).as_object();
      data["reopened"] = json::object{{"reason", reopened.reason}, {"by", e.actor}, {"at", e.at}};
      conn.Exec("UPDATE case_terminations SET data = ? WHERE id = ?",
                {json::serialize(data), rows[0].Text(0)});
    }
    conn.Exec("UPDATE cases SET status = ? WHERE id = ?", {reopened.status, case_id});
  }
}

std::optional<PlanRecord> FindPlan(SqlConn& c, const std::string& case_id) {
  return RunAlone<std::optional<PlanRecord>>(
      c, [&](auto& b, auto* out) { FindPlan(b, case_id, out); });
}

void FindPlan(QueryBatch& b, const std::string& case_id, std::optional<PlanRecord>* out) {
  b.Add("SELECT case_id, data, updated_at, updated_by, version FROM case_plans WHERE case_id = ?",
        {case_id}, [out](std::vector<SqlRow>& rows) {
          if (rows.empty()) return;
          const auto& r = rows[0];
          *out = PlanRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)};
        });
}

std::vector<CaseWorkRow> ListMeetings(SqlConn& c, const std::string& case_id) {
  return RunAlone<std::vector<CaseWorkRow>>(
      c, [&](auto& b, auto* out) { AddRows(b, kMeetingsSql, case_id, out); });
}

std::vector<CaseWorkRow> ListMonitoringNotes(SqlConn& c, const std::string& case_id) {
  return RunAlone<std::vector<CaseWorkRow>>(
      c, [&](auto& b, auto* out) { AddRows(b, kMonitoringSql, case_id, out); });
}

std::vector<CaseWorkRow> ListTerminations(SqlConn& c, const std::string& case_id) {
  return RunAlone<std::vector<CaseWorkRow>>(
      c, [&](auto& b, auto* out) { AddRows(b, kTerminationsSql, case_id, out); });
}

void ReadCaseWork(QueryBatch& b, const std::string& case_id, CaseWorkRecord* out) {
  FindPlan(b, case_id, &out->plan);
  AddRows(b, kMeetingsSql, case_id, &out->meetings);
  AddRows(b, kMonitoringSql, case_id, &out->monitoring_notes);
  AddRows(b, kTerminationsSql, case_id, &out->terminations);
}

std::int64_t CountOpenStays(SqlConn& c, const std::string& case_id) {
  return c
      .Query("SELECT COUNT(*) FROM shelter_stays WHERE case_id = ? AND status = 'open'",
             {case_id})[0]
      .Int(0);
}

std::int64_t CountPendingReferrals(SqlConn& c, const std::string& case_id) {
  return c
      .Query("SELECT COUNT(*) FROM referrals WHERE case_id = ? AND status = 'sent'", {case_id})[0]
      .Int(0);
}

std::vector<std::string> OpenTaskIds(SqlConn& c, const std::string& case_id) {
  std::vector<std::string> out;
  for (const auto& r :
       c.Query("SELECT id FROM tasks WHERE case_id = ? AND status = 'open' ORDER BY opened_seq, id",
               {case_id}))
    out.push_back(r.Text(0));
  return out;
}

}  // namespace lindungi::store
