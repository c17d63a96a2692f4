// How cases, incidents and people are classified: the lists of sops/classification.yaml
// (SIMFONI categories, case types, the 15 AMPK categories, GBVIMS) as a value, and the pure
// rules over them — age band at an incident, the GBVIMS core type of an incident. Loaded by
// sop::LoadClassification; no I/O here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lindungi {

struct Category {
  std::string id, label, label_en;
  std::string gbvims;  // violence forms: the GBVIMS core type they count as ("" if none)
};

struct AgeBand {
  std::string id;
  int min = 0;
  std::optional<int> max;  // none: and older
};

struct Classification {
  std::vector<Category> violence_forms, case_types, ampk_categories, place_types,
      perpetrator_relations, reporter_relations, guardian_relations, education_levels, services,
      occupations, marital_statuses, disability_kinds;
  std::vector<AgeBand> age_bands;
  std::vector<Category> gbvims_types;  // in order of precedence

  // The list named `name` ("violence_forms", ...), or nullptr.
  const std::vector<Category>* List(std::string_view name) const;
  // Whether `id` is in the list named `name`.
  bool Has(std::string_view name, std::string_view id) const;
  // The band of someone `age` years old on the day of the incident; "" if none fits.
  std::string AgeBandOf(int age) const;
  // The GBVIMS core type of an incident with `forms` of violence: the first of gbvims_types
  // that matches — rape for sexual violence with penetration, forced marriage when recorded —
  // or "" when none applies (exploitation, trafficking: context, recorded apart).
  std::string GbvimsTypeOf(const std::vector<std::string>& forms, bool penetration,
                           bool forced_marriage) const;
};

// How one case is classified (PUT /cases/{id}/classification): ids of the lists above.
struct CaseClassification {
  std::vector<std::string> case_types;       // at least one
  std::vector<std::string> ampk_categories;  // a child needing special protection
  std::string risk_level;                    // low, medium, high; "" not assessed yet
  std::string jurisdiction;                  // kabupaten_kota, provinsi, nasional; "" unknown
  bool village_manageable = false;           // can be handled at village level (PATBM)
};

}  // namespace lindungi
