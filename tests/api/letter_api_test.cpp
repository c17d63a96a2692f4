// Letters from a case through the server (docs/letters.md "The service"): the unit's letter
// settings, every letter kind written from a case and downloaded as PDF (its text read back
// with pdftotext: letterhead, agenda number, Indonesian date, client, signatory, the kind's
// own content), agenda numbers counting per unit and year, bad inputs answered without
// echoing values, closed cases, other units, idempotent replays, and the PDF sealed in
// the store.
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "api/api_fixture.h"
#include "support/backend.h"
#include "support/pdf_text.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;
namespace fs = std::filesystem;

class LetterApiTest : public ApiTest {};

constexpr const char* kClient = "Sekar Qzwlanthi";
constexpr const char* kHeadName = "Dra. Wulan Pertiwi, M.Si.";
constexpr const char* kHeadNip = "19750101 200003 2 001";
constexpr const char* kOfficerName = "Rina Kartika, S.Psi.";
constexpr const char* kOfficerNip = "19900202 201501 2 002";

std::string Settings(const std::string& pattern) {
  return R"({"authority":["PEMERINTAH KOTA UJI","DINAS PEMBERDAYAAN PEREMPUAN DAN ANAK"],)"
         R"("name":"UPTD PPA KOTA UJI","address":"Jalan Uji Nomor 7, Kota Uji",)"
         R"("phone":"(0536) 555 123","email":"ppa@kotauji.example","city":"Kota Uji",)"
         R"("head":{"name":")" +
         std::string(kHeadName) + R"(","nip":")" + kHeadNip +
         R"(","rank":"Pembina / IV.a","position":"Kepala UPTD PPA Kota Uji"},)"
         R"("agenda":{"pattern":")" +
         pattern + R"(","classification":"470","unit_code":"PPA-UJI"}})";
}

// Today in a unit's zone as letters write it: "3 Desember 2026" and "03-12-2026", the month in
// Roman numerals, the year. The test unit is in Asia/Jakarta (UTC+7), unit OTHER in
// Asia/Makassar (UTC+8): between 16:00 and 17:00 UTC their dates differ.
struct Today {
  std::string date, digits, roman, year;
};
Today TodayAtUtcOffset(int offset_hours) {
  using namespace std::chrono;
  year_month_day d{floor<days>(system_clock::now() + hours(offset_hours))};
  static const char* kMonths[] = {"Januari",   "Februari", "Maret",    "April",
                                  "Mei",       "Juni",     "Juli",     "Agustus",
                                  "September", "Oktober",  "November", "Desember"};
  static const char* kRoman[] = {"I",   "II",   "III", "IV", "V",  "VI",
                                 "VII", "VIII", "IX",  "X",  "XI", "XII"};
  unsigned m = unsigned(d.month()) - 1;
  std::string year = std::to_string(int(d.year()));
  char digits[16];
  std::snprintf(digits, sizeof digits, "%02u-%02u-%s", unsigned(d.day()), m + 1, year.c_str());
  return {std::to_string(unsigned(d.day())) + " " + kMonths[m] + " " + year, digits, kRoman[m],
          year};
}
Today TodayInJakarta() {
  return TodayAtUtcOffset(7);
}
Today TodayInMakassar() {
  return TodayAtUtcOffset(8);
}

std::string UnitId(Client& c) {
  json::value s = c.Get("/api/v1/session").Json();
  return Str(s.at("user").at("roles").as_array().at(0), "unit_id");
}

std::string Officer() {
  return R"("officer":{"name":")" + std::string(kOfficerName) + R"(","nip":")" + kOfficerNip +
         R"("})";
}

// The unit's letter settings: read by its staff, set by its head, checked.
TEST_F(LetterApiTest, UnitLetterSettingsThroughTheApi) {
  auto head = LoggedIn("head");
  auto worker = LoggedIn("worker");
  auto stranger = LoggedIn("stranger");
  std::string path = "/api/v1/units/" + UnitId(*head) + "/letterhead";
  auto r = worker->Get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.Json(), "unit_id"), UnitId(*head));
  EXPECT_EQ(stranger->Get(path).status, 404);
  EXPECT_EQ(worker->Request("PUT", path, Settings("{seq}/{year}")).ErrorCode(), "admin_required");
  EXPECT_EQ(stranger->Request("PUT", path, Settings("{seq}/{year}")).status, 404);
  r = head->Request("PUT", path, Settings("{classification}/{nomor}/Qzxwv"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "agenda.pattern") << r.body;
  EXPECT_EQ(r.body.find("Qzxwv"), std::string::npos) << r.body;
  r = head->Request("PUT", path,
                    Replace(Settings("{seq}"), R"("nip":")" + std::string(kHeadNip), R"("nip":")"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "head.nip") << r.body;
  r = head->Request("PUT", path, Replace(Settings("{seq}"), R"("city":"Kota Uji",)", ""));
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "city") << r.body;
  r = head->Request("PUT", path, Settings("{classification}/{seq:03}/{unit}/{month_roman}/{year}"));
  ASSERT_EQ(r.status, 200) << r.body;
  r = worker->Get(path);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.Json().at("configured").as_bool());
  EXPECT_EQ(Str(r.Json().at("head"), "nip"), kHeadNip);
  EXPECT_EQ(Str(r.Json().at("agenda"), "unit_code"), "PPA-UJI");
  std::string events =
      RawSql(harness_->db_url(), "SELECT type FROM events WHERE type = 'UnitLetterheadSet'");
  EXPECT_NE(events.find("UnitLetterheadSet"), std::string::npos);
}

// Every kind from a case: posted, filed as a document, downloaded, its text checked.
TEST_F(LetterApiTest, EveryKindFromACase) {
  ASSERT_EQ(harness_->Cli({"unit", "set-pack", "TEST", "kalteng"}).exit_code, 0);
  ASSERT_EQ(harness_
                ->Cli({"partner", "add", "--code", "RSUD-UJI", "--name", "RSUD Kota Uji", "--kind",
                       "health"})
                .exit_code,
            0);
  auto head = LoggedIn("head");
  ASSERT_EQ(head->Request("PUT", "/api/v1/units/" + UnitId(*head) + "/letterhead",
                          Settings("{classification}/{seq:03}/{unit}/{month_roman}/{year}"))
                .status,
            200);
  auto worker = LoggedIn("worker");
  auto kase = CreateCase(*worker, kClient);  // a girl born 17 May 2012
  std::string path = "/api/v1/cases/" + Str(kase, "id");
  std::string client = Str(kase.at("client"), "person_id");
  // A guardian, her consent to services and referral, and a referral to the hospital.
  auto guardian =
      worker->Post(path + "/people", R"({"role":"guardian","name":"Ibu Qzwlanthi","sex":"female",)"
                                     R"("relation":"parent","guardian_of":")" +
                                         client + R"("})");
  ASSERT_EQ(guardian.status, 201) << guardian.body;
  std::string guardian_id = Str(guardian.Json(), "person_id");
  auto consent = worker->Post(path + "/consents", R"({"client_id":")" + client +
                                                      R"(","given_by":")" + guardian_id +
                                                      R"(","scopes":["services","referral"],)"
                                                      R"("signed_statement":true})");
  ASSERT_EQ(consent.status, 201) << consent.body;
  std::string consent_id = Str(consent.Json(), "consent_id");
  std::string partner_id =
      RawSql(harness_->db_url(), "SELECT id FROM partners WHERE code = 'RSUD-UJI'");
  while (!partner_id.empty() && (partner_id.back() == '\n' || partner_id.back() == ' '))
    partner_id.pop_back();
  auto referral = worker->Post(path + "/referrals", R"({"partner_id":")" + partner_id +
                                                        R"(","client_id":")" + client +
                                                        R"(","services":["health"],)"
                                                        R"("reason":"Pemeriksaan kesehatan.",)"
                                                        R"("family_coordination":"Ibu hadir."})");
  ASSERT_EQ(referral.status, 201) << referral.body;
  std::string referral_id = Str(referral.Json(), "referral_id");

  const Today today = TodayInJakarta();
  const std::string dated = "Kota Uji, " + today.date;
  long last_seq = -1;
  std::map<std::string, std::string> documents;  // kind -> document id
  auto post = [&](const std::string& kind, const std::string& fields) -> std::string {
    SCOPED_TRACE(kind);
    auto started = std::chrono::steady_clock::now();
    auto r = worker->Post(path + "/letters", R"({"kind":")" + kind + R"(",)" + Officer() +
                                                 (fields.empty() ? "" : "," + fields) + "}");
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
    std::printf("[letter] %s: POST answered in %lld ms\n", kind.c_str(), (long long)ms);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return "";
    json::value doc = r.Json();
    EXPECT_EQ(Str(doc, "source"), "letter");
    EXPECT_EQ(Str(doc.at("letter"), "kind"), kind);
    EXPECT_EQ(Str(doc.at("file"), "media_type"), "application/pdf");
    EXPECT_EQ(r.body.find("Qzwlanthi"), std::string::npos) << "no name in the answer";
    long seq = long(doc.at("letter").at("sequence").as_int64());
    if (last_seq > 0) {
      EXPECT_EQ(seq, last_seq + 1) << "the unit's register counts on";
    }
    last_seq = seq;
    std::string number = Str(doc.at("letter"), "agenda_number");
    char expected[64];
    std::snprintf(expected, sizeof expected, "470/%03ld/PPA-UJI/%s/%s", seq, today.roman.c_str(),
                  today.year.c_str());
    EXPECT_EQ(number, expected);
    std::string id = Str(doc, "id");
    documents[kind] = id;
    auto file = worker->Get(path + "/documents/" + id + "/file");
    EXPECT_EQ(file.status, 200);
    EXPECT_EQ(file.headers["content-type"], "application/pdf");
    EXPECT_EQ(file.body.rfind("%PDF", 0), 0u);
    std::string text = PdfText(file.body);
    for (const char* s : {"PEMERINTAH KOTA UJI", "UPTD PPA KOTA UJI", "Jalan Uji Nomor 7"})
      EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
    EXPECT_NE(text.find(number), std::string::npos) << number << "\n" << text;
    // The sealed file in the store has no PDF in clear.
    std::string sealed = RawSql(
        harness_->db_url(), "SELECT sealed FROM document_files WHERE document_id = '" + id + "'");
    EXPECT_FALSE(sealed.empty());
    EXPECT_EQ(sealed.find("%PDF"), std::string::npos);
    EXPECT_EQ(sealed.find("Qzwlanthi"), std::string::npos);
    return text;
  };
  auto has = [](const std::string& text, std::initializer_list<const char*> parts) {
    for (const char* s : parts) EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  };

  // Surat Tugas: the head signs, the officers are named, the client is not.
  std::string text =
      post("surat-tugas", R"("task":"melaksanakan penjangkauan korban",)"
                          R"("destination":"Kecamatan Uji Utara","start":"2026-11-24",)"
                          R"("end":"2026-11-25","funding":"DPA UPTD PPA 2026")");
  has(text,
      {"SURAT TUGAS", today.date.c_str(), kHeadName, kHeadNip, kOfficerName, kOfficerNip,
       "melaksanakan penjangkauan korban", "Kecamatan Uji Utara", "(dua hari)", dated.c_str()});
  EXPECT_NE(text.find(Str(kase, "number")), std::string::npos);
  EXPECT_EQ(text.find("Qzwlanthi"), std::string::npos) << "a Surat Tugas names no client";

  // Surat Rujukan from the referral: the partner, the service, the consent's date.
  text = post("surat-rujukan",
              R"("referral_id":")" + referral_id +
                  R"(","recipient_place":"Kota Uji","attachments":["Hasil asesmen"])");
  has(text, {kClient, "Perempuan", "14 tahun", "RSUD Kota Uji", "Kesehatan", "Rahasia",
             "Pemeriksaan kesehatan.", kHeadName, kHeadNip, dated.c_str()});
  EXPECT_NE(text.find("persetujuan tertulis penerima manfaat/keluarga tertanggal " + today.date),
            std::string::npos)
      << "the consent's date\n"
      << text;
  std::string referral_number =
      Str(worker->Get(path + "/documents/" + documents["surat-rujukan"]).Json().at("letter"),
          "agenda_number");

  // Berita Acara Penyerahan of the referral: the Surat Rujukan's number, both parties.
  text = post("berita-acara-penyerahan",
              R"("referral_id":")" + referral_id +
                  R"(","location":"IGD RSUD Kota Uji","receiving":{"name":"dr. Budi Penerima",)"
                  R"("position":"Dokter Jaga"},"items":["Berkas kasus","Surat rujukan"])");
  has(text, {"BERITA ACARA PENYERAHAN", kClient, "dr. Budi Penerima", kOfficerName, "RSUD Kota Uji",
             "IGD RSUD Kota Uji", "Pada hari ini", today.digits.c_str(), kHeadName, kHeadNip});
  EXPECT_NE(text.find(referral_number), std::string::npos) << referral_number << "\n" << text;

  // Surat Pernyataan Persetujuan from the consent: the mother signs for her daughter.
  text = post("surat-pernyataan-persetujuan", R"("consent_id":")" + consent_id + R"(")");
  has(text, {"PERNYATAAN PERSETUJUAN", "Ibu Qzwlanthi", kClient, "Orang tua",
             "menerima layanan perlindungan", "dirujuk kepada lembaga layanan mitra", kOfficerName,
             kOfficerNip, today.date.c_str()});

  // Surat Perjanjian: parties written out and the client as a party, the agreements.
  text = post("surat-perjanjian",
              R"("location":"Kantor UPTD PPA Kota Uji",)"
              R"("first_party":{"person_id":")" +
                  guardian_id +
                  R"(","occupation":"Pedagang"},)"
                  R"("second_party":{"name":"Pak Darmo Terlapor","sex":"male","age_years":45,)"
                  R"("address":"Desa Uji"},"agreements":["Pihak Kedua tidak lagi mendatangi )"
                  R"(rumah Pihak Pertama.","Pihak Kedua membiayai sekolah anak."],)"
                  R"("witnesses":[{"name":"Ketua RT Uji"}])");
  has(text, {"SURAT PERJANJIAN", "Ibu Qzwlanthi", "Pak Darmo Terlapor", "45 tahun",
             "tidak lagi mendatangi", "membiayai sekolah anak", "Ketua RT Uji", "Meterai",
             "Mediator,", kOfficerName, kHeadName, kHeadNip});

  // Formulir Terminasi before the termination is recorded (for signatures).
  text = post("form-terminasi",
              R"("reason":"goals_met","services":["Pendampingan psikologis","Kesehatan"],)"
              R"("case_conference":"2026-11-20","client_feedback":"Layanan membantu.")");
  has(text, {"TERMINASI", kClient, "Ibu Qzwlanthi", "Orang tua", "Pendampingan psikologis",
             "20 November 2026", "Layanan membantu.", kOfficerName, kOfficerNip, kHeadName});

  // Laporan Penjangkauan of the Surat Tugas: its number and date.
  std::string assignment_number =
      Str(worker->Get(path + "/documents/" + documents["surat-tugas"]).Json().at("letter"),
          "agenda_number");
  text = post("laporan-penjangkauan",
              R"("assignment_document_id":")" + documents["surat-tugas"] +
                  R"(","outreach_date":"2026-11-24","location":"Desa Uji Utara",)"
                  R"("coordinated_with":["Kepala Desa Uji Utara"],)"
                  R"("findings":["Korban tinggal bersama ibunya dan dalam keadaan aman."],)"
                  R"("risk":"high","follow_up":["Asesmen lanjutan"])");
  has(text, {"LAPORAN HASIL PENJANGKAUAN", kClient, "Desa Uji Utara", "Kepala Desa Uji Utara",
             "dalam keadaan aman", "24 November 2026", "Asesmen lanjutan", kOfficerName, kHeadName,
             kHeadNip});
  EXPECT_NE(text.find(assignment_number), std::string::npos) << assignment_number << "\n" << text;

  // The documents list is the letters list; each counts as its pack's document kinds.
  auto list = worker->Get(path + "/documents");
  ASSERT_EQ(list.status, 200);
  json::value items = list.Json().at("items");
  int letters = 0;
  for (const auto& d : items.as_array()) {
    if (Str(d, "source") != "letter") continue;
    ++letters;
    EXPECT_FALSE(Str(d.at("letter"), "agenda_number").empty());
  }
  EXPECT_EQ(letters, 7);
  auto rujukan = worker->Get(path + "/documents/" + documents["surat-rujukan"]).Json();
  EXPECT_EQ(json::serialize(rujukan.at("kinds")), R"(["surat-rujukan"])");
  auto tugas = worker->Get(path + "/documents/" + documents["surat-tugas"]).Json();
  EXPECT_EQ(json::serialize(tugas.at("kinds")), R"(["surat-tugas"])");
  EXPECT_EQ(Str(tugas, "title"), "Surat Tugas");
}

// Refusals: an unknown kind, a missing field (named, its neighbours' values not echoed), an
// unknown field, another unit, a closed case; a replay gives the same letter and number; a
// refused letter takes no number.
TEST_F(LetterApiTest, BadInputsReplaysAndClosedCases) {
  auto worker = LoggedIn("worker");
  auto head = LoggedIn("head");
  auto stranger = LoggedIn("stranger");
  auto kase = CreateCase(*worker, "Klien Surat Kedua");
  std::string path = "/api/v1/cases/" + Str(kase, "id");
  std::string client = Str(kase.at("client"), "person_id");
  const std::string good =
      R"({"kind":"surat-tugas","task":"kunjungan rumah","destination":"Desa Qzxwv",)"
      R"("start":"2026-11-24"})";

  auto r = worker->Post(path + "/letters", R"({"kind":"surat-cinta"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "unknown_letter_kind");
  r = worker->Post(path + "/letters", Replace(good, R"("task":"kunjungan rumah",)", ""));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "letter_field_required");
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "task");
  EXPECT_EQ(r.body.find("Qzxwv"), std::string::npos) << r.body;
  r = worker->Post(path + "/letters", Replace(good, R"("task")", R"("agreements":["x"],"task")"));
  EXPECT_EQ(r.status, 400) << "a field of another kind";
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "agreements");
  r = worker->Post(path + "/letters", Replace(good, "2026-11-24", "24/11/2026"));
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "start");
  r = worker->Post(path + "/letters", R"({"kind":"surat-rujukan","reason":"Qzxwv"})");
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "recipient");
  EXPECT_EQ(r.body.find("Qzxwv"), std::string::npos) << r.body;
  r = worker->Post(
      path + "/letters",
      R"({"kind":"surat-rujukan","referral_id":"00000000-0000-4000-8000-000000000000"})");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "referral_not_found");
  r = worker->Post(path + "/letters",
                   R"({"kind":"surat-perjanjian","location":"Kantor","first_party":{"name":"A"},)"
                   R"("second_party":{"sex":"male"},"agreements":["Damai."]})");
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "second_party.name");
  EXPECT_EQ(stranger->Post(path + "/letters", good).status, 404);

  // A replay: the same document and number; a new key: the next number, right after the
  // one before (the refused letters took none).
  auto first = worker->Post(path + "/letters", good, {"Idempotency-Key: surat-001"});
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = worker->Post(path + "/letters", good, {"Idempotency-Key: surat-001"});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(Str(again.Json(), "id"), Str(first.Json(), "id"));
  EXPECT_EQ(Str(again.Json().at("letter"), "agenda_number"),
            Str(first.Json().at("letter"), "agenda_number"));
  auto second = worker->Post(path + "/letters", good, {"Idempotency-Key: surat-002"});
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.Json().at("letter").at("sequence").as_int64(),
            first.Json().at("letter").at("sequence").as_int64() + 1);
  EXPECT_EQ(Str(second.Json(), "title"), "Surat Tugas");

  // A sexual-violence case takes no mediation agreement (UU 12/2022 art. 23).
  ASSERT_EQ(worker
                ->Post(path + "/incidents",
                       R"({"date":"2026-11-20","place_type":"household","forms":["sexual"]})")
                .status,
            201);
  r = worker->Post(path + "/letters",
                   R"({"kind":"surat-perjanjian","location":"Kantor","first_party":{"name":"A"},)"
                   R"("second_party":{"name":"B"},"agreements":["Damai."]})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "mediation_not_allowed");

  // Closed: no letters, but the termination form of its termination.
  r = head->Post(path + "/termination",
                 R"({"kind":"unilateral","reason":"refuses","summary":"Menolak.","form":{)"
                 R"("tanggal":"2026-11-30","klien":")" +
                     client +
                     R"(","klien_anak":true,"jenis":"unilateral","alasan_sepihak":"refuses",)"
                     R"("keterangan_penolakan":"Menolak.","layanan_diterima":["complaint"],)"
                     R"("konferensi_kasus":false,"ttd_pendamping":{"signed":true,"name":"A"},)"
                     R"("ttd_ketua":{"signed":true,"name":"B"}}})");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string termination_id = Str(r.Json(), "termination_id");
  r = worker->Post(path + "/letters", good);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.ErrorCode(), "case_closed");
  EXPECT_EQ(worker
                ->Post(path + "/letters", R"({"kind":"form-terminasi","reason":"refuses",)"
                                          R"("services":["Pengaduan"]})")
                .ErrorCode(),
            "case_closed");
  r = head->Post(path + "/letters",
                 R"({"kind":"form-terminasi","termination_id":")" + termination_id + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto file = head->Get(path + "/documents/" + Str(r.Json(), "id") + "/file");
  ASSERT_EQ(file.status, 200);
  std::string text = PdfText(file.body);
  EXPECT_NE(text.find("Klien Surat Kedua"), std::string::npos) << text;
  EXPECT_NE(text.find("Pengaduan"), std::string::npos) << "the services of the record\n" << text;
  EXPECT_NE(text.find("menolak"), std::string::npos) << "the unilateral reason\n" << text;
  EXPECT_NE(text.find("Tanggal terminasi : 30 November 2026"), std::string::npos)
      << "dated as the termination\n"
      << text;
}

// A unit that has not set its letter settings still writes letters: the kop names the unit
// as its record does, no place before the date, the head's name and NIP print "-", the
// default format.
TEST_F(LetterApiTest, AUnitWithoutSettingsStillWritesLetters) {
  auto other = LoggedIn("stranger");  // a case worker of unit OTHER, which has no settings
  auto kase = CreateCase(*other, "Klien Unit Lain");
  std::string path = "/api/v1/cases/" + Str(kase, "id");
  auto settings = other->Get("/api/v1/units/" + UnitId(*other) + "/letterhead");
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_FALSE(settings.Json().at("configured").as_bool());
  auto r =
      other->Post(path + "/letters",
                  R"({"kind":"surat-rujukan","recipient":["Kepala Puskesmas Uji"],)"
                  R"("recipient_place":"Kota Lain","service_title":"Kesehatan",)"
                  R"("service_requested":"pemeriksaan kesehatan","reason":"Perlu diperiksa."})");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string number = Str(r.Json().at("letter"), "agenda_number");
  EXPECT_EQ(number.rfind("400.2.8/", 0), 0u) << number;
  EXPECT_NE(number.find("/UPTD-PPA/"), std::string::npos) << number;
  auto file = other->Get(path + "/documents/" + Str(r.Json(), "id") + "/file");
  ASSERT_EQ(file.status, 200);
  std::string text = PdfText(file.body);
  EXPECT_EQ(text.find(", " + TodayInMakassar().date), std::string::npos) << "no place\n" << text;
  EXPECT_NE(text.find(TodayInMakassar().date), std::string::npos) << text;
  for (const char* s : {"UPTD PPA Lain", "Klien Unit Lain", "Kepala Puskesmas Uji", "NIP. -",
                        "Kepala UPTD PPA Lain", "pemeriksaan kesehatan"})
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
}

}  // namespace
}  // namespace lindungi::testing
