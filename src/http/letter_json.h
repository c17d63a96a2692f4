// Reading the JSON bodies of the letter routes (docs/letters.md "The service"): a letter
// request reads only the fields of its kind (any other is "unknown_field"), and the unit's
// letter settings.
#pragma once

#include <boost/json/object.hpp>

#include "core/error.h"
#include "service/letter_service.h"

namespace lindungi::http {

// {kind, date?, officer?, ...the kind's fields}
Result<LetterRequest> ReadLetterRequest(const boost::json::object& o);
// {authority, name, address, phone?, email?, city, head {name, nip, rank?, position?},
//  agenda? {pattern?, classification?, unit_code?}}
Result<LetterSettings> ReadLetterSettings(const boost::json::object& o);

}  // namespace lindungi::http
