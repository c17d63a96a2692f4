// Which case a caller may read or work on (need-to-know, core/access.h; docs/security.md):
// a case they may not see answers 404, as if it did not exist.
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "service/access_log.h"
#include "service/principal.h"
#include "service/vault.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/task_store.h"

namespace lindungi {

// Whether `p` may see case `k` (asks the store for the team and open tasks only when the
// caller's roles do not decide).
bool CaseVisibleTo(store::SqlConn& c, const Principal& p, const store::CaseRecord& k);
// The answer for a case the caller may not see (or that does not exist).
Error CaseNotFound();
// The case a write records work on: kNotFound for a case `p` may not see, kConflict
// "case_closed" once it is closed (CheckCaseOpenForWork). In a transaction.
Result<store::CaseRecord> CaseOpenForWork(store::SqlConn& c, const Principal& p,
                                          const std::string& case_id);
// A read of one part of case `case_id`: `read` builds it for a case the caller sees; it is
// decrypted and the read logged as `section` (nullptr: a read of no personal data, not
// logged). Else CaseNotFound.
Result<boost::json::value> ReadVisibleCase(
    store::Database& db, const Vault& vault, AccessLog& access_log, const Principal& p,
    const std::string& case_id, const char* section,
    const std::function<boost::json::value(store::SqlConn&, const store::CaseRecord&)>& read);
// The task `task_id` if it is one of case `case_id`'s; else kNotFound "task_not_found"
// naming the field task_id (for a request that names the task it was done for).
Result<store::TaskRecord> TaskOfCase(store::SqlConn& c, const std::string& task_id,
                                     const std::string& case_id);
// Today's date in the unit's time zone (deadlines, ages, "today" in a unit's documents).
std::chrono::year_month_day UnitToday(store::SqlConn& c, const std::string& unit_id, Instant now);

}  // namespace lindungi
