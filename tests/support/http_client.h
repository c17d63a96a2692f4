// A small blocking HTTP client for tests and benchmarks (libcurl, one keep-alive
// connection per Client). Keeps the session cookie and the CSRF token after Login().
// A Client is used by one thread at a time.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <string>
#include <vector>

namespace lindungi::testing {

struct HttpResult {
  int status = 0;  // 0: no response (connection refused, reset, timeout)
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  boost::json::value Json() const;             // parsed body; throws if not JSON
  std::string ErrorCode() const;               // error.code of an error body, or ""
};

// Every answer any Client receives is appended to this file (JSON lines: method, path,
// status, content_type, size, and the body of a JSON answer) once set, so the API tests can
// check each one against docs/api/openapi.yaml (support/openapi_check.py). "" stops it.
void RecordAnswersTo(const std::string& path);

// `s` percent-encoded for a query string value (RFC 3986 unreserved characters kept).
std::string UrlEncode(const std::string& s);

class Client {
 public:
  explicit Client(std::string base_url);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  HttpResult Request(const std::string& method, const std::string& path,
                     const std::string& body = {}, std::vector<std::string> extra_headers = {},
                     bool json_content = true);
  HttpResult Get(const std::string& path) { return Request("GET", path); }
  HttpResult Post(const std::string& path, const std::string& body,
                  std::vector<std::string> h = {}) {
    return Request("POST", path, body, std::move(h));
  }

  // Logs in and remembers the cookie and CSRF token (sent on every later request).
  HttpResult Login(const std::string& username, const std::string& password);
  void set_csrf(std::string t) { csrf_ = std::move(t); }
  const std::string& csrf() const { return csrf_; }
  void set_timeout_ms(long ms) { timeout_ms_ = ms; }
  // Connects from this local address (e.g. "127.0.0.42": loopback has all of 127/8), so a
  // test can be many clients at once.
  void set_source_address(const std::string& ip);

 private:
  std::string base_;
  std::string csrf_;
  long timeout_ms_ = 30000;
  void* curl_;
};

}  // namespace lindungi::testing
