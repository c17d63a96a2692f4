// Shelters (rumah aman / penampungan sementara, GLOSSARY) and stays in them: the values a
// unit registers and the rules of admission and discharge. Pure; no I/O.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace lindungi {

// The unit's own safe house, or a partner's shelter the unit places clients in.
inline constexpr std::string_view kShelterKinds[] = {"own", "partner"};
// Whom a shelter takes: women (adults), children (under 18), or both.
inline constexpr std::string_view kShelterTakes[] = {"women", "children", "both"};
// Why a stay ended.
inline constexpr std::string_view kDischargeReasons[] = {
    "returned_home", "referred",           "moved_to_another_shelter",
    "left_on_own",   "independent_living", "other"};
inline constexpr int kChildAgeLimit = 18;  // Anak: under 18 (UU 35/2014)

struct ShelterInput {
  std::string name;
  std::string kind;            // kShelterKinds
  int capacity = 0;            // beds
  std::string takes;           // kShelterTakes
  std::optional<int> max_age;  // oldest age taken, if the shelter has a limit
  std::string address;         // secret: sealed at rest, shown only to those who need it
  std::optional<std::string> phone;
};
Status ValidateShelter(const ShelterInput& in);

// Who is to be admitted, as far as the rules need: sex and age today, when known.
struct Admittee {
  std::optional<std::string> sex;
  std::optional<int> age;
};
// Whether the shelter takes this person: a child only where children are taken, an adult
// only where women are, within the age limit. kFailedPrecondition "shelter_does_not_take",
// or "age_unknown" / "sex_unknown" when the record lacks what the rule needs.
Status CheckShelterTakes(std::string_view takes, std::optional<int> max_age, const Admittee& a);

// Admission against capacity: a full shelter (occupied >= capacity) refuses (kConflict
// "shelter_full") unless a head (unit or department head: `head`) overrides with a reason;
// another caller's override is refused (kPermissionDenied "head_required"). Returns whether
// the admission goes over capacity (and so records the override).
Result<bool> CheckCapacity(int capacity, int occupied, bool head,
                           const std::optional<std::string>& override_reason);

struct AdmissionInput {
  std::string shelter_id;
  std::string person_id;
  std::optional<std::string> admitted_on;  // YYYY-MM-DD, default: today in the unit
  int expected_days = 0;                   // expected length of the stay, 1..365
  std::string reason;                      // 5..2000 characters, sealed
  std::optional<std::string> override_reason;
  std::optional<std::string> task_id;  // the SOP task whose outcome placed the client
};
// Shape of an admission; `today` is the unit's date.
Status ValidateAdmission(const AdmissionInput& in, std::chrono::year_month_day today);

struct DischargeInput {
  std::string discharged_on;        // YYYY-MM-DD
  std::string reason;               // kDischargeReasons
  std::optional<std::string> note;  // required for "other"; sealed
};
// A discharge is on or after the admission and not in the future.
Status ValidateDischarge(const DischargeInput& in, std::chrono::year_month_day admitted_on,
                         std::chrono::year_month_day today);

}  // namespace lindungi
