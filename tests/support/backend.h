// Which store backend a test run uses: SQLite (default) or a throwaway PostgreSQL, chosen
// by LINDUNGI_TEST_BACKEND=postgres. ctest runs every store and API suite once per backend.
//
// The PostgreSQL server is started on first use (initdb in a temp dir, as user postgres
// when running as root since initdb refuses root; 127.0.0.1 on a free port) and stopped
// when the process exits. Each caller gets a fresh database. Safe for concurrent use.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lindungi::testing {

bool UsePostgres();

// A URL of a new, empty PostgreSQL database on the shared throwaway server.
std::string NewPostgresDatabase();
// The same on another throwaway server whose processes get `env` in their environment (the
// benchmark's slow disk: LD_PRELOAD of bench/slow_sync.cpp); one server per distinct `env`.
std::string NewPostgresDatabase(const std::vector<std::pair<std::string, std::string>>& env);

// Runs SQL directly on a store (a sqlite: URL or path, or a postgres:// URL), bypassing
// Lindungi, as someone holding the database would. Returns the first column of the first
// row ("" if none). Throws std::runtime_error on failure.
std::string RawSql(const std::string& db_url, const std::string& sql);

// RawSql after dropping the event log's append-only triggers (to tamper with it).
void Tamper(const std::string& db_url, const std::string& sql);

}  // namespace lindungi::testing
