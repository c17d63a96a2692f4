// The rules of SOP packs (docs/sop-format.md) between elements: known roles, document
// kinds, consent scopes, facts and end reasons; unique ids; flow targets that exist;
// decisions with outcomes; every step reachable from the first; every step with a path to
// an end (so no loop lacks an exit); well-formed standard times. Pure.
#pragma once

#include <vector>

#include "sop/pack.h"

namespace lindungi::sop {

// Every problem in `packs`, in file order. `start:` may name an SOP of any given pack.
std::vector<Diagnostic> Validate(const std::vector<Pack>& packs);

bool IsExternalActor(std::string_view role);

}  // namespace lindungi::sop
