#include "core/consent.h"

#include <algorithm>

namespace lindungi {

Status MayConsentFor(const ConsentGiver& giver, const std::string& client_id,
                     bool client_is_child) {
  bool is_client = giver.role == "client" && giver.person_id == client_id;
  bool guardian = giver.role == "guardian" && giver.guardian_of == client_id;
  if (client_is_child && !guardian) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "guardian_consent_required",
                          "Klien anak: persetujuan diberikan oleh orang tua/wali anak itu "
                          "(catat walinya dulu).",
                          "A child client: consent is given by that child's parent or guardian "
                          "(record the guardian first).",
                          "given_by"));
  }
  if (!is_client && !guardian) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "not_the_client_or_guardian",
                          "Persetujuan diberikan oleh klien sendiri atau walinya.",
                          "Consent is given by the client or their guardian.", "given_by"));
  }
  return {};
}

Status CheckReferral(const ReferralFacts& f) {
  auto has = [&](std::string_view scope, bool this_partner_only) {
    return std::any_of(f.consents.begin(), f.consents.end(), [&](const ActiveConsent& c) {
      return c.client_id == f.client_id && c.scope == scope &&
             (c.partner_id == f.partner_id || (!this_partner_only && c.partner_id.empty()));
    });
  };
  if (!has("referral", f.hiv)) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "consent_required",
                          f.hiv ? "Klien dengan HIV: perlu persetujuan rujukan yang menyebut mitra "
                                  "ini."
                                : "Perlu persetujuan klien (atau walinya) untuk dirujuk.",
                          f.hiv ? "An HIV-positive client: referral needs consent naming this "
                                  "partner."
                                : "The client's (or guardian's) consent to be referred is needed.",
                          "client_id"));
  }
  if (f.shares_data && !has("data_sharing", true)) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "data_sharing_consent_required",
                          "Data pribadi dikirim ke mitra: perlu persetujuan berbagi data dengan "
                          "mitra ini.",
                          "Personal data goes to the partner: consent to share data with this "
                          "partner is needed.",
                          "share"));
  }
  if ((f.child || f.disability) && !f.family_coordinated) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "family_coordination_required",
                          "Klien anak atau penyandang disabilitas: koordinasikan dulu dengan "
                          "keluarga (family_coordination).",
                          "A child or a person with a disability: coordinate with the family "
                          "first (family_coordination).",
                          "family_coordination"));
  }
  return {};
}

}  // namespace lindungi
