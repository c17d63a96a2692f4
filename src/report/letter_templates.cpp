#include "report/letter_templates.h"

#include <fmt/format.h>

#include "report/agenda_number.h"
#include "report/indonesian_date.h"

namespace lindungi::report {

namespace {

using std::chrono::year_month_day;

std::string OrDash(const std::string& s) {
  return s.empty() ? "-" : s;
}

std::string SexLabel(const std::string& code) {
  if (code == "female") return "Perempuan";
  if (code == "male") return "Laki-laki";
  return "-";
}

// "3 (tiga)": how letters write a count.
std::string CountInWords(long n) {
  return fmt::format("{} ({})", n, SpellOutNumber(n));
}

// "23 s.d. 25 November 2026", "30 November s.d. 2 Desember 2026", or one date.
std::string DateRange(year_month_day start, year_month_day end) {
  if (!end.ok() || end == start) return FormatIndonesianDate(start);
  if (start.year() == end.year() && start.month() == end.month()) {
    return fmt::format("{} s.d. {}", unsigned(start.day()), FormatIndonesianDate(end));
  }
  if (start.year() == end.year()) {
    return fmt::format("{} {} s.d. {}", unsigned(start.day()), IndonesianMonthName(start.month()),
                       FormatIndonesianDate(end));
  }
  return fmt::format("{} s.d. {}", FormatIndonesianDate(start), FormatIndonesianDate(end));
}

// "23-11-2026", after a date written in words (Berita Acara, Surat Perjanjian).
std::string NumericDate(year_month_day d) {
  return fmt::format("{:02}-{:02}-{}", unsigned(d.day()), unsigned(d.month()), int(d.year()));
}

std::vector<FieldRow> PersonRows(const PersonDetails& p) {
  std::vector<FieldRow> rows{{"Nama", OrDash(p.name)}};
  if (!p.birth.empty()) rows.push_back({"Tempat/Tgl. Lahir", p.birth});
  if (!p.sex.empty()) rows.push_back({"Jenis Kelamin", SexLabel(p.sex)});
  if (p.age_years) rows.push_back({"Umur", fmt::format("{} tahun", *p.age_years)});
  if (!p.occupation.empty()) rows.push_back({"Pekerjaan", p.occupation});
  rows.push_back({"Alamat", OrDash(p.address)});
  return rows;
}

std::vector<FieldRow> OfficerRows(const Officer& o, const std::string& institution = {}) {
  std::vector<FieldRow> rows{{"Nama", OrDash(o.name)}};
  if (!o.nip.empty()) rows.push_back({"NIP", o.nip});
  if (!o.rank.empty()) rows.push_back({"Pangkat/Gol.", o.rank});
  rows.push_back({"Jabatan", OrDash(o.position)});
  if (!institution.empty()) rows.push_back({"Instansi", institution});
  return rows;
}

Signatory Sign(const Officer& o, std::string heading) {
  Signatory s;
  s.heading = std::move(heading);
  s.position = o.position.empty() ? "" : o.position + ",";
  s.name = OrDash(o.name);
  s.rank = o.rank;
  s.nip = o.nip;
  return s;
}

Signatory SignPerson(const PersonDetails& p, std::string heading) {
  Signatory s;
  s.heading = std::move(heading);
  s.name = OrDash(p.name);
  return s;
}

SignatureGroup Group(std::vector<Signatory> signatories,
                     SignaturePlacement placement = SignaturePlacement::kAuto) {
  SignatureGroup g;
  g.signatories = std::move(signatories);
  g.placement = placement;
  return g;
}

Signatory Head(const IssuingUnit& unit, std::string heading = {}) {
  return Sign(unit.head, std::move(heading));
}

Letter Base(const LetterCommon& c, LetterKind kind, LetterLayout layout) {
  Letter l;
  l.kind = kind;
  l.layout = layout;
  l.letterhead = c.unit.letterhead;
  l.agenda_number = c.agenda_number;
  l.place = c.unit.place;
  l.date = c.date;
  return l;
}

Block Labeled(Block b, std::string label) {
  b.label = std::move(label);
  return b;
}

Block Marked(Block b, std::string marker) {
  b.marker = std::move(marker);
  return b;
}

Block Indented(Block b, int level = 1) {
  b.indent = level;
  return b;
}

}  // namespace

// Kalteng (SOP Penjangkauan step 3, Tindak Lanjut step 4, Mediasi step 2, Pendampingan
// Hukum step 2, Home Visit step 3) and Babel (step 6) produce it; the head signs. It is
// shown to police, village heads and families on the way, so it names the case number and
// the area, never the client (interpretation: docs/letters.md).
Letter AssignmentLetter(const AssignmentInput& in) {
  Letter l = Base(in.common, LetterKind::kAssignment, LetterLayout::kTitledDocument);
  l.title_lines = {in.travel_order ? "SURAT PERINTAH TUGAS" : "SURAT TUGAS"};
  std::vector<std::string> basis = in.basis;
  if (!in.common.case_number.empty())
    basis.push_back(
        fmt::format("Register kasus {} Nomor {}.", in.common.unit.name, in.common.case_number));
  if (basis.empty()) basis.push_back("-");
  l.body.push_back(Labeled(MakeList(basis), "Dasar"));
  l.body.push_back(MakeHeading(in.travel_order ? "MEMERINTAHKAN:" : "MENUGASKAN:", true));
  for (std::size_t i = 0; i < in.officers.size(); ++i) {
    l.body.push_back(
        Labeled(Marked(MakeFields(OfficerRows(in.officers[i])), fmt::format("{}.", i + 1)),
                i == 0 ? "Kepada" : ""));
  }
  if (in.officers.empty()) l.body.push_back(Labeled(MakeParagraph("-", false), "Kepada"));
  std::vector<std::string> tasks;
  std::string task = OrDash(in.task);
  if (!in.common.case_number.empty())
    task += fmt::format(" pada kasus Nomor {}", in.common.case_number);
  if (!in.destination.empty()) task += fmt::format(" di {}", in.destination);
  long days = in.end.ok()
                  ? (std::chrono::sys_days{in.end} - std::chrono::sys_days{in.start}).count() + 1
                  : 1;
  task += fmt::format(" pada tanggal {} ({} hari);", DateRange(in.start, in.end),
                      SpellOutNumber(std::max(days, 1L)));
  tasks.push_back(task);
  if (!in.funding.empty())
    tasks.push_back(fmt::format("Biaya pelaksanaan tugas dibebankan pada {};", in.funding));
  tasks.push_back(
      "Menjaga kerahasiaan identitas dan informasi penerima manfaat selama dan sesudah "
      "pelaksanaan tugas;");
  tasks.push_back(fmt::format(
      "Melaporkan hasil pelaksanaan tugas kepada {} paling lambat 3 (tiga) hari kerja sesudah "
      "tugas selesai.",
      in.common.unit.head.position.empty() ? "pimpinan" : in.common.unit.head.position));
  l.body.push_back(Labeled(MakeList(tasks), "Untuk"));
  l.body.push_back(MakeParagraph(
      "Demikian Surat Tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab."));
  l.signatures.push_back(Group({Head(in.common.unit)}));
  return l;
}

// Kalbar (Pengelolaan Kasus steps 2-3: "surat rujukan berisi hasil asesmen dan rencana
// intervensi"), Kalteng Tindak Lanjut, Nunukan Forms 10-13 and Luwu Utara. Marked Rahasia;
// consent to refer is cited when given (Kalbar requires it for HIV-positive clients).
Letter ReferralLetter(const ReferralInput& in) {
  Letter l = Base(in.common, LetterKind::kReferral, LetterLayout::kOfficialLetter);
  l.nature = "Rahasia";
  l.attachment = in.attachments.empty()
                     ? "-"
                     : fmt::format("{} berkas", CountInWords(long(in.attachments.size())));
  l.subject =
      in.service_title.empty() ? "Rujukan Penerima Manfaat" : "Rujukan Layanan " + in.service_title;
  l.recipient = in.recipient;
  l.recipient_place = in.recipient_place;
  l.body.push_back(MakeParagraph("Dengan hormat,", false));
  l.body.push_back(MakeParagraph(fmt::format(
      "Bersama ini kami rujuk penerima manfaat layanan {} dengan identitas sebagai berikut:",
      in.common.unit.name)));
  std::vector<FieldRow> rows{{"Nomor Register", OrDash(in.common.case_number)}};
  for (auto& r : PersonRows(in.client)) rows.push_back(std::move(r));
  l.body.push_back(Indented(MakeFields(std::move(rows))));
  std::string why = fmt::format("untuk mendapatkan layanan {}.", OrDash(in.service_requested));
  if (!in.reason.empty()) why += " " + in.reason;
  l.body.push_back(MakeParagraph(why, false));
  if (in.consent_date) {
    l.body.push_back(MakeParagraph(fmt::format(
        "Rujukan ini dilakukan atas persetujuan tertulis penerima manfaat/keluarga tertanggal "
        "{}.",
        FormatIndonesianDate(*in.consent_date))));
  }
  if (!in.attachments.empty()) {
    l.body.push_back(MakeParagraph("Sebagai bahan pertimbangan, bersama ini kami lampirkan:"));
    l.body.push_back(Indented(MakeList(in.attachments)));
  }
  std::string contact = OrDash(in.contact.name);
  if (!in.contact.position.empty()) contact += ", " + in.contact.position;
  if (!in.contact_phone.empty()) contact += ", telepon " + in.contact_phone;
  l.body.push_back(MakeParagraph(fmt::format(
      "Kami mohon penerima manfaat dapat diberikan layanan sesuai kebutuhannya, dan hasil "
      "layanan disampaikan kembali kepada kami sebagai laporan balik rujukan melalui {}. "
      "Mengingat surat ini memuat data korban kekerasan, kami mohon kerahasiaannya dijaga dan "
      "data tersebut hanya digunakan untuk kepentingan layanan.",
      contact)));
  l.body.push_back(MakeParagraph(
      "Demikian kami sampaikan. Atas perhatian dan kerja sama Saudara, kami ucapkan terima "
      "kasih."));
  l.signatures.push_back(Group({Head(in.common.unit)}));
  l.copies_to = in.copies_to;
  return l;
}

// Kalbar step 3 ("Berita Acara Penyerahan (BAP) ditandatangani") and Babel's "form berita
// acara penyerahan berkas". The date is also written in words, as minutes are.
Letter HandoverMinutes(const HandoverInput& in) {
  Letter l = Base(in.common, LetterKind::kHandoverMinutes, LetterLayout::kTitledDocument);
  l.title_lines = {"BERITA ACARA PENYERAHAN"};
  l.subject = "Penyerahan Penerima Manfaat dan Berkas Kasus";
  l.dated_signature = false;
  l.body.push_back(MakeParagraph(
      fmt::format("Pada hari ini {} ({}), bertempat di {}, kami yang bertanda tangan di bawah ini:",
                  SpellOutDate(in.common.date), NumericDate(in.common.date), OrDash(in.location))));
  l.body.push_back(
      Indented(Marked(MakeFields(OfficerRows(in.handing_over, in.common.unit.name)), "1.")));
  l.body.push_back(Indented(MakeParagraph("selanjutnya disebut PIHAK PERTAMA;", false)));
  l.body.push_back(Indented(Marked(MakeFields(OfficerRows(in.receiving, in.partner_name)), "2.")));
  l.body.push_back(Indented(MakeParagraph("selanjutnya disebut PIHAK KEDUA.", false)));
  std::string by_letter = in.referral_number.empty()
                              ? std::string()
                              : fmt::format(" sesuai Surat Rujukan Nomor {}", in.referral_number);
  l.body.push_back(MakeParagraph(fmt::format(
      "PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima dari PIHAK "
      "PERTAMA, penerima manfaat{} dengan identitas sebagai berikut:",
      by_letter)));
  std::vector<FieldRow> rows{{"Nomor Register", OrDash(in.common.case_number)}};
  for (auto& r : PersonRows(in.client)) rows.push_back(std::move(r));
  l.body.push_back(Indented(MakeFields(std::move(rows))));
  if (!in.items.empty()) {
    l.body.push_back(MakeParagraph("beserta berkas sebagai berikut:", false));
    l.body.push_back(Indented(MakeList(in.items)));
  }
  l.body.push_back(MakeParagraph(
      "Sejak penyerahan ini, layanan yang dirujuk menjadi tanggung jawab PIHAK KEDUA, yang "
      "menyampaikan laporan balik kepada PIHAK PERTAMA. Kedua belah pihak wajib menjaga "
      "kerahasiaan identitas dan data penerima manfaat."));
  l.body.push_back(MakeParagraph(
      "Demikian Berita Acara ini dibuat dengan sebenarnya dalam rangkap 2 (dua) untuk "
      "dipergunakan sebagaimana mestinya."));
  l.signatures.push_back(Group({Sign(in.handing_over, "PIHAK PERTAMA,\nYang Menyerahkan"),
                                Sign(in.receiving, "PIHAK KEDUA,\nYang Menerima")}));
  if (in.acknowledged_by_head) {
    l.signatures.push_back(
        Group({Head(in.common.unit, "Mengetahui,")}, SignaturePlacement::kCentre));
  }
  return l;
}

// Kalteng Tindak Lanjut step 8 ("surat pernyataan persetujuan penanganan kasus"), Luwu Utara
// ("pernyataan persetujuan secara tertulis (informed consent)"), Nunukan Form 8. For a child
// a parent or guardian signs (UU 27/2022 art. 25); the right to withdraw is stated.
Letter ConsentStatement(const ConsentInput& in) {
  Letter l = Base(in.common, LetterKind::kConsentStatement, LetterLayout::kTitledDocument);
  l.title_lines = {"SURAT PERNYATAAN PERSETUJUAN", "(INFORMED CONSENT)"};
  l.body.push_back(MakeParagraph("Yang bertanda tangan di bawah ini:", false));
  std::vector<FieldRow> rows = PersonRows(in.declarant);
  if (in.client && !in.relation.empty()) rows.push_back({"Hubungan", in.relation});
  l.body.push_back(Indented(MakeFields(std::move(rows))));
  if (in.client) {
    l.body.push_back(
        MakeParagraph("dalam hal ini bertindak untuk dan atas nama penerima manfaat:", false));
    l.body.push_back(Indented(MakeFields(PersonRows(*in.client))));
  }
  l.body.push_back(MakeParagraph(
      fmt::format(
          "dengan Nomor Register Kasus {}, menyatakan bahwa saya telah mendapat penjelasan yang "
          "cukup dari petugas {} tentang tujuan, proses, manfaat dan kemungkinan risiko layanan, "
          "serta tentang hak saya untuk menolak atau menarik kembali persetujuan ini setiap saat "
          "tanpa kehilangan hak atas layanan lainnya. Dengan ini saya MENYETUJUI:",
          OrDash(in.common.case_number), in.common.unit.name),
      false));
  std::vector<std::string> services = in.services;
  if (services.empty()) services.push_back("Penanganan kasus sesuai rencana intervensi.");
  l.body.push_back(Indented(MakeList(services)));
  if (!in.share_with.empty()) {
    l.body.push_back(MakeParagraph(
        "Saya juga menyetujui informasi tentang kasus ini disampaikan, sebatas yang diperlukan "
        "untuk layanan, kepada:"));
    l.body.push_back(Indented(MakeList(in.share_with, ListStyle::kLetters)));
  }
  l.body.push_back(MakeParagraph(
      "Saya memahami bahwa identitas dan informasi pribadi saya dijaga kerahasiaannya sesuai "
      "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi dan hanya digunakan "
      "untuk kepentingan layanan."));
  l.body.push_back(MakeParagraph(
      "Demikian surat pernyataan ini saya buat dengan sadar dan tanpa paksaan dari pihak mana "
      "pun."));
  l.signatures.push_back(
      Group({Sign(in.officer, "Petugas,"), SignPerson(in.declarant, "Yang membuat pernyataan,")}));
  return l;
}

// Kalteng SOP Pelayanan Mediasi step 6: "surat perjanjian (bermaterai) yang ditanda tangani
// oleh para pihak sesuai dengan hasil mediasi". The duty stamp is Rp10.000 (UU 10/2020).
Letter MediationAgreement(const MediationAgreementInput& in) {
  Letter l = Base(in.common, LetterKind::kMediationAgreement, LetterLayout::kTitledDocument);
  l.title_lines = {"SURAT PERJANJIAN", "KESEPAKATAN HASIL MEDIASI"};
  l.dated_signature = false;
  l.body.push_back(MakeParagraph(fmt::format(
      "Pada hari ini {} ({}), bertempat di {}, dalam mediasi yang difasilitasi oleh {} atas "
      "permasalahan yang tercatat dengan Nomor Register Kasus {}, kami yang bertanda tangan di "
      "bawah ini:",
      SpellOutDate(in.common.date), NumericDate(in.common.date), OrDash(in.location),
      in.common.unit.name, OrDash(in.common.case_number))));
  l.body.push_back(Indented(Marked(MakeFields(PersonRows(in.first_party)), "1.")));
  l.body.push_back(Indented(MakeParagraph("selanjutnya disebut PIHAK PERTAMA;", false)));
  l.body.push_back(Indented(Marked(MakeFields(PersonRows(in.second_party)), "2.")));
  l.body.push_back(Indented(MakeParagraph("selanjutnya disebut PIHAK KEDUA.", false)));
  l.body.push_back(MakeParagraph(fmt::format(
      "Setelah melalui mediasi dengan mediator {}, kedua belah pihak secara sadar dan tanpa "
      "paksaan dari pihak mana pun sepakat untuk:",
      OrDash(in.mediator.name))));
  std::vector<std::string> points = in.agreements;
  if (points.empty()) points.push_back("-");
  l.body.push_back(Indented(MakeList(points)));
  l.body.push_back(MakeParagraph(
      "Kesepakatan ini tidak mengurangi hak penerima manfaat atas layanan perlindungan dan "
      "pemulihan. Apabila salah satu pihak tidak melaksanakan kesepakatan ini, pihak lainnya "
      "dapat menempuh upaya sesuai ketentuan peraturan perundang-undangan."));
  l.body.push_back(MakeParagraph(
      "Demikian surat perjanjian ini dibuat dalam rangkap 2 (dua), bermeterai cukup, dan "
      "masing-masing mempunyai kekuatan hukum yang sama."));
  Signatory first = SignPerson(in.first_party, "PIHAK PERTAMA,");
  Signatory second = SignPerson(in.second_party, "PIHAK KEDUA,");
  first.duty_stamp = in.duty_stamp != DutyStampOn::kSecondParty;
  second.duty_stamp = in.duty_stamp != DutyStampOn::kFirstParty;
  l.signatures.push_back(Group({first, second}));
  if (!in.witnesses.empty()) {
    SignatureGroup witnesses;
    witnesses.caption = "Saksi-saksi:";
    for (std::size_t i = 0; i < in.witnesses.size(); ++i) {
      witnesses.signatories.push_back(
          SignPerson(in.witnesses[i], fmt::format("Saksi {},", RomanNumeral(int(i + 1)))));
    }
    l.signatures.push_back(std::move(witnesses));
  }
  SignatureGroup closing;
  closing.signatories.push_back(Sign(in.mediator, ""));
  if (in.acknowledged_by_head) closing.signatories.push_back(Head(in.common.unit, "Mengetahui,"));
  l.signatures.push_back(std::move(closing));
  return l;
}

bool IsUnilateral(TerminationReason reason) {
  return reason == TerminationReason::kClientDied ||
         reason == TerminationReason::kWhereaboutsUnknown ||
         reason == TerminationReason::kClientRefuses;
}

namespace {
std::string ReasonText(TerminationReason reason) {
  switch (reason) {
    case TerminationReason::kGoalsMet:
      return "Rencana intervensi telah dilaksanakan seluruhnya, hak-hak penerima manfaat telah "
             "terpenuhi dan penerima manfaat dinilai telah pulih.";
    case TerminationReason::kReferredOut:
      return "Penanganan kasus telah dilimpahkan kepada lembaga lain yang berwenang.";
    case TerminationReason::kClientDied:
      return "Pengakhiran sepihak: penerima manfaat meninggal dunia.";
    case TerminationReason::kWhereaboutsUnknown:
      return "Pengakhiran sepihak: keberadaan penerima manfaat tidak diketahui.";
    case TerminationReason::kClientRefuses:
      return "Pengakhiran sepihak: penerima manfaat menolak untuk didampingi.";
  }
  return "-";
}
}  // namespace

// Luwu Utara "Proses Terminasi" (meeting, the form signed by client and family, feedback;
// unilateral termination) and Nunukan Form 18 (case conference before the head signs).
Letter TerminationForm(const TerminationInput& in) {
  Letter l = Base(in.common, LetterKind::kTermination, LetterLayout::kTitledDocument);
  l.title_lines = {"FORMULIR PENGAKHIRAN LAYANAN", "(TERMINASI)"};
  l.body.push_back(MakeHeading("I. Identitas Penerima Manfaat"));
  std::vector<FieldRow> rows{{"Nomor Register", OrDash(in.common.case_number)}};
  for (auto& r : PersonRows(in.client)) rows.push_back(std::move(r));
  l.body.push_back(Indented(MakeFields(std::move(rows))));
  l.body.push_back(MakeHeading("II. Layanan yang Telah Diberikan"));
  l.body.push_back(Indented(MakeFields(
      {{"Mulai layanan", in.service_start.ok() ? FormatIndonesianDate(in.service_start) : "-"},
       {"Tanggal terminasi", FormatIndonesianDate(in.common.date)}})));
  std::vector<std::string> services = in.services;
  if (services.empty()) services.push_back("-");
  l.body.push_back(Indented(MakeList(services)));
  l.body.push_back(MakeHeading("III. Alasan Pengakhiran Layanan"));
  std::string reason = ReasonText(in.reason);
  if (!in.reason_note.empty()) reason += " " + in.reason_note;
  l.body.push_back(Indented(MakeParagraph(reason, false)));
  if (in.case_conference) {
    l.body.push_back(Indented(MakeParagraph(
        fmt::format("Terminasi telah dibahas dalam pembahasan kasus (case conference) pada "
                    "tanggal {}.",
                    FormatIndonesianDate(*in.case_conference)),
        false)));
  }
  l.body.push_back(MakeHeading("IV. Umpan Balik Penerima Manfaat"));
  l.body.push_back(
      Indented(MakeParagraph(IsUnilateral(in.reason) ? "-" : OrDash(in.client_feedback), false)));
  l.body.push_back(MakeHeading("V. Pernyataan"));
  l.body.push_back(Indented(MakeParagraph(fmt::format(
      "Dengan ditandatanganinya formulir ini, layanan {} atas kasus tersebut diakhiri dan "
      "status kasus menjadi selesai. Penerima manfaat tetap dapat menghubungi {} kembali "
      "apabila membutuhkan layanan.",
      in.common.unit.name, in.common.unit.name))));
  SignatureGroup parties;
  if (!IsUnilateral(in.reason)) {
    std::string relation = in.signer_relation.empty() ? "Penerima Manfaat" : in.signer_relation;
    parties.signatories.push_back(SignPerson(in.signer, relation + ","));
  }
  parties.signatories.push_back(Sign(in.case_manager, ""));
  l.signatures.push_back(std::move(parties));
  l.signatures.push_back(Group({Head(in.common.unit, "Mengetahui,")}, SignaturePlacement::kCentre));
  return l;
}

namespace {
std::string_view RiskText(RiskLevel r) {
  switch (r) {
    case RiskLevel::kLow:
      return "RENDAH";
    case RiskLevel::kMedium:
      return "SEDANG";
    case RiskLevel::kHigh:
      return "TINGGI";
  }
  return "-";
}
}  // namespace

// Babel SOP Penjangkauan Korban steps 6-11 (assignment, coordination, consent with the
// refusal path, risk assessment: high risk -> emergency services, else further assessment,
// then "laporan penjangkauan" to the head); Kalteng Penjangkauan step 4 ("informasi
// penjangkauan").
Letter OutreachReport(const OutreachReportInput& in) {
  Letter l = Base(in.common, LetterKind::kOutreachReport, LetterLayout::kTitledDocument);
  l.title_lines = {"LAPORAN HASIL PENJANGKAUAN"};
  l.body.push_back(MakeHeading("I. Dasar"));
  l.body.push_back(Indented(MakeFields({
      {"Surat Tugas",
       fmt::format("Nomor {} tanggal {}", OrDash(in.assignment_number),
                   in.assignment_date.ok() ? FormatIndonesianDate(in.assignment_date) : "-")},
      {"Nomor Register", OrDash(in.common.case_number)},
  })));
  l.body.push_back(MakeHeading("II. Pelaksanaan"));
  std::string officers;
  for (std::size_t i = 0; i < in.officers.size(); ++i) {
    if (i > 0) officers += '\n';
    officers += fmt::format("{}. {}", i + 1, OrDash(in.officers[i].name));
    if (!in.officers[i].position.empty()) officers += " (" + in.officers[i].position + ")";
  }
  std::string coordinated;
  for (std::size_t i = 0; i < in.coordinated_with.size(); ++i) {
    if (i > 0) coordinated += '\n';
    coordinated += fmt::format("{}. {}", i + 1, in.coordinated_with[i]);
  }
  l.body.push_back(Indented(MakeFields({
      {"Hari/Tanggal", in.outreach_date.ok()
                           ? FormatIndonesianDate(in.outreach_date, DateStyle::kWithDayName)
                           : "-"},
      {"Lokasi", OrDash(in.location)},
      {"Petugas", OrDash(officers)},
      {"Koordinasi dengan", OrDash(coordinated)},
  })));
  l.body.push_back(MakeHeading("III. Identitas Penerima Manfaat"));
  l.body.push_back(Indented(MakeFields(PersonRows(in.client))));
  l.body.push_back(MakeHeading("IV. Hasil Penjangkauan"));
  l.body.push_back(Indented(MakeParagraph(
      in.consent_given
          ? "Petugas telah menjelaskan kerahasiaan layanan; penerima manfaat/orang tua/pengasuh "
            "memahaminya dan menyetujui pelaksanaan asesmen."
          : "Petugas telah menjelaskan kerahasiaan dan manfaat layanan; penerima manfaat menolak "
            "layanan. Nomor kontak layanan telah ditinggalkan agar penerima manfaat dapat "
            "menghubungi petugas apabila berubah pikiran.",
      false)));
  for (const auto& f : in.findings) l.body.push_back(Indented(MakeParagraph(f)));
  l.body.push_back(MakeHeading("V. Asesmen Risiko"));
  std::string risk = fmt::format("Tingkat risiko: {}.", RiskText(in.risk));
  if (!in.risk_note.empty()) risk += " " + in.risk_note;
  risk += in.risk == RiskLevel::kHigh
              ? " Penerima manfaat dirujuk ke layanan kedaruratan oleh Manajer Kasus."
              : " Dilanjutkan dengan asesmen lanjutan.";
  l.body.push_back(Indented(MakeParagraph(risk, false)));
  l.body.push_back(MakeHeading("VI. Rencana Tindak Lanjut"));
  std::vector<std::string> follow_up = in.follow_up;
  if (follow_up.empty()) follow_up.push_back("-");
  l.body.push_back(Indented(MakeList(follow_up)));
  l.body.push_back(MakeParagraph(
      "Demikian laporan ini dibuat untuk menjadi bahan tindak lanjut penanganan kasus."));
  // The usual pair: the head's acknowledgement on the left, the reporter (dated) on the right.
  l.signatures.push_back(
      Group({Head(in.common.unit, "Mengetahui,"), Sign(in.reported_by, "Yang melaporkan,")}));
  return l;
}

// Babel SOP Penjangkauan Korban row 6 ("Surat Tugas, Tiket Perjalanan, Surat Perintah
// Perjalanan Dinas" from "Rencana penjangkauan yang telah disetujui"). The rows are those of
// the SPPD form of Indonesian regional governments (pejabat pemberi perintah, pegawai,
// pangkat / jabatan, maksud, alat angkut, tempat berangkat / tujuan, lama dan tanggal,
// pengikut, pembebanan anggaran, keterangan), then the approved cost lines and total. Like the
// Surat Tugas it is shown on the way (stamped at the destination), so it names the area and
// the case number, never the client. The head signs.
Letter TravelOrder(const TravelOrderInput& in) {
  Letter l = Base(in.common, LetterKind::kTravelOrder, LetterLayout::kTitledDocument);
  l.title_lines = {"SURAT PERINTAH PERJALANAN DINAS", "(SPPD)"};
  long days = in.end.ok() && in.start.ok()
                  ? (std::chrono::sys_days{in.end} - std::chrono::sys_days{in.start}).count() + 1
                  : 1;
  std::vector<FieldRow> rows;
  std::string head = OrDash(in.common.unit.head.position);
  if (!in.common.unit.head.name.empty() && in.common.unit.head.name != "-")
    head += "\n" + in.common.unit.head.name;
  rows.push_back({"1. Pejabat yang memberi perintah", head});
  std::string traveller = OrDash(in.traveller.name);
  if (!in.traveller.nip.empty()) traveller += "\nNIP. " + in.traveller.nip;
  rows.push_back({"2. Nama pegawai yang diperintah", traveller});
  rows.push_back({"3. a. Pangkat dan golongan", OrDash(in.traveller.rank)});
  rows.push_back({"    b. Jabatan", OrDash(in.traveller.position)});
  rows.push_back(
      {"4. Maksud perjalanan dinas",
       OrDash(in.purpose) + (in.common.case_number.empty()
                                 ? std::string()
                                 : fmt::format(" (kasus Nomor {})", in.common.case_number))});
  rows.push_back({"5. Alat angkut yang dipergunakan", OrDash(in.transport)});
  rows.push_back({"6. a. Tempat berangkat", OrDash(in.from)});
  rows.push_back({"    b. Tempat tujuan", OrDash(in.to)});
  rows.push_back({"7. a. Lamanya perjalanan dinas", CountInWords(std::max(days, 1L)) + " hari"});
  rows.push_back(
      {"    b. Tanggal berangkat", in.start.ok() ? FormatIndonesianDate(in.start) : "-"});
  rows.push_back(
      {"    c. Tanggal harus kembali", in.end.ok() ? FormatIndonesianDate(in.end) : "-"});
  std::string companions;
  for (std::size_t i = 0; i < in.companions.size(); ++i) {
    const auto& o = in.companions[i];
    companions += fmt::format("{}{}. {}", i == 0 ? "" : "\n", i + 1, OrDash(o.name));
    if (!o.nip.empty()) companions += ", NIP. " + o.nip;
    if (!o.position.empty()) companions += " (" + o.position + ")";
  }
  rows.push_back({"8. Pengikut", companions.empty() ? "-" : companions});
  rows.push_back({"9. a. Pembebanan anggaran", OrDash(in.agency)});
  rows.push_back({"    b. Akun / mata anggaran", OrDash(in.account)});
  std::vector<std::string> notes;
  if (!in.assignment_number.empty())
    notes.push_back(fmt::format("Surat Tugas Nomor {}", in.assignment_number));
  if (!in.approval.empty()) notes.push_back(in.approval);
  std::string note;
  for (const auto& n : notes) note += (note.empty() ? "" : "; ") + n;
  rows.push_back({"10. Keterangan lain-lain", note.empty() ? "-" : note + "."});
  l.body.push_back(MakeFields(std::move(rows)));
  l.body.push_back(MakeHeading("RINCIAN BIAYA PERJALANAN DINAS YANG DISETUJUI"));
  std::vector<FieldRow> costs;
  for (std::size_t i = 0; i < in.costs.size(); ++i) {
    const auto& c = in.costs[i];
    std::string amount = FormatRupiah(c.amount);
    if (!c.description.empty()) amount += " (" + c.description + ")";
    costs.push_back({fmt::format("{}. {}", i + 1, OrDash(c.kind)), amount});
  }
  costs.push_back({"Jumlah", FormatRupiah(in.total)});
  l.body.push_back(Indented(MakeFields(std::move(costs))));
  if (in.total >= 0 && in.total <= 999'999'999)
    l.body.push_back(
        MakeParagraph(fmt::format("Terbilang: {} rupiah.",
                                  in.total == 0 ? "nol" : SpellOutNumber(long(in.total))),
                      false));
  l.body.push_back(MakeParagraph(
      "Pegawai yang diperintah wajib melaporkan pelaksanaan perjalanan dinas dan "
      "mempertanggungjawabkan biayanya sesuai ketentuan, paling lambat 3 (tiga) hari kerja "
      "sesudah kembali."));
  l.signatures.push_back(Group({Head(in.common.unit)}));
  return l;
}

}  // namespace lindungi::report
