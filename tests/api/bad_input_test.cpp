// One row per kind of bad input: each gets a 4xx that names the problem, never a 500 or
// a crash, and the server keeps serving.
#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {

struct BadInput {
  const char* name;
  std::string method;
  std::string path;
  std::string body;
  std::vector<std::string> headers;
  int status;
  const char* code;
  const char* field;  // "" if none
};

class BadInputTest : public ApiTest {};

TEST_F(BadInputTest, EveryBadInputGetsANamed4xx) {
  auto c = LoggedIn("intake");
  auto created = CreateCase(*c, "Untuk PATCH");
  std::string case_path = "/api/v1/cases/" + std::string(created.at("id").as_string());
  const std::string good = IntakeJson("Klien");
  const std::string kCases = "/api/v1/cases";
  const std::vector<BadInput> rows = {
      {"malformed JSON",
       "POST",
       kCases,
       "{\"channel\": \"walk_in\",",
       {},
       400,
       "malformed_json",
       ""},
      {"trailing garbage", "POST", kCases, good + "x", {}, 400, "malformed_json", ""},
      {"empty body", "POST", kCases, "", {}, 400, "empty_body", ""},
      {"array instead of object", "POST", kCases, "[]", {}, 400, "not_an_object", ""},
      {"too deep",
       "POST",
       kCases,
       std::string(64, '[') + std::string(64, ']'),
       {},
       400,
       "too_deep",
       ""},
      {"bad UTF-8",
       "POST",
       kCases,
       Replace(good, "Klien",
               "Kl\xC3\x28"
               "en"),
       {},
       400,
       "invalid_utf8",
       ""},
      {"wrong type",
       "POST",
       kCases,
       Replace(good, "\"crisis\":false", "\"crisis\":\"no\""),
       {},
       400,
       "wrong_type",
       "crisis"},
      {"number as string",
       "POST",
       kCases,
       Replace(good, "\"channel\":\"walk_in\"", "\"channel\":7"),
       {},
       400,
       "wrong_type",
       "channel"},
      {"unknown field",
       "POST",
       kCases,
       Replace(good, "\"crisis\":false", "\"crisis\":false,\"priority\":1"),
       {},
       400,
       "unknown_field",
       "priority"},
      {"unknown nested field",
       "POST",
       kCases,
       Replace(good, "\"sex\":\"female\"", "\"sex\":\"female\",\"hair\":\"x\""),
       {},
       400,
       "unknown_field",
       "client.hair"},
      {"missing field",
       "POST",
       kCases,
       Replace(good, "\"channel\":\"walk_in\",", ""),
       {},
       400,
       "required",
       "channel"},
      {"bad enum",
       "POST",
       kCases,
       Replace(good, "walk_in", "carrier_pigeon"),
       {},
       400,
       "invalid_value",
       "channel"},
      {"bad date",
       "POST",
       kCases,
       Replace(good, "2012-05-17", "2012-02-31"),
       {},
       400,
       "invalid_date",
       "client.birth_date"},
      {"date in the future",
       "POST",
       kCases,
       Replace(good, "2012-05-17", "2999-01-01"),
       {},
       400,
       "date_in_future",
       "client.birth_date"},
      {"bad datetime",
       "POST",
       kCases,
       Replace(good, "\"crisis\":false", "\"crisis\":false,\"received_at\":\"23/11/2026\""),
       {},
       400,
       "invalid_datetime",
       "received_at"},
      {"oversized body",
       "POST",
       kCases,
       Replace(good, "Narasi uji", std::string(1100000, 'a')),
       {},
       413,
       "body_too_large",
       ""},
      {"too long field",
       "POST",
       kCases,
       Replace(good, "Narasi uji", std::string(20001, 'a')),
       {},
       400,
       "too_long",
       "narrative"},
      {"wrong content type",
       "POST",
       kCases,
       good,
       {"Content-Type: text/plain"},
       415,
       "unsupported_media_type",
       ""},
      {"bad idempotency key",
       "POST",
       kCases,
       good,
       {"Idempotency-Key: " + std::string(200, 'k')},
       400,
       "invalid_idempotency_key",
       "Idempotency-Key"},
      {"bad page", "GET", kCases + "?page=abc", "", {}, 400, "invalid_number", "page"},
      {"page too deep",
       "GET",
       kCases + "?page=9223372036854775807",
       "",
       {},
       400,
       "invalid_page",
       "page"},
      {"content type look-alike",
       "POST",
       kCases,
       good,
       {"Content-Type: application/jsonx"},
       415,
       "unsupported_media_type",
       ""},
      {"page size too big",
       "GET",
       kCases + "?page_size=100000",
       "",
       {},
       400,
       "invalid_page",
       "page_size"},
      {"bad status filter", "GET", kCases + "?status=lost", "", {}, 400, "invalid_value", "status"},
      {"bad date filter",
       "GET",
       kCases + "?received_from=tomorrow",
       "",
       {},
       400,
       "invalid_date",
       "received_from"},
      {"unknown query parameter",
       "GET",
       kCases + "?sort=name",
       "",
       {},
       400,
       "unknown_parameter",
       "sort"},
      {"malformed case id", "GET", kCases + "/not-a-uuid", "", {}, 404, "not_found", ""},
      {"PATCH without version",
       "PATCH",
       case_path,
       R"({"status":"closed"})",
       {},
       400,
       "required",
       "version"},
      {"PATCH changing nothing",
       "PATCH",
       case_path,
       R"({"version":1})",
       {},
       400,
       "empty_update",
       ""},
      {"PATCH bad version type",
       "PATCH",
       case_path,
       R"({"version":"1","status":"closed"})",
       {},
       400,
       "wrong_type",
       "version"},
      {"login with missing password",
       "POST",
       "/api/v1/session",
       R"({"username":"intake"})",
       {},
       400,
       "required",
       "password"},
      {"method not allowed", "PUT", kCases, good, {}, 405, "method_not_allowed", ""},
  };
  for (const auto& row : rows) {
    auto r = c->Request(row.method, row.path, row.body, row.headers);
    EXPECT_EQ(r.status, row.status) << row.name << ": " << r.body.substr(0, 300);
    EXPECT_EQ(r.ErrorCode(), row.code) << row.name << ": " << r.body.substr(0, 300);
    if (r.status >= 400 && !r.body.empty()) {
      auto body = r.Json();
      const auto& err = body.at("error");
      EXPECT_FALSE(err.at("message").as_string().empty()) << row.name;
      EXPECT_FALSE(err.at("message_id").as_string().empty()) << row.name;
      if (*row.field) {
        ASSERT_TRUE(err.as_object().contains("field")) << row.name;
        EXPECT_EQ(err.at("field").as_string(), row.field) << row.name;
      }
    }
  }
  // Still alive and nothing logged as an internal error.
  EXPECT_EQ(c->Get("/healthz").status, 200);
  EXPECT_EQ(harness_->ReadLog().find("internal error"), std::string::npos);
}

TEST_F(BadInputTest, BodiesBeyondTheHardLimitCloseTheConnectionWithoutHarm) {
  auto c = LoggedIn("intake");
  auto r = c->Post("/api/v1/cases", std::string(6 << 20, 'x'));
  EXPECT_TRUE(r.status == 0 || r.status == 413) << r.status;
  Client fresh(harness_->base_url());
  EXPECT_EQ(fresh.Get("/healthz").status, 200);
}

}  // namespace
}  // namespace lindungi::testing
