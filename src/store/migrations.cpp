#include "store/migrations.h"

#include <fmt/format.h>

#include "core/clock.h"

#include <string>
#include <vector>

namespace lindungi::store {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;           // portable SQL, or SQLite's where `postgres_sql` is given
  const char* postgres_sql;  // PostgreSQL's variant, or nullptr
};

// Timestamps are RFC 3339 UTC text of fixed width, so text order is time order.
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kAll = {
      {1, "create_events", R"SQL(
CREATE TABLE events (
  position  INTEGER PRIMARY KEY,
  stream_id TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  type      TEXT    NOT NULL,
  actor     TEXT    NOT NULL,
  at        TEXT    NOT NULL,
  payload   TEXT    NOT NULL,
  prev_hash TEXT    NOT NULL,
  hash      TEXT    NOT NULL,
  UNIQUE (stream_id, seq)
);
CREATE TABLE streams (
  stream_id TEXT PRIMARY KEY,
  version   INTEGER NOT NULL,
  head_hash TEXT    NOT NULL
);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)SQL",
       R"SQL(
CREATE TABLE events (
  position  BIGSERIAL PRIMARY KEY,
  stream_id TEXT    NOT NULL,
  seq       BIGINT  NOT NULL,
  type      TEXT    NOT NULL,
  actor     TEXT    NOT NULL,
  at        TEXT    NOT NULL,
  payload   TEXT    NOT NULL,
  prev_hash TEXT    NOT NULL,
  hash      TEXT    NOT NULL,
  UNIQUE (stream_id, seq)
);
CREATE TABLE streams (
  stream_id TEXT PRIMARY KEY,
  version   BIGINT NOT NULL,
  head_hash TEXT   NOT NULL
);
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
)SQL"},
      {2, "create_units_and_users", R"SQL(
CREATE TABLE units (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, level TEXT NOT NULL,
  province TEXT, time_zone TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL
);
CREATE TABLE user_roles (
  user_id TEXT NOT NULL, unit_id TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (user_id, unit_id, role)
);
CREATE TABLE credentials (
  user_id TEXT PRIMARY KEY, password_hash TEXT NOT NULL, changed_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
)SQL",
       nullptr},
      {3, "create_cases", R"SQL(
CREATE TABLE cases (
  id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, number TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL, channel TEXT NOT NULL, crisis INTEGER NOT NULL,
  received_at TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  created_by TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE INDEX cases_unit_received ON cases (unit_id, received_at);
CREATE INDEX cases_unit_status ON cases (unit_id, status, received_at);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE idempotency_keys (
  user_id TEXT NOT NULL, idem_key TEXT NOT NULL, request_hash TEXT NOT NULL,
  status INTEGER NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
)SQL",
       nullptr},
      // The SOP engine's read tables (DESIGN §5). `due_key` is due_at, or a far-future
      // sentinel for tasks without a deadline, so "overdue first" is one index order on
      // both backends (they sort NULLs differently).
      {4, "create_sop_tables", R"SQL(
ALTER TABLE units ADD COLUMN sop_pack TEXT;
CREATE TABLE sop_instances (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, sop_id TEXT NOT NULL, status TEXT NOT NULL,
  end_reason TEXT, started_at TEXT NOT NULL, started_by TEXT NOT NULL, ended_at TEXT,
  parent_id TEXT, state TEXT NOT NULL
);
CREATE INDEX sop_instances_case ON sop_instances (case_id, started_at);
CREATE TABLE tasks (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, unit_id TEXT NOT NULL, instance_id TEXT NOT NULL,
  sop_id TEXT NOT NULL, step_id TEXT NOT NULL, role TEXT NOT NULL, assignee TEXT,
  status TEXT NOT NULL, opened_at TEXT NOT NULL, opened_seq INTEGER NOT NULL, due_at TEXT, due_key TEXT NOT NULL,
  calendar_incomplete INTEGER NOT NULL, completed_at TEXT, completed_by TEXT, outcome TEXT,
  note TEXT, documents TEXT, waiver TEXT
);
CREATE INDEX tasks_case ON tasks (case_id, opened_seq);
CREATE INDEX tasks_open_role ON tasks (unit_id, role, due_key, id) WHERE status = 'open';
CREATE INDEX tasks_open_unit ON tasks (unit_id, due_key, id) WHERE status = 'open';
CREATE INDEX tasks_open_assignee ON tasks (assignee, due_key, id) WHERE status = 'open';
CREATE TABLE case_facts (
  case_id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (case_id, kind, name)
);
)SQL",
       nullptr},
      // Idle timeout: when each session was last used (updated at most once a minute).
      {5, "session_last_seen", R"SQL(
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT NOT NULL DEFAULT '';
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
)SQL",
       nullptr},
      // Log-in throttling, shared by every server process of the store.
      {6, "login_throttle", R"SQL(
CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure_at TEXT NOT NULL,
  blocked_until TEXT NOT NULL
);
)SQL",
       nullptr},
      // The access log: who read which case's personal data (docs/security.md "Audit").
      {7, "access_log", R"SQL(
CREATE TABLE access_log (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT NOT NULL, unit_id TEXT NOT NULL,
  case_id TEXT NOT NULL, section TEXT NOT NULL, purpose TEXT, request_id TEXT NOT NULL
);
CREATE INDEX access_log_case ON access_log (case_id, id);
CREATE INDEX access_log_user ON access_log (user_id, id);
)SQL",
       R"SQL(
CREATE TABLE access_log (
  id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, user_id TEXT NOT NULL, unit_id TEXT NOT NULL,
  case_id TEXT NOT NULL, section TEXT NOT NULL, purpose TEXT, request_id TEXT NOT NULL
);
CREATE INDEX access_log_case ON access_log (case_id, id);
CREATE INDEX access_log_user ON access_log (user_id, id);
)SQL"},
      // Per-person keys, wrapped by the unit data key (kept outside the database).
      {8, "person_keys", R"SQL(
CREATE TABLE person_keys (
  person_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, key_id TEXT NOT NULL,
  wrapped TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE INDEX person_keys_case ON person_keys (case_id);
)SQL",
       nullptr},
      // Second factor: a TOTP secret (sealed by the unit data key) and recovery code hashes.
      {9, "totp", R"SQL(
CREATE TABLE totp (
  user_id TEXT PRIMARY KEY, secret TEXT NOT NULL, confirmed INTEGER NOT NULL,
  last_step INTEGER NOT NULL, recovery TEXT NOT NULL, created_at TEXT NOT NULL
);
)SQL",
       nullptr},
      // Blind indexes: keyed hashes of name tokens and NIK, for search without decryption.
      {10, "person_index", R"SQL(
CREATE TABLE person_index (
  kind TEXT NOT NULL, token TEXT NOT NULL, person_id TEXT NOT NULL, case_id TEXT NOT NULL,
  unit_id TEXT NOT NULL, PRIMARY KEY (kind, token, person_id)
);
CREATE INDEX person_index_person ON person_index (person_id);
)SQL",
       nullptr},
      // Need-to-know (docs/security.md "Authorization"): the case team, the sensitive flag,
      // and the role pools' inbox holding only unassigned tasks.
      {11, "case_access", R"SQL(
ALTER TABLE cases ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0;
CREATE TABLE case_team (
  case_id TEXT NOT NULL, user_id TEXT NOT NULL, since TEXT NOT NULL, joined_by TEXT NOT NULL,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_team_user ON case_team (user_id, case_id);
DROP INDEX tasks_open_role;
CREATE INDEX tasks_open_pool ON tasks (unit_id, role, due_key, id)
  WHERE status = 'open' AND assignee IS NULL;
CREATE INDEX tasks_open_case ON tasks (case_id, assignee) WHERE status = 'open';
)SQL",
       nullptr},
      // Two-step log-in a unit makes mandatory for its heads and administrators; a session
      // of such a user without it may only enrol.
      {12, "two_factor_policy", R"SQL(
ALTER TABLE units ADD COLUMN two_factor_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN two_factor_pending INTEGER NOT NULL DEFAULT 0;
)SQL",
       nullptr},
      // Partner organisations (police, health, social ...) and their users, who hold no
      // unit role: they see only what is referred to their organisation.
      {13, "partners", R"SQL(
CREATE TABLE partners (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
  created_at TEXT NOT NULL
);
ALTER TABLE users ADD COLUMN partner_id TEXT;
)SQL",
       nullptr},
      // The case record: every person on a case (intake's client and reporter too) and the
      // incidents; identifying fields inside `data` are sealed (docs/security.md).
      {14, "case_people_and_incidents", R"SQL(
CREATE TABLE case_people (
  person_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, role TEXT NOT NULL, data TEXT NOT NULL,
  added_at TEXT NOT NULL, added_seq INTEGER NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX case_people_case ON case_people (case_id, added_seq);
CREATE TABLE incidents (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, occurred_on TEXT NOT NULL, data TEXT NOT NULL,
  recorded_at TEXT NOT NULL, recorded_seq INTEGER NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX incidents_case ON incidents (case_id, recorded_seq);
)SQL",
       nullptr},
      // Consents on cases, and referrals to partner organisations (their users see the
      // referrals addressed to them).
      {15, "consents_and_referrals", R"SQL(
CREATE TABLE consents (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, client_id TEXT NOT NULL, given_by TEXT NOT NULL,
  scopes TEXT NOT NULL, partner_id TEXT, status TEXT NOT NULL, data TEXT NOT NULL,
  recorded_at TEXT NOT NULL, recorded_seq INTEGER NOT NULL, withdrawn_at TEXT
);
CREATE INDEX consents_case ON consents (case_id, recorded_seq);
CREATE TABLE referrals (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, unit_id TEXT NOT NULL, partner_id TEXT NOT NULL,
  client_id TEXT NOT NULL, status TEXT NOT NULL, data TEXT NOT NULL, sent_at TEXT NOT NULL,
  sent_seq INTEGER NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX referrals_case ON referrals (case_id, sent_seq);
CREATE INDEX referrals_partner ON referrals (partner_id, sent_at);
)SQL",
       nullptr},
      // Shelters of a unit (the address sealed) and the stays of clients in them; occupancy
      // is the count of open stays.
      {16, "shelters", R"SQL(
CREATE TABLE shelters (
  id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
  capacity INTEGER NOT NULL, takes TEXT NOT NULL, max_age INTEGER, address TEXT NOT NULL,
  phone TEXT, registered_at TEXT NOT NULL, registered_by TEXT NOT NULL, updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX shelters_unit ON shelters (unit_id, name);
CREATE TABLE shelter_stays (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, shelter_id TEXT NOT NULL, person_id TEXT NOT NULL,
  status TEXT NOT NULL, admitted_on TEXT NOT NULL, admitted_at TEXT NOT NULL,
  admitted_seq INTEGER NOT NULL, discharged_on TEXT, data TEXT NOT NULL
);
CREATE INDEX shelter_stays_case ON shelter_stays (case_id, admitted_seq);
CREATE INDEX shelter_stays_open ON shelter_stays (shelter_id, status);
CREATE INDEX shelter_stays_person ON shelter_stays (person_id, status);
)SQL",
       nullptr},
      // Documents on a case file (docs/forms.md "Filed forms"): filled forms, their coded
      // values in clear, their identifying values sealed; each correction a new version.
      {17, "documents", R"SQL(
CREATE TABLE case_documents (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, source TEXT NOT NULL, form_id TEXT,
  kinds TEXT NOT NULL, title TEXT NOT NULL, person_id TEXT, task_id TEXT, data TEXT NOT NULL,
  version INTEGER NOT NULL, filed_seq INTEGER NOT NULL, created_at TEXT NOT NULL,
  created_by TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
);
CREATE INDEX case_documents_case ON case_documents (case_id, filed_seq);
)SQL",
       nullptr},
      // Case work: the intervention plan (one row per case, its version), case conferences
      // and family meetings, monitoring notes, terminations (with their reopening).
      {18, "case_work", R"SQL(
CREATE TABLE case_plans (
  case_id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
);
CREATE TABLE case_meetings (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT NOT NULL, held_at TEXT NOT NULL,
  data TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,
  recorded_seq INTEGER NOT NULL
);
CREATE INDEX case_meetings_case ON case_meetings (case_id, held_at);
CREATE TABLE monitoring_notes (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, method TEXT NOT NULL, note_date TEXT NOT NULL,
  data TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,
  recorded_seq INTEGER NOT NULL
);
CREATE INDEX monitoring_notes_case ON monitoring_notes (case_id, note_date);
CREATE TABLE case_terminations (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT,
  data TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,
  recorded_seq INTEGER NOT NULL
);
CREATE INDEX case_terminations_case ON case_terminations (case_id, recorded_seq);
)SQL",
       nullptr},
      // Transfers of a case to another unit (docs/transfers.md): the request with its
      // handover minutes, the answer and the reports back, as `data` (free text sealed).
      {19, "transfers", R"SQL(
CREATE TABLE transfers (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, from_unit TEXT NOT NULL, to_unit TEXT NOT NULL,
  status TEXT NOT NULL, requested_at TEXT NOT NULL, requested_seq INTEGER NOT NULL,
  requested_by TEXT NOT NULL, updated_at TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX transfers_case ON transfers (case_id, requested_seq);
CREATE INDEX transfers_from ON transfers (from_unit, requested_at);
CREATE INDEX transfers_to ON transfers (to_unit, requested_at);
)SQL",
       nullptr},
      // The bytes of a document that has them (an uploaded scan, photo or recording; a
      // letter's PDF), sealed under the key of the person the document is about. Primary
      // data like person_keys: written with the event that files the document, not a
      // projection (the event carries the digest, size and media type).
      {20, "document_files", R"SQL(
CREATE TABLE document_files (
  document_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, person_id TEXT NOT NULL,
  media_type TEXT NOT NULL, size INTEGER NOT NULL, digest TEXT NOT NULL, sealed TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX document_files_case ON document_files (case_id);
)SQL",
       nullptr},
      // Each unit's letter settings (docs/letters.md "Unit letter settings"): letterhead,
      // city, head and agenda number format, as the JSON of its last UnitLetterheadSet.
      {21, "unit_letter_settings", R"SQL(
CREATE TABLE unit_letter_settings (
  unit_id TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
)SQL",
       nullptr},
      // Uploads in progress, in chunks (working state, no events; docs/uploads.md).
      {22, "uploads", R"SQL(
CREATE TABLE uploads (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, user_id TEXT NOT NULL, person_id TEXT NOT NULL,
  task_id TEXT, kind TEXT, media_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT,
  received INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX uploads_idle ON uploads (updated_at);
CREATE TABLE upload_chunks (
  upload_id TEXT NOT NULL, chunk_start INTEGER NOT NULL, size INTEGER NOT NULL,
  digest TEXT NOT NULL, sealed TEXT NOT NULL, PRIMARY KEY (upload_id, chunk_start)
);
)SQL",
       nullptr},
      // The partner directory: the unit a partner serves (none: every unit) and its area.
      {23, "partner_directory", R"SQL(
ALTER TABLE partners ADD COLUMN unit_id TEXT;
ALTER TABLE partners ADD COLUMN area TEXT NOT NULL DEFAULT '';
)SQL",
       nullptr},
      // The language a user chose for the browser UI (event UserLanguageSet); none: Bahasa
      // Indonesia.
      {24, "user_language", R"SQL(
ALTER TABLE users ADD COLUMN language TEXT;
)SQL",
       nullptr},
      // Reports (docs/reports.md): each client's coded values, their counts per unit, month,
      // dimension and value, the SIMFONI rows marked sent, how long each completed task took
      // in its step's unit, and the synthetic flag of demo cases.
      {25, "reports", R"SQL(
CREATE TABLE stats_facts (
  case_id TEXT NOT NULL, client_id TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL,
  unit_id TEXT NOT NULL, month TEXT NOT NULL, PRIMARY KEY (client_id, dimension, value)
);
CREATE INDEX stats_facts_case ON stats_facts (case_id);
CREATE INDEX stats_facts_scope ON stats_facts (dimension, unit_id, month, client_id, value, case_id);
CREATE TABLE stats_counts (
  unit_id TEXT NOT NULL, month TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL,
  cases INTEGER NOT NULL, clients INTEGER NOT NULL, PRIMARY KEY (unit_id, month, dimension, value)
);
CREATE TABLE simfoni_sent (
  case_id TEXT NOT NULL, client_id TEXT NOT NULL, incident_id TEXT NOT NULL,
  nomor_simfoni TEXT NOT NULL, sent_on TEXT NOT NULL, recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL, PRIMARY KEY (client_id, incident_id)
);
CREATE INDEX simfoni_sent_case ON simfoni_sent (case_id);
ALTER TABLE tasks ADD COLUMN duration REAL;
ALTER TABLE tasks ADD COLUMN duration_unit TEXT;
ALTER TABLE tasks ADD COLUMN within_standard INTEGER;
CREATE INDEX tasks_done_unit ON tasks (unit_id, completed_at) WHERE status = 'completed';
ALTER TABLE cases ADD COLUMN synthetic INTEGER NOT NULL DEFAULT 0;
)SQL",
       R"SQL(
CREATE TABLE stats_facts (
  case_id TEXT NOT NULL, client_id TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL,
  unit_id TEXT NOT NULL, month TEXT NOT NULL, PRIMARY KEY (client_id, dimension, value)
);
CREATE INDEX stats_facts_case ON stats_facts (case_id);
CREATE INDEX stats_facts_scope ON stats_facts (dimension, unit_id, month, client_id, value, case_id);
CREATE TABLE stats_counts (
  unit_id TEXT NOT NULL, month TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL,
  cases BIGINT NOT NULL, clients BIGINT NOT NULL, PRIMARY KEY (unit_id, month, dimension, value)
);
CREATE TABLE simfoni_sent (
  case_id TEXT NOT NULL, client_id TEXT NOT NULL, incident_id TEXT NOT NULL,
  nomor_simfoni TEXT NOT NULL, sent_on TEXT NOT NULL, recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL, PRIMARY KEY (client_id, incident_id)
);
CREATE INDEX simfoni_sent_case ON simfoni_sent (case_id);
ALTER TABLE tasks ADD COLUMN duration DOUBLE PRECISION;
ALTER TABLE tasks ADD COLUMN duration_unit TEXT;
ALTER TABLE tasks ADD COLUMN within_standard INTEGER;
CREATE INDEX tasks_done_unit ON tasks (unit_id, completed_at) WHERE status = 'completed';
ALTER TABLE cases ADD COLUMN synthetic INTEGER NOT NULL DEFAULT 0;
)SQL"},
      // Report projections for a national scope (docs/reports.md, docs/performance.md
      // "Reports"): completed tasks counted per unit (and nationally, area '*'), month
      // completed in the unit's zone, step, staff member, duration in hundredths of its unit
      // (-1 unmeasured) and whether in time (-1 no deadline); the national count of clients and
      // cases per pair of values of two dimensions and month; stats_counts' national roll-up
      // (unit '*'); open tasks by step, covered; and the moment a task's deadline counts
      // from when it is not its opening. Filled from what is there.
      {26, "report_rollups", R"SQL(
ALTER TABLE tasks ADD COLUMN clock_from TEXT;
CREATE TABLE stats_durations (
  area TEXT NOT NULL, month TEXT NOT NULL, sop_id TEXT NOT NULL, step_id TEXT NOT NULL,
  staff TEXT NOT NULL, duration_unit TEXT NOT NULL, duration INTEGER NOT NULL,
  within_standard INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (area, sop_id, step_id, staff, duration_unit, duration, within_standard, month)
);
CREATE TABLE stats_pairs (
  month TEXT NOT NULL, dim_a TEXT NOT NULL, value_a TEXT NOT NULL, dim_b TEXT NOT NULL,
  value_b TEXT NOT NULL, cases INTEGER NOT NULL, clients INTEGER NOT NULL,
  PRIMARY KEY (dim_a, dim_b, month, value_a, value_b)
);
INSERT INTO stats_durations (area, month, sop_id, step_id, staff, duration_unit, duration,
  within_standard, n)
SELECT t.unit_id, strftime('%Y-%m', t.completed_at, CASE u.time_zone WHEN 'Asia/Makassar' THEN
  '+8 hours' WHEN 'Asia/Jayapura' THEN '+9 hours' ELSE '+7 hours' END), t.sop_id, t.step_id,
  COALESCE(t.completed_by, ''), CASE WHEN t.duration IS NULL THEN '' ELSE
  COALESCE(t.duration_unit, '') END, CASE WHEN t.duration IS NULL THEN -1 ELSE
  CAST(ROUND(t.duration * 100) AS INTEGER) END, COALESCE(t.within_standard, -1), COUNT(*)
FROM tasks t LEFT JOIN units u ON u.id = t.unit_id WHERE t.status = 'completed'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO stats_durations (area, month, sop_id, step_id, staff, duration_unit, duration,
  within_standard, n)
SELECT '*', month, sop_id, step_id, '', duration_unit, duration, within_standard, SUM(n)
FROM stats_durations GROUP BY month, sop_id, step_id, duration_unit, duration, within_standard;
INSERT INTO stats_pairs (month, dim_a, value_a, dim_b, value_b, cases, clients)
SELECT a.month, a.dimension, a.value, b.dimension, b.value, COUNT(DISTINCT a.case_id), COUNT(*)
FROM stats_facts a JOIN stats_facts b ON b.client_id = a.client_id AND b.dimension > a.dimension
GROUP BY a.month, a.dimension, a.value, b.dimension, b.value;
INSERT INTO stats_counts (unit_id, month, dimension, value, cases, clients)
SELECT '*', month, dimension, value, SUM(cases), SUM(clients) FROM stats_counts
GROUP BY month, dimension, value;
CREATE INDEX tasks_open_step ON tasks (unit_id, sop_id, step_id, assignee, due_at)
  WHERE status = 'open';
)SQL",
       R"SQL(
ALTER TABLE tasks ADD COLUMN clock_from TEXT;
CREATE TABLE stats_durations (
  area TEXT NOT NULL, month TEXT NOT NULL, sop_id TEXT NOT NULL, step_id TEXT NOT NULL,
  staff TEXT NOT NULL, duration_unit TEXT NOT NULL, duration BIGINT NOT NULL,
  within_standard INTEGER NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (area, sop_id, step_id, staff, duration_unit, duration, within_standard, month)
);
CREATE TABLE stats_pairs (
  month TEXT NOT NULL, dim_a TEXT NOT NULL, value_a TEXT NOT NULL, dim_b TEXT NOT NULL,
  value_b TEXT NOT NULL, cases BIGINT NOT NULL, clients BIGINT NOT NULL,
  PRIMARY KEY (dim_a, dim_b, month, value_a, value_b)
);
INSERT INTO stats_durations (area, month, sop_id, step_id, staff, duration_unit, duration,
  within_standard, n)
SELECT t.unit_id, to_char((t.completed_at::timestamptz AT TIME ZONE 'UTC') + CASE u.time_zone
  WHEN 'Asia/Makassar' THEN 8 WHEN 'Asia/Jayapura' THEN 9 ELSE 7 END * interval '1 hour',
  'YYYY-MM'), t.sop_id, t.step_id, COALESCE(t.completed_by, ''), CASE WHEN t.duration IS NULL
  THEN '' ELSE COALESCE(t.duration_unit, '') END, CASE WHEN t.duration IS NULL THEN -1 ELSE
  CAST(round((t.duration * 100)::numeric) AS BIGINT) END, COALESCE(t.within_standard, -1),
  COUNT(*)
FROM tasks t LEFT JOIN units u ON u.id = t.unit_id WHERE t.status = 'completed'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO stats_durations (area, month, sop_id, step_id, staff, duration_unit, duration,
  within_standard, n)
SELECT '*', month, sop_id, step_id, '', duration_unit, duration, within_standard, SUM(n)
FROM stats_durations GROUP BY month, sop_id, step_id, duration_unit, duration, within_standard;
INSERT INTO stats_pairs (month, dim_a, value_a, dim_b, value_b, cases, clients)
SELECT a.month, a.dimension, a.value, b.dimension, b.value, COUNT(DISTINCT a.case_id), COUNT(*)
FROM stats_facts a JOIN stats_facts b ON b.client_id = a.client_id AND
  b.dimension COLLATE "C" > a.dimension COLLATE "C"
GROUP BY a.month, a.dimension, a.value, b.dimension, b.value;
INSERT INTO stats_counts (unit_id, month, dimension, value, cases, clients)
SELECT '*', month, dimension, value, SUM(cases), SUM(clients) FROM stats_counts
GROUP BY month, dimension, value;
CREATE INDEX tasks_open_step ON tasks (unit_id, sop_id, step_id, assignee, due_at)
  WHERE status = 'open';
)SQL"},
      // Migration 26 counted the durations of tasks already completed in hundredths, while
      // the projection keeps tenths (core/statistics.h DurationTenths): recounted from tasks.
      {27, "report_durations_in_tenths", R"SQL(
DELETE FROM stats_durations;
INSERT INTO stats_durations (area, month, sop_id, step_id, staff, duration_unit, duration,
  within_standard, n)
SELECT t.unit_id, strftime('%Y-%m', t.completed_at, CASE u.time_zone WHEN 'Asia/Makassar' THEN
  '+8 hours' WHEN 'Asia/Jayapura' THEN '+9 hours' ELSE '+7 hours' END), t.sop_id, t.step_id,
  COALESCE(t.completed_by, ''), CASE WHEN t.duration IS NULL THEN '' ELSE
  COALESCE(t.duration_unit, '') END, CASE WHEN t.duration IS NULL THEN -1 ELSE
  CAST(ROUND(t.duration * 10) AS INTEGER) END, COALESCE(t.within_standard, -1), COUNT(*)
FROM tasks t LEFT JOIN units u ON u.id = t.unit_id WHERE t.status = 'completed'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO stats_durations (area, month, sop_id, step_id, staff, duration_unit, duration,
  within_standard, n)
SELECT '*', month, sop_id, step_id, '', duration_unit, duration, within_standard, SUM(n)
FROM stats_durations GROUP BY month, sop_id, step_id, duration_unit, duration, within_standard;
)SQL",
       R"SQL(
DELETE FROM stats_durations;
INSERT INTO stats_durations (area, month, sop_id, step_id, staff, duration_unit, duration,
  within_standard, n)
SELECT t.unit_id, to_char((t.completed_at::timestamptz AT TIME ZONE 'UTC') + CASE u.time_zone
  WHEN 'Asia/Makassar' THEN 8 WHEN 'Asia/Jayapura' THEN 9 ELSE 7 END * interval '1 hour',
  'YYYY-MM'), t.sop_id, t.step_id, COALESCE(t.completed_by, ''), CASE WHEN t.duration IS NULL
  THEN '' ELSE COALESCE(t.duration_unit, '') END, CASE WHEN t.duration IS NULL THEN -1 ELSE
  CAST(round((t.duration * 10)::numeric) AS BIGINT) END, COALESCE(t.within_standard, -1),
  COUNT(*)
FROM tasks t LEFT JOIN units u ON u.id = t.unit_id WHERE t.status = 'completed'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO stats_durations (area, month, sop_id, step_id, staff, duration_unit, duration,
  within_standard, n)
SELECT '*', month, sop_id, step_id, '', duration_unit, duration, within_standard, SUM(n)
FROM stats_durations GROUP BY month, sop_id, step_id, duration_unit, duration, within_standard;
)SQL"},
  };
  return kAll;
}

}  // namespace

int LatestSchemaVersion() {
  return Migrations().back().version;
}

void Migrate(SqlConn& conn) {
  const bool postgres = conn.Dialect() == "postgres";
  // Two processes starting at once: PostgreSQL serialises them with an advisory lock,
  // SQLite with BEGIN IMMEDIATE.
  if (postgres) conn.ExecScript("SELECT pg_advisory_lock(7270101)");
  struct Unlock {
    SqlConn& c;
    bool pg;
    ~Unlock() {
      try {
        if (pg) c.ExecScript("SELECT pg_advisory_unlock(7270101)");
      } catch (const StoreError&) {
      }
    }
  } unlock{conn, postgres};
  conn.ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  for (const auto& m : Migrations()) {
    conn.ExecScript(postgres ? "BEGIN" : "BEGIN IMMEDIATE");
    try {
      auto rows = conn.Query("SELECT 1 FROM schema_migrations WHERE version = ?",
                             {std::int64_t{m.version}});
      if (rows.empty()) {
        conn.ExecScript(postgres && m.postgres_sql ? m.postgres_sql : m.sql);
        conn.Exec(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            {std::int64_t{m.version}, std::string(m.name), FormatInstant(SystemClock().Now())});
      }
      conn.ExecScript("COMMIT");
    } catch (const StoreError& e) {
      conn.ExecScript("ROLLBACK");
      throw StoreError(fmt::format("migration {} ({}) failed: {}", m.version, m.name, e.what()));
    }
  }
  auto newest = conn.Query("SELECT MAX(version) FROM schema_migrations");
  if (!newest.empty() && !newest[0].IsNull(0) && newest[0].Int(0) > LatestSchemaVersion()) {
    throw StoreError(fmt::format(
        "the database has schema version {}, newer than this binary's {}: upgrade lindungi",
        newest[0].Int(0), LatestSchemaVersion()));
  }
}

}  // namespace lindungi::store
