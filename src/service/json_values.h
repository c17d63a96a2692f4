// Small JSON values the answers share.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace lindungi {

// A list of strings as a JSON array.
boost::json::array Strings(const std::vector<std::string>& v);
// Text, or null when empty.
boost::json::value TextOrNull(const std::string& s);

}  // namespace lindungi
