// Demo letters: every kind filled with invented data of the demo unit (UPTD PPA Kota
// Contoh), for `lindungi letter sample KIND` and the tests. No real person is named. Pure.
#pragma once

#include "report/letter.h"
#include "report/letter_templates.h"

namespace lindungi::report {

IssuingUnit SampleUnit();
// Common fields of a sample: the demo unit, date 23 November 2026 (a Monday), case number
// PPA-DEMO/2026/00042, and the agenda number of `sequence` in the default format.
LetterCommon SampleCommon(long sequence);

AssignmentInput SampleAssignment();
ReferralInput SampleReferral();
HandoverInput SampleHandover();
ConsentInput SampleConsent();
MediationAgreementInput SampleMediationAgreement();
TerminationInput SampleTermination();
OutreachReportInput SampleOutreachReport();
TravelOrderInput SampleTravelOrder();

// The sample of `kind`, built by its template.
Letter SampleLetter(LetterKind kind);

}  // namespace lindungi::report
