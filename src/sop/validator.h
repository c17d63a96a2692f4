// The rules of SOP packs (docs/sop-format.md) between elements: known roles, document
// kinds, consent scopes, facts and end reasons; unique ids; flow targets that exist;
// decisions with outcomes; every step reachable from the first; every step with a path to
// an end (so no loop lacks an exit); well-formed standard times; document kinds whose
// `form:` names an existing form. Pure.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "sop/pack.h"

namespace lindungi::sop {

// Every problem in `packs`, in file order. `start:` may name an SOP of any given pack.
// With `form_ids` (the forms of forms/), every document kind's `form:` must name one of
// them; without, form links are not checked.
std::vector<Diagnostic> Validate(const std::vector<Pack>& packs,
                                 const std::set<std::string>* form_ids = nullptr);

bool IsExternalActor(std::string_view role);

}  // namespace lindungi::sop
