// A fresh store for store tests (SQLite in a temp directory, or a fresh PostgreSQL database
// when LINDUNGI_TEST_BACKEND=postgres), plus raw access for tampering (as an attacker
// holding the database would).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "store/database.h"
#include "store/event_log.h"
#include "support/backend.h"

namespace lindungi::store {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("lindungi-store-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(dir_);
    url_ = testing::UsePostgres() ? testing::NewPostgresDatabase()
                                  : "sqlite:" + (dir_ / "test.db").string();
    db_ = OpenDatabase(url_);
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

  // Runs SQL directly on the database, bypassing the store and its append-only triggers.
  void Tamper(const std::string& sql) {
    db_->Close();
    db_.reset();
    testing::Tamper(url_, sql);
    db_ = OpenDatabase(url_);
  }

  bool postgres() const { return url_.starts_with("postgres://"); }

  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

}  // namespace lindungi::store
