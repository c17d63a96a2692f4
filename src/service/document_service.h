// Documents on a case file (docs/forms.md "Filed forms"): filled forms checked by the server
// against their definition (forms/submission.h), the identifying values sealed under the
// client's (or the named person's) key and the coded rest kept for statistics; each filed
// form counts as the SOP document kinds of the case unit's pack that it fills, so steps that
// require or produce them see them. Authorization: need-to-know on the case (CaseVisibleTo);
// another case answers kNotFound. Reads of the values are access-logged. Safe for concurrent
// use.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "forms/form.h"
#include "service/access_log.h"
#include "service/document_inputs.h"
#include "service/principal.h"
#include "service/sop_catalog.h"
#include "service/vault.h"
#include "service/writes.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/document_store.h"

namespace lindungi {

// The SOP pack the unit `unit_id` runs (its document kinds), or nullptr.
const sop::Pack* UnitPack(store::SqlConn& c, const SopCatalog& sops, const std::string& unit_id);

// The person whose key seals a document of case `k` (`person`, a person of the case, or the
// case's client) and that key: kNotFound "person_not_found" for a person not of the case,
// kFailedPrecondition "person_erased" once their key was destroyed. In a transaction.
Result<std::pair<std::string, std::string>> DocumentSealingKey(
    store::SqlConn& c, const Vault& vault, const store::CaseRecord& k,
    const std::optional<std::string>& person);

// A filled form's values as filed: the coded ones and the identifying ones decrypted (those
// are missing, and `*erased` set, once the person's key was destroyed). In a transaction.
boost::json::object OpenDocumentValues(store::SqlConn& c, const Vault& vault,
                                       const store::DocumentRecord& d, bool* erased = nullptr);

// Keeps `bytes` as the file of document `document_id` (store/document_file_store.h), sealed
// under `sealing` (DocumentSealingKey), in the transaction that files the document; returns
// the file's description the filing event carries as "file" (media type, size, digest).
boost::json::object KeepDocumentFile(store::SqlConn& c, const store::CaseRecord& k,
                                     const std::pair<std::string, std::string>& sealing,
                                     const std::string& document_id, const std::string& media_type,
                                     std::string_view bytes, const std::string& at);

// A document as lists and answers show it, without its values: id, source, form, kinds,
// title, person, task, version, who filed it and when, its file's description, and for a
// letter (source "letter") `letter` {kind, agenda_number, ...}.
boost::json::object DocumentSummary(const store::DocumentRecord& d);

// The forms folder that goes with a folder of SOP packs: `<sops_dir>/../forms`, as
// `lindungi sop validate` finds it ("" when `sops_dir` is empty).
std::string FormsDirFor(const std::string& sops_dir);

class DocumentService {
 public:
  // Loads the forms of `forms_dir` (a missing folder: no forms, every form is unknown).
  DocumentService(store::Database& db, const Clock& clock, AccessLog& access_log,
                  const Vault& vault, const SopCatalog& sops, const std::string& forms_dir);

  // Files a filled form on a case: kInvalidArgument "unknown_form", or the first problem of
  // the values naming the field (never a value); kNotFound for a person or task not of the
  // case. Event DocumentFiled; answers the document without its values.
  Result<WriteReply> File(const Principal& p, const std::string& case_id, const DocumentInput& in,
                          const std::optional<Idempotency>& idem);
  // A correction: the whole form again, checked the same way; kConflict "version_conflict"
  // when `version` is not the current one. Event DocumentCorrected (a new version).
  Result<WriteReply> Correct(const Principal& p, const std::string& case_id,
                             const std::string& document_id, const DocumentCorrection& in,
                             const std::optional<Idempotency>& idem);
  // The case's documents: kind, form, title, who filed them and when; no values.
  Result<boost::json::value> List(const Principal& p, const std::string& case_id);
  // One document with its values, decrypted (logged as a read, section "document").
  Result<boost::json::value> Get(const Principal& p, const std::string& case_id,
                                 const std::string& document_id);

  // The file of a document that has one (an upload, a letter's PDF), decrypted; logged as
  // a read (section "document_file"). kNotFound "file_not_found" for a document without a
  // file, kFailedPrecondition "file_erased" once its person's key was destroyed.
  Result<DocumentFileContent> ReadFile(const Principal& p, const std::string& case_id,
                                       const std::string& document_id);

  // The files of a person (uploads and letters about them), decrypted, with their document's
  // title: for a lawful access request (`lindungi export-person`), not through the API.
  struct PersonFile {
    DocumentFileContent content;
    std::string title, digest, created_at;
  };
  std::vector<PersonFile> PersonFiles(const std::string& person_id);

  // --- Uploads (uploads.cpp): a file in chunks of at most `chunk_size` bytes, so a broken
  // connection costs one chunk; only the user who started an upload continues it (others
  // get kNotFound "upload_not_found"), while they may still see the case.

  // kInvalidArgument "unsupported_file_type" / "file_too_large" / "bad_size" / "bad_sha256" /
  // "unknown_document_kind"; kNotFound for a person or task not of the case.
  Result<WriteReply> StartUpload(const Principal& p, const std::string& case_id,
                                 const UploadStart& in);
  // The chunk starting at byte `start`: kConflict "offset_mismatch" unless `start` is the
  // bytes received so far (or a chunk already received there, sent again: answered as
  // before); kInvalidArgument "chunk_too_large" / "beyond_size" / "empty_chunk".
  Result<WriteReply> PutUploadChunk(const Principal& p, const std::string& case_id,
                                    const std::string& upload_id, std::int64_t start,
                                    std::string_view bytes);
  // How far an upload got: to resume after a broken connection.
  Result<boost::json::value> UploadStatus(const Principal& p, const std::string& case_id,
                                          const std::string& upload_id);
  // Checks the whole file (all bytes came, the SHA-256 if given, the type by content, the
  // file whole) and files it as a document (event DocumentFiled, source "upload"): 201 with
  // the document. kFailedPrecondition "upload_incomplete", kInvalidArgument
  // "sha256_mismatch", kUnsupportedMedia "unsupported_file_type" / "file_type_mismatch",
  // kInvalidArgument "file_truncated"; a file refused so ends its upload.
  Result<WriteReply> CompleteUpload(const Principal& p, const std::string& case_id,
                                    const std::string& upload_id,
                                    const std::optional<Idempotency>& idem);
  Result<WriteReply> CancelUpload(const Principal& p, const std::string& case_id,
                                  const std::string& upload_id);
  // Deletes uploads idle for `idle` (housekeeping); returns how many.
  Result<std::int64_t> PurgeStaleUploads(std::chrono::hours idle);

  // The largest chunk PutUploadChunk takes (within the server's body limit).
  std::int64_t chunk_size() const { return chunk_size_; }
  void set_chunk_size(std::int64_t bytes) { chunk_size_ = bytes; }

  const forms::FormSet& forms() const { return forms_; }

 private:
  store::Database& db_;
  const Clock& clock_;
  AccessLog& access_log_;
  const Vault& vault_;
  const SopCatalog& sops_;
  forms::FormSet forms_;
  std::int64_t chunk_size_ = 512 * 1024;
};

}  // namespace lindungi
