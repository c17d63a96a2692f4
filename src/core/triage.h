// Triage at identification (Luwu Utara, "Proses Awal/Identifikasi" step 5): from the case
// type, the risk level and whose authority the case falls under, where the case goes next.
// A pure function; staff confirm the recommendation or override it with a reason.
#pragma once

#include <string>
#include <vector>

namespace lindungi {

struct TriageInput {
  std::vector<std::string> case_types;  // classification ids: ktp, kta, abh, tppo, kdrt, ...
  std::string risk_level;               // low, medium, high ("" if not assessed)
  std::string jurisdiction;             // kabupaten_kota, provinsi, nasional ("" if not known)
  bool village_manageable = false;      // can be handled at village level (PATBM)
  bool emergency = false;               // kasus darurat: needs emergency outreach now
  std::vector<std::string> ampk_categories{};  // for case type ampk: in_conflict_with_law, ...
};

// The recommendations, named after what the unit does (the SOP's outcomes a-f are tagged
// with them: `triage:` in the pack).
inline constexpr std::string_view kTriageRecommendations[] = {
    "continue_here",                 // a: this unit handles it
    "hand_to_patbm",                 // b: village-level community child protection
    "hand_to_social_services",       // c: ABH, to Dinas Sosial
    "hand_to_province_or_ministry",  // d: UPTD PPA Provinsi / Kementerian PPPA
    "emergency_outreach",            // e: outreach and emergency services first
    "information_only"};             // f: neither KTP/KTA nor ABH

struct TriageReason {
  std::string rule;  // "a".."f", or "incomplete"
  std::string message_id, message_en;
};

struct TriageResult {
  std::string recommendation;  // one of kTriageRecommendations, "" when it cannot be decided
  std::vector<TriageReason> reasons;
  std::vector<std::string> missing;  // what is needed to decide: risk_level, jurisdiction
};

TriageResult Triage(const TriageInput& in);

}  // namespace lindungi
