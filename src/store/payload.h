// Reading event payloads in projections: a field the event must have, or one it may have.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

#include "store/sql.h"

namespace lindungi::store {

// The text field `key` of a payload; StoreError if it is missing (a corrupt event).
std::string Str(const boost::json::object& o, std::string_view key);
// The text field `key`, or NULL when it is absent or not text.
SqlValue OptStr(const boost::json::object& o, std::string_view key);

}  // namespace lindungi::store
