// What requests leave behind: idempotency keys, login throttling, the access log.
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

}  // namespace lindungi::store
