// The PostgreSQL backend: a pool of libpq connections; each write is its own transaction
// (PostgreSQL group-commits concurrent transactions itself), retried from the start when it
// loses a race (unique violation, serialization failure, deadlock). Stateless: several
// app processes can share one database.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace lindungi::store {

std::unique_ptr<Database> OpenPostgresDatabase(const std::string& url,
                                               const DatabaseOptions& options);

}  // namespace lindungi::store
