#include "http/json_body.h"

#include <gtest/gtest.h>

#include "http/case_json.h"

namespace lindungi::http {
namespace {

TEST(JsonBodyTest, NamesEachKindOfBadBody) {
  EXPECT_EQ(ParseJsonObject("").error().code, "empty_body");
  EXPECT_EQ(ParseJsonObject("{\"a\":").error().code, "malformed_json");
  EXPECT_EQ(ParseJsonObject("{\"a\":1} trailing").error().code, "malformed_json");
  EXPECT_EQ(ParseJsonObject("[1,2]").error().code, "not_an_object");
  EXPECT_EQ(ParseJsonObject("{\"a\":\"\xC0\xAF\"}").error().code, "invalid_utf8");
  EXPECT_EQ(ParseJsonObject(std::string(100, '[') + std::string(100, ']')).error().code,
            "too_deep");
  EXPECT_TRUE(ParseJsonObject("{\"a\":1}"));
}

TEST(JsonBodyTest, ReaderReportsWrongTypesMissingAndUnknownFields) {
  auto o = ParseJsonObject(R"({"channel": 5, "extra": true})");
  ASSERT_TRUE(o);
  auto in = ReadIntake(*o);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, "wrong_type");
  EXPECT_EQ(in.error().field, "channel");

  o = ParseJsonObject(
      R"({"channel":"phone","narrative":"x","reporter":{"name":"a","relation":"self","shoe":1},
                          "client":{"name":"b","sex":"male"}})");
  in = ReadIntake(*o);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, "unknown_field");
  EXPECT_EQ(in.error().field, "reporter.shoe");

  o = ParseJsonObject(R"({"channel":"phone","narrative":"x","client":{"name":"b","sex":"male"}})");
  in = ReadIntake(*o);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, "required");
  EXPECT_EQ(in.error().field, "reporter");
}

TEST(JsonBodyTest, NullCountsAsAbsentForOptionalFields) {
  auto o = ParseJsonObject(R"({"channel":"phone","narrative":"x","incident_date":null,
                               "reporter":{"name":"a","relation":"self"},"client":{"name":"b","sex":"male","nik":null}})");
  auto in = ReadIntake(*o);
  ASSERT_TRUE(in) << in.error().message_en;
  EXPECT_FALSE(in->incident_date);
  EXPECT_FALSE(in->client.nik);
}

}  // namespace
}  // namespace lindungi::http
