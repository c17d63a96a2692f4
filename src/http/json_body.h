// Strict reading of JSON request bodies: parse errors, bad UTF-8, wrong types and unknown
// fields all become a kInvalidArgument Error that names the problem and the field. No
// RESTinio here, so this code compiles fast and is fuzzed on its own.
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace lindungi::http {

// Parses a request body. Errors: "empty_body", "invalid_utf8", "malformed_json" (with the
// byte offset), "too_deep" (nesting over 32), "not_an_object".
Result<boost::json::object> ParseJsonObject(std::string_view body);

// Reads the fields of one JSON object by name and type, remembering the first problem.
// Absent and null are the same for optional fields. Finish() reports fields never read.
class ObjectReader {
 public:
  // `path` prefixes field names in errors ("client" -> "client.name").
  ObjectReader(const boost::json::object& o, std::string path = {});

  std::string String(std::string_view key);  // required
  std::optional<std::string> OptString(std::string_view key);
  bool Bool(std::string_view key, bool fallback);
  std::optional<bool> OptBool(std::string_view key);
  std::optional<std::int64_t> OptInt(std::string_view key);
  std::int64_t Int(std::string_view key);  // required
  // An optional array of strings (absent: empty), at most `max_items`.
  std::vector<std::string> Strings(std::string_view key, std::size_t max_items = 100);
  // A nested object; nullptr (and an error if `required`) when absent.
  const boost::json::object* Object(std::string_view key, bool required);

  // Marks a field as read by the caller itself; records a problem the caller found (the
  // first problem wins).
  void Skip(std::string_view key) { seen_.insert(std::string(key)); }
  void Report(Error e) {
    if (!error_) error_ = std::move(e);
  }

  // Reports the first error seen, else the first field that no call asked for.
  Status Finish() const;
  bool ok() const { return !error_; }
  std::string FieldPath(std::string_view key) const;

 private:
  const boost::json::value* Find(std::string_view key, bool required);
  void WrongType(std::string_view key, const char* type_id, const char* type_en);

  const boost::json::object& o_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
  std::optional<Error> error_;
};

}  // namespace lindungi::http
