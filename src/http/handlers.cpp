// The route table and the handlers: parse -> call the service -> map the result.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include <charconv>

#include "core/roles.h"
#include "core/text.h"
#include "http/api.h"
#include "http/case_json.h"
#include "http/json_body.h"
#include "http/route_helpers.h"
#include "http/task_json.h"
#include "security/hash.h"

namespace lindungi::http {
namespace json = boost::json;
namespace {

json::object PrincipalJson(const Principal& p) {
  json::array roles;
  for (const auto& r : p.roles)
    roles.push_back(json::object{{"unit_id", r.unit_id}, {"role", r.role}});
  return json::object{
      {"user", json::object{{"id", p.user_id},
                            {"username", p.username},
                            {"display_name", p.display_name},
                            {"roles", std::move(roles)},
                            {"partner_id", p.partner_id.empty() ? json::value(nullptr)
                                                                : json::value(p.partner_id)}}},
      {"csrf_token", p.csrf_token},
      {"two_factor_enrolment_required", p.two_factor_enrolment_required}};
}

// The session as the UI needs it: the user with their chosen language and the units they
// work in (name, time zone for dates, SOP pack), besides the principal.
json::object SessionJson(App& app, const Principal& p) {
  json::object out = PrincipalJson(p);
  auto& user = out["user"].as_object();
  user["language"] = app.auth.Language(p);
  auto two_factor = app.auth.TwoFactor(p);
  user["two_factor_enabled"] = two_factor.enabled;
  user["two_factor_mandatory"] = two_factor.mandatory;
  json::array units;
  for (const auto& u : app.auth.UnitsOf(p)) {
    units.push_back(json::object{{"id", u.id},
                                 {"code", u.code},
                                 {"name", u.name},
                                 {"level", u.level},
                                 {"time_zone", u.time_zone},
                                 {"sop_pack", u.sop_pack}});
  }
  out["units"] = std::move(units);
  return out;
}

std::string SessionCookie(const Config& config, const std::string& token, int max_age_s) {
  // Secure behind TLS (an https public_url); SameSite=Strict blocks cross-site sends.
  return fmt::format("{}={}; Path=/; HttpOnly;{} SameSite=Strict; Max-Age={}", kSessionCookie,
                     token, config.BehindTls() ? " Secure;" : "", max_age_s);
}

// "application/json", any case, optionally with parameters ("; charset=utf-8").
bool IsJsonMediaType(std::string_view content_type) {
  auto type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  return type.size() == kJson.size() &&
         std::equal(type.begin(), type.end(), kJson.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// --- handlers ---

Response Healthz(const Request&, const Principal*) {
  return JsonResponse(200, json::object{{"status", "ok"}});
}

Response Login(App& app, const Request& req) {
  auto body = ParseJsonObject(req.body);
  if (!body) return ErrorResponse(body.error(), req.request_id);
  auto login = ReadLogin(*body);
  if (!login) return ErrorResponse(login.error(), req.request_id);
  auto r = app.auth.Login(login->username, login->password, req.session_token, req.client_address,
                          login->totp);
  if (!r) return ErrorResponse(r.error(), req.request_id);
  json::object out = SessionJson(app, r->principal);
  out["expires_at"] = r->expires_at;
  Response resp = JsonResponse(201, out);
  resp.headers.emplace_back("Set-Cookie",
                            SessionCookie(app.config, r->token, app.config.session_hours * 3600));
  return resp;
}

Response Logout(App& app, const Request& req, const Principal& p) {
  if (auto s = CheckKnownQuery(req, {"all"}); !s) return ErrorResponse(s.error(), req.request_id);
  auto all = BoolParam(req, "all");
  if (!all) return ErrorResponse(all.error(), req.request_id);
  if (auto s = app.auth.Logout(p, *all); !s) return ErrorResponse(s.error(), req.request_id);
  Response resp;
  resp.status = 204;
  resp.content_type.clear();
  resp.headers.emplace_back("Set-Cookie", SessionCookie(app.config, "", 0));
  return resp;
}

Response CreateCase(App& app, const Request& req, const Principal& p) {
  auto idem = IdempotencyOf(req);
  if (!idem) return ErrorResponse(idem.error(), req.request_id);
  auto body = ParseJsonObject(req.body);
  if (!body) return ErrorResponse(body.error(), req.request_id);
  auto intake = ReadIntake(*body);
  if (!intake) return ErrorResponse(intake.error(), req.request_id);
  return Reply(app.cases.Create(p, *intake, *idem), req);
}

Response UpdateCase(App& app, const Request& req, const Principal& p) {
  auto idem = IdempotencyOf(req);
  if (!idem) return ErrorResponse(idem.error(), req.request_id);
  auto body = ParseJsonObject(req.body);
  if (!body) return ErrorResponse(body.error(), req.request_id);
  auto u = ReadCaseUpdate(*body);
  if (!u) return ErrorResponse(u.error(), req.request_id);
  return Reply(app.cases.Update(p, req.params.at("id"), u->version, u->update, *idem), req);
}

Response ListCases(App& app, const Request& req, const Principal& p) {
  if (auto s = CheckKnownQuery(
          req, {"status", "received_from", "received_to", "sop", "overdue", "page", "page_size"});
      !s) {
    return ErrorResponse(s.error(), req.request_id);
  }
  auto page = IntParam(req, "page", 1);
  if (!page) return ErrorResponse(page.error(), req.request_id);
  auto size = IntParam(req, "page_size", 50);
  if (!size) return ErrorResponse(size.error(), req.request_id);
  auto overdue = BoolParam(req, "overdue");
  if (!overdue) return ErrorResponse(overdue.error(), req.request_id);
  CaseListQuery q{QueryParam(req, "status"),
                  QueryParam(req, "received_from"),
                  QueryParam(req, "received_to"),
                  QueryParam(req, "sop"),
                  *overdue,
                  *page,
                  *size};
  auto r = app.cases.List(p, q);
  if (!r) return ErrorResponse(r.error(), req.request_id);
  return JsonResponse(200, *r);
}

// An SOP as JSON, or with ?format=svg its swimlane flowchart.
Response ShowSop(App& app, const Request& req) {
  if (auto s = CheckKnownQuery(req, {"format"}); !s)
    return ErrorResponse(s.error(), req.request_id);
  std::string id = req.params.at("unit") + "/" + req.params.at("name");
  auto format = QueryParam(req, "format").value_or("json");
  if (format == "svg") {
    auto svg = app.sops.Svg(id);
    if (!svg) return ErrorResponse(svg.error(), req.request_id);
    Response r;
    r.content_type = "image/svg+xml";
    r.body = *svg;
    return r;
  }
  if (format != "json") {
    return ErrorResponse(
        MakeError(ErrorKind::kInvalidArgument, "invalid_value", "Parameter format: json atau svg.",
                  "Parameter format must be json or svg.", "format"),
        req.request_id);
  }
  auto j = app.sops.Get(id);
  if (!j) return ErrorResponse(j.error(), req.request_id);
  return JsonResponse(200, *j);
}

// A request whose body is {"code": "<authenticator or recovery code>"}.
template <class F>
Response WithCode(const Request& req, F&& f) {
  auto body = ParseJsonObject(req.body);
  if (!body) return ErrorResponse(body.error(), req.request_id);
  ObjectReader in(*body);
  std::string code = in.String("code");
  if (auto s = in.Finish(); !s) return ErrorResponse(s.error(), req.request_id);
  return f(code);
}

Response Inbox(App& app, const Request& req, const Principal& p) {
  if (auto s = CheckKnownQuery(
          req, {"mine", "overdue", "scope", "case_id", "sop", "after", "page_size"});
      !s) {
    return ErrorResponse(s.error(), req.request_id);
  }
  InboxQuery q;
  auto mine = BoolParam(req, "mine");
  if (!mine) return ErrorResponse(mine.error(), req.request_id);
  auto overdue = BoolParam(req, "overdue");
  if (!overdue) return ErrorResponse(overdue.error(), req.request_id);
  auto size = IntParam(req, "page_size", 50);
  if (!size) return ErrorResponse(size.error(), req.request_id);
  auto scope = QueryParam(req, "scope").value_or("roles");
  if (scope != "roles" && scope != "unit") {
    return ErrorResponse(
        MakeError(ErrorKind::kInvalidArgument, "invalid_value", "Parameter scope: roles atau unit.",
                  "Parameter scope must be roles or unit.", "scope"),
        req.request_id);
  }
  q.unit = scope == "unit";
  q.mine = *mine;
  q.overdue = *overdue;
  q.case_id = QueryParam(req, "case_id");
  q.sop_id = QueryParam(req, "sop");
  q.after = QueryParam(req, "after");
  q.page_size = *size;
  auto r = app.tasks.Inbox(p, q);
  if (!r) return ErrorResponse(r.error(), req.request_id);
  return JsonResponse(200, *r);
}

}  // namespace

Result<std::optional<Idempotency>> IdempotencyOf(const Request& r) {
  if (!r.idempotency_key) return std::optional<Idempotency>();
  if (auto s = ValidateIdempotencyKey(*r.idempotency_key); !s) return Fail(s.error());
  // The digest binds the key to this exact request (route, parameters and body).
  security::Blake2b h;
  h.UpdateFramed(r.method).UpdateFramed(r.target);
  for (const auto& [k, v] : r.params) h.UpdateFramed(k).UpdateFramed(v);
  std::string digest = h.UpdateFramed(r.body).FinalHex();
  return std::optional<Idempotency>(Idempotency{*r.idempotency_key, digest});
}

Response Reply(const Result<WriteReply>& r, const Request& req) {
  if (!r) return ErrorResponse(r.error(), req.request_id);
  Response out = JsonResponse(r->status, r->body);
  if (r->replayed) out.headers.emplace_back("Idempotent-Replayed", "true");
  return out;
}

Result<std::int64_t> IntParam(const Request& r, const std::string& name, std::int64_t fallback) {
  auto it = r.query.find(name);
  if (it == r.query.end()) return fallback;
  std::int64_t v = 0;
  const auto& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_number",
                          fmt::format("Parameter {} harus bilangan bulat.", name),
                          fmt::format("Parameter {} must be a whole number.", name), name));
  }
  return v;
}

std::optional<std::string> QueryParam(const Request& r, const std::string& name) {
  auto it = r.query.find(name);
  if (it == r.query.end()) return std::nullopt;
  return it->second;
}

Status CheckKnownQuery(const Request& r, std::initializer_list<std::string_view> known) {
  for (const auto& [k, v] : r.query) {
    if (std::find(known.begin(), known.end(), k) == known.end()) {
      std::string f = EchoSafe(k);
      return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_parameter",
                            fmt::format("Parameter {} tidak dikenal.", f),
                            fmt::format("Unknown parameter {}.", f), f));
    }
  }
  return {};
}

Result<bool> BoolParam(const Request& r, const std::string& name) {
  auto v = QueryParam(r, name);
  if (!v || *v == "false" || *v == "0") return false;
  if (*v == "true" || *v == "1") return true;
  return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_value",
                        fmt::format("Parameter {} harus true atau false.", name),
                        fmt::format("Parameter {} must be true or false.", name), name));
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool hsts) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Cache-Control", "no-store"},
      {"X-Content-Type-Options", "nosniff"},
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"}};
  if (hsts) h.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return h;
}

int HttpStatus(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return 400;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kPermissionDenied:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kPayloadTooLarge:
      return 413;
    case ErrorKind::kUnsupportedMedia:
      return 415;
    case ErrorKind::kFailedPrecondition:
      return 422;
    case ErrorKind::kTooManyRequests:
      return 429;
    case ErrorKind::kUnavailable:
    case ErrorKind::kIOError:
      return 503;
    case ErrorKind::kCorruption:
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

Response JsonResponse(int status, const json::value& body) {
  Response r;
  r.status = status;
  r.body = json::serialize(body);
  return r;
}

Response ErrorResponse(const Error& e, const std::string& request_id) {
  json::object err{{"code", e.code}, {"message", e.message_en}, {"message_id", e.message_id}};
  if (!e.field.empty()) err["field"] = e.field;
  if (e.current_version) err["current_version"] = *e.current_version;
  if (e.retry_after_s) err["retry_after_s"] = *e.retry_after_s;
  err["request_id"] = request_id;
  Response r = JsonResponse(HttpStatus(e.kind), json::object{{"error", std::move(err)}});
  if (e.retry_after_s) r.headers.emplace_back("Retry-After", std::to_string(*e.retry_after_s));
  return r;
}

std::vector<Route> CoreRoutes(App& app) {
  std::vector<Route> routes = {
      {"GET", "/healthz", Policy::kPublic, Healthz},
      {"GET", "/readyz", Policy::kPublic,
       [&app](const Request&, const Principal*) {
         bool ok = app.db->Ping();
         return JsonResponse(ok ? 200 : 503,
                             json::object{{"status", ok ? "ready" : "store_unreachable"}});
       }},
      {"GET", "/metrics", Policy::kPublic,
       [&app](const Request&, const Principal*) {
         Response r;
         r.content_type = "text/plain; version=0.0.4; charset=utf-8";
         r.body = app.metrics.Render();
         return r;
       }},
      {"POST", "/api/v1/session", Policy::kPublic,
       [&app](const Request& r, const Principal*) { return Login(app, r); }, false, true},
      {"GET", "/api/v1/session", Policy::kEnrolment,
       [&app](const Request&, const Principal* p) {
         return JsonResponse(200, SessionJson(app, *p));
       }},
      {"DELETE", "/api/v1/session", Policy::kEnrolment,
       [&app](const Request& r, const Principal* p) { return Logout(app, r, *p); }},
      {"POST", "/api/v1/cases", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) { return CreateCase(app, r, *p); }},
      {"GET", "/api/v1/cases", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) { return ListCases(app, r, *p); }},
      {"GET", "/api/v1/cases/{id}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.cases.Get(*p, r.params.at("id")); });
       }},
      {"PATCH", "/api/v1/cases/{id}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) { return UpdateCase(app, r, *p); }},
      {"GET", "/api/v1/cases/{id}/team", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.cases.Team(*p, r.params.at("id")); });
       }},
      {"POST", "/api/v1/cases/{id}/team", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadTeamAdd, [&](const TeamAddRequest& v, const auto& idem) {
           return app.cases.AddTeamMember(*p, r.params.at("id"), v.user_id, v.reason, idem);
         });
       }},
      {"DELETE", "/api/v1/cases/{id}/team/{user}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return Reply(app.cases.RemoveTeamMember(*p, r.params.at("id"), r.params.at("user")), r);
       }},
      {"PUT", "/api/v1/cases/{id}/sensitivity", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadSensitivity, [&](const SensitivityRequest& v, const auto& idem) {
           return app.cases.SetSensitivity(*p, r.params.at("id"), v.sensitive, v.reason, idem);
         });
       }},
      {"POST", "/api/v1/cases/{id}/people", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadPerson, [&](const PersonInput& v, const auto& idem) {
           return app.case_records.AddPerson(*p, r.params.at("id"), v, idem);
         });
       }},
      {"PUT", "/api/v1/cases/{id}/people/{person}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadPerson, [&](const PersonInput& v, const auto& idem) {
           return app.case_records.UpdatePerson(*p, r.params.at("id"), r.params.at("person"), v,
                                                idem);
         });
       }},
      {"POST", "/api/v1/cases/{id}/incidents", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadIncident, [&](const IncidentInput& v, const auto& idem) {
           return app.case_records.RecordIncident(*p, r.params.at("id"), v, idem);
         });
       }},
      {"PUT", "/api/v1/cases/{id}/incidents/{incident}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadIncident, [&](const IncidentInput& v, const auto& idem) {
           return app.case_records.UpdateIncident(*p, r.params.at("id"), r.params.at("incident"), v,
                                                  idem);
         });
       }},
      {"POST", "/api/v1/cases/{id}/consents", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadConsent, [&](const ConsentInput& v, const auto& idem) {
           return app.referrals.RecordConsent(*p, r.params.at("id"), v, idem);
         });
       }},
      {"POST", "/api/v1/cases/{id}/consents/{consent}/withdraw", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadReason, [&](const std::string& reason, const auto& idem) {
           return app.referrals.WithdrawConsent(*p, r.params.at("id"), r.params.at("consent"),
                                                reason, idem);
         });
       }},
      {"POST", "/api/v1/cases/{id}/referrals", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadReferral, [&](const ReferralInput& v, const auto& idem) {
           return app.referrals.Refer(*p, r.params.at("id"), v, idem);
         });
       }},
      {"GET", "/api/v1/referrals", Policy::kPartner,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.referrals.PartnerReferrals(*p); });
       }},
      {"GET", "/api/v1/referrals/{referral}", Policy::kPartner,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(
             r, [&] { return app.referrals.PartnerReferral(*p, r.params.at("referral")); });
       }},
      {"POST", "/api/v1/referrals/{referral}/accept", Policy::kPartner,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadOptionalNote, [&](const std::string& note, const auto& idem) {
           return app.referrals.AnswerReferral(*p, r.params.at("referral"), "accept", note, idem);
         });
       }},
      {"POST", "/api/v1/referrals/{referral}/reject", Policy::kPartner,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadReason, [&](const std::string& reason, const auto& idem) {
           return app.referrals.AnswerReferral(*p, r.params.at("referral"), "reject", reason, idem);
         });
       }},
      {"POST", "/api/v1/referrals/{referral}/report", Policy::kPartner,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadReport, [&](const std::string& report, const auto& idem) {
           return app.referrals.AnswerReferral(*p, r.params.at("referral"), "report", report, idem);
         });
       }},
      {"PUT", "/api/v1/cases/{id}/classification", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadClassification,
                          [&](const CaseClassification& v, const auto& idem) {
                            return app.case_records.Classify(*p, r.params.at("id"), v, idem);
                          });
       }},
      {"GET", "/api/v1/cases/{id}/triage", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.case_records.Triage(*p, r.params.at("id")); });
       }},
      {"POST", "/api/v1/cases/{id}/triage", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadTriageDecision,
                          [&](const TriageDecisionRequest& v, const auto& idem) {
                            return app.case_records.DecideTriage(*p, r.params.at("id"), v.decision,
                                                                 v.reason, idem);
                          });
       }},
      {"GET", "/api/v1/sops", Policy::kSession,
       [&app](const Request&, const Principal*) { return JsonResponse(200, app.sops.List()); }},
      {"GET", "/api/v1/sops/{unit:slug}/{name:slug}", Policy::kSession,
       [&app](const Request& r, const Principal*) { return ShowSop(app, r); }},
      {"GET", "/api/v1/cases/{id}/events", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.cases.Events(*p, r.params.at("id")); });
       }},
      {"POST", "/api/v1/cases/{id}/sops", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadStartSop, [&](const StartSopRequest& v, const auto& idem) {
           return app.tasks.StartSop(*p, r.params.at("id"), v, idem);
         });
       }},
      {"GET", "/api/v1/cases/{id}/sops", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.tasks.CaseSops(*p, r.params.at("id")); });
       }},
      {"GET", "/api/v1/tasks", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) { return Inbox(app, r, *p); }},
      {"GET", "/api/v1/tasks/{id}", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.tasks.Get(*p, r.params.at("id")); });
       }},
      {"POST", "/api/v1/tasks/{id}/complete", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadCompleteTask, [&](const CompleteTaskRequest& v, const auto& idem) {
           return app.tasks.Complete(*p, r.params.at("id"), v, idem);
         });
       }},
      {"POST", "/api/v1/tasks/{id}/waive", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadReason, [&](const std::string& reason, const auto& idem) {
           return app.tasks.Waive(*p, r.params.at("id"), reason, idem);
         });
       }},
      {"POST", "/api/v1/tasks/{id}/assign", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadAssign, [&](const std::string& assignee, const auto& idem) {
           return app.tasks.Assign(*p, r.params.at("id"), assignee, idem);
         });
       }},
      {"POST", "/api/v1/session/totp", Policy::kEnrolment,
       [&app](const Request& r, const Principal* p) {
         auto e = app.auth.StartTotp(*p);
         if (!e) return ErrorResponse(e.error(), r.request_id);
         return JsonResponse(
             201, json::object{{"secret", e->secret_base32}, {"otpauth_uri", e->otpauth_uri}});
       }},
      {"POST", "/api/v1/session/totp/confirm", Policy::kEnrolment,
       [&app](const Request& r, const Principal* p) {
         return WithCode(r, [&](const std::string& code) {
           auto codes = app.auth.ConfirmTotp(*p, code);
           if (!codes) return ErrorResponse(codes.error(), r.request_id);
           json::array out;
           for (const auto& c : *codes) out.emplace_back(c);
           return JsonResponse(200, json::object{{"recovery_codes", std::move(out)}});
         });
       }},
      {"POST", "/api/v1/session/totp/disable", Policy::kSession,
       [&app](const Request& r, const Principal* p) {
         return WithCode(r, [&](const std::string& code) {
           if (auto s = app.auth.DisableTotp(*p, code); !s)
             return ErrorResponse(s.error(), r.request_id);
           return JsonResponse(200, json::object{{"totp", false}});
         });
       }},
      {"GET", "/api/v1/shelters", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         if (auto s = CheckKnownQuery(r, {"unit_id"}); !s)
           return ErrorResponse(s.error(), r.request_id);
         return JsonOrError(
             r, [&] { return app.shelters.ListShelters(*p, QueryParam(r, "unit_id")); });
       }},
      {"POST", "/api/v1/shelters", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(
             r, [](const json::object& o) { return ReadShelter(o, true); },
             [&](const ShelterRequest& v, const auto& idem) {
               return app.shelters.RegisterShelter(*p, v.unit_id, v.shelter, idem);
             });
       }},
      {"GET", "/api/v1/shelters/{shelter}", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         return JsonOrError(r, [&] { return app.shelters.GetShelter(*p, r.params.at("shelter")); });
       }},
      {"PUT", "/api/v1/shelters/{shelter}", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(
             r, [](const json::object& o) { return ReadShelter(o, false); },
             [&](const ShelterRequest& v, const auto& idem) {
               return app.shelters.UpdateShelter(*p, r.params.at("shelter"), v.shelter, idem);
             });
       }},
      {"POST", "/api/v1/cases/{id}/shelter-stays", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadAdmission, [&](const AdmissionInput& v, const auto& idem) {
           return app.shelters.AdmitToShelter(*p, r.params.at("id"), v, idem);
         });
       }},
      {"POST", "/api/v1/cases/{id}/shelter-stays/{stay}/discharge", Policy::kCaseStaff,
       [&app](const Request& r, const Principal* p) {
         return WriteWith(r, ReadDischarge, [&](const DischargeInput& v, const auto& idem) {
           return app.shelters.DischargeFromShelter(*p, r.params.at("id"), r.params.at("stay"), v,
                                                    idem);
         });
       }},
      {"GET", "/api/v1/partners", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         if (auto s = CheckKnownQuery(r, {"unit_id", "kind", "area"}); !s)
           return ErrorResponse(s.error(), r.request_id);
         return JsonOrError(r, [&] {
           return app.referrals.PartnerDirectory(*p, QueryParam(r, "unit_id"),
                                                 QueryParam(r, "kind"), QueryParam(r, "area"));
         });
       }},
      {"GET", "/api/v1/people", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         if (auto s = CheckKnownQuery(r, {"name", "nik", "birth_date"}); !s)
           return ErrorResponse(s.error(), r.request_id);
         return JsonOrError(r, [&] {
           return app.people.SearchPeople(*p, QueryParam(r, "name"), QueryParam(r, "nik"),
                                          QueryParam(r, "birth_date"));
         });
       }},
      // A data subject's lawful request, recorded by the unit head (docs/security.md).
      {"POST", "/api/v1/people/{person}/erasure", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         auto body = ParseJsonObject(r.body);
         if (!body) return ErrorResponse(body.error(), r.request_id);
         auto v = ReadLawfulRequest(*body);
         if (!v) return ErrorResponse(v.error(), r.request_id);
         return Reply(app.people.EraseOnRequest(*p, r.params.at("person"), *v), r);
       }},
      {"POST", "/api/v1/people/{person}/access-request", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         auto body = ParseJsonObject(r.body);
         if (!body) return ErrorResponse(body.error(), r.request_id);
         auto v = ReadLawfulRequest(*body);
         if (!v) return ErrorResponse(v.error(), r.request_id);
         return JsonOrError(r, [&]() -> Result<boost::json::value> {
           auto data = app.people.AccessOnRequest(*p, r.params.at("person"), *v);
           if (!data) return data;
           // Their files, by document id: the head downloads them from the case's documents.
           boost::json::array files;
           for (const auto& f : app.documents.PersonFiles(r.params.at("person")))
             files.push_back(boost::json::object{{"document_id", f.content.document_id},
                                                 {"title", f.title},
                                                 {"media_type", f.content.media_type},
                                                 {"size", f.content.bytes.size()},
                                                 {"sha256", f.digest},
                                                 {"filed_at", f.created_at}});
           data->as_object()["files"] = std::move(files);
           return data;
         });
       }},
      {"GET", "/api/v1/audit", Policy::kUnitStaff,
       [&app](const Request& r, const Principal* p) {
         if (auto s = CheckKnownQuery(r, {"case_id", "user_id"}); !s)
           return ErrorResponse(s.error(), r.request_id);
         return JsonOrError(r, [&] {
           return app.access_log.Query(*p, QueryParam(r, "case_id"), QueryParam(r, "user_id"));
         });
       }},
  };
  return routes;
}

std::vector<Route> BuildRoutes(App& app) {
  std::vector<Route> routes;
  for (auto area : {CoreRoutes, TransferRoutes, DocumentRoutes, LetterRoutes, AdminRoutes,
                    CaseWorkRoutes, ReferenceRoutes, ReportRoutes, ReportExportRoutes}) {
    auto more = area(app);
    routes.insert(routes.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
  }
  for (auto& route : routes) {
    route.name = DocumentedPath(route.path);
    route.pattern = RouterPattern(route.path);
  }
  return routes;
}

Response Dispatch(App& app, const Route& route, const Request& req) {
  try {
    bool has_body = req.method == "POST" || req.method == "PATCH" || req.method == "PUT";
    if (std::int64_t(req.body.size()) > app.config.max_body_bytes) {
      return ErrorResponse(
          MakeError(ErrorKind::kPayloadTooLarge, "body_too_large",
                    fmt::format("Isi permintaan terlalu besar (maksimal {} byte).",
                                app.config.max_body_bytes),
                    fmt::format("The request body is too large (at most {} bytes).",
                                app.config.max_body_bytes)),
          req.request_id);
    }
    if (has_body && route.raw_body &&
        req.content_type.substr(0, req.content_type.find(';')) != "application/octet-stream") {
      return ErrorResponse(MakeError(ErrorKind::kUnsupportedMedia, "unsupported_media_type",
                                     "Kirim potongan berkas sebagai application/octet-stream.",
                                     "Send the file's chunk as application/octet-stream."),
                           req.request_id);
    }
    if (has_body && !route.raw_body && !IsJsonMediaType(req.content_type)) {
      return ErrorResponse(MakeError(ErrorKind::kUnsupportedMedia, "unsupported_media_type",
                                     "Kirim isi permintaan sebagai application/json.",
                                     "Send the request body as application/json."),
                           req.request_id);
    }
    std::optional<Principal> principal;
    if (route.policy == Policy::kUndeclared) {
      return ErrorResponse(
          MakeError(ErrorKind::kPermissionDenied, "forbidden", "Akses ditolak.", "Access denied."),
          req.request_id);
    }
    if (route.policy != Policy::kPublic) {
      auto a = app.auth.Authenticate(req.session_token);
      if (!a) return ErrorResponse(a.error(), req.request_id);
      principal = std::move(*a);
      principal->request_id = req.request_id;
      principal->purpose = req.purpose;
      bool staff = std::any_of(principal->roles.begin(), principal->roles.end(),
                               [](const UnitRole& r) { return IsStaffRole(r.role); });
      if (principal->two_factor_enrolment_required && route.policy != Policy::kEnrolment) {
        return ErrorResponse(
            MakeError(ErrorKind::kPermissionDenied, "two_factor_enrolment_required",
                      "Unit Anda mewajibkan autentikasi dua langkah: daftarkan aplikasi "
                      "autentikator dulu (POST /api/v1/session/totp).",
                      "Your unit requires two-step log-in: enrol an authenticator app first "
                      "(POST /api/v1/session/totp)."),
            req.request_id);
      }
      if (route.policy == Policy::kPartner && principal->partner_id.empty()) {
        return ErrorResponse(MakeError(ErrorKind::kPermissionDenied, "partner_only",
                                       "Hanya untuk pengguna lembaga mitra.",
                                       "Only for users of a partner organisation."),
                             req.request_id);
      }
      if ((route.policy == Policy::kUnitStaff || route.policy == Policy::kCaseStaff) && !staff) {
        return ErrorResponse(MakeError(ErrorKind::kPermissionDenied, "no_unit_role",
                                       "Anda tidak memiliki peran petugas di unit mana pun.",
                                       "You hold no staff role in any unit."),
                             req.request_id);
      }
      if (req.method != "GET" && req.method != "HEAD" &&
          !security::ConstantTimeEquals(req.csrf_token, principal->csrf_token)) {
        return ErrorResponse(MakeError(ErrorKind::kPermissionDenied, "csrf_token_invalid",
                                       "Token CSRF tidak ada atau salah; muat ulang halaman.",
                                       "The CSRF token is missing or wrong; reload the page."),
                             req.request_id);
      }
    }
    return route.handler(req, principal ? &*principal : nullptr);
  } catch (const std::exception& e) {
    spdlog::error("request_id={} route=\"{} {}\" internal error: {}", req.request_id, req.method,
                  req.target, e.what());
    return ErrorResponse(MakeError(ErrorKind::kInternal, "internal_error",
                                   "Terjadi kesalahan di server; tidak ada data yang hilang. "
                                   "Sebutkan request_id ini ke admin.",
                                   "The server hit an error; no data was lost. Give this "
                                   "request_id to your administrator."),
                         req.request_id);
  }
}

}  // namespace lindungi::http
