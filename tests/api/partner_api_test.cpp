// The partner directory (issue 12 item 9): a unit's staff find a partner organisation's id
// by service kind and area, through the API or the CLI, and refer to it.
#include <boost/json/serialize.hpp>

#include <sstream>

#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

class PartnerApiTest : public ApiTest {
 protected:
  // The id `partner list` prints for `code` (the first column of its line).
  static std::string CliPartnerId(const std::string& code) {
    auto list = harness_->Cli({"partner", "list"});
    EXPECT_EQ(list.exit_code, 0) << list.output;
    std::istringstream lines(list.output);
    for (std::string line; std::getline(lines, line);) {
      std::istringstream cols(line);
      std::string id, c;
      cols >> id >> c;
      if (c == code) return id;
    }
    ADD_FAILURE() << "no line for " << code << " in:\n" << list.output;
    return "";
  }
  static std::vector<std::string> Codes(const HttpResult& r) {
    std::vector<std::string> out;
    auto body = r.Json();
    for (const auto& p : body.at("items").as_array()) out.push_back(Str(p, "code"));
    return out;
  }
};

TEST_F(PartnerApiTest, StaffFindTheirUnitsPartnersByKindAndAreaAndReferToOne) {
  auto add = [](std::vector<std::string> args) {
    args.insert(args.begin(), {"partner", "add"});
    auto r = harness_->Cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.output;
  };
  std::string added = add({"--code", "POLRES-KC", "--name", "Unit PPA Polres Kota Contoh", "--kind",
                           "police", "--unit", "TEST", "--area", "Kota Contoh"});
  add({"--code", "RSUD-KC", "--name", "RSUD Kota Contoh", "--kind", "health", "--unit", "TEST",
       "--area", "Kota Contoh"});
  add({"--code", "POLSEK-UTARA", "--name", "Polsek Contoh Utara", "--kind", "police", "--unit",
       "TEST", "--area", "Kecamatan Contoh Utara"});
  add({"--code", "LBH-PROV", "--name", "LBH Provinsi", "--kind", "legal_aid"});  // every unit's
  add({"--code", "POLRES-LAIN", "--name", "Polres Lain", "--kind", "police", "--unit", "OTHER",
       "--area", "Kota Contoh"});
  EXPECT_NE(harness_
                ->Cli({"partner", "add", "--code", "X-1", "--name", "X", "--kind", "police",
                       "--unit", "TIDAK-ADA"})
                .exit_code,
            0);

  // The CLI prints each partner's id, the one a referral names.
  std::string polres = CliPartnerId("POLRES-KC");
  ASSERT_EQ(polres.size(), 36u) << polres;
  EXPECT_NE(added.find(polres), std::string::npos) << added;

  harness_->AddUser("manajer-mitra", "case_manager");
  auto manager = LoggedIn("manajer-mitra");
  auto all = manager->Get("/api/v1/partners");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(Codes(all),
            (std::vector<std::string>{"RSUD-KC", "LBH-PROV", "POLSEK-UTARA", "POLRES-KC"}))
      << "sorted by kind and name; not another unit's partner";
  auto police = manager->Get("/api/v1/partners?kind=police&area=kota%20contoh");
  ASSERT_EQ(police.status, 200) << police.body;
  ASSERT_EQ(Codes(police), std::vector<std::string>{"POLRES-KC"});
  const auto police_body = police.Json();
  const auto& found = police_body.at("items").as_array()[0];
  EXPECT_EQ(Str(found, "id"), polres);
  EXPECT_EQ(Str(found, "area"), "Kota Contoh");
  EXPECT_EQ(Str(found, "name"), "Unit PPA Polres Kota Contoh");
  EXPECT_EQ(Codes(manager->Get("/api/v1/partners?kind=legal_aid")),
            std::vector<std::string>{"LBH-PROV"});
  EXPECT_TRUE(Codes(manager->Get("/api/v1/partners?area=Papua")).empty());
  EXPECT_EQ(manager->Get("/api/v1/partners?kind=wizards").ErrorCode(), "invalid_partner_kind");
  EXPECT_EQ(manager->Get("/api/v1/partners?sort=name").status, 400);
  // Another unit's staff see their own and the shared ones only.
  auto stranger = LoggedIn("stranger");
  EXPECT_EQ(Codes(stranger->Get("/api/v1/partners")),
            (std::vector<std::string>{"LBH-PROV", "POLRES-LAIN"}));
  Client anon(harness_->base_url());
  EXPECT_EQ(anon.Get("/api/v1/partners").status, 401);

  // The id found is the one a referral takes (an adult client consents for herself; the
  // officer who took the complaint refers her).
  auto intake = LoggedIn("intake");
  auto created = CreateCase(*intake, "Klien Dewasa Mitra");
  std::string path = "/api/v1/cases/" + std::string(created.at("id").as_string());
  std::string client = Str(created.at("client"), "person_id");
  ASSERT_EQ(intake
                ->Request("PUT", path + "/people/" + client,
                          R"({"role":"client","name":"Klien Dewasa Mitra","sex":"female",)"
                          R"("birth_date":"1990-01-01"})")
                .status,
            200);
  auto consent =
      intake->Post(path + "/consents", R"({"client_id":")" + client + R"(","given_by":")" + client +
                                           R"(","scopes":["services","referral"]})");
  ASSERT_EQ(consent.status, 201) << consent.body;
  auto refer = [&](const std::string& partner_id) {
    return intake->Post(path + "/referrals",
                        R"({"partner_id":")" + partner_id + R"(","client_id":")" + client +
                            R"(","services":["law_enforcement"],"reason":"Laporan ke penyidik."})");
  };
  std::string other_units =
      Str(stranger->Get("/api/v1/partners?kind=police").Json().at("items").as_array()[0], "id");
  EXPECT_EQ(refer(other_units).ErrorCode(), "partner_not_found")
      << "another unit's partner is not in this unit's directory";
  auto r = refer(Str(found, "id"));
  ASSERT_EQ(r.status, 201) << r.body;
}

}  // namespace
}  // namespace lindungi::testing
