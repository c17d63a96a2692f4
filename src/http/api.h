// The HTTP API as plain values: a Request the server has parsed, the Response a handler
// returns, and the route table (one line per method + path + access + handler). No
// RESTinio here: handlers compile fast and are testable; http/server.cpp adapts RESTinio.
#pragma once

#include <boost/json/value.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "service/app.h"
#include "service/principal.h"

namespace lindungi::http {

inline constexpr std::string_view kSessionCookie = "lindungi_session";

struct Request {
  std::string method;  // "GET", "POST" ...
  std::string target;  // the route's name, e.g. "/api/v1/cases/{id}" (never the raw path)
  std::map<std::string, std::string> params;  // path parameters
  std::map<std::string, std::string> query;   // query string
  std::string body;
  std::string content_type;
  std::string session_token;                   // from the cookie
  std::string csrf_token;                      // X-CSRF-Token header
  std::optional<std::string> idempotency_key;  // Idempotency-Key header
  std::string request_id;
  std::string client_address;  // the peer's IP (log-in throttling; a proxy's own address)
  std::string purpose;         // X-Access-Purpose header (why personal data is read)
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Who may call a route (docs/security.md "Authorization"). Every route declares one; the
// authorization matrix test (tests/unit/authorization_matrix_test.cpp) calls every route as
// every kind of caller and checks the answers against it. Deny by default: a route left
// kUndeclared answers 403 to everyone.
enum class Policy {
  kUndeclared,
  kPublic,     // anyone, without a session
  kEnrolment,  // any logged-in user, also one who must first enrol a second factor
  kSession,    // any logged-in user with a complete log-in (the SOP catalogue, ...)
  kUnitStaff,  // a staff role in a unit; collections hold only the caller's units' records
  kCaseStaff,  // need-to-know on the case or task named by {id} (core/access.h); others 404
  kPartner,    // a partner organisation's user: the referrals addressed to it; others 404
  kUnitAdmin,  // the administrator, unit head or department head of {unit} (the service
               // checks: "admin_required" for the unit's other staff, 404 for anyone else)
};

struct Route {
  std::string method;
  // The path, written once, as documented in docs/api/openapi.yaml: "/api/v1/cases/{id}".
  // A parameter is a lower-case UUID unless typed: "{name:slug}" (a-z, 0-9, -; up to 64),
  // "{session:hex16}", "{start:offset}" (up to 12 digits). BuildRoutes derives `name` and
  // `pattern` from it.
  std::string path;
  Policy policy = Policy::kUndeclared;
  std::function<Response(const Request&, const Principal*)> handler;
  // The body is bytes (application/octet-stream: an upload's chunk), not JSON.
  bool raw_body = false;
  // It checks a password (argon2id, slow on purpose): it runs on the password workers, behind
  // their own bounded queue, never on the request workers (docs/security.md "Log-in").
  bool hashes_password = false;
  // Derived from `path` by BuildRoutes:
  std::string name = {};  // the documented path, types removed: Request::target, the metrics label
  std::string pattern = {};  // the router's express pattern with each parameter's regex
};

// A route path's router pattern ("/cases/{id}" -> "/cases/:id(<uuid regex>)") and its
// documented form ("/forms/{name:slug}" -> "/forms/{name}"). An unknown parameter type or an
// unclosed brace is a programming error: std::logic_error, at start-up.
std::string RouterPattern(std::string_view path);
std::string DocumentedPath(std::string_view path);

// Every route of the API. `app` outlives the routes.
std::vector<Route> BuildRoutes(App& app);

// Runs one request through its route: authentication, CSRF, body checks, the handler,
// and exceptions turned into a 500 without details. Never throws.
Response Dispatch(App& app, const Route& route, const Request& request);

// Headers every answer carries (docs/security.md "HTTP hardening"): no caching or sniffing,
// a content security policy that allows no inline script, no framing and no referrer; HSTS
// when `hsts` (the server is reached over TLS).
std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool hsts);

int HttpStatus(ErrorKind kind);
Response ErrorResponse(const Error& e, const std::string& request_id);
Response JsonResponse(int status, const boost::json::value& body);

}  // namespace lindungi::http
