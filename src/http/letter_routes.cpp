// The routes of letters (docs/letters.md "The service"): write a letter of a case (filed as
// a case document: listed and downloaded through the document routes) and the unit's letter
// settings.
#include "http/letter_json.h"
#include "http/route_helpers.h"

namespace lindungi::http {

std::vector<Route> LetterRoutes(App& app) {
  return {
      {"POST", "/api/v1/cases/{id}/letters", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadLetterRequest, [&](const LetterRequest& v, const auto& idem) {
           return app.letters.Create(*p, r.params.at("id"), v, idem);
         });
       }},
      {"GET", "/api/v1/units/{unit}/letterhead", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.letters.GetSettings(*p, r.params.at("unit")); });
       }},
      {"PUT", "/api/v1/units/{unit}/letterhead", Policy::kUnitAdmin,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadLetterSettings, [&](const LetterSettings& v, const auto& idem) {
           return app.letters.SetSettings(*p, r.params.at("unit"), v, idem);
         });
       }},
  };
}

}  // namespace lindungi::http
