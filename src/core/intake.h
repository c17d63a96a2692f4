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
inline constexpr std::string_view kReporterRelations[] = {
    "self", "parent", "family", "neighbour", "teacher", "agency", "other"};
inline constexpr std::string_view kSexes[] = {"female", "male"};
inline constexpr std::string_view kCaseStatuses[] = {"open", "in_progress", "closed"};

struct Reporter {
  std::string name;
  std::string relation;  // one of kReporterRelations
  std::optional<std::string> phone;
  bool is_client = false;
};

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
Status ValidateCaseUpdate(const CaseUpdate& u, Instant now);

}  // namespace lindungi
