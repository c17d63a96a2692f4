#include "report/sample_letters.h"

#include "report/agenda_number.h"

namespace lindungi::report {

namespace {
using namespace std::chrono;

constexpr year_month_day kDate{year{2026}, November, day{23}};

Officer CaseManager() {
  return {"Rina Kartika, S.Psi.", "19880314 201101 2 007", "Penata / III.c", "Manajer Kasus"};
}
Officer Companion() {
  return {"Ahmad Fauzi, S.Sos.", "19900821 201503 1 002", "Penata Muda Tk. I / III.b",
          "Pendamping Korban"};
}
PersonDetails Client() {
  return {"Melati (nama samaran)",
          "female",
          12,
          "Kota Contoh, 2 Maret 2014",
          "Kelurahan Contoh Utara, Kecamatan Contoh, Kota Contoh",
          ""};
}
PersonDetails Mother() {
  return {
      "Sari Wulandari", "female", 38, "", "Kelurahan Contoh Utara, Kecamatan Contoh, Kota Contoh",
      "Pedagang"};
}
PersonDetails Named(std::string name) {
  return {std::move(name), "", std::nullopt, "", "", ""};
}
}  // namespace

IssuingUnit SampleUnit() {
  IssuingUnit u;
  u.letterhead.authority_lines = {
      "PEMERINTAH KOTA CONTOH",
      "DINAS PEMBERDAYAAN PEREMPUAN, PERLINDUNGAN ANAK, PENGENDALIAN PENDUDUK DAN KELUARGA "
      "BERENCANA"};
  u.letterhead.unit_name = "UPTD PERLINDUNGAN PEREMPUAN DAN ANAK";
  u.letterhead.contact_lines = {"Jalan Merdeka Nomor 1, Kota Contoh 00000",
                                "Telepon (0000) 123456, Pos-el uptdppa@kotacontoh.example"};
  u.name = "UPTD PPA Kota Contoh";
  u.place = "Kota Contoh";
  u.head = {"Dra. Sri Wahyuni, M.Si.", "19700512 199503 2 004", "Pembina / IV.a",
            "Kepala UPTD PPA Kota Contoh"};
  return u;
}

LetterCommon SampleCommon(long sequence) {
  return {SampleUnit(), FormatAgendaNumber(AgendaNumberFormat{}, sequence, kDate).value(), kDate,
          "PPA-DEMO/2026/00042"};
}

AssignmentInput SampleAssignment() {
  AssignmentInput in;
  in.common = SampleCommon(41);
  in.basis = {
      "Peraturan Menteri Pemberdayaan Perempuan dan Perlindungan Anak Nomor 2 Tahun 2022 "
      "tentang Standar Layanan Perlindungan Perempuan dan Anak;",
      "Disposisi Kepala UPTD PPA Kota Contoh tanggal 23 November 2026;"};
  in.officers = {CaseManager(), Companion()};
  in.task = "Melaksanakan penjangkauan korban";
  in.destination = "Kecamatan Contoh, Kota Contoh";
  in.start = kDate;
  in.end = year_month_day{year{2026}, November, day{25}};
  in.funding = "DPA UPTD PPA Kota Contoh Tahun Anggaran 2026";
  return in;
}

ReferralInput SampleReferral() {
  ReferralInput in;
  in.common = SampleCommon(42);
  in.recipient = {"Direktur RSUD Kota Contoh"};
  in.recipient_place = "Kota Contoh";
  in.service_title = "Kesehatan";
  in.service_requested = "pemeriksaan kesehatan dan pemulihan psikologis";
  in.client = Client();
  in.reason =
      "Berdasarkan asesmen awal, penerima manfaat membutuhkan pemeriksaan fisik dan "
      "pendampingan psikologis.";
  in.consent_date = year_month_day{year{2026}, November, day{20}};
  in.contact = CaseManager();
  in.contact_phone = "0812 0000 0000";
  in.attachments = {"Hasil asesmen awal", "Rencana intervensi"};
  in.copies_to = {"Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Contoh", "Arsip"};
  return in;
}

HandoverInput SampleHandover() {
  HandoverInput in;
  in.common = SampleCommon(43);
  in.location = "RSUD Kota Contoh";
  in.handing_over = CaseManager();
  in.receiving = {"dr. Budi Santoso, Sp.A.", "19820105 200902 1 003", "",
                  "Kepala Instalasi Gawat Darurat"};
  in.partner_name = "RSUD Kota Contoh";
  in.client = Client();
  in.referral_number = SampleCommon(42).agenda_number;
  in.items = {"Surat Rujukan", "Hasil asesmen awal", "Rencana intervensi",
              "Surat Pernyataan Persetujuan"};
  return in;
}

ConsentInput SampleConsent() {
  ConsentInput in;
  in.common = SampleCommon(44);
  in.declarant = Mother();
  in.relation = "Ibu kandung";
  in.client = Client();
  in.services = {"Pendampingan dan penanganan kasus oleh UPTD PPA Kota Contoh;",
                 "Asesmen dan layanan psikologis;",
                 "Rujukan ke layanan kesehatan dan pendampingan hukum bila diperlukan."};
  in.share_with = {"RSUD Kota Contoh (hasil asesmen dan rencana intervensi kesehatan);",
                   "Unit PPA Polres Kota Contoh (untuk proses hukum)."};
  in.officer = CaseManager();
  return in;
}

MediationAgreementInput SampleMediationAgreement() {
  MediationAgreementInput in;
  in.common = SampleCommon(45);
  in.location = "Ruang Mediasi UPTD PPA Kota Contoh";
  in.first_party = {"Dewi Lestari",    "female", 34, "", "Kelurahan Contoh Selatan, Kota Contoh",
                    "Ibu rumah tangga"};
  in.second_party = {"Joko Susilo",    "male", 37, "", "Kelurahan Contoh Selatan, Kota Contoh",
                     "Karyawan swasta"};
  in.mediator = {"Hendra Wijaya, S.H.", "19850709 201001 1 005", "",
                 "Mediator UPTD PPA Kota Contoh"};
  in.agreements = {
      "PIHAK KEDUA memberikan nafkah anak sebesar Rp1.500.000,00 (satu juta lima ratus ribu "
      "rupiah) setiap bulan paling lambat tanggal 10;",
      "Anak tinggal bersama PIHAK PERTAMA; PIHAK KEDUA dapat bertemu anak setiap akhir pekan "
      "dengan sepengetahuan PIHAK PERTAMA;",
      "Kedua belah pihak tidak melakukan kekerasan dalam bentuk apa pun;",
      "Pelaksanaan kesepakatan ini dipantau oleh UPTD PPA Kota Contoh selama 3 (tiga) bulan."};
  in.duty_stamp = DutyStampOn::kBothParties;
  in.witnesses = {Named("Suharti"), Named("Bambang Hartono")};
  return in;
}

TerminationInput SampleTermination() {
  TerminationInput in;
  in.common = SampleCommon(46);
  in.client = Client();
  in.service_start = year_month_day{year{2026}, August, day{3}};
  in.services = {"Pendampingan psikologis (8 sesi)", "Pemeriksaan dan pemulihan kesehatan",
                 "Pendampingan hukum sampai putusan"};
  in.reason = TerminationReason::kGoalsMet;
  in.case_conference = year_month_day{year{2026}, November, day{18}};
  in.client_feedback =
      "Penerima manfaat dan keluarga merasa terbantu dan penerima manfaat sudah kembali "
      "bersekolah.";
  in.signer = Mother();
  in.signer_relation = "Orang Tua/Wali";
  in.case_manager = CaseManager();
  return in;
}

OutreachReportInput SampleOutreachReport() {
  OutreachReportInput in;
  in.common = SampleCommon(47);
  in.assignment_number = SampleCommon(41).agenda_number;
  in.assignment_date = kDate;
  in.outreach_date = year_month_day{year{2026}, November, day{24}};
  in.location = "Kecamatan Contoh, Kota Contoh";
  in.officers = {CaseManager(), Companion()};
  in.coordinated_with = {"Unit PPA Polres Kota Contoh", "Lurah Contoh Utara",
                         "Satgas PPA Kecamatan Contoh"};
  in.client = Client();
  in.consent_given = true;
  in.findings = {
      "Penerima manfaat ditemui di rumah bersama ibunya. Penerima manfaat dalam keadaan sehat "
      "secara fisik, tampak cemas dan belum bersekolah sejak kejadian."};
  in.risk = RiskLevel::kMedium;
  in.risk_note = "Terduga pelaku tidak lagi tinggal serumah.";
  in.follow_up = {"Asesmen psikologis lanjutan oleh psikolog UPTD PPA;",
                  "Koordinasi dengan sekolah agar penerima manfaat kembali bersekolah;",
                  "Pembahasan kasus bersama Manajer Kasus."};
  in.reported_by = CaseManager();
  return in;
}

TravelOrderInput SampleTravelOrder() {
  TravelOrderInput in;
  in.common = SampleCommon(42);
  in.traveller = CaseManager();
  in.companions = {Companion()};
  in.purpose = "Melaksanakan penjangkauan korban";
  in.transport = "Kendaraan dinas";
  in.from = "Kota Contoh";
  in.to = "Kecamatan Contoh Utara, Kabupaten Contoh";
  in.start = kDate;
  in.end = year_month_day{year{2026}, November, day{25}};
  in.agency = "DPA UPTD PPA Kota Contoh Tahun Anggaran 2026";
  in.account = "5.1.02.04.01.0001";
  in.costs = {{"Transportasi", "BBM kendaraan dinas pulang pergi", 600000},
              {"Uang harian", "2 orang x 3 hari x Rp 150.000", 900000},
              {"Penginapan", "2 orang x 2 malam x Rp 300.000", 1200000}};
  in.total = 2700000;
  in.approval =
      "Rencana penjangkauan dan anggarannya disetujui Kepala UPTD PPA tanggal 23 "
      "November 2026";
  in.assignment_number = SampleCommon(41).agenda_number;
  return in;
}

Letter SampleLetter(LetterKind kind) {
  switch (kind) {
    case LetterKind::kAssignment:
      return AssignmentLetter(SampleAssignment());
    case LetterKind::kReferral:
      return ReferralLetter(SampleReferral());
    case LetterKind::kHandoverMinutes:
      return HandoverMinutes(SampleHandover());
    case LetterKind::kConsentStatement:
      return ConsentStatement(SampleConsent());
    case LetterKind::kMediationAgreement:
      return MediationAgreement(SampleMediationAgreement());
    case LetterKind::kTermination:
      return TerminationForm(SampleTermination());
    case LetterKind::kOutreachReport:
      return OutreachReport(SampleOutreachReport());
    case LetterKind::kTravelOrder:
      return TravelOrder(SampleTravelOrder());
  }
  return ReferralLetter(SampleReferral());
}

}  // namespace lindungi::report
