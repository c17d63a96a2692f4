// Versioned, forward-only schema migrations. Each migration is one change, never edited
// after it ships; applied versions are recorded in schema_migrations. See docs/storage.md.
#pragma once

#include "store/sql.h"

namespace lindungi::store {

// Applies every migration newer than the database's version, each in its own transaction.
// REQUIRES: no transaction open on `conn`. Throws StoreError.
void Migrate(SqlConn& conn);

// The newest schema version this binary knows.
int LatestSchemaVersion();

}  // namespace lindungi::store
