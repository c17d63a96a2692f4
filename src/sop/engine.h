// The SOP engine: runs one SOP instance on a case as open tasks (DESIGN §5). Pure: given
// the SOP, the case's facts and the instance's state, a command returns its effects (steps
// opened or skipped, SOPs to start, the end) and updates the state; the caller stores them
// as events. Not thread-safe (a state belongs to one caller).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "sop/pack.h"

namespace lindungi::sop {

// The vocabulary of conditions and requirements (docs/sop-format.md).
inline constexpr std::string_view kCaseFacts[] = {"child",
                                                  "woman",
                                                  "disability",
                                                  "hiv",
                                                  "sexual_violence",
                                                  "trafficking",
                                                  "crisis",
                                                  "high_risk",
                                                  "abh",
                                                  "domestic_violence",
                                                  "police_examination"};
inline constexpr std::string_view kConsentScopes[] = {"services", "referral",  "data_sharing",
                                                      "outreach", "mediation", "termination"};
// Facts recorded as values (a requirement `fact:<name>` holds once the value is recorded).
inline constexpr std::string_view kFactRequirements[] = {"risk_level", "case_type", "jurisdiction",
                                                         "legal_proceeding"};
// The kinds of legal proceeding a `legal_proceeding` value lists (comma-separated).
inline constexpr std::string_view kLegalProceedings[] = {"police_examination", "court",
                                                         "diversion"};
// SOP ends that close the matter, and so the case (docs/case-work.md "Closing without
// termination"): the reporter is told the complaint cannot be followed up.
inline constexpr std::string_view kClosingEndReasons[] = {"cannot_follow_up"};
// Derived facts, always known from the case record (so an outcome can contradict them).
inline constexpr std::string_view kDerivedFacts[] = {"child", "woman", "disability", "crisis"};

// What a case has, as far as requirements and conditions are concerned.
struct CaseFacts {
  std::set<std::string> facts;      // child, woman, disability, hiv, high_risk, ...
  std::set<std::string> documents;  // document kinds recorded on the case
  std::set<std::string> consents;   // consent scopes given (services, referral, ...)
  std::set<std::string> known;      // facts recorded: risk_level, case_type, jurisdiction
};

struct InstanceState {
  std::vector<std::string> open;        // open step ids, in opening order
  std::map<std::string, int> arrivals;  // join step -> branches arrived
  std::map<std::string, int> expected;  // join step -> branches opened
  bool ended = false;
  std::string end_reason;
};

struct Effects {
  std::vector<std::string> opened;   // steps now open (tasks to create)
  std::vector<std::string> skipped;  // steps passed over: their `when` facts do not hold
  std::vector<std::string> started;  // other SOPs to start on the case
  std::vector<std::string> closed;   // open steps closed because the SOP ended
  std::optional<std::string> ended;  // the end reason, if the SOP ended
};

// Opens the first step (or the first that applies). kInvalidArgument if already started.
Result<Effects> StartInstance(const Sop& sop, const CaseFacts& facts, InstanceState& state);

// Completes open step `step_id` with `outcome` (required for a decision, else empty).
// kNotFound if the step is not open; kInvalidArgument for a missing or unknown outcome;
// kFailedPrecondition "requirements_missing" (naming them in the message) unless `waived`.
Result<Effects> CompleteStep(const Sop& sop, const CaseFacts& facts, InstanceState& state,
                             const std::string& step_id, const std::string& outcome, bool waived);

// The requirements of a step (its own and those its conditions add for the case's facts)
// that the case does not have yet. A `fact:<name>` the step produces on every outcome is
// also asked of it: the person at the step records its value (the risk level they assessed).
std::vector<std::string> MissingRequirements(const Step& step, const CaseFacts& facts);

// Records value `value` of fact `name` in `facts`, with the case facts it implies: a
// `risk_level` of high makes `high_risk` hold; a `legal_proceeding` that lists
// police_examination makes `police_examination` hold.
void RecordValue(const std::string& name, const std::string& value, CaseFacts& facts);

// What a step gives when completed with `outcome`: the outcome's own `produces` if it has
// one, else the step's.
const std::vector<std::string>& Outputs(const Step& step, const std::string& outcome);
// The same, with what its `conditions` add for the case's facts (Form 6 only for a child).
std::vector<std::string> Outputs(const Step& step, const std::string& outcome,
                                 const CaseFacts& facts);

// Puts outputs on the case: document kinds into `documents`, `consent:<scope>` into
// `consents`, `fact:<name>` into `known` (its value was recorded with the completion).
void RecordOutputs(const std::vector<std::string>& outputs, CaseFacts& facts);
// What outcome `o` asserts (`asserts:`) against the case's recorded facts: "not:F" while F
// holds, or "F" while F is known not to hold (a derived fact, or high_risk once risk_level is
// recorded). Each contradicted assertion, as written.
std::vector<std::string> Contradictions(const Outcome& o, const CaseFacts& facts);

}  // namespace lindungi::sop
