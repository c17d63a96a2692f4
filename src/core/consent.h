// Informed consent (DESIGN §3 "Consent"), and the rules a referral must meet: pure checks
// over values, unit-tested branch by branch; the service loads the facts and records events.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace lindungi {

// A consent as staff record it (POST /cases/{id}/consents). Scopes are the SOP packs'
// consent scopes (sop::kConsentScopes).
struct ConsentInput {
  std::string client_id;  // whom it is about (a client of the case)
  std::string given_by;   // the client, or their guardian (people of the case)
  std::vector<std::string> scopes;
  std::string partner_id;  // data_sharing: the partner it may go to (required); referral: optional
  bool given = true;       // false: refused (the case can resume later)
  bool signed_statement = false;  // a signed Surat Pernyataan Persetujuan is on file
  std::string note;
  // Instead of a partner: the unit it may go to (a transfer, core/transfer.h); data_sharing
  // names a partner or a unit.
  std::string unit_id{};
};

// A referral to a partner organisation (POST /cases/{id}/referrals).
struct ReferralInput {
  std::string partner_id, client_id;
  std::vector<std::string> services;  // classification `services` ids
  std::string urgency = "normal";     // normal, urgent
  std::string reason;
  std::vector<std::string> share;   // the client's fields that go to the partner
  std::string family_coordination;  // how the family was involved (child, disability)
};

// The client's fields a referral may share with a partner (with consent to share).
inline constexpr std::string_view kShareableFields[] = {
    "name", "sex", "age_years", "birth_date", "phone", "address", "narrative"};

// Who gives a consent, as recorded on the case.
struct ConsentGiver {
  std::string person_id;
  std::string role;         // client or guardian (people of the case)
  std::string guardian_of;  // a guardian: the client they act for
};

// A child's consent is given by a parent or guardian of that child (UU 27/2022 art. 25; the
// SOPs' "orang tua/wali"); an adult consents for themself, or through a guardian of theirs.
Status MayConsentFor(const ConsentGiver& giver, const std::string& client_id, bool client_is_child);

// A consent in force on the case.
struct ActiveConsent {
  std::string client_id, scope, partner_id;  // partner_id "" = not limited to one partner
};

// What decides whether a client may be referred to a partner.
struct ReferralFacts {
  std::string client_id, partner_id;
  bool shares_data = false;  // personal fields go to the partner with the referral
  bool child = false, disability = false;
  bool hiv = false;                 // HIV-positive (Kalbar: consent before referral)
  bool family_coordinated = false;  // coordinated with the family first (Kalbar 2a)
  std::vector<ActiveConsent> consents;
};

// kFailedPrecondition naming the rule broken: consent_required (no referral consent for the
// client — for an HIV-positive client it must name this partner), data_sharing_consent_required
// (fields shared without consent to share with this partner), family_coordination_required
// (a child or a person with a disability, before the family was involved).
Status CheckReferral(const ReferralFacts& f);

}  // namespace lindungi
