// Documents on a case file (migration 17, table case_documents): filled forms now; each is
// filed by an event on the case stream (DocumentFiled, DocumentCorrected) and projected
// here. `data` holds the values as stored: the coded ones in clear, the identifying ones
// sealed (docs/forms.md "Filed forms").
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "store/event_log.h"
#include "store/sql.h"

namespace lindungi::store {

struct DocumentRecord {
  std::string id, case_id, source, form_id, title, person_id, task_id;
  std::string kinds;  // JSON array text: the SOP document kinds it counts as
  std::string data;   // JSON object text: {"values": {...}, "sensitive": "enc1..." | null}
  std::int64_t version = 1;
  std::string created_at, created_by, updated_at, updated_by;
};

std::vector<DocumentRecord> ListCaseDocuments(SqlConn& c, const std::string& case_id);
std::optional<DocumentRecord> FindDocument(SqlConn& c, const std::string& document_id);

// Applies DocumentFiled / DocumentCorrected of case `case_id` to case_documents, and records
// each document kind filed in case_facts (kind "document"), so SOP steps that require or
// produce it see it. Other events change nothing. Throws StoreError on a malformed payload.
void ProjectDocumentEvent(SqlConn& conn, const StoredEvent& e, const boost::json::object& p,
                          const std::string& case_id);

}  // namespace lindungi::store
