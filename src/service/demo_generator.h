// `lindungi demo generate` (docs/reports.md "Demo data"): realistic synthetic cases of one
// unit, made through the same use cases as staff make them (intake, the client's record,
// classification, triage, a perpetrator and an incident, a plan) and run through the unit's
// real SOPs with simulated time — each step given what it requires as staff give it (the
// forms of its document kinds filled and filed, consents, facts) — tasks done after
// plausible durations, some late, some still open and overdue, some SOPs ended, some cases
// terminated (agreed, after the pack's termination SOP and case conference where it has them;
// or unilaterally). Every case is marked synthetic (CaseOpened `synthetic`), and generation is
// refused on a store that holds a real case. Deterministic for a seed. Runs several jobs at once so
// the store's group commit batches the writes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/error.h"

namespace lindungi {

struct App;

struct DemoOptions {
  std::string unit_code;
  std::int64_t cases = 100;  // 1 .. 10,000,000
  std::uint64_t seed = 1;
  int jobs = 8;  // cases generated at once
};

struct DemoSummary {
  std::int64_t cases = 0, tasks_completed = 0, sops_started = 0, terminated = 0;
  double seconds = 0;
};

// Generates the cases; `progress(done, total)` is called as cases finish (from one thread at
// a time). kNotFound for an unknown unit, kFailedPrecondition "real_cases_present" when the
// store holds a case not marked synthetic, "unit_has_no_sop_pack" without a pack.
Result<DemoSummary> GenerateDemo(App& app, const DemoOptions& options,
                                 const std::function<void(std::int64_t, std::int64_t)>& progress);

}  // namespace lindungi
