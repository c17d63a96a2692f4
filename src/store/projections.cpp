#include "store/projections.h"
#include "store/case_work_store.h"
#include "store/document_store.h"
#include "store/events/case_events.h"
#include "store/events/consent_events.h"
#include "store/events/person_events.h"
#include "store/events/shelter_events.h"
#include "store/events/sop_events.h"
#include "store/events/unit_events.h"
#include "store/events/user_events.h"
#include "store/payload.h"
#include "store/stats_store.h"
#include "store/task_store.h"
#include "store/transfer_store.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace lindungi::store {
namespace json = boost::json;

namespace {

std::string IdFromStream(const std::string& stream_id, std::string_view prefix) {
  if (!std::string_view(stream_id).starts_with(prefix))
    throw StoreError("event in an unexpected stream");
  return stream_id.substr(prefix.size());
}

// The intake data kept in cases.data: everything the case page shows about the intake.
constexpr std::string_view kCaseDataFields[] = {"reporter", "client", "narrative", "incident_date",
                                                "referred_by"};

void SetFact(SqlConn& conn, const std::string& case_id, std::string_view kind,
             const std::string& name, const std::string& value) {
  conn.Exec(
      "INSERT INTO case_facts (case_id, kind, name, value) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (case_id, kind, name) DO UPDATE SET value = excluded.value",
      {case_id, std::string(kind), name, value});
}

// Whoever opens a case, does one of its steps or is added by a supervisor is on its team
// (need-to-know, docs/security.md); `how` is opened, task or added.
void JoinTeam(SqlConn& conn, const std::string& case_id, const std::string& user_id,
              const std::string& at, const std::string& how) {
  conn.Exec(
      "INSERT INTO case_team (case_id, user_id, since, joined_by) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (case_id, user_id) DO NOTHING",
      {case_id, user_id, at, how});
}

void AddPerson(SqlConn& conn, const std::string& case_id, const std::string& person_id,
               const std::string& role, const json::object& data, const StoredEvent& e) {
  conn.Exec(
      "INSERT INTO case_people (person_id, case_id, role, data, added_at, added_seq, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {person_id, case_id, role, json::serialize(data), e.at, e.seq, e.at});
}

// Keeps the intake's client or reporter in cases.data the same as person `person`'s new record.
void SyncIntakePerson(SqlConn& conn, const std::string& case_id, const std::string& person,
                      const json::object& fields) {
  auto c = conn.Query("SELECT data FROM cases WHERE id = ?", {case_id});
  if (c.empty()) return;
  json::object kase = json::parse(c[0].Text(0)).as_object();
  bool changed = false;
  for (const char* key : {"client", "reporter"}) {
    auto* v = kase.if_contains(key);
    if (v && v->is_object() && v->as_object().if_contains("person_id") &&
        v->as_object().at("person_id") == json::value(person)) {
      // The reporter's own facts (how she relates, whether she is the client) stay unless
      // the correction says them.
      json::object was = v->as_object();
      *v = fields;
      if (std::string_view(key) == "reporter")
        for (const char* own : {"relation", "is_client"})
          if (auto* x = was.if_contains(own); x && !fields.contains(own)) v->as_object()[own] = *x;
      changed = true;
    }
  }
  if (changed)
    conn.Exec("UPDATE cases SET data = ? WHERE id = ?", {json::serialize(kase), case_id});
}

// PersonUpdated: the event holds the person's whole record as it is now.
void UpdatePerson(SqlConn& conn, const StoredEvent& e, const events::PersonUpdated& u,
                  const std::string& case_id) {
  const std::string& person = u.person_id;
  const json::object& fields = u.fields;
  conn.Exec("UPDATE case_people SET data = ?, updated_at = ? WHERE person_id = ?",
            {json::serialize(fields), e.at, person});
  // The reporter recorded as the client's guardian too: the same record, a new role.
  if (u.role) conn.Exec("UPDATE case_people SET role = ? WHERE person_id = ?", {*u.role, person});
  // The intake's client and reporter are shown from cases.data too: keep them the same.
  SyncIntakePerson(conn, case_id, person, fields);
}

// ConsentRecorded: the consent, and the requirements consent:<scope> while it is in force.
void RecordConsent(SqlConn& conn, const StoredEvent& e, const json::object& p,
                   const std::string& case_id) {
  auto r = events::ConsentRecorded::From(p);
  conn.Exec(
      "INSERT INTO consents (id, case_id, client_id, given_by, scopes, partner_id, status, data, "
      "recorded_at, recorded_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.consent_id, case_id, r.client_id, r.given_by, JsonList(r.scopes), ToSql(r.partner_id),
       r.given ? "active" : "refused", json::serialize(p), e.at, e.seq});
  // A consent in force makes the SOP requirements consent:<scope> hold.
  if (r.given)
    for (const auto& scope : r.scopes) SetFact(conn, case_id, "consent", scope, e.at);
}

// ConsentWithdrawn: the consent ends; each of its scopes stops holding unless another has it.
void WithdrawConsent(SqlConn& conn, const StoredEvent& e, const json::object& p,
                     const std::string& case_id) {
  std::string id = events::ConsentWithdrawn::From(p).consent_id;
  conn.Exec("UPDATE consents SET status = 'withdrawn', withdrawn_at = ? WHERE id = ?", {e.at, id});
  auto rows = conn.Query("SELECT scopes FROM consents WHERE id = ?", {id});
  if (rows.empty()) return;
  json::value withdrawn = json::parse(rows[0].Text(0));
  for (const auto& v : withdrawn.as_array()) {
    std::string scope(v.as_string());
    // The requirement holds while another consent of that scope is in force.
    auto others = conn.Query("SELECT scopes FROM consents WHERE case_id = ? AND status = 'active'",
                             {case_id});
    bool still = std::any_of(others.begin(), others.end(), [&](const SqlRow& r) {
      json::value scopes = json::parse(r.Text(0));
      for (const auto& x : scopes.as_array())
        if (x.as_string() == scope) return true;
      return false;
    });
    if (!still)
      conn.Exec("DELETE FROM case_facts WHERE case_id = ? AND kind = 'consent' AND name = ?",
                {case_id, scope});
  }
}

// ReferralAccepted, ReferralRejected or ReferralReported: the partner's answer or report.
void AnswerReferral(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  std::string id =
      e.type == events::ReferralAccepted::kType   ? events::ReferralAccepted::From(p).referral_id
      : e.type == events::ReferralRejected::kType ? events::ReferralRejected::From(p).referral_id
                                                  : events::ReferralReported::From(p).referral_id;
  auto rows = conn.Query("SELECT data FROM referrals WHERE id = ?", {id});
  if (rows.empty()) throw StoreError("an answer to a referral that does not exist");
  json::object data = json::parse(rows[0].Text(0)).as_object();
  json::object answer = p;
  answer["at"] = e.at;
  answer["by"] = e.actor;
  const char* status = e.type == events::ReferralAccepted::kType   ? "accepted"
                       : e.type == events::ReferralRejected::kType ? "rejected"
                                                                   : "reported";
  data[e.type == events::ReferralReported::kType ? "report" : "answer"] = std::move(answer);
  conn.Exec("UPDATE referrals SET status = ?, data = ?, updated_at = ? WHERE id = ?",
            {std::string(status), json::serialize(data), e.at, id});
}

// The people and incidents of the case record (docs/storage.md "Case record events").
void ProjectRecordEvent(SqlConn& conn, const StoredEvent& e, const json::object& p,
                        const std::string& case_id) {
  if (e.type == events::PersonAdded::kType) {
    auto a = events::PersonAdded::From(p);
    AddPerson(conn, case_id, a.person_id, a.role, a.fields, e);
  } else if (e.type == events::PersonUpdated::kType) {
    UpdatePerson(conn, e, events::PersonUpdated::From(p), case_id);
  } else if (e.type == events::IncidentRecorded::kType) {
    // The incident's data is its payload as stored.
    auto i = events::IncidentRecorded::From(p).incident;
    conn.Exec(
        "INSERT INTO incidents (id, case_id, occurred_on, data, recorded_at, recorded_seq, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {i.incident_id, case_id, i.date, json::serialize(p), e.at, e.seq, e.at});
  } else if (e.type == events::ConsentRecorded::kType) {
    RecordConsent(conn, e, p, case_id);
  } else if (e.type == events::ConsentWithdrawn::kType) {
    WithdrawConsent(conn, e, p, case_id);
  } else if (e.type == events::ReferralMade::kType) {
    auto r = events::ReferralMade::From(p);
    conn.Exec(
        "INSERT INTO referrals (id, case_id, unit_id, partner_id, client_id, status, data, "
        "sent_at, sent_seq, updated_at) VALUES (?, ?, ?, ?, ?, 'sent', ?, ?, ?, ?)",
        {r.referral_id, case_id, r.unit_id, r.partner_id, r.client_id, json::serialize(p), e.at,
         e.seq, e.at});
  } else if (e.type == events::ReferralAccepted::kType ||
             e.type == events::ReferralRejected::kType ||
             e.type == events::ReferralReported::kType) {
    AnswerReferral(conn, e, p);
  } else if (e.type == events::IncidentUpdated::kType) {
    auto u = events::IncidentUpdated::From(p);
    conn.Exec("UPDATE incidents SET occurred_on = ?, data = ?, updated_at = ? WHERE id = ?",
              {u.incident.date, json::serialize(p), e.at, u.incident.incident_id});
  }
}

// Stays of the case's clients in shelters (docs/storage.md "Shelter events").
void ProjectStayEvent(SqlConn& conn, const StoredEvent& e, const json::object& p,
                      const std::string& case_id) {
  if (e.type == events::ShelterStayStarted::kType) {
    auto s = events::ShelterStayStarted::From(p);
    json::object data = p;  // the stay's record: the payload as stored
    data["status"] = "open";
    data["admitted_by"] = e.actor;
    data["admitted_at"] = e.at;
    conn.Exec(
        "INSERT INTO shelter_stays (id, case_id, shelter_id, person_id, status, admitted_on, "
        "admitted_at, admitted_seq, data) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)",
        {s.stay_id, case_id, s.shelter_id, s.person_id, s.admitted_on, e.at, e.seq,
         json::serialize(data)});
  } else if (e.type == events::ShelterStayEnded::kType) {
    auto ended = events::ShelterStayEnded::From(p);
    const std::string& stay = ended.stay_id;
    auto rows = conn.Query("SELECT data FROM shelter_stays WHERE id = ?", {stay});
    if (rows.empty()) throw StoreError("the end of a stay that has no projection");
    json::object data = json::parse(rows[0].Text(0)).as_object();
    json::object discharge = p;
    discharge.erase("stay_id");
    discharge["by"] = e.actor;
    discharge["at"] = e.at;
    data["status"] = "ended";
    data["discharge"] = std::move(discharge);
    conn.Exec("UPDATE shelter_stays SET status = 'ended', discharged_on = ?, data = ? WHERE id = ?",
              {ended.discharged_on, json::serialize(data), stay});
  }
}

// Who may see the case: its team and its sensitive flag (docs/storage.md "Access events").
void ProjectAccessEvent(SqlConn& conn, const StoredEvent& e, const json::object& p,
                        const std::string& case_id) {
  if (e.type == events::CaseTeamMemberAdded::kType) {
    JoinTeam(conn, case_id, events::CaseTeamMemberAdded::From(p).user_id, e.at, "added");
  } else if (e.type == events::CaseTeamMemberRemoved::kType) {
    conn.Exec("DELETE FROM case_team WHERE case_id = ? AND user_id = ?",
              {case_id, events::CaseTeamMemberRemoved::From(p).user_id});
  } else if (e.type == events::CaseSensitivityChanged::kType) {
    conn.Exec("UPDATE cases SET sensitive = ? WHERE id = ?",
              {std::int64_t{events::CaseSensitivityChanged::From(p).sensitive ? 1 : 0}, case_id});
  }
}

// TaskOpened: a new open task (its deadline, or the no-deadline key for ordering).
void OpenTask(SqlConn& conn, const StoredEvent& e, const events::TaskOpened& t,
              const std::string& case_id) {
  std::string key = t.due_at.value_or(std::string(kNoDeadlineKey));
  conn.Exec(
      "INSERT INTO tasks (id, case_id, unit_id, instance_id, sop_id, step_id, role, status, "
      "opened_at, opened_seq, due_at, due_key, calendar_incomplete, clock_from) VALUES (?, ?, ?, "
      "?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)",
      {t.task_id, case_id, t.unit_id, t.instance_id, t.sop_id, t.step_id, t.role, e.at, e.seq,
       ToSql(t.due_at), key, std::int64_t{t.calendar_incomplete ? 1 : 0}, ToSql(t.clock_from)});
}

// TaskCompleted: the task done (by whom, how long), its SOP's state, and its compliance count.
void CompleteTask(SqlConn& conn, const StoredEvent& e, const events::TaskCompleted& t,
                  const std::string& case_id) {
  JoinTeam(conn, case_id, e.actor, e.at, "task");
  // How long it took in its step's unit (events before reports lack it: NULL), and whether
  // by its deadline (docs/reports.md "Compliance").
  SqlValue duration = nullptr, unit = nullptr;
  if (t.duration) {
    duration = t.duration->value;
    unit = t.duration->unit;
  }
  conn.Exec(
      "UPDATE tasks SET status = 'completed', completed_at = ?, completed_by = ?, outcome = ?, "
      "note = ?, documents = ?, duration = ?, duration_unit = ?, within_standard = CASE WHEN "
      "due_at IS NULL THEN NULL WHEN ? <= due_at THEN 1 ELSE 0 END WHERE id = ?",
      {e.at, e.actor, ToSql(t.outcome), ToSql(t.note), JsonList(t.documents), duration, unit, e.at,
       t.task_id});
  conn.Exec(
      "UPDATE sop_instances SET state = ? WHERE id = (SELECT instance_id FROM tasks WHERE id = "
      "?)",
      {json::serialize(t.state), t.task_id});
  CountCompletedTask(conn, t.task_id);  // compliance (stats_store.h), in this transaction
}

// CaseFactsRecorded: facts set or cleared, values, consents and documents as case_facts.
void RecordCaseFacts(SqlConn& conn, const StoredEvent& e, const events::CaseFactsRecorded& r,
                     const std::string& case_id) {
  for (const auto& [name, v] : r.facts) {
    std::string n(name);
    if (v.is_bool() && !v.as_bool())
      conn.Exec("DELETE FROM case_facts WHERE case_id = ? AND kind = 'fact' AND name = ?",
                {case_id, n});
    else if (v.is_bool())
      SetFact(conn, case_id, "fact", n, "true");
    else
      SetFact(conn, case_id, "value", n, std::string(v.as_string()));
  }
  for (const auto& c : r.consents) SetFact(conn, case_id, "consent", c, e.at);
  for (const auto& d : r.documents) SetFact(conn, case_id, "document", d, e.at);
}

// The SOP engine's events on a case stream (docs/storage.md "SOP events").
void ProjectSopEvent(SqlConn& conn, const StoredEvent& e, const json::object& p,
                     const std::string& case_id) {
  if (e.type == events::SopStarted::kType) {
    auto s = events::SopStarted::From(p);
    conn.Exec(
        "INSERT INTO sop_instances (id, case_id, sop_id, status, started_at, started_by, "
        "parent_id, state) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)",
        {s.instance_id, case_id, s.sop_id, e.at, e.actor, ToSql(s.parent_id),
         json::serialize(s.state)});
  } else if (e.type == events::TaskOpened::kType) {
    OpenTask(conn, e, events::TaskOpened::From(p), case_id);
  } else if (e.type == events::TaskCompleted::kType) {
    CompleteTask(conn, e, events::TaskCompleted::From(p), case_id);
  } else if (e.type == events::TaskClosed::kType) {
    conn.Exec("UPDATE tasks SET status = 'closed', completed_at = ? WHERE id = ?",
              {e.at, events::TaskClosed::From(p).task_id});
  } else if (e.type == events::TaskAssigned::kType) {
    auto a = events::TaskAssigned::From(p);
    conn.Exec("UPDATE tasks SET assignee = ? WHERE id = ?", {ToSql(a.assignee), a.task_id});
  } else if (e.type == events::TaskRequirementsWaived::kType) {
    auto w = events::TaskRequirementsWaived::From(p);
    json::object waiver{{"reason", w.reason},
                        {"requirements", ToArray(w.requirements)},
                        {"by", e.actor},
                        {"at", e.at}};
    conn.Exec("UPDATE tasks SET waiver = ? WHERE id = ?", {json::serialize(waiver), w.task_id});
  } else if (e.type == events::SopEnded::kType) {
    auto s = events::SopEnded::From(p);
    conn.Exec(
        "UPDATE sop_instances SET status = 'ended', end_reason = ?, ended_at = ?, state = ? "
        "WHERE id = ?",
        {s.reason, e.at, json::serialize(s.state), s.instance_id});
  } else if (e.type == events::CaseFactsRecorded::kType) {
    RecordCaseFacts(conn, e, events::CaseFactsRecorded::From(p), case_id);
  }
}

// CaseOpened: the case, its intake data, its opener on the team, the intake's people.
void OpenCase(SqlConn& conn, const StoredEvent& e, const json::object& p, const std::string& id) {
  auto o = events::CaseOpened::From(p);
  json::object data;  // the intake's fields as stored
  for (auto f : kCaseDataFields)
    if (auto* v = p.if_contains(f)) data[f] = *v;
  conn.Exec(
      "INSERT INTO cases (id, unit_id, number, status, channel, crisis, received_at, created_at, "
      "updated_at, created_by, version, data, sensitive, synthetic) VALUES (?, ?, ?, 'open', ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, o.unit_id, o.number, o.channel, std::int64_t{o.crisis ? 1 : 0}, o.received_at, e.at,
       e.at, e.actor, e.seq, json::serialize(data), std::int64_t{o.sensitive ? 1 : 0},
       std::int64_t{o.synthetic ? 1 : 0}});
  JoinTeam(conn, id, e.actor, e.at, "opened");
  std::string client_id;
  for (auto [person, role] : {std::pair{&o.client, "client"}, std::pair{&o.reporter, "reporter"}}) {
    // Intakes recorded before people had ids (and keys) stay on the case's data only.
    if (!person->contains("person_id")) continue;
    std::string person_id = Str(*person, "person_id");
    // A self-report: the reporter is the client's own record (one human, one record).
    if (person_id == client_id) continue;
    if (std::string_view(role) == "client") client_id = person_id;
    AddPerson(conn, id, person_id, role, *person, e);
  }
  RefreshCaseStats(conn, id);
}

void ProjectCase(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  std::string id = IdFromStream(e.stream_id, kCaseStreamPrefix);
  if (e.type == events::CaseOpened::kType) {
    OpenCase(conn, e, p, id);
    return;
  }
  if (e.type == events::CaseUpdated::kType) {
    auto rows = conn.Query("SELECT data, status, channel, crisis FROM cases WHERE id = ?", {id});
    if (rows.empty()) throw StoreError("update of a case that has no projection");
    json::object data = json::parse(rows[0].Text(0)).as_object();
    std::string status = rows[0].Text(1), channel = rows[0].Text(2);
    std::int64_t crisis = rows[0].Int(3);
    for (const auto& [k, v] : events::CaseUpdated::From(p).changes) {
      if (k == "status")
        status = std::string(v.as_string());
      else if (k == "channel")
        channel = std::string(v.as_string());
      else if (k == "crisis")
        crisis = v.as_bool() ? 1 : 0;
      else
        data[k] = v;
    }
    conn.Exec(
        "UPDATE cases SET status = ?, channel = ?, crisis = ?, data = ?, updated_at = ?, version = "
        "? "
        "WHERE id = ?",
        {status, channel, crisis, json::serialize(data), e.at, e.seq, id});
    RefreshCaseStats(conn, id);
    return;
  }
  // Events whose payload is, whole, the case's latest word on something (cases.data).
  for (auto [type, key] : {std::pair{events::CaseClassified::kType, "classification"},
                           std::pair{events::TriageDecided::kType, "triage"}}) {
    if (e.type != type) continue;
    // Checks the shape; the case keeps the payload as stored, with who decided it when.
    if (e.type == events::CaseClassified::kType)
      events::CaseClassified::From(p);
    else
      events::TriageDecided::From(p);
    auto rows = conn.Query("SELECT data FROM cases WHERE id = ?", {id});
    if (rows.empty()) throw StoreError("an event on a case that has no projection");
    json::object data = json::parse(rows[0].Text(0)).as_object();
    json::object value = p;
    value["at"] = e.at;
    value["by"] = e.actor;
    data[key] = std::move(value);
    conn.Exec("UPDATE cases SET data = ? WHERE id = ?", {json::serialize(data), id});
  }
  ProjectSopEvent(conn, e, p, id);
  ProjectAccessEvent(conn, e, p, id);
  ProjectRecordEvent(conn, e, p, id);
  ProjectStayEvent(conn, e, p, id);
  ProjectTransferEvent(conn, e, p, id);
  ProjectDocumentEvent(conn, e, p, id);
  ProjectCaseWorkEvent(conn, e, p, id);
  ProjectStatsEvent(conn, e, p, id);
  // Every other case event still moves the version.
  conn.Exec("UPDATE cases SET updated_at = ?, version = ? WHERE id = ?", {e.at, e.seq, id});
}

void ProjectUser(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  std::string id = IdFromStream(e.stream_id, kUserStreamPrefix);
  if (e.type == events::UserCreated::kType) {
    auto u = events::UserCreated::From(p);
    conn.Exec(
        "INSERT INTO users (id, username, display_name, disabled, created_at, partner_id) VALUES "
        "(?, ?, ?, 0, ?, ?)",
        {id, u.username, u.display_name, e.at, ToSql(u.partner_id)});
    for (const auto& r : u.roles)
      conn.Exec("INSERT INTO user_roles (user_id, unit_id, role) VALUES (?, ?, ?)",
                {id, r.unit_id, r.role});
  } else if (e.type == events::UserDisabled::kType) {
    conn.Exec("UPDATE users SET disabled = 1 WHERE id = ?", {id});
  } else if (e.type == events::UserEnabled::kType) {
    conn.Exec("UPDATE users SET disabled = 0 WHERE id = ?", {id});
  } else if (e.type == events::UserRolesSet::kType) {
    // The user's whole set of roles in one unit (docs/storage.md "User events").
    auto s = events::UserRolesSet::From(p);
    conn.Exec("DELETE FROM user_roles WHERE user_id = ? AND unit_id = ?", {id, s.unit_id});
    for (const auto& r : s.roles)
      conn.Exec("INSERT INTO user_roles (user_id, unit_id, role) VALUES (?, ?, ?)",
                {id, s.unit_id, r});
  } else if (e.type == events::UserLanguageSet::kType) {
    conn.Exec("UPDATE users SET language = ? WHERE id = ?",
              {events::UserLanguageSet::From(p).language, id});
  }
}

void ProjectUnit(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  std::string id = IdFromStream(e.stream_id, kUnitStreamPrefix);
  if (e.type == events::UnitCreated::kType) {
    auto u = events::UnitCreated::From(p);
    conn.Exec(
        "INSERT INTO units (id, code, name, level, province, time_zone, created_at, sop_pack) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {id, u.code, u.name, u.level, ToSql(u.province), u.time_zone, e.at, ToSql(u.sop_pack)});
  } else if (e.type == events::UnitSopPackSet::kType) {
    conn.Exec("UPDATE units SET sop_pack = ? WHERE id = ?",
              {ToSql(events::UnitSopPackSet::From(p).sop_pack), id});
  } else if (e.type == events::UnitTwoFactorPolicySet::kType) {
    conn.Exec("UPDATE units SET two_factor_required = ? WHERE id = ?",
              {std::int64_t{events::UnitTwoFactorPolicySet::From(p).required ? 1 : 0}, id});
  } else if (e.type == events::UnitLetterheadSet::kType) {
    // The event holds the whole settings (docs/letters.md "Unit letter settings").
    conn.Exec(
        "INSERT INTO unit_letter_settings (unit_id, data, updated_at, updated_by) VALUES (?, ?, "
        "?, ?) ON CONFLICT (unit_id) DO UPDATE SET data = excluded.data, updated_at = "
        "excluded.updated_at, updated_by = excluded.updated_by",
        {id, json::serialize(events::UnitLetterheadSet::From(p).settings), e.at, e.actor});
  }
}

void ProjectPartner(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  std::string id = IdFromStream(e.stream_id, kPartnerStreamPrefix);
  if (e.type == events::PartnerCreated::kType) {
    // unit_id and area since the partner directory (absent: every unit's, no area).
    auto pc = events::PartnerCreated::From(p);
    conn.Exec(
        "INSERT INTO partners (id, code, name, kind, created_at, unit_id, area) VALUES (?, ?, ?, "
        "?, ?, ?, ?)",
        {id, pc.code, pc.name, pc.kind, e.at, ToSql(pc.unit_id), pc.area.value_or("")});
  }
}

// A shelter's register entry (docs/storage.md "Shelter events"). ShelterRegistered and
// ShelterUpdated carry the whole record; ShelterBedTaken only moves the version (it makes
// two admissions racing for the last bed collide on the shelter's stream).
void ProjectShelter(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  std::string id = IdFromStream(e.stream_id, kShelterStreamPrefix);
  if (e.type == events::ShelterRegistered::kType) {
    auto r = events::ShelterRegistered::From(p);
    const auto& s = r.shelter;
    conn.Exec(
        "INSERT INTO shelters (id, unit_id, name, kind, capacity, takes, max_age, address, phone, "
        "registered_at, registered_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?)",
        {id, r.unit_id, s.name, s.kind, s.capacity, s.takes, ToSql(s.max_age), s.address,
         ToSql(s.phone), e.at, e.actor, e.at, e.seq});
  } else if (e.type == events::ShelterUpdated::kType) {
    auto s = events::ShelterUpdated::From(p).shelter;
    conn.Exec(
        "UPDATE shelters SET name = ?, kind = ?, capacity = ?, takes = ?, max_age = ?, address = "
        "?, phone = ?, updated_at = ?, version = ? WHERE id = ?",
        {s.name, s.kind, s.capacity, s.takes, ToSql(s.max_age), s.address, ToSql(s.phone), e.at,
         e.seq, id});
  } else {
    conn.Exec("UPDATE shelters SET version = ? WHERE id = ?", {e.seq, id});
  }
}

}  // namespace

void Project(SqlConn& conn, const StoredEvent& e) {
  json::value v;
  try {
    v = json::parse(e.payload);
  } catch (const std::exception&) {
    throw StoreError("event payload is not JSON");
  }
  if (!v.is_object()) throw StoreError("event payload is not an object");
  Project(conn, e, v.as_object());
}

void Project(SqlConn& conn, const StoredEvent& e, const json::object& p) {
  try {
    if (e.stream_id.starts_with(kCaseStreamPrefix))
      ProjectCase(conn, e, p);
    else if (e.stream_id.starts_with(kUserStreamPrefix))
      ProjectUser(conn, e, p);
    else if (e.stream_id.starts_with(kUnitStreamPrefix))
      ProjectUnit(conn, e, p);
    else if (e.stream_id.starts_with(kPartnerStreamPrefix))
      ProjectPartner(conn, e, p);
    else if (e.stream_id.starts_with(kShelterStreamPrefix))
      ProjectShelter(conn, e, p);
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& ex) {
    throw StoreError(std::string("event payload has an unexpected shape: ") + ex.what());
  }
}

void ClearProjections(SqlConn& conn) {
  conn.ExecScript(
      "DELETE FROM cases; DELETE FROM user_roles; DELETE FROM users; DELETE FROM units; "
      "DELETE FROM sop_instances; DELETE FROM tasks; DELETE FROM case_facts; "
      "DELETE FROM case_team; DELETE FROM partners; DELETE FROM case_people; DELETE FROM "
      "incidents; DELETE FROM consents; DELETE FROM referrals; DELETE FROM shelters; "
      "DELETE FROM shelter_stays; DELETE FROM transfers; DELETE FROM case_documents; "
      "DELETE FROM unit_letter_settings;");
  conn.ExecScript(kClearCaseWork);
  conn.ExecScript(kClearStats);
}

}  // namespace lindungi::store
