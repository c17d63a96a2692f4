// The routes of case documents (docs/forms.md "Filed forms"): file a filled form, list the
// case's documents, read one (decrypted, logged) and correct it.
#include "core/media_type.h"
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
  out.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" + DownloadName(f.document_id, f.media_type) + "\"");
  return out;
}

}  // namespace

std::vector<Route> DocumentRoutes(App& app) {
  return {
      {"POST", "/api/v1/cases/{id}/documents", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadDocument, [&](const DocumentInput& v, const auto& idem) {
           return app.documents.File(*p, r.params.at("id"), v, idem);
         });
       }},
      {"GET", "/api/v1/cases/{id}/documents", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.documents.List(*p, r.params.at("id")); });
       }},
      {"GET", "/api/v1/cases/{id}/documents/{document}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(
             r, [&] { return app.documents.Get(*p, r.params.at("id"), r.params.at("document")); });
       }},
      {"GET", "/api/v1/cases/{id}/documents/{document}/file", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         auto f = app.documents.ReadFile(*p, r.params.at("id"), r.params.at("document"));
         if (!f) return ErrorResponse(f.error(), r.request_id);
         return FileResponse(*f);
       }},
      {"POST", "/api/v1/cases/{id}/uploads", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadUploadStart, [&](const UploadStart& v, const auto&) {
           return app.documents.StartUpload(*p, r.params.at("id"), v);
         });
       }},
      {"GET", "/api/v1/cases/{id}/uploads/{upload}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] {
           return app.documents.UploadStatus(*p, r.params.at("id"), r.params.at("upload"));
         });
       }},
      {"PUT", "/api/v1/cases/{id}/uploads/{upload}/chunks/{start:offset}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return Reply(app.documents.PutUploadChunk(*p, r.params.at("id"), r.params.at("upload"),
                                                   std::stoll(r.params.at("start")), r.body),
                      r);
       },
       /*raw_body=*/true},
      {"POST", "/api/v1/cases/{id}/uploads/{upload}/complete", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadEmptyObject, [&](bool, const auto& idem) {
           return app.documents.CompleteUpload(*p, r.params.at("id"), r.params.at("upload"), idem);
         });
       }},
      {"DELETE", "/api/v1/cases/{id}/uploads/{upload}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return Reply(app.documents.CancelUpload(*p, r.params.at("id"), r.params.at("upload")), r);
       }},
      {"PUT", "/api/v1/cases/{id}/documents/{document}", Policy::kCaseStaff,
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
