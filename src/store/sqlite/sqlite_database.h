// The embedded SQLite backend: one writer thread that group-commits queued writes, and a
// pool of reader connections (WAL lets them read while the writer writes).
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace lindungi::store {

std::unique_ptr<Database> OpenSqliteDatabase(const std::string& path,
                                             const DatabaseOptions& options);

}  // namespace lindungi::store
