// Every answer the API tests receive is checked against docs/api/openapi.yaml when the run
// ends (issue 12 item 15): the harness's HTTP client records each one, and
// support/openapi_check.py (python3-jsonschema) validates path, method, status, media type
// and JSON body against the document. Any mismatch, or a route the document lacks, fails the
// run, so the document cannot drift from the server.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "support/http_client.h"

namespace lindungi::testing {
namespace {

struct CheckRun {
  int exit_code = -1;
  std::string output;
};

// Runs support/openapi_check.py on `answers_file` against the shipped document.
CheckRun RunCheck(const std::string& answers_file) {
  std::string cmd = std::string("/usr/bin/python3 ") + LINDUNGI_SOURCE_DIR +
                    "/tests/support/openapi_check.py " + LINDUNGI_SOURCE_DIR +
                    "/docs/api/openapi.yaml " + answers_file + " 2>&1";
  CheckRun r;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) r.output.append(buf.data(), n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class OpenApiAnswers : public ::testing::Environment {
 public:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("lindungi-answers-" + std::to_string(::getpid()) + ".jsonl"))
                .string();
    RecordAnswersTo(path_);
  }
  void TearDown() override {
    RecordAnswersTo("");
    auto r = RunCheck(path_);
    const std::string& out = r.output;
    std::cout << out;
    if (r.exit_code != 0) {
      ADD_FAILURE() << "The API's answers do not match docs/api/openapi.yaml (answers kept in "
                    << path_ << "):\n"
                    << out;
    } else {
      std::filesystem::remove(path_);
    }
  }

 private:
  std::string path_;
};

// The checker itself: a documented answer passes; an undocumented route, an undocumented
// status and a body that breaks its schema each fail with a line that names them.
TEST(OpenApiCheckTest, TheCheckerPassesTheDocumentedAndNamesEachMismatch) {
  auto file = std::filesystem::temp_directory_path() /
              ("lindungi-check-" + std::to_string(::getpid()) + ".jsonl");
  auto write = [&](const std::string& text) {
    std::FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  };
  write(
      R"({"method":"GET","path":"/healthz","status":200,"content_type":"application/json; charset=utf-8","size":15,"body":"{\"status\":\"ok\"}"})"
      "\n"
      R"({"method":"GET","path":"/tidak-ada","status":404,"content_type":"application/json","size":2,"body":"{}"})"
      "\n");
  auto good = RunCheck(file.string());
  EXPECT_EQ(good.exit_code, 0) << good.output;

  write(
      R"({"method":"POST","path":"/api/v1/cases/0b8f3c1e-1111-4222-8333-444455556666/closing","status":201,"content_type":"application/json","size":2,"body":"{}"})"
      "\n"
      R"({"method":"GET","path":"/healthz","status":418,"content_type":"application/json","size":2,"body":"{}"})"
      "\n"
      R"({"method":"GET","path":"/healthz","status":200,"content_type":"application/json","size":16,"body":"{\"status\":42}"})"
      "\n");
  auto bad = RunCheck(file.string());
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("UNDOCUMENTED ROUTE: POST /api/v1/cases/{id}/closing"),
            std::string::npos)
      << bad.output;
  EXPECT_NE(bad.output.find("GET /healthz: status 418 is not documented"), std::string::npos)
      << bad.output;
  EXPECT_NE(bad.output.find("GET /healthz 200: at status"), std::string::npos) << bad.output;
  std::filesystem::remove(file);
}

[[maybe_unused]] ::testing::Environment* const kOpenApiAnswers =
    ::testing::AddGlobalTestEnvironment(new OpenApiAnswers);

}  // namespace
}  // namespace lindungi::testing
