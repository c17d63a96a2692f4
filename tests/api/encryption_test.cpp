// Encryption at rest: names, NIK, birth dates, addresses, phone numbers and narratives are
// unreadable in the store (the SQLite files, or PostgreSQL's tables), readable through the
// API, and erasing a person destroys their key while the history stays verifiable.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/api_fixture.h"
#include "support/backend.h"

namespace lindungi::testing {
namespace {
namespace fs = std::filesystem;

constexpr const char* kName = "Rahmawati Distinctiva";
constexpr const char* kNik = "6271019988776655";
constexpr const char* kStory = "Narasi rahasia XYZZY tentang kejadian";
constexpr const char* kReporter = "Pelapor Istimewa Qwz";

std::string Body() {
  return std::string(R"({"channel":"walk_in","reporter":{"name":")") + kReporter +
         R"(","relation":"neighbour","phone":"0812 7777 0101"},"client":{"name":")" + kName +
         R"(","sex":"female","birth_date":"2012-05-17","nik":")" + kNik +
         R"(","address":"Jl. Kenanga Rahasia 7"},"narrative":")" + kStory + R"("})";
}

class EncryptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.AddUser("worker", "case_worker");
    h_.AddUser("head", "unit_head");
    h_.Start();
    c_ = std::make_unique<Client>(h_.base_url());
    ASSERT_EQ(c_->Login("worker", kTestPassword).status, 201);
  }
  // Everything the store holds, as someone who copied it would see it.
  std::string StoreBytes() {
    if (UsePostgres()) {
      // Every row of every table, as text.
      std::string all;
      std::stringstream tables(
          RawSql(h_.db_url(),
                 "SELECT string_agg(table_name, ' ') FROM information_schema.tables WHERE "
                 "table_schema = 'public'"));
      for (std::string t; tables >> t;)
        all += RawSql(h_.db_url(), "SELECT string_agg(x::text, ' ') FROM \"" + t + "\" x") + "\n";
      return all;
    }
    std::string all;
    for (const auto& e : fs::recursive_directory_iterator(h_.data_dir())) {
      if (!e.is_regular_file() || e.path().parent_path().filename() == "keys") continue;
      std::ifstream f(e.path(), std::ios::binary);
      std::stringstream s;
      s << f.rdbuf();
      all += s.str();
    }
    return all;
  }
  ServerHarness h_;
  std::unique_ptr<Client> c_;
};

TEST_F(EncryptionTest, IdentifyingFieldsAreUnreadableInTheStoreAndReadableThroughTheApi) {
  auto r = c_->Post("/api/v1/cases", Body());
  ASSERT_EQ(r.status, 201) << r.body;
  auto created = r.Json();
  EXPECT_EQ(Str(created.at("client"), "name"), kName);
  EXPECT_EQ(Str(created.at("client"), "nik"), kNik);
  EXPECT_EQ(created.at("client").at("age_years").as_int64() >= 13, true);  // coded, clear
  std::string id = Str(created, "id");
  auto got = c_->Get("/api/v1/cases/" + id).Json();
  EXPECT_EQ(Str(got, "narrative"), kStory);
  EXPECT_EQ(Str(got.at("reporter"), "name"), kReporter);
  EXPECT_EQ(Str(got.at("client"), "birth_date"), "2012-05-17");
  auto events = c_->Get("/api/v1/cases/" + id + "/events").body;
  EXPECT_NE(events.find(kName), std::string::npos) << "history reads decrypted";
  ASSERT_EQ(c_->Request("PATCH", "/api/v1/cases/" + id,
                        R"({"version":1,"narrative":"Narasi diperbaiki XYZZY-2"})")
                .status,
            200);

  std::string bytes = StoreBytes();
  ASSERT_FALSE(bytes.empty());
  for (const char* secret :
       {kName, kNik, kStory, kReporter, "XYZZY-2", "Kenanga", "2012-05-17", "0812 7777 0101"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " is readable in the store";
  }
  EXPECT_NE(bytes.find("enc1."), std::string::npos);

  // The data key lives outside the database, readable by the owner only.
  struct stat st {};
  ASSERT_EQ(::stat((h_.data_dir() + "/keys/data.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST_F(EncryptionTest, NotesReasonsAndRepeatableAnswersRestEncrypted) {
  auto pack = h_.Cli({"unit", "set-pack", "TEST", "kalteng"});
  ASSERT_EQ(pack.exit_code, 0) << pack.output;
  Client head(h_.base_url());
  ASSERT_EQ(head.Login("head", kTestPassword).status, 201);
  // An Idempotency-Key keeps the first answer for a retry: stored as sealed as the case.
  auto r = c_->Post("/api/v1/cases", Body(), {"Idempotency-Key: enc-intake-1"});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id = Str(r.Json(), "id");
  auto again = c_->Post("/api/v1/cases", Body(), {"Idempotency-Key: enc-intake-1"});
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(Str(again.Json().at("client"), "name"), kName) << "a replay reads decrypted";

  std::string path = "/api/v1/cases/" + id;
  // The case worker opened it; another joins its team, with a reason.
  h_.AddUser("pendamping", "case_worker");
  Client companion(h_.base_url());
  ASSERT_EQ(companion.Login("pendamping", kTestPassword).status, 201);
  std::string companion_id = Str(companion.Get("/api/v1/session").Json().at("user"), "id");
  r = head.Post(path + "/team",
                R"({"user_id":")" + companion_id + R"(","reason":"Alasan tim QQTEAM"})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = c_->Request("PUT", path + "/sensitivity",
                  R"({"sensitive":true,"reason":"Alasan sensitif QQSENS"})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = c_->Post(path + "/sops", R"({"sop":"kalteng/pengaduan-tidak-langsung"})");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string task = Str(r.Json().at("open_tasks").as_array().at(0), "id");
  r = head.Post("/api/v1/tasks/" + task + "/waive", R"({"reason":"Alasan pengecualian QQWAIVE"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.Json().at("waiver"), "reason"), "Alasan pengecualian QQWAIVE");
  r = head.Post("/api/v1/tasks/" + task + "/complete", R"({"note":"Catatan rahasia QQNOTE"})",
                {"Idempotency-Key: enc-complete-1"});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.Json().at("task"), "note"), "Catatan rahasia QQNOTE");
  // Read back through the API: the task, the case's SOPs, its history.
  auto t = head.Get("/api/v1/tasks/" + task).Json();
  EXPECT_EQ(Str(t, "note"), "Catatan rahasia QQNOTE");
  EXPECT_EQ(Str(t.at("waiver"), "reason"), "Alasan pengecualian QQWAIVE");
  EXPECT_NE(head.Get(path + "/sops").body.find("QQNOTE"), std::string::npos);
  std::string history = head.Get(path + "/events").body;
  for (const char* s : {"QQTEAM", "QQSENS", "QQWAIVE", "QQNOTE"})
    EXPECT_NE(history.find(s), std::string::npos) << s << " reads decrypted in the history";

  // People beyond the intake and incidents are sealed the same way.
  auto client = Str(head.Get(path).Json().at("client"), "person_id");
  r = c_->Post(path + "/people", R"({"role":"perpetrator","name":"Terlapor QQPERP",)"
                                 R"("nik":"6271019900001111","region":{"province":"62",)"
                                 R"("regency":"62.71","district":"62.71.01",)"
                                 R"("village":"62.71.01.1009"}})");
  ASSERT_EQ(r.status, 201) << r.body;
  r = c_->Post(path + "/people", R"({"role":"guardian","name":"Wali QQGUARD","sex":"female",)"
                                 R"("relation":"parent","guardian_of":")" +
                                     client + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  r = c_->Post(path + "/incidents", R"({"date":"2026-11-19","place_type":"household",)"
                                    R"("place":"Gubuk QQPLACE","forms":["physical"],)"
                                    R"("narrative":"Kronologi QQINCIDENT"})");
  ASSERT_EQ(r.status, 201) << r.body;

  std::string bytes = StoreBytes();
  ASSERT_FALSE(bytes.empty());
  EXPECT_NE(bytes.find("62.71.01\""), std::string::npos) << "the district stays coded";
  for (const char* secret :
       {kName, kNik, kStory, kReporter, "QQTEAM", "QQSENS", "QQWAIVE", "QQNOTE", "Kenanga",
        "QQPERP", "6271019900001111", "QQGUARD", "QQPLACE", "QQINCIDENT", "62.71.01.1009"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " is readable in the store";
  }
}

TEST_F(EncryptionTest, ErasingAPersonDestroysTheirKeyAndTheHistoryStaysVerifiable) {
  auto r = c_->Post("/api/v1/cases", Body());
  ASSERT_EQ(r.status, 201);
  auto created = r.Json();
  std::string id = Str(created, "id");
  std::string client = Str(created.at("client"), "person_id");

  auto erased = h_.Cli({"person", "erase", client});
  ASSERT_EQ(erased.exit_code, 0) << erased.output;
  EXPECT_NE(h_.Cli({"person", "erase", client}).exit_code, 0) << "already erased";

  auto got = c_->Get("/api/v1/cases/" + id).Json();
  EXPECT_TRUE(got.at("client").at("name").is_null());
  EXPECT_TRUE(got.at("client").at("nik").is_null());
  EXPECT_TRUE(got.at("narrative").is_null());
  EXPECT_EQ(Str(got.at("reporter"), "name"), kReporter) << "only that person is erased";
  EXPECT_EQ(Str(got.at("client"), "sex"), "female") << "coded fields stay";
  auto events = c_->Get("/api/v1/cases/" + id + "/events").body;
  EXPECT_NE(events.find("PersonErased"), std::string::npos);
  EXPECT_EQ(events.find(kName), std::string::npos);
  auto verify = h_.Cli({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_EQ(c_->Get(std::string("/api/v1/people?nik=") + kNik).Json().at("items").as_array().size(),
            0u)
      << "an erased person is not found by search either";
}

TEST_F(EncryptionTest, UploadedFilesRestSealedAndGoWithTheirPersonsKey) {
  auto r = c_->Post("/api/v1/cases", Body());
  ASSERT_EQ(r.status, 201);
  std::string id = Str(r.Json(), "id");
  std::string client = Str(r.Json().at("client"), "person_id");
  // A scan whose text names the client, sent in two chunks.
  std::string pdf = std::string("%PDF-1.4\n(") + kName + " " + kNik + ")\n";
  while (pdf.size() < 700 * 1024) pdf += "isi pindaian visum ";
  pdf += "\n%%EOF\n";
  const std::string path = "/api/v1/cases/" + id;
  auto s = c_->Post(path + "/uploads", R"({"media_type":"application/pdf","size":)" +
                                           std::to_string(pdf.size()) + "}");
  ASSERT_EQ(s.status, 201) << s.body;
  std::string up = path + "/uploads/" + Str(s.Json(), "upload_id");
  auto put = [&](std::size_t from, std::size_t n) {
    return c_->Request("PUT", up + "/chunks/" + std::to_string(from), pdf.substr(from, n),
                       {"Content-Type: application/octet-stream"}, false);
  };
  ASSERT_EQ(put(0, 512 * 1024).status, 200);
  EXPECT_EQ(StoreBytes().find(kNik), std::string::npos) << "a chunk in progress is sealed";
  ASSERT_EQ(put(512 * 1024, pdf.size()).status, 200);
  auto done = c_->Post(up + "/complete", "{}");
  ASSERT_EQ(done.status, 201) << done.body;
  std::string file = path + "/documents/" + Str(done.Json(), "id") + "/file";
  EXPECT_TRUE(c_->Get(file).body == pdf);
  std::string stored = StoreBytes();
  EXPECT_EQ(stored.find(kNik), std::string::npos) << "the file is sealed";
  EXPECT_EQ(stored.find("isi pindaian visum"), std::string::npos);

  // An access request hands the client their file too, beside the export.
  std::string out = h_.data_dir() + "/export-files.json";
  auto e = h_.Cli({"export-person", client, "--out", out});
  ASSERT_EQ(e.exit_code, 0) << e.output;
  std::string document_id = Str(done.Json(), "id");
  {
    std::ifstream f(out);
    std::stringstream listed;
    listed << f.rdbuf();
    EXPECT_NE(listed.str().find(document_id), std::string::npos) << listed.str().substr(0, 300);
    std::ifstream copy(out + ".files/" + document_id + ".pdf", std::ios::binary);
    std::stringstream bytes;
    bytes << copy.rdbuf();
    EXPECT_TRUE(bytes.str() == pdf) << "the exported file is the upload";
  }
  fs::remove_all(out + ".files");
  fs::remove(out);

  // Erasing the client erases the file with their key; the record says why it is gone.
  ASSERT_EQ(h_.Cli({"person", "erase", client}).exit_code, 0);
  auto gone = c_->Get(file);
  EXPECT_EQ(gone.status, 422);
  EXPECT_EQ(gone.ErrorCode(), "file_erased");
}

TEST_F(EncryptionTest, AnAccessRequestExportsThePersonsOwnDataOnly) {
  auto r = c_->Post("/api/v1/cases", Body());
  ASSERT_EQ(r.status, 201);
  auto created = r.Json();
  std::string client = Str(created.at("client"), "person_id");
  std::string reporter = Str(created.at("reporter"), "person_id");
  std::string out = h_.data_dir() + "/export.json";
  auto e = h_.Cli({"export-person", client, "--out", out});
  ASSERT_EQ(e.exit_code, 0) << e.output;
  std::ifstream f(out);
  std::stringstream s;
  s << f.rdbuf();
  std::string text = s.str();
  for (const char* mine : {kName, kNik, kStory, "2012-05-17", "Kenanga"})
    EXPECT_NE(text.find(mine), std::string::npos) << mine;
  EXPECT_EQ(text.find(kReporter), std::string::npos) << "not other people's data";
  EXPECT_NE(text.find("CaseOpened"), std::string::npos) << "with the history of their data";
  struct stat st {};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto rep = h_.Cli({"export-person", reporter});
  EXPECT_NE(rep.output.find(kReporter), std::string::npos);
  EXPECT_EQ(rep.output.find(kName), std::string::npos);
  EXPECT_NE(h_.Cli({"export-person", "00000000-0000-4000-8000-000000000000"}).exit_code, 0);
}

TEST_F(EncryptionTest, SearchBeforeCreateFindsNamesAndNikThroughBlindIndexes) {
  ASSERT_EQ(c_->Post("/api/v1/cases", Body()).status, 201);
  ASSERT_EQ(c_->Post("/api/v1/cases", IntakeJson("Rahmawati Lain")).status, 201);
  auto both = c_->Get("/api/v1/people?name=rahmawati");
  ASSERT_EQ(both.status, 200) << both.body;
  EXPECT_EQ(both.Json().at("items").as_array().size(), 2u);
  // Every word must match, in any case and order.
  auto one = c_->Get("/api/v1/people?name=DISTINCTIVA%20rahmawati").Json();
  ASSERT_EQ(one.at("items").as_array().size(), 1u);
  const auto& hit = one.at("items").as_array()[0];
  EXPECT_EQ(Str(hit, "role"), "client");
  EXPECT_EQ(Str(hit.at("person"), "nik"), kNik);
  auto by_nik = c_->Get(std::string("/api/v1/people?nik=") + kNik).Json();
  ASSERT_EQ(by_nik.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(by_nik.at("items").as_array()[0].at("person"), "name"), kName);
  EXPECT_EQ(c_->Get("/api/v1/people?name=rahmawati&nik=1111222233334444")
                .Json()
                .at("items")
                .as_array()
                .size(),
            0u);
  auto reporter = c_->Get("/api/v1/people?name=istimewa").Json();
  ASSERT_EQ(reporter.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(reporter.at("items").as_array()[0], "role"), "reporter");
  // The birth date narrows a name: the intake officer types both (Body() is born
  // 2012-05-17, IntakeJson's client too, so the second case's namesake stays out by name).
  auto born = c_->Get("/api/v1/people?name=rahmawati&birth_date=2012-05-17").Json();
  EXPECT_EQ(born.at("items").as_array().size(), 2u);
  EXPECT_EQ(c_->Get("/api/v1/people?name=rahmawati&birth_date=2013-05-17")
                .Json()
                .at("items")
                .as_array()
                .size(),
            0u);
  EXPECT_EQ(c_->Get("/api/v1/people?birth_date=2012-05-17").ErrorCode(), "search_terms_required");
  EXPECT_EQ(c_->Get("/api/v1/people?name=rahmawati&birth_date=17-05-2012").ErrorCode(),
            "invalid_date");
  // A person added to a case later is found as what they are on it.
  std::string case_id = Str(both.Json().at("items").as_array()[0], "case_id");
  auto added =
      c_->Post("/api/v1/cases/" + case_id + "/people",
               R"({"role":"perpetrator","name":"Terlapor Qwertyuiop","relation":"neighbour",)"
               R"("birth_date":"1980-01-02"})");
  ASSERT_EQ(added.status, 201) << added.body;
  auto perp = c_->Get("/api/v1/people?name=qwertyuiop&birth_date=1980-01-02").Json();
  ASSERT_EQ(perp.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(perp.at("items").as_array()[0], "role"), "perpetrator");
  EXPECT_EQ(Str(perp.at("items").as_array()[0].at("person"), "name"), "Terlapor Qwertyuiop");
  EXPECT_EQ(c_->Get("/api/v1/people").ErrorCode(), "search_terms_required");
  EXPECT_EQ(c_->Get("/api/v1/people?nik=123").ErrorCode(), "invalid_nik");
  // The index holds keyed hashes, not the words.
  EXPECT_EQ(StoreBytes().find("distinctiva"), std::string::npos);
  // Another unit's staff find nothing.
  h_.AddUser("lain", "case_worker", "OTHER");
  Client other(h_.base_url());
  ASSERT_EQ(other.Login("lain", kTestPassword).status, 201);
  EXPECT_EQ(other.Get("/api/v1/people?name=rahmawati").Json().at("items").as_array().size(), 0u);
}

TEST_F(EncryptionTest, WithoutItsKeyFileAStoreWithEncryptedDataDoesNotOpen) {
  ASSERT_EQ(c_->Post("/api/v1/cases", Body()).status, 201);
  h_.Stop();
  std::string key = h_.data_dir() + "/keys/data.key";
  fs::rename(key, key + ".away");
  auto r = h_.Cli({"unit", "list"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("data key file"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(key)) << "no new key is made over encrypted data";
  fs::rename(key + ".away", key);
  EXPECT_EQ(h_.Cli({"unit", "list"}).exit_code, 0);
}

}  // namespace
}  // namespace lindungi::testing

namespace lindungi::testing {
namespace {

// A safe house's address is where victims hide: sealed in the log, the read table and the
// idempotency table alike, and readable through the API by the head who registered it.
TEST_F(EncryptionTest, ShelterAddressAndStayReasonsRestEncrypted) {
  Client head(h_.base_url());
  ASSERT_EQ(head.Login("head", kTestPassword).status, 201);
  const std::string address = "Gang Persembunyian Qx7 Nomor 3";
  auto shelter = head.Post("/api/v1/shelters",
                           R"({"name":"Rumah Aman Enkripsi","kind":"own","capacity":2,)"
                           R"("takes":"both","address":")" +
                               address + R"("})",
                           {"Idempotency-Key: enc-shelter-1"});
  ASSERT_EQ(shelter.status, 201) << shelter.body;
  EXPECT_EQ(Str(shelter.Json(), "address"), address);
  auto created = c_->Post("/api/v1/cases", Body());
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = Str(created.Json(), "id");
  auto stay = c_->Post("/api/v1/cases/" + id + "/shelter-stays",
                       R"({"shelter_id":")" + Str(shelter.Json(), "id") + R"(","person_id":")" +
                           Str(created.Json().at("client"), "person_id") +
                           R"(","expected_days":5,"reason":"Alasan rahasia Vbn9 penempatan"})");
  ASSERT_EQ(stay.status, 201) << stay.body;
  EXPECT_EQ(Str(stay.Json(), "reason"), "Alasan rahasia Vbn9 penempatan");
  std::string bytes = StoreBytes();
  EXPECT_EQ(bytes.find("Persembunyian Qx7"), std::string::npos) << "the address is readable";
  EXPECT_EQ(bytes.find("Vbn9"), std::string::npos) << "the stay's reason is readable";
  EXPECT_NE(bytes.find("Rumah Aman Enkripsi"), std::string::npos) << "the name stays clear";
}

}  // namespace
}  // namespace lindungi::testing
