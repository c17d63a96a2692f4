// The routes of transfers between units (docs/transfers.md): the sending side under the
// case, the receiving side (and both sides' reads) under /api/v1/transfers.
#include "http/case_json.h"
#include "http/route_helpers.h"
#include "http/transfer_json.h"

namespace lindungi::http {
namespace json = boost::json;

std::vector<Route> TransferRoutes(App& app) {
  return {
      {"POST", "/api/v1/cases/{id}/transfers", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadTransfer, [&](const TransferInput& v, const auto& idem) {
           return app.transfers.RequestTransfer(*p, r.params.at("id"), v, idem);
         });
       }},
      {"GET", "/api/v1/cases/{id}/transfer-targets", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         if (auto s = CheckKnownQuery(r, {}); !s) return ErrorResponse(s.error(), r.request_id);
         return JsonOrError(r,
                            [&] { return app.transfers.TransferTargets(*p, r.params.at("id")); });
       }},
      {"GET", "/api/v1/transfers", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         if (auto s = CheckKnownQuery(r, {"direction"}); !s)
           return ErrorResponse(s.error(), r.request_id);
         std::string direction = QueryParam(r, "direction").value_or("incoming");
         if (direction != "incoming" && direction != "outgoing") {
           return ErrorResponse(
               MakeError(ErrorKind::kInvalidArgument, "invalid_value",
                         "Parameter direction: incoming atau outgoing.",
                         "Parameter direction must be incoming or outgoing.", "direction"),
               r.request_id);
         }
         return JsonOrError(
             r, [&] { return app.transfers.ListTransfers(*p, direction == "incoming"); });
       }},
      {"GET", "/api/v1/transfers/{transfer}", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r,
                            [&] { return app.transfers.GetTransfer(*p, r.params.at("transfer")); });
       }},
      {"POST", "/api/v1/transfers/{transfer}/accept", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadTransferAccept,
                          [&](const TransferAcceptRequest& v, const auto& idem) {
                            return app.transfers.AcceptTransfer(
                                *p, app.sops, r.params.at("transfer"), v.sop, v.note, idem);
                          });
       }},
      {"POST", "/api/v1/transfers/{transfer}/reject", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadReason, [&](const std::string& reason, const auto& idem) {
           return app.transfers.AnswerTransfer(*p, r.params.at("transfer"), "reject", reason, idem);
         });
       }},
      {"POST", "/api/v1/transfers/{transfer}/report", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadReport, [&](const std::string& report, const auto& idem) {
           return app.transfers.AnswerTransfer(*p, r.params.at("transfer"), "report", report, idem);
         });
       }},
      {"POST", "/api/v1/transfers/{transfer}/cancel", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadOptionalReason, [&](const std::string& reason, const auto& idem) {
           return app.transfers.AnswerTransfer(*p, r.params.at("transfer"), "cancel", reason, idem);
         });
       }},
  };
}

}  // namespace lindungi::http
