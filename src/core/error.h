// Error: the one error type of Lindungi, and Result<T> for functions that can fail.
//
// An Error carries a kind (what went wrong, mapped to an HTTP status in exactly one place,
// http/errors.cpp), a stable machine code, a message in Bahasa Indonesia and in English,
// and optionally the JSON path of the offending field. Messages never contain personal
// data: they name fields, never echo values. Value type; safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nonstd/expected.hpp>  // expected-lite, vendored: third_party/expected-lite/

namespace lindungi {

enum class ErrorKind {
  kInvalidArgument,     // bad input: validation, malformed body, unknown field
  kNotFound,            // no such thing, or the caller may not know it exists
  kConflict,            // stale version, duplicate
  kFailedPrecondition,  // well-formed but not acceptable now (422): reused idempotency key ...
  kUnauthenticated,     // no valid session
  kPermissionDenied,    // authenticated but not allowed (incl. CSRF failure)
  kPayloadTooLarge,     // body over the limit
  kUnsupportedMedia,    // wrong Content-Type
  kTooManyRequests,     // throttled
  kUnavailable,         // shutting down, store not reachable
  kCorruption,          // stored data fails verification
  kIOError,             // storage failure
  kInternal,            // a bug: never caused by input
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;                             // stable, snake_case, e.g. "unknown_field"
  std::string message_id;                       // Bahasa Indonesia
  std::string message_en;                       // English
  std::string field;                            // JSON path such as "client.birth_date", or empty
  std::optional<std::int64_t> current_version;  // set on a version conflict
  std::optional<std::int64_t> retry_after_s;    // set when the caller must wait (429)

  Error WithField(std::string f) && {
    field = std::move(f);
    return std::move(*this);
  }
};

// Builds an Error; `id` and `en` say the same thing in the two languages.
Error MakeError(ErrorKind kind, std::string code, std::string id, std::string en,
                std::string field = {});

std::string_view ErrorKindName(ErrorKind kind);

template <class T>
using Result = nonstd::expected<T, Error>;
using Status = nonstd::expected<void, Error>;
using nonstd::make_unexpected;

inline nonstd::unexpected_type<Error> Fail(Error e) {
  return nonstd::make_unexpected(std::move(e));
}

}  // namespace lindungi
