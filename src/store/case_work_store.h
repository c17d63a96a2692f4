// Case work in the read tables (migration 18, docs/storage.md "Case work events"): the
// intervention plan, meetings, monitoring notes and terminations of a case, projected from
// the case's events; and the queries the service asks about them. Free text is as stored
// (sealed). Functions run on a caller's SqlConn inside the caller's transaction.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/event_log.h"
#include "store/sql.h"

namespace lindungi::store {

// Projects PlanUpdated, MeetingRecorded, MonitoringRecorded, CaseTerminated and
// CaseReopened (the cases row's status too); other events are left alone.
void ProjectCaseWorkEvent(SqlConn& conn, const StoredEvent& e, const boost::json::object& p,
                          const std::string& case_id);
// The statements that empty these tables (a rebuild of the projections).
inline constexpr const char* kClearCaseWork =
    "DELETE FROM case_plans; DELETE FROM case_meetings; DELETE FROM monitoring_notes; "
    "DELETE FROM case_terminations;";

struct PlanRecord {
  std::string case_id, data, updated_at, updated_by;
  std::int64_t version = 0;
};
std::optional<PlanRecord> FindPlan(SqlConn& c, const std::string& case_id);
void FindPlan(QueryBatch& b, const std::string& case_id, std::optional<PlanRecord>* out);

// A meeting, monitoring note or termination: `data` is its record as JSON text.
struct CaseWorkRow {
  std::string id, case_id, kind, data, recorded_at, recorded_by;
};
std::vector<CaseWorkRow> ListMeetings(SqlConn& c, const std::string& case_id);
std::vector<CaseWorkRow> ListMonitoringNotes(SqlConn& c, const std::string& case_id);
std::vector<CaseWorkRow> ListTerminations(SqlConn& c, const std::string& case_id);
// All four above, added to a batch (a whole case's record in one round trip).
struct CaseWorkRecord {
  std::optional<PlanRecord> plan;
  std::vector<CaseWorkRow> meetings, monitoring_notes, terminations;
};
void ReadCaseWork(QueryBatch& b, const std::string& case_id, CaseWorkRecord* out);

// What blocks a termination: open shelter stays, referrals not answered yet.
std::int64_t CountOpenStays(SqlConn& c, const std::string& case_id);
std::int64_t CountPendingReferrals(SqlConn& c, const std::string& case_id);
// The ids of the case's open tasks, in opening order.
std::vector<std::string> OpenTaskIds(SqlConn& c, const std::string& case_id);

}  // namespace lindungi::store
