// Babel's outreach (SOP Penjangkauan Korban, 002_f2dbedc6e5f993d7.txt) walked through the API
// by the users the pack names (issue 12 items 11 and 12): the case manager files the plan with
// its cost lines (row 3), the unit head approves it (row 4) and the approval records the lines
// and the total as they were; the administration officer writes the Surat Tugas and the SPPD
// from that approval (row 6), never before it; a candidate who still refuses (row 8*) leaves
// structured, sealed contact details that erasing her makes unreadable.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/api_fixture.h"
#include "support/backend.h"
#include "support/pdf_text.h"

namespace lindungi::testing {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kSop = "babel/penjangkauan-korban";

// The plan the case manager files: two officers, three cost lines, Rp 2.700.000 in all.
std::string PlanValues(long long lodging = 1200000) {
  return R"({"tanggal":"2026-11-30","maksud":"Melaksanakan penjangkauan korban",)"
         R"("tempat_berangkat":"Pangkalpinang","tempat_tujuan":"Kecamatan Koba, Kabupaten Bangka Tengah",)"
         R"("wilayah":"19.04","lokasi":"Dusun Qzwmelati RT 07 dekat surau",)"
         R"("berangkat":"2026-12-08","kembali":"2026-12-10","alat_angkut":"official_vehicle",)"
         R"("petugas":[{"nama":"Rina Kartika, S.Psi.","nip":"19900202 201501 2 002",)"
         R"("pangkat":"Penata / III.c","jabatan":"Manajer Kasus"},)"
         R"({"nama":"Dewi Anggraini","jabatan":"Pendamping Korban"}],)"
         R"("biaya":[{"jenis":"transport","uraian":"BBM kendaraan dinas pulang pergi","jumlah":600000},)"
         R"({"jenis":"per_diem","uraian":"2 orang x 3 hari x Rp 150.000","jumlah":900000},)"
         R"({"jenis":"lodging","uraian":"2 orang x 2 malam x Rp 300.000","jumlah":)" +
         std::to_string(lodging) +
         R"(}],"sumber_dana":"DPA UPTD PPA Provinsi Kepulauan Bangka Belitung Tahun Anggaran 2026",)"
         R"("kode_rekening":"5.1.02.04.01.0001",)"
         R"("ttd_pengaju":{"signed":true,"name":"Rina Kartika","date":"2026-11-30"}})";
}

class OutreachPlanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    auto r = harness_->Cli({"unit", "add", "--code", "BABEL", "--name", "UPTD PPA Babel",
                            "--time-zone", "Asia/Jakarta", "--sop-pack", "babel"});
    if (r.exit_code != 0) throw std::runtime_error(r.output);
    harness_->AddUser("operator", "intake_officer", "BABEL");
    harness_->AddUser("manajer", "case_manager", "BABEL");
    harness_->AddUser("kepala", "unit_head", "BABEL");
    harness_->AddUser("administrasi", "admin_officer", "BABEL");
    harness_->Start();
  }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }
  std::unique_ptr<Client> As(const std::string& user) {
    auto c = std::make_unique<Client>(harness_->base_url());
    EXPECT_EQ(c->Login(user, kTestPassword).status, 201);
    return c;
  }

  // The open task of step `step` on the case, as `c` reads it.
  static json::object OpenTask(Client& c, const std::string& case_id, const std::string& step) {
    auto r = c.Get("/api/v1/cases/" + case_id + "/sops");
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = r.Json();
    for (const auto& i : body.at("items").as_array())
      for (const auto& t : i.at("tasks").as_array())
        if (Str(t, "step_id") == step && Str(t, "status") == "open")
          return c.Get("/api/v1/tasks/" + Str(t, "id")).Json().as_object();
    ADD_FAILURE() << "no open task of step " << step;
    return {};
  }

  static HttpResult Complete(Client& c, const json::object& task, const std::string& body) {
    return c.Post("/api/v1/tasks/" + Str(task, "id") + "/complete", body);
  }

  // A new case (by the complaints operator) with the outreach started and rows 1 and 2 done
  // by her: the Form Kasus she holds, the SIMFONI form she fills.
  std::pair<std::string, std::string> CaseAtThePlan(const std::string& client) {
    auto op = As("operator");
    auto r = op->Post("/api/v1/cases", IntakeJson(client));
    EXPECT_EQ(r.status, 201) << r.body;
    auto kase = r.Json();
    std::string id = Str(kase, "id");
    r = op->Post("/api/v1/cases/" + id + "/sops", std::string(R"({"sop":")") + kSop + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    r = Complete(*op, OpenTask(*op, id, "tentukan-calon-penerima-manfaat"),
                 R"({"documents":["form-kasus"]})");
    EXPECT_EQ(r.status, 200) << r.body;
    r = Complete(*op, OpenTask(*op, id, "identifikasi-awal"),
                 R"({"documents":["formulir-simfoni"]})");
    EXPECT_EQ(r.status, 200) << r.body;
    return {id, Str(kase.at("client"), "person_id")};
  }

  // Row 3 (the case manager files the plan for her task and completes it) and row 4 (the
  // head approves it): the plan's document id.
  std::string PlanApproved(const std::string& case_id) {
    auto mk = As("manajer");
    auto task = OpenTask(*mk, case_id, "buat-rencana-penjangkauan");
    auto r = mk->Post("/api/v1/cases/" + case_id + "/documents",
                      R"({"form":"rencana-penjangkauan","task_id":")" + Str(task, "id") +
                          R"(","values":)" + PlanValues() + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string plan = Str(r.Json(), "id");
    EXPECT_EQ(Complete(*mk, task, "{}").status, 200);
    auto head = As("kepala");
    r = Complete(*head, OpenTask(*head, case_id, "periksa-rencana-penjangkauan"),
                 R"({"outcome":"approve"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return plan;
  }

  static inline ServerHarness* harness_ = nullptr;
};

// Items 11 and 12: plan with cost lines by the case manager, approved by the head (the
// approval records the lines and total), Surat Tugas and SPPD written from the approval by the
// administration officer, the SPPD's text carrying the approved figures; refused before.
TEST_F(OutreachPlanTest, ThePlanTheHeadApprovesCarriesItsBudgetAndTheSppdIsWrittenFromIt) {
  auto [case_id, client] = CaseAtThePlan("Melati Qzwprobe");
  const std::string path = "/api/v1/cases/" + case_id;
  auto mk = As("manajer");
  auto head = As("kepala");
  auto admin = As("administrasi");

  // The form is the one the pack names for the plan, with its repeating cost lines.
  auto form = mk->Get("/api/v1/forms/rencana-penjangkauan");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find(R"("type":"table")"), std::string::npos);
  EXPECT_NE(form.body.find(R"("total":true)"), std::string::npos);

  // Row 3: the case manager's task; a cost line without its amount is refused, naming the cell.
  auto task = OpenTask(*mk, case_id, "buat-rencana-penjangkauan");
  EXPECT_EQ(Str(task, "role"), "case_manager");
  std::string bad = PlanValues();
  bad = Replace(bad, R"(,"jumlah":900000)", "");
  auto r = mk->Post(path + "/documents", R"({"form":"rencana-penjangkauan","values":)" + bad + "}");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.ErrorCode(), "required");
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "biaya.1.jumlah") << r.body;
  r = mk->Post(path + "/documents",
               R"({"form":"rencana-penjangkauan","values":)" +
                   Replace(PlanValues(), R"("biaya":[)",
                           R"("biaya":[{"jenis":"transport","uraian":"x","jumlah":-5},)") +
                   "}");
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "biaya.0.jumlah") << r.body;
  r = mk->Post(path + "/documents", R"({"form":"rencana-penjangkauan","task_id":")" +
                                        Str(task, "id") + R"(","values":)" + PlanValues() + "}");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string plan = Str(r.Json(), "id");

  // Nothing travels before the head approves: neither letter is written (4xx, both languages).
  for (const char* kind : {"sppd", "surat-tugas"}) {
    auto early = mk->Post(path + "/letters", std::string(R"({"kind":")") + kind +
                                                 R"(","plan_document_id":")" + plan + R"("})");
    EXPECT_EQ(early.status, 422) << kind << " " << early.body;
    EXPECT_EQ(early.ErrorCode(), "plan_not_approved");
    EXPECT_FALSE(Str(early.Json().at("error"), "message").empty());
    EXPECT_FALSE(Str(early.Json().at("error"), "message_id").empty());
  }
  EXPECT_EQ(mk->Post(path + "/letters", R"({"kind":"sppd"})").ErrorCode(), "letter_field_required");
  ASSERT_EQ(Complete(*mk, task, "{}").status, 200);

  // Row 4: the head's decision; "approve" approves the plan.
  auto review = OpenTask(*head, case_id, "periksa-rencana-penjangkauan");
  EXPECT_EQ(Str(review, "role"), "unit_head");
  bool offered = false;
  for (const auto& o : review.at("outcomes").as_array())
    if (Str(o, "outcome") == "approve") offered = Str(o, "approves") == "rencana-penjangkauan";
  EXPECT_TRUE(offered) << json::serialize(review);
  r = Complete(*head, review, R"({"outcome":"approve"})");
  ASSERT_EQ(r.status, 200) << r.body;

  // The approval is an event with what was approved: the lines and the total.
  auto events = head->Get(path + "/events").Json();
  int approvals = 0;
  for (const auto& e : events.at("items").as_array()) {
    if (Str(e, "type") != "DocumentApproved") continue;
    ++approvals;
    const auto& p = e.at("payload");
    EXPECT_EQ(Str(p, "document_id"), plan);
    EXPECT_EQ(Str(p, "kind"), "rencana-penjangkauan");
    EXPECT_EQ(Str(p, "outcome"), "approve");
    EXPECT_EQ(p.at("document_version").as_int64(), 1);
    EXPECT_EQ(p.at("totals").at("biaya.jumlah").as_int64(), 2700000);
    const auto& lines = p.at("values").at("biaya").as_array();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(Str(lines[0], "jenis"), "transport");
    EXPECT_EQ(lines[2].at("jumlah").as_int64(), 1200000);
    // Her address (the plan's sealed field) is in the approval as it was, read back by staff.
    EXPECT_NE(json::serialize(p).find("Qzwmelati"), std::string::npos);
  }
  EXPECT_EQ(approvals, 1);
  // In the store the approval's address stays sealed under her key; the figures are clear.
  std::string stored =
      RawSql(harness_->db_url(), "SELECT payload FROM events WHERE type = 'DocumentApproved'");
  EXPECT_EQ(stored.find("Qzwmelati"), std::string::npos) << stored;
  EXPECT_NE(stored.find("enc1."), std::string::npos) << stored;
  EXPECT_NE(stored.find("2700000"), std::string::npos) << stored;

  // A later correction of the plan does not change what was approved.
  r = mk->Request("PUT", path + "/documents/" + plan,
                  R"({"version":1,"values":)" + PlanValues(4400000) + "}");
  ASSERT_EQ(r.status, 200) << r.body;

  // Row 5 (the head assigns), row 6 (the administration officer's letters).
  ASSERT_EQ(Complete(*head, OpenTask(*head, case_id, "beri-penugasan"), "{}").status, 200);
  auto letters_task = OpenTask(*admin, case_id, "siapkan-surat-tugas");
  EXPECT_EQ(Str(letters_task, "role"), "admin_officer");
  r = admin->Post(path + "/letters",
                  R"({"kind":"surat-tugas","plan_document_id":")" + plan + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string assignment = Str(r.Json(), "id");
  std::string st_text = PdfText(admin->Get(path + "/documents/" + assignment + "/file").body);
  EXPECT_NE(st_text.find("SURAT TUGAS"), std::string::npos) << st_text;
  EXPECT_NE(st_text.find("Rina Kartika"), std::string::npos) << st_text;
  EXPECT_NE(st_text.find("Dewi Anggraini"), std::string::npos) << st_text;
  EXPECT_NE(st_text.find("Bangka Tengah"), std::string::npos) << st_text;
  EXPECT_NE(st_text.find("8 s.d. 10 Desember 2026"), std::string::npos) << st_text;

  r = admin->Post(path + "/letters", R"({"kind":"sppd","plan_document_id":")" + plan +
                                         R"(","assignment_document_id":")" + assignment + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto sppd = r.Json();
  EXPECT_EQ(Str(sppd, "title"), "Surat Perintah Perjalanan Dinas");
  EXPECT_NE(json::serialize(sppd.at("kinds")).find("sppd"), std::string::npos);
  auto file = admin->Get(path + "/documents/" + Str(sppd, "id") + "/file");
  ASSERT_EQ(file.status, 200);
  std::string text = PdfText(file.body);
  // pdftotext may break a long label; compare with the spaces squeezed.
  std::string flat;
  for (char ch : text) {
    char c = (ch == '\n' || ch == '\t') ? ' ' : ch;
    if (!(c == ' ' && !flat.empty() && flat.back() == ' ')) flat += c;
  }
  for (const char* want : {"SURAT PERINTAH PERJALANAN DINAS",
                           "Rina Kartika, S.Psi.",
                           "19900202 201501 2 002",
                           "Dewi Anggraini",
                           "Melaksanakan penjangkauan korban",
                           "Kendaraan dinas",
                           "Pangkalpinang",
                           "Kecamatan Koba, Kabupaten Bangka Tengah",
                           "8 Desember 2026",
                           "10 Desember 2026",
                           "3 (tiga) hari",
                           "5.1.02.04.01.0001",
                           "Transportasi",
                           "Rp 600.000",
                           "Uang harian",
                           "Rp 900.000",
                           "Penginapan",
                           "Rp 1.200.000",
                           "Rp 2.700.000",
                           "dua juta tujuh ratus ribu rupiah"})
    EXPECT_NE(flat.find(want), std::string::npos) << want << "\n" << text;
  EXPECT_NE(flat.find(Str(r.Json().at("letter"), "agenda_number")), std::string::npos);
  // What was approved, not the corrected plan; never the client or her address.
  EXPECT_EQ(flat.find("4.400.000"), std::string::npos) << text;
  EXPECT_EQ(flat.find("Rp 5.900.000"), std::string::npos) << text;
  EXPECT_EQ(flat.find("Qzwprobe"), std::string::npos) << text;
  EXPECT_EQ(flat.find("Qzwmelati"), std::string::npos) << text;

  // Row 6 done: its letters are on the case.
  r = Complete(*admin, letters_task, R"({"documents":["tiket-perjalanan"]})");
  ASSERT_EQ(r.status, 200) << r.body;
}

// The head cannot approve a plan nobody filed; "revise" sends it back, and a second approval
// records the corrected plan.
TEST_F(OutreachPlanTest, AnApprovalNeedsAFiledPlanAndRecordsTheVersionApproved) {
  auto [case_id, client] = CaseAtThePlan("Kenanga Qzwprobe");
  const std::string path = "/api/v1/cases/" + case_id;
  auto mk = As("manajer");
  auto head = As("kepala");
  ASSERT_EQ(Complete(*mk, OpenTask(*mk, case_id, "buat-rencana-penjangkauan"), "{}").status, 200);
  auto review = OpenTask(*head, case_id, "periksa-rencana-penjangkauan");
  auto r = Complete(*head, review, R"({"outcome":"approve"})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "approval_document_missing");
  EXPECT_FALSE(Str(r.Json().at("error"), "message_id").empty());
  ASSERT_EQ(Complete(*head, review, R"({"outcome":"revise"})").status, 200);

  // Back at row 3: the plan is filed, then corrected before the head sees it again.
  auto task = OpenTask(*mk, case_id, "buat-rencana-penjangkauan");
  r = mk->Post(path + "/documents", R"({"form":"rencana-penjangkauan","task_id":")" +
                                        Str(task, "id") + R"(","values":)" + PlanValues() + "}");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string plan = Str(r.Json(), "id");
  ASSERT_EQ(mk->Request("PUT", path + "/documents/" + plan,
                        R"({"version":1,"values":)" + PlanValues(600000) + "}")
                .status,
            200);
  ASSERT_EQ(Complete(*mk, task, "{}").status, 200);
  ASSERT_EQ(Complete(*head, OpenTask(*head, case_id, "periksa-rencana-penjangkauan"),
                     R"({"outcome":"approve"})")
                .status,
            200);
  auto events = head->Get(path + "/events").Json();
  bool seen = false;
  for (const auto& e : events.at("items").as_array()) {
    if (Str(e, "type") != "DocumentApproved") continue;
    seen = true;
    EXPECT_EQ(e.at("payload").at("document_version").as_int64(), 2);
    EXPECT_EQ(e.at("payload").at("totals").at("biaya.jumlah").as_int64(), 2100000);
  }
  EXPECT_TRUE(seen);
}

// Item 11: a candidate who still refuses (row 8*) leaves structured contact details: sealed in
// the store, readable by the unit's staff, never in the server's log, gone when she is erased.
TEST_F(OutreachPlanTest, TheContactLeftWithACandidateWhoRefusesIsStructuredSealedAndErased) {
  auto [case_id, client] = CaseAtThePlan("Cempaka Qzwprobe");
  const std::string path = "/api/v1/cases/" + case_id;
  PlanApproved(case_id);
  auto head = As("kepala");
  auto mk = As("manajer");
  auto admin = As("administrasi");
  auto op = As("operator");
  ASSERT_EQ(Complete(*head, OpenTask(*head, case_id, "beri-penugasan"), "{}").status, 200);
  ASSERT_EQ(Complete(*admin, OpenTask(*admin, case_id, "siapkan-surat-tugas"),
                     R"({"documents":["surat-tugas","tiket-perjalanan","sppd"]})")
                .status,
            200);
  ASSERT_EQ(Complete(*mk, OpenTask(*mk, case_id, "koordinasi-pihak-terkait"), "{}").status, 200);
  // Row 8: she refuses; row 8*: after the further explanation she still refuses.
  auto r = Complete(*op, OpenTask(*op, case_id, "jangkau-dan-minta-persetujuan"),
                    R"({"outcome":"menolak"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto refusal = OpenTask(*op, case_id, "penjelasan-lanjut-penolakan");

  const std::string phone = "0812-7788-9911";
  const std::string safe_time = "Selasa pagi sesudah pukul 09.00 Qzwjam";
  const std::string code_word = "arisan Qzwkenari";
  const std::string answers = "hanya dia sendiri, bukan suaminya Qzwsuami";
  std::string values = R"({"tanggal":"2026-11-30","klien":")" + client +
                       R"(","kontak_diberikan":["unit_phone","sapa_129"],"boleh_dihubungi":true,)"
                       R"("kanal":"whatsapp","nomor":")" +
                       phone + R"(","waktu_aman":")" + safe_time + R"(","yang_boleh_menjawab":")" +
                       answers + R"(","kata_sandi":")" + code_word +
                       R"(","boleh_tinggalkan_pesan":false,)"
                       R"("ttd_petugas":{"signed":true,"name":"Petugas Uji"}})";
  // A channel that needs a number without one is refused, naming the field.
  auto no_number = op->Post(path + "/documents",
                            R"({"form":"kontak-aman","person_id":")" + client + R"(","values":)" +
                                Replace(values, R"("nomor":")" + phone + R"(",)", "") + "}");
  EXPECT_EQ(no_number.status, 400) << no_number.body;
  EXPECT_EQ(Str(no_number.Json().at("error"), "field"), "nomor");
  EXPECT_EQ(no_number.body.find("Qzwkenari"), std::string::npos) << "no value echoed";
  r = op->Post(path + "/documents", R"({"form":"kontak-aman","person_id":")" + client +
                                        R"(","task_id":")" + Str(refusal, "id") + R"(","values":)" +
                                        values + "}");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string contact = Str(r.Json(), "id");
  EXPECT_NE(json::serialize(r.Json().at("kinds")).find("kontak-aman"), std::string::npos);
  r = Complete(*op, refusal, R"({"outcome":"tetap-menolak"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.Json(), "sop_ended"), "rejected");

  // The unit's staff read it back, structured.
  auto read = op->Get(path + "/documents/" + contact);
  ASSERT_EQ(read.status, 200) << read.body;
  auto doc = read.Json();
  EXPECT_EQ(Str(doc.at("values"), "kanal"), "whatsapp");
  EXPECT_EQ(Str(doc.at("values"), "nomor"), phone);
  EXPECT_EQ(Str(doc.at("values"), "kata_sandi"), code_word);
  EXPECT_EQ(Str(doc.at("values"), "waktu_aman"), safe_time);

  // Not in clear in the store (tables, event log) nor in the server's log.
  std::string store;
  if (UsePostgres()) {
    for (const char* t : {"events", "case_documents", "case_facts"})
      store += RawSql(harness_->db_url(),
                      std::string("SELECT string_agg(x::text, ' ') FROM ") + t + " x") +
               "\n";
  } else {
    for (const auto& e : fs::recursive_directory_iterator(harness_->data_dir())) {
      if (!e.is_regular_file() || e.path().parent_path().filename() == "keys") continue;
      std::ifstream f(e.path(), std::ios::binary);
      std::stringstream s;
      s << f.rdbuf();
      store += s.str();
    }
  }
  ASSERT_FALSE(store.empty());
  for (const auto& secret :
       {phone, std::string("Qzwjam"), std::string("Qzwkenari"), std::string("Qzwsuami")})
    EXPECT_EQ(store.find(secret), std::string::npos) << secret;
  std::string log = harness_->ReadLog();
  for (const auto& secret : {phone, std::string("Qzwkenari")})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;

  // Erasing her makes them unreadable: only the coded answers remain.
  auto erased = harness_->Cli({"person", "erase", client});
  ASSERT_EQ(erased.exit_code, 0) << erased.output;
  read = op->Get(path + "/documents/" + contact);
  ASSERT_EQ(read.status, 200) << read.body;
  doc = read.Json();
  EXPECT_TRUE(doc.at("sensitive_erased").as_bool()) << read.body;
  EXPECT_EQ(Str(doc.at("values"), "kanal"), "whatsapp");
  for (const auto& secret : {phone, code_word, safe_time, answers})
    EXPECT_EQ(read.body.find(secret), std::string::npos) << secret;
  EXPECT_EQ(op->Get(path + "/events").body.find("Qzwkenari"), std::string::npos);
}

}  // namespace
}  // namespace lindungi::testing
