// Case use cases: intake (create), show, list, history, update, the case team and the
// sensitive flag. Authorization: need-to-know (core/access.h, docs/security.md) — a caller
// sees the cases they work on and, by their roles, their unit's; any other case id answers
// kNotFound, as if it did not exist. Safe for concurrent use, like every case service.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "core/intake.h"
#include "service/case_service_base.h"
#include "service/principal.h"
#include "service/writes.h"

namespace lindungi {

struct CaseListQuery {
  std::optional<std::string> status;
  std::optional<std::string> received_from;  // RFC 3339 or YYYY-MM-DD (start of that UTC day)
  std::optional<std::string> received_to;    // exclusive
  std::optional<std::string> sop;            // cases that ran this SOP ("kalteng/mediasi")
  bool overdue = false;                      // only cases with an overdue open task
  std::int64_t page = 1;
  std::int64_t page_size = 50;
};

// The case's own fields as stored (sealed fields still sealed), without its record.
boost::json::object CaseJson(const store::CaseRecord& k);

class CaseService : public CaseServiceBase {
 public:
  using CaseServiceBase::CaseServiceBase;

  // Opens a case: event CaseOpened with a unit-scoped number PPA-<UNIT>/<year>/<00001>.
  Result<WriteReply> Create(const Principal& p, const IntakeRequest& r,
                            const std::optional<Idempotency>& idem);

  // Corrects intake fields; kConflict with the current version if `version` is stale.
  Result<WriteReply> Update(const Principal& p, const std::string& case_id, std::int64_t version,
                            const CaseUpdate& u, const std::optional<Idempotency>& idem);

  Result<boost::json::value> Get(const Principal& p, const std::string& case_id);
  Result<boost::json::value> List(const Principal& p, const CaseListQuery& q);
  Result<boost::json::value> Events(const Principal& p, const std::string& case_id);

  // The case team (need-to-know): who opened the case, did one of its steps, or was added.
  Result<boost::json::value> Team(const Principal& p, const std::string& case_id);
  // Adds a staff member of the case's unit to its team: by a supervisor or case manager who
  // sees the case. Adding a member already on it changes nothing.
  Result<WriteReply> AddTeamMember(const Principal& p, const std::string& case_id,
                                   const std::string& user_id, const std::string& reason,
                                   const std::optional<Idempotency>& idem);
  // Takes someone off the team: by a supervisor who sees the case.
  Result<WriteReply> RemoveTeamMember(const Principal& p, const std::string& case_id,
                                      const std::string& user_id);
  // Flags a case sensitive (anyone who sees it; they join its team so they keep it) or
  // clears the flag (unit or department head), with a reason.
  Result<WriteReply> SetSensitivity(const Principal& p, const std::string& case_id, bool sensitive,
                                    const std::string& reason,
                                    const std::optional<Idempotency>& idem);
};

}  // namespace lindungi
