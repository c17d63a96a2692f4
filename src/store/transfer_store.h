// Transfers of a case between units (docs/transfers.md): the `transfers` read table, its
// projection from the case stream's Transfer* events and CaseTransferred, and its queries.
// Each function runs on a caller's SqlConn and throws StoreError on storage failure.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "store/event_log.h"
#include "store/sql.h"

namespace lindungi::store {

// A transfer: `data` is its record as JSON text (the request's payload with the handover
// minutes, `answer`, `reports`; free text sealed under the case client's key).
struct TransferRecord {
  std::string id, case_id, from_unit, to_unit, status, requested_at, requested_by, updated_at, data;
};

std::optional<TransferRecord> FindTransfer(SqlConn& c, const std::string& id);
// The transfers of a case, oldest first.
std::vector<TransferRecord> ListCaseTransfers(SqlConn& c, const std::string& case_id);
// Newest first: transfers to (`incoming`) or from these units, at most `limit`.
std::vector<TransferRecord> ListUnitTransfers(SqlConn& c, const std::vector<std::string>& unit_ids,
                                              bool incoming, std::int64_t limit);

// Search entries (person_index) of a case follow it to its new unit.
void MoveCaseIndex(SqlConn& c, const std::string& case_id, const std::string& unit_id);

// Applies a transfer event of case `case_id` to the read tables (TransferRequested,
// TransferAccepted, TransferRejected, TransferCancelled, TransferReported, CaseTransferred);
// other events are left alone.
void ProjectTransferEvent(SqlConn& conn, const StoredEvent& e, const boost::json::object& p,
                          const std::string& case_id);

}  // namespace lindungi::store
