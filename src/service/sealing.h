// Sealing what is written about a case's people: free text under the client's key, and the
// blind indexes that find a person without decrypting (docs/security.md).
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "service/vault.h"
#include "store/case_store.h"
#include "store/database.h"

namespace lindungi {

// `text` as stored on case `k`: sealed under its client's key, like the narrative (notes,
// reasons). kFailedPrecondition "client_erased" once that key was destroyed.
Result<std::string> SealForCase(store::SqlConn& c, const Vault& vault, const store::CaseRecord& k,
                                const std::string& text);

// Replaces the blind-index entries of a person (search before create): the words of their
// name, their NIK and their birth date, as keyed hashes.
void IndexPerson(store::SqlConn& c, const Vault& vault, const std::string& person_id,
                 const std::string& case_id, const std::string& unit_id, const std::string& name,
                 const std::optional<std::string>& nik,
                 const std::optional<std::string>& birth_date);

}  // namespace lindungi
