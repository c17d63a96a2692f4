// Cases and their record: people, incidents, consents, referrals, team, SOP facts; the
// case counters.
// Each query runs on a caller's SqlConn (inside the caller's read snapshot or write
// transaction) and throws StoreError on storage failure. The parts of a case's record also
// add themselves to a QueryBatch (sql.h), so a whole record is read in one round trip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/access.h"
#include "core/roles.h"
#include "store/sql.h"

namespace lindungi::store {

struct CaseRecord {
  std::string id, unit_id, number, status, channel, received_at, created_at, updated_at, created_by;
  bool crisis = false;
  bool sensitive = false;  // seen only by its team, its open tasks' assignees and unit heads
  std::int64_t version = 0;
  std::string data;  // JSON object text: reporter, client, narrative, ...
};

// One unit a case list covers, and how far the caller reaches there (core/access.h): the
// SQL twin of MaySeeCase.
struct UnitScope {
  std::string unit_id;
  UnitReach reach = UnitReach::kNone;
  std::vector<std::string> roles;  // the caller's roles in the unit (their task pools)
  // The unit's SOP pack names one of those roles for a startable step or termination: every
  // case of the unit but the sensitive ones. Else `actor_sops`: the pack's SOPs that name
  // one of them — the cases such an SOP was started on (sensitive ones excepted).
  bool pack_actor = false;
  std::vector<std::string> actor_sops;
};

struct CaseFilter {
  std::vector<UnitScope> units;  // cases of these units only (REQUIRES: non-empty)
  std::string user_id;           // the caller, for the team and their tasks
  std::optional<std::string> status;
  std::optional<std::string> received_from;  // inclusive, RFC 3339 UTC
  std::optional<std::string> received_to;    // exclusive
  std::optional<std::string> sop;            // cases that ran (or run) this SOP
  std::optional<std::string> overdue_at;     // cases with an open task due before this instant
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

// Atomically increments the named counter and returns its new value (first call: 1).
std::int64_t NextCounter(SqlConn& c, const std::string& name);

struct CaseFactRow {
  std::string kind;  // fact, value, consent, document
  std::string name, value;
};

std::optional<CaseRecord> FindCase(SqlConn& c, const std::string& id);
void FindCase(QueryBatch& b, const std::string& id, std::optional<CaseRecord>* out);

// What MaySeeCase needs to know of `user_id` and case `case_id` beyond the caller's roles;
// `roles` are the user's roles in the case's unit. `sensitive` is left false (the caller
// has the case record). `actor_sops`: SOPs naming one of those roles — one started on the
// case makes `pack_actor` hold.
CaseAccessFacts FindCaseAccess(SqlConn& c, const std::string& case_id, const std::string& user_id,
                               const std::vector<std::string>& roles,
                               const std::vector<std::string>& actor_sops = {});

// A person on a case (case_people): `data` is their record as JSON text, identifying
// fields sealed.
struct PersonRecord {
  std::string person_id, case_id, role, data, added_at, updated_at;
};

std::vector<PersonRecord> ListCasePeople(SqlConn& c, const std::string& case_id);
void ListCasePeople(QueryBatch& b, const std::string& case_id, std::vector<PersonRecord>* out);

std::optional<PersonRecord> FindCasePerson(SqlConn& c, const std::string& person_id);

struct IncidentRecord {
  std::string id, case_id, occurred_on, data, recorded_at, updated_at;
};

std::vector<IncidentRecord> ListIncidents(SqlConn& c, const std::string& case_id);
void ListIncidents(QueryBatch& b, const std::string& case_id, std::vector<IncidentRecord>* out);

std::optional<IncidentRecord> FindIncident(SqlConn& c, const std::string& id);

struct ConsentRecord {
  std::string id, case_id, client_id, given_by, scopes, partner_id, status, data, recorded_at,
      withdrawn_at;
};

std::vector<ConsentRecord> ListConsents(SqlConn& c, const std::string& case_id);
void ListConsents(QueryBatch& b, const std::string& case_id, std::vector<ConsentRecord>* out);

struct ReferralRecord {
  std::string id, case_id, unit_id, partner_id, client_id, status, data, sent_at, updated_at;
};

std::vector<ReferralRecord> ListCaseReferrals(SqlConn& c, const std::string& case_id);
void ListCaseReferrals(QueryBatch& b, const std::string& case_id, std::vector<ReferralRecord>* out);

// Newest first: the referrals addressed to a partner organisation (at most `limit`).
std::vector<ReferralRecord> ListPartnerReferrals(SqlConn& c, const std::string& partner_id,
                                                 std::int64_t limit);

std::optional<ReferralRecord> FindReferral(SqlConn& c, const std::string& id);

struct TeamMember {
  std::string user_id, username, display_name, since, joined_by;
};

// The case team, in joining order.
std::vector<TeamMember> ListCaseTeam(SqlConn& c, const std::string& case_id);

std::vector<CaseRecord> ListCases(SqlConn& c, const CaseFilter& f, std::int64_t* total = nullptr);

std::vector<CaseFactRow> ListCaseFacts(SqlConn& c, const std::string& case_id);

}  // namespace lindungi::store
