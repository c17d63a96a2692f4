// The request and answer structs of the DocumentService (document_service.h): a filled form
// to file (DocumentInput), the start of an upload (UploadStart), a correction
// (DocumentCorrection) and a document's file as read back (DocumentFileContent).
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace lindungi {

struct DocumentInput {
  std::string form;                      // a form id (forms/<id>.yaml)
  boost::json::object values;            // the filled form: field id -> value
  std::optional<std::string> person_id;  // whose document it is (default: the case's client)
  std::optional<std::string> task_id;    // the task of the case it was filled for
};

// The start of an upload (docs/uploads.md): what the file is, before its bytes come.
struct UploadStart {
  std::string media_type;                // as the client names it; checked on the content
  std::int64_t size = 0;                 // bytes
  std::optional<std::string> sha256;     // hex, checked when the upload completes
  std::optional<std::string> kind;       // the SOP document kind it is (documents.yaml)
  std::optional<std::string> person_id;  // whose document it is (default: the case's client)
  std::optional<std::string> task_id;    // the task of the case it was uploaded for
};

struct DocumentCorrection {
  std::int64_t version = 0;    // the version corrected (optimistic check)
  boost::json::object values;  // the whole filled form again
};

// A document's file as read back: its bytes decrypted.
struct DocumentFileContent {
  std::string document_id;
  std::string media_type;
  std::string bytes;
};

}  // namespace lindungi
