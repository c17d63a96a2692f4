// The end of case work (docs/case-work.md): termination (terminasi, normal or unilateral)
// with what must be settled before it and who may do it, closing without termination (the
// reporter informed), a closed case taking no changes, and reopening. The values a unit
// records and the rules between them. Pure; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"

namespace lindungi {

inline constexpr std::string_view kTerminationKinds[] = {"normal", "unilateral"};
// Unilateral termination (pengakhiran sepihak, Luwu Utara termination step 4 and the
// terminasi form's alasan_sepihak): the client died, cannot be found, or refuses services.
inline constexpr std::string_view kUnilateralReasons[] = {"died", "missing", "refuses"};

struct TerminationInput {
  std::string kind;                   // kTerminationKinds
  std::optional<std::string> reason;  // kUnilateralReasons, for a unilateral termination
  std::string summary;                // sealed
  // Where the unit's pack requires a case conference before termination and none was held:
  // a unit or department head's reason to terminate without one (sealed).
  std::optional<std::string> conference_waiver;
};
// Kind and reason, and that the terminasi form's own answers agree with them: jenis is
// "agreed" for a normal termination and "unilateral" for a unilateral one, whose
// alasan_sepihak is the reason. `form_kind` / `form_reason`: the form's values ("" when
// absent). The form's own completeness and signatures are forms::ValidateSubmission's.
Status ValidateTermination(const TerminationInput& in, std::string_view form_kind,
                           std::string_view form_reason);
bool IsUnilateralReason(std::string_view reason);

// What must be settled before a case closes: a client still in a shelter (kConflict
// "shelter_stay_open": discharge first) and a referral the partner has not answered yet
// (kConflict "referral_pending").
Status CheckTerminationBlockers(int open_stays, int pending_referrals);

// A case's record takes changes only while it is not closed: kConflict "case_closed".
Status CheckCaseOpenForWork(std::string_view status);
// Closing goes through termination: a status change to "closed" by other means is refused
// (kFailedPrecondition "use_termination").
Status CheckStatusChange(std::string_view to);
// Reopening: only a closed case (kConflict "case_not_closed"), with a reason of 5..2000
// characters.
Status CheckReopen(std::string_view status, const std::string& reason);
// How the reporter was told that the case cannot be followed up (an SOP end that closes the
// case, docs/case-work.md "Closing without termination"): how, when, by whom (a user of the
// unit; default the one who records it).
inline constexpr std::string_view kInformMethods[] = {"in_person", "phone", "letter",
                                                      "whatsapp",  "email", "other"};
struct ReporterInformed {
  std::string method;             // kInformMethods
  std::string at;                 // YYYY-MM-DD or RFC 3339, not in the future
  std::optional<std::string> by;  // user id
};
// Fields named "informed.<field>".
Status ValidateReporterInformed(const ReporterInformed& in, Instant now);

// Who terminates and reopens a case: its case manager or a supervisor of the unit.
Status CheckCaseWorkLead(bool case_manager, bool supervisor);
// A termination where the pack `required` a case conference: one was recorded since the
// case was last closed (`held`), or a unit or department head (`head`) waives it with a
// reason of 5-2000 characters. kFailedPrecondition "case_conference_required";
// kPermissionDenied "head_required" for a waiver by anyone else; kInvalidArgument for its
// reason. A waiver where one was held, or none was required, is refused
// (kInvalidArgument "nothing_to_waive").
Status CheckTerminationConference(bool required, bool held,
                                  const std::optional<std::string>& waiver, bool head);

}  // namespace lindungi
