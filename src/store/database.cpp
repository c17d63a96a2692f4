#include "store/database.h"

#include "store/postgres/pg_database.h"
#include "store/sqlite/sqlite_database.h"

namespace lindungi::store {

std::unique_ptr<Database> OpenDatabase(const std::string& url, const DatabaseOptions& options) {
  std::string_view u = url;
  if (u.starts_with("postgres://") || u.starts_with("postgresql://"))
    return OpenPostgresDatabase(url, options);
  if (u.starts_with("sqlite:")) u.remove_prefix(7);
  if (u.empty()) throw StoreError("no database path given");
  return OpenSqliteDatabase(std::string(u), options);
}

}  // namespace lindungi::store
