// The routes of case work (docs/case-work.md): the intervention plan, meetings, monitoring
// notes, termination and reopening of a case. Policy case staff: need-to-know on the case
// (a case the caller may not see answers 404); the service narrows further (termination and
// reopening by the case manager or a supervisor).
#include "http/case_json.h"
#include "http/case_work_json.h"
#include "http/route_helpers.h"
#include "service/app.h"

namespace lindungi::http {
namespace json = boost::json;

std::vector<Route> CaseWorkRoutes(App& app) {
  std::vector<Route> routes{
      {"GET", "/api/v1/cases/{id}/plan", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.case_work.GetPlan(*p, r.params.at("id")); });
       }},
      {"PUT", "/api/v1/cases/{id}/plan", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadPlan, [&](const PlanInput& v, const auto& idem) {
           return app.case_work.PutPlan(*p, r.params.at("id"), v, idem);
         });
       }},
      {"GET", "/api/v1/cases/{id}/meetings", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.case_work.ListMeetings(*p, r.params.at("id")); });
       }},
      {"POST", "/api/v1/cases/{id}/meetings", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadMeeting, [&](const MeetingInput& v, const auto& idem) {
           return app.case_work.RecordMeeting(*p, r.params.at("id"), v, idem);
         });
       }},
      {"GET", "/api/v1/cases/{id}/monitoring", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.case_work.ListMonitoring(*p, r.params.at("id")); });
       }},
      {"POST", "/api/v1/cases/{id}/monitoring", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadMonitoring, [&](const MonitoringInput& v, const auto& idem) {
           return app.case_work.RecordMonitoring(*p, r.params.at("id"), v, idem);
         });
       }},
      {"POST", "/api/v1/cases/{id}/termination", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadTermination, [&](const TerminationRequest& v, const auto& idem) {
           return app.case_work.Terminate(*p, r.params.at("id"), v.termination, v.form,
                                          v.document_id, TerminationForm(app.config.sops_dir),
                                          idem);
         });
       }},
      {"POST", "/api/v1/cases/{id}/reopen", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadReason, [&](const std::string& reason, const auto& idem) {
           return app.case_work.Reopen(*p, r.params.at("id"), reason, idem);
         });
       }},
  };
  return routes;
}

}  // namespace lindungi::http
