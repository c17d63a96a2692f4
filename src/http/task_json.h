// JSON request bodies of the SOP and task routes mapped to service values. Type and shape
// errors only; the vocabulary (facts, consent scopes, document kinds) is checked by the
// task service against the unit's SOP pack.
#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "core/error.h"
#include "service/task_service.h"

namespace lindungi::http {

// {"sop": "kalteng/pengaduan-langsung", "facts": {...}, "consents": [...], "documents": [...]}
Result<StartSopRequest> ReadStartSop(const boost::json::object& o);
// {"outcome": "...", "note": "...", "facts": {...}, "consents": [...], "documents": [...]}
Result<CompleteTaskRequest> ReadCompleteTask(const boost::json::object& o);
// {"assignee": "<user id>" | null}
Result<std::string> ReadAssign(const boost::json::object& o);

}  // namespace lindungi::http
