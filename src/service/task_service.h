// SOPs running on cases, as tasks (DESIGN §5): starting an SOP, the inbox, completing a
// task (with its outcome, note and documents), a supervisor's waiver of missing
// requirements, and assignment. The engine (sop/engine.h) decides; this service loads the
// case's state, stores the engine's effects as events on the case stream in one
// transaction, and computes deadlines in the case unit's time zone and working calendar.
// Authorization (the foundation's model): a task is visible with its case; it is done by a
// holder of its role in the unit, its assignee or a supervisor. Safe for concurrent use.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/intake.h"
#include "core/termination.h"
#include "forms/form.h"
#include "service/access_log.h"
#include "service/principal.h"
#include "service/sop_catalog.h"
#include "service/writes.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/unit_store.h"

namespace lindungi {

// The "SOP" of tasks no SOP opens: a referral a partner rejected, back with the case manager.
inline constexpr std::string_view kReferralFollowUpSop = "referral-follow-up";

// The event that puts such a task in the case managers' inbox of `unit_id`: `instance_id`
// the referral or transfer it follows up, `step_id` why ("referral-rejected", ...).
store::NewEvent FollowUpTaskOpened(const std::string& instance_id, const std::string& step_id,
                                   const std::string& unit_id);

// What a start or a completion records on the case for requirements and conditions.
struct CaseFactsUpdate {
  std::map<std::string, bool> flags;          // case facts (child, hiv, high_risk, ...)
  std::map<std::string, std::string> values;  // risk_level, case_type, jurisdiction
  std::vector<std::string> consents;          // consent scopes given
  std::vector<std::string> documents;         // document kinds now on the case file
  bool empty() const {
    return flags.empty() && values.empty() && consents.empty() && documents.empty();
  }
};

struct StartSopRequest {
  std::string sop_id;
  CaseFactsUpdate record;
};

struct CompleteTaskRequest {
  std::string outcome;  // required for a decision step
  std::string note;
  // At a triage step (outcomes tagged `triage:`), or an outcome whose `asserts` the case's
  // recorded facts contradict: why it is taken anyway (recorded: DecisionOverridden).
  std::string override_reason;
  CaseFactsUpdate record;
  // An outcome that ends the SOP and closes the case (cannot_follow_up): how the reporter
  // was told. Required there, refused elsewhere.
  std::optional<ReporterInformed> informed;
};

struct InboxQuery {
  bool mine = false;     // only tasks assigned to me
  bool unit = false;     // supervisors: every open task of the units they supervise
  bool overdue = false;  // only tasks past their deadline
  std::optional<std::string> case_id;
  std::optional<std::string> sop_id;
  std::optional<std::string> after;  // the `next` cursor of the previous page
  std::int64_t page_size = 50;
};

// A transfer being accepted (service/transfers.cpp): the events that start `sop_id` on case
// `k` as a case of `unit` (SopStarted, TaskOpened with the unit's deadlines, ...), for the
// caller to append with its own. kNotFound "sop_not_found" for an unknown SOP.
Status StartSopEvents(store::SqlConn& c, const SopCatalog& sops, const store::CaseRecord& k,
                      const store::UnitRecord& unit, const std::string& sop_id, Instant now,
                      std::vector<store::NewEvent>& events);

class TaskService {
 public:
  // `forms`: the form definitions (DocumentService::forms()), for what an approval records.
  TaskService(store::Database& db, const Clock& clock, const SopCatalog& sops,
              AccessLog& access_log, const Vault& vault, const forms::FormSet& forms);

  // Starts `sop_id` (an SOP of the case unit's pack) on a case. kConflict "sop_running" if
  // that SOP already runs on the case; kFailedPrecondition "unit_has_no_sop_pack".
  Result<WriteReply> StartSop(const Principal& p, const std::string& case_id,
                              const StartSopRequest& r, const std::optional<Idempotency>& idem);
  // The case's SOP instances with their tasks.
  Result<boost::json::value> CaseSops(const Principal& p, const std::string& case_id);

  // A page of the inbox and the cursor of the next page (`next`, null after the last).
  Result<boost::json::value> Inbox(const Principal& p, const InboxQuery& q);
  // One task with what it still lacks (`missing`).
  Result<boost::json::value> Get(const Principal& p, const std::string& task_id);

  // kFailedPrecondition "requirements_missing" naming what is missing (unless waived);
  // kConflict "task_not_open" if it was completed or closed meanwhile. An outcome that
  // `approves` a document kind records the latest filed form of that kind as approved
  // (DocumentApproved: its values as filed, still sealed, and its tables' totals), or is
  // refused with kFailedPrecondition "approval_document_missing" while none is filed.
  Result<WriteReply> Complete(const Principal& p, const std::string& task_id,
                              const CompleteTaskRequest& r, const std::optional<Idempotency>& idem);
  // A supervisor (section head, unit head, department head) waives the task's missing
  // requirements, with a reason; the task can then be completed without them.
  Result<WriteReply> Waive(const Principal& p, const std::string& task_id,
                           const std::string& reason, const std::optional<Idempotency>& idem);
  // Assigns an open task to a user who holds its role in the unit (or a supervisor), or
  // unassigns it (empty `assignee`). Supervisors and case managers assign anyone; others
  // may only take a task of their own role for themselves.
  Result<WriteReply> Assign(const Principal& p, const std::string& task_id,
                            const std::string& assignee, const std::optional<Idempotency>& idem);

 private:
  store::Database& db_;
  const Clock& clock_;
  const SopCatalog& sops_;
  AccessLog& access_log_;
  const Vault& vault_;  // task notes and waiver reasons are sealed like the narrative
  const forms::FormSet& forms_;
};

}  // namespace lindungi
