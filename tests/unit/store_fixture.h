// A fresh SQLite store in a temp directory for store tests, plus raw access to the file
// for tampering (as an attacker with the file would).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "store/database.h"
#include "store/event_log.h"

namespace lindungi::store {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("lindungi-store-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
    db_ = OpenDatabase("sqlite:" + path_);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<AppendResult> Append(const std::string& stream, ExpectedVersion v,
                              std::vector<NewEvent> events) {
    Result<AppendResult> out = Fail(MakeError(ErrorKind::kInternal, "unset", "", ""));
    auto w = db_->Write([&](SqlConn& c) -> Result<boost::json::value> {
      out = AppendEvents(c, stream, v, events, "tester", "2026-11-23T10:00:00.000Z");
      if (!out) return Fail(out.error());
      return boost::json::value();
    });
    if (!w) return Fail(w.error());
    return out;
  }

  std::vector<ChainProblem> Verify() {
    std::vector<ChainProblem> p;
    db_->Read([&](SqlConn& c) { p = VerifyChains(c); });
    return p;
  }

  // Runs SQL directly on the file, bypassing the store (and its append-only triggers).
  void Tamper(const std::string& sql) {
    db_->Close();
    db_.reset();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
    std::string script =
        "DROP TRIGGER IF EXISTS events_append_only_update; "
        "DROP TRIGGER IF EXISTS events_append_only_delete; " +
        sql;
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(raw, script.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << (err ? err : "");
    sqlite3_close(raw);
    db_ = OpenDatabase("sqlite:" + path_);
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

}  // namespace lindungi::store
