#include "core/triage.h"

#include <algorithm>

namespace lindungi {
namespace {

bool Has(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TriageResult Triage(const TriageInput& in) {
  TriageResult out;
  auto because = [&](const char* rule, const char* id, const char* en) {
    out.reasons.push_back({rule, id, en});
  };
  // e: an emergency goes out first, whatever else holds (the case type need not be decided
  // yet: "Apabila kasus darurat"); the rest follows after.
  if (in.emergency) {
    out.recommendation = "emergency_outreach";
    because("e", "Kasus darurat: lakukan penjangkauan dan layanan kedaruratan.",
            "An emergency: outreach and emergency services first.");
    return out;
  }
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
  if (in.case_types.empty()) {
    out.missing.push_back("case_type");
    because("incomplete", "Jenis kasus belum ditentukan.", "The case type is not decided yet.");
    return out;
  }
  if (!violence && !abh) {
    out.recommendation = "information_only";
    because("f", "Bukan kasus KTP/KTA maupun ABH: berikan informasi layanan yang sesuai.",
            "Neither violence against a woman or child nor ABH: give information on fitting "
            "services.");
    return out;
  }
  if (abh && !violence) {
    out.recommendation = "hand_to_social_services";
    because("c", "Kasus ABH: bantu akseskan kepada Dinas Sosial.",
            "A child in conflict with the law: refer to Dinas Sosial.");
    return out;
  }
  if (abh) {
    because("c", "Ada unsur ABH: libatkan Dinas Sosial untuk bagian itu.",
            "There is a conflict-with-the-law part: involve Dinas Sosial for it.");
  }
  if (in.jurisdiction == "provinsi" || in.jurisdiction == "nasional") {
    out.recommendation = "hand_to_province_or_ministry";
    because("d",
            "Memenuhi kriteria kewenangan provinsi/nasional: akseskan ke UPTD PPA Provinsi "
            "atau Kementerian PPPA.",
            "Falls under provincial or national authority: refer to the provincial UPTD PPA or "
            "the ministry.");
    return out;
  }
  if (in.risk_level.empty()) out.missing.push_back("risk_level");
  if (in.jurisdiction.empty()) out.missing.push_back("jurisdiction");
  if (in.risk_level == "low" && in.village_manageable) {
    out.recommendation = "hand_to_patbm";
    because("b",
            "KTP/KTA berisiko rendah yang dapat ditangani di tingkat desa: akseskan kepada "
            "PATBM.",
            "Low-risk violence that the village can handle: refer to PATBM.");
    return out;
  }
  if (!out.missing.empty()) {
    because("incomplete", "Tingkat risiko dan kewenangan diperlukan untuk memutuskan.",
            "The risk level and the authority are needed to decide.");
    return out;
  }
  out.recommendation = "continue_here";
  if (in.risk_level == "low") {
    because("a",
            "Berisiko rendah tetapi tidak dapat ditangani di tingkat desa: lanjutkan di unit ini.",
            "Low risk but not manageable at village level: continue at this unit.");
  } else {
    because("a",
            "KTP/KTA berisiko sedang/tinggi dengan kewenangan kabupaten/kota: lanjutkan "
            "penanganan kasus.",
            "Medium or high risk under the regency's or city's authority: continue here.");
  }
  return out;
}

}  // namespace lindungi
