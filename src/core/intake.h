// Intake: what a unit records when a case first reaches it (DESIGN §3), and its rules.
// Values and pure validation; no I/O. The JSON mapping is in http/case_json.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace lindungi {

// How the case reached the unit (GLOSSARY "pengaduan langsung / tidak langsung").
inline constexpr std::string_view kChannels[] = {
    "walk_in", "phone", "hotline", "whatsapp", "letter", "online_form", "outreach", "referral_in"};
inline constexpr std::string_view kSexes[] = {"female", "male"};
inline constexpr std::string_view kCaseStatuses[] = {"open", "in_progress", "closed"};

struct Reporter {
  std::string name;
  std::string relation;  // a reporter_relations id (sops/classification.yaml)
  std::optional<std::string> phone;
  bool is_client = false;
};

// The reporter is the client herself (relation `self` or `is_client`): one human, so one
// person record on the case in both roles (docs/security.md "Erasure").
inline bool ReporterIsClient(const Reporter& r) {
  return r.is_client || r.relation == "self";
}

struct IntakeClient {
  std::string name;
  std::string sex;                        // one of kSexes
  std::optional<std::string> birth_date;  // YYYY-MM-DD
  std::optional<int> age_years;           // when the birth date is unknown
  std::optional<std::string> nik;         // 16 digits (Nomor Induk Kependudukan)
  std::optional<std::string> phone;
  std::optional<std::string> address;
  bool disability = false;
};

struct IntakeRequest {
  std::optional<std::string> unit_id;  // default: the caller's only unit
  std::string channel;
  bool crisis = false;
  bool sensitive = false;  // need-to-know narrowed from the start (docs/security.md)
  bool synthetic = false;  // made by `lindungi demo generate`, never by the API
  std::optional<std::string> received_at;  // RFC 3339; default: now
  std::optional<std::string> referred_by;  // agency, for channel referral_in
  Reporter reporter;
  IntakeClient client;
  std::optional<std::string> incident_date;  // YYYY-MM-DD
  std::string narrative;
};

// The intake fields a later change may correct (PATCH), all optional.
struct CaseUpdate {
  std::optional<std::string> channel;
  std::optional<bool> crisis;
  std::optional<std::string> narrative;
  std::optional<std::string> status;
  std::optional<std::string> incident_date;
};

// A person on a case beyond the intake's client and reporter (DESIGN §3 "People"): another
// client, an alleged perpetrator, a parent or guardian. Identifying fields are sealed by the
// server; sex, age, the province/regency/district codes, education, occupation, marital
// status and disability stay clear for statistics.
inline constexpr std::string_view kPersonRoles[] = {"client", "perpetrator", "guardian", "witness",
                                                    "reporter"};  // the reporter: at intake

struct RegionCodes {  // BPS/Kemendagri codes: 62, 62.71, 62.71.01, 62.71.01.1001
  std::optional<std::string> province, regency, district, village;
};

struct PersonInput {
  std::string role;                // one of kPersonRoles (fixed once recorded)
  std::string name;                // required but for a perpetrator ("" = not known)
  std::optional<std::string> sex;  // required for a client
  std::optional<std::string> birth_date;
  std::optional<int> age_years;
  std::optional<std::string> nik, kk_number, birth_certificate_number, phone, address;
  RegionCodes region;
  std::optional<std::string> education, occupation, marital_status;  // classification ids
  bool disability = false;
  std::vector<std::string> disability_kinds;
  std::optional<std::string> relation;     // perpetrator: perpetrator_relations id; guardian:
                                           // guardian_relations id; reporter: reporter_relations
  std::optional<std::string> guardian_of;  // guardian: the client's person id
  // The same human as this person already on the case (the intake's reporter, who is also
  // the guardian): one record in both roles, not a second one.
  std::optional<std::string> same_as;
};

// A data subject's request the law allows (UU 27/2022 Pasal 7-8: access, erasure) about a
// person on a case, as the unit records it: its legal basis (5-500 characters) and the
// reference number of the letter (1-100).
struct LawfulRequest {
  std::string legal_basis;
  std::string reference;
};

// An incident (DESIGN §3 "Incidents"): when and where, the forms of violence, who was hurt
// and by whom. The place and the narrative are sealed; the rest is coded.
struct IncidentPerpetrator {
  std::string person_id;
  std::optional<std::string> relation;  // perpetrator_relations id; default: the person's own
};
struct IncidentInput {
  std::string date;                 // YYYY-MM-DD, required
  std::optional<std::string> time;  // HH:MM, local
  std::string place_type;           // place_types id
  std::optional<std::string> place;
  RegionCodes region;
  std::vector<std::string> forms;       // violence_forms ids, at least one
  bool penetration = false;             // sexual violence with penetration (GBVIMS: rape)
  bool forced_marriage = false;         // a forced or child marriage (GBVIMS)
  std::vector<std::string> client_ids;  // default: every client of the case
  std::vector<IncidentPerpetrator> perpetrators;
  std::optional<std::string> narrative;
};

struct FieldLimits {
  static constexpr std::size_t kName = 200;
  static constexpr std::size_t kShort = 100;
  static constexpr std::size_t kAddress = 500;
  static constexpr std::size_t kNarrative = 20000;
};

bool IsOneOf(std::string_view value, std::initializer_list<std::string_view> allowed);
template <std::size_t N>
bool IsOneOf(std::string_view value, const std::string_view (&allowed)[N]) {
  for (auto a : allowed)
    if (a == value) return true;
  return false;
}

// Checks every rule of an intake; the first violation names its field. `now` bounds dates
// (nothing in the future, nobody older than 120 years).
Status ValidateIntake(const IntakeRequest& r, Instant now);
struct Classification;
// The coded fields of an intake: reporter.relation is a reporter_relations id.
Status ValidateIntakeCodes(const IntakeRequest& r, const Classification& c);
Status ValidateCaseUpdate(const CaseUpdate& u, Instant now);

struct Classification;
// Checks a person's fields; coded ones against `c`. Errors name the field ("person.nik").
Status ValidatePerson(const PersonInput& p, const Classification& c, Instant now);
// Checks an incident's own fields (that its people are on the case is the service's).
Status ValidateIncident(const IncidentInput& in, const Classification& c, Instant now);

}  // namespace lindungi
