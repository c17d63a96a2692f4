// What the browser UI needs from the server: its files served from the same origin (hashed
// assets cached for good, precompressed, the app's routes answered with index.html while
// /api keeps its JSON 404s), the form definitions and classification lists it renders, and
// the user's own password and language.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

#include "api/api_fixture.h"

namespace lindungi::testing {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

void WriteFile(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

class WebTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    // A built UI as Vite leaves it: index.html and hashed assets, one with its .gz beside it.
    web_dir_ =
        new fs::path(fs::temp_directory_path() / ("lindungi-web-" + std::to_string(getpid())));
    WriteFile(*web_dir_ / "index.html",
              "<!doctype html><html><head><script type=module src=/assets/app-1a2b.js></script>"
              "</head><body><div id=root></div></body></html>");
    WriteFile(*web_dir_ / "assets" / "app-1a2b.js", "console.log('app')");
    WriteFile(*web_dir_ / "assets" / "app-1a2b.js.gz", "GZIPPED-BYTES");
    harness_ = new ServerHarness();
    harness_->AddUser("worker", "case_worker");
    harness_->AddUser("changer", "case_worker");
    // The unit runs the Kalteng pack, so its cases can start SOPs.
    auto pack = harness_->Cli({"unit", "set-pack", "TEST", "kalteng"});
    if (pack.exit_code != 0) throw std::runtime_error(pack.output);
    harness_->Start({"--web-dir", web_dir_->string()});
  }
  static void TearDownTestSuite() {
    ApiTest::TearDownTestSuite();
    fs::remove_all(*web_dir_);
    delete web_dir_;
  }
  static inline fs::path* web_dir_ = nullptr;
};

TEST_F(WebTest, IndexIsServedAndRevalidated) {
  Client c(harness_->base_url());
  auto r = c.Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<div id=root>"), std::string::npos);
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(r.headers["cache-control"], "no-cache");
  // The same strict policy as the API: no inline script.
  EXPECT_NE(r.headers["content-security-policy"].find("script-src 'self'"), std::string::npos);
}

TEST_F(WebTest, HashedAssetsAreImmutableAndPrecompressed) {
  Client c(harness_->base_url());
  auto plain = c.Get("/assets/app-1a2b.js");
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body, "console.log('app')");
  EXPECT_EQ(plain.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(plain.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(plain.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);

  auto gz = c.Request("GET", "/assets/app-1a2b.js", "", {"Accept-Encoding: gzip, deflate, br"});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.body, "GZIPPED-BYTES");
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");

  auto refused = c.Request("GET", "/assets/app-1a2b.js", "", {"Accept-Encoding: gzip;q=0"});
  EXPECT_EQ(refused.body, "console.log('app')");
}

TEST_F(WebTest, AppRoutesGetIndexButApiAndMissingFilesKeepTheir404) {
  Client c(harness_->base_url());
  for (std::string path : {"/tasks", "/cases/0b6f3a52-8d1e-4c7a-9f2b-3e4d5c6b7a81", "/login"}) {
    auto r = c.Get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_NE(r.body.find("<div id=root>"), std::string::npos) << path;
  }
  auto api = c.Get("/api/v1/no-such-thing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.ErrorCode(), "not_found");
  auto missing = c.Get("/assets/gone-9f9f.js");
  EXPECT_EQ(missing.status, 404);
  auto escape = c.Get("/assets/../../lindungi.yaml");
  EXPECT_EQ(escape.status, 404);
  EXPECT_EQ(escape.body.find("data_dir"), std::string::npos);
}

TEST_F(WebTest, FormDefinitionsForTheRenderer) {
  auto c = LoggedIn("worker");
  auto list = c->Get("/api/v1/forms");
  ASSERT_EQ(list.status, 200) << list.body;
  const json::value list_json = list.Json();
  const auto& forms = list_json.at("forms").as_array();
  // Every form of forms/ is offered (docs/forms.md lists them).
  std::size_t on_disk = 0;
  for (const auto& e : fs::directory_iterator(fs::path(LINDUNGI_SOURCE_DIR) / "forms"))
    if (e.path().extension() == ".yaml" && e.path().filename() != "options.yaml") ++on_disk;
  EXPECT_EQ(forms.size(), on_disk);

  auto one = c->Get("/api/v1/forms/persetujuan");
  ASSERT_EQ(one.status, 200) << one.body;
  const json::value one_json = one.Json();
  const auto& form = one_json.as_object();
  EXPECT_EQ(form.at("id").as_string(), "persetujuan");
  EXPECT_FALSE(form.at("title").at("id").as_string().empty());
  bool found_choice_with_options = false, found_condition = false;
  for (const auto& s : form.at("sections").as_array()) {
    for (const auto& f : s.at("fields").as_array()) {
      const auto& field = f.as_object();
      EXPECT_FALSE(field.at("label").at("id").as_string().empty()) << field.at("id");
      if (field.at("type") == "choice" && !field.at("options").as_array().empty())
        found_choice_with_options = true;
      if (field.contains("when") || field.contains("required_when")) found_condition = true;
    }
  }
  EXPECT_TRUE(found_choice_with_options);
  EXPECT_TRUE(found_condition);

  auto missing = c->Get("/api/v1/forms/no-such-form");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.ErrorCode(), "form_not_found");
  Client anonymous(harness_->base_url());
  EXPECT_EQ(anonymous.Get("/api/v1/forms").status, 401);
}

TEST_F(WebTest, ClassificationListsWithLabels) {
  auto c = LoggedIn("worker");
  auto r = c->Get("/api/v1/classification");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value k_json = r.Json();
  const auto& k = k_json.as_object();
  const auto& forms = k.at("violence_forms").as_array();
  ASSERT_FALSE(forms.empty());
  EXPECT_EQ(forms[0].at("id"), "physical");
  EXPECT_EQ(forms[0].at("label").at("id"), "Fisik");
  EXPECT_EQ(forms[0].at("label").at("en"), "Physical");
  EXPECT_FALSE(k.at("case_types").as_array().empty());
  EXPECT_FALSE(k.at("age_bands").as_array().empty());
  auto channels = k.at("channels").as_array();
  EXPECT_NE(std::find(channels.begin(), channels.end(), json::value("walk_in")), channels.end());
}

TEST_F(WebTest, SessionNamesUnitsWithTheirTimeZoneAndTheLanguageIsRemembered) {
  auto c = LoggedIn("worker");
  auto s = c->Get("/api/v1/session");
  ASSERT_EQ(s.status, 200);
  const json::value session = s.Json();
  EXPECT_EQ(session.at("user").at("language"), "id");  // Bahasa Indonesia by default
  const auto& units = session.at("units").as_array();
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].at("code"), "TEST");
  EXPECT_FALSE(units[0].at("time_zone").as_string().empty());

  auto set = c->Request("PUT", "/api/v1/session/language", R"({"language":"en"})");
  EXPECT_EQ(set.status, 204) << set.body;
  auto bad = c->Request("PUT", "/api/v1/session/language", R"({"language":"fr"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorCode(), "invalid_language");
  // Remembered for the user: a new log-in (another browser) finds it.
  auto again = LoggedIn("worker");
  EXPECT_EQ(again->Get("/api/v1/session").Json().at("user").at("language"), "en");
  auto events = harness_->Cli({"audit", "verify"});
  EXPECT_EQ(events.exit_code, 0) << events.output;
}

TEST_F(WebTest, ChangingOwnPasswordNeedsTheCurrentOneAndEndsOtherSessions) {
  auto here = LoggedIn("changer");
  auto elsewhere = LoggedIn("changer");
  auto wrong =
      here->Request("PUT", "/api/v1/session/password",
                    R"({"current_password":"not-it","new_password":"a-new-long-passphrase-1"})");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.ErrorCode(), "wrong_password");
  EXPECT_EQ(Str(wrong.Json().at("error"), "field"), "current_password");
  auto weak = here->Request(
      "PUT", "/api/v1/session/password",
      std::string(R"({"current_password":")") + kTestPassword + R"(","new_password":"short"})");
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(Str(weak.Json().at("error"), "field"), "new_password");
  auto ok = here->Request("PUT", "/api/v1/session/password",
                          std::string(R"({"current_password":")") + kTestPassword +
                              R"(","new_password":"a-new-long-passphrase-1"})");
  EXPECT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(here->Get("/api/v1/session").status, 200);       // this session goes on
  EXPECT_EQ(elsewhere->Get("/api/v1/session").status, 401);  // the others end
  Client fresh(harness_->base_url());
  EXPECT_EQ(fresh.Login("changer", kTestPassword).status, 401);
  EXPECT_EQ(fresh.Login("changer", "a-new-long-passphrase-1").status, 201);
}

TEST_F(WebTest, TheUnitsStaffForAssigningAndNamingWhoDidWhat) {
  auto c = LoggedIn("worker");
  std::string unit = Str(c->Get("/api/v1/session").Json().at("units").as_array().at(0), "id");
  auto r = c->Get("/api/v1/units/" + unit + "/staff");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value staff = r.Json();
  bool saw_worker = false;
  for (const auto& u : staff.at("items").as_array()) {
    EXPECT_FALSE(u.at("display_name").as_string().empty());
    EXPECT_FALSE(u.as_object().contains("password_hash"));
    if (u.at("username") == "worker") {
      saw_worker = true;
      EXPECT_EQ(u.at("roles").as_array().at(0), "case_worker");
    }
  }
  EXPECT_TRUE(saw_worker);
  // A unit the caller does not work in is not found.
  auto other = c->Get("/api/v1/units/0b6f3a52-8d1e-4c7a-9f2b-3e4d5c6b7a81/staff");
  EXPECT_EQ(other.status, 404);
}

TEST_F(WebTest, ATaskNamesTheDocumentKindsItAsksForAndTheFormsThatFillThem) {
  auto c = LoggedIn("worker");
  auto created = c->Post("/api/v1/cases", IntakeJson("Klien Daftar"));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = Str(created.Json(), "id");
  auto started =
      c->Post("/api/v1/cases/" + id + "/sops", R"({"sop":"kalteng/pengaduan-langsung"})");
  ASSERT_EQ(started.status, 201) << started.body;
  // The first step is the intake officers'; the task is read from the case's SOP.
  const json::value opened = started.Json();
  ASSERT_FALSE(opened.at("open_tasks").as_array().empty()) << started.body;
  std::string task = Str(opened.at("open_tasks").as_array().at(0), "id");
  auto t = c->Get("/api/v1/tasks/" + task);
  ASSERT_EQ(t.status, 200) << t.body;
  const json::value task_json = t.Json();
  const auto& kinds = task_json.at("document_kinds").as_object();
  ASSERT_TRUE(kinds.contains("formulir-registrasi")) << t.body;
  EXPECT_EQ(kinds.at("formulir-registrasi").at("name"),
            "Formulir Registrasi (Registrasi Formulir Klien)");
  EXPECT_EQ(kinds.at("formulir-registrasi").at("forms").as_array().at(0), "registrasi");
}

// The list shows what a list needs (UI.md): number, status, the step due next, and the
// client's initials at most — never a name, NIK or narrative.
TEST_F(WebTest, TheCaseListShowsInitialsAndTheNextStepNeverTheRecord) {
  auto c = LoggedIn("worker");
  auto created = c->Post("/api/v1/cases", IntakeJson("Sri Wahyuni Daulay"));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = Str(created.Json(), "id");
  auto started =
      c->Post("/api/v1/cases/" + id + "/sops", R"({"sop":"kalteng/pengaduan-langsung"})");
  ASSERT_EQ(started.status, 201) << started.body;

  auto list = c->Get("/api/v1/cases?page_size=200");
  ASSERT_EQ(list.status, 200) << list.body;
  SCOPED_TRACE(list.body);
  EXPECT_EQ(list.body.find("Wahyuni"), std::string::npos) << "no name in a list";
  EXPECT_EQ(list.body.find("narrative"), std::string::npos);
  const boost::json::value items = list.Json().at("items");
  const boost::json::object* mine = nullptr;
  for (const auto& k : items.as_array())
    if (Str(k, "id") == id) mine = &k.as_object();
  ASSERT_NE(mine, nullptr);
  EXPECT_EQ(mine->at("client_initials"), "S.W.D.");
  EXPECT_EQ(mine->at("open_tasks").as_int64(), 1);
  EXPECT_EQ(mine->at("next_task").at("sop_id"), "kalteng/pengaduan-langsung");
  EXPECT_FALSE(mine->at("next_task").at("overdue").as_bool());

  // Filters: by SOP, and overdue (none yet: its first step is due in minutes).
  auto by_sop_answer = c->Get("/api/v1/cases?sop=kalteng%2Fpengaduan-langsung&page_size=200");
  ASSERT_EQ(by_sop_answer.status, 200) << by_sop_answer.body;
  auto by_sop = by_sop_answer.Json();
  bool found = false;
  for (const auto& k : by_sop.at("items").as_array()) found |= Str(k, "id") == id;
  EXPECT_TRUE(found);
  auto other_sop = c->Get("/api/v1/cases?sop=kalteng%2Fmediasi&page_size=200").Json();
  for (const auto& k : other_sop.at("items").as_array()) EXPECT_NE(Str(k, "id"), id);
  auto overdue = c->Get("/api/v1/cases?overdue=true&page_size=200").Json();
  for (const auto& k : overdue.at("items").as_array()) EXPECT_NE(Str(k, "id"), id);
  EXPECT_EQ(c->Get("/api/v1/cases?overdue=maybe").status, 400);
}

}  // namespace
}  // namespace lindungi::testing
