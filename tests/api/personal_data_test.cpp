// No personal data where it does not belong (docs/security.md): a case with a distinctive
// name, NIK, phone and address is recorded through the real server, then every route of the
// API (read from docs/api/openapi.yaml, which a unit test holds to the route table) is
// driven by several callers with good and bad requests that carry those values — in query
// strings, in bodies, in malformed JSON. The server's log file (at debug level), every
// error body and /metrics must show none of them.
#include <yaml-cpp/yaml.h>

#include <boost/json/serialize.hpp>

#include <map>
#include <regex>

#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {

constexpr const char* kName = "Kartini Zulfikarnain Qoryx";
constexpr const char* kNik = "6271011122334455";
constexpr const char* kPhone = "0812 9999 4321";
constexpr const char* kAddress = "Jl. Cempaka Wulung 19";
// What must never appear: each distinctive word on its own too.
const std::vector<std::string> kSecrets = {"Zulfikarnain", "Qoryx", kNik, "9999 4321",
                                           "Cempaka Wulung"};

TEST(PersonalDataTest, NoRouteLeaksANameOrNikIntoTheLogErrorsOrMetrics) {
  ServerHarness h;
  h.AddUser("intake", "intake_officer");
  h.AddUser("head", "unit_head");
  h.AddUser("worker", "case_worker");
  h.AddUser("lain", "case_worker", "OTHER");
  h.Start({}, {{"LINDUNGI_LOG_LEVEL", "debug"}});
  ASSERT_EQ(h.Cli({"unit", "set-pack", "TEST", "kalteng"}).exit_code, 0);

  Client intake(h.base_url());
  ASSERT_EQ(intake.Login("intake", kTestPassword).status, 201);
  boost::json::object body{
      {"channel", "walk_in"},
      {"reporter", {{"name", kName}, {"relation", "self"}, {"phone", kPhone}, {"is_client", true}}},
      {"client", {{"name", kName}, {"sex", "female"}, {"nik", kNik}, {"address", kAddress}}},
      {"narrative", std::string("Narasi tentang ") + kName}};
  auto created = intake.Post("/api/v1/cases", boost::json::serialize(body));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string case_id = Str(created.Json(), "id");
  auto started =
      intake.Post("/api/v1/cases/" + case_id + "/sops", R"({"sop":"kalteng/pengaduan-langsung"})");
  ASSERT_EQ(started.status, 201) << started.body;
  std::string task_id = Str(started.Json().at("open_tasks").as_array().at(0), "id");
  std::string worker_id;
  {
    Client w(h.base_url());
    ASSERT_EQ(w.Login("worker", kTestPassword).status, 201);
    worker_id = Str(w.Get("/api/v1/session").Json().at("user"), "id");
  }

  // The callers: the case's own intake officer, the unit head, a colleague with no part in
  // it, another unit's staff, and nobody.
  std::vector<std::unique_ptr<Client>> callers;
  for (const char* user : {"intake", "head", "worker", "lain", ""}) {
    auto c = std::make_unique<Client>(h.base_url());
    if (*user) {
      EXPECT_EQ(c->Login(user, kTestPassword).status, 201) << user;
    }
    callers.push_back(std::move(c));
  }
  // Bodies that carry the personal data where a careless error message would echo it.
  const std::string nik(kNik);
  const std::string name(kName);
  const std::vector<std::string> bodies = {
      // Unknown and wrongly typed fields named after, or holding, the data.
      R"({"note":")" + name + R"(","reason":")" + name + R"(","user_id":")" + nik + R"(","sop":")" +
          name + R"(","username":")" + name + R"(","password":")" + nik + R"(","code":")" + nik +
          R"(","assignee":")" + nik + R"(","sensitive":")" + name + R"(","version":")" + nik +
          R"(","narrative":")" + name + R"("})",
      // Valid shapes with the data in free text.
      R"({"version":1,"narrative":")" + name + R"("})",
      R"({"note":")" + name + R"(","documents":[")" + nik + R"("]})",
      R"({"sensitive":true,"reason":")" + name + R"("})",
      R"({"channel":"phone","reporter":{"name":")" + name + R"(","relation":"self"},)" +
          R"("client":{"name":")" + name + R"(","sex":"female","nik":")" + nik +
          R"(x","birth_date":"2030-01-01"},"narrative":")" + name + R"("})",
      // Letters: a missing field beside the data; a letter written with the data in it.
      R"({"kind":"surat-tugas","task":")" + name + R"(","destination":")" + nik + R"("})",
      R"({"kind":"surat-rujukan","recipient":[")" + name + R"("],"recipient_place":")" + nik +
          R"(","service_title":"Kesehatan","service_requested":"kesehatan","reason":")" + name +
          R"("})",
      R"({"kind":"surat-perjanjian","location":")" + name + R"(","first_party":{"name":")" + name +
          R"("},"second_party":{"person_id":")" + nik + R"("},"agreements":[")" + name + R"("]})",
      // Unit letter settings with the data, the head's NIP missing.
      R"({"authority":[")" + name + R"("],"name":")" + name + R"(","address":")" + nik +
          R"(","city":"Kota","head":{"name":")" + name + R"(","nip":""}})",
      // Malformed JSON right after the data.
      R"({"note":")" + name + " " + nik,
  };
  std::string client_id = Str(created.Json().at("client"), "person_id");
  auto incident = intake.Post("/api/v1/cases/" + case_id + "/incidents",
                              std::string(R"({"date":"2026-11-20","place_type":"household",)") +
                                  R"("forms":["physical"],"place":")" + kAddress + R"("})");
  ASSERT_EQ(incident.status, 201) << incident.body;
  // A consent and a referral to a partner, whose user is a caller too.
  ASSERT_EQ(
      h.Cli({"partner", "add", "--code", "RS", "--name", "RS Uji", "--kind", "health"}).exit_code,
      0);
  ASSERT_EQ(h.Cli({"user", "add", "dokter", "--partner", "RS", "--password-stdin"},
                  std::string(kTestPassword) + "\n")
                .exit_code,
            0);
  Client doctor(h.base_url());
  ASSERT_EQ(doctor.Login("dokter", kTestPassword).status, 201);
  std::string partner_id = Str(doctor.Get("/api/v1/session").Json().at("user"), "partner_id");
  auto consent = intake.Post("/api/v1/cases/" + case_id + "/consents",
                             R"({"client_id":")" + client_id + R"(","given_by":")" + client_id +
                                 R"(","scopes":["referral","data_sharing"],"partner_id":")" +
                                 partner_id + R"("})");
  ASSERT_EQ(consent.status, 201) << consent.body;
  auto referral = intake.Post("/api/v1/cases/" + case_id + "/referrals",
                              R"({"partner_id":")" + partner_id + R"(","client_id":")" + client_id +
                                  R"(","reason":"Rujukan uji.","share":["name"]})");
  ASSERT_EQ(referral.status, 201) << referral.body;
  callers.push_back(std::make_unique<Client>(h.base_url()));
  ASSERT_EQ(callers.back()->Login("dokter", kTestPassword).status, 201);
  // A shelter (registered by the head) and a stay in it of an adult client of the case.
  std::string shelter_id, stay_id, transfer_id;
  {
    Client head(h.base_url());
    ASSERT_EQ(head.Login("head", kTestPassword).status, 201);
    auto shelter = head.Post(
        "/api/v1/shelters", std::string(R"({"name":"Rumah Aman Data","kind":"own","capacity":3,)") +
                                R"("takes":"both","address":")" + kAddress + R"("})");
    ASSERT_EQ(shelter.status, 201) << shelter.body;
    shelter_id = Str(shelter.Json(), "id");
    auto adult = intake.Post("/api/v1/cases/" + case_id + "/people",
                             R"({"role":"client","name":"Klien Dewasa","sex":"female",)"
                             R"("age_years":31})");
    ASSERT_EQ(adult.status, 201) << adult.body;
    auto stay = intake.Post("/api/v1/cases/" + case_id + "/shelter-stays",
                            R"({"shelter_id":")" + shelter_id + R"(","person_id":")" +
                                Str(adult.Json(), "person_id") +
                                R"(","expected_days":10,"reason":"Perlindungan sementara."})");
    ASSERT_EQ(stay.status, 201) << stay.body;
    stay_id = Str(stay.Json(), "stay_id");
    // A transfer of the case to a provincial unit, whose head is a caller too.
    ASSERT_EQ(h.Cli({"unit", "add", "--code", "PROVPD", "--name", "UPT PPA Provinsi Uji", "--level",
                     "provinsi", "--province", "Kalimantan Tengah"})
                  .exit_code,
              0);
    h.AddUser("kepala-prov", "unit_head", "PROVPD");
    callers.push_back(std::make_unique<Client>(h.base_url()));
    ASSERT_EQ(callers.back()->Login("kepala-prov", kTestPassword).status, 201);
    std::string prov_id =
        Str(callers.back()->Get("/api/v1/session").Json().at("user").at("roles").at(0), "unit_id");
    std::string adult_id = Str(adult.Json(), "person_id");
    for (const auto& cl : {client_id, adult_id}) {
      auto c = intake.Post("/api/v1/cases/" + case_id + "/consents",
                           R"({"client_id":")" + cl + R"(","given_by":")" + cl +
                               R"(","scopes":["referral","data_sharing"],"unit_id":")" + prov_id +
                               R"("})");
      ASSERT_EQ(c.status, 201) << c.body;
    }
    auto transfer = head.Post("/api/v1/cases/" + case_id + "/transfers",
                              R"({"to_unit":"PROVPD","reason":"Kasus lintas kabupaten.",)"
                              R"("client_ids":[")" +
                                  client_id + R"(",")" + adult_id +
                                  R"("],"handover":{"note":"Catatan serah terima."}})");
    ASSERT_EQ(transfer.status, 201) << transfer.body;
    transfer_id = Str(transfer.Json(), "id");
  }
  // A filled form with the client's name, so {document} names something real.
  auto document = intake.Post(
      "/api/v1/cases/" + case_id + "/documents",
      std::string(R"({"form":"registrasi","values":{"tanggal_registrasi":)") +
          R"("2026-11-23T09:30:00+08:00","kanal":"walk_in","krisis":false,"nama_lengkap":")" +
          name + R"(","jenis_kelamin":"female","kelompok_umur":"18_24","usia_tahun":20,)" +
          R"("pelapor_adalah_klien":true}})");
  ASSERT_EQ(document.status, 201) << document.body;
  const std::map<std::string, std::string> params = {
      {"{consent}", Str(consent.Json(), "consent_id")},
      {"{referral}", Str(referral.Json(), "referral_id")},
      {"{id}", case_id},
      {"{user}", worker_id},
      {"{unit}", "kalteng"},
      {"{name}", "mediasi"},
      {"{person}", client_id},
      {"{incident}", Str(incident.Json(), "incident_id")},
      {"{shelter}", shelter_id},
      {"{stay}", stay_id},
      {"{transfer}", transfer_id},
      {"{document}", Str(document.Json(), "id")}};
  const std::string unit_id =
      Str(intake.Get("/api/v1/session").Json().at("user").at("roles").at(0), "unit_id");
  const std::string query = "?name=" + UrlEncode(name) + "&nik=" + nik +
                            "&case_id=" + UrlEncode(name) + "&status=" + UrlEncode(name);

  YAML::Node doc = YAML::LoadFile(std::string(LINDUNGI_SOURCE_DIR) + "/docs/api/openapi.yaml");
  int requests = 0;
  std::vector<std::string> error_bodies;
  for (const auto& path : doc["paths"]) {
    std::string route = path.first.as<std::string>();
    std::string url = route;
    if (route.starts_with("/api/v1/units/")) url.replace(url.find("{unit}"), 6, unit_id);
    for (const auto& [k, v] : params) {
      std::string value = k == "{id}" && route.starts_with("/api/v1/tasks/") ? task_id : v;
      for (auto p = url.find(k); p != std::string::npos; p = url.find(k))
        url.replace(p, k.size(), value);
    }
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters") continue;
      std::transform(method.begin(), method.end(), method.begin(), ::toupper);
      if (route == "/api/v1/session" && method == "DELETE") continue;  // would log callers out
      SCOPED_TRACE(method + " " + route);
      for (auto& c : callers) {
        std::vector<HttpResult> answers;
        answers.push_back(c->Request(method, url + query));
        if (method != "GET" && method != "DELETE") {
          for (const auto& b : bodies) answers.push_back(c->Request(method, url, b));
        }
        for (const auto& r : answers) {
          ++requests;
          if (r.status >= 400) error_bodies.push_back(r.body);
          if (r.status >= 500) ADD_FAILURE() << r.status << " " << r.body;
        }
      }
    }
  }
  EXPECT_GT(requests, 500);
  Client anyone(h.base_url());
  std::string metrics = anyone.Get("/metrics").body;
  ASSERT_NE(metrics.find("lindungi_http_requests_total"), std::string::npos);
  // The log is written as it goes; stopping the server flushes what is buffered.
  ASSERT_EQ(h.Stop(), 0);
  std::string log = h.ReadLog();
  ASSERT_NE(log.find("route=/api/v1/cases/{id}"), std::string::npos) << "debug lines are there";
  for (const auto& secret : kSecrets) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in the server log";
    EXPECT_EQ(metrics.find(secret), std::string::npos) << secret << " in /metrics";
    for (const auto& e : error_bodies)
      EXPECT_EQ(e.find(secret), std::string::npos) << secret << " in an error: " << e;
  }
}

}  // namespace
}  // namespace lindungi::testing
