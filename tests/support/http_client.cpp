#include "support/http_client.h"

#include <curl/curl.h>

#include <cctype>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdio>
#include <mutex>

namespace lindungi::testing {
namespace {

std::once_flag g_curl_init;

std::mutex g_record_mu;
std::FILE* g_record = nullptr;  // guarded by g_record_mu

void Record(const std::string& method, const std::string& path, const HttpResult& r) {
  std::lock_guard lock(g_record_mu);
  if (!g_record) return;
  auto ct = r.headers.find("content-type");
  std::string content_type = ct == r.headers.end() ? "" : ct->second;
  boost::json::object line{{"method", method},
                           {"path", path},
                           {"status", r.status},
                           {"content_type", content_type},
                           {"size", r.body.size()}};
  if (content_type.rfind("application/json", 0) == 0 && r.body.size() < (4u << 20))
    line["body"] = r.body;
  std::string text = boost::json::serialize(line) + "\n";
  std::fwrite(text.data(), 1, text.size(), g_record);
  std::fflush(g_record);
}

size_t WriteBody(char* p, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, size * n);
  return size * n;
}

size_t WriteHeader(char* p, size_t size, size_t n, void* out) {
  std::string line(p, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

}  // namespace

boost::json::value HttpResult::Json() const {
  return boost::json::parse(body);
}

std::string HttpResult::ErrorCode() const {
  try {
    auto v = Json();
    if (auto* e = v.as_object().if_contains("error"))
      return std::string(e->as_object().at("code").as_string());
  } catch (...) {
  }
  return {};
}

Client::Client(std::string base_url) : base_(std::move(base_url)) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  curl_ = curl_easy_init();
  curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");  // in-memory cookie jar
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
}

Client::~Client() {
  curl_easy_cleanup(curl_);
}

HttpResult Client::Request(const std::string& method, const std::string& path,
                           const std::string& body, std::vector<std::string> extra_headers,
                           bool json_content) {
  HttpResult r;
  curl_easy_setopt(curl_, CURLOPT_URL, (base_ + path).c_str());
  curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl_, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
  bool has_body = method == "POST" || method == "PATCH" || method == "PUT";
  if (has_body) {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
  } else {
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);  // resets any earlier body settings
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  curl_slist* headers = nullptr;
  bool has_content_type = false;
  for (const auto& h : extra_headers) {
    has_content_type = has_content_type || h.rfind("Content-Type:", 0) == 0;
    headers = curl_slist_append(headers, h.c_str());
  }
  if (has_body && json_content && !has_content_type)
    headers = curl_slist_append(headers, "Content-Type: application/json");
  if (!csrf_.empty()) headers = curl_slist_append(headers, ("X-CSRF-Token: " + csrf_).c_str());
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, timeout_ms_);
  if (curl_easy_perform(curl_) == CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &code);
    r.status = int(code);
  }
  curl_slist_free_all(headers);
  Record(method, path, r);
  return r;
}

void Client::set_source_address(const std::string& ip) {
  curl_easy_setopt(curl_, CURLOPT_INTERFACE, ("host!" + ip).c_str());
}

void RecordAnswersTo(const std::string& path) {
  std::lock_guard lock(g_record_mu);
  if (g_record) std::fclose(g_record);
  g_record = path.empty() ? nullptr : std::fopen(path.c_str(), "w");
}

HttpResult Client::Login(const std::string& username, const std::string& password) {
  boost::json::object o{{"username", username}, {"password", password}};
  csrf_.clear();
  auto r = Post("/api/v1/session", boost::json::serialize(o));
  if (r.status == 201) csrf_ = std::string(r.Json().at("csrf_token").as_string());
  return r;
}

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += char(c);
    else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace lindungi::testing
