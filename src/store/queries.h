// Queries and small writes on the read tables and the non-event state (credentials,
// sessions, idempotency keys, counters). Each runs on a caller's SqlConn (inside the
// caller's read snapshot or write transaction) and throws StoreError on storage failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/access.h"
#include "core/roles.h"
#include "store/sql.h"

namespace lindungi::store {

struct UnitRecord {
  std::string id, code, name, level, province, time_zone;
  std::string sop_pack;              // the SOP pack its cases run ("" if none set)
  bool two_factor_required = false;  // for its heads and administrators
};

struct UserRecord {
  std::string id, username, display_name;
  bool disabled = false;
  std::vector<UnitRole> roles;
  std::string partner_id{};  // a partner organisation's user (no unit roles), else ""
};

// An organisation units work with (GLOSSARY "mitra"): police, health, social, ...
struct PartnerRecord {
  std::string id, code, name, kind;
  std::string unit_id{};  // the unit whose directory holds it; "" for every unit's
  std::string area{};     // where it serves, e.g. "Kota Palangka Raya" ("" if not said)
};

struct SessionRecord {
  std::string user_id, csrf_token, created_at, expires_at;
  std::string last_seen_at;  // the last request that used it (to the minute); at insert: created_at
  bool two_factor_pending = false;  // may only enrol a second factor (unit policy)
};

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

std::optional<UnitRecord> FindUnitByCode(SqlConn& c, const std::string& code);
std::optional<UnitRecord> FindUnit(SqlConn& c, const std::string& id);
std::vector<UnitRecord> ListUnits(SqlConn& c);
// A unit's letter settings as JSON text (docs/letters.md "Unit letter settings"), or none
// while the unit has not set them.
std::optional<std::string> FindUnitLetterSettings(SqlConn& c, const std::string& unit_id);

std::optional<PartnerRecord> FindPartnerByCode(SqlConn& c, const std::string& code);
std::optional<PartnerRecord> FindPartner(SqlConn& c, const std::string& id);
std::vector<PartnerRecord> ListPartners(SqlConn& c);
// The partner directory of these units: their own partners and those of every unit.
std::vector<PartnerRecord> ListUnitPartners(SqlConn& c, const std::vector<std::string>& unit_ids);

std::optional<UserRecord> FindUserByName(SqlConn& c, const std::string& username);
std::optional<UserRecord> FindUser(SqlConn& c, const std::string& id);
std::vector<UserRecord> ListUsers(SqlConn& c);

std::optional<std::string> PasswordHashOf(SqlConn& c, const std::string& user_id);
// The UI language the user chose ("id" or "en"; "id" when none was chosen).
std::string UserLanguage(SqlConn& c, const std::string& user_id);
// Ends every session of the user but the one whose token hash is `keep_hash`.
void DeleteOtherSessionsOf(SqlConn& c, const std::string& user_id, const std::string& keep_hash);
void SetPasswordHash(SqlConn& c, const std::string& user_id, const std::string& hash,
                     const std::string& at);

void InsertSession(SqlConn& c, const std::string& token_hash, const SessionRecord& s);
std::optional<SessionRecord> FindSession(SqlConn& c, const std::string& token_hash);
// The session and its user with roles, in one statement (the per-request authentication).
std::optional<std::pair<SessionRecord, UserRecord>> FindSessionUser(SqlConn& c,
                                                                    const std::string& token_hash);
void DeleteSession(SqlConn& c, const std::string& token_hash);
// The user's sessions, newest first, each with its token hash.
std::vector<std::pair<std::string, SessionRecord>> SessionsOf(SqlConn& c,
                                                              const std::string& user_id);
void DeleteSessionsOf(SqlConn& c, const std::string& user_id);
// Deletes sessions past their absolute expiry (`now`) or unused since `idle_before`.
void DeleteExpiredSessions(SqlConn& c, const std::string& now, const std::string& idle_before);
void TouchSession(SqlConn& c, const std::string& token_hash, const std::string& at);
// The user's sessions are no longer limited to enrolling a second factor.
void ClearTwoFactorPending(SqlConn& c, const std::string& user_id);

struct IdempotentResponse {
  std::string request_hash;
  int status = 0;
  std::string response;
};
// Forgets idempotency keys created before `before` (a retry comes within minutes, not days).
// Returns how many were deleted.
std::int64_t DeleteIdempotencyKeysBefore(SqlConn& c, const std::string& before);
std::optional<IdempotentResponse> FindIdempotent(SqlConn& c, const std::string& user_id,
                                                 const std::string& key);
void SaveIdempotent(SqlConn& c, const std::string& user_id, const std::string& key,
                    const IdempotentResponse& r, const std::string& at);

struct ThrottleRecord {
  std::int64_t failures = 0;
  std::string last_failure_at, blocked_until;
};
std::optional<ThrottleRecord> FindThrottle(SqlConn& c, const std::string& key);
void SaveThrottle(SqlConn& c, const std::string& key, const ThrottleRecord& r);
void ClearThrottle(SqlConn& c, const std::string& key);
// Counts one log-in attempt on `key` before its password is checked, in one statement, so
// concurrent attempts each see the ones before them (both backends): unless the key is
// blocked at `now` (blocked_until later than now), failures + 1 (from 1 again when the last
// failure was before `forget_before`) and last_failure_at = now. Returns the new count, or
// nullopt when blocked (nothing changed). The caller then sets blocked_until in the same
// transaction (SetThrottleBlockedUntil), which holds the row until it commits.
std::optional<std::int64_t> CountLoginAttempt(SqlConn& c, const std::string& key,
                                              const std::string& now,
                                              const std::string& forget_before);
void SetThrottleBlockedUntil(SqlConn& c, const std::string& key, const std::string& until);
// Takes back one counted attempt (it succeeded); returns the count left (0 if none).
std::int64_t UncountLoginAttempt(SqlConn& c, const std::string& key);

struct PersonKeyRecord {
  std::string person_id, case_id, key_id, wrapped, created_at;
};
void InsertPersonKey(SqlConn& c, const PersonKeyRecord& r);
std::vector<PersonKeyRecord> FindPersonKeys(SqlConn& c, const std::vector<std::string>& ids);
// Crypto-shredding: the person's fields can no longer be read. Returns rows deleted.
std::int64_t DeletePersonKey(SqlConn& c, const std::string& person_id);
bool AnyPersonKeys(SqlConn& c);
// Key rotation: person keys not wrapped by `key_id`, after `after_person_id` in person id
// order (keyset paging), at most `limit`.
std::vector<PersonKeyRecord> FindPersonKeysNotUnder(SqlConn& c, const std::string& key_id,
                                                    const std::string& after_person_id,
                                                    std::int64_t limit);
// Replaces a person's wrapped key if it is still under `from_key_id`; false if it was erased
// or re-wrapped meanwhile.
bool RewrapPersonKey(SqlConn& c, const std::string& person_id, const std::string& from_key_id,
                     const std::string& to_key_id, const std::string& wrapped);
// (key id, rows) for every key id person keys use.
std::vector<std::pair<std::string, std::int64_t>> CountPersonKeysByKey(SqlConn& c);
// Wrapping under the key file's current key: a transaction that wraps holds the shared lock,
// one that re-wraps or retires keys the exclusive lock, which waits for every wrap begun
// under an older key file to commit. PostgreSQL: a transaction-scoped advisory lock. SQLite:
// nothing to do (a write transaction already excludes every other).
void LockKeyFileShared(SqlConn& c);
void LockKeyFileExclusive(SqlConn& c);

struct IndexEntry {
  std::string kind, token, person_id, case_id, unit_id;
};
void InsertIndexEntry(SqlConn& c, const IndexEntry& e);
void DeleteIndexEntries(SqlConn& c, const std::string& person_id);
// People of `unit_ids` whose entries of `kind` include every one of `tokens` (at most 50).
struct IndexHit {
  std::string person_id, case_id, unit_id;
};
std::vector<IndexHit> FindByIndex(SqlConn& c, const std::string& kind,
                                  const std::vector<std::string>& tokens,
                                  const std::vector<std::string>& unit_ids);

struct TotpRecord {
  std::string secret;  // sealed by the unit data key (base64url)
  bool confirmed = false;
  std::int64_t last_step = 0;  // the last time step used: a code works once
  std::string recovery;        // JSON array of BLAKE2b hashes of unused recovery codes
  std::string created_at;
};
std::optional<TotpRecord> FindTotp(SqlConn& c, const std::string& user_id);
void SaveTotp(SqlConn& c, const std::string& user_id, const TotpRecord& r);
void DeleteTotp(SqlConn& c, const std::string& user_id);
// (user id, sealed secret) of every TOTP row (users are few): for key rotation.
std::vector<std::pair<std::string, std::string>> ListTotpSecrets(SqlConn& c);
// Replaces a sealed secret if it is still `from` (the rest of the row is left alone).
bool ResealTotpSecret(SqlConn& c, const std::string& user_id, const std::string& from,
                      const std::string& to);

struct AccessRecord {
  std::string at, user_id, unit_id, case_id, section, purpose, request_id;
};
void InsertAccess(SqlConn& c, const AccessRecord& r);
// Newest first: the reads of one case, or by one user, within `unit_ids` only.
struct AccessFilter {
  std::optional<std::string> case_id, user_id;
  std::vector<std::string> unit_ids;  // REQUIRES: non-empty
  std::int64_t limit = 200;
};
std::vector<AccessRecord> ListAccess(SqlConn& c, const AccessFilter& f);

// Atomically increments the named counter and returns its new value (first call: 1).
std::int64_t NextCounter(SqlConn& c, const std::string& name);

struct InstanceRecord {
  std::string id, case_id, sop_id, status, end_reason, started_at, started_by, ended_at, parent_id;
  std::string state;  // JSON: the engine's InstanceState
};

struct TaskRecord {
  std::string id, case_id, case_number, unit_id, instance_id, sop_id, step_id, role, assignee,
      status, opened_at, due_at, completed_at, completed_by, outcome, note;
  bool calendar_incomplete = false;
  std::string documents;  // JSON array text ("" while open)
  std::string waiver;     // JSON object text ("" if none)
  // When its deadline counts from, if not opened_at (the first step: when the complaint
  // arrived, docs/sop-format.md); "" otherwise.
  std::string clock_from;
};

// Open tasks for a user: those of the given (unit, role) pairs and those assigned to
// `assignee`, soonest due first (so overdue ones lead), tasks without a deadline last.
struct InboxFilter {
  std::vector<UnitRole> roles;           // unassigned open tasks of these (unit, role) pools
  std::vector<std::string> whole_units;  // every open task of these units (supervisors)
  // Units whose sensitive cases the caller sees (unit heads): elsewhere the pools and whole
  // units leave sensitive cases' tasks out (they reach people by assignment).
  std::vector<std::string> sensitive_units;
  std::string assignee;
  bool assigned_only = false;             // only tasks assigned to `assignee`
  std::optional<std::string> due_before;  // RFC 3339 UTC: only tasks due before (overdue)
  std::optional<std::string> case_id;
  std::optional<std::string> sop_id;
  std::int64_t limit = 50;
  // Keyset paging: only tasks after this (due_key, id) in inbox order.
  std::optional<std::pair<std::string, std::string>> after;
};

// A task's position in inbox order: its due_at, or this for a task without a deadline
// (text order is time order; the same on both backends, which sort NULLs differently).
inline constexpr std::string_view kNoDeadlineKey = "9999-12-31T23:59:59Z";
std::string DueKey(const TaskRecord& t);

struct CaseFactRow {
  std::string kind;  // fact, value, consent, document
  std::string name, value;
};

std::optional<CaseRecord> FindCase(SqlConn& c, const std::string& id);
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
std::optional<PersonRecord> FindCasePerson(SqlConn& c, const std::string& person_id);

struct IncidentRecord {
  std::string id, case_id, occurred_on, data, recorded_at, updated_at;
};
std::vector<IncidentRecord> ListIncidents(SqlConn& c, const std::string& case_id);
std::optional<IncidentRecord> FindIncident(SqlConn& c, const std::string& id);

struct ConsentRecord {
  std::string id, case_id, client_id, given_by, scopes, partner_id, status, data, recorded_at,
      withdrawn_at;
};
std::vector<ConsentRecord> ListConsents(SqlConn& c, const std::string& case_id);

struct ReferralRecord {
  std::string id, case_id, unit_id, partner_id, client_id, status, data, sent_at, updated_at;
};
std::vector<ReferralRecord> ListCaseReferrals(SqlConn& c, const std::string& case_id);
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

std::vector<InstanceRecord> ListInstances(SqlConn& c, const std::string& case_id);
std::optional<InstanceRecord> FindInstance(SqlConn& c, const std::string& id);
std::optional<TaskRecord> FindTask(SqlConn& c, const std::string& id);
// Every task of a case (any status), in opening order.
std::vector<TaskRecord> ListCaseTasks(SqlConn& c, const std::string& case_id);
std::vector<TaskRecord> ListInbox(SqlConn& c, const InboxFilter& f);
std::vector<CaseFactRow> ListCaseFacts(SqlConn& c, const std::string& case_id);

// A shelter of a unit, with its occupancy (open stays). `address` is as stored (sealed).
struct ShelterRecord {
  std::string id, unit_id, name, kind, takes, address, phone, registered_at, registered_by,
      updated_at;
  std::int64_t capacity = 0, occupied = 0, version = 0;
  std::optional<std::int64_t> max_age;
};
std::optional<ShelterRecord> FindShelter(SqlConn& c, const std::string& id);
// The shelters of these units, by name.
std::vector<ShelterRecord> ListShelters(SqlConn& c, const std::vector<std::string>& unit_ids);

// A stay of a case's client in a shelter: `data` is its record as JSON text (reasons sealed).
struct StayRecord {
  std::string id, case_id, shelter_id, shelter_name, person_id, status, admitted_on, data;
};
std::vector<StayRecord> ListCaseStays(SqlConn& c, const std::string& case_id);
std::optional<StayRecord> FindStay(SqlConn& c, const std::string& id);
// The open stay of a person, if any.
std::optional<StayRecord> FindOpenStayOf(SqlConn& c, const std::string& person_id);
// The cases with a client staying in the shelter now.
std::vector<std::string> CasesInShelter(SqlConn& c, const std::string& shelter_id);

}  // namespace lindungi::store
