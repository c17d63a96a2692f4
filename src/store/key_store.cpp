#include "store/key_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi::store {
void InsertPersonKey(SqlConn& c, const PersonKeyRecord& r) {
  c.Exec(
      "INSERT INTO person_keys (person_id, case_id, key_id, wrapped, created_at) VALUES (?, ?, "
      "?, ?, ?)",
      {r.person_id, r.case_id, r.key_id, r.wrapped, r.created_at});
}

std::vector<PersonKeyRecord> FindPersonKeys(SqlConn& c, const std::vector<std::string>& ids) {
  std::string sql =
      "SELECT person_id, case_id, key_id, wrapped, created_at FROM person_keys WHERE person_id "
      "IN (";
  std::vector<SqlValue> params;
  sql += Placeholders(ids.size());
  params.insert(params.end(), ids.begin(), ids.end());
  sql += ")";
  std::vector<PersonKeyRecord> out;
  if (ids.empty()) return out;
  for (const auto& r : c.Query(sql, params))
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

void FindCasePersonKeys(QueryBatch& b, const std::string& case_id,
                        std::vector<PersonKeyRecord>* out) {
  AddListQuery(
      b,
      "SELECT person_id, case_id, key_id, wrapped, created_at FROM person_keys WHERE case_id = ?",
      {case_id}, out, [](const SqlRow& r) {
        return PersonKeyRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
      });
}

std::int64_t DeletePersonKey(SqlConn& c, const std::string& person_id) {
  c.Exec("DELETE FROM person_keys WHERE person_id = ?", {person_id});
  return c.Changes();
}

bool AnyPersonKeys(SqlConn& c) {
  return !c.Query("SELECT 1 FROM person_keys LIMIT 1").empty();
}

std::vector<PersonKeyRecord> FindPersonKeysNotUnder(SqlConn& c, const std::string& key_id,
                                                    const std::string& after_person_id,
                                                    std::int64_t limit) {
  std::vector<PersonKeyRecord> out;
  for (const auto& r :
       c.Query("SELECT person_id, case_id, key_id, wrapped, created_at FROM person_keys WHERE "
               "person_id > ? AND key_id <> ? ORDER BY person_id LIMIT ?",
               {after_person_id, key_id, limit}))
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

bool RewrapPersonKey(SqlConn& c, const std::string& person_id, const std::string& from_key_id,
                     const std::string& to_key_id, const std::string& wrapped) {
  c.Exec("UPDATE person_keys SET key_id = ?, wrapped = ? WHERE person_id = ? AND key_id = ?",
         {to_key_id, wrapped, person_id, from_key_id});
  return c.Changes() == 1;
}

std::vector<std::pair<std::string, std::int64_t>> CountPersonKeysByKey(SqlConn& c) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& r :
       c.Query("SELECT key_id, COUNT(*) FROM person_keys GROUP BY key_id ORDER BY key_id"))
    out.emplace_back(r.Text(0), r.Int(1));
  return out;
}

// The advisory lock's number sits beside the migrations' 7270101.
void LockKeyFileShared(SqlConn& c) {
  if (c.Dialect() == "postgres") c.Query("SELECT pg_advisory_xact_lock_shared(7270102)");
}

void LockKeyFileExclusive(SqlConn& c) {
  if (c.Dialect() == "postgres") c.Query("SELECT pg_advisory_xact_lock(7270102)");
}

void InsertIndexEntry(SqlConn& c, const IndexEntry& e) {
  c.Exec(
      "INSERT INTO person_index (kind, token, person_id, case_id, unit_id) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (kind, token, person_id) DO NOTHING",
      {e.kind, e.token, e.person_id, e.case_id, e.unit_id});
}

void DeleteIndexEntries(SqlConn& c, const std::string& person_id) {
  c.Exec("DELETE FROM person_index WHERE person_id = ?", {person_id});
}

std::vector<IndexHit> FindByIndex(SqlConn& c, const std::string& kind,
                                  const std::vector<std::string>& tokens,
                                  const std::vector<std::string>& unit_ids) {
  if (tokens.empty() || unit_ids.empty()) return {};
  std::string sql = "SELECT person_id, MIN(case_id), MIN(unit_id) FROM person_index WHERE kind = ?";
  std::vector<SqlValue> params{kind};
  sql += " AND token IN (";
  sql += Placeholders(tokens.size());
  params.insert(params.end(), tokens.begin(), tokens.end());
  sql += ") AND unit_id IN (";
  sql += Placeholders(unit_ids.size());
  params.insert(params.end(), unit_ids.begin(), unit_ids.end());
  sql += ") GROUP BY person_id HAVING COUNT(DISTINCT token) = ? ORDER BY person_id LIMIT 50";
  params.emplace_back(std::int64_t(tokens.size()));  // in place (GCC 12 -O3 warning)
  std::vector<IndexHit> out;
  for (const auto& r : c.Query(sql, params)) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
  return out;
}

}  // namespace lindungi::store
