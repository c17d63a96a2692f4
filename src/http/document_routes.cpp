// The routes of case documents (docs/forms.md "Filed forms"): file a filled form, list the
// case's documents, read one (decrypted, logged) and correct it.
#include "http/document_json.h"
#include "http/route_helpers.h"

namespace lindungi::http {
namespace {

// The file as a download: its own media type, saved under the document's id (never a
// person's name) so a shared computer's download folder names no one.
Response FileResponse(const DocumentFileContent& f) {
  Response out;
  out.content_type = f.media_type;
  out.body = f.bytes;
  std::string ext = f.media_type == "application/pdf" ? ".pdf"
                    : f.media_type == "image/jpeg"    ? ".jpg"
                    : f.media_type == "image/png"     ? ".png"
                                                      : "";
  out.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + f.document_id + ext + "\"");
  return out;
}

}  // namespace

std::vector<Route> DocumentRoutes(App& app) {
  const std::string id = std::string(":id") + kUuid;
  const std::string doc = std::string("/documents/:document") + kUuid;
  return {
      {"POST", "/api/v1/cases/" + id + "/documents", "/api/v1/cases/{id}/documents",
       Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadDocument, [&](const DocumentInput& v, const auto& idem) {
           return app.documents.File(*p, r.params.at("id"), v, idem);
         });
       }},
      {"GET", "/api/v1/cases/" + id + "/documents", "/api/v1/cases/{id}/documents",
       Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.documents.List(*p, r.params.at("id")); });
       }},
      {"GET", "/api/v1/cases/" + id + doc, "/api/v1/cases/{id}/documents/{document}",
       Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(
             r, [&] { return app.documents.Get(*p, r.params.at("id"), r.params.at("document")); });
       }},
      {"GET", "/api/v1/cases/" + id + doc + "/file", "/api/v1/cases/{id}/documents/{document}/file",
       Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         auto f = app.documents.ReadFile(*p, r.params.at("id"), r.params.at("document"));
         if (!f) return ErrorResponse(f.error(), r.request_id);
         return FileResponse(*f);
       }},
      {"PUT", "/api/v1/cases/" + id + doc, "/api/v1/cases/{id}/documents/{document}",
       Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadDocumentCorrection,
                          [&](const DocumentCorrection& v, const auto& idem) {
                            return app.documents.Correct(*p, r.params.at("id"),
                                                         r.params.at("document"), v, idem);
                          });
       }},
  };
}

}  // namespace lindungi::http
