// Fault injection in the style of SQLite's *fault.test (docs/testing.md "Fault injection"):
// a store::Database that wraps the real one (SQLite or PostgreSQL) and makes the Nth SQL
// statement, or the Nth write's commit, fail with a StoreError, as a full disk, a broken
// connection or a failed fsync would. Test-only: the server never builds one; a test hands it
// to App's constructor (service/app.h) and drives the routes in process (http/api.h).
//
// Only statements issued on behalf of the armed thread count (a write's function runs on the
// SQLite writer thread, so a Write is attributed to the thread that called it): the access
// log's background writer and other threads are never failed. Safe for concurrent use.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "store/database.h"

namespace lindungi::testing {

class FaultInjector {
 public:
  enum class Mode {
    kOff,
    kStatement,  // the Nth statement (Exec, Query or script) fails, and only that one
    kCommit,     // the Nth write fails at its commit: its statements ran, nothing is kept
    kDiskFull,   // from the Nth statement on, every statement that writes fails
  };

  // Arms a fault for the calling thread, counting from now (n >= 1).
  void Arm(Mode mode, int n);
  // Disarms; fired() and the counters stay readable until the next Arm.
  void Disarm();

  // The fault happened since Arm.
  bool fired() const { return fired_; }
  // Statements and writes counted since Arm.
  int statements() const { return statements_; }
  int writes() const { return writes_; }

  // Called by the wrappers: whether this call is counted (the armed thread) ...
  bool Counted() const;
  // ... and, for a counted statement or commit, whether it must fail.
  bool FailStatement(std::string_view sql);
  bool FailCommit();

 private:
  std::atomic<Mode> mode_{Mode::kOff};
  std::atomic<int> n_{0};
  std::atomic<int> statements_{0};
  std::atomic<int> writes_{0};
  std::atomic<bool> fired_{false};
  std::atomic<std::thread::id> thread_{};
};

// `inner` with faults from `injector` (which outlives it).
std::unique_ptr<store::Database> FaultyDatabase(std::unique_ptr<store::Database> inner,
                                                FaultInjector& injector);

}  // namespace lindungi::testing
