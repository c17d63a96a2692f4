#include "http/document_json.h"

#include "http/json_body.h"

namespace lindungi::http {

Result<DocumentInput> ReadDocument(const boost::json::object& o) {
  ObjectReader r(o);
  DocumentInput in;
  in.form = r.String("form");
  if (const auto* v = r.Object("values", true)) in.values = *v;
  in.person_id = r.OptString("person_id");
  in.task_id = r.OptString("task_id");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<DocumentCorrection> ReadDocumentCorrection(const boost::json::object& o) {
  ObjectReader r(o);
  DocumentCorrection in;
  in.version = r.Int("version");
  if (const auto* v = r.Object("values", true)) in.values = *v;
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<UploadStart> ReadUploadStart(const boost::json::object& o) {
  ObjectReader r(o);
  UploadStart in;
  in.media_type = r.String("media_type");
  in.size = r.Int("size");
  in.sha256 = r.OptString("sha256");
  in.kind = r.OptString("kind");
  in.person_id = r.OptString("person_id");
  in.task_id = r.OptString("task_id");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<bool> ReadEmptyObject(const boost::json::object& o) {
  ObjectReader r(o);
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return true;
}

}  // namespace lindungi::http
