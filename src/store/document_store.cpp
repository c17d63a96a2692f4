#include "store/document_store.h"
#include "store/events/document_events.h"
#include "store/payload.h"

#include <boost/json/serialize.hpp>

namespace lindungi::store {
namespace json = boost::json;
namespace {

constexpr std::string_view kColumns =
    "id, case_id, source, form_id, title, person_id, task_id, kinds, data, version, created_at, "
    "created_by, updated_at, updated_by";

DocumentRecord FromRow(const SqlRow& r) {
  DocumentRecord d;
  d.id = r.Text(0);
  d.case_id = r.Text(1);
  d.source = r.Text(2);
  d.form_id = r.TextOr(3, "");
  d.title = r.Text(4);
  d.person_id = r.TextOr(5, "");
  d.task_id = r.TextOr(6, "");
  d.kinds = r.Text(7);
  d.data = r.Text(8);
  d.version = r.Int(9);
  d.created_at = r.Text(10);
  d.created_by = r.Text(11);
  d.updated_at = r.Text(12);
  d.updated_by = r.Text(13);
  return d;
}

// The values as stored: coded ones in clear, the identifying ones sealed (or null).
std::string DataOf(const json::object& p) {
  json::object data{{"values", p.contains("values") ? p.at("values") : json::object()},
                    {"sensitive", p.contains("sensitive") ? p.at("sensitive") : nullptr}};
  if (auto* f = p.if_contains("file")) data["file"] = *f;      // the file's description
  if (auto* l = p.if_contains("letter")) data["letter"] = *l;  // a letter's kind and number
  return json::serialize(data);
}

}  // namespace

std::vector<DocumentRecord> ListCaseDocuments(SqlConn& c, const std::string& case_id) {
  std::vector<DocumentRecord> out;
  for (const auto& r : c.Query(std::string("SELECT ") + std::string(kColumns) +
                                   " FROM case_documents WHERE case_id = ? ORDER BY filed_seq",
                               {case_id}))
    out.push_back(FromRow(r));
  return out;
}

std::optional<DocumentRecord> FindDocument(SqlConn& c, const std::string& document_id) {
  auto rows =
      c.Query(std::string("SELECT ") + std::string(kColumns) + " FROM case_documents WHERE id = ?",
              {document_id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

void ProjectDocumentEvent(SqlConn& conn, const StoredEvent& e, const json::object& p,
                          const std::string& case_id) {
  // The document's data is its payload's values, sealed values, file and letter as stored.
  std::vector<std::string> kinds;
  std::string id;
  if (e.type == events::DocumentFiled::kType) {
    auto d = events::DocumentFiled::From(p);
    id = d.document_id;
    kinds = d.kinds;
    conn.Exec(
        "INSERT INTO case_documents (id, case_id, source, form_id, title, person_id, task_id, "
        "kinds, data, version, filed_seq, created_at, created_by, updated_at, updated_by) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
        {id, case_id, d.source, ToSql(d.form), d.title, ToSql(d.person_id), ToSql(d.task_id),
         JsonList(kinds), DataOf(p), e.seq, e.at, e.actor, e.at, e.actor});
  } else if (e.type == events::DocumentCorrected::kType) {
    auto d = events::DocumentCorrected::From(p);
    id = d.document_id;
    kinds = d.kinds;
    auto rows = conn.Query("SELECT version FROM case_documents WHERE id = ? AND case_id = ?",
                           {id, case_id});
    if (rows.empty()) throw StoreError("a correction of a document that has no projection");
    conn.Exec(
        "UPDATE case_documents SET data = ?, kinds = ?, version = ?, updated_at = ?, "
        "updated_by = ? WHERE id = ?",
        {DataOf(p), JsonList(kinds), rows[0].Int(0) + 1, e.at, e.actor, id});
  } else {
    return;
  }
  for (const auto& k : kinds)
    conn.Exec(
        "INSERT INTO case_facts (case_id, kind, name, value) VALUES (?, 'document', ?, ?) "
        "ON CONFLICT (case_id, kind, name) DO UPDATE SET value = excluded.value",
        {case_id, k, e.at});
}

}  // namespace lindungi::store
