// The authorization matrix, generated from the route table: every route is called (in
// process, through Dispatch, as the server does) by every kind of caller — anonymous, each
// staff role of the unit on the case's team, a staff member of the unit who is not (need-to-
// know), an administrator without a case role, a partner organisation's user, a case worker
// of another unit, a head who must still enrol a mandatory second factor, a disabled user —
// and each answer is checked against the route's declared Policy. A route without a declared
// policy fails.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/parse.hpp>

#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include "core/roles.h"
#include "http/api.h"
#include "service/setup.h"
#include "store/unit_store.h"
#include "support/backend.h"

namespace lindungi::http {
namespace {

struct Caller {
  std::string name;
  std::string token, csrf;
  enum Kind {
    kAnonymous,
    kDisabled,
    kAdmin,
    kPartner,
    kOtherUnit,
    kStaff,
    kNotOnCase,
    kMustEnrol
  } kind;
  std::string user_id;
};

class AuthorizationMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("lindungi-authz-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(dir_);
    Config c;
    c.data_dir = dir_.string();
    if (testing::UsePostgres()) c.database = testing::NewPostgresDatabase();
    c.sops_dir = std::string(LINDUNGI_SOURCE_DIR) + "/sops";
    c.hash_concurrency = 2;
    app_ = std::make_unique<App>(c);
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }

  store::UnitRecord Unit(const std::string& code, const std::string& pack) {
    UnitSpec s{code, "UPTD PPA " + code, "kabupaten_kota", "", "Asia/Jakarta", pack};
    auto u = CreateUnit(*app_, s);
    EXPECT_TRUE(u) << u.error().message_en;
    return *u;
  }

  Caller User(const std::string& name, const std::string& unit_id, const std::string& role,
              Caller::Kind kind) {
    NewUser u{name, name, "kata-sandi-uji-yang-panjang", {{unit_id, role}}};
    auto created = app_->auth.CreateUser(u, "system");
    EXPECT_TRUE(created) << created.error().message_en;
    auto login = app_->auth.Login(name, u.password);
    EXPECT_TRUE(login) << login.error().message_en;
    return {name + "(" + role + ")", login->token, login->principal.csrf_token, kind, created->id};
  }

  std::filesystem::path dir_;
  std::unique_ptr<App> app_;
};

TEST_F(AuthorizationMatrixTest, EveryRouteAnswersEveryCallerAsItsPolicySays) {
  auto unit = Unit("TEST", "kalteng");
  auto other = Unit("OTHER", "kalteng");
  std::vector<Caller> callers = {{"anonymous", "", "", Caller::kAnonymous, ""}};
  for (auto role : kStaffRoles)
    callers.push_back(
        User(std::string("u-") + std::string(role), unit.id, std::string(role), Caller::kStaff));
  callers.push_back(User("admin", unit.id, "admin", Caller::kAdmin));
  // A partner organisation's user: no unit role (referrals to it come with the case record).
  auto polres = CreatePartner(*app_, {"POLRES", "Polres Uji", "police"});
  ASSERT_TRUE(polres) << polres.error().message_en;
  {
    NewUser u{"mitra", "mitra", "kata-sandi-uji-yang-panjang", {}, polres->id};
    auto created = app_->auth.CreateUser(u, "system");
    ASSERT_TRUE(created) << created.error().message_en;
    auto login = app_->auth.Login("mitra", u.password);
    ASSERT_TRUE(login);
    callers.push_back({"mitra(partner)", login->token, login->principal.csrf_token,
                       Caller::kPartner, created->id});
  }
  callers.push_back(User("lain", other.id, "case_worker", Caller::kOtherUnit));
  // A head of a unit that makes two-step log-in mandatory, who has not enrolled yet.
  auto strict = Unit("WAJIB", "kalteng");
  ASSERT_TRUE(SetUnitTwoFactorRequired(*app_, "WAJIB", true));
  callers.push_back(User("kepala-wajib", strict.id, "unit_head", Caller::kMustEnrol));
  // Staff of the unit with no part in the case: no team, no open task of their role.
  callers.push_back(User("asing", unit.id, "psychologist", Caller::kNotOnCase));
  Caller gone = User("gone", unit.id, "case_worker", Caller::kDisabled);
  // Not callers: one to add to the team, one on it to take off.
  Caller joining = User("bergabung", unit.id, "case_worker", Caller::kStaff);
  Caller leaving = User("keluar", unit.id, "case_worker", Caller::kStaff);
  // Not a caller: the account the administration routes manage.
  Caller managed = User("dikelola", unit.id, "case_worker", Caller::kStaff);
  ASSERT_TRUE(app_->auth.DisableUser("gone", "system"));
  callers.push_back(gone);

  // A case of unit TEST with an SOP running, so {id} names something real.
  auto intake_login = app_->auth.Login("u-intake_officer", "kata-sandi-uji-yang-panjang");
  ASSERT_TRUE(intake_login);
  const Principal& intake = intake_login->principal;
  IntakeRequest r;
  r.channel = "walk_in";
  r.reporter = {"Pelapor", "neighbour", std::nullopt, false};
  r.client.name = "Klien Matriks Distinctiva";
  r.client.nik = "6271019988776655";
  r.client.sex = "female";
  r.narrative = "Narasi untuk uji matriks otorisasi.";
  auto created = app_->cases.Create(intake, r, std::nullopt);
  ASSERT_TRUE(created) << created.error().message_en;
  std::string case_id(created->body.at("id").as_string());
  auto started =
      app_->tasks.StartSop(intake, case_id, {"kalteng/pengaduan-langsung", {}}, std::nullopt);
  ASSERT_TRUE(started) << started.error().message_en;
  std::string task_id(started->body.at("open_tasks").at(0).at("id").as_string());
  std::string client_id(created->body.at("client").at("person_id").as_string());
  IncidentInput incident;
  incident.date = "2026-11-20";
  incident.place_type = "household";
  incident.forms = {"physical"};
  auto recorded = app_->case_records.RecordIncident(intake, case_id, incident, std::nullopt);
  ASSERT_TRUE(recorded) << recorded.error().message_en;
  std::string incident_id(recorded->body.at("incident_id").as_string());
  // Consents (one to withdraw, one that allows a referral) and a referral to the partner.
  auto consent = [&](const char* scope) {
    ConsentInput ci{client_id, client_id, {scope}, "", true, true, ""};
    auto rc = app_->referrals.RecordConsent(intake, case_id, ci, std::nullopt);
    EXPECT_TRUE(rc) << rc.error().message_en;
    return std::string(rc->body.at("consent_id").as_string());
  };
  std::string consent_id = consent("services");
  consent("referral");
  ReferralInput ri;
  ri.partner_id = polres->id;
  ri.client_id = client_id;
  ri.reason = "Rujukan untuk uji matriks.";
  auto referred = app_->referrals.Refer(intake, case_id, ri, std::nullopt);
  ASSERT_TRUE(referred) << referred.error().message_en;
  std::string referral_id(referred->body.at("referral_id").as_string());
  // The unit head puts every staff caller on the case team (need-to-know), but the stranger.
  auto head_login = app_->auth.Login("u-unit_head", "kata-sandi-uji-yang-panjang");
  ASSERT_TRUE(head_login);
  for (const auto& c : callers) {
    if (c.kind != Caller::kStaff) continue;
    auto added = app_->cases.AddTeamMember(head_login->principal, case_id, c.user_id, "", {});
    ASSERT_TRUE(added) << added.error().message_en;
  }
  ASSERT_TRUE(
      app_->cases.AddTeamMember(head_login->principal, case_id, leaving.user_id, "", std::nullopt));
  // A shelter of unit TEST and a stay in it of an adult client, so {shelter} and {stay} name
  // something real; a second adult client for the admission route.
  ShelterInput shelter{"Rumah Aman Matriks",          "own",       100, "both", std::nullopt,
                       "Jalan Rahasia Distinctiva 9", std::nullopt};
  auto registered =
      app_->shelters.RegisterShelter(head_login->principal, std::nullopt, shelter, std::nullopt);
  ASSERT_TRUE(registered) << registered.error().message_en;
  std::string shelter_id(registered->body.at("id").as_string());
  std::vector<std::string> adults;
  for (const char* name : {"Dewasa Satu", "Dewasa Dua"}) {
    PersonInput adult;
    adult.role = "client";
    adult.name = name;
    adult.sex = "female";
    adult.age_years = 30;
    auto added = app_->case_records.AddPerson(intake, case_id, adult, std::nullopt);
    ASSERT_TRUE(added) << added.error().message_en;
    adults.emplace_back(added->body.at("person_id").as_string());
  }
  AdmissionInput admission{shelter_id,   adults[0],   "2026-11-01", 14, "Uji matriks penempatan.",
                           std::nullopt, std::nullopt};
  auto admitted = app_->shelters.AdmitToShelter(intake, case_id, admission, std::nullopt);
  ASSERT_TRUE(admitted) << admitted.error().message_en;
  std::string stay_id(admitted->body.at("stay_id").as_string());
  // A witness on the case, for the lawful requests about a person (the head erases them).
  PersonInput witness;
  witness.role = "witness";
  witness.name = "Saksi Matriks";
  auto witnessed = app_->case_records.AddPerson(intake, case_id, witness, std::nullopt);
  ASSERT_TRUE(witnessed) << witnessed.error().message_en;
  std::string witness_id(witnessed->body.at("person_id").as_string());
  // A filled form on the case, so {document} names something real.
  const std::string registration =
      R"({"tanggal_registrasi":"2026-11-23T09:30:00+08:00","kanal":"walk_in","krisis":false,)"
      R"("nama_lengkap":"Klien Matriks","jenis_kelamin":"female","kelompok_umur":"18_24",)"
      R"("usia_tahun":20,"pelapor_adalah_klien":true})";
  auto filed = app_->documents.File(
      intake, case_id, {"registrasi", boost::json::parse(registration).as_object(), {}, {}},
      std::nullopt);
  ASSERT_TRUE(filed) << filed.error().message_en;
  std::string document_id(filed->body.at("id").as_string());
  // A transfer of the case to a national unit, pending, so {transfer} names something real:
  // every client's consent to be referred and to share data with that unit.
  UnitSpec nas_spec{"NAS", "KemenPPPA Uji", "nasional", "", "Asia/Jakarta", ""};
  auto nas = CreateUnit(*app_, nas_spec);
  ASSERT_TRUE(nas) << nas.error().message_en;
  std::vector<std::string> clients = {client_id, adults[0], adults[1]};
  std::string client_list;
  for (const auto& cl : clients) {
    ConsentInput ci;
    ci.client_id = cl;
    ci.given_by = cl;
    ci.scopes = {"referral", "data_sharing"};
    ci.unit_id = nas->id;
    auto rc = app_->referrals.RecordConsent(intake, case_id, ci, std::nullopt);
    ASSERT_TRUE(rc) << rc.error().message_en;
    client_list += (client_list.empty() ? "\"" : ",\"") + cl + "\"";
  }
  TransferInput ti;
  ti.to_unit = "NAS";
  ti.reason = "Uji matriks penyerahan.";
  ti.client_ids = clients;
  auto transferred =
      app_->transfers.RequestTransfer(head_login->principal, case_id, ti, std::nullopt);
  ASSERT_TRUE(transferred) << transferred.error().message_en;
  std::string transfer_id(transferred->body.at("id").as_string());

  // Everything logged while every route runs, to prove no personal data reaches the log.
  std::ostringstream logged;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "matrix", std::make_shared<spdlog::sinks::ostream_sink_mt>(logged)));
  spdlog::set_level(spdlog::level::trace);
  spdlog::info("matrix: every route as every caller");
  auto routes = BuildRoutes(*app_);
  // Log-out last: it ends the caller's session.
  std::stable_partition(routes.begin(), routes.end(), [](const Route& rt) {
    return !(rt.method == "DELETE" && rt.name == "/api/v1/session");
  });
  const std::set<std::string> kDenials = {"not_logged_in", "no_unit_role",
                                          "forbidden",     "csrf_token_invalid",
                                          "partner_only",  "two_factor_enrolment_required",
                                          "admin_required"};
  const std::set<std::string> kHidden = {"case_not_found", "task_not_found"};
  std::set<std::string> covered;
  for (const auto& route : routes) {
    SCOPED_TRACE(route.method + " " + route.name);
    ASSERT_NE(route.policy, Policy::kUndeclared) << "every route must declare its policy";
    for (const auto& caller : callers) {
      SCOPED_TRACE(caller.name);
      Request q;
      q.method = route.method;
      q.target = route.name;
      if (route.name.find("{id}") != std::string::npos)
        q.params["id"] = route.name.starts_with("/api/v1/tasks/") ? task_id : case_id;
      if (route.name.find("{user}") != std::string::npos) q.params["user"] = leaving.user_id;
      if (route.name.find("{account}") != std::string::npos) q.params["account"] = managed.user_id;
      if (route.name.find("{partner}") != std::string::npos) q.params["partner"] = polres->id;
      if (route.name.find("{person}") != std::string::npos)
        q.params["person"] = route.name.starts_with("/api/v1/people/") ? witness_id : client_id;
      if (route.name.find("{consent}") != std::string::npos) q.params["consent"] = consent_id;
      if (route.name.find("{referral}") != std::string::npos) q.params["referral"] = referral_id;
      if (route.name.find("{incident}") != std::string::npos) q.params["incident"] = incident_id;
      if (route.name.find("{shelter}") != std::string::npos) q.params["shelter"] = shelter_id;
      if (route.name.find("{stay}") != std::string::npos) q.params["stay"] = stay_id;
      if (route.name.find("{transfer}") != std::string::npos) q.params["transfer"] = transfer_id;
      if (route.name.find("{document}") != std::string::npos) q.params["document"] = document_id;
      // No such upload: its owner alone could continue one, and every caller here is told
      // upload_not_found or, without the case, case_not_found.
      if (route.name.find("{upload}") != std::string::npos)
        q.params["upload"] = "00000000-0000-4000-8000-000000000000";
      if (route.name.find("{start}") != std::string::npos) q.params["start"] = "0";
      if (route.name == "/api/v1/audit") q.query["case_id"] = case_id;
      if (route.name == "/api/v1/people") q.query["name"] = "Distinctiva";
      if (route.name.find("{unit}") != std::string::npos) {
        q.params["unit"] = "kalteng";
        q.params["name"] = "mediasi";
      }
      if (route.name.starts_with("/api/v1/units/")) q.params["unit"] = unit.id;
      if (route.method != "GET" && route.method != "DELETE") {
        // Well-formed bodies, so that authorization, not validation, decides.
        const std::map<std::string, std::string> kBodies = {
            {"/api/v1/session", R"({"username":"nobody","password":"not-the-password"})"},
            {"/api/v1/cases", R"({"channel":"phone","reporter":{"name":"P","relation":"self",)"
                              R"("is_client":true},"client":{"name":"K","sex":"female"},)"
                              R"("narrative":"Narasi uji."})"},
            {"/api/v1/cases/{id}", R"({"version":1,"narrative":"Narasi diperbaiki."})"},
            {"/api/v1/cases/{id}/sops", R"({"sop":"kalteng/mediasi"})"},
            {"/api/v1/cases/{id}/team", R"({"user_id":")" + joining.user_id + R"("})"},
            // Clearing an unset flag: no change, so every caller keeps the case.
            {"/api/v1/cases/{id}/sensitivity", R"({"sensitive":false,"reason":"Uji matriks."})"},
            {"/api/v1/cases/{id}/people",
             R"({"role":"perpetrator","name":"Terlapor Uji","relation":"neighbour"})"},
            {"/api/v1/cases/{id}/people/{person}",
             R"({"name":"Klien Matriks Distinctiva","sex":"female"})"},
            {"/api/v1/cases/{id}/incidents",
             R"({"date":"2026-11-21","place_type":"household","forms":["psychological"]})"},
            {"/api/v1/cases/{id}/incidents/{incident}",
             R"({"date":"2026-11-20","place_type":"school","forms":["physical"]})"},
            {"/api/v1/cases/{id}/consents", R"({"client_id":")" + client_id + R"(","given_by":")" +
                                                client_id + R"(","scopes":["services"]})"},
            {"/api/v1/cases/{id}/consents/{consent}/withdraw", R"({"reason":"Uji matriks."})"},
            {"/api/v1/cases/{id}/referrals", R"({"partner_id":")" + polres->id +
                                                 R"(","client_id":")" + client_id +
                                                 R"(","reason":"Rujukan uji matriks."})"},
            {"/api/v1/referrals/{referral}/accept", "{}"},
            {"/api/v1/referrals/{referral}/reject", R"({"reason":"Uji matriks."})"},
            {"/api/v1/referrals/{referral}/report", R"({"report":"Laporan uji matriks."})"},
            {"/api/v1/cases/{id}/classification",
             R"({"case_types":["kta"],"risk_level":"high","jurisdiction":"kabupaten_kota"})"},
            {"/api/v1/cases/{id}/triage",
             R"({"decision":"continue_here","reason":"Uji matriks."})"},
            {"/api/v1/tasks/{id}/complete", R"({"note":"Uji matriks."})"},
            {"/api/v1/tasks/{id}/waive", R"({"reason":"Alasan uji matriks."})"},
            {"/api/v1/tasks/{id}/assign", R"({"assignee":null})"},
            {"/api/v1/shelters",
             R"({"name":"Rumah Aman Uji","kind":"partner","capacity":4,"takes":"children",)"
             R"("max_age":17,"address":"Jalan Uji 1"})"},
            {"/api/v1/shelters/{shelter}",
             R"({"name":"Rumah Aman Matriks","kind":"own","capacity":100,"takes":"both",)"
             R"("address":"Jalan Rahasia Distinctiva 9"})"},
            {"/api/v1/cases/{id}/shelter-stays",
             R"({"shelter_id":")" + shelter_id + R"(","person_id":")" + adults[1] +
                 R"(","expected_days":7,"reason":"Uji matriks."})"},
            {"/api/v1/cases/{id}/shelter-stays/{stay}/discharge",
             R"({"discharged_on":"2026-11-20","reason":"returned_home"})"},
            {"/api/v1/session/totp", "{}"},
            {"/api/v1/session/totp/confirm", R"({"code":"000000"})"},
            {"/api/v1/session/totp/disable", R"({"code":"000000"})"},
            // A wrong current password: answered, and nobody's password changes.
            {"/api/v1/session/password",
             R"({"current_password":"not-it","new_password":"matrix-new-passphrase-1"})"},
            {"/api/v1/session/language", R"({"language":"id"})"},
            {"/api/v1/cases/{id}/transfers",
             R"({"to_unit":"NAS","reason":"Uji matriks penyerahan.","client_ids":[)" + client_list +
                 "]}"},
            {"/api/v1/transfers/{transfer}/accept", "{}"},
            {"/api/v1/transfers/{transfer}/reject", R"({"reason":"Uji matriks."})"},
            {"/api/v1/transfers/{transfer}/report", R"({"report":"Laporan uji matriks."})"},
            {"/api/v1/transfers/{transfer}/cancel", "{}"},
            {"/api/v1/cases/{id}/documents",
             R"({"form":"registrasi","values":)" + registration + "}"},
            {"/api/v1/cases/{id}/documents/{document}",
             R"({"version":1,"values":)" + registration + "}"},
            {"/api/v1/cases/{id}/letters",
             R"({"kind":"surat-tugas","task":"penjangkauan","destination":"Desa Uji",)"
             R"("start":"2026-11-24"})"},
            {"/api/v1/units/{unit}/users",
             R"({"username":"baru-matriks","display_name":"Baru","roles":["case_worker"]})"},
            {"/api/v1/units/{unit}/users/{account}/roles", R"({"roles":["case_worker"]})"},
            {"/api/v1/units/{unit}/users/{account}/disable", "{}"},
            {"/api/v1/units/{unit}/users/{account}/enable", "{}"},
            {"/api/v1/units/{unit}/users/{account}/password", "{}"},
            {"/api/v1/units/{unit}/settings", R"({"two_factor_required":false})"},
            {"/api/v1/units/{unit}/partners",
             R"({"code":"MITRA-MATRIKS","name":"Mitra Matriks","kind":"health"})"},
            {"/api/v1/units/{unit}/partners/{partner}/users",
             R"({"username":"mitra-matriks","display_name":"Mitra Matriks"})"},
            {"/api/v1/units/{unit}/letterhead",
             R"({"authority":["PEMERINTAH KOTA UJI"],"name":"UPTD PPA UJI","address":"Jalan 1",)"
             R"("city":"Kota Uji","head":{"name":"Kepala Uji","nip":"19700101 199001 1 001"}})"},
            {"/api/v1/cases/{id}/plan",
             R"({"version":0,"goals":[{"id":"g1","text":"Pulih."}],"services":[]})"},
            {"/api/v1/cases/{id}/meetings",
             R"({"kind":"family_meeting","held_at":"2026-11-28T10:00:00+07:00","place":"Kantor",)"
             R"("participants":{"family":[{"role":"uncle"}]},"agenda":"Uji","decisions":["Uji"]})"},
            {"/api/v1/cases/{id}/monitoring",
             R"({"date":"2026-11-29","method":"phone","client_condition":"Stabil"})"},
            {"/api/v1/cases/{id}/termination",
             R"({"kind":"unilateral","reason":"refuses","summary":"Uji matriks.","form":{)"
             R"("tanggal":"2026-11-30","klien":")" +
                 client_id +
                 R"(","klien_anak":false,"jenis":"unilateral","alasan_sepihak":"refuses",)"
                 R"("keterangan_penolakan":"Uji.","layanan_diterima":["complaint"],)"
                 R"("konferensi_kasus":false,"ttd_pendamping":{"signed":true,"name":"A"},)"
                 R"("ttd_ketua":{"signed":true,"name":"B"}}})"},
            {"/api/v1/cases/{id}/reopen", R"({"reason":"Uji matriks."})"},
            {"/api/v1/people/{person}/erasure",
             R"({"legal_basis":"UU 27/2022 Pasal 8","reference":"001/UJI/2026"})"},
            {"/api/v1/people/{person}/access-request",
             R"({"legal_basis":"UU 27/2022 Pasal 7","reference":"002/UJI/2026"})"},
            {"/api/v1/reports/simfoni/sent",
             R"({"rows":[{"case_id":")" + case_id + R"(","client_id":")" + client_id +
                 R"(","nomor_simfoni":"SIM-1","sent_on":"2026-11-20"}]})"},
            {"/api/v1/cases/{id}/uploads", R"({"media_type":"application/pdf","size":1000})"},
            {"/api/v1/cases/{id}/uploads/{upload}/complete", "{}"},
            {"/api/v1/cases/{id}/uploads/{upload}/chunks/{start}", "%PDF-1.4 uji matriks"}};
        q.content_type = route.raw_body ? "application/octet-stream" : "application/json";
        ASSERT_TRUE(kBodies.contains(route.name)) << "add a well-formed body for this route";
        q.body = kBodies.at(route.name);
      }
      q.session_token = caller.token;
      q.csrf_token = caller.csrf;
      q.request_id = "matrix";
      Response resp = Dispatch(*app_, route, q);
      std::string code;
      if (resp.status >= 400) {
        auto body = boost::json::parse(resp.body);
        code = std::string(body.at("error").at("code").as_string());
      }
      bool logged_out = caller.kind == Caller::kAnonymous || caller.kind == Caller::kDisabled;
      if (caller.kind == Caller::kMustEnrol && route.policy != Policy::kPublic &&
          route.policy != Policy::kEnrolment) {
        EXPECT_EQ(code, "two_factor_enrolment_required") << resp.body;
      } else {
        switch (route.policy) {
          case Policy::kPublic:
            EXPECT_FALSE(kDenials.contains(code)) << resp.status << " " << resp.body;
            break;
          case Policy::kEnrolment:
          case Policy::kSession:
            if (logged_out) {
              EXPECT_EQ(code, "not_logged_in") << resp.body;
            } else {
              EXPECT_TRUE(!kDenials.contains(code) && !kHidden.contains(code)) << resp.body;
            }
            break;
          case Policy::kUnitStaff:
            if (logged_out) {
              EXPECT_EQ(code, "not_logged_in") << resp.body;
            } else if (caller.kind == Caller::kAdmin || caller.kind == Caller::kPartner) {
              EXPECT_EQ(code, "no_unit_role") << resp.body;
            } else {
              EXPECT_FALSE(kDenials.contains(code)) << resp.body;
              if (caller.kind == Caller::kOtherUnit || caller.kind == Caller::kNotOnCase) {
                EXPECT_EQ(resp.body.find(case_id), std::string::npos) << "a case not theirs";
                EXPECT_EQ(resp.body.find("Distinctiva"), std::string::npos) << "a case not theirs";
              }
            }
            break;
          case Policy::kCaseStaff:
            if (logged_out) {
              EXPECT_EQ(code, "not_logged_in") << resp.body;
            } else if (caller.kind == Caller::kAdmin || caller.kind == Caller::kPartner) {
              EXPECT_EQ(code, "no_unit_role") << resp.body;
            } else if (caller.kind == Caller::kOtherUnit || caller.kind == Caller::kNotOnCase) {
              EXPECT_EQ(resp.status, 404) << resp.body;
            } else {
              EXPECT_TRUE(!kDenials.contains(code) && !kHidden.contains(code)) << resp.body;
            }
            break;
          case Policy::kPartner:
            if (logged_out) {
              EXPECT_EQ(code, "not_logged_in") << resp.body;
            } else if (caller.kind == Caller::kPartner) {
              EXPECT_TRUE(!kDenials.contains(code) && code != "referral_not_found") << resp.body;
            } else {
              EXPECT_EQ(code, "partner_only") << resp.body;
            }
            break;
          case Policy::kUnitAdmin: {
            bool head =
                caller.name.ends_with("(unit_head)") || caller.name.ends_with("(department_head)");
            if (logged_out) {
              EXPECT_EQ(code, "not_logged_in") << resp.body;
            } else if (caller.kind == Caller::kAdmin || (caller.kind == Caller::kStaff && head)) {
              EXPECT_TRUE(!kDenials.contains(code) && code != "unit_not_found") << resp.body;
            } else {
              EXPECT_TRUE(code == "admin_required" || code == "unit_not_found") << resp.body;
            }
            break;
          }
          case Policy::kUndeclared:
            break;
        }
      }
      if (resp.status >= 400) {
        EXPECT_EQ(resp.body.find("Distinctiva"), std::string::npos) << "no names in errors";
        EXPECT_EQ(resp.body.find("6271019988776655"), std::string::npos) << "no NIK in errors";
      }
      if (route.name == "/metrics") {
        EXPECT_EQ(resp.body.find("Distinctiva"), std::string::npos);
        EXPECT_EQ(resp.body.find("6271019988776655"), std::string::npos);
      }
    }
    covered.insert(route.method + " " + route.name);
  }
  EXPECT_EQ(covered.size(), routes.size()) << "each route once";
  app_->access_log.Flush();
  spdlog::set_default_logger(previous);
  EXPECT_NE(logged.str().find("matrix: every route"), std::string::npos) << "the capture works";
  EXPECT_EQ(logged.str().find("Distinctiva"), std::string::npos) << logged.str();
  EXPECT_EQ(logged.str().find("6271019988776655"), std::string::npos) << logged.str();
}

// Admissions racing for a shelter's last bed (on PostgreSQL truly concurrent): exactly one
// wins, the others are told the shelter is full.
TEST_F(AuthorizationMatrixTest, RacingAdmissionsForTheLastBedAdmitOne) {
  auto unit = Unit("TEST", "kalteng");
  User("kepala", unit.id, "unit_head", Caller::kStaff);
  User("petugas", unit.id, "intake_officer", Caller::kStaff);
  auto head = app_->auth.Login("kepala", "kata-sandi-uji-yang-panjang");
  auto intake = app_->auth.Login("petugas", "kata-sandi-uji-yang-panjang");
  ASSERT_TRUE(head && intake);
  ShelterInput shelter{"Satu Kamar",      "own",       1, "women", std::nullopt,
                       "Jalan Balapan 1", std::nullopt};
  auto registered =
      app_->shelters.RegisterShelter(head->principal, std::nullopt, shelter, std::nullopt);
  ASSERT_TRUE(registered) << registered.error().message_en;
  std::string shelter_id(registered->body.at("id").as_string());
  IntakeRequest r;
  r.channel = "walk_in";
  r.reporter = {"Pelapor", "self", std::nullopt, true};
  r.client.name = "Klien Balapan";
  r.client.sex = "female";
  r.client.age_years = 25;
  r.narrative = "Narasi uji balapan.";
  constexpr int kRacers = 6;
  std::vector<std::string> cases, clients;
  for (int i = 0; i < kRacers; ++i) {
    auto created = app_->cases.Create(intake->principal, r, std::nullopt);
    ASSERT_TRUE(created) << created.error().message_en;
    cases.emplace_back(created->body.at("id").as_string());
    clients.emplace_back(created->body.at("client").at("person_id").as_string());
  }
  std::atomic<int> admitted{0}, full{0}, other{0};
  std::vector<std::thread> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.emplace_back([&, i] {
      AdmissionInput in{shelter_id,   clients[i],  std::nullopt, 7, "Uji balapan tempat tidur.",
                        std::nullopt, std::nullopt};
      auto a = app_->shelters.AdmitToShelter(intake->principal, cases[i], in, std::nullopt);
      if (a)
        ++admitted;
      else if (a.error().code == "shelter_full")
        ++full;
      else
        ++other;
    });
  }
  for (auto& t : racers) t.join();
  EXPECT_EQ(admitted.load(), 1);
  EXPECT_EQ(full.load(), kRacers - 1);
  EXPECT_EQ(other.load(), 0);
  auto shown = app_->shelters.GetShelter(head->principal, shelter_id);
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->at("occupied").as_int64(), 1);
}

// Every route is documented: docs/api/openapi.yaml has its path and method.
TEST_F(AuthorizationMatrixTest, EveryRouteIsInTheOpenApiDocument) {
  YAML::Node doc = YAML::LoadFile(std::string(LINDUNGI_SOURCE_DIR) + "/docs/api/openapi.yaml");
  for (const auto& route : BuildRoutes(*app_)) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    EXPECT_TRUE(doc["paths"][route.name] && doc["paths"][route.name][method])
        << route.method << " " << route.name << " is not in docs/api/openapi.yaml";
  }
}

// Each method and path is routed once: two routes for one path would leave one unreachable.
TEST_F(AuthorizationMatrixTest, EachMethodAndPathIsRoutedOnce) {
  std::set<std::string> seen;
  for (const auto& route : BuildRoutes(*app_)) {
    EXPECT_TRUE(seen.insert(route.method + " " + route.name).second)
        << route.method << " " << route.name << " is routed twice";
  }
  EXPECT_GT(seen.size(), 100u);
}

}  // namespace
}  // namespace lindungi::http
