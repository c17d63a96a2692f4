// Erasure and access requests (UU 27/2022), through the API on a lawful request the unit head
// records, and through the CLI: one human is one person record on a case (a client who
// reports her own case, a reporter who is also the guardian), and erasing a person — client,
// self-reporter, guardian, perpetrator or witness — leaves nothing of what was recorded
// about them readable in any answer, and no key or search entry of theirs in the store.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "api/api_fixture.h"
#include "support/backend.h"

namespace lindungi::testing {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kLawful =
    R"({"legal_basis":"UU 27/2022 Pasal 8: permintaan penghapusan oleh subjek data",)"
    R"("reference":"045/UPTD-PPA/XII/2026"})";

class ErasureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    harness_->AddUser("worker", "case_worker");
    harness_->AddUser("admin", "admin");
    harness_->AddUser("head", "unit_head");
    harness_->AddUser("otherhead", "unit_head", "OTHER");
    harness_->Start();
  }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }
  std::unique_ptr<Client> As(const std::string& user) {
    auto c = std::make_unique<Client>(harness_->base_url());
    EXPECT_EQ(c->Login(user, kTestPassword).status, 201);
    return c;
  }

  // Every answer about the case a user of the unit can get, as one text.
  static std::string Answers(Client& c, const std::string& case_id,
                             const std::vector<std::string>& names) {
    std::string all;
    for (const char* path : {"", "/events", "/sops", "/meetings", "/documents", "/team"})
      all += c.Get("/api/v1/cases/" + case_id + path).body + "\n";
    all += c.Get("/api/v1/cases?page_size=200").body + "\n";
    for (const auto& n : names) {
      all += c.Get("/api/v1/people?name=" + n.substr(0, n.find(' '))).body + "\n";
      all += c.Get("/api/v1/people?name=" + n.substr(n.rfind(' ') + 1)).body + "\n";
    }
    return all;
  }

  // The person ids of case `case_id` whose record, as the API reads it now, holds any of
  // `secrets` (a name, NIK, phone): the records that identify that human.
  static std::set<std::string> RecordsHolding(Client& c, const std::string& case_id,
                                              const std::vector<std::string>& secrets) {
    auto k = c.Get("/api/v1/cases/" + case_id).Json();
    std::set<std::string> ids;
    for (const auto& p : k.at("people").as_array()) {
      std::string text = json::serialize(p);
      for (const auto& s : secrets)
        if (text.find(s) != std::string::npos) ids.insert(Str(p, "person_id"));
    }
    for (const char* key : {"client", "reporter"}) {
      std::string text = json::serialize(k.at(key));
      for (const auto& s : secrets)
        if (text.find(s) != std::string::npos) ids.insert(Str(k.at(key), "person_id"));
    }
    return ids;
  }

  // Everything the store holds, as someone who copied it would see it.
  static std::string StoreBytes() {
    if (UsePostgres()) {
      std::string all;
      std::stringstream tables(
          RawSql(harness_->db_url(),
                 "SELECT string_agg(table_name, ' ') FROM information_schema.tables WHERE "
                 "table_schema = 'public'"));
      for (std::string t; tables >> t;)
        all += RawSql(harness_->db_url(), "SELECT string_agg(x::text, ' ') FROM \"" + t + "\" x") +
               "\n";
      return all;
    }
    std::string all;
    for (const auto& e : fs::recursive_directory_iterator(harness_->data_dir())) {
      if (!e.is_regular_file() || e.path().parent_path().filename() == "keys") continue;
      std::ifstream f(e.path(), std::ios::binary);
      std::stringstream s;
      s << f.rdbuf();
      all += s.str();
    }
    return all;
  }

  // Erases the human behind `person_id` on a lawful request and checks that nothing of
  // `secrets` is left: no answer shows it, every record that held it lost its key and its
  // search entries, the store holds none of it in clear; `kept` (other people's) still reads.
  void EraseAndCheck(Client& head, const std::string& case_id, const std::string& person_id,
                     const std::vector<std::string>& secrets, const std::vector<std::string>& kept,
                     const std::vector<std::string>& names) {
    std::string before = Answers(head, case_id, names);
    for (const auto& s : secrets) ASSERT_NE(before.find(s), std::string::npos) << s;
    auto records = RecordsHolding(head, case_id, secrets);
    ASSERT_TRUE(records.contains(person_id));

    auto r = head.Post("/api/v1/people/" + person_id + "/erasure", kLawful);
    ASSERT_EQ(r.status, 200) << r.body;

    std::string after = Answers(head, case_id, names);
    for (const auto& s : secrets) EXPECT_EQ(after.find(s), std::string::npos) << s << " " << after;
    for (const auto& s : kept) EXPECT_NE(after.find(s), std::string::npos) << s << " erased too";
    for (const auto& id : records) {
      EXPECT_EQ(RawSql(harness_->db_url(),
                       "SELECT COUNT(*) FROM person_keys WHERE person_id = '" + id + "'"),
                "0")
          << "a record that held them keeps its key";
      EXPECT_EQ(RawSql(harness_->db_url(),
                       "SELECT COUNT(*) FROM person_index WHERE person_id = '" + id + "'"),
                "0");
    }
    std::string bytes = StoreBytes();
    for (const auto& s : secrets) EXPECT_EQ(bytes.find(s), std::string::npos) << s;
    // The request is on the record, the history still verifies.
    auto events = head.Get("/api/v1/cases/" + case_id + "/events").Json();
    bool recorded = false;
    for (const auto& e : events.at("items").as_array()) {
      if (Str(e, "type") != "DataSubjectRequestRecorded") continue;
      const auto& p = e.at("payload");
      if (Str(p, "person_id") == person_id && Str(p, "kind") == "erasure" &&
          Str(p, "reference") == "045/UPTD-PPA/XII/2026")
        recorded = true;
    }
    EXPECT_TRUE(recorded);
    EXPECT_EQ(harness_->Cli({"audit", "verify"}).exit_code, 0);
  }

  static inline ServerHarness* harness_ = nullptr;
};

TEST_F(ErasureTest, ASelfReportIsOneRecordAndErasingHerLeavesHerNameNowhere) {
  auto worker = As("worker");
  auto head = As("head");
  auto r = worker->Post("/api/v1/cases",
                        R"({"channel":"phone","reporter":{"name":"Siti Lapordiri",)"
                        R"("relation":"self","is_client":true,"phone":"0813 4040 7171"},)"
                        R"("client":{"name":"Siti Lapordiri","sex":"female",)"
                        R"("birth_date":"1994-02-03","nik":"6271014402940001",)"
                        R"("phone":"0813 4040 7171"},"narrative":"Ia melapor sendiri."})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto k = r.Json();
  std::string case_id = Str(k, "id");
  std::string client_id = Str(k.at("client"), "person_id");
  EXPECT_EQ(Str(k.at("reporter"), "person_id"), client_id) << "one human, one record";
  ASSERT_EQ(k.at("people").as_array().size(), 1u) << json::serialize(k.at("people"));
  const auto& roles = k.at("people").at(0).at("roles").as_array();
  EXPECT_EQ(json::serialize(roles), R"(["client","reporter"])");

  EraseAndCheck(*head, case_id, client_id, {"Lapordiri", "6271014402940001", "0813 4040 7171"}, {},
                {"Siti Lapordiri"});
  auto after = head->Get("/api/v1/cases/" + case_id).Json();
  EXPECT_TRUE(after.at("reporter").at("name").is_null());
  EXPECT_TRUE(after.at("client").at("name").is_null());
}

TEST_F(ErasureTest, EachKindOfPersonIsErasedFromEveryAnswerAndTable) {
  auto worker = As("worker");
  auto head = As("head");
  auto r = worker->Post(
      "/api/v1/cases",
      R"({"channel":"walk_in","reporter":{"name":"Bapak Walipelapor","relation":"parent",)"
      R"("phone":"0812 1212 3434"},"client":{"name":"Anak Korbanbeta","sex":"female",)"
      R"("birth_date":"2014-06-01","nik":"6271014106140002"},"narrative":"Ayah melaporkan."})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto k = r.Json();
  std::string case_id = Str(k, "id"), path = "/api/v1/cases/" + case_id;
  std::string client_id = Str(k.at("client"), "person_id");
  std::string reporter_id = Str(k.at("reporter"), "person_id");
  // The reporter is her father and her guardian: the same record takes the guardian's role.
  r = worker->Post(
      path + "/people",
      R"({"role":"guardian","same_as":")" + reporter_id +
          R"(","name":"Bapak Walipelapor","relation":"parent","guardian_of":")" + client_id +
          R"(","nik":"6271010101800003","phone":"0812 1212 3434","address":"Jl. Wali 3"})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = worker->Post(path + "/people",
                   R"({"role":"perpetrator","name":"Terlapor Pelakugama","relation":"neighbour",)"
                   R"("nik":"6271010202750004","address":"Jl. Pelaku 4"})");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string perpetrator_id = Str(r.Json(), "person_id");
  r = worker->Post(path + "/people",
                   R"({"role":"witness","name":"Ibu Saksidelta","phone":"0857 9090 1010"})");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string witness_id = Str(r.Json(), "person_id");
  r = worker->Post(path + "/incidents",
                   R"({"date":"2026-11-20","place_type":"household","forms":["physical"],)"
                   R"("perpetrators":[{"person_id":")" +
                       perpetrator_id + R"("}],"place":"Rumah Korbanbeta"})");
  ASSERT_EQ(r.status, 201) << r.body;

  auto people = head->Get(path).Json().at("people").as_array();
  ASSERT_EQ(people.size(), 4u) << "client, reporter-guardian, perpetrator, witness";
  for (const auto& p : people)
    if (Str(p, "person_id") == reporter_id) {
      EXPECT_EQ(Str(p, "role"), "guardian");
      EXPECT_EQ(json::serialize(p.at("roles")), R"(["guardian","reporter"])");
    }

  std::vector<std::string> names = {"Bapak Walipelapor", "Anak Korbanbeta", "Terlapor Pelakugama",
                                    "Ibu Saksidelta"};
  EraseAndCheck(*head, case_id, witness_id, {"Saksidelta", "0857 9090 1010"},
                {"Korbanbeta", "Pelakugama", "Walipelapor"}, names);
  EraseAndCheck(*head, case_id, perpetrator_id, {"Pelakugama", "6271010202750004", "Jl. Pelaku 4"},
                {"Korbanbeta", "Walipelapor"}, names);
  EraseAndCheck(*head, case_id, reporter_id,
                {"Walipelapor", "6271010101800003", "0812 1212 3434", "Jl. Wali 3"}, {"Korbanbeta"},
                names);
  EraseAndCheck(*head, case_id, client_id, {"Korbanbeta", "6271014106140002", "Ayah melaporkan"},
                {}, names);
}

TEST_F(ErasureTest, OnlyTheUnitHeadRecordsALawfulRequestAndTheCliStillErases) {
  auto worker = As("worker");
  auto head = As("head");
  auto k = worker->Post("/api/v1/cases", IntakeJson("Klien Aksesdata")).Json();
  std::string client_id = Str(k.at("client"), "person_id");
  std::string reporter_id = Str(k.at("reporter"), "person_id");
  std::string erasure = "/api/v1/people/" + client_id + "/erasure";
  std::string access = "/api/v1/people/" + client_id + "/access-request";

  // An administrator holds no case role; staff of the unit are not its head; another unit's
  // head does not find the person at all.
  EXPECT_EQ(As("admin")->Post(erasure, kLawful).ErrorCode(), "no_unit_role");
  EXPECT_EQ(worker->Post(erasure, kLawful).ErrorCode(), "unit_head_required");
  EXPECT_EQ(worker->Post(access, kLawful).ErrorCode(), "unit_head_required");
  EXPECT_EQ(As("otherhead")->Post(access, kLawful).status, 404);
  // The request's legal basis and reference are required.
  auto r = head->Post(erasure, R"({"legal_basis":"UU 27/2022"})");
  EXPECT_EQ(r.status, 400) << r.body;
  r = head->Post(access, R"({"reference":"046/UPTD-PPA/XII/2026"})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(head->Get("/api/v1/cases/" + Str(k, "id")).Json().at("client").at("name").as_string(),
            "Klien Aksesdata")
      << "nothing erased by refused requests";

  // Access: her own data, with the request recorded.
  r = head->Post(access, R"({"legal_basis":"UU 27/2022 Pasal 7: hak akses subjek data",)"
                         R"("reference":"046/UPTD-PPA/XII/2026"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto exported = r.Json();
  EXPECT_EQ(Str(exported.at("data").at("client"), "name"), "Klien Aksesdata");
  EXPECT_EQ(r.body.find("Pelapor Uji"), std::string::npos) << "not the reporter's data";
  EXPECT_EQ(Str(exported.at("request"), "kind"), "access");
  EXPECT_TRUE(exported.at("files").is_array());
  auto events = head->Get("/api/v1/cases/" + Str(k, "id") + "/events").Json();
  std::string head_id = Str(head->Get("/api/v1/session").Json().at("user"), "id");
  int requests = 0;
  for (const auto& e : events.at("items").as_array())
    if (Str(e, "type") == "DataSubjectRequestRecorded") {
      ++requests;
      EXPECT_EQ(Str(e, "actor"), head_id);
      EXPECT_EQ(Str(e.at("payload"), "reference"), "046/UPTD-PPA/XII/2026");
      EXPECT_EQ(Str(e.at("payload"), "legal_basis"), "UU 27/2022 Pasal 7: hak akses subjek data");
    }
  EXPECT_EQ(requests, 1);

  // The CLI keeps working (for a unit without a head account yet).
  auto cli = harness_->Cli({"person", "erase", reporter_id});
  EXPECT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_TRUE(
      head->Get("/api/v1/cases/" + Str(k, "id")).Json().at("reporter").at("name").is_null());
  // Erased: an access or erasure request finds no one.
  EXPECT_EQ(head->Post("/api/v1/people/" + reporter_id + "/access-request", kLawful).status, 404);
}

}  // namespace
}  // namespace lindungi::testing
