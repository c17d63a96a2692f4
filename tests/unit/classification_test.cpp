// The shipped classification (sops/classification.yaml) and the pure rules over it: age
// bands, GBVIMS core types, and identification triage (Luwu Utara step 5, each branch).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/classification.h"
#include "core/intake.h"
#include "core/triage.h"
#include "sop/loader.h"

namespace lindungi {
namespace {

Classification Shipped() {
  std::vector<sop::Diagnostic> diags;
  auto c = sop::LoadClassification(std::string(LINDUNGI_SOURCE_DIR) + "/sops/classification.yaml",
                                   diags);
  for (const auto& d : diags) ADD_FAILURE() << d.Format();
  return c;
}

TEST(ClassificationTest, TheShippedListsAreComplete) {
  auto c = Shipped();
  EXPECT_EQ(c.violence_forms.size(), 7u);  // SIMFONI's seven forms
  EXPECT_EQ(c.ampk_categories.size(), 15u) << "the 15 AMPK categories of the regulation";
  EXPECT_EQ(c.place_types.size(), 6u);
  EXPECT_EQ(c.perpetrator_relations.size(), 10u);
  EXPECT_EQ(c.age_bands.size(), 7u);
  EXPECT_EQ(c.gbvims_types.size(), 6u);
  EXPECT_EQ(c.gbvims_types.front().id, "rape");
  for (const char* t : {"ktp", "kta", "kdrt", "tppo", "abh", "ampk"})
    EXPECT_TRUE(c.Has("case_types", t)) << t;
  EXPECT_TRUE(c.Has("services", "legal_aid"));
  EXPECT_FALSE(c.Has("services", "magic"));
  EXPECT_FALSE(c.Has("no_such_list", "x"));
}

// UU 35/2014's family terms are sayable for a guardian and a reporter, from the data; the
// values that were valid before still are.
TEST(ClassificationTest, GuardiansAndReportersCanBeAnyRelationOfUu35) {
  auto c = Shipped();
  Instant now = *ParseInstant("2026-11-23T10:00:00+07:00");
  for (const char* rel :
       {"parent", "family", "other", "grandparent", "aunt_uncle", "older_sibling", "foster_parent",
        "adoptive_parent", "step_parent", "court_appointed_guardian", "care_institution"}) {
    PersonInput g;
    g.role = "guardian";
    g.name = "Wali Anak";
    g.relation = rel;
    g.guardian_of = "0b8f3c1e-1111-4222-8333-444455556666";
    EXPECT_TRUE(ValidatePerson(g, c, now)) << rel;
  }
  PersonInput cousin;
  cousin.role = "guardian";
  cousin.name = "Sepupu";
  cousin.relation = "cousin_twice_removed";
  cousin.guardian_of = "0b8f3c1e-1111-4222-8333-444455556666";
  auto bad = ValidatePerson(cousin, c, now);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "person.relation");

  IntakeRequest r;
  r.reporter.name = "Nenek Klien";
  for (const char* rel : {"self", "parent", "family", "neighbour", "teacher", "agency", "other",
                          "grandparent", "aunt_uncle", "sibling", "foster_parent"}) {
    r.reporter.relation = rel;
    EXPECT_TRUE(ValidateIntakeCodes(r, c)) << rel;
  }
  r.reporter.relation = "cousin";
  auto wrong = ValidateIntakeCodes(r, c);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field, "reporter.relation");
  EXPECT_EQ(wrong.error().code, "unknown_value");
}

TEST(ClassificationTest, AgeBandsAsSimfoniReportsThem) {
  auto c = Shipped();
  EXPECT_EQ(c.AgeBandOf(0), "0-5");
  EXPECT_EQ(c.AgeBandOf(5), "0-5");
  EXPECT_EQ(c.AgeBandOf(6), "6-12");
  EXPECT_EQ(c.AgeBandOf(17), "13-17");
  EXPECT_EQ(c.AgeBandOf(18), "18-24");
  EXPECT_EQ(c.AgeBandOf(44), "25-44");
  EXPECT_EQ(c.AgeBandOf(59), "45-59");
  EXPECT_EQ(c.AgeBandOf(97), "60+");
  EXPECT_EQ(c.AgeBandOf(-1), "");
}

TEST(ClassificationTest, GbvimsTakesTheFirstMatchingTypeInOrder) {
  auto c = Shipped();
  EXPECT_EQ(c.GbvimsTypeOf({"sexual", "physical"}, true, false), "rape");
  EXPECT_EQ(c.GbvimsTypeOf({"physical", "sexual"}, false, false), "sexual_assault");
  EXPECT_EQ(c.GbvimsTypeOf({"psychological", "physical"}, false, false), "physical_assault");
  EXPECT_EQ(c.GbvimsTypeOf({"psychological"}, false, true), "forced_marriage");
  EXPECT_EQ(c.GbvimsTypeOf({"neglect", "psychological"}, false, false), "denial_of_resources");
  EXPECT_EQ(c.GbvimsTypeOf({"psychological"}, false, false), "psychological_abuse");
  EXPECT_EQ(c.GbvimsTypeOf({"trafficking", "exploitation"}, false, false), "")
      << "context, recorded apart";
  EXPECT_EQ(c.GbvimsTypeOf({"physical"}, true, false), "physical_assault")
      << "penetration makes rape only of sexual violence";
}

TEST(ClassificationTest, ABrokenFileIsReportedWithItsPlace) {
  auto path = std::filesystem::temp_directory_path() / "lindungi-bad-classification.yaml";
  {
    std::ofstream f(path);
    f << "violence_forms:\n  - { id: physical, label: Fisik, label_en: Physical, gbvims: "
         "nope }\n  - { id: physical, label: Fisik, label_en: Physical }\n"
         "age_bands:\n  - { id: a, min: 0, max: 5 }\n  - { id: b, min: 7 }\n"
         "colours: []\n";
  }
  std::vector<sop::Diagnostic> diags;
  sop::LoadClassification(path.string(), diags);
  std::string all;
  for (const auto& d : diags) all += d.Format() + "\n";
  EXPECT_NE(all.find("duplicate id 'physical'"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown GBVIMS type 'nope'"), std::string::npos) << all;
  EXPECT_NE(all.find("without gaps"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown key 'colours'"), std::string::npos) << all;
  EXPECT_NE(all.find("'case_types' must be a list"), std::string::npos) << all;
  EXPECT_NE(all.find(path.string() + ":"), std::string::npos) << all;
  std::filesystem::remove(path);
}

TriageResult T(std::vector<std::string> types, std::string risk, std::string jurisdiction,
               bool village = false, bool emergency = false) {
  return Triage({std::move(types), std::move(risk), std::move(jurisdiction), village, emergency});
}

TEST(TriageTest, EachBranchOfIdentificationStepFive) {
  // a: KTP/KTA, medium or high risk, the regency's authority.
  EXPECT_EQ(T({"kta"}, "high", "kabupaten_kota").recommendation, "continue_here");
  EXPECT_EQ(T({"ktp", "kdrt"}, "medium", "kabupaten_kota").recommendation, "continue_here");
  EXPECT_EQ(T({"kta"}, "high", "kabupaten_kota").reasons.at(0).rule, "a");
  // b: low risk and the village can handle it.
  auto b = T({"kta"}, "low", "kabupaten_kota", true);
  EXPECT_EQ(b.recommendation, "hand_to_patbm");
  EXPECT_EQ(b.reasons.at(0).rule, "b");
  // Low risk the village cannot handle stays here (interpretation: never left unhandled).
  EXPECT_EQ(T({"kta"}, "low", "kabupaten_kota", false).recommendation, "continue_here");
  // c: a child in conflict with the law alone goes to Dinas Sosial ...
  auto c = T({"abh"}, "", "");
  EXPECT_EQ(c.recommendation, "hand_to_social_services");
  EXPECT_EQ(c.reasons.at(0).rule, "c");
  // ... and when also a victim, the unit continues and names the ABH part.
  auto ca = T({"kta", "abh"}, "high", "kabupaten_kota");
  EXPECT_EQ(ca.recommendation, "continue_here");
  EXPECT_EQ(ca.reasons.at(0).rule, "c");
  // d: provincial or national authority.
  EXPECT_EQ(T({"tppo"}, "high", "provinsi").recommendation, "hand_to_province_or_ministry");
  EXPECT_EQ(T({"ktp"}, "", "nasional").recommendation, "hand_to_province_or_ministry");
  // e: an emergency goes first, whatever else holds.
  auto e = T({"kta"}, "low", "provinsi", true, true);
  EXPECT_EQ(e.recommendation, "emergency_outreach");
  EXPECT_EQ(e.reasons.at(0).rule, "e");
  // ... even before the case type is decided: an emergency does not wait for it.
  auto e_untyped = T({}, "", "", false, true);
  EXPECT_EQ(e_untyped.recommendation, "emergency_outreach");
  EXPECT_TRUE(e_untyped.missing.empty());
  // c: an AMPK child whose category is "in conflict with the law" is an ABH case ...
  TriageInput ampk_abh{{"ampk"}, "", "", false, false, {"in_conflict_with_law"}};
  EXPECT_EQ(Triage(ampk_abh).recommendation, "hand_to_social_services");
  EXPECT_EQ(Triage(ampk_abh).reasons.at(0).rule, "c");
  // ... and with another AMPK category too, a victim the unit handles, naming the ABH part.
  TriageInput ampk_both{{"ampk"}, "high", "kabupaten_kota",
                        false,    false,  {"in_conflict_with_law", "sexual_crime"}};
  EXPECT_EQ(Triage(ampk_both).recommendation, "continue_here");
  EXPECT_EQ(Triage(ampk_both).reasons.at(0).rule, "c");
  TriageInput ampk_victim{{"ampk"}, "high", "kabupaten_kota", false, false, {"disability"}};
  EXPECT_EQ(Triage(ampk_victim).recommendation, "continue_here");
  // f: neither KTP/KTA nor ABH.
  auto f = T({"non_ktp_kta"}, "low", "kabupaten_kota");
  EXPECT_EQ(f.recommendation, "information_only");
  EXPECT_EQ(f.reasons.at(0).rule, "f");
  // Not decidable yet: says what is missing.
  auto none = T({}, "", "");
  EXPECT_EQ(none.recommendation, "");
  EXPECT_EQ(none.missing, std::vector<std::string>{"case_type"});
  auto part = T({"kta"}, "", "");
  EXPECT_EQ(part.recommendation, "");
  EXPECT_EQ(part.missing, (std::vector<std::string>{"risk_level", "jurisdiction"}));
}

}  // namespace
}  // namespace lindungi
