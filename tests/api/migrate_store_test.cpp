// `lindungi migrate-store` moves a populated unit to the other backend (SQLite ->
// PostgreSQL, or back when the suite runs on PostgreSQL); every query answers the same.
#include "api/api_fixture.h"
#include "support/backend.h"

namespace lindungi::testing {
namespace {

std::string Answers(ServerHarness& h, const std::vector<std::string>& ids) {
  h.Start();
  Client c(h.base_url());
  EXPECT_EQ(c.Login("worker", kTestPassword).status, 201);
  std::string all =
      c.Get("/api/v1/cases?page_size=200").body + c.Get("/api/v1/cases?status=closed").body;
  for (const auto& id : ids)
    all += c.Get("/api/v1/cases/" + id).body + c.Get("/api/v1/cases/" + id + "/events").body;
  EXPECT_EQ(h.Stop(), 0);
  return all + h.Cli({"user", "list"}).output + h.Cli({"unit", "list"}).output;
}

TEST(MigrateStoreTest, AMovedUnitAnswersEveryQueryTheSame) {
  ServerHarness h;
  h.AddUser("worker", "case_worker");
  h.AddUser("other", "intake_officer", "OTHER");
  h.Start();
  std::vector<std::string> ids;
  {
    Client c(h.base_url());
    ASSERT_EQ(c.Login("worker", kTestPassword).status, 201);
    for (int i = 0; i < 12; ++i) {
      auto r = c.Post("/api/v1/cases", IntakeJson("Pindah " + std::to_string(i)),
                      {"Idempotency-Key: move-" + std::to_string(i)});
      ASSERT_EQ(r.status, 201);
      ids.push_back(std::string(r.Json().at("id").as_string()));
    }
    ASSERT_EQ(
        c.Request("PATCH", "/api/v1/cases/" + ids[3], R"({"version":1,"status":"in_progress"})")
            .status,
        200);
  }
  ASSERT_EQ(h.Stop(), 0);
  std::string before = Answers(h, ids);

  std::string target =
      UsePostgres() ? "sqlite:" + h.data_dir() + "/moved.db" : NewPostgresDatabase();
  auto moved = h.Cli({"migrate-store", "--from", h.db_url(), "--to", target});
  ASSERT_EQ(moved.exit_code, 0) << moved.output;
  EXPECT_NE(moved.output.find("100%"), std::string::npos) << moved.output;  // the progress bar
  EXPECT_NE(moved.output.find("verified"), std::string::npos);

  std::string source = h.db_url();
  std::string reads = RawSql(source, "SELECT COUNT(*) FROM access_log");
  EXPECT_NE(reads, "0");
  EXPECT_EQ(RawSql(target, "SELECT COUNT(*) FROM access_log"), reads) << "the access log moves too";
  h.UseDatabase(target);
  EXPECT_EQ(Answers(h, ids), before);
  EXPECT_EQ(h.Cli({"audit", "verify"}).exit_code, 0);
  // The moved store keeps passwords, case numbering and idempotency keys.
  h.Start();
  Client c(h.base_url());
  ASSERT_EQ(c.Login("worker", kTestPassword).status, 201);
  auto replay = c.Post("/api/v1/cases", IntakeJson("Pindah 0"), {"Idempotency-Key: move-0"});
  EXPECT_EQ(replay.Json().at("id").as_string(), ids[0]);
  auto next = c.Post("/api/v1/cases", IntakeJson("Sesudah pindah"));
  EXPECT_TRUE(std::string(next.Json().at("number").as_string()).ends_with("/00013")) << next.body;
  h.Stop();

  // A second move into the now non-empty target is refused.
  auto again = h.Cli({"migrate-store", "--from", source, "--to", target});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("empty store"), std::string::npos) << again.output;
}

}  // namespace
}  // namespace lindungi::testing
