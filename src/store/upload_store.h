// Uploads in progress (migration 22, tables uploads and upload_chunks): a file sent in
// chunks so a slow or broken connection loses at most one chunk (docs/uploads.md). Working
// state like sessions, not part of the record: no events; a finished upload becomes a
// document (its file in document_files) and its rows go; stale ones are purged. Chunks are
// sealed by the service under the key of the person the file is about.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace lindungi::store {

struct UploadRecord {
  std::string id, case_id, user_id, person_id, task_id, kind, media_type, sha256;
  std::int64_t size = 0;      // declared, bytes
  std::int64_t received = 0;  // bytes received so far, from the start
  std::string created_at, updated_at;
};

struct UploadChunk {
  std::int64_t start = 0, size = 0;
  std::string digest;  // BLAKE2b of the plaintext: tells a resent chunk from another one
  std::string sealed;
};

void InsertUpload(SqlConn& c, const UploadRecord& u);
std::optional<UploadRecord> FindUpload(SqlConn& c, const std::string& upload_id);
// Adds the chunk at `u.received` and moves `received` on by its size.
void AppendUploadChunk(SqlConn& c, const std::string& upload_id, const UploadChunk& chunk,
                       const std::string& at);
std::optional<UploadChunk> FindUploadChunk(SqlConn& c, const std::string& upload_id,
                                           std::int64_t start);
// In order of `start`.
std::vector<UploadChunk> ListUploadChunks(SqlConn& c, const std::string& upload_id);
void DeleteUpload(SqlConn& c, const std::string& upload_id);
// Uploads not touched since `before` (an instant as stored); returns how many went.
std::int64_t DeleteUploadsIdleSince(SqlConn& c, const std::string& before);

}  // namespace lindungi::store
