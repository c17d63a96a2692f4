// The SOP packs through the API: the list, one SOP as JSON, and its swimlane flowchart.
#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {

class SopApiTest : public ApiTest {};

TEST_F(SopApiTest, ListsEverySeedSop) {
  auto c = LoggedIn("worker");
  auto r = c->Get("/api/v1/sops");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.Json();
  const auto& items = body.at("items").as_array();
  EXPECT_EQ(items.size(), 19u);
  bool found = false;
  for (const auto& s : items) {
    if (s.at("id") == "nunukan/pengaduan-langsung-krisis") {
      found = true;
      EXPECT_EQ(s.at("steps").as_int64(), 19);
      EXPECT_EQ(s.at("unit").at("time_zone").as_string(), "Asia/Makassar");
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(SopApiTest, ShowsOneSopWithItsBranches) {
  auto c = LoggedIn("worker");
  auto r = c->Get("/api/v1/sops/kalteng/pengaduan-tidak-langsung");
  ASSERT_EQ(r.status, 200) << r.body;
  auto sop = r.Json();
  EXPECT_EQ(sop.at("number").as_string(), "061.1/581/UPT-PPA/DP3APPKB");
  const auto& steps = sop.at("steps").as_array();
  ASSERT_GE(steps.size(), 2u);
  const auto& klarifikasi = steps[1];
  EXPECT_EQ(klarifikasi.at("standard_time").as_string(), "5 working_days");
  const auto& outcomes = klarifikasi.at("decision").as_array();
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[1].at("end").as_string(), "cannot_follow_up");
}

TEST_F(SopApiTest, DrawsTheFlowchartAsSvg) {
  auto c = LoggedIn("worker");
  auto r = c->Get("/api/v1/sops/kalteng/pengaduan-tidak-langsung?format=svg");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.headers["content-type"], "image/svg+xml");
  EXPECT_NE(r.body.find("<svg"), std::string::npos);
  EXPECT_NE(r.body.find("Kepala Seksi"), std::string::npos);
}

TEST_F(SopApiTest, UnknownSopsAndFormatsAreNamed) {
  auto c = LoggedIn("worker");
  EXPECT_EQ(c->Get("/api/v1/sops/kalteng/tidak-ada").ErrorCode(), "sop_not_found");
  EXPECT_EQ(c->Get("/api/v1/sops/kalteng/pengaduan-tidak-langsung?format=pdf").ErrorCode(),
            "invalid_value");
  Client anon(harness_->base_url());
  EXPECT_EQ(anon.Get("/api/v1/sops").status, 401);
}

}  // namespace
}  // namespace lindungi::testing
