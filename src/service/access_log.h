// The access log (docs/security.md "Audit"): every read of a case's personal data is
// recorded — who, which case, which section, when, for what purpose, which request.
// Reads only enqueue; a background thread writes the queue in batches (one transaction a
// second, or sooner when 256 wait), so reads stay fast. Close() (a clean shutdown) writes
// everything still queued. Safe for concurrent use.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/value.hpp>

#include "core/clock.h"
#include "core/error.h"
#include "service/principal.h"
#include "store/database.h"

namespace lindungi {

class AccessLog {
 public:
  // `enabled` false records nothing (benchmarks measure the cost of auditing with it).
  AccessLog(store::Database& db, const Clock& clock, bool enabled);
  ~AccessLog();  // Close()

  // Records that `p` read `section` ("case", "history", "sops", "task", "case_list") of
  // case `case_id` in unit `unit_id`.
  void Record(const Principal& p, const std::string& unit_id, const std::string& case_id,
              const std::string& section);

  // Who read a case (`case_id`), or what a user read (`user_id`), newest first: for the
  // unit heads and department heads of the units concerned. kPermissionDenied for anyone
  // else; kNotFound for a case outside their units. Flushes first, so it is complete.
  Result<boost::json::value> Query(const Principal& p, const std::optional<std::string>& case_id,
                                   const std::optional<std::string>& user_id);

  // Writes what is queued now and returns once it is stored.
  void Flush();
  // Flushes and stops the writer thread; later records are written at once. Idempotent.
  void Close();

 private:
  struct Entry {
    std::string at, user_id, unit_id, case_id, section, purpose, request_id;
  };
  void Run();
  void WriteBatch(std::vector<Entry>& batch);

  store::Database& db_;
  const Clock& clock_;
  const bool enabled_;
  std::mutex mu_;
  std::condition_variable cv_, flushed_;
  std::vector<Entry> queue_;
  std::uint64_t enqueued_ = 0, written_ = 0;
  bool stop_ = false;
  std::thread writer_;
};

}  // namespace lindungi
