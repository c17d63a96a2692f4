#include "store/document_file_store.h"

namespace lindungi::store {

void InsertDocumentFile(SqlConn& c, const DocumentFile& f) {
  c.Exec(
      "INSERT INTO document_files (document_id, case_id, person_id, media_type, size, digest, "
      "sealed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {f.document_id, f.case_id, f.person_id, f.media_type, f.size, f.digest, f.sealed,
       f.created_at});
}

namespace {

constexpr const char* kSelect =
    "SELECT document_id, case_id, person_id, media_type, size, digest, sealed, created_at "
    "FROM document_files ";

DocumentFile FromRow(const SqlRow& r) {
  return DocumentFile{r.Text(0), r.Text(1), r.Text(2), r.Text(3),
                      r.Int(4),  r.Text(5), r.Text(6), r.Text(7)};
}

}  // namespace

std::optional<DocumentFile> FindDocumentFile(SqlConn& c, const std::string& document_id) {
  auto rows = c.Query(std::string(kSelect) + "WHERE document_id = ?", {document_id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<DocumentFile> ListPersonFiles(SqlConn& c, const std::string& person_id) {
  std::vector<DocumentFile> out;
  for (const auto& r :
       c.Query(std::string(kSelect) + "WHERE person_id = ? ORDER BY created_at, document_id",
               {person_id}))
    out.push_back(FromRow(r));
  return out;
}

}  // namespace lindungi::store
