// What every route handler uses: query and path parameters, the Idempotency-Key, and the
// shapes of a read (JSON or an error) and of a write (parse, read, call the service). The
// route table is split by area (handlers.cpp, case_work_routes.cpp, ...): each area's
// function returns its routes and BuildRoutes joins them. No RESTinio here.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/api.h"
#include "http/json_body.h"
#include "service/writes.h"

namespace lindungi::http {

// The request's Idempotency-Key with a digest of the request; none without the header.
Result<std::optional<Idempotency>> IdempotencyOf(const Request& r);
// A write's answer (status, body, Idempotent-Replayed) or its error.
Response Reply(const Result<WriteReply>& r, const Request& req);
// Query parameters: absent -> fallback / nullopt / false; malformed -> kInvalidArgument.
Result<std::int64_t> IntParam(const Request& r, const std::string& name, std::int64_t fallback);
std::optional<std::string> QueryParam(const Request& r, const std::string& name);
Result<bool> BoolParam(const Request& r, const std::string& name);
// kInvalidArgument "unknown_parameter" for a query parameter not in `known`.
Status CheckKnownQuery(const Request& r, std::initializer_list<std::string_view> known);

// A state-changing request with a JSON body: idempotency, parse, read, then the service.
template <class ReadFn, class CallFn>
Response WriteWith(const Request& req, ReadFn&& read, CallFn&& call) {
  auto idem = IdempotencyOf(req);
  if (!idem) return ErrorResponse(idem.error(), req.request_id);
  auto body = ParseJsonObject(req.body);
  if (!body) return ErrorResponse(body.error(), req.request_id);
  auto value = read(*body);
  if (!value) return ErrorResponse(value.error(), req.request_id);
  return Reply(call(*value, *idem), req);
}

// A read: 200 with the service's JSON, or its error.
template <class F>
Response JsonOrError(const Request& req, F&& f) {
  auto r = f();
  if (!r) return ErrorResponse(r.error(), req.request_id);
  return JsonResponse(200, *r);
}

// The routes of each area; BuildRoutes joins them.
std::vector<Route> CoreRoutes(App& app);
std::vector<Route> TransferRoutes(App& app);  // transfer_routes.cpp
std::vector<Route> DocumentRoutes(App& app);
std::vector<Route> LetterRoutes(App& app);    // letter_routes.cpp
std::vector<Route> AdminRoutes(App& app);     // admin_routes.cpp
std::vector<Route> CaseWorkRoutes(App& app);  // case_work_routes.cpp
std::vector<Route> ReferenceRoutes(
    App& app);                              // reference_routes.cpp: forms, classification, account
std::vector<Route> ReportRoutes(App& app);  // report_routes.cpp
std::vector<Route> ReportExportRoutes(App& app);

}  // namespace lindungi::http
