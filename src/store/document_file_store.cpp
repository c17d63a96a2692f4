#include "store/document_file_store.h"

namespace lindungi::store {

void InsertDocumentFile(SqlConn& c, const DocumentFile& f) {
  c.Exec(
      "INSERT INTO document_files (document_id, case_id, person_id, media_type, size, digest, "
      "sealed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {f.document_id, f.case_id, f.person_id, f.media_type, f.size, f.digest, f.sealed,
       f.created_at});
}

std::optional<DocumentFile> FindDocumentFile(SqlConn& c, const std::string& document_id) {
  auto rows = c.Query(
      "SELECT document_id, case_id, person_id, media_type, size, digest, sealed, created_at "
      "FROM document_files WHERE document_id = ?",
      {document_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return DocumentFile{r.Text(0), r.Text(1), r.Text(2), r.Text(3),
                      r.Int(4),  r.Text(5), r.Text(6), r.Text(7)};
}

}  // namespace lindungi::store
