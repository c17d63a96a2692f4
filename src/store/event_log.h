// The append-only event log (DESIGN §6): every change is an event in a stream
// ("case-<uuid>", "user-<uuid>", "unit-<uuid>") with a per-stream sequence number and a
// BLAKE2b hash chain: hash = BLAKE2b(prev_hash, stream_id, seq, type, actor, at, payload),
// each field length-framed (docs/storage.md). The `streams` table holds each stream's
// version and head hash, so a removed last event is detected too.
// Functions run on a caller's SqlConn inside the caller's transaction.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/sql.h"

namespace lindungi::store {

// Stream ids: one stream per aggregate, its kind's prefix and the aggregate's id. Built only
// here, so a stream is never misspelt and the projections find each kind by its prefix.
inline constexpr std::string_view kCaseStreamPrefix = "case-";
inline constexpr std::string_view kUserStreamPrefix = "user-";
inline constexpr std::string_view kUnitStreamPrefix = "unit-";
inline constexpr std::string_view kPartnerStreamPrefix = "partner-";
inline constexpr std::string_view kShelterStreamPrefix = "shelter-";
inline std::string StreamId(std::string_view prefix, std::string_view id) {
  std::string s(prefix);
  s += id;
  return s;
}
inline std::string CaseStream(std::string_view id) {
  return StreamId(kCaseStreamPrefix, id);
}
inline std::string UserStream(std::string_view id) {
  return StreamId(kUserStreamPrefix, id);
}
inline std::string UnitStream(std::string_view id) {
  return StreamId(kUnitStreamPrefix, id);
}
inline std::string PartnerStream(std::string_view id) {
  return StreamId(kPartnerStreamPrefix, id);
}
inline std::string ShelterStream(std::string_view id) {
  return StreamId(kShelterStreamPrefix, id);
}

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct NewEvent {
  std::string type;  // past tense: "CaseOpened", "CaseUpdated", "UserCreated" ...
  boost::json::object payload;
};

struct StoredEvent {
  std::int64_t position = 0;  // global append order
  std::string stream_id;
  std::int64_t seq = 0;  // 1, 2, 3 ... within the stream
  std::string type;
  std::string actor;    // user id, or "system"
  std::string at;       // RFC 3339 UTC
  std::string payload;  // JSON text exactly as hashed
  std::string prev_hash;
  std::string hash;
};

// The chain hash of `e` given its prev_hash (ignores e.hash and e.position).
std::string EventHash(const StoredEvent& e);

// Expected stream version for an append: a number, "must not exist yet", or "any".
struct ExpectedVersion {
  static ExpectedVersion Any() { return {std::nullopt}; }
  static ExpectedVersion New() { return {0}; }
  static ExpectedVersion Exactly(std::int64_t v) { return {v}; }
  std::optional<std::int64_t> version;
};

struct AppendResult {
  std::int64_t version = 0;  // the stream's version after the append
  std::vector<StoredEvent> events;
};

// Appends `events` to `stream_id` and updates the projections. kConflict (with
// current_version) if the stream's version is not `expected`. Throws StoreError.
Result<AppendResult> AppendEvents(SqlConn& conn, const std::string& stream_id,
                                  ExpectedVersion expected, const std::vector<NewEvent>& events,
                                  const std::string& actor, const std::string& at);

// The current version of a stream (0 if it does not exist).
std::int64_t StreamVersion(SqlConn& conn, const std::string& stream_id);

std::vector<StoredEvent> ReadStream(SqlConn& conn, const std::string& stream_id);

struct ChainProblem {
  std::string stream_id;
  std::int64_t seq = 0;
  std::string problem;  // "changed", "missing", "out_of_order", "head_mismatch", ...
};

// Checks every chain. An empty result means every event is intact. Throws StoreError.
std::vector<ChainProblem> VerifyChains(SqlConn& conn, std::int64_t* events_checked = nullptr);

// Deletes the projections and replays every event into them, in log order. Returns the
// number of events replayed. REQUIRES: inside a write transaction.
std::int64_t RebuildProjections(SqlConn& conn);

}  // namespace lindungi::store
