// A unit's administration through the API (docs/security.md "Administration"): the
// administrator adds a user who logs in with the password shown once, changes their roles,
// resets their password, disables and enables them; sets the SOP pack and mandatory
// two-step log-in (a head must then enrol); registers a partner organisation and its user,
// who reaches the partner door; sees the letterhead as PDF. The unit's other staff are
// refused, other units' staff do not find the unit, every change is an event with the
// caller as actor, and no generated password reaches the log.
#include <boost/json/parse.hpp>

#include "api/api_fixture.h"
#include "support/backend.h"
#include "support/pdf_text.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

class AdminApiTest : public ApiTest {};

std::string UnitOf(Client& c) {
  json::value s = c.Get("/api/v1/session").Json();
  return Str(s.at("user").at("roles").as_array().at(0), "unit_id");
}

std::string UserIdOf(Client& c) {
  return Str(c.Get("/api/v1/session").Json().at("user"), "id");
}

// How many events of `type` on `stream` the user `actor` wrote.
std::string EventsBy(const std::string& db, const std::string& stream, const std::string& type,
                     const std::string& actor) {
  std::string n = RawSql(db, "SELECT COUNT(*) FROM events WHERE stream_id = '" + stream +
                                 "' AND type = '" + type + "' AND actor = '" + actor + "'");
  while (!n.empty() && (n.back() == '\n' || n.back() == ' ')) n.pop_back();
  return n;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

TEST_F(AdminApiTest, AnAdministratorManagesTheUnitsUsers) {
  auto admin = LoggedIn("admin");
  auto worker = LoggedIn("worker");
  auto stranger = LoggedIn("stranger");
  const std::string unit = UnitOf(*admin);
  const std::string users = "/api/v1/units/" + unit + "/users";

  // Who may: the administrator and the heads; the unit's other staff are refused, another
  // unit's staff do not find it.
  EXPECT_EQ(worker->Get(users).ErrorCode(), "admin_required");
  EXPECT_EQ(stranger->Get(users).status, 404);
  auto list = admin->Get(users);
  ASSERT_EQ(list.status, 200) << list.body;
  bool lists_worker = false;
  json::value items = list.Json();
  for (const auto& u : items.at("items").as_array()) lists_worker |= Str(u, "username") == "worker";
  EXPECT_TRUE(lists_worker);
  EXPECT_EQ(LoggedIn("head")->Get(users).status, 200);

  // Add: the password is generated and answered once.
  auto bad =
      admin->Post(users, R"({"username":"X","display_name":"Rina","roles":["case_worker"]})");
  EXPECT_EQ(bad.ErrorCode(), "invalid_username");
  EXPECT_EQ(admin->Post(users, R"({"username":"rina","display_name":"Rina","roles":["pilot"]})")
                .ErrorCode(),
            "unknown_role");
  EXPECT_EQ(worker->Post(users, R"({"username":"rina","display_name":"Rina","roles":["admin"]})")
                .ErrorCode(),
            "admin_required");
  auto added = admin->Post(
      users, R"({"username":"rina","display_name":"Rina Pendamping","roles":["case_worker"]})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string rina_id = Str(added.Json().at("user"), "id");
  const std::string first_password = Str(added.Json(), "password");
  EXPECT_GE(first_password.size(), 16u);
  EXPECT_EQ(admin->Post(users, R"({"username":"rina","display_name":"R","roles":["case_worker"]})")
                .ErrorCode(),
            "username_taken");

  // She logs in with it and works as a case worker.
  Client rina(harness_->base_url());
  ASSERT_EQ(rina.Login("rina", first_password).status, 201);
  EXPECT_EQ(rina.Get("/api/v1/tasks").status, 200);

  // Roles in this unit: a psychologist as well; her session sees it at the next request.
  auto roles = admin->Request("PUT", users + "/" + rina_id + "/roles",
                              R"({"roles":["case_worker","psychologist"]})");
  ASSERT_EQ(roles.status, 200) << roles.body;
  EXPECT_EQ(roles.Json().at("roles").as_array().size(), 2u);
  std::string session = rina.Get("/api/v1/session").body;
  EXPECT_NE(session.find("psychologist"), std::string::npos) << session;
  // Another unit's admin cannot touch her; a user of another unit is none of this one's.
  EXPECT_EQ(stranger->Request("PUT", users + "/" + rina_id + "/roles", R"({"roles":[]})").status,
            404);
  EXPECT_EQ(admin->Post(users + "/" + UserIdOf(*stranger) + "/disable", "{}").ErrorCode(),
            "user_not_found");

  // Reset: a new password shown once; her session ends, the old password no longer works.
  auto reset = admin->Post(users + "/" + rina_id + "/password", "{}");
  ASSERT_EQ(reset.status, 200) << reset.body;
  const std::string second_password = Str(reset.Json(), "password");
  EXPECT_NE(second_password, first_password);
  EXPECT_EQ(rina.Get("/api/v1/tasks").status, 401);
  Client again(harness_->base_url());
  EXPECT_EQ(again.Login("rina", first_password).status, 401);
  EXPECT_EQ(again.Login("rina", second_password).status, 201);

  // Disable: she cannot log in; nobody disables themselves; enable lets her back.
  EXPECT_EQ(admin->Post(users + "/" + UserIdOf(*admin) + "/disable", "{}").ErrorCode(),
            "cannot_disable_self");
  auto off = admin->Post(users + "/" + rina_id + "/disable", "{}");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_TRUE(off.Json().at("disabled").as_bool());
  EXPECT_EQ(again.Get("/api/v1/tasks").status, 401);
  Client third(harness_->base_url());
  EXPECT_EQ(third.Login("rina", second_password).status, 401);
  ASSERT_EQ(admin->Post(users + "/" + rina_id + "/enable", "{}").status, 200);
  EXPECT_EQ(third.Login("rina", second_password).status, 201);

  // Every change is an event on her stream with the administrator as actor.
  const std::string admin_id = UserIdOf(*admin);
  for (const char* type :
       {"UserCreated", "UserRolesSet", "UserPasswordChanged", "UserDisabled", "UserEnabled"})
    EXPECT_EQ(EventsBy(harness_->db_url(), "user-" + rina_id, type, admin_id), "1") << type;
  // No generated password in the event log or the server's log.
  for (const auto& pw : {first_password, second_password}) {
    std::string n =
        RawSql(harness_->db_url(),
               "SELECT COUNT(*) FROM events WHERE CAST(payload AS TEXT) LIKE '%" + pw + "%'");
    EXPECT_EQ(n.substr(0, 1), "0");
    EXPECT_EQ(harness_->ReadLog().find(pw), std::string::npos);
  }
}

TEST_F(AdminApiTest, UnitSettingsPackTwoStepLogInAndLetterhead) {
  auto admin = LoggedIn("admin");
  auto worker = LoggedIn("worker");
  const std::string unit = UnitOf(*admin);
  const std::string path = "/api/v1/units/" + unit + "/settings";
  EXPECT_EQ(worker->Get(path).ErrorCode(), "admin_required");
  auto s = admin->Get(path);
  ASSERT_EQ(s.status, 200) << s.body;
  EXPECT_EQ(Str(s.Json(), "code"), "TEST");
  EXPECT_FALSE(s.Json().at("two_factor_required").as_bool());
  bool has_kalteng = false;
  json::value settings = s.Json();
  for (const auto& p : settings.at("packs").as_array()) has_kalteng |= Str(p, "id") == "kalteng";
  EXPECT_TRUE(has_kalteng);

  EXPECT_EQ(admin->Request("PUT", path, R"({"sop_pack":"atlantis"})").ErrorCode(),
            "unknown_sop_pack");
  auto set = admin->Request("PUT", path, R"({"sop_pack":"kalbar","two_factor_required":true})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Str(set.Json(), "sop_pack"), "kalbar");
  EXPECT_TRUE(set.Json().at("two_factor_required").as_bool());
  // The head's next log-in must enrol a second factor first.
  Client head(harness_->base_url());
  auto login = head.Login("head", kTestPassword);
  ASSERT_EQ(login.status, 201) << login.body;
  EXPECT_TRUE(login.Json().at("two_factor_enrolment_required").as_bool());
  EXPECT_EQ(head.Get("/api/v1/tasks").ErrorCode(), "two_factor_enrolment_required");
  // Cases of the unit run the new pack.
  EXPECT_EQ(Str(worker->Get("/api/v1/session").Json().at("units").as_array().at(0), "sop_pack"),
            "kalbar");
  ASSERT_EQ(
      admin->Request("PUT", path, R"({"sop_pack":"kalteng","two_factor_required":false})").status,
      200);
  EXPECT_EQ(EventsBy(harness_->db_url(), "unit-" + unit, "UnitSopPackSet", UserIdOf(*admin)), "2");
  EXPECT_EQ(
      EventsBy(harness_->db_url(), "unit-" + unit, "UnitTwoFactorPolicySet", UserIdOf(*admin)),
      "2");

  // The letterhead: the administrator sets it and sees a real PDF of a letter on it.
  const std::string letterhead = "/api/v1/units/" + unit + "/letterhead";
  auto put = admin->Request(
      "PUT", letterhead,
      R"({"authority":["PEMERINTAH KOTA UJI"],"name":"UPTD PPA KOTA UJI","address":"Jalan Uji 7",)"
      R"("city":"Kota Uji","head":{"name":"Kepala Uji Qzwv","nip":"19700101 199001 1 001"},)"
      R"("agenda":{"pattern":"{seq:03}/{unit}/{year}","unit_code":"PPA-UJI"}})");
  ASSERT_EQ(put.status, 200) << put.body;
  auto pdf = admin->Get(letterhead + "/preview");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  ASSERT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  std::string text = PdfText(pdf.body);
  EXPECT_NE(text.find("PEMERINTAH KOTA UJI"), std::string::npos) << text;
  EXPECT_NE(text.find("Kepala Uji Qzwv"), std::string::npos) << text;
  EXPECT_NE(text.find("001/PPA-UJI/"), std::string::npos) << text;
  EXPECT_EQ(worker->Get(letterhead + "/preview").ErrorCode(), "admin_required");
  EXPECT_EQ(Str(admin->Get(path).Json().at("letterhead"), "city"), "Kota Uji");
}

TEST_F(AdminApiTest, PartnerOrganisationsAndTheirUsers) {
  auto admin = LoggedIn("admin");
  auto worker = LoggedIn("worker");
  const std::string unit = UnitOf(*admin);
  const std::string path = "/api/v1/units/" + unit + "/partners";
  EXPECT_EQ(worker->Post(path, R"({"code":"RS-UJI","name":"RS Uji","kind":"health"})").ErrorCode(),
            "admin_required");
  EXPECT_EQ(admin->Post(path, R"({"code":"RS-UJI","name":"RS Uji","kind":"bakery"})").ErrorCode(),
            "invalid_partner_kind");
  auto p =
      admin->Post(path, R"({"code":"RS-UJI","name":"RS Uji","kind":"health","area":"Kota Uji"})");
  ASSERT_EQ(p.status, 201) << p.body;
  const std::string partner_id = Str(p.Json(), "id");
  EXPECT_FALSE(p.Json().at("every_unit").as_bool());
  // In the unit's referral directory.
  std::string directory = worker->Get("/api/v1/partners").body;
  EXPECT_NE(directory.find(partner_id), std::string::npos) << directory;

  auto u = admin->Post(path + "/" + partner_id + "/users",
                       R"({"username":"rs.uji","display_name":"Petugas RS Uji"})");
  ASSERT_EQ(u.status, 201) << u.body;
  EXPECT_EQ(Str(u.Json().at("user"), "partner_id"), partner_id);
  EXPECT_EQ(admin
                ->Post(path + "/" + partner_id + "/users",
                       R"({"username":"rs.dua","display_name":"X","roles":["case_worker"]})")
                .ErrorCode(),
            "partner_user_with_roles");
  Client partner(harness_->base_url());
  ASSERT_EQ(partner.Login("rs.uji", Str(u.Json(), "password")).status, 201);
  EXPECT_EQ(partner.Get("/api/v1/referrals").status, 200);
  EXPECT_EQ(partner.Get(path).status, 404);  // no role in the unit: not theirs to see

  auto list = admin->Get(path);
  ASSERT_EQ(list.status, 200);
  bool listed = false;
  json::value partners = list.Json();
  for (const auto& item : partners.at("items").as_array()) {
    if (Str(item, "id") != partner_id) continue;
    listed = item.at("users").as_array().size() == 1;
  }
  EXPECT_TRUE(listed) << list.body;
  // The administrator resets the partner user's password too.
  auto reset = admin->Post(
      "/api/v1/units/" + unit + "/users/" + Str(u.Json().at("user"), "id") + "/password", "{}");
  EXPECT_EQ(reset.status, 200) << reset.body;
  std::string actor =
      Trimmed(RawSql(harness_->db_url(),
                     "SELECT actor FROM events WHERE stream_id = 'partner-" + partner_id + "'"));
  EXPECT_EQ(actor, UserIdOf(*admin));
}

// A partner in every unit's directory receives every unit's referrals: one unit's
// administrator must not take over its accounts (a reset password would open them).
TEST_F(AdminApiTest, APartnerOfEveryUnitKeepsItsAccountsWithTheServerAdministrator) {
  ASSERT_EQ(harness_
                ->Cli({"partner", "add", "--code", "RS-NASIONAL", "--name", "RS Nasional", "--kind",
                       "health"})
                .exit_code,
            0);
  auto made = harness_->Cli({"user", "add", "rs.nasional", "--partner", "RS-NASIONAL"});
  ASSERT_EQ(made.exit_code, 0) << made.output;
  auto admin = LoggedIn("admin");
  const std::string unit = UnitOf(*admin);
  auto list = admin->Get("/api/v1/units/" + unit + "/partners");
  ASSERT_EQ(list.status, 200) << list.body;
  std::string partner_id, user_id;
  json::value partners = list.Json();
  for (const auto& item : partners.at("items").as_array()) {
    if (Str(item, "code") != "RS-NASIONAL") continue;
    EXPECT_TRUE(item.at("every_unit").as_bool());
    partner_id = Str(item, "id");
    ASSERT_EQ(item.at("users").as_array().size(), 1u);
    user_id = Str(item.at("users").as_array()[0], "id");
  }
  ASSERT_FALSE(user_id.empty()) << list.body;
  const std::string users = "/api/v1/units/" + unit + "/users/" + user_id;
  EXPECT_EQ(admin->Post(users + "/password", "{}").ErrorCode(), "user_not_found");
  EXPECT_EQ(admin->Post(users + "/disable", "{}").ErrorCode(), "user_not_found");
  auto add = admin->Post("/api/v1/units/" + unit + "/partners/" + partner_id + "/users",
                         R"({"username":"rs.nasional.dua","display_name":"Petugas"})");
  EXPECT_EQ(add.status, 403);
  EXPECT_EQ(add.ErrorCode(), "partner_of_every_unit");
  EXPECT_EQ(RawSql(harness_->db_url(),
                   "SELECT COUNT(*) FROM events WHERE type = 'UserPasswordChanged' AND "
                   "stream_id = 'user-" +
                       user_id + "'")
                .substr(0, 1),
            "0");
}

}  // namespace
}  // namespace lindungi::testing
