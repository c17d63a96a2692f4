// A case's documents, on the case stream (docs/forms.md, docs/uploads.md, docs/letters.md):
// filed forms, letters and uploads, corrections and approvals. Sealed fields hold ciphertext.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/events/event.h"

namespace lindungi::store::events {

// A kept file's description (its bytes are sealed in document_files).
struct DocumentFileInfo {
  std::string media_type;
  std::int64_t size = 0;
  std::string digest;
  bool operator==(const DocumentFileInfo&) const = default;
};
// A file's description as DocumentFiled holds it ({media_type, size, digest}).
DocumentFileInfo FileInfoFrom(const boost::json::object& o);

struct DocumentFiled {
  static constexpr std::string_view kType = "DocumentFiled";
  std::string document_id, source;  // source: form, letter or upload
  std::optional<std::string> form;  // the form filled (source form)
  std::string title;
  std::vector<std::string> kinds;                 // the pack's document kinds it counts as
  std::optional<std::string> person_id, task_id;  // omitted when none
  boost::json::object values;                     // the values in clear
  std::optional<std::string> sensitive;           // the sensitive values, sealed; null when none
  std::optional<boost::json::object> letter;      // a letter's kind, number and references
  std::optional<DocumentFileInfo> file;           // a letter's or upload's file
  // The keys come in the order each source has always written them.
  boost::json::object Payload() const;
  static DocumentFiled From(const boost::json::object& p);
  bool operator==(const DocumentFiled&) const = default;
};

// A filled form's values replaced (version: the document's new version).
struct DocumentCorrected {
  static constexpr std::string_view kType = "DocumentCorrected";
  boost::json::object values;
  std::optional<std::string> sensitive;  // sealed; null when none
  std::string document_id;
  std::int64_t version = 0;
  std::vector<std::string> kinds;
  boost::json::object Payload() const;
  static DocumentCorrected From(const boost::json::object& p);
  bool operator==(const DocumentCorrected&) const = default;
};

// An outcome that approves a filed form: what was approved, copied from the document.
struct DocumentApproved {
  static constexpr std::string_view kType = "DocumentApproved";
  std::string task_id, step_id, outcome, kind, document_id, form;
  std::int64_t document_version = 0;
  std::optional<std::string> person_id;  // null when none
  boost::json::object values;
  std::optional<std::string> sensitive;  // sealed; null when none
  boost::json::object totals;            // the tables' totals (integers or numbers)
  boost::json::object Payload() const;
  static DocumentApproved From(const boost::json::object& p);
  bool operator==(const DocumentApproved&) const = default;
};

}  // namespace lindungi::store::events
