#include "core/classification.h"

#include <algorithm>
#include <set>

namespace lindungi {

const std::vector<Category>* Classification::List(std::string_view name) const {
  const std::pair<std::string_view, const std::vector<Category>*> lists[] = {
      {"violence_forms", &violence_forms},
      {"case_types", &case_types},
      {"ampk_categories", &ampk_categories},
      {"place_types", &place_types},
      {"perpetrator_relations", &perpetrator_relations},
      {"reporter_relations", &reporter_relations},
      {"guardian_relations", &guardian_relations},
      {"education_levels", &education_levels},
      {"services", &services},
      {"occupations", &occupations},
      {"marital_statuses", &marital_statuses},
      {"disability_kinds", &disability_kinds},
      {"gbvims_types", &gbvims_types}};
  for (const auto& [n, l] : lists)
    if (n == name) return l;
  return nullptr;
}

bool Classification::Has(std::string_view name, std::string_view id) const {
  const auto* l = List(name);
  return l && std::any_of(l->begin(), l->end(), [&](const Category& c) { return c.id == id; });
}

std::string Classification::AgeBandOf(int age) const {
  for (const auto& b : age_bands)
    if (age >= b.min && (!b.max || age <= *b.max)) return b.id;
  return {};
}

std::string Classification::GbvimsTypeOf(const std::vector<std::string>& forms, bool penetration,
                                         bool forced_marriage) const {
  std::set<std::string> matches;
  for (const auto& f : forms) {
    for (const auto& c : violence_forms) {
      if (c.id != f || c.gbvims.empty()) continue;
      matches.insert(c.gbvims);
      if (c.gbvims == "sexual_assault" && penetration) matches.insert("rape");
    }
  }
  if (forced_marriage) matches.insert("forced_marriage");
  for (const auto& t : gbvims_types)
    if (matches.contains(t.id)) return t.id;
  return {};
}

}  // namespace lindungi
