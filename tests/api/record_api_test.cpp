// The case record through the server: people beyond the intake (perpetrators, guardians,
// more clients) and incidents, with their rules, computed age bands and GBVIMS types.
#include <boost/json/serialize.hpp>

#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

class RecordApiTest : public ApiTest {};

TEST_F(RecordApiTest, PeopleAndIncidentsOfACase) {
  auto c = LoggedIn("intake");
  auto created = CreateCase(*c, "Anak Rekaman");  // born 2014-03-02 (IntakeJson)
  std::string id(created.at("id").as_string());
  std::string path = "/api/v1/cases/" + id;
  std::string client = Str(created.at("client"), "person_id");
  ASSERT_EQ(created.at("people").as_array().size(), 2u) << "the intake's client and reporter";

  auto add = [&](const std::string& body) { return c->Post(path + "/people", body); };
  auto perpetrator =
      add(R"({"role":"perpetrator","name":"Terlapor Satu","sex":"male","age_years":40,)"
          R"("relation":"neighbour","region":{"province":"62","regency":"62.71"}})");
  ASSERT_EQ(perpetrator.status, 201) << perpetrator.body;
  std::string perpetrator_id = Str(perpetrator.Json(), "person_id");
  EXPECT_EQ(Str(perpetrator.Json(), "name"), "Terlapor Satu");
  auto unknown = add(R"({"role":"perpetrator","relation":"na"})");
  EXPECT_EQ(unknown.status, 201) << "a perpetrator may be unknown by name: " << unknown.body;
  auto guardian = add(R"({"role":"guardian","name":"Ibu Wali","sex":"female","relation":"parent",)"
                      R"("guardian_of":")" +
                      client + R"(","phone":"0812 3456 7890"})");
  ASSERT_EQ(guardian.status, 201) << guardian.body;

  // Each rule names its field.
  struct Bad {
    std::string body, code, field;
  };
  for (const auto& b : std::vector<Bad>{
           {R"({"role":"guardian","name":"W","relation":"parent"})", "required",
            "person.guardian_of"},
           {R"({"role":"guardian","name":"W","relation":"parent","guardian_of":")" +
                perpetrator_id + R"("})",
            "person_not_found", "person.guardian_of"},
           {R"({"role":"client","name":"K"})", "required", "person.sex"},
           {R"({"role":"client","name":"K","sex":"female","nik":"123"})", "invalid_number",
            "person.nik"},
           {R"({"role":"client","name":"K","sex":"female","region":{"regency":"62.71",)"
            R"("district":"63.01.01"}})",
            "invalid_region_code", "person.region.district"},
           {R"({"role":"client","name":"K","sex":"female","education":"sd-inpres"})",
            "unknown_value", "person.education"},
           {R"({"role":"client","name":"K","sex":"female","disability_kinds":["sensory"]})",
            "inconsistent", "person.disability"},
           {R"({"role":"reporter","name":"P"})", "invalid_value", "person.role"},
           {R"({"role":"perpetrator","relation":"dukun"})", "unknown_value", "person.relation"},
           {R"({"role":"perpetrator","umur":3})", "unknown_field", "person.umur"}}) {
    auto r = add(b.body);
    EXPECT_EQ(r.status, b.code == "person_not_found" ? 404 : 400) << b.body << " " << r.body;
    EXPECT_EQ(r.ErrorCode(), b.code) << b.body;
    EXPECT_EQ(Str(r.Json().at("error"), "field"), b.field) << b.body;
  }

  // A correction of the intake's client: the case shows it, search finds the new NIK.
  auto fixed = c->Request("PUT", path + "/people/" + client,
                          R"({"name":"Anak Rekaman","sex":"female","birth_date":"2014-03-02",)"
                          R"("nik":"6271012233445566","education":"sd","disability":false})");
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  auto kase = c->Get(path).Json();
  EXPECT_EQ(Str(kase.at("client"), "nik"), "6271012233445566");
  EXPECT_EQ(kase.at("people").as_array().size(), 5u);
  auto found = c->Get("/api/v1/people?nik=6271012233445566").Json();
  ASSERT_EQ(found.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(found.at("items").as_array()[0], "person_id"), client);
  EXPECT_EQ(c->Request("PUT", path + "/people/00000000-0000-4000-8000-000000000000",
                       R"({"name":"X","sex":"female"})")
                .ErrorCode(),
            "person_not_found");

  // An incident: age band on the day, GBVIMS type, relation from the perpetrator.
  auto incident = c->Post(
      path + "/incidents",
      R"({"date":"2026-11-19","time":"21:30","place_type":"household","place":"Rumah paman",)"
      R"("forms":["sexual","psychological"],"penetration":true,)"
      R"("perpetrators":[{"person_id":")" +
          perpetrator_id + R"("}],"narrative":"Kronologi."})");
  ASSERT_EQ(incident.status, 201) << incident.body;
  auto inc = incident.Json();
  EXPECT_EQ(Str(inc, "gbvims_type"), "rape");
  EXPECT_EQ(Str(inc.at("victims").as_array().at(0), "person_id"), client);
  EXPECT_EQ(Str(inc.at("victims").as_array().at(0), "age_band"), "6-12");
  EXPECT_EQ(Str(inc.at("perpetrators").as_array().at(0), "relation"), "neighbour");
  EXPECT_EQ(Str(inc, "place"), "Rumah paman");
  std::string incident_id = Str(inc, "incident_id");
  for (const auto& b : std::vector<Bad>{
           {R"({"date":"2026-11-19","place_type":"household","forms":[]})", "required",
            "incident.forms"},
           {R"({"date":"2026-11-19","place_type":"household","forms":["sihir"]})", "unknown_value",
            "incident.forms"},
           {R"({"date":"2026-11-19","place_type":"kebun","forms":["physical"]})", "unknown_value",
            "incident.place_type"},
           {R"({"date":"2026-11-19","place_type":"household","forms":["physical"],)"
            R"("penetration":true})",
            "inconsistent", "incident.penetration"},
           {R"({"date":"2026-11-19","time":"25:00","place_type":"household","forms":["physical"]})",
            "invalid_time", "incident.time"},
           {R"({"date":"2099-01-01","place_type":"household","forms":["physical"]})",
            "date_in_future", "incident.date"},
           {R"({"date":"2026-11-19","place_type":"household","forms":["physical"],)"
            R"("client_ids":[")" +
                perpetrator_id + R"("]})",
            "person_not_found", "incident.client_ids"}}) {
    auto r = c->Post(path + "/incidents", b.body);
    EXPECT_EQ(r.ErrorCode(), b.code) << b.body << " " << r.body;
    EXPECT_EQ(Str(r.Json().at("error"), "field"), b.field) << b.body;
  }
  auto updated = c->Request("PUT", path + "/incidents/" + incident_id,
                            R"({"date":"2026-11-19","place_type":"household",)"
                            R"("forms":["physical","psychological"]})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(Str(updated.Json(), "gbvims_type"), "physical_assault");
  kase = c->Get(path).Json();
  ASSERT_EQ(kase.at("incidents").as_array().size(), 1u);
  EXPECT_EQ(Str(kase.at("incidents").as_array()[0], "gbvims_type"), "physical_assault");
  std::string history = c->Get(path + "/events").body;
  for (const char* e : {"PersonAdded", "PersonUpdated", "IncidentRecorded", "IncidentUpdated"})
    EXPECT_NE(history.find(e), std::string::npos) << e;
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {
namespace json = boost::json;

TEST_F(RecordApiTest, ConsentReferralAndThePartnersSide) {
  ASSERT_EQ(harness_
                ->Cli({"partner", "add", "--code", "RSUD-KC", "--name", "RSUD Kota Contoh",
                       "--kind", "health"})
                .exit_code,
            0);
  ASSERT_EQ(harness_
                ->Cli({"user", "add", "dokter", "--partner", "RSUD-KC", "--password-stdin"},
                      std::string(kTestPassword) + "\n")
                .exit_code,
            0);
  harness_->AddUser("manajer", "case_manager");
  auto c = LoggedIn("intake");
  auto created = CreateCase(*c, "Anak Dirujuk");  // a child (born 2014)
  std::string path = "/api/v1/cases/" + std::string(created.at("id").as_string());
  std::string client = Str(created.at("client"), "person_id");
  Client partner_user(harness_->base_url());
  ASSERT_EQ(partner_user.Login("dokter", kTestPassword).status, 201);
  std::string partner = Str(partner_user.Get("/api/v1/session").Json().at("user"), "partner_id");

  auto consent = [&](const std::string& by, const std::string& scopes, const std::string& extra) {
    return c->Post(path + "/consents", R"({"client_id":")" + client + R"(","given_by":")" + by +
                                           R"(","scopes":)" + scopes + extra + "}");
  };
  // A child: the child's own consent is not enough.
  auto r = consent(client, R"(["services","referral"])", "");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.ErrorCode(), "guardian_consent_required");
  auto guardian =
      c->Post(path + "/people", R"({"role":"guardian","name":"Ibu Anak","sex":"female",)"
                                R"("relation":"parent","guardian_of":")" +
                                    client + R"("})");
  ASSERT_EQ(guardian.status, 201) << guardian.body;
  std::string guardian_id = Str(guardian.Json(), "person_id");
  EXPECT_EQ(consent(guardian_id, R"(["everything"])", "").ErrorCode(), "unknown_consent");
  EXPECT_EQ(consent(guardian_id, R"(["data_sharing"])", "").ErrorCode(), "partner_required");
  r = consent(guardian_id, R"(["services","referral"])", R"(,"signed_statement":true)");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string referral_consent = Str(r.Json(), "consent_id");
  EXPECT_NE(c->Get(path + "/sops").body.find("\"referral\""), std::string::npos)
      << "consent:referral holds for the SOPs";

  auto refer = [&](const std::string& extra) {
    return c->Post(path + "/referrals", R"({"partner_id":")" + partner + R"(","client_id":")" +
                                            client + R"(","services":["health"],)" +
                                            R"("reason":"Pemeriksaan visum.")" + extra + "}");
  };
  EXPECT_EQ(refer("").ErrorCode(), "family_coordination_required");
  EXPECT_EQ(refer(R"(,"share":["name"],"family_coordination":"Ibu mendampingi.")").ErrorCode(),
            "data_sharing_consent_required");
  ASSERT_EQ(
      consent(guardian_id, R"(["data_sharing"])", R"(,"partner_id":")" + partner + "\"").status,
      201);
  EXPECT_EQ(refer(R"(,"share":["nik"],"family_coordination":"x")").ErrorCode(), "invalid_value");
  r = refer(R"(,"share":["name","age_years"],"family_coordination":"Ibu mendampingi.")");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string referral = Str(r.Json(), "referral_id");

  // The partner's user sees it with the shared fields only; staff do not use this door.
  EXPECT_EQ(c->Get("/api/v1/referrals").ErrorCode(), "partner_only");
  auto seen = partner_user.Get("/api/v1/referrals").Json();
  ASSERT_EQ(seen.at("items").as_array().size(), 1u);
  const auto& item = seen.at("items").as_array()[0];
  EXPECT_EQ(Str(item.at("shared"), "name"), "Anak Dirujuk");
  EXPECT_FALSE(item.at("shared").as_object().contains("nik"));
  EXPECT_EQ(Str(item, "reason"), "Pemeriksaan visum.");
  EXPECT_EQ(seen.as_object().at("items").as_array()[0].as_object().count("client_id"), 0u);
  EXPECT_EQ(partner_user.Get(path).ErrorCode(), "no_unit_role") << "never the case itself";

  // Rejected: back to the case manager's inbox as a task.
  EXPECT_EQ(partner_user.Post("/api/v1/referrals/" + referral + "/reject", R"({"reason":""})")
                .ErrorCode(),
            "invalid_reason");
  r = partner_user.Post("/api/v1/referrals/" + referral + "/reject",
                        R"({"reason":"Dokter forensik sedang cuti."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.Json(), "status"), "rejected");
  EXPECT_EQ(partner_user.Post("/api/v1/referrals/" + referral + "/accept", "{}").ErrorCode(),
            "referral_not_open");
  auto manager = LoggedIn("manajer");
  auto inbox = manager->Get("/api/v1/tasks").Json();
  std::string follow_up;
  for (const auto& t : inbox.at("items").as_array())
    if (Str(t, "sop_id") == "referral-follow-up") follow_up = Str(t, "id");
  ASSERT_FALSE(follow_up.empty()) << json::serialize(inbox);
  r = manager->Post("/api/v1/tasks/" + follow_up + "/complete",
                    R"({"note":"Dirujuk ke RS lain."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.Json().at("task"), "status"), "completed");

  // Another referral: accepted, then reported back; the case shows the answers.
  r = refer(R"(,"family_coordination":"Ibu mendampingi.")");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string second = Str(r.Json(), "referral_id");
  EXPECT_EQ(partner_user
                .Post("/api/v1/referrals/" + second + "/report", R"({"report":"Belum diterima."})")
                .ErrorCode(),
            "referral_not_open");
  ASSERT_EQ(partner_user.Post("/api/v1/referrals/" + second + "/accept", "{}").status, 200);
  ASSERT_EQ(partner_user
                .Post("/api/v1/referrals/" + second + "/report",
                      R"({"report":"Visum selesai, hasil ke penyidik."})")
                .status,
            200);
  auto kase = c->Get(path).Json();
  ASSERT_EQ(kase.at("referrals").as_array().size(), 2u);
  EXPECT_EQ(Str(kase.at("referrals").as_array()[1], "status"), "reported");
  EXPECT_EQ(Str(kase.at("referrals").as_array()[1].at("report"), "report"),
            "Visum selesai, hasil ke penyidik.");
  EXPECT_EQ(kase.at("consents").as_array().size(), 2u);

  // Withdrawn, the consent no longer allows a referral.
  r = c->Post(path + "/consents/" + referral_consent + "/withdraw",
              R"({"reason":"Keluarga berubah pikiran."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(refer(R"(,"family_coordination":"Ibu mendampingi.")").ErrorCode(), "consent_required");
  EXPECT_EQ(
      c->Post(path + "/consents/" + referral_consent + "/withdraw", R"({"reason":"Lagi ditarik."})")
          .ErrorCode(),
      "consent_not_active");
  // Another partner's users see nothing of it.
  ASSERT_EQ(
      harness_->Cli({"partner", "add", "--code", "LBH-X", "--name", "LBH X", "--kind", "legal_aid"})
          .exit_code,
      0);
  ASSERT_EQ(harness_
                ->Cli({"user", "add", "advokat", "--partner", "LBH-X", "--password-stdin"},
                      std::string(kTestPassword) + "\n")
                .exit_code,
            0);
  Client lbh(harness_->base_url());
  ASSERT_EQ(lbh.Login("advokat", kTestPassword).status, 201);
  EXPECT_TRUE(lbh.Get("/api/v1/referrals").Json().at("items").as_array().empty());
  EXPECT_EQ(lbh.Get("/api/v1/referrals/" + second).ErrorCode(), "referral_not_found");
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {

// A grandmother reports; an aunt and a court-appointed guardian act for the child (UU
// 35/2014's terms, from sops/classification.yaml); a relation the data does not have is 400
// unknown_value.
TEST_F(RecordApiTest, AGuardianOrReporterCanBeAnyRelationTheLawNames) {
  auto c = LoggedIn("intake");
  auto r =
      c->Post("/api/v1/cases", Replace(IntakeJson("Anak Diasuh Nenek"), R"("relation":"neighbour")",
                                       R"("relation":"grandparent")"));
  ASSERT_EQ(r.status, 201) << r.body;
  std::string path = "/api/v1/cases/" + Str(r.Json(), "id");
  std::string client = Str(r.Json().at("client"), "person_id");
  EXPECT_EQ(Str(r.Json().at("reporter"), "relation"), "grandparent");
  auto bad = c->Post("/api/v1/cases", Replace(IntakeJson("Anak Lain"), R"("relation":"neighbour")",
                                              R"("relation":"cousin")"));
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.ErrorCode(), "unknown_value");
  for (const char* rel :
       {"aunt_uncle", "court_appointed_guardian", "older_sibling", "foster_parent", "parent"}) {
    auto g = c->Post(path + "/people", std::string(R"({"role":"guardian","name":"Wali )") + rel +
                                           R"(","relation":")" + rel + R"(","guardian_of":")" +
                                           client + R"("})");
    EXPECT_EQ(g.status, 201) << rel << ": " << g.body;
  }
  auto wrong =
      c->Post(path + "/people", R"({"role":"guardian","name":"Wali","relation":"neighbour",)"
                                R"("guardian_of":")" +
                                    client + R"("})");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.ErrorCode(), "unknown_value");
  std::string people = c->Get(path).body;
  EXPECT_NE(people.find("court_appointed_guardian"), std::string::npos);
}

}  // namespace
}  // namespace lindungi::testing
