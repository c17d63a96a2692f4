// JSON request bodies of the case and session routes mapped to domain values. Type and
// shape errors only; the domain rules are checked by core (ValidateIntake ...).
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

#include "core/classification.h"
#include "core/consent.h"
#include "core/error.h"
#include "core/intake.h"
#include "core/shelter.h"

namespace lindungi::http {

Result<IntakeRequest> ReadIntake(const boost::json::object& o);

struct CaseUpdateRequest {
  std::int64_t version = 0;
  CaseUpdate update;
};
Result<CaseUpdateRequest> ReadCaseUpdate(const boost::json::object& o);

// POST /cases/{id}/team and PUT /cases/{id}/sensitivity.
struct TeamAddRequest {
  std::string user_id, reason;
};
Result<TeamAddRequest> ReadTeamAdd(const boost::json::object& o);
struct SensitivityRequest {
  bool sensitive = false;
  std::string reason;
};
Result<SensitivityRequest> ReadSensitivity(const boost::json::object& o);
// An erasure or access request: {legal_basis, reference}.
Result<LawfulRequest> ReadLawfulRequest(const boost::json::object& o);

Result<CaseClassification> ReadClassification(const boost::json::object& o);
Result<PersonInput> ReadPerson(const boost::json::object& o);
Result<ConsentInput> ReadConsent(const boost::json::object& o);
Result<ReferralInput> ReadReferral(const boost::json::object& o);
// {"reason": "..."} (required), {"note": "..."} (optional), {"report": "..."} (required).
Result<std::string> ReadReason(const boost::json::object& o);
Result<std::string> ReadOptionalNote(const boost::json::object& o);
Result<std::string> ReadReport(const boost::json::object& o);
Result<IncidentInput> ReadIncident(const boost::json::object& o);
struct TriageDecisionRequest {
  std::string decision, reason;
};
Result<TriageDecisionRequest> ReadTriageDecision(const boost::json::object& o);

// POST /shelters (with an optional unit_id) and PUT /shelters/{shelter}.
struct ShelterRequest {
  std::optional<std::string> unit_id;
  ShelterInput shelter;
};
Result<ShelterRequest> ReadShelter(const boost::json::object& o, bool allow_unit);
Result<AdmissionInput> ReadAdmission(const boost::json::object& o);
Result<DischargeInput> ReadDischarge(const boost::json::object& o);

struct LoginRequest {
  std::string username, password;
  std::string totp;  // the second factor, when the account has one
};
Result<LoginRequest> ReadLogin(const boost::json::object& o);

// Parse + read + validate an intake body in one go (what the fuzz target exercises).
Result<IntakeRequest> ParseAndValidateIntake(std::string_view body, Instant now);

}  // namespace lindungi::http
