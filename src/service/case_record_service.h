// The case record (case_record.cpp): its classification and triage, the people on it and
// the incidents. Identifying fields are sealed under each person's key.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "core/classification.h"
#include "core/intake.h"
#include "core/triage.h"
#include "service/case_service_base.h"
#include "service/principal.h"
#include "service/writes.h"
#include "store/case_store.h"
#include "store/events/case_events.h"

namespace lindungi {

// The triage input of a case: its classification and whether it came in crisis.
TriageInput TriageInputOf(const store::CaseRecord& k);
// The payload of TriageDecided for `decision` on case `k` as it stands (the recommendation,
// the rules that led to it, the reason sealed); kFailedPrecondition
// "override_reason_required" when it differs from a recommendation and has no reason.
Result<store::events::TriageDecided> TriageDecision(store::SqlConn& c, const Vault& vault,
                                                    const store::CaseRecord& k,
                                                    const std::string& decision,
                                                    const std::string& reason);
// The triage decision staff recorded last on the case ("" if none).
std::string DecidedTriage(const store::CaseRecord& k);

class CaseRecordService : public CaseServiceBase {
 public:
  using CaseServiceBase::CaseServiceBase;

  // Records how the case is classified (case types, AMPK categories, risk level, authority):
  // event CaseClassified, and the facts SOP requirements and conditions use (risk_level,
  // case_type, jurisdiction; abh, trafficking, domestic_violence, high_risk).
  Result<WriteReply> Classify(const Principal& p, const std::string& case_id,
                              const CaseClassification& c, const std::optional<Idempotency>& idem);
  // Identification triage (core/triage.h) on the case as classified, with the decision staff
  // recorded last, if any.
  Result<boost::json::value> Triage(const Principal& p, const std::string& case_id);
  // Staff confirm the recommendation or decide otherwise; another decision than the
  // recommendation needs a reason. Event TriageDecided.
  Result<WriteReply> DecideTriage(const Principal& p, const std::string& case_id,
                                  const std::string& decision, const std::string& reason,
                                  const std::optional<Idempotency>& idem);

  // Adds a person (another client, an alleged perpetrator, a parent or guardian) to the case:
  // a key of their own, identifying fields sealed, name words and NIK indexed for search;
  // event PersonAdded. A guardian acts for a client of this case.
  Result<WriteReply> AddPerson(const Principal& p, const std::string& case_id,
                               const PersonInput& person, const std::optional<Idempotency>& idem);
  // Replaces a person's record (a correction; the role stays): event PersonUpdated.
  // kConflict "person_erased" once their key was destroyed.
  Result<WriteReply> UpdatePerson(const Principal& p, const std::string& case_id,
                                  const std::string& person_id, const PersonInput& person,
                                  const std::optional<Idempotency>& idem);
  // Records an incident (event IncidentRecorded): each client's age band on that day and the
  // GBVIMS core type are computed; place and narrative are sealed under the first client's
  // key. Update replaces it (IncidentUpdated).
  Result<WriteReply> RecordIncident(const Principal& p, const std::string& case_id,
                                    const IncidentInput& in,
                                    const std::optional<Idempotency>& idem);
  Result<WriteReply> UpdateIncident(const Principal& p, const std::string& case_id,
                                    const std::string& incident_id, const IncidentInput& in,
                                    const std::optional<Idempotency>& idem);

 private:
  // AddPerson of someone already on the case (`person.same_as`): the reporter becomes the
  // client's guardian too, one record (PersonUpdated with the new role).
  Result<WriteReply> AddRole(store::SqlConn& c, const store::CaseRecord& k,
                             const PersonInput& person, const Principal& p, Instant now);
};

}  // namespace lindungi
