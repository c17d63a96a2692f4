// Shelters (shelters.cpp; docs/security.md "Shelters"): a unit's shelters, their
// occupancy, admissions and discharges. The rules are pure (core/shelter.h).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/shelter.h"
#include "service/case_service_base.h"
#include "service/principal.h"
#include "service/writes.h"
#include "store/shelter_store.h"

namespace lindungi {

// The shelter stays of a case (store::ListCaseStays), as stored (reasons sealed), in
// admission order.
boost::json::array ShelterStaysJson(const std::vector<store::StayRecord>& stays);

class ShelterService : public CaseServiceBase {
 public:
  using CaseServiceBase::CaseServiceBase;

  // Registers a shelter of a unit (event ShelterRegistered on "shelter-<uuid>"), or replaces
  // its record (ShelterUpdated): by the unit's or department head; the address sealed.
  // `unit_id`: default the only unit the caller heads.
  Result<WriteReply> RegisterShelter(const Principal& p, const std::optional<std::string>& unit_id,
                                     const ShelterInput& in,
                                     const std::optional<Idempotency>& idem);
  Result<WriteReply> UpdateShelter(const Principal& p, const std::string& shelter_id,
                                   const ShelterInput& in, const std::optional<Idempotency>& idem);
  // The shelters of the caller's units (or of `unit_id`) with occupancy; a shelter of
  // another unit answers kNotFound. The address only for the unit's heads and for staff who
  // see a case with a client staying there now; else null with address_visible false.
  Result<boost::json::value> ListShelters(const Principal& p,
                                          const std::optional<std::string>& unit_id);
  Result<boost::json::value> GetShelter(const Principal& p, const std::string& shelter_id);
  // Admits a client of the case to a shelter of its unit (ShelterStayStarted on the case,
  // ShelterBedTaken on the shelter, so racing admissions for the last bed collide): the
  // shelter must take them (core/shelter.h); when full, only a head's override_reason
  // admits (recorded). Retries a lost race, so the loser sees the shelter full.
  Result<WriteReply> AdmitToShelter(const Principal& p, const std::string& case_id,
                                    const AdmissionInput& in,
                                    const std::optional<Idempotency>& idem);
  // Ends an open stay of the case (ShelterStayEnded).
  Result<WriteReply> DischargeFromShelter(const Principal& p, const std::string& case_id,
                                          const std::string& stay_id, const DischargeInput& in,
                                          const std::optional<Idempotency>& idem);
};

}  // namespace lindungi
