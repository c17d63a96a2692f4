// Reading and writing event payloads: a field the event must have, or one it may have.
// The one place the event types (store/events/) and projections read payload fields.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql.h"

namespace lindungi::store {

// The text field `key` of a payload; StoreError if it is missing (a corrupt event).
std::string Str(const boost::json::object& o, std::string_view key);
// The text field `key`, or NULL when it is absent or not text.
SqlValue OptStr(const boost::json::object& o, std::string_view key);
// The text field `key`, or nothing when it is absent or not text.
std::optional<std::string> OptText(const boost::json::object& o, std::string_view key);
// The bool field `key`; StoreError if it is missing.
bool Bool(const boost::json::object& o, std::string_view key);
// The bool field `key`; false when it is absent or not a bool.
bool Flag(const boost::json::object& o, std::string_view key);
// The integer field `key`; StoreError if it is missing.
std::int64_t Int(const boost::json::object& o, std::string_view key);
// The integer field `key`, or nothing when it is absent or not an integer.
std::optional<std::int64_t> OptInteger(const boost::json::object& o, std::string_view key);
// The integer field `key`, or NULL when it is absent or not an integer.
SqlValue OptInt(const boost::json::object& o, std::string_view key);
// The array of texts `key`; StoreError if it is missing or holds something else.
std::vector<std::string> StrList(const boost::json::object& o, std::string_view key);
// The array of texts `key`, or none when it is absent.
std::vector<std::string> StrListOr(const boost::json::object& o, std::string_view key);
// The array field `key` as JSON text, "[]" when it is absent.
std::string StrArray(const boost::json::object& o, std::string_view key);
// The object field `key`; StoreError if it is missing.
const boost::json::object& Obj(const boost::json::object& o, std::string_view key);
// The object field `key`, or an empty object when it is absent.
boost::json::object ObjOr(const boost::json::object& o, std::string_view key);

// Writing: a text or null, an array of texts, and an optional text as an SQL value.
boost::json::value TextOrNull(const std::optional<std::string>& s);
boost::json::value IntOrNull(const std::optional<std::int64_t>& v);
boost::json::array ToArray(const std::vector<std::string>& v);
SqlValue ToSql(const std::optional<std::string>& s);
SqlValue ToSql(const std::optional<std::int64_t>& v);
// A list of texts as JSON text (the projections' array columns).
std::string JsonList(const std::vector<std::string>& v);

}  // namespace lindungi::store
