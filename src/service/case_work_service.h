// Case work (case_work.cpp; docs/case-work.md): the intervention plan, case conferences
// and family meetings, monitoring notes, termination and reopening. The rules are pure
// (core/case_work.h, core/termination.h); free text is sealed under the case client's key.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "core/case_work.h"
#include "core/termination.h"
#include "service/case_service_base.h"
#include "service/principal.h"
#include "service/writes.h"
#include "store/case_work_store.h"

namespace lindungi {

namespace forms {
struct Form;
}

// The case work of a case as stored (sealed), for the case JSON: plan (or null), meetings,
// monitoring_notes, terminations.
void AddCaseWork(const store::CaseWorkRecord& work, boost::json::object& o);
// The terminasi form of the forms/ folder beside `sops_dir` (loaded once); null if missing.
const forms::Form* TerminationForm(const std::string& sops_dir);

class CaseWorkService : public CaseServiceBase {
 public:
  using CaseServiceBase::CaseServiceBase;

  // Replaces the intervention plan (goals, planned services): `in.version` is the plan
  // version it replaces (0 for the first; kConflict "plan_version_conflict" otherwise);
  // services move forward only (core/case_work.h). Event PlanUpdated, texts sealed.
  Result<WriteReply> PutPlan(const Principal& p, const std::string& case_id, const PlanInput& in,
                             const std::optional<Idempotency>& idem);
  Result<boost::json::value> GetPlan(const Principal& p, const std::string& case_id);
  // A case conference or family meeting (MeetingRecorded): its staff, partners and family
  // members must be of the case's unit / known / on the case; free text sealed.
  Result<WriteReply> RecordMeeting(const Principal& p, const std::string& case_id,
                                   const MeetingInput& in, const std::optional<Idempotency>& idem);
  Result<boost::json::value> ListMeetings(const Principal& p, const std::string& case_id);
  // A monitoring note (MonitoringRecorded): progress per goal of the plan; texts sealed.
  Result<WriteReply> RecordMonitoring(const Principal& p, const std::string& case_id,
                                      const MonitoringInput& in,
                                      const std::optional<Idempotency>& idem);
  Result<boost::json::value> ListMonitoring(const Principal& p, const std::string& case_id);
  // Terminates the case (CaseTerminated: status closed) by its case manager or a supervisor,
  // with the terminasi form's values (`form` checks them: complete, signed), given here or
  // as the terminasi form already filed on the case (`form_document_id`: 404
  // document_not_found, 400 not_a_termination_form); refused while a client is in a shelter
  // or a referral is unanswered. Open tasks are closed (TaskClosed) and running SOPs ended
  // (SopEnded), reason case_terminated. Sensitive form values sealed.
  Result<WriteReply> Terminate(const Principal& p, const std::string& case_id,
                               const TerminationInput& in, const boost::json::object& form_values,
                               const std::optional<std::string>& form_document_id,
                               const forms::Form* form, const std::optional<Idempotency>& idem);
  // Reopens a closed case (CaseReopened, status in_progress), by its case manager or a
  // supervisor, with a reason (sealed).
  Result<WriteReply> Reopen(const Principal& p, const std::string& case_id,
                            const std::string& reason, const std::optional<Idempotency>& idem);
};

}  // namespace lindungi
