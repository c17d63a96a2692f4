#include "core/triage.h"

#include <algorithm>

namespace lindungi {
namespace {

bool Has(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// A reason Triage gives: its rule ("a".."f" or "incomplete") and its message in Indonesian and
// English.
struct Reason {
  const char* rule;
  const char* id;
  const char* en;
};

// The reasons, in the order Triage's rules are tried.
constexpr Reason kEmergency{"e", "Kasus darurat: lakukan penjangkauan dan layanan kedaruratan.",
                            "An emergency: outreach and emergency services first."};
constexpr Reason kNoCaseType{"incomplete", "Jenis kasus belum ditentukan.",
                             "The case type is not decided yet."};
constexpr Reason kNeitherViolenceNorAbh{
    "f", "Bukan kasus KTP/KTA maupun ABH: berikan informasi layanan yang sesuai.",
    "Neither violence against a woman or child nor ABH: give information on fitting "
    "services."};
constexpr Reason kAbhOnly{"c", "Kasus ABH: bantu akseskan kepada Dinas Sosial.",
                          "A child in conflict with the law: refer to Dinas Sosial."};
constexpr Reason kAbhPart{"c", "Ada unsur ABH: libatkan Dinas Sosial untuk bagian itu.",
                          "There is a conflict-with-the-law part: involve Dinas Sosial for it."};
constexpr Reason kProvincialAuthority{
    "d",
    "Memenuhi kriteria kewenangan provinsi/nasional: akseskan ke UPTD PPA Provinsi "
    "atau Kementerian PPPA.",
    "Falls under provincial or national authority: refer to the provincial UPTD PPA or "
    "the ministry."};
constexpr Reason kVillageManageable{
    "b",
    "KTP/KTA berisiko rendah yang dapat ditangani di tingkat desa: akseskan kepada "
    "PATBM.",
    "Low-risk violence that the village can handle: refer to PATBM."};
constexpr Reason kRiskAndAuthorityNeeded{
    "incomplete", "Tingkat risiko dan kewenangan diperlukan untuk memutuskan.",
    "The risk level and the authority are needed to decide."};
constexpr Reason kContinueLowRisk{
    "a", "Berisiko rendah tetapi tidak dapat ditangani di tingkat desa: lanjutkan di unit ini.",
    "Low risk but not manageable at village level: continue at this unit."};
constexpr Reason kContinue{"a",
                           "KTP/KTA berisiko sedang/tinggi dengan kewenangan kabupaten/kota: "
                           "lanjutkan penanganan kasus.",
                           "Medium or high risk under the regency's or city's authority: continue "
                           "here."};

// What the case types make of a case: violence against a woman or child, a child in conflict
// with the law (ABH), or both.
struct CaseKinds {
  bool violence = false, abh = false;
};

// The kinds of the case from its case types and AMPK categories.
CaseKinds KindsOf(const TriageInput& in) {
  // An AMPK child in conflict with the law (the AMPK category "Anak yang berhadapan dengan
  // hukum") is an ABH case; AMPK counts as violence against a child when another category holds.
  bool ampk = Has(in.case_types, "ampk");
  bool ampk_abh = ampk && Has(in.ampk_categories, "in_conflict_with_law");
  bool ampk_other =
      ampk && std::any_of(in.ampk_categories.begin(), in.ampk_categories.end(),
                          [](const std::string& c) { return c != "in_conflict_with_law"; });
  // KDRT and TPPO are violence against a woman or a child too (the seed's KTP/KTA).
  bool violence = Has(in.case_types, "ktp") || Has(in.case_types, "kta") ||
                  Has(in.case_types, "kdrt") || Has(in.case_types, "tppo") ||
                  (ampk && (!ampk_abh || ampk_other));
  bool abh = Has(in.case_types, "abh") || ampk_abh;
  return {violence, abh};
}

// Adds `reason` to the reasons of `out`.
void Because(TriageResult& out, const Reason& reason) {
  out.reasons.push_back({reason.rule, reason.id, reason.en});
}

// `out` decided: `recommendation`, for `reason`.
TriageResult Decided(TriageResult& out, const char* recommendation, const Reason& reason) {
  out.recommendation = recommendation;
  Because(out, reason);
  return out;
}

}  // namespace

TriageResult Triage(const TriageInput& in) {
  TriageResult out;
  // e: an emergency goes out first, whatever else holds (the case type need not be decided
  // yet: "Apabila kasus darurat"); the rest follows after.
  if (in.emergency) return Decided(out, "emergency_outreach", kEmergency);
  CaseKinds kinds = KindsOf(in);
  if (in.case_types.empty()) {
    out.missing.push_back("case_type");
    Because(out, kNoCaseType);
    return out;
  }
  if (!kinds.violence && !kinds.abh)
    return Decided(out, "information_only", kNeitherViolenceNorAbh);
  if (kinds.abh && !kinds.violence) return Decided(out, "hand_to_social_services", kAbhOnly);
  if (kinds.abh) Because(out, kAbhPart);
  if (in.jurisdiction == "provinsi" || in.jurisdiction == "nasional")
    return Decided(out, "hand_to_province_or_ministry", kProvincialAuthority);
  if (in.risk_level.empty()) out.missing.push_back("risk_level");
  if (in.jurisdiction.empty()) out.missing.push_back("jurisdiction");
  if (in.risk_level == "low" && in.village_manageable)
    return Decided(out, "hand_to_patbm", kVillageManageable);
  if (!out.missing.empty()) {
    Because(out, kRiskAndAuthorityNeeded);
    return out;
  }
  return Decided(out, "continue_here", in.risk_level == "low" ? kContinueLowRisk : kContinue);
}

}  // namespace lindungi
