#include "service/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace lindungi {
namespace {
namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lindungi-config-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string WriteFile(const std::string& text) {
    auto p = (dir_ / "lindungi.yaml").string();
    std::ofstream(p) << text;
    return p;
  }
  fs::path dir_;
};

TEST_F(ConfigTest, DefaultsWithoutAnySource) {
  auto c = LoadConfig(std::nullopt, {{"LINDUNGI_DATA_DIR", dir_.string()}}, {});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->DatabaseUrl(), "sqlite:" + (dir_ / "lindungi.db").string());
  EXPECT_EQ(c->session_idle_minutes, 15);
  EXPECT_FALSE(c->hsts);
}

TEST_F(ConfigTest, SecuritySettings) {
  WriteFile("hsts: true\nsession_idle_minutes: 30\n");
  auto c = LoadConfig(std::nullopt, {{"LINDUNGI_DATA_DIR", dir_.string()}}, {});
  ASSERT_TRUE(c) << c.error().message_en;
  EXPECT_TRUE(c->hsts);
  EXPECT_EQ(c->session_idle_minutes, 30);
  Config d;
  EXPECT_EQ(ApplySetting(d, "hsts", "yes").error().field, "hsts");
  EXPECT_EQ(ApplySetting(d, "session_idle_minutes", "0").error().field, "session_idle_minutes");
}

TEST_F(ConfigTest, FileThenEnvironmentThenFlags) {
  WriteFile("port: 9000\nworkers: 3\nlog_level: warn\nhost: 0.0.0.0\n");
  std::map<std::string, std::string> env = {
      {"LINDUNGI_DATA_DIR", dir_.string()}, {"LINDUNGI_PORT", "9100"}, {"LINDUNGI_WORKERS", "5"}};
  auto c = LoadConfig(std::nullopt, env, {{"port", "9200"}});
  ASSERT_TRUE(c) << c.error().message_en;
  EXPECT_EQ(c->port, 9200);         // flag beats env and file
  EXPECT_EQ(c->workers, 5);         // env beats file
  EXPECT_EQ(c->log_level, "warn");  // file beats default
  EXPECT_EQ(c->host, "0.0.0.0");
  EXPECT_EQ(c->read_timeout_s, 15);  // default
}

TEST_F(ConfigTest, StoreConnectionsFollowWorkersUpToTheCap) {
  Config c;
  EXPECT_EQ(c.workers, 64);
  EXPECT_EQ(StoreConnections(c), kMaxStoreConnections) << "64 workers share the capped pool";
  c.workers = 3;
  EXPECT_EQ(StoreConnections(c), 7u);
}

TEST_F(ConfigTest, ExplicitFileAndDataDirFlag) {
  auto p = WriteFile("port: 7000\n");
  auto c = LoadConfig(p, {}, {{"data_dir", "/somewhere"}});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->port, 7000);
  EXPECT_EQ(c->data_dir, "/somewhere");
}

TEST_F(ConfigTest, BadValuesAndKeysAreNamed) {
  WriteFile("prot: 80\n");
  auto c = LoadConfig(std::nullopt, {{"LINDUNGI_DATA_DIR", dir_.string()}}, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, "unknown_setting");
  EXPECT_EQ(c.error().field, "prot");

  WriteFile("port: 80\n");
  c = LoadConfig(std::nullopt, {{"LINDUNGI_DATA_DIR", dir_.string()}, {"LINDUNGI_PORT", "eighty"}},
                 {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "port");

  c = LoadConfig((dir_ / "missing.yaml").string(), {}, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, "config_file_missing");

  WriteFile("port: [1, 2\n");
  c = LoadConfig(std::nullopt, {{"LINDUNGI_DATA_DIR", dir_.string()}}, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, "bad_config_file");
}

}  // namespace
}  // namespace lindungi
