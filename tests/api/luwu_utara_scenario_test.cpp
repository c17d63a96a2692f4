// The Luwu Utara scenario: ONE case taken through the whole pack of UPTD PPA Kabupaten Luwu
// Utara (Peraturan Bupati Luwu Utara Nomor 58 Tahun 2023, Lampiran II) through the real
// server's API, the way the unit's staff would: identification, assessment, intervention
// planning, intervention, monitoring and evaluation, termination. Each step is done by the
// role the SOP names (external actors' steps by their `recorded_by` role), and real records
// (filed forms, uploaded scans, consent, classification, plan, meetings, referral, monitoring)
// satisfy the SOP requirements wherever Lindungi has them; only papers Lindungi keeps no record
// of (surat permohonan, laporan kasus ...) are named in a task completion.
//
// The story: Bunga (14) was abused by a neighbour. Her mother reported it to the Unit PPA of
// Polres Luwu Utara, who sent her with a referral letter to the UPTD PPA.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <map>
#include <set>

#include "api/api_fixture.h"
#include "support/pdf_text.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

constexpr const char* kClientName = "Bunga Citra Lestari";
constexpr const char* kMotherName = "Hasnah Lestari";

// Today (UTC) as YYYY-MM-DD: never after today in the unit's zone (WITA, UTC+8).
std::string Today() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{days};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}
// A birth date that makes the client 14 today.
std::string BirthDate14() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{days};
  return std::to_string(int(ymd.year()) - 14) + "-01-01";
}

// A small scanned PDF: a real header and trailer (uploads are checked on their content).
std::string ScanPdf(const std::string& what) {
  std::string body = "%PDF-1.4\n% " + what + "\n";
  while (body.size() < 4000) body += "0123456789 pindaian dokumen ";
  return body + "\ntrailer\n<<>>\n%%EOF\n";
}

json::object Signed(const std::string& name) {
  return {{"signed", true}, {"name", name}, {"date", Today()}};
}

class LuwuUtaraScenarioTest : public ApiTest {
 protected:
  // Step 1 of the story: unit LUTRA on the luwu-utara pack, its four staff, the police's
  // Unit PPA as a partner with a user, and a unit head of another unit.
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    auto r =
        harness_->Cli({"unit", "add", "--code", "LUTRA", "--name", "UPTD PPA Kabupaten Luwu Utara",
                       "--time-zone", "Asia/Makassar", "--sop-pack", "luwu-utara"});
    if (r.exit_code != 0) throw std::runtime_error(r.output);
    harness_->AddUser("lutra-pengaduan", "intake_officer", "LUTRA");
    harness_->AddUser("lutra-pendamping", "case_worker", "LUTRA");
    harness_->AddUser("lutra-manajer", "case_manager", "LUTRA");
    harness_->AddUser("lutra-kepala", "unit_head", "LUTRA");
    harness_->AddUser("kepala-lain", "unit_head", "TEST");  // another unit's head
    r = harness_->Cli({"partner", "add", "--code", "PPA-POLRES-LUTRA", "--name",
                       "Unit PPA Satreskrim Polres Luwu Utara", "--kind", "police", "--unit",
                       "LUTRA", "--area", "Kabupaten Luwu Utara"});
    if (r.exit_code != 0) throw std::runtime_error(r.output);
    r = harness_->Cli(
        {"user", "add", "penyidik-lutra", "--partner", "PPA-POLRES-LUTRA", "--password-stdin"},
        std::string(kTestPassword) + "\n");
    if (r.exit_code != 0) throw std::runtime_error(r.output);
    harness_->Start();
  }
  static std::string UserId(Client& c) {
    return Str(c.Get("/api/v1/session").Json().at("user"), "id");
  }

  // Files a form on the case (for a task when `task_id` is given); returns the document.
  json::object FileForm(Client& as, const std::string& form, json::object values,
                        const std::string& task_id = "") {
    json::object body{{"form", form}, {"values", std::move(values)}};
    if (!task_id.empty()) body["task_id"] = task_id;
    auto r = as.Post(case_path_ + "/documents", json::serialize(body));
    EXPECT_EQ(r.status, 201) << form << ": " << r.body;
    if (r.status != 201) return {};
    return r.Json().as_object();
  }

  // Uploads a scan of `kind` in one chunk and completes it; returns the document.
  json::object UploadScan(Client& as, const std::string& kind, const std::string& bytes) {
    auto s = as.Post(case_path_ + "/uploads", R"({"media_type":"application/pdf","size":)" +
                                                  std::to_string(bytes.size()) + R"(,"kind":")" +
                                                  kind + R"("})");
    EXPECT_EQ(s.status, 201) << s.body;
    if (s.status != 201) return {};
    std::string up = case_path_ + "/uploads/" + Str(s.Json(), "upload_id");
    auto put = as.Request("PUT", up + "/chunks/0", bytes,
                          {"Content-Type: application/octet-stream"}, false);
    EXPECT_EQ(put.status, 200) << put.body;
    auto done = as.Post(up + "/complete", "{}");
    EXPECT_EQ(done.status, 201) << done.body;
    if (done.status != 201) return {};
    return done.Json().as_object();
  }

  // The open task of `step` in the caller's own inbox (their role's pool or assigned to them),
  // with what it still lacks.
  json::object TaskInInbox(Client& as, const std::string& step) {
    auto inbox = as.Get("/api/v1/tasks?page_size=200&case_id=" + case_id_);
    EXPECT_EQ(inbox.status, 200) << inbox.body;
    json::value items = inbox.Json();
    for (const auto& t : items.at("items").as_array()) {
      if (Str(t, "step_id") != step) continue;
      auto full = as.Get("/api/v1/tasks/" + Str(t, "id"));
      EXPECT_EQ(full.status, 200) << full.body;
      return full.Json().as_object();
    }
    ADD_FAILURE() << "step " << step << " is not in the inbox: " << json::serialize(items);
    return {};
  }

  // One SOP step done by its role: the task is taken from the actor's inbox; what it lacks
  // must be exactly `paper` (documents Lindungi keeps no record of, whose paper exists), which
  // the completion brings. Returns the completion's answer.
  json::object Work(Client& as, const std::string& role, const std::string& step,
                    const std::string& outcome = "", std::vector<std::string> paper = {},
                    json::object extra = {}) {
    SCOPED_TRACE("step " + step);
    json::object task = TaskInInbox(as, step);
    if (task.empty()) return {};
    EXPECT_EQ(Str(task, "role"), role);
    std::set<std::string> missing, expected(paper.begin(), paper.end());
    for (const auto& m : task.at("missing").as_array()) missing.emplace(m.as_string());
    EXPECT_EQ(missing, expected) << "what the records do not satisfy";
    json::array documents;
    for (const auto& d : paper) documents.emplace_back(d);
    json::object body{{"note", "Langkah " + step + " dikerjakan."}, {"documents", documents}};
    if (!outcome.empty()) body["outcome"] = outcome;
    for (auto& [k, v] : extra) body[k] = v;
    auto r = as.Post("/api/v1/tasks/" + Str(task, "id") + "/complete", json::serialize(body));
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return {};
    auto answer = r.Json().as_object();
    EXPECT_EQ(Str(answer.at("task"), "status"), "completed");
    return answer;
  }

  // The case's SOP instance of `sop_id` (GET /cases/{id}/sops).
  json::object Instance(Client& as, const std::string& sop_id) {
    auto r = as.Get(case_path_ + "/sops");
    EXPECT_EQ(r.status, 200) << r.body;
    json::value body = r.Json();
    for (const auto& i : body.at("items").as_array())
      if (Str(i, "sop_id") == sop_id) return i.as_object();
    ADD_FAILURE() << "no instance of " << sop_id << ": " << r.body;
    return {};
  }
  void ExpectEnded(Client& as, const std::string& sop_id, const std::string& reason) {
    auto inst = Instance(as, sop_id);
    if (inst.empty()) return;
    EXPECT_EQ(Str(inst, "status"), "ended") << sop_id;
    EXPECT_TRUE(inst.at("end_reason").is_string()) << sop_id;
    if (inst.at("end_reason").is_string()) {
      EXPECT_EQ(Str(inst, "end_reason"), reason) << sop_id;
    }
  }
  // `from` ended handing the case over to `to`, which now runs.
  void ExpectHandedOver(Client& as, const std::string& from, const std::string& to) {
    ExpectEnded(as, from, "handed_over");
    auto inst = Instance(as, to);
    if (!inst.empty()) {
      EXPECT_EQ(Str(inst, "status"), "running") << to;
    }
  }

  // A letter written from the case (POST /cases/{id}/letters): its agenda number and its
  // PDF's text as pdftotext reads it.
  std::pair<std::string, std::string> Letter(Client& as, const json::object& body) {
    auto r = as.Post(case_path_ + "/letters", json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    json::value doc = r.Json();
    EXPECT_EQ(Str(doc, "source"), "letter");
    auto pdf = as.Get(case_path_ + "/documents/" + Str(doc, "id") + "/file");
    EXPECT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    return {Str(doc.at("letter"), "agenda_number"), PdfText(pdf.body)};
  }

  std::string case_id_, case_path_;
};

TEST_F(LuwuUtaraScenarioTest, OneChildCaseFromIdentificationToTermination) {
  auto intake = LoggedIn("lutra-pengaduan");   // petugas pengaduan
  auto worker = LoggedIn("lutra-pendamping");  // pendamping korban / MK / peksos
  auto manager = LoggedIn("lutra-manajer");    // DP3AP2KB / UPTD PPA: case decisions
  auto head = LoggedIn("lutra-kepala");        // Kepala UPTD PPA
  auto police = LoggedIn("penyidik-lutra");    // Unit PPA Polres (partner)
  const std::string worker_id = UserId(*worker), manager_id = UserId(*manager);
  // The case manager finds the police's Unit PPA in the unit's partner directory.
  auto directory = manager->Get("/api/v1/partners?kind=police&area=" + UrlEncode("luwu utara"));
  ASSERT_EQ(directory.status, 200) << directory.body;
  ASSERT_EQ(directory.Json().at("items").as_array().size(), 1u) << directory.body;
  const std::string police_id = Str(directory.Json().at("items").as_array()[0], "id");
  EXPECT_EQ(Str(police->Get("/api/v1/session").Json().at("user"), "partner_id"), police_id);
  const std::string today = Today();

  // --- 2. Search before create, then intake of the child reported by her mother. ----------
  const std::string search = "/api/v1/people?name=" + UrlEncode("bunga lestari");
  auto found = intake->Get(search);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_TRUE(found.Json().at("items").as_array().empty()) << found.body;

  json::object intake_body{
      {"channel", "referral_in"},
      {"referred_by", "Unit PPA Satreskrim Polres Luwu Utara"},
      {"crisis", false},
      {"reporter", {{"name", kMotherName}, {"relation", "parent"}, {"phone", "0813 4000 1122"}}},
      {"client", {{"name", kClientName}, {"sex", "female"}, {"birth_date", BirthDate14()}}},
      {"narrative",
       "Ibu korban melapor ke Unit PPA Polres; anaknya dicabuli tetangga. Polres merujuk ke "
       "UPTD PPA dengan surat rujukan."}};
  auto created = intake->Post("/api/v1/cases", json::serialize(intake_body));
  ASSERT_EQ(created.status, 201) << created.body;
  json::value kase = created.Json();
  case_id_ = Str(kase, "id");
  case_path_ = "/api/v1/cases/" + case_id_;
  const std::string client_id = Str(kase.at("client"), "person_id");
  EXPECT_EQ(Str(kase, "number").rfind("PPA-LUTRA/", 0), 0u) << created.body;

  found = intake->Get(search);
  ASSERT_EQ(found.status, 200) << found.body;
  {
    json::value hits = found.Json();
    ASSERT_EQ(hits.at("items").as_array().size(), 1u) << found.body;
    const auto& hit = hits.at("items").as_array()[0];
    EXPECT_EQ(Str(hit, "person_id"), client_id);
    EXPECT_EQ(Str(hit, "role"), "client");
    EXPECT_FALSE(hit.at("restricted").as_bool());
  }

  // --- 3. Registration form, the birth certificate and the police's referral letter. -------
  auto registration = FileForm(*intake, "registrasi",
                               {{"tanggal_registrasi", today + "T00:00:00Z"},
                                {"kanal", "referral_in"},
                                {"rujukan_dari", "Unit PPA Satreskrim Polres Luwu Utara"},
                                {"krisis", false},
                                {"nama_lengkap", kClientName},
                                {"jenis_kelamin", "female"},
                                {"jenis_identitas", "birth_certificate"},
                                {"tanggal_lahir", BirthDate14()},
                                {"kelompok_umur", "13_17"},
                                {"pendidikan", "sltp"},
                                {"kabupaten", "73.22"},
                                {"pelapor_adalah_klien", false},
                                {"nama_pelapor", kMotherName},
                                {"hubungan_pelapor", "parent"}});
  auto birth_certificate = UploadScan(*intake, "identitas-korban", ScanPdf("akta kelahiran"));
  ASSERT_FALSE(birth_certificate.empty());
  EXPECT_EQ(birth_certificate.at("kinds").as_array().at(0).as_string(), "identitas-korban");
  auto referral_letter = UploadScan(*intake, "surat-rujukan", ScanPdf("surat rujukan polres"));
  ASSERT_FALSE(referral_letter.empty());

  // --- 4. luwu-utara/identifikasi. ------------------------------------------------------
  auto started = intake->Post(case_path_ + "/sops", R"({"sop":"luwu-utara/identifikasi"})");
  ASSERT_EQ(started.status, 201) << started.body;
  // Row 1: the mother reports (recorded by the intake officer); the scan of the birth
  // certificate is the identitas-korban the row needs.
  Work(*intake, "intake_officer", "laporkan-kekerasan");
  // Row 2: the police received and recorded the report; the child needs initial
  // psychological support.
  Work(*intake, "intake_officer", "terima-catat-laporan", "perlu-dukungan-psikologis");
  // Row 3: the case worker gives initial psychological support.
  Work(*worker, "case_worker", "dukungan-psikologis-awal");
  // Row 4: the police hand over the case with their referral letter (the uploaded scan).
  Work(*intake, "intake_officer", "sampaikan-informasi-kasus");

  // Row 5: the case manager classifies the case, reads the triage and follows it.
  auto classified =
      manager->Request("PUT", case_path_ + "/classification",
                       R"({"case_types":["kta"],"risk_level":"high",)"
                       R"("jurisdiction":"kabupaten_kota","village_manageable":false})");
  ASSERT_EQ(classified.status, 200) << classified.body;
  auto triage = manager->Get(case_path_ + "/triage");
  ASSERT_EQ(triage.status, 200) << triage.body;
  EXPECT_EQ(Str(triage.Json(), "recommendation"), "continue_here") << triage.body;
  {
    auto step5 = TaskInInbox(*manager, "tentukan-jenis-kasus");
    ASSERT_TRUE(step5.contains("triage")) << json::serialize(step5);
    EXPECT_EQ(Str(step5.at("triage"), "recommended_outcome"), "lanjut-kewenangan-kabupaten");
  }
  // resume-jenis-kasus is what the row produces: the classification is its record.
  Work(*manager, "case_manager", "tentukan-jenis-kasus", "lanjut-kewenangan-kabupaten");
  {
    auto decided = manager->Get(case_path_ + "/triage").Json().at("decided");
    EXPECT_EQ(Str(decided, "decision"), "continue_here");
    EXPECT_FALSE(decided.at("overridden").as_bool());
  }

  // Row 7: the unit head assigns a case worker with a Surat Tugas, written from the case (it
  // names the case, never the child); the surat permohonan is on paper.
  {
    auto [number, text] = Letter(
        *head, json::object{{"kind", "surat-tugas"},
                            {"task", "melaksanakan kunjungan dan kontak langsung dengan korban"},
                            {"destination", "Kecamatan Masamba, Kabupaten Luwu Utara"},
                            {"start", today},
                            {"officers", json::array{json::object{{"name", "Pendamping LUTRA"},
                                                                  {"position", "Pendamping"}}}}});
    EXPECT_NE(text.find("SURAT TUGAS"), std::string::npos) << text;
    EXPECT_NE(text.find(number), std::string::npos) << text;
    EXPECT_NE(text.find("Pendamping LUTRA"), std::string::npos) << text;
    EXPECT_EQ(text.find(kClientName), std::string::npos) << "a Surat Tugas names no client";
  }
  Work(*head, "unit_head", "tugaskan-pendamping", "", {"surat-permohonan"});
  // Row 8: the case worker visits the child and her mother.
  Work(*worker, "case_worker", "kunjungan-kontak-langsung");
  // Row 9: builds trust and explains the informed consent: the persetujuan form, filled with
  // the mother as the child's parent.
  auto guardian = worker->Post(case_path_ + "/people",
                               json::serialize(json::object{{"role", "guardian"},
                                                            {"name", kMotherName},
                                                            {"sex", "female"},
                                                            {"relation", "parent"},
                                                            {"guardian_of", client_id}}));
  ASSERT_EQ(guardian.status, 201) << guardian.body;
  const std::string mother_id = Str(guardian.Json(), "person_id");
  json::object step9 = TaskInInbox(*worker, "bangun-kepercayaan-informed-consent");
  auto consent_form =
      FileForm(*worker, "persetujuan",
               {{"klien", client_id},
                {"klien_anak", true},
                {"pemberi_persetujuan", "parent"},
                {"nama_pemberi", kMotherName},
                {"persetujuan_anak", true},
                {"hal_dijelaskan", json::array{"services", "confidentiality", "data_use",
                                               "referral_sharing", "right_to_refuse", "withdraw"}},
                {"setuju", true},
                {"lingkup", json::array{"services", "referral", "data_sharing"}},
                {"lembaga_berbagi_data", "Unit PPA Satreskrim Polres Luwu Utara"},
                {"tanggal", today},
                {"tempat", "Masamba"},
                {"ttd_pemberi", Signed(kMotherName)},
                {"ttd_petugas", Signed("Pendamping LUTRA")}},
               Str(step9, "id"));
  ASSERT_FALSE(consent_form.empty());
  Work(*worker, "case_worker", "bangun-kepercayaan-informed-consent");
  // Row 10: the mother signs for her child; the consent is recorded for services, referral
  // and sharing data with the police's Unit PPA.
  auto consent = worker->Post(
      case_path_ + "/consents",
      json::serialize(json::object{{"client_id", client_id},
                                   {"given_by", mother_id},
                                   {"scopes", json::array{"services", "referral", "data_sharing"}},
                                   {"partner_id", police_id},
                                   {"signed_statement", true}}));
  ASSERT_EQ(consent.status, 201) << consent.body;
  {
    // consent:services holds from the record, before the signing step is completed.
    auto sops = worker->Get(case_path_ + "/sops");
    ASSERT_EQ(sops.status, 200) << sops.body;
    json::value sj = sops.Json();
    const auto* held = sj.at("recorded").as_object().if_contains("consent");
    ASSERT_TRUE(held && held->is_object()) << sops.body;
    EXPECT_TRUE(held->as_object().contains("services")) << sops.body;
    EXPECT_TRUE(held->as_object().contains("referral")) << sops.body;
  }
  Work(*worker, "case_worker", "tandatangani-informed-consent", "setuju");
  ExpectHandedOver(*head, "luwu-utara/identifikasi", "luwu-utara/asesmen");

  // --- 5. luwu-utara/asesmen. -------------------------------------------------------------
  // Row 1: initial assessment on a home visit (Surat Tugas and informed consent hold): the
  // asesmen-anak form is its hasil asesmen.
  json::object a1 = TaskInInbox(*worker, "asesmen-awal");
  EXPECT_TRUE(a1.at("missing").as_array().empty()) << json::serialize(a1);
  auto assessment =
      FileForm(*worker, "asesmen-anak",
               {{"tanggal_asesmen", today},
                {"klien", client_id},
                {"tahap", "initial"},
                {"didampingi_oleh", "parent"},
                {"usia", 14},
                {"kelompok_umur", "13_17"},
                {"jenis_kelamin", "female"},
                {"pendidikan", "sltp"},
                {"masih_sekolah", true},
                {"disabilitas", false},
                {"tinggal_bersama", "mother"},
                {"orang_tua_wali", mother_id},
                {"wali_dapat_melindungi", true},
                {"tinggal_dengan_pelaku", false},
                {"jenis_kasus", "kta"},
                {"bentuk_kekerasan", json::array{"sexual"}},
                {"tempat_kejadian", "household"},
                {"hubungan_pelaku", "neighbour"},
                {"kronologi", "Korban dicabuli tetangga di rumah pelaku."},
                {"lapor_polisi", true},
                {"luka_fisik", false},
                {"kejadian_72_jam", false},
                {"perilaku", json::array{"fear", "withdrawn"}},
                {"risiko_bunuh_diri", false},
                {"pendapat_anak", "Ingin merasa aman dan tetap sekolah."},
                {"tingkat_risiko", "high"},
                {"alasan_risiko", "Pelaku tinggal di dekat rumah korban."},
                {"perlu_pengasuhan_alternatif", false},
                {"kebutuhan_layanan", json::array{"psychological", "law_enforcement"}},
                {"rekomendasi_rujukan", json::array{"police"}},
                {"koordinasi_keluarga", true},
                {"rekomendasi", "Pendampingan psikologis dan pendampingan proses hukum."},
                {"ttd_asesor", Signed("Pendamping LUTRA")}},
               Str(a1, "id"));
  ASSERT_FALSE(assessment.empty());
  Work(*worker, "case_worker", "asesmen-awal");
  // Row 2: further assessment with the health, psychology and police services; the
  // province's psychologist is needed, so row 3 runs ("yang dibutuhkan").
  Work(*worker, "case_worker", "asesmen-lanjutan", "perlu-akses");
  // Row 3: the unit helps access the further assessment. Its surat permohonan is on paper;
  // the kind has been on the case file since identification row 7.
  Work(*manager, "case_manager", "akseskan-asesmen-lanjutan");
  // Row 7: conclusion and documentation (the laporan kasus is what the row produces).
  Work(*worker, "case_worker", "kesimpulan-dokumentasi");
  ExpectHandedOver(*head, "luwu-utara/asesmen", "luwu-utara/perencanaan-intervensi");

  // --- 6. luwu-utara/perencanaan-intervensi: the plan, a case conference. --------------
  auto plan_body = [&](int version, const std::string& psy, const std::string& legal) {
    return json::serialize(json::object{
        {"version", version},
        {"goals",
         json::array{json::object{{"id", "pulih"}, {"text", "Bunga pulih dari trauma"}},
                     json::object{{"id", "hukum"}, {"text", "Proses hukum terhadap pelaku"}}}},
        {"services", json::array{json::object{{"id", "psikologis"},
                                              {"type", "psychological"},
                                              {"provider", "unit"},
                                              {"responsible", worker_id},
                                              {"start", today},
                                              {"end", today},
                                              {"status", psy}},
                                 json::object{{"id", "hukum"},
                                              {"type", "legal"},
                                              {"provider", "partner"},
                                              {"partner_id", police_id},
                                              {"responsible", manager_id},
                                              {"start", today},
                                              {"end", today},
                                              {"status", legal}}}}});
  };
  // Row 1: the goals with the child and her mother.
  Work(*worker, "case_worker", "tentukan-tujuan");
  auto plan = manager->Request("PUT", case_path_ + "/plan", plan_body(0, "planned", "planned"));
  ASSERT_EQ(plan.status, 201) << plan.body;
  // Row 2: the activities, then each of the five needs (rows 2a-e, in parallel).
  Work(*worker, "case_worker", "rumuskan-rencana-kegiatan");
  Work(*worker, "case_worker", "akses-layanan-kesehatan");
  Work(*worker, "case_worker", "akses-layanan-psikologis");
  Work(*worker, "case_worker", "akses-rehabilitasi-sosial");
  Work(*worker, "case_worker", "akses-layanan-hukum");
  Work(*worker, "case_worker", "akses-pendampingan-patbm");
  // Row 3: the service plan with the providers; a case conference is needed.
  Work(*worker, "case_worker", "rumuskan-rencana-layanan", "perlu-case-conference");
  // Row 4: the case manager holds the case conference with the police and the mother.
  auto meeting = manager->Post(
      case_path_ + "/meetings",
      json::serialize(json::object{
          {"kind", "case_conference"},
          {"held_at", today},
          {"place", "Kantor UPTD PPA Luwu Utara, Masamba"},
          {"participants",
           {{"staff", json::array{manager_id, worker_id}},
            {"partners", json::array{police_id}},
            {"family", json::array{json::object{{"role", "mother"}, {"person_id", mother_id}}}},
            {"others", json::array{"Psikolog UPTD PPA Provinsi"}}}},
          {"agenda", "Rencana intervensi Bunga"},
          {"decisions", json::array{"Konseling psikologis oleh UPTD PPA",
                                    "Pendampingan proses hukum bersama Unit PPA Polres"}},
          {"follow_ups", json::array{"Rujuk ke Unit PPA Polres"}}}));
  ASSERT_EQ(meeting.status, 201) << meeting.body;
  Work(*manager, "case_manager", "pembahasan-kasus");
  // Row 5: the plan is told to the child and her mother and agreed: the rencana-intervensi form.
  json::object step5 = TaskInInbox(*worker, "informasikan-rencana");
  auto plan_form = FileForm(*worker, "rencana-intervensi",
                            {{"tanggal", today},
                             {"klien", client_id},
                             {"asesmen", Str(assessment, "id")},
                             {"tujuan", "Bunga pulih dari trauma; pelaku diproses hukum."},
                             {"perlu_kesehatan", false},
                             {"perlu_psikologi", true},
                             {"rencana_psikologi", "Konseling mingguan oleh psikolog."},
                             {"perlu_rehabilitasi_sosial", false},
                             {"perlu_hukum", true},
                             {"rencana_hukum", "Pendampingan pemeriksaan di Unit PPA Polres."},
                             {"perlu_keluarga_masyarakat", false},
                             {"konferensi_kasus", true},
                             {"tanggal_konferensi", today},
                             {"peserta_konferensi", json::array{"police"}},
                             {"disepakati_klien", true},
                             {"ttd_manajer_kasus", Signed("Manajer Kasus LUTRA")}},
                            Str(step5, "id"));
  ASSERT_FALSE(plan_form.empty());
  Work(*worker, "case_worker", "informasikan-rencana");
  ExpectHandedOver(*head, "luwu-utara/perencanaan-intervensi", "luwu-utara/pelaksanaan-intervensi");

  // --- 7. luwu-utara/pelaksanaan-intervensi: the referral to the police. ----------------
  auto referral = manager->Post(
      case_path_ + "/referrals",
      json::serialize(json::object{
          {"partner_id", police_id},
          {"client_id", client_id},
          {"services", json::array{"law_enforcement", "legal_aid"}},
          {"reason", "Pendampingan pemeriksaan dan proses hukum."},
          {"share", json::array{"name", "age_years", "sex"}},
          {"family_coordination", "Ibu korban hadir dalam konferensi kasus dan setuju."}}));
  ASSERT_EQ(referral.status, 201) << referral.body;
  const std::string referral_id = Str(referral.Json(), "referral_id");
  {
    auto seen = police->Get("/api/v1/referrals");
    ASSERT_EQ(seen.status, 200) << seen.body;
    json::value sj = seen.Json();
    ASSERT_EQ(sj.at("items").as_array().size(), 1u) << seen.body;
    EXPECT_EQ(Str(sj.at("items").as_array()[0].at("shared"), "name"), kClientName);
  }
  // The Surat Rujukan and the handover minutes that go with her, from the referral record.
  {
    auto [number, text] = Letter(*manager, json::object{{"kind", "surat-rujukan"},
                                                        {"referral_id", referral_id},
                                                        {"recipient_place", "Masamba"}});
    EXPECT_NE(text.find(number), std::string::npos) << text;
    EXPECT_NE(text.find(kClientName), std::string::npos) << text;
    EXPECT_NE(text.find("Pendampingan pemeriksaan dan proses hukum."), std::string::npos) << text;
    auto [bap_number, bap] =
        Letter(*manager, json::object{{"kind", "berita-acara-penyerahan"},
                                      {"referral_id", referral_id},
                                      {"location", "Kantor UPTD PPA Luwu Utara"},
                                      {"receiving", json::object{{"name", "Penyidik Unit PPA"}}}});
    EXPECT_NE(bap.find("BERITA ACARA"), std::string::npos) << bap;
    EXPECT_NE(bap.find(number), std::string::npos) << "the minutes cite the referral letter";
    EXPECT_NE(bap_number, number) << "each letter has its own agenda number";
  }
  auto accepted = police->Post("/api/v1/referrals/" + referral_id + "/accept", "{}");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  // Row 1: the police carry out their part (recorded by the case worker).
  Work(*worker, "case_worker", "laksanakan-intervensi");
  auto reported = police->Post("/api/v1/referrals/" + referral_id + "/report",
                               R"({"report":"BAP korban selesai didampingi; berkas ke jaksa."})");
  ASSERT_EQ(reported.status, 200) << reported.body;
  // Row 2: the police convey the result of their service.
  Work(*worker, "case_worker", "sampaikan-hasil-layanan");
  // Rows 3-5: documented, the child accompanied (row 4 has been open since row 1: the
  // accompaniment runs alongside the intervention), the accompaniment reported; the
  // services of the plan are done.
  Work(*worker, "case_worker", "dokumentasikan-hasil-intervensi");
  Work(*worker, "case_worker", "pendampingan-penerima-manfaat");
  Work(*worker, "case_worker", "laporan-pendampingan");
  plan = manager->Request("PUT", case_path_ + "/plan", plan_body(1, "in_progress", "in_progress"));
  ASSERT_EQ(plan.status, 200) << plan.body;
  plan = manager->Request("PUT", case_path_ + "/plan", plan_body(2, "done", "done"));
  ASSERT_EQ(plan.status, 200) << plan.body;
  // Row 6: the unit documents the intervention.
  Work(*manager, "case_manager", "dokumentasikan-pelaksanaan");
  ExpectHandedOver(*head, "luwu-utara/pelaksanaan-intervensi", "luwu-utara/pemantauan-evaluasi");

  // --- 8. luwu-utara/pemantauan-evaluasi. ----------------------------------------------
  auto note = worker->Post(
      case_path_ + "/monitoring",
      json::serialize(json::object{
          {"date", today},
          {"method", "home_visit"},
          {"client_condition", "Bunga kembali bersekolah, tidur nyenyak."},
          {"progress", json::array{json::object{{"goal_id", "pulih"}, {"status", "achieved"}},
                                   json::object{{"goal_id", "hukum"}, {"status", "achieved"}}}},
          {"notes", "Kunjungan rumah bersama ibu korban."}}));
  ASSERT_EQ(note.status, 201) << note.body;
  // Row 1: the monitoring plan needs the form monitoring: the pemantauan form.
  json::object m1 = TaskInInbox(*worker, "rencana-monev");
  auto monitoring_form = FileForm(*worker, "pemantauan",
                                  {{"tanggal", today},
                                   {"klien", client_id},
                                   {"pemantauan_ke", 1},
                                   {"cara", "home_visit"},
                                   {"layanan", "psychological"},
                                   {"pemberi_layanan", "Psikolog UPTD PPA"},
                                   {"status_layanan", "completed"},
                                   {"hasil_layanan", "Konseling tuntas, korban stabil."},
                                   {"perkembangan", "better"},
                                   {"tingkat_risiko", "low"},
                                   {"tindak_lanjut", "plan_termination"},
                                   {"laporan_akhir", true},
                                   {"ttd_pendamping", Signed("Pendamping LUTRA")},
                                   {"ttd_koordinator", Signed("Manajer Kasus LUTRA")}},
                                  Str(m1, "id"));
  ASSERT_FALSE(monitoring_form.empty());
  Work(*worker, "case_worker", "rencana-monev");
  // Row 2: the visit; no case conference needed.
  Work(*worker, "case_worker", "kunjungan-monev", "tanpa-case-conference");
  // Row 5: the monitoring report: the child has recovered.
  Work(*worker, "case_worker", "laporan-monev", "pulih");
  // Rows 7-8: termination planned, the documents checked.
  Work(*worker, "case_worker", "rencana-terminasi");
  Work(*manager, "case_manager", "pastikan-kelengkapan-dokumen");
  ExpectHandedOver(*head, "luwu-utara/pemantauan-evaluasi", "luwu-utara/terminasi");

  // --- 9. luwu-utara/terminasi. --------------------------------------------------------
  // Row 1: the plan to end the services is told to the child and her mother.
  Work(*worker, "case_worker", "pertemuan-rencana-terminasi", "terminasi-bersama");
  // Row 2: the terminasi form, agreed; a child: her mother signs with her.
  json::object termination_form{{"tanggal", today},
                                {"klien", client_id},
                                {"klien_anak", true},
                                {"jenis", "agreed"},
                                {"alasan", json::array{"goals_met", "recovered"}},
                                {"umpan_balik_klien", "Terima kasih, Bunga merasa didampingi."},
                                {"ttd_klien", Signed(kClientName)},
                                {"ttd_wali", Signed(kMotherName)},
                                {"layanan_diterima", json::array{"complaint", "law_enforcement"}},
                                {"konferensi_kasus", true},
                                {"tanggal_konferensi", today},
                                {"ttd_pendamping", Signed("Pendamping LUTRA")},
                                {"ttd_ketua", Signed("Kepala UPTD PPA LUTRA")}};
  json::object t2 = TaskInInbox(*worker, "minta-tandatangan-terminasi");
  auto termination_doc = FileForm(*worker, "terminasi", termination_form, Str(t2, "id"));
  ASSERT_FALSE(termination_doc.empty());
  Work(*worker, "case_worker", "minta-tandatangan-terminasi");
  // Row 3: the child and her mother sign and give feedback (recorded by the case worker).
  Work(*worker, "case_worker", "tandatangani-terminasi");
  // Row 5: the case manager documents the termination.
  // The end reason follows the path taken (the signed form): completed.
  Work(*manager, "case_manager", "dokumentasi-terminasi");
  ExpectEnded(*head, "luwu-utara/terminasi", "completed");

  // ... and closes the case. Not with a form that makes the child an adult, without her
  // mother's signature, nor with a form about someone else.
  {
    json::object as_adult = termination_form;
    as_adult["klien_anak"] = false;
    as_adult.erase("ttd_wali");
    auto r =
        manager->Post(case_path_ + "/termination",
                      json::serialize(json::object{
                          {"kind", "normal"}, {"summary", "Layanan tuntas."}, {"form", as_adult}}));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.ErrorCode(), "child_client") << r.body;
    json::object stranger_form = termination_form;
    stranger_form["klien"] = "00000000-0000-4000-8000-000000000000";
    r = manager->Post(
        case_path_ + "/termination",
        json::serialize(json::object{
            {"kind", "normal"}, {"summary", "Layanan tuntas."}, {"form", stranger_form}}));
    EXPECT_EQ(r.status / 100, 4) << r.body;
    EXPECT_EQ(r.ErrorCode(), "invalid_reference") << r.body;
    // Another document is not the termination form; a form and a document are one too many.
    r = manager->Post(case_path_ + "/termination",
                      json::serialize(json::object{{"kind", "normal"},
                                                   {"summary", "Layanan tuntas."},
                                                   {"document_id", Str(registration, "id")}}));
    EXPECT_EQ(r.ErrorCode(), "not_a_termination_form") << r.body;
    r = manager->Post(case_path_ + "/termination",
                      json::serialize(json::object{{"kind", "normal"},
                                                   {"summary", "Layanan tuntas."},
                                                   {"form", termination_form},
                                                   {"document_id", Str(termination_doc, "id")}}));
    EXPECT_EQ(r.ErrorCode(), "form_or_document") << r.body;
  }
  // The terminasi form filed in the SOP's step closes the case: it is not typed again.
  auto terminated =
      manager->Post(case_path_ + "/termination",
                    json::serialize(json::object{{"kind", "normal"},
                                                 {"summary", "Layanan tuntas; korban pulih."},
                                                 {"document_id", Str(termination_doc, "id")}}));
  ASSERT_EQ(terminated.status, 201) << terminated.body;
  auto closed = head->Get(case_path_);
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(Str(closed.Json(), "status"), "closed");
  // The Formulir Terminasi from the termination record, on the closed case; the mother
  // signs for her child.
  {
    auto [number, text] = Letter(
        *manager, json::object{{"kind", "form-terminasi"},
                               {"termination_id", Str(terminated.Json(), "termination_id")}});
    EXPECT_NE(text.find(number), std::string::npos) << text;
    EXPECT_NE(text.find(kClientName), std::string::npos) << text;
    EXPECT_NE(text.find(kMotherName), std::string::npos) << text;
  }
  // A closed case takes no new document.
  auto late = manager->Post(
      case_path_ + "/documents",
      json::serialize(json::object{{"form", "terminasi"}, {"values", termination_form}}));
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(late.ErrorCode(), "case_closed");

  // --- 10. The record. -----------------------------------------------------------------
  // Every SOP of the pack ran once on the case and ended as expected; no task is open.
  {
    auto sops = head->Get(case_path_ + "/sops");
    json::value sj = sops.Json();
    std::map<std::string, std::string> ended;
    for (const auto& i : sj.at("items").as_array()) {
      EXPECT_EQ(Str(i, "status"), "ended") << json::serialize(i);
      ended[Str(i, "sop_id")] = i.at("end_reason").is_string() ? Str(i, "end_reason") : "";
      for (const auto& t : i.at("tasks").as_array())
        EXPECT_NE(Str(t, "status"), "open") << json::serialize(t);
    }
    std::map<std::string, std::string> expected{
        {"luwu-utara/identifikasi", "handed_over"},
        {"luwu-utara/asesmen", "handed_over"},
        {"luwu-utara/perencanaan-intervensi", "handed_over"},
        {"luwu-utara/pelaksanaan-intervensi", "handed_over"},
        {"luwu-utara/pemantauan-evaluasi", "handed_over"},
        {"luwu-utara/terminasi", "completed"}};
    EXPECT_EQ(ended, expected);
  }

  // The case's history holds the chain, hash-linked, in order.
  auto events = head->Get(case_path_ + "/events");
  ASSERT_EQ(events.status, 200) << events.body;
  json::value ej = events.Json();
  std::vector<std::string> types;
  std::map<std::string, int> count;
  for (const auto& e : ej.at("items").as_array()) {
    types.push_back(Str(e, "type"));
    ++count[types.back()];
    EXPECT_EQ(Str(e, "hash").size(), 64u);
  }
  auto first = [&](const std::string& type) {
    auto it = std::find(types.begin(), types.end(), type);
    EXPECT_NE(it, types.end()) << type << " missing from the history";
    return it - types.begin();
  };
  std::vector<std::string> chain{"CaseOpened",         "DocumentFiled",    "SopStarted",
                                 "CaseClassified",     "TriageDecided",    "PersonAdded",
                                 "ConsentRecorded",    "PlanUpdated",      "MeetingRecorded",
                                 "ReferralMade",       "ReferralAccepted", "ReferralReported",
                                 "MonitoringRecorded", "CaseTerminated"};
  for (std::size_t i = 1; i < chain.size(); ++i)
    EXPECT_LT(first(chain[i - 1]), first(chain[i])) << chain[i - 1] << " before " << chain[i];
  EXPECT_EQ(count["DocumentFiled"], 12);  // six forms, two scans, four letters
  EXPECT_EQ(count["SopStarted"], 6);
  EXPECT_EQ(count["SopEnded"], 6);
  EXPECT_EQ(count["PlanUpdated"], 3);
  EXPECT_EQ(count["CaseTerminated"], 1);
  // Closed last, but for the Formulir Terminasi written from the termination record.
  ASSERT_GE(types.size(), 2u);
  EXPECT_EQ(types[types.size() - 2], "CaseTerminated");
  EXPECT_EQ(types.back(), "DocumentFiled");

  // The documents list holds every form and upload.
  {
    auto docs = head->Get(case_path_ + "/documents");
    ASSERT_EQ(docs.status, 200) << docs.body;
    json::value dj = docs.Json();
    std::multiset<std::string> forms, uploads, letters;
    for (const auto& d : dj.at("items").as_array()) {
      if (Str(d, "source") == "upload") {
        for (const auto& k : d.at("kinds").as_array()) uploads.emplace(k.as_string());
      } else if (Str(d, "source") == "letter") {
        letters.emplace(Str(d.at("letter"), "kind"));
      } else {
        forms.emplace(Str(d, "form"));
      }
    }
    EXPECT_EQ(forms, (std::multiset<std::string>{"registrasi", "persetujuan", "asesmen-anak",
                                                 "rencana-intervensi", "pemantauan", "terminasi"}))
        << docs.body;
    EXPECT_EQ(uploads, (std::multiset<std::string>{"identitas-korban", "surat-rujukan"}))
        << docs.body;
    EXPECT_EQ(letters, (std::multiset<std::string>{"surat-tugas", "surat-rujukan",
                                                   "berita-acara-penyerahan", "form-terminasi"}))
        << docs.body;
    EXPECT_EQ(docs.body.find(kClientName), std::string::npos) << "the list has no values";
  }
  // The birth certificate's scan downloads unchanged.
  auto file = worker->Get(case_path_ + "/documents/" + Str(birth_certificate, "id") + "/file");
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, ScanPdf("akta kelahiran"));

  // Another unit's head sees none of it.
  auto other = LoggedIn("kepala-lain");
  for (const char* sub : {"", "/documents", "/events", "/sops", "/plan", "/meetings", "/monitoring",
                          "/triage", "/team"})
    EXPECT_EQ(other->Get(case_path_ + sub).status, 404) << sub;
  EXPECT_EQ(other->Get(case_path_ + "/documents/" + Str(registration, "id")).status, 404);
  EXPECT_EQ(other->Get("/api/v1/tasks?case_id=" + case_id_).Json().at("items").as_array().size(),
            0u);
  auto other_search = other->Get(search);
  ASSERT_EQ(other_search.status, 200) << other_search.body;
  EXPECT_TRUE(other_search.Json().at("items").as_array().empty()) << other_search.body;

  // The hash chains verify.
  auto verify = harness_->Cli({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

}  // namespace
}  // namespace lindungi::testing
