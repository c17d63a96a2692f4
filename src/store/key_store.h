// People's keys (crypto-shredding) and the blind indexes that find a person sealed.
// Each query runs on a caller's SqlConn (inside the caller's read snapshot or write
// transaction) and throws StoreError on storage failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql.h"

namespace lindungi::store {

struct PersonKeyRecord {
  std::string person_id, case_id, key_id, wrapped, created_at;
};

void InsertPersonKey(SqlConn& c, const PersonKeyRecord& r);

std::vector<PersonKeyRecord> FindPersonKeys(SqlConn& c, const std::vector<std::string>& ids);
// The keys of the people made for case `case_id` (those of its record, read with it).
void FindCasePersonKeys(QueryBatch& b, const std::string& case_id,
                        std::vector<PersonKeyRecord>* out);

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

}  // namespace lindungi::store
