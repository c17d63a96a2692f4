// Reading the request bodies of case work (docs/case-work.md): the intervention plan, a
// meeting, a monitoring note, a termination (with the terminasi form's values) and a
// reopening. Strict like every reader (json_body.h): wrong types and unknown fields are
// errors that name the field.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "core/case_work.h"
#include "core/error.h"
#include "core/termination.h"

namespace lindungi::http {

Result<PlanInput> ReadPlan(const boost::json::object& o);
Result<MeetingInput> ReadMeeting(const boost::json::object& o);
Result<MonitoringInput> ReadMonitoring(const boost::json::object& o);

struct TerminationRequest {
  TerminationInput termination;
  boost::json::object form;                // the terminasi form's values, checked by the service
  std::optional<std::string> document_id;  // or: the terminasi form filed on the case
};
Result<TerminationRequest> ReadTermination(const boost::json::object& o);

}  // namespace lindungi::http
