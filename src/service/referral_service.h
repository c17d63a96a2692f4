// Consent and referrals to partner organisations (consent_referral.cpp; DESIGN §3
// "Consent", "Referral"): the rules are pure (core/consent.h); the partner's side sees only
// what is referred to it.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "core/consent.h"
#include "service/case_service_base.h"
#include "service/principal.h"
#include "service/writes.h"

namespace lindungi {

class ReferralService : public CaseServiceBase {
 public:
  using CaseServiceBase::CaseServiceBase;

  // Records a consent given or refused: a child's by their parent or guardian (core/consent.h);
  // data_sharing names its partner. Event ConsentRecorded; in force, it makes the SOP
  // requirements consent:<scope> hold.
  Result<WriteReply> RecordConsent(const Principal& p, const std::string& case_id,
                                   const ConsentInput& in, const std::optional<Idempotency>& idem);
  // Withdraws a consent in force, with a reason (ConsentWithdrawn).
  Result<WriteReply> WithdrawConsent(const Principal& p, const std::string& case_id,
                                     const std::string& consent_id, const std::string& reason,
                                     const std::optional<Idempotency>& idem);
  // Refers a client to a partner organisation, if the consent and family rules allow
  // (core/consent.h CheckReferral); the fields shared go with it, still sealed. ReferralMade.
  Result<WriteReply> Refer(const Principal& p, const std::string& case_id, const ReferralInput& in,
                           const std::optional<Idempotency>& idem);
  // The partner directory of the caller's units (or of `unit_id`, one of theirs): partners
  // registered for the unit and those of every unit, optionally of one service `kind`
  // (kPartnerKinds) and whose area contains `area` (any case). Each with its id, the
  // partner_id a referral names.
  Result<boost::json::value> PartnerDirectory(const Principal& p,
                                              const std::optional<std::string>& unit_id,
                                              const std::optional<std::string>& kind,
                                              const std::optional<std::string>& area);
  // The partner side: a partner organisation's user sees the referrals addressed to it (with
  // only the fields shared), and accepts, rejects (it returns to the case manager's inbox)
  // or reports back. Reads are logged.
  Result<boost::json::value> PartnerReferrals(const Principal& p);
  Result<boost::json::value> PartnerReferral(const Principal& p, const std::string& referral_id);
  Result<WriteReply> AnswerReferral(const Principal& p, const std::string& referral_id,
                                    const std::string& action, const std::string& text,
                                    const std::optional<Idempotency>& idem);
};

}  // namespace lindungi
