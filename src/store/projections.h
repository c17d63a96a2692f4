// Projections: the read tables (units, users, user_roles, cases, sop_instances, tasks,
// case_facts) derived from events. They
// are updated in the transaction that appends the event and can be rebuilt from the log
// (lindungi rebuild). Unknown event types leave them unchanged.
#pragma once

#include <boost/json/object.hpp>

#include "store/event_log.h"
#include "store/sql.h"

namespace lindungi::store {

// Applies one event to the read tables. Throws StoreError (also on a malformed payload).
void Project(SqlConn& conn, const StoredEvent& e);
// The same, with the payload already parsed (the append path has it in hand).
void Project(SqlConn& conn, const StoredEvent& e, const boost::json::object& payload);

// Empties every read table (not the log, credentials, sessions, counters or idempotency keys).
void ClearProjections(SqlConn& conn);

}  // namespace lindungi::store
