// `lindungi keys rotate` against a running server: it re-wraps every person key and
// re-seals two-step log-in secrets under a new data key while the server keeps taking
// intakes, and afterwards every case still reads back, search still finds people, the
// audit chain verifies and no row is left under the old key. An install whose key file
// has the first (two-line) format keeps working and rotates too.
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include <boost/json/serialize.hpp>

#include <chrono>

#include "api/api_fixture.h"
#include "support/backend.h"

namespace lindungi::testing {
namespace {

constexpr const char* kNik = "6271015566778899";

std::string WithNik(const std::string& name, const std::string& nik) {
  return Replace(IntakeJson(name), R"("sex")", R"("nik":")" + nik + R"(","sex")");
}

std::string ReadText(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::size_t Hits(Client& c, const std::string& query) {
  auto r = c.Get("/api/v1/people?" + query);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.Json().at("items").as_array().size() : 0;
}

std::int64_t Count(const ServerHarness& h, const std::string& sql) {
  return std::stoll(RawSql(h.db_url(), sql));
}

TEST(KeyRotationTest, RotatingWhileServingKeepsEveryCaseReadableAndSearchable) {
  ServerHarness h;
  h.AddUser("worker", "case_worker");
  h.AddUser("kepala", "case_worker");
  h.Start();
  Client c(h.base_url());
  ASSERT_EQ(c.Login("worker", kTestPassword).status, 201);
  std::map<std::string, std::string> names;  // case id -> client name
  std::mutex names_mu;
  auto create = [&](Client& cl, const std::string& name, const std::string& body) {
    auto r = cl.Post("/api/v1/cases", body);
    if (r.status != 201) return false;
    std::lock_guard lock(names_mu);
    names[Str(r.Json(), "id")] = name;
    return true;
  };
  for (int i = 0; i < 12; ++i) {
    std::string name = "Sebelum Rotasi " + std::to_string(i);
    ASSERT_TRUE(create(c, name, IntakeJson(name)));
  }
  ASSERT_TRUE(create(c, "Kartika Sebelumnya", WithNik("Kartika Sebelumnya", kNik)));

  // Two-step log-in turned on before the rotation: its secret is sealed by the old key.
  Client t(h.base_url());
  ASSERT_EQ(t.Login("kepala", kTestPassword).status, 201);
  auto start = t.Post("/api/v1/session/totp", "{}");
  ASSERT_EQ(start.status, 201) << start.body;
  std::string secret = Str(start.Json(), "secret");
  // The code used to confirm and when: later checks stay in that 30-second step's frame, so
  // a slow run crossing a step boundary cannot turn it into a fresh code.
  std::string confirm_code = CodeFor(secret);
  auto confirmed_at = std::chrono::steady_clock::now();
  ASSERT_EQ(t.Post("/api/v1/session/totp/confirm", R"({"code":")" + confirm_code + R"("})").status,
            200);

  std::string old_key = RawSql(h.db_url(), "SELECT key_id FROM person_keys LIMIT 1");
  ASSERT_TRUE(old_key.starts_with("k1-")) << old_key;
  ASSERT_EQ(Count(h, "SELECT COUNT(*) FROM person_keys WHERE key_id = '" + old_key + "'"), 26);

  // Intakes keep coming during the rotation.
  std::atomic<bool> stop{false};
  std::atomic<int> accepted{0}, refused{0};
  std::thread writer([&] {
    Client w(h.base_url());
    if (w.Login("worker", kTestPassword).status != 201) {
      ++refused;
      return;
    }
    for (int i = 0; !stop; ++i) {
      std::string name = "Selama Rotasi " + std::to_string(i);
      (create(w, name, IntakeJson(name)) ? accepted : refused)++;
    }
  });
  while (accepted < 3) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  int before = accepted;
  auto rotated = h.Cli({"keys", "rotate", "--batch-size", "4", "--pause-ms", "40", "--retire"});
  int during = accepted - before;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // and some after it
  stop = true;
  writer.join();
  ASSERT_EQ(rotated.exit_code, 0) << rotated.output;
  EXPECT_EQ(refused, 0) << "the server kept accepting intakes";
  EXPECT_GT(during, 0) << "intakes were accepted while the rotation ran";
  ::testing::Test::RecordProperty("intakes_during_rotation", during);
  for (const char* text : {"New data key k2-", "re-wrapping person keys", "100%",
                           "re-sealing secrets  1/1  100%", "Retired"}) {
    EXPECT_NE(rotated.output.find(text), std::string::npos) << text << "\n" << rotated.output;
  }
  EXPECT_NE(rotated.output.find("Retired " + old_key), std::string::npos) << rotated.output;
  ASSERT_TRUE(create(c, "Sesudah Rotasi", IntakeJson("Sesudah Rotasi")));

  // Nothing is left under the old key, including what the server wrote meanwhile.
  EXPECT_EQ(Count(h, "SELECT COUNT(*) FROM person_keys WHERE key_id = '" + old_key + "'"), 0);
  EXPECT_EQ(Count(h, "SELECT COUNT(DISTINCT key_id) FROM person_keys"), 1);
  EXPECT_EQ(Count(h, "SELECT COUNT(*) FROM person_keys"), std::int64_t(names.size()) * 2);
  EXPECT_EQ(Count(h, "SELECT COUNT(*) FROM totp WHERE secret LIKE '" + old_key + "%'"), 0);
  std::string key_file = ReadText(h.data_dir() + "/keys/data.key");
  EXPECT_EQ(key_file.find(old_key), std::string::npos) << "retired";
  EXPECT_NE(key_file.find("\nkey k2-"), std::string::npos) << key_file;
  struct stat st {};
  ASSERT_EQ(::stat((h.data_dir() + "/keys/data.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);

  // Every case reads back decrypted through the running server.
  EXPECT_GT(names.size(), 14u);
  for (const auto& [id, name] : names) {
    auto r = c.Get("/api/v1/cases/" + id);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(r.Json().at("client"), "name"), name) << id;
    EXPECT_EQ(Str(r.Json().at("reporter"), "name"), "Pelapor Uji");
  }
  // Search entries made before the rotation still match.
  EXPECT_EQ(Hits(c, "name=kartika%20sebelumnya"), 1u);
  EXPECT_EQ(Hits(c, std::string("nik=") + kNik), 1u);
  EXPECT_EQ(Hits(c, "name=sebelum%20rotasi"), 12u);
  EXPECT_EQ(Hits(c, "name=sesudah"), 1u);

  // Two-step log-in works with the re-sealed secret, and a used code still works only once.
  Client d(h.base_url());
  auto login = [&](const std::string& code) {
    boost::json::object o{{"username", "kepala"}, {"password", kTestPassword}, {"totp", code}};
    return d.Post("/api/v1/session", boost::json::serialize(o));
  };
  EXPECT_EQ(login(confirm_code).ErrorCode(), "invalid_totp_code") << "used to confirm";
  auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                  confirmed_at)
                     .count();
  EXPECT_EQ(login(CodeFor(secret, 30 - elapsed)).status, 201) << "the next step's code";

  auto verify = h.Cli({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  auto status = h.Cli({"keys", "status"});
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("current  person keys " + std::to_string(names.size() * 2) +
                               "  secrets 1"),
            std::string::npos)
      << status.output;
  EXPECT_EQ(status.output.find("older"), std::string::npos) << status.output;
  EXPECT_EQ(h.Stop(), 0);
}

TEST(KeyRotationTest, AnInstallWithTheFirstKeyFileFormatKeepsWorkingAndRotates) {
  ServerHarness h;
  h.AddUser("worker", "case_worker");
  h.Start();
  std::string id;
  {
    Client c(h.base_url());
    ASSERT_EQ(c.Login("worker", kTestPassword).status, 201);
    auto r = c.Post("/api/v1/cases", WithNik("Lestari Lama", kNik));
    ASSERT_EQ(r.status, 201) << r.body;
    id = Str(r.Json(), "id");
  }
  ASSERT_EQ(h.Stop(), 0);
  // The key file as `lindungi init` wrote it before this version: "<id>\n<base64>\n".
  std::string path = h.data_dir() + "/keys/data.key";
  std::string text = ReadText(path);
  auto at = text.find("\nkey ");
  ASSERT_NE(at, std::string::npos) << text;
  std::istringstream line(text.substr(at + 5));
  std::string key_id, key;
  line >> key_id >> key;
  std::ofstream(path, std::ios::trunc) << key_id << "\n" << key << "\n";
  ASSERT_EQ(ReadText(path), key_id + "\n" + key + "\n");

  h.Start();
  Client c(h.base_url());
  ASSERT_EQ(c.Login("worker", kTestPassword).status, 201);
  auto got = c.Get("/api/v1/cases/" + id);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(Str(got.Json().at("client"), "name"), "Lestari Lama");
  EXPECT_EQ(Hits(c, std::string("nik=") + kNik), 1u) << "the index key is the one derived before";

  auto rotated = h.Cli({"keys", "rotate"});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.output;
  EXPECT_NE(rotated.output.find("The older keys stay in the key file"), std::string::npos);
  text = ReadText(path);
  EXPECT_TRUE(text.find("lindungi-keys 2") != std::string::npos) << text;
  EXPECT_NE(text.find("key " + key_id + " " + key), std::string::npos) << "the old key is kept";
  EXPECT_EQ(Str(c.Get("/api/v1/cases/" + id).Json().at("client"), "name"), "Lestari Lama");
  EXPECT_EQ(Hits(c, "name=lestari"), 1u);
  EXPECT_EQ(Hits(c, std::string("nik=") + kNik), 1u);
  auto status = h.Cli({"keys", "status"});
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find(key_id + "  older    person keys 0  secrets 0"), std::string::npos)
      << status.output;
  EXPECT_EQ(h.Cli({"audit", "verify"}).exit_code, 0);

  // A rewrap with nothing left to do is harmless.
  auto again = h.Cli({"keys", "rewrap"});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("Re-wrapped 0 person key(s)"), std::string::npos) << again.output;
}

}  // namespace
}  // namespace lindungi::testing
