#include "store/upload_store.h"

namespace lindungi::store {
namespace {

SqlValue OrNull(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

}  // namespace

void InsertUpload(SqlConn& c, const UploadRecord& u) {
  c.Exec(
      "INSERT INTO uploads (id, case_id, user_id, person_id, task_id, kind, media_type, size, "
      "sha256, received, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
      {u.id, u.case_id, u.user_id, u.person_id, OrNull(u.task_id), OrNull(u.kind), u.media_type,
       u.size, OrNull(u.sha256), u.created_at, u.updated_at});
}

std::optional<UploadRecord> FindUpload(SqlConn& c, const std::string& upload_id) {
  auto rows = c.Query(
      "SELECT id, case_id, user_id, person_id, task_id, kind, media_type, sha256, size, "
      "received, created_at, updated_at FROM uploads WHERE id = ?",
      {upload_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  UploadRecord u;
  u.id = r.Text(0);
  u.case_id = r.Text(1);
  u.user_id = r.Text(2);
  u.person_id = r.Text(3);
  u.task_id = r.TextOr(4, "");
  u.kind = r.TextOr(5, "");
  u.media_type = r.Text(6);
  u.sha256 = r.TextOr(7, "");
  u.size = r.Int(8);
  u.received = r.Int(9);
  u.created_at = r.Text(10);
  u.updated_at = r.Text(11);
  return u;
}

void AppendUploadChunk(SqlConn& c, const std::string& upload_id, const UploadChunk& chunk,
                       const std::string& at) {
  c.Exec(
      "INSERT INTO upload_chunks (upload_id, chunk_start, size, digest, sealed) VALUES (?, ?, ?, "
      "?, ?)",
      {upload_id, chunk.start, chunk.size, chunk.digest, chunk.sealed});
  c.Exec("UPDATE uploads SET received = received + ?, updated_at = ? WHERE id = ?",
         {chunk.size, at, upload_id});
}

std::optional<UploadChunk> FindUploadChunk(SqlConn& c, const std::string& upload_id,
                                           std::int64_t start) {
  auto rows = c.Query(
      "SELECT chunk_start, size, digest, sealed FROM upload_chunks WHERE upload_id = ? AND "
      "chunk_start = ?",
      {upload_id, start});
  if (rows.empty()) return std::nullopt;
  return UploadChunk{rows[0].Int(0), rows[0].Int(1), rows[0].Text(2), rows[0].Text(3)};
}

std::vector<UploadChunk> ListUploadChunks(SqlConn& c, const std::string& upload_id) {
  std::vector<UploadChunk> out;
  for (const auto& r : c.Query("SELECT chunk_start, size, digest, sealed FROM upload_chunks "
                               "WHERE upload_id = ? ORDER BY chunk_start",
                               {upload_id}))
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3)});
  return out;
}

void DeleteUpload(SqlConn& c, const std::string& upload_id) {
  c.Exec("DELETE FROM upload_chunks WHERE upload_id = ?", {upload_id});
  c.Exec("DELETE FROM uploads WHERE id = ?", {upload_id});
}

std::int64_t DeleteUploadsIdleSince(SqlConn& c, const std::string& before) {
  c.Exec(
      "DELETE FROM upload_chunks WHERE upload_id IN (SELECT id FROM uploads WHERE updated_at < "
      "?)",
      {before});
  c.Exec("DELETE FROM uploads WHERE updated_at < ?", {before});
  return c.Changes();
}

}  // namespace lindungi::store
