// The CLI against a real data directory: users, backup while serving, audit verify with
// tampering, rebuild.

#include <atomic>
#include <fstream>
#include <thread>

#include "api/api_fixture.h"
#include "support/backend.h"

namespace lindungi::testing {
namespace {

TEST(CliTest, VersionAndHelp) {
  ServerHarness h;
  auto v = h.Cli({"version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.output.find("lindungi "), std::string::npos);
  auto help = h.Cli({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* cmd : {"init", "serve", "user", "audit", "rebuild", "backup", "version"}) {
    EXPECT_NE(help.output.find(cmd), std::string::npos) << cmd;
  }
}

TEST(CliTest, SopShowPrintsTheTableAndDrawsTheFlowchart) {
  ServerHarness h;
  std::string sops = std::string(LINDUNGI_SOURCE_DIR) + "/sops";
  auto table = h.Cli({"sop", "show", "kalteng/pengaduan-tidak-langsung", "--sops", sops});
  ASSERT_EQ(table.exit_code, 0) << table.output;
  for (const char* text : {"061.1/581/UPT-PPA/DP3APPKB", "| No", "Kegiatan", "Pelaksana",
                           "Kelengkapan", "5 hari kerja", "Kepala Seksi", "(cannot_follow_up)"}) {
    EXPECT_NE(table.output.find(text), std::string::npos) << text;
  }
  auto dot =
      h.Cli({"sop", "show", "kalteng/pengaduan-tidak-langsung", "--format", "dot", "--sops", sops});
  ASSERT_EQ(dot.exit_code, 0);
  EXPECT_NE(dot.output.find("subgraph cluster_"), std::string::npos);
  // klarifikasi is a decision: its outcomes leave from the diamond after it.
  EXPECT_NE(dot.output.find("\"klarifikasi__keputusan\" -> \"_selesai\""), std::string::npos)
      << dot.output;
  auto svg =
      h.Cli({"sop", "show", "kalteng/pengaduan-tidak-langsung", "--format", "svg", "--sops", sops});
  ASSERT_EQ(svg.exit_code, 0) << svg.output;
  EXPECT_NE(svg.output.find("<svg"), std::string::npos);
  for (const char* lane :
       {"Petugas Administrasi", "Kepala Seksi", "Kepala UPTD", "Pelapor", "Selesai"}) {
    EXPECT_NE(svg.output.find(lane), std::string::npos) << lane;
  }
  auto missing = h.Cli({"sop", "show", "kalteng/tidak-ada", "--sops", sops});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find("no SOP"), std::string::npos);
  auto all = h.Cli({"sop", "validate", sops});
  EXPECT_EQ(all.exit_code, 0) << all.output;
  EXPECT_NE(all.output.find("19 SOPs in 5 packs"), std::string::npos) << all.output;
}

TEST(CliTest, LetterSampleWritesAPdfOfEachKind) {
  ServerHarness h;
  for (const char* kind :
       {"surat-tugas", "surat-rujukan", "berita-acara-penyerahan", "surat-pernyataan-persetujuan",
        "surat-perjanjian", "form-terminasi", "laporan-penjangkauan"}) {
    std::string out = h.data_dir() + "/" + kind + ".pdf";
    auto r = h.Cli({"letter", "sample", kind, "--out", out});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream f(out, std::ios::binary);
    std::string head(5, '\0');
    f.read(head.data(), 5);
    EXPECT_EQ(head, "%PDF-") << kind;
  }
  auto bad = h.Cli({"letter", "sample", "surat-cinta"});
  EXPECT_NE(bad.exit_code, 0);
}

TEST(CliTest, AUnitRunsOneSopPackSetAtCreationOrLater) {
  ServerHarness h;
  auto bad = h.Cli({"unit", "add", "--code", "X1", "--name", "Unit X", "--sop-pack", "mars"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.output.find("no pack 'mars'"), std::string::npos) << bad.output;
  EXPECT_EQ(h.Cli({"unit", "add", "--code", "NNK", "--name", "UPTD PPA Nunukan", "--time-zone",
                   "Asia/Makassar", "--sop-pack", "nunukan"})
                .exit_code,
            0);
  auto set = h.Cli({"unit", "set-pack", "TEST", "kalteng"});
  EXPECT_EQ(set.exit_code, 0) << set.output;
  EXPECT_NE(h.Cli({"unit", "set-pack", "NOPE", "kalteng"}).exit_code, 0);
  EXPECT_NE(h.Cli({"unit", "set-pack", "TEST", "mars"}).exit_code, 0);
  auto list = h.Cli({"unit", "list"});
  EXPECT_NE(list.output.find("NNK  UPTD PPA Nunukan  kabupaten_kota  Asia/Makassar  nunukan"),
            std::string::npos)
      << list.output;
  EXPECT_NE(list.output.find("Asia/Jakarta  kalteng"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("OTHER  UPTD PPA Lain  kabupaten_kota  Asia/Makassar  -"),
            std::string::npos)
      << list.output;
}

TEST(CliTest, UnitSetLetterheadSetsTheLetterSettings) {
  ServerHarness h;
  h.AddUser("kepala", "unit_head");
  std::vector<std::string> args = {"unit",
                                   "set-letterhead",
                                   "TEST",
                                   "--authority",
                                   "PEMERINTAH KOTA UJI",
                                   "--authority",
                                   "DINAS PPPA KOTA UJI",
                                   "--name",
                                   "UPTD PPA KOTA UJI",
                                   "--address",
                                   "Jalan Uji 1",
                                   "--phone",
                                   "(0536) 1234",
                                   "--city",
                                   "Kota Uji",
                                   "--head-name",
                                   "Dra. Kepala Uji",
                                   "--head-nip",
                                   "19700101 199001 2 001",
                                   "--head-rank",
                                   "Pembina / IV.a",
                                   "--agenda-pattern",
                                   "{classification}/{seq:03}/{unit}/{year}",
                                   "--classification",
                                   "470",
                                   "--unit-code",
                                   "PPA-UJI"};
  auto bad = args;
  bad[bad.size() - 5] = "{classification}/{nomor}";
  auto r = h.Cli(bad);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("letter number pattern"), std::string::npos) << r.output;
  auto nowhere = args;
  nowhere[2] = "NOPE";
  EXPECT_NE(h.Cli(nowhere).exit_code, 0);
  auto missing = h.Cli({"unit", "set-letterhead", "TEST", "--name", "X"});
  EXPECT_NE(missing.exit_code, 0);
  r = h.Cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  h.Start();
  Client c(h.base_url());
  ASSERT_EQ(c.Login("kepala", kTestPassword).status, 201);
  std::string unit = Str(c.Get("/api/v1/session").Json().at("user").at("roles").at(0), "unit_id");
  auto got = c.Get("/api/v1/units/" + unit + "/letterhead");
  ASSERT_EQ(got.status, 200) << got.body;
  boost::json::value settings = got.Json();
  EXPECT_TRUE(settings.at("configured").as_bool());
  EXPECT_EQ(Str(settings, "name"), "UPTD PPA KOTA UJI");
  EXPECT_EQ(settings.at("authority").as_array().size(), 2u);
  EXPECT_EQ(Str(settings.at("head"), "nip"), "19700101 199001 2 001");
  EXPECT_EQ(Str(settings.at("agenda"), "pattern"), "{classification}/{seq:03}/{unit}/{year}");
}

TEST(CliTest, InitRefusesToOverwriteUnlessIfMissing) {
  ServerHarness h;
  EXPECT_NE(h.Cli({"init"}).exit_code, 0);
  EXPECT_EQ(h.Cli({"init", "--if-missing"}).exit_code, 0);
}

TEST(CliTest, UsersAreManagedFromTheCommandLine) {
  ServerHarness h;
  h.AddUser("sari", "case_worker");
  auto weak =
      h.Cli({"user", "add", "budi", "--role", "case_worker", "--unit", "TEST", "--password-stdin"},
            "short\n");
  EXPECT_NE(weak.exit_code, 0);
  EXPECT_NE(weak.output.find("12"), std::string::npos);
  auto guessable =
      h.Cli({"user", "add", "budi", "--role", "case_worker", "--unit", "TEST", "--password-stdin"},
            "Indonesia2024!\n");
  EXPECT_NE(guessable.exit_code, 0);
  EXPECT_NE(guessable.output.find("easy to guess"), std::string::npos) << guessable.output;
  auto generated = h.Cli({"user", "add", "budi", "--role", "case_manager", "--unit", "TEST"});
  EXPECT_EQ(generated.exit_code, 0) << generated.output;
  EXPECT_NE(generated.output.find("Password (shown only now)"), std::string::npos);
  EXPECT_NE(h.Cli({"user", "add", "x1", "--role", "wizard", "--unit", "TEST"}).exit_code, 0);
  auto list = h.Cli({"user", "list"});
  EXPECT_NE(list.output.find("sari  case_worker@TEST"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("budi  case_manager@TEST"), std::string::npos) << list.output;

  h.Start();
  Client c(h.base_url());
  ASSERT_EQ(c.Login("sari", kTestPassword).status, 201);
  ASSERT_EQ(
      h.Cli({"user", "passwd", "sari", "--password-stdin"}, "a-brand-new-passphrase\n").exit_code,
      0);
  EXPECT_EQ(c.Get("/api/v1/session").status, 401);  // sessions ended
  Client again(h.base_url());
  EXPECT_EQ(again.Login("sari", kTestPassword).status, 401);
  EXPECT_EQ(again.Login("sari", "a-brand-new-passphrase").status, 201);
}

TEST(CliTest, APartnerOrganisationsUserHoldsNoUnitRoleAndSeesNoCase) {
  ServerHarness h;
  h.AddUser("sari", "case_worker");
  auto bad = h.Cli({"partner", "add", "--code", "polres", "--name", "Polres", "--kind", "police"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.output.find("partner code"), std::string::npos) << bad.output;
  EXPECT_NE(h.Cli({"partner", "add", "--code", "X", "--name", "X", "--kind", "wizards"}).exit_code,
            0);
  auto added = h.Cli({"partner", "add", "--code", "POLRES-KC", "--name", "Polres Kota Contoh",
                      "--kind", "police"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(h.Cli({"partner", "add", "--code", "POLRES-KC", "--name", "Lagi", "--kind", "police"})
                .exit_code,
            0);
  // Each line: id (a referral's partner_id), code, kind, unit ("*": every unit's), area, name.
  EXPECT_NE(h.Cli({"partner", "list"}).output.find("  POLRES-KC  police  *  -  Polres Kota Contoh"),
            std::string::npos);
  // A partner's user: no unit role at once, and the partner must exist.
  EXPECT_NE(h.Cli({"user", "add", "aiptu", "--partner", "POLRES-KC", "--role", "case_worker",
                   "--unit", "TEST"})
                .exit_code,
            0);
  EXPECT_NE(h.Cli({"user", "add", "aiptu", "--partner", "TIDAK-ADA"}).exit_code, 0);
  EXPECT_NE(h.Cli({"user", "add", "aiptu"}).exit_code, 0);
  auto user = h.Cli({"user", "add", "aiptu", "--partner", "POLRES-KC", "--password-stdin"},
                    std::string(kTestPassword) + "\n");
  ASSERT_EQ(user.exit_code, 0) << user.output;
  EXPECT_NE(h.Cli({"user", "list"}).output.find("aiptu  partner@POLRES-KC"), std::string::npos);

  h.Start();
  Client staff(h.base_url());
  ASSERT_EQ(staff.Login("sari", kTestPassword).status, 201);
  auto created = staff.Post("/api/v1/cases", IntakeJson("Klien Rujukan"));
  ASSERT_EQ(created.status, 201) << created.body;
  Client p(h.base_url());
  ASSERT_EQ(p.Login("aiptu", kTestPassword).status, 201);
  auto me_r = p.Get("/api/v1/session");
  ASSERT_EQ(me_r.status, 200) << me_r.body;
  auto me = me_r.Json();
  EXPECT_FALSE(me.at("user").at("partner_id").is_null());
  EXPECT_TRUE(me.at("user").at("roles").as_array().empty());
  for (const char* path : {"/api/v1/cases", "/api/v1/tasks", "/api/v1/people?name=klien"}) {
    auto r = p.Get(path);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_EQ(r.ErrorCode(), "no_unit_role") << path;
  }
  EXPECT_EQ(p.Get("/api/v1/sops").status, 200);
}

TEST(CliTest, BackupWhileServingIsConsistent) {
  ServerHarness h;
  if (UsePostgres()) {
    // PostgreSQL is backed up by its own tools; the command says so instead of copying.
    auto r = h.Cli({"backup", h.data_dir() + "/backup.db"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.output.find("pg_basebackup"), std::string::npos) << r.output;
    return;
  }
  h.AddUser("worker", "case_worker");
  h.Start();
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    Client c(h.base_url());
    c.Login("worker", kTestPassword);
    for (int i = 0; !stop; ++i)
      c.Post("/api/v1/cases", IntakeJson("Cadangan " + std::to_string(i)));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::string file = h.data_dir() + "/backup.db";
  auto r = h.Cli({"backup", file});
  stop = true;
  writer.join();
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(RawSql(file, "PRAGMA integrity_check"), "ok");
  EXPECT_GT(std::stoi(RawSql(file, "SELECT COUNT(*) FROM cases")), 0);
  // Every case in the backup has its events (one snapshot, not a torn copy).
  EXPECT_EQ(RawSql(file, "SELECT COUNT(*) FROM cases"),
            RawSql(file, "SELECT COUNT(*) FROM streams WHERE stream_id LIKE 'case-%'"));
}

class AuditAndRebuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.AddUser("worker", "case_worker");
    h_.Start();
    Client c(h_.base_url());
    ASSERT_EQ(c.Login("worker", kTestPassword).status, 201);
    for (int i = 0; i < 5; ++i) {
      auto r = c.Post("/api/v1/cases", IntakeJson("Audit " + std::to_string(i)));
      ASSERT_EQ(r.status, 201);
      ids_.push_back(std::string(r.Json().at("id").as_string()));
    }
    auto u =
        c.Request("PATCH", "/api/v1/cases/" + ids_[2], R"({"version":1,"narrative":"diperbarui"})");
    ASSERT_EQ(u.status, 200);
    ASSERT_EQ(h_.Stop(), 0);
  }

  std::string Answers() {
    h_.Start();
    Client c(h_.base_url());
    EXPECT_EQ(c.Login("worker", kTestPassword).status, 201);
    std::string all = c.Get("/api/v1/cases?page_size=200").body;
    for (const auto& id : ids_)
      all += c.Get("/api/v1/cases/" + id).body + c.Get("/api/v1/cases/" + id + "/events").body;
    EXPECT_EQ(h_.Stop(), 0);
    return all;
  }

  ServerHarness h_;
  std::vector<std::string> ids_;
};

TEST_F(AuditAndRebuildTest, VerifyPassesOnAnUntouchedLog) {
  auto r = h_.Cli({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("every hash chain is intact"), std::string::npos);
}

TEST_F(AuditAndRebuildTest, VerifyNamesTheTamperedCaseAndSequence) {
  Tamper(h_.db_url(),
         // (The narrative is encrypted: the forger alters the stored text itself.)
         "UPDATE events SET payload = replace(payload, 'enc1.', 'enc9.') WHERE "
         "stream_id = 'case-" +
             ids_[2] + "' AND seq = 2;");
  auto r = h_.Cli({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("case-" + ids_[2] + " seq 2: changed"), std::string::npos) << r.output;
}

TEST_F(AuditAndRebuildTest, VerifyDetectsARemovedEvent) {
  Tamper(h_.db_url(), "DELETE FROM events WHERE stream_id = 'case-" + ids_[2] + "' AND seq = 1;");
  auto r = h_.Cli({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("case-" + ids_[2] + " seq 1: missing"), std::string::npos) << r.output;
  EXPECT_NE(h_.Cli({"rebuild"}).exit_code, 0) << "rebuild must refuse a broken log";
}

TEST_F(AuditAndRebuildTest, RebuildAnswersEveryQueryTheSame) {
  std::string before = Answers();
  // Wreck the read tables; the log is the truth.
  RawSql(h_.db_url(), "DELETE FROM cases; UPDATE users SET display_name = 'x';");
  auto r = h_.Cli({"rebuild"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("rebuilt the read tables"), std::string::npos);
  EXPECT_EQ(Answers(), before);
}

}  // namespace
}  // namespace lindungi::testing
