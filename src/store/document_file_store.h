// The bytes of documents (migration 20, table document_files): an uploaded scan, photo or
// recording, a letter's PDF. One file per document, sealed by the service under the key of
// the person the document is about (so erasing that person's key erases the file too).
// Written in the same transaction as the event that files the document; never projected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace lindungi::store {

struct DocumentFile {
  std::string document_id, case_id, person_id;
  std::string media_type;  // "application/pdf", "image/jpeg", ...
  std::int64_t size = 0;   // of the plaintext, in bytes
  std::string digest;      // SHA-256 of the plaintext, hex (what forensic tools check)
  std::string sealed;      // Vault::Encrypt of the bytes
  std::string created_at;
};

// Throws StoreError if the document already has a file.
void InsertDocumentFile(SqlConn& c, const DocumentFile& f);
std::optional<DocumentFile> FindDocumentFile(SqlConn& c, const std::string& document_id);
// The files sealed under `person_id`'s key, oldest first.
std::vector<DocumentFile> ListPersonFiles(SqlConn& c, const std::string& person_id);

}  // namespace lindungi::store
