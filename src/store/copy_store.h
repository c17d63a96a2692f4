// Moving a unit between backends (`lindungi migrate-store`): replays every event of one
// store into an empty other store, verifying each event's hash as it goes, rebuilding the
// projections there, and copying the non-event state (credentials, counters, idempotency
// keys). Sessions are not copied: users log in again.
#pragma once

#include <cstdint>
#include <functional>

#include "core/error.h"
#include "store/database.h"

namespace lindungi::store {

struct CopyReport {
  std::int64_t events = 0;
  std::int64_t streams = 0;
};

// Copies `from` into `to`. kFailedPrecondition if `to` already holds events or `from`
// fails verification; kCorruption if an event's hash does not match while copying or the
// target fails verification afterwards. `progress(done, total)` is called after each page.
Result<CopyReport> CopyStore(Database& from, Database& to,
                             const std::function<void(std::int64_t, std::int64_t)>& progress);

}  // namespace lindungi::store
