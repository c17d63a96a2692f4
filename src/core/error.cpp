#include "core/error.h"

namespace lindungi {

Error MakeError(ErrorKind kind, std::string code, std::string id, std::string en,
                std::string field) {
  Error e;
  e.kind = kind;
  e.code = std::move(code);
  e.message_id = std::move(id);
  e.message_en = std::move(en);
  e.field = std::move(field);
  return e;
}

std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "invalid_argument";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kFailedPrecondition:
      return "failed_precondition";
    case ErrorKind::kUnauthenticated:
      return "unauthenticated";
    case ErrorKind::kPermissionDenied:
      return "permission_denied";
    case ErrorKind::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorKind::kUnsupportedMedia:
      return "unsupported_media_type";
    case ErrorKind::kTooManyRequests:
      return "too_many_requests";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kCorruption:
      return "corruption";
    case ErrorKind::kIOError:
      return "io_error";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace lindungi
