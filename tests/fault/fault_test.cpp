// Fault injection (docs/testing.md "Fault injection"), in the style of SQLite's *fault.test:
// a person's request is run again and again with its 1st, 2nd, 3rd ... SQL statement failing
// (then its 1st, 2nd ... commit; for an upload's chunk, also a disk that fills up from the Nth
// statement on), until it runs through without reaching the fault. After each fault:
//   - the caller has a clean error: a 4xx or 5xx with an error body in both languages;
//   - nothing is half-written: every table (but sessions, the access log and log-in throttle)
//     is as before the request, or as after a whole success;
//   - every hash chain verifies (what `lindungi audit verify` runs) and rebuilding the
//     projections from the log (what `lindungi rebuild` runs) gives the live tables back;
//   - the same request sent again, with the same Idempotency-Key, succeeds.
// The requests: intake (POST a case), completing a task, a referral, a letter, and an
// upload's chunk. The server's code runs in process on the real store (SQLite, or PostgreSQL
// with LINDUNGI_TEST_BACKEND=postgres), wrapped by tests/fault/fault_store.h; the data
// directory, units and users are made by the real `lindungi` command (support/server_harness.h).
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fault/fault_store.h"
#include "http/api.h"
#include "service/app.h"
#include "store/event_log.h"
#include "support/server_harness.h"

namespace lindungi::testing {
namespace {

namespace json = boost::json;
using Mode = FaultInjector::Mode;

// Tables a request may change without that being part of what it does: the caller's session
// (its last use), the reads logged for audit, log-in throttling.
const std::set<std::string> kNotRecord = {"sessions", "access_log", "login_throttle"};

struct Session {
  std::string token, csrf;
};

std::string Text(const store::SqlValue& v) {
  struct {
    std::string operator()(std::nullptr_t) const { return "NULL"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return std::to_string(d); }
    std::string operator()(const std::string& s) const { return "'" + s + "'"; }
  } visit;
  return std::visit(visit, v);
}

// Every table's rows, sorted: table -> rows.
using Dump = std::map<std::string, std::vector<std::string>>;

// What differs between two dumps, a few rows per table.
std::string Diff(const Dump& a, const Dump& b) {
  std::string out;
  std::set<std::string> tables;
  for (const auto& [t, _] : a) tables.insert(t);
  for (const auto& [t, _] : b) tables.insert(t);
  for (const auto& t : tables) {
    static const std::vector<std::string> kNone;
    const auto& ra = a.contains(t) ? a.at(t) : kNone;
    const auto& rb = b.contains(t) ? b.at(t) : kNone;
    if (ra == rb) continue;
    std::vector<std::string> only_a, only_b;
    std::set_difference(ra.begin(), ra.end(), rb.begin(), rb.end(), std::back_inserter(only_a));
    std::set_difference(rb.begin(), rb.end(), ra.begin(), ra.end(), std::back_inserter(only_b));
    out += t + ":\n";
    // Rows are long: show each pair from a little before where they first differ.
    std::size_t from = 0;
    if (!only_a.empty() && !only_b.empty()) {
      const auto& x = only_a[0];
      const auto& y = only_b[0];
      std::size_t d = 0;
      while (d < x.size() && d < y.size() && x[d] == y[d]) ++d;
      from = d > 80 ? d - 80 : 0;
    }
    auto cut = [&](const std::string& row) {
      return (from ? "..." : "") + row.substr(std::min(from, row.size()), 300);
    };
    for (std::size_t i = 0; i < only_a.size() && i < 3; ++i) out += "  - " + cut(only_a[i]) + "\n";
    for (std::size_t i = 0; i < only_b.size() && i < 3; ++i) out += "  + " + cut(only_b[i]) + "\n";
  }
  return out;
}

class FaultTest : public ::testing::Test {
 protected:
  // A new store for each test: every fault is followed by table dumps and a rebuild, whose
  // cost grows with the store.
  void SetUp() override { StartApp(); }
  void TearDown() override { StopApp(); }

  static void StartApp() {
    harness_ = new ServerHarness();
    harness_->AddUser("intake", "intake_officer");
    harness_->AddUser("worker", "case_worker");
    harness_->AddUser("head", "unit_head");
    for (std::vector<std::string> args :
         {std::vector<std::string>{"unit", "set-pack", "TEST", "kalteng"},
          {"partner", "add", "--code", "RSUD-UJI", "--name", "RSUD Kota Uji", "--kind",
           "health"}}) {
      auto r = harness_->Cli(args);
      if (r.exit_code != 0) throw std::runtime_error(r.output);
    }
    Config c;
    c.data_dir = harness_->data_dir();
    c.database = harness_->db_url();
    c.sops_dir = std::string(LINDUNGI_SOURCE_DIR) + "/sops";
    c.web_dir = "none";
    c.workers = 2;
    injector_ = new FaultInjector();
    app_ = new App(c, FaultyDatabase(store::OpenDatabase(c.DatabaseUrl()), *injector_));
    routes_ = new std::vector<http::Route>(http::BuildRoutes(*app_));
  }
  static void StopApp() {
    delete routes_;
    delete app_;
    delete injector_;
    delete harness_;
    routes_ = nullptr;
    app_ = nullptr;
    injector_ = nullptr;
    harness_ = nullptr;
  }

  // One request through its route, as the server would run it (authentication, CSRF, the
  // handler, exceptions to 500).
  static http::Response Call(const std::string& method, const std::string& name,
                             std::map<std::string, std::string> params, std::string body,
                             const Session* s, std::optional<std::string> idempotency_key = {},
                             std::string content_type = "application/json") {
    for (const auto& route : *routes_) {
      if (route.method != method || route.name != name) continue;
      http::Request req;
      req.method = method;
      req.target = name;
      req.params = std::move(params);
      req.body = std::move(body);
      req.content_type = std::move(content_type);
      if (s) {
        req.session_token = s->token;
        req.csrf_token = s->csrf;
      }
      req.idempotency_key = std::move(idempotency_key);
      req.request_id = "fault-test";
      req.client_address = "127.0.0.1";
      return http::Dispatch(*app_, route, req);
    }
    ADD_FAILURE() << "no route " << method << " " << name;
    return {};
  }

  static Session LogIn(const std::string& user) {
    auto r =
        Call("POST", "/api/v1/session", {},
             R"({"username":")" + user + R"(","password":")" + kTestPassword + R"("})", nullptr);
    EXPECT_EQ(r.status, 201) << r.body;
    Session s;
    for (const auto& [k, v] : r.headers) {
      std::string prefix = std::string(http::kSessionCookie) + "=";
      if (k == "Set-Cookie" && v.starts_with(prefix))
        s.token = v.substr(prefix.size(), v.find(';') - prefix.size());
    }
    s.csrf = std::string(json::parse(r.body).as_object().at("csrf_token").as_string());
    return s;
  }

  static json::object Body(const http::Response& r) {
    auto v = json::parse(r.body);
    return v.is_object() ? v.as_object() : json::object();
  }
  static std::string Str(const json::object& o, std::string_view key) {
    return std::string(o.at(key).as_string());
  }

  static Dump DumpTables(bool record_only) {
    Dump d;
    app_->db->Read([&](store::SqlConn& c) {
      auto tables = c.Dialect() == "sqlite"
                        ? c.Query(
                              "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                              "NOT LIKE 'sqlite_%'")
                        : c.Query(
                              "SELECT table_name FROM information_schema.tables WHERE "
                              "table_schema = current_schema() AND table_type = 'BASE TABLE'");
      for (const auto& t : tables) {
        std::string name = t.Text(0);
        if (record_only && kNotRecord.contains(name)) continue;
        auto& rows = d[name];
        for (const auto& row : c.Query("SELECT * FROM " + name)) {
          std::string line;
          for (const auto& v : row.cols) line += Text(v) + "|";
          rows.push_back(std::move(line));
        }
        std::sort(rows.begin(), rows.end());
      }
    });
    return d;
  }

  // The checks of `lindungi audit verify` and `lindungi rebuild`; `live` is DumpTables(true)
  // of now.
  static void ExpectChainsVerifyAndRebuildMatches(const Dump& live) {
    std::vector<store::ChainProblem> problems;
    app_->db->Read([&](store::SqlConn& c) { problems = store::VerifyChains(c); });
    for (const auto& p : problems)
      ADD_FAILURE() << "chain broken: " << p.stream_id << " seq " << p.seq << " " << p.problem;
    auto rebuilt = app_->db->Write([](store::SqlConn& c) -> Status {
      store::RebuildProjections(c);
      return {};
    });
    ASSERT_TRUE(rebuilt) << rebuilt.error().message_en;
    Dump after = DumpTables(true);
    EXPECT_TRUE(after == live) << "the rebuild differs from the live projections:\n"
                               << Diff(live, after);
  }

  // A request to run under faults: called with the Idempotency-Key to send.
  using Attempt = std::function<http::Response(const std::string& idempotency_key)>;

  // Runs the request made by `prepare` (called without faults before each round) with the
  // `mode` fault at N = 1, 2, ... until it succeeds without reaching the fault, checking
  // everything the file comment says after each fault. Returns the number of faults.
  static int FaultLoop(const std::string& what, Mode mode, const std::function<Attempt()>& prepare,
                       int ok_status) {
    static const char* kModes[] = {"off", "statement", "commit", "disk-full"};
    std::map<std::string, int> answers;  // "503 store_failed" -> times
    int n = 1;
    for (; n <= 400; ++n) {
      SCOPED_TRACE(what + ": " + kModes[int(mode)] + " fault at " + std::to_string(n));
      Attempt attempt = prepare();
      if (::testing::Test::HasFatalFailure()) return 0;
      std::string key = what + "-" + kModes[int(mode)] + "-" + std::to_string(n);
      Dump before = DumpTables(true);
      injector_->Arm(mode, n);
      http::Response r = attempt(key);
      injector_->Disarm();
      if (!injector_->fired()) {
        EXPECT_EQ(r.status, ok_status) << r.body;
        break;
      }
      // A clean error: a status and a body in both languages.
      EXPECT_GE(r.status, 400) << r.body;
      EXPECT_LE(r.status, 599) << r.body;
      json::object error;
      try {
        error = json::parse(r.body).as_object().at("error").as_object();
      } catch (const std::exception&) {
        ADD_FAILURE() << "no error body: " << r.status << " " << r.body;
      }
      for (const char* k : {"code", "message", "message_id"}) {
        EXPECT_TRUE(error.contains(k) && error.at(k).is_string() &&
                    !error.at(k).as_string().empty())
            << k << " missing: " << r.body;
      }
      if (error.contains("code") && error.at("code").is_string())
        ++answers[std::to_string(r.status) + " " + std::string(error.at("code").as_string())];
      Dump failed = DumpTables(true);
      ExpectChainsVerifyAndRebuildMatches(failed);
      // Sent again, the request succeeds; the state is then what a success gives.
      http::Response again = attempt(key);
      EXPECT_EQ(again.status, ok_status) << again.body;
      // Nothing half-written: the fault left the record as it was, or (it came after the
      // commit) as the success leaves it.
      if (failed != before) {
        Dump done = DumpTables(true);
        EXPECT_TRUE(failed == done)
            << "the failed request left part of its work:\nbefore -> failed:\n"
            << Diff(before, failed) << "failed -> after the retry:\n"
            << Diff(failed, done);
      }
      if (::testing::Test::HasFailure()) break;
    }
    std::string summary;
    for (const auto& [a, times] : answers) summary += " " + a + " x" + std::to_string(times);
    std::printf("[fault] %s, %s faults: %d (then it ran through), answers:%s\n", what.c_str(),
                kModes[int(mode)], n - 1, summary.c_str());
    ExpectChainsVerifyAndRebuildMatches(DumpTables(true));
    return n - 1;
  }

  // Statement faults, then commit faults; and, for `full_disk`, a disk that fills up (the
  // statement loop already fails each statement once: the full disk is for where running out
  // of space is the likely fault, an upload's chunk).
  static void EveryFault(const std::string& what, const std::function<Attempt()>& prepare,
                         int ok_status, bool full_disk = false) {
    EXPECT_GE(FaultLoop(what, Mode::kStatement, prepare, ok_status), 3);
    EXPECT_GE(FaultLoop(what, Mode::kCommit, prepare, ok_status), 1);
    if (full_disk) {
      EXPECT_GE(FaultLoop(what, Mode::kDiskFull, prepare, ok_status), 1);
    }
  }

  // The first column of the first row of `sql` ("" if none).
  static std::string First(const std::string& sql) {
    std::string v;
    app_->db->Read([&](store::SqlConn& c) {
      auto rows = c.Query(sql);
      if (!rows.empty()) v = rows[0].Text(0);
    });
    return v;
  }

  // A new case as `s`: its id and client's person id.
  struct CaseIds {
    std::string id, client;
  };
  static CaseIds NewCase(const Session& s, const std::string& name) {
    auto r = Call("POST", "/api/v1/cases", {}, IntakeJson(name), &s);
    EXPECT_EQ(r.status, 201) << r.body;
    auto b = Body(r);
    return {Str(b, "id"), Str(b.at("client").as_object(), "person_id")};
  }

  static inline ServerHarness* harness_ = nullptr;
  static inline FaultInjector* injector_ = nullptr;
  static inline App* app_ = nullptr;
  static inline std::vector<http::Route>* routes_ = nullptr;
};

TEST_F(FaultTest, Intake) {
  Session intake = LogIn("intake");
  int round = 0;
  EveryFault(
      "intake",
      [&]() -> Attempt {
        std::string name = "Klien Gangguan " + std::to_string(++round);
        return [&, name](const std::string& key) {
          return Call("POST", "/api/v1/cases", {}, IntakeJson(name), &intake, key);
        };
      },
      201);
}

TEST_F(FaultTest, CompletingATask) {
  Session head = LogIn("head");
  int round = 0;
  EveryFault(
      "complete-task",
      [&]() -> Attempt {
        CaseIds made = NewCase(head, "Klien Tugas " + std::to_string(++round));
        std::string case_id = made.id;
        auto started = Call("POST", "/api/v1/cases/{id}/sops", {{"id", case_id}},
                            R"({"sop":"kalteng/pengaduan-tidak-langsung"})", &head);
        EXPECT_EQ(started.status, 201) << started.body;
        std::string task_id =
            Str(Body(started).at("open_tasks").as_array().at(0).as_object(), "id");
        // What the step lacks, brought at completion (as the staff would).
        auto task = Body(Call("GET", "/api/v1/tasks/{id}", {{"id", task_id}}, "", &head));
        json::array documents;
        for (const auto& m : task.at("missing").as_array()) documents.push_back(m);
        std::string body = json::serialize(
            json::object{{"note", "Berkas diserahkan."}, {"documents", std::move(documents)}});
        return [&, task_id, body](const std::string& key) {
          return Call("POST", "/api/v1/tasks/{id}/complete", {{"id", task_id}}, body, &head, key);
        };
      },
      200);
}

TEST_F(FaultTest, Referral) {
  Session worker = LogIn("worker");
  std::string partner = First("SELECT id FROM partners WHERE code = 'RSUD-UJI'");
  int round = 0;
  EveryFault(
      "referral",
      [&]() -> Attempt {
        CaseIds made = NewCase(worker, "Klien Rujukan " + std::to_string(++round));
        std::string case_id = made.id, client = made.client;
        auto guardian = Call("POST", "/api/v1/cases/{id}/people", {{"id", case_id}},
                             R"({"role":"guardian","name":"Ibu Klien","sex":"female",)"
                             R"("relation":"parent","guardian_of":")" +
                                 client + R"("})",
                             &worker);
        EXPECT_EQ(guardian.status, 201) << guardian.body;
        auto consent = Call("POST", "/api/v1/cases/{id}/consents", {{"id", case_id}},
                            R"({"client_id":")" + client + R"(","given_by":")" +
                                Str(Body(guardian), "person_id") +
                                R"(","scopes":["services","referral"],"signed_statement":true})",
                            &worker);
        EXPECT_EQ(consent.status, 201) << consent.body;
        std::string body = R"({"partner_id":")" + partner + R"(","client_id":")" + client +
                           R"(","services":["health"],"reason":"Pemeriksaan kesehatan.",)"
                           R"("family_coordination":"Ibu hadir."})";
        return [&, case_id, body](const std::string& key) {
          return Call("POST", "/api/v1/cases/{id}/referrals", {{"id", case_id}}, body, &worker,
                      key);
        };
      },
      201);
}

TEST_F(FaultTest, Letter) {
  Session head = LogIn("head");
  Session worker = LogIn("worker");
  auto session = Body(Call("GET", "/api/v1/session", {}, "", &head));
  std::string unit_id =
      Str(session.at("user").as_object().at("roles").as_array().at(0).as_object(), "unit_id");
  auto set = Call(
      "PUT", "/api/v1/units/{unit}/letterhead", {{"unit", unit_id}},
      R"({"authority":["PEMERINTAH KOTA UJI"],"name":"UPTD PPA KOTA UJI",)"
      R"("address":"Jalan Uji Nomor 7, Kota Uji","city":"Kota Uji",)"
      R"("head":{"name":"Dra. Wulan Pertiwi, M.Si.","nip":"19750101 200003 2 001",)"
      R"("rank":"Pembina / IV.a","position":"Kepala UPTD PPA Kota Uji"},)"
      R"("agenda":{"pattern":"{classification}/{seq:03}/{unit}/{year}","classification":"470",)"
      R"("unit_code":"PPA-UJI"}})",
      &head);
  ASSERT_EQ(set.status, 200) << set.body;
  CaseIds made = NewCase(worker, "Klien Surat");
  std::string case_id = made.id;
  EveryFault(
      "letter",
      [&]() -> Attempt {
        return [&](const std::string& key) {
          return Call("POST", "/api/v1/cases/{id}/letters", {{"id", case_id}},
                      R"({"kind":"surat-tugas","officer":{"name":"Rina Kartika, S.Psi.",)"
                      R"("nip":"19900202 201501 2 002"},"task":"kunjungan rumah",)"
                      R"("destination":"Kecamatan Uji Utara","start":"2026-11-24"})",
                      &worker, key);
        };
      },
      201);
}

// A chunk of an upload (its bytes are stored as they come: docs/uploads.md), and the last
// one's completion into a document.
TEST_F(FaultTest, UploadChunkAndCompletion) {
  Session worker = LogIn("worker");
  CaseIds made = NewCase(worker, "Klien Unggah");
  std::string case_id = made.id;
  std::string pdf = "%PDF-1.4\n" + std::string(4000, 'x') + "\n%%EOF\n";
  auto start = [&]() {
    auto r = Call("POST", "/api/v1/cases/{id}/uploads", {{"id", case_id}},
                  R"({"media_type":"application/pdf","size":)" + std::to_string(pdf.size()) + "}",
                  &worker);
    EXPECT_EQ(r.status, 201) << r.body;
    return Str(Body(r), "upload_id");
  };
  EveryFault(
      "upload-chunk",
      [&]() -> Attempt {
        std::string upload = start();
        return [&, upload](const std::string&) {
          return Call("PUT", "/api/v1/cases/{id}/uploads/{upload}/chunks/{start}",
                      {{"id", case_id}, {"upload", upload}, {"start", "0"}}, pdf, &worker,
                      std::nullopt, "application/octet-stream");
        };
      },
      200, /*full_disk=*/true);
  EveryFault(
      "upload-complete",
      [&]() -> Attempt {
        std::string upload = start();
        auto chunk = Call("PUT", "/api/v1/cases/{id}/uploads/{upload}/chunks/{start}",
                          {{"id", case_id}, {"upload", upload}, {"start", "0"}}, pdf, &worker,
                          std::nullopt, "application/octet-stream");
        EXPECT_EQ(chunk.status, 200) << chunk.body;
        return [&, upload](const std::string& key) {
          return Call("POST", "/api/v1/cases/{id}/uploads/{upload}/complete",
                      {{"id", case_id}, {"upload", upload}}, "{}", &worker, key);
        };
      },
      201);
}

}  // namespace
}  // namespace lindungi::testing
