#include "core/intake.h"

#include <gtest/gtest.h>

#include <functional>

namespace lindungi {
namespace {

Instant Now() {
  return *ParseInstant("2026-11-23T10:00:00+07:00");
}

IntakeRequest Valid() {
  IntakeRequest r;
  r.channel = "walk_in";
  r.reporter = {"Ibu Sari", "parent", "0812-3456-789", false};
  r.client.name = "Anak A";
  r.client.sex = "female";
  r.client.birth_date = "2014-03-02";
  r.client.nik = "6271010203140001";
  r.narrative = "Korban datang bersama ibunya.";
  return r;
}

TEST(IntakeTest, AcceptsACompleteIntake) {
  EXPECT_TRUE(ValidateIntake(Valid(), Now()));
}

struct Case {
  const char* name;
  std::function<void(IntakeRequest&)> mutate;
  const char* field;
  const char* code;
};

TEST(IntakeTest, EachRuleNamesItsField) {
  const Case cases[] = {
      {"unknown channel", [](auto& r) { r.channel = "pigeon"; }, "channel", "invalid_value"},
      {"blank reporter", [](auto& r) { r.reporter.name = "  "; }, "reporter.name", "required"},
      {"blank relation", [](auto& r) { r.reporter.relation = ""; }, "reporter.relation",
       "required"},
      {"bad phone", [](auto& r) { r.reporter.phone = "call me"; }, "reporter.phone",
       "invalid_phone"},
      {"missing client name", [](auto& r) { r.client.name = ""; }, "client.name", "required"},
      {"bad sex", [](auto& r) { r.client.sex = "x"; }, "client.sex", "invalid_value"},
      {"impossible birth date", [](auto& r) { r.client.birth_date = "2014-02-30"; },
       "client.birth_date", "invalid_date"},
      {"future birth date", [](auto& r) { r.client.birth_date = "2027-01-01"; },
       "client.birth_date", "date_in_future"},
      {"ancient birth date", [](auto& r) { r.client.birth_date = "1901-01-01"; },
       "client.birth_date", "date_too_old"},
      {"age out of range", [](auto& r) { r.client.age_years = 300; }, "client.age_years",
       "out_of_range"},
      {"short NIK", [](auto& r) { r.client.nik = "12345"; }, "client.nik", "invalid_nik"},
      {"NIK with letters", [](auto& r) { r.client.nik = "62710102031400AB"; }, "client.nik",
       "invalid_nik"},
      {"newline in a name", [](auto& r) { r.client.name = "A\nB"; }, "client.name",
       "control_characters"},
      {"bad received_at", [](auto& r) { r.received_at = "2026-11-23"; }, "received_at",
       "invalid_datetime"},
      {"future received_at", [](auto& r) { r.received_at = "2026-12-01T00:00:00Z"; }, "received_at",
       "date_in_future"},
      {"empty narrative", [](auto& r) { r.narrative = ""; }, "narrative", "required"},
      {"huge narrative", [](auto& r) { r.narrative = std::string(20001, 'a'); }, "narrative",
       "too_long"},
      {"bad utf-8", [](auto& r) { r.narrative = "\xC0\xAF"; }, "narrative", "invalid_utf8"},
      {"bad incident date", [](auto& r) { r.incident_date = "kemarin"; }, "incident_date",
       "invalid_date"},
  };
  for (const auto& c : cases) {
    IntakeRequest r = Valid();
    c.mutate(r);
    auto s = ValidateIntake(r, Now());
    ASSERT_FALSE(s) << c.name;
    EXPECT_EQ(s.error().field, c.field) << c.name;
    EXPECT_EQ(s.error().code, c.code) << c.name;
    EXPECT_EQ(s.error().kind, ErrorKind::kInvalidArgument) << c.name;
    EXPECT_FALSE(s.error().message_id.empty());
    EXPECT_FALSE(s.error().message_en.empty());
  }
}

TEST(IntakeTest, MessagesNeverEchoTheValue) {
  IntakeRequest r = Valid();
  r.client.nik = "99999999999";
  auto s = ValidateIntake(r, Now());
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message_en.find("99999999999"), std::string::npos);
  EXPECT_EQ(s.error().message_id.find("99999999999"), std::string::npos);
}

TEST(IntakeTest, AnUpdateMustChangeSomething) {
  EXPECT_EQ(ValidateCaseUpdate({}, Now()).error().code, "empty_update");
  CaseUpdate u;
  u.status = "archived";
  EXPECT_EQ(ValidateCaseUpdate(u, Now()).error().field, "status");
  u.status = "closed";
  EXPECT_TRUE(ValidateCaseUpdate(u, Now()));
}

}  // namespace
}  // namespace lindungi
