// The letters as PDF: each kind rendered, its text extracted with poppler's pdftotext and
// checked for what the letter must say.
#include "report/letter_pdf.h"

#include <cairo.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/agenda_number.h"
#include "report/indonesian_date.h"
#include "report/letter_templates.h"
#include "report/sample_letters.h"
#include "support/process.h"

namespace lindungi::report {
namespace {

namespace fs = std::filesystem;

// The text of a PDF as `pdftotext -layout` gives it: one string per page.
class PdfText {
 public:
  explicit PdfText(const std::string& pdf) {
    std::string tmpl = (fs::temp_directory_path() / "lindungi-letter-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    std::string pdf_path = dir_ + "/letter.pdf", text_path = dir_ + "/letter.txt";
    std::ofstream(pdf_path, std::ios::binary) << pdf;
    int rc = testing::WaitProcess(
        testing::SpawnProcess({"pdftotext", "-layout", "-enc", "UTF-8", pdf_path, text_path}));
    EXPECT_EQ(rc, 0) << "pdftotext failed";
    std::stringstream text;
    text << std::ifstream(text_path).rdbuf();
    std::string page;
    for (char c : text.str()) {
      if (c == '\f') {
        pages_.push_back(page);
        page.clear();
      } else {
        page += c;
      }
    }
    fs::remove_all(dir_);
  }

  std::size_t pages() const { return pages_.size(); }
  const std::string& page(std::size_t i) const { return pages_.at(i); }

  // All pages with every run of white space made one space, so columns and wrapped lines
  // read as sentences.
  std::string Flat() const {
    std::string out;
    for (const auto& p : pages_) out += Squash(p) + " ";
    return out;
  }
  static std::string Squash(const std::string& s) {
    std::string out;
    for (char c : s) {
      bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (space) {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else {
        out += c;
      }
    }
    return out;
  }

 private:
  std::string dir_;
  std::vector<std::string> pages_;
};

std::string Render(const Letter& letter) {
  auto pdf = RenderLetterPdf(letter);
  EXPECT_TRUE(pdf) << pdf.error().message_en;
  return pdf ? *pdf : std::string();
}

#define EXPECT_HAS(text, needle) \
  EXPECT_NE((text).find(needle), std::string::npos) << "missing: " << (needle)

// What every letter shows: the kop, its number, the signatories with name and NIP.
void ExpectCommon(const std::string& text, const Letter& letter) {
  const IssuingUnit unit = SampleUnit();
  for (const auto& line : unit.letterhead.authority_lines) EXPECT_HAS(text, line);
  EXPECT_HAS(text, unit.letterhead.unit_name);
  for (const auto& line : unit.letterhead.contact_lines) EXPECT_HAS(text, line);
  EXPECT_HAS(text, "Nomor : " + letter.agenda_number);
  std::size_t signatories = 0;
  for (const auto& group : letter.signatures) {
    for (const auto& s : group.signatories) {
      ++signatories;
      EXPECT_HAS(text, s.name);
      if (!s.nip.empty()) {
        EXPECT_HAS(text, "NIP. " + s.nip);
      }
    }
  }
  EXPECT_GT(signatories, 0u);
}

void ExpectPerson(const std::string& text, const PersonDetails& p) {
  EXPECT_HAS(text, "Nama : " + p.name);
  if (p.age_years) {
    EXPECT_HAS(text, "Umur : " + std::to_string(*p.age_years) + " tahun");
  }
  EXPECT_HAS(text, "Alamat : " + p.address);
}

TEST(LetterPdfTest, AssignmentLetterNamesTheOfficersTaskAndDates) {
  AssignmentInput in = SampleAssignment();
  Letter letter = AssignmentLetter(in);
  PdfText pdf(Render(letter));
  std::string text = pdf.Flat();
  ExpectCommon(text, letter);
  EXPECT_EQ(pdf.pages(), 1u);
  EXPECT_HAS(text, "SURAT TUGAS");
  EXPECT_HAS(text, "Nomor : 400.2.8/0041/UPTD-PPA/XI/2026");
  EXPECT_HAS(text, "Kota Contoh, 23 November 2026");
  EXPECT_HAS(text, "MENUGASKAN:");
  for (const auto& o : in.officers) {
    EXPECT_HAS(text, "Nama : " + o.name);
    EXPECT_HAS(text, "NIP : " + o.nip);
    EXPECT_HAS(text, "Jabatan : " + o.position);
  }
  EXPECT_HAS(text, "Melaksanakan penjangkauan korban pada kasus Nomor PPA-DEMO/2026/00042");
  EXPECT_HAS(text, "23 s.d. 25 November 2026 (tiga hari)");
  EXPECT_HAS(text, "Kepala UPTD PPA Kota Contoh,");
  // Shown on the way to police and villages: it never names the client.
  EXPECT_EQ(text.find("Melati"), std::string::npos);

  in.travel_order = true;
  std::string spt = PdfText(Render(AssignmentLetter(in))).Flat();
  EXPECT_HAS(spt, "SURAT PERINTAH TUGAS");
  EXPECT_HAS(spt, "MEMERINTAHKAN:");
}

TEST(LetterPdfTest, ReferralLetterIsAnOfficialLetterToThePartner) {
  ReferralInput in = SampleReferral();
  Letter letter = ReferralLetter(in);
  PdfText pdf(Render(letter));
  std::string text = pdf.Flat();
  ExpectCommon(text, letter);
  EXPECT_EQ(pdf.pages(), 1u);
  EXPECT_HAS(text, "Kota Contoh, 23 November 2026");
  EXPECT_HAS(text, "Sifat : Rahasia");
  EXPECT_HAS(text, "Lampiran : 2 (dua) berkas");
  EXPECT_HAS(text, "Perihal : Rujukan Layanan Kesehatan");
  EXPECT_HAS(text, "Kepada");
  EXPECT_HAS(text, "Yth. Direktur RSUD Kota Contoh");
  EXPECT_HAS(text, "di -");
  EXPECT_HAS(text, "Nomor Register : PPA-DEMO/2026/00042");
  ExpectPerson(text, in.client);
  EXPECT_HAS(text, "Jenis Kelamin : Perempuan");
  EXPECT_HAS(text, "pemeriksaan kesehatan dan pemulihan psikologis");
  EXPECT_HAS(text, "persetujuan tertulis penerima manfaat/keluarga tertanggal 20 November 2026");
  EXPECT_HAS(text, "1. Hasil asesmen awal");
  EXPECT_HAS(text, "Rina Kartika, S.Psi., Manajer Kasus, telepon 0812 0000 0000");
  EXPECT_HAS(text, "Tembusan:");
  EXPECT_HAS(text, "2. Arsip");
  EXPECT_EQ(text.find("Halaman"), std::string::npos);  // one page: no page numbers
}

TEST(LetterPdfTest, HandoverMinutesNameBothPartiesAndTheClient) {
  HandoverInput in = SampleHandover();
  Letter letter = HandoverMinutes(in);
  PdfText pdf(Render(letter));
  std::string text = pdf.Flat();
  ExpectCommon(text, letter);
  EXPECT_HAS(text, "BERITA ACARA PENYERAHAN");
  EXPECT_HAS(text, "Penyerahan Penerima Manfaat dan Berkas Kasus");
  EXPECT_HAS(text,
             "Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh "
             "enam (23-11-2026), bertempat di RSUD Kota Contoh");
  EXPECT_HAS(text, "Nama : " + in.handing_over.name);
  EXPECT_HAS(text, "Instansi : UPTD PPA Kota Contoh");
  EXPECT_HAS(text, "Nama : " + in.receiving.name);
  EXPECT_HAS(text, "Instansi : RSUD Kota Contoh");
  EXPECT_HAS(text, "selanjutnya disebut PIHAK PERTAMA;");
  EXPECT_HAS(text, "selanjutnya disebut PIHAK KEDUA.");
  EXPECT_HAS(text, "sesuai Surat Rujukan Nomor 400.2.8/0042/UPTD-PPA/XI/2026");
  ExpectPerson(text, in.client);
  EXPECT_HAS(text, "4. Surat Pernyataan Persetujuan");
  EXPECT_HAS(text, "Yang Menyerahkan");
  EXPECT_HAS(text, "Yang Menerima");
  EXPECT_HAS(text, "Mengetahui,");
}

TEST(LetterPdfTest, ConsentStatementIsSignedByTheParentForAChild) {
  ConsentInput in = SampleConsent();
  Letter letter = ConsentStatement(in);
  PdfText pdf(Render(letter));
  std::string text = pdf.Flat();
  ExpectCommon(text, letter);
  EXPECT_HAS(text, "SURAT PERNYATAAN PERSETUJUAN (INFORMED CONSENT)");
  EXPECT_HAS(text, "Kota Contoh, 23 November 2026");
  ExpectPerson(text, in.declarant);
  EXPECT_HAS(text, "Hubungan : Ibu kandung");
  EXPECT_HAS(text, "bertindak untuk dan atas nama penerima manfaat:");
  ExpectPerson(text, *in.client);
  EXPECT_HAS(text, "Nomor Register Kasus PPA-DEMO/2026/00042");
  EXPECT_HAS(text, "menarik kembali persetujuan ini setiap saat");
  EXPECT_HAS(text, "MENYETUJUI:");
  EXPECT_HAS(text, "2. Asesmen dan layanan psikologis;");
  EXPECT_HAS(text, "b. Unit PPA Polres Kota Contoh (untuk proses hukum).");
  EXPECT_HAS(text, "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi");
  EXPECT_HAS(text, "Yang membuat pernyataan,");
}

TEST(LetterPdfTest, MediationAgreementHasADutyStampBoxForEachParty) {
  MediationAgreementInput in = SampleMediationAgreement();
  Letter letter = MediationAgreement(in);
  PdfText pdf(Render(letter));
  std::string text = pdf.Flat();
  ExpectCommon(text, letter);
  EXPECT_HAS(text, "SURAT PERJANJIAN KESEPAKATAN HASIL MEDIASI");
  EXPECT_HAS(text, "Pada hari ini Senin tanggal dua puluh tiga bulan November");
  ExpectPerson(text, in.first_party);
  ExpectPerson(text, in.second_party);
  EXPECT_HAS(text, "Pekerjaan : Karyawan swasta");
  EXPECT_HAS(text, "mediator Hendra Wijaya, S.H.");
  EXPECT_HAS(text, "1. PIHAK KEDUA memberikan nafkah anak sebesar Rp1.500.000,00");
  EXPECT_HAS(text, "4. Pelaksanaan kesepakatan ini dipantau");
  EXPECT_HAS(text, "bermeterai cukup");
  EXPECT_HAS(text, "Saksi-saksi:");
  EXPECT_HAS(text, "Saksi I,");
  EXPECT_HAS(text, "Saksi II,");
  auto stamps = [](const std::string& t) {
    std::size_t n = 0;
    for (auto at = t.find("Meterai 10.000"); at != std::string::npos;
         at = t.find("Meterai 10.000", at + 1))
      ++n;
    return n;
  };
  EXPECT_EQ(stamps(text), 2u);
  in.duty_stamp = DutyStampOn::kFirstParty;
  EXPECT_EQ(stamps(PdfText(Render(MediationAgreement(in))).Flat()), 1u);
  // The parties sign with the text: the closing paragraph is on their page.
  for (std::size_t i = 0; i < pdf.pages(); ++i) {
    std::string page = PdfText::Squash(pdf.page(i));
    if (page.find("PIHAK PERTAMA, PIHAK KEDUA,") != std::string::npos) {
      EXPECT_HAS(page, "Demikian surat perjanjian ini dibuat");
    }
  }
}

TEST(LetterPdfTest, TerminationFormStatesReasonServicesAndFeedback) {
  TerminationInput in = SampleTermination();
  Letter letter = TerminationForm(in);
  PdfText pdf(Render(letter));
  std::string text = pdf.Flat();
  ExpectCommon(text, letter);
  EXPECT_HAS(text, "FORMULIR PENGAKHIRAN LAYANAN (TERMINASI)");
  EXPECT_HAS(text, "Kota Contoh, 23 November 2026");
  ExpectPerson(text, in.client);
  EXPECT_HAS(text, "Mulai layanan : 3 Agustus 2026");
  EXPECT_HAS(text, "Tanggal terminasi : 23 November 2026");
  EXPECT_HAS(text, "1. Pendampingan psikologis (8 sesi)");
  EXPECT_HAS(text, "hak-hak penerima manfaat telah terpenuhi");
  EXPECT_HAS(text, "pembahasan kasus (case conference) pada tanggal 18 November 2026");
  EXPECT_HAS(text, in.client_feedback);
  EXPECT_HAS(text, "Orang Tua/Wali,");
  EXPECT_HAS(text, "Mengetahui,");

  // Unilateral: no client signature, the reason says so.
  in.reason = TerminationReason::kWhereaboutsUnknown;
  Letter unilateral = TerminationForm(in);
  std::string u = PdfText(Render(unilateral)).Flat();
  EXPECT_HAS(u, "Pengakhiran sepihak: keberadaan penerima manfaat tidak diketahui.");
  EXPECT_EQ(u.find(in.signer.name), std::string::npos);
  ExpectCommon(u, unilateral);
}

TEST(LetterPdfTest, OutreachReportCoversTheSopSteps) {
  OutreachReportInput in = SampleOutreachReport();
  Letter letter = OutreachReport(in);
  PdfText pdf(Render(letter));
  std::string text = pdf.Flat();
  ExpectCommon(text, letter);
  EXPECT_HAS(text, "LAPORAN HASIL PENJANGKAUAN");
  EXPECT_HAS(text, "Kota Contoh, 23 November 2026");
  EXPECT_HAS(text, "Surat Tugas : Nomor 400.2.8/0041/UPTD-PPA/XI/2026 tanggal 23 November 2026");
  EXPECT_HAS(text, "Hari/Tanggal : Selasa, 24 November 2026");
  EXPECT_HAS(text, "1. Rina Kartika, S.Psi. (Manajer Kasus)");
  EXPECT_HAS(text, "3. Satgas PPA Kecamatan Contoh");
  ExpectPerson(text, in.client);
  EXPECT_HAS(text, "menyetujui pelaksanaan asesmen");
  EXPECT_HAS(text,
             "Tingkat risiko: SEDANG. Terduga pelaku tidak lagi tinggal serumah. "
             "Dilanjutkan dengan asesmen lanjutan.");
  EXPECT_HAS(text, "2. Koordinasi dengan sekolah");
  EXPECT_HAS(text, "Yang melaporkan,");

  in.consent_given = false;
  in.risk = RiskLevel::kHigh;
  std::string refused = PdfText(Render(OutreachReport(in))).Flat();
  EXPECT_HAS(refused, "Nomor kontak layanan telah ditinggalkan");
  EXPECT_HAS(refused, "Tingkat risiko: TINGGI.");
  EXPECT_HAS(refused, "dirujuk ke layanan kedaruratan");
}

TEST(LetterPdfTest, EverySampleRendersAndNamesItsKind) {
  for (LetterKind kind : kLetterKinds) {
    EXPECT_EQ(LetterKindFromId(LetterKindId(kind)), kind);
    Letter letter = SampleLetter(kind);
    EXPECT_EQ(letter.kind, kind);
    std::string pdf = Render(letter);
    ASSERT_TRUE(pdf.starts_with("%PDF-")) << LetterKindId(kind);
    ExpectCommon(PdfText(pdf).Flat(), letter);
  }
  EXPECT_FALSE(LetterKindFromId("surat-cinta"));
}

TEST(LetterPdfTest, ALongBodyFlowsOntoNumberedPages) {
  ReferralInput in = SampleReferral();
  Letter letter = ReferralLetter(in);
  for (int i = 1; i <= 40; ++i) {
    letter.body.insert(letter.body.end() - 1,
                       MakeParagraph("Paragraf " + std::to_string(i) +
                                     ": penerima manfaat membutuhkan layanan lanjutan yang "
                                     "dikoordinasikan dengan lembaga layanan terkait sesuai "
                                     "rencana intervensi yang telah disepakati bersama."));
  }
  PdfText pdf(Render(letter));
  ASSERT_GE(pdf.pages(), 2u);
  const std::string total = std::to_string(pdf.pages());
  for (std::size_t i = 0; i < pdf.pages(); ++i) {
    EXPECT_HAS(PdfText::Squash(pdf.page(i)), "Halaman " + std::to_string(i + 1) + " dari " + total);
  }
  std::string text = pdf.Flat();
  for (int i = 1; i <= 40; ++i) EXPECT_HAS(text, "Paragraf " + std::to_string(i) + ":");
  // The kop only on the first page; the signature with text on the last.
  EXPECT_HAS(PdfText::Squash(pdf.page(0)), "PEMERINTAH KOTA CONTOH");
  EXPECT_EQ(pdf.page(1).find("PEMERINTAH KOTA CONTOH"), std::string::npos);
  std::string last = PdfText::Squash(pdf.page(pdf.pages() - 1));
  EXPECT_HAS(last, "Dra. Sri Wahyuni, M.Si.");
  EXPECT_HAS(last, "Demikian kami sampaikan.");
}

TEST(LetterPdfTest, ALongParagraphBreaksBetweenLines) {
  Letter letter = SampleLetter(LetterKind::kReferral);
  std::string para;
  for (int i = 0; i < 120; ++i) para += "kata" + std::to_string(i) + " panjang sekali ";
  letter.body.insert(letter.body.begin() + 1, MakeParagraph(para + "akhir-paragraf."));
  PdfText pdf(Render(letter));
  ASSERT_GE(pdf.pages(), 2u);
  EXPECT_HAS(PdfText::Squash(pdf.page(0)), "kata0 panjang");
  EXPECT_HAS(pdf.Flat(), "kata119 panjang sekali akhir-paragraf.");
}

TEST(LetterPdfTest, SameLetterSameBytes) {
  Letter letter = SampleLetter(LetterKind::kAssignment);
  EXPECT_EQ(Render(letter), Render(letter));
}

TEST(LetterPdfTest, RefusesInvalidText) {
  Letter letter = SampleLetter(LetterKind::kReferral);
  letter.subject = "Rujukan \xC0\xAF";
  auto pdf = RenderLetterPdf(letter);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, "letter_invalid");
  EXPECT_EQ(pdf.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(pdf.error().message_en.find("Rujukan"), std::string::npos);  // never echoes text

  letter = SampleLetter(LetterKind::kReferral);
  letter.signatures[0].signatories[0].name = std::string("nul\0byte", 8);
  EXPECT_FALSE(RenderLetterPdf(letter));

  letter = SampleLetter(LetterKind::kReferral);
  letter.date = std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::February,
                                            std::chrono::day{30}};
  EXPECT_FALSE(RenderLetterPdf(letter));
}

TEST(LetterPdfTest, DrawsAPngEmblemAndRefusesAnythingElse) {
  cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 48);
  cairo_t* cr = cairo_create(img);
  cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(
      img,
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  cairo_surface_destroy(img);

  Letter letter = SampleLetter(LetterKind::kAssignment);
  std::string plain = Render(letter);
  letter.letterhead.emblem_png = png;
  std::string with_emblem = Render(letter);
  EXPECT_NE(with_emblem, plain);
  EXPECT_NE(with_emblem.find("/Subtype /Image"), std::string::npos);
  EXPECT_HAS(PdfText(with_emblem).Flat(), "UPTD PERLINDUNGAN PEREMPUAN DAN ANAK");

  letter.letterhead.emblem_png = "GIF89a not a png";
  auto bad = RenderLetterPdf(letter);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "letter_emblem_invalid");
}

}  // namespace
}  // namespace lindungi::report
