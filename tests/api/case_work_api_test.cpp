// Case work through the server: the intervention plan (versioned, services moving only
// forward), case conferences and family meetings, monitoring notes, termination with the
// signed form (closing the case and its tasks), a closed case refusing record writes, and
// reopening with a reason. Free text rests sealed; another unit's staff see nothing.
#include "api/api_fixture.h"
#include "support/backend.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

class CaseWorkApiTest : public ApiTest {};

constexpr const char* kSecretGoal = "Klien Zqxwv pulih dari trauma";

std::string PlanBody(int version, const std::string& service_status) {
  return R"({"version":)" + std::to_string(version) + R"(,"goals":[{"id":"g1","text":")" +
         kSecretGoal +
         R"("}],"services":[{"id":"s1","type":"psychological","provider":"unit",)"
         R"("start":"2026-11-25","end":"2026-12-20","status":")" +
         service_status + R"("}]})";
}

std::string Signed(const std::string& name) {
  return R"({"signed":true,"name":")" + name + R"(","date":"2026-11-30"})";
}

// The terminasi form, agreed and signed (a child client — IntakeJson's is 14 — so her mother
// signs too; discussed in a case conference).
std::string AgreedForm(const std::string& client, const std::string& client_signature) {
  return R"({"tanggal":"2026-11-30","klien":")" + client +
         R"(","klien_anak":true,"jenis":"agreed","alasan":["goals_met"],)"
         R"("ttd_wali":)" +
         Signed("Ibu Klien") + R"(,"ttd_klien":)" + client_signature +
         R"(,"layanan_diterima":["complaint","health"],"konferensi_kasus":true,)"
         R"("tanggal_konferensi":"2026-11-28","ttd_pendamping":)" +
         Signed("Pendamping") + R"(,"ttd_ketua":)" + Signed("Kepala UPTD") + "}";
}

TEST_F(CaseWorkApiTest, PlanMeetingsMonitoringTerminationAndReopening) {
  auto intake = LoggedIn("intake");
  auto head = LoggedIn("head");
  auto stranger = LoggedIn("stranger");
  auto kase = CreateCase(*intake, "Klien Kerja Kasus");
  std::string id = Str(kase, "id");
  std::string path = "/api/v1/cases/" + id;
  std::string client = Str(kase.at("client"), "person_id");

  // The plan: none yet, then version 1, a stale version refused, a service moving on.
  auto none = intake->Get(path + "/plan");
  ASSERT_EQ(none.status, 200) << none.body;
  auto r = intake->Request("PUT", path + "/plan", PlanBody(0, "planned"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("version").as_int64(), 1) << r.body;
  r = intake->Request("PUT", path + "/plan", PlanBody(0, "in_progress"));
  EXPECT_EQ(r.status, 409) << r.body;
  r = intake->Request("PUT", path + "/plan", PlanBody(1, "in_progress"));
  ASSERT_EQ(r.status, 200) << r.body;
  // Backwards is refused: in_progress -> planned.
  r = intake->Request("PUT", path + "/plan", PlanBody(2, "planned"));
  EXPECT_EQ(r.status / 100, 4) << r.body;
  EXPECT_FALSE(r.ErrorCode().empty());
  r = intake->Request("PUT", path + "/plan",
                      R"({"version":2,"goals":[],"services":[{"id":"s1","type":"astrology",)"
                      R"("provider":"unit","start":"2026-11-25"}]})");
  EXPECT_EQ(r.status, 400) << r.body;
  auto plan = intake->Get(path + "/plan");
  ASSERT_EQ(plan.status, 200);
  EXPECT_NE(plan.body.find(kSecretGoal), std::string::npos) << plan.body;
  EXPECT_NE(plan.body.find("in_progress"), std::string::npos) << plan.body;
  EXPECT_EQ(stranger->Get(path + "/plan").status, 404);
  EXPECT_EQ(stranger->Request("PUT", path + "/plan", PlanBody(2, "done")).status, 404);

  // A case conference and a family meeting; a bad kind refused.
  std::string meeting =
      R"({"kind":"case_conference","held_at":"2026-11-28T10:00:00+08:00","place":"Kantor UPTD",)"
      R"("participants":{"staff":[],"partners":[],"others":["Psikolog RSUD"],)"
      R"("family":[{"role":"mother","person_id":null}]},"agenda":"Rencana terminasi",)"
      R"("decisions":["Layanan psikologis tuntas"],"follow_ups":["Siapkan terminasi"]})";
  r = intake->Post(path + "/meetings", meeting);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string family = meeting;
  family.replace(family.find("case_conference"), std::string("case_conference").size(),
                 "family_meeting");
  ASSERT_EQ(intake->Post(path + "/meetings", family).status, 201);
  std::string bad_kind = meeting;
  bad_kind.replace(bad_kind.find("case_conference"), std::string("case_conference").size(),
                   "party");
  r = intake->Post(path + "/meetings", bad_kind);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "kind");
  auto meetings = intake->Get(path + "/meetings");
  ASSERT_EQ(meetings.status, 200) << meetings.body;
  json::value meetings_json = meetings.Json();
  EXPECT_EQ(meetings_json.at("items").as_array().size(), 2u) << meetings.body;
  EXPECT_EQ(stranger->Get(path + "/meetings").status, 404);

  // A monitoring note on goal g1; an unknown method refused.
  std::string note =
      R"({"date":"2026-11-29","method":"home_visit","client_condition":"Stabil",)"
      R"("progress":[{"goal_id":"g1","status":"achieved"}],"next_date":"2026-12-15",)"
      R"("notes":"Kunjungan rumah berjalan baik."})";
  r = intake->Post(path + "/monitoring", note);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string bad_method = note;
  bad_method.replace(bad_method.find("home_visit"), 10, "telepathy");
  r = intake->Post(path + "/monitoring", bad_method);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "method");
  auto notes = intake->Get(path + "/monitoring");
  ASSERT_EQ(notes.status, 200) << notes.body;
  json::value notes_json = notes.Json();
  EXPECT_EQ(notes_json.at("items").as_array().size(), 1u) << notes.body;

  // Free text rests sealed.
  std::string stored = RawSql(harness_->db_url(), "SELECT data FROM case_plans");
  EXPECT_EQ(stored.find("Zqxwv"), std::string::npos) << stored;
  stored = RawSql(harness_->db_url(), "SELECT data FROM monitoring_notes");
  EXPECT_EQ(stored.find("Kunjungan rumah"), std::string::npos) << stored;

  // Termination: only a case manager or a head; the form must be signed and match the kind.
  std::string termination = R"({"kind":"normal","summary":"Tujuan tercapai.","form":)" +
                            AgreedForm(client, Signed("Klien")) + "}";
  EXPECT_EQ(intake->Post(path + "/termination", termination).ErrorCode(), "case_manager_required");
  r = head->Post(path + "/termination", R"({"kind":"normal","summary":"Tujuan tercapai.","form":)" +
                                            AgreedForm(client, R"({"signed":false})") + "}");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "form.ttd_klien") << r.body;
  r = head->Post(path + "/termination",
                 R"({"kind":"unilateral","reason":"bored","summary":"X.","form":)" +
                     AgreedForm(client, Signed("Klien")) + "}");
  EXPECT_EQ(r.status / 100, 4) << r.body;
  // Closing by an update is refused: termination is the way.
  auto shown = intake->Get(path).Json();
  r = intake->Request(
      "PATCH", path,
      R"({"version":)" + std::to_string(shown.at("version").as_int64()) + R"(,"status":"closed"})");
  EXPECT_EQ(r.ErrorCode(), "use_termination") << r.body;

  r = head->Post(path + "/termination", termination);
  ASSERT_EQ(r.status / 100, 2) << r.body;
  auto closed = intake->Get(path);
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(Str(closed.Json(), "status"), "closed") << closed.body;

  // A closed case refuses record writes; reads still work.
  EXPECT_EQ(intake->Post(path + "/monitoring", note).ErrorCode(), "case_closed");
  EXPECT_EQ(intake->Post(path + "/meetings", meeting).ErrorCode(), "case_closed");
  EXPECT_EQ(
      intake->Post(path + "/people", R"({"role":"perpetrator","name":"Pelaku X"})").ErrorCode(),
      "case_closed");
  EXPECT_EQ(head->Post(path + "/termination", termination).ErrorCode(), "case_closed");
  EXPECT_EQ(intake->Get(path + "/monitoring").status, 200);

  // Reopening: a head, with a reason; then the case is workable again.
  EXPECT_EQ(intake->Post(path + "/reopen", R"({"reason":"Klien kembali melapor."})").ErrorCode(),
            "case_manager_required");
  r = head->Post(path + "/reopen", R"({"reason":""})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(stranger->Post(path + "/reopen", R"({"reason":"Klien kembali melapor."})").status, 404);
  r = head->Post(path + "/reopen", R"({"reason":"Klien kembali melapor."})");
  ASSERT_EQ(r.status / 100, 2) << r.body;
  EXPECT_EQ(Str(intake->Get(path).Json(), "status"), "in_progress");
  EXPECT_EQ(intake->Post(path + "/monitoring", note).status, 201);
  EXPECT_EQ(head->Post(path + "/reopen", R"({"reason":"Sekali lagi."})").status / 100, 4);

  // The history holds each step.
  auto events = intake->Get(path + "/events");
  ASSERT_EQ(events.status, 200);
  for (const char* type :
       {"PlanUpdated", "MeetingRecorded", "MonitoringRecorded", "CaseTerminated", "CaseReopened"})
    EXPECT_NE(events.body.find(type), std::string::npos) << type;
}

}  // namespace
}  // namespace lindungi::testing
