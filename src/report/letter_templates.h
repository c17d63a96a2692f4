// The seven letters a unit writes on a case, with the standard wording of Indonesian
// official letters (based on the seed SOPs where they say it; docs/letters.md lists each
// letter, its fields and every interpretation). Each template takes a plain struct the
// service fills from the case record and returns a Letter to render (letter_pdf.h).
// Pure functions; safe for concurrent use.
//
// Dates are calendar dates in the unit's time zone. Empty optional fields are left out of
// the letter; an empty required text prints "-" so a missing value shows on paper.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "report/letter.h"
#include "report/letter_parties.h"

namespace lindungi::report {

// Surat Tugas (or, with travel_order, Surat Perintah Tugas): the head assigns officers to a
// task outside the office: outreach, home visit, (pre-)mediation, legal accompaniment.
struct AssignmentInput {
  LetterCommon common;
  bool travel_order = false;       // "SURAT PERINTAH TUGAS" (SPT) instead of "SURAT TUGAS"
  std::vector<std::string> basis;  // Dasar: regulations, the disposition
  std::vector<Officer> officers;   // Kepada
  std::string task;                // Untuk: "melaksanakan penjangkauan korban"
  std::string destination;         // area, e.g. "Kecamatan Contoh Utara, Kota Contoh"
  std::chrono::year_month_day start{}, end{};
  std::string funding;  // "DPA UPTD PPA Tahun Anggaran 2026" (optional)
};
Letter AssignmentLetter(const AssignmentInput& in);

// Surat Rujukan: the unit refers a client to a partner (health, police, social, ...).
struct ReferralInput {
  LetterCommon common;
  std::vector<std::string> recipient;  // "Direktur RSUD Kota Contoh"
  std::string recipient_place;         // "Kota Contoh"
  std::string service_title;           // Perihal: "Rujukan Layanan <service_title>"
  std::string service_requested;       // "pemeriksaan kesehatan dan visum et repertum"
  PersonDetails client;
  std::string reason;  // short assessment summary: why the referral (not the narrative)
  std::optional<std::chrono::year_month_day> consent_date;  // written consent to refer
  Officer contact;                                          // for feedback: the case manager
  std::string contact_phone;
  std::vector<std::string> attachments;  // enclosed: hasil asesmen, rencana intervensi, ...
  std::vector<std::string> copies_to;
};
Letter ReferralLetter(const ReferralInput& in);

// Berita Acara Penyerahan: minutes of handing a client and the case file to a partner.
struct HandoverInput {
  LetterCommon common;   // date: the day of the handover
  std::string location;  // where it took place
  Officer handing_over;  // PIHAK PERTAMA, of the unit
  Officer receiving;     // PIHAK KEDUA, of the partner
  std::string partner_name;
  PersonDetails client;
  std::string referral_number;       // the Surat Rujukan's number (optional)
  std::vector<std::string> items;    // what is handed over besides the client
  bool acknowledged_by_head = true;  // "Mengetahui," the unit's head
};
Letter HandoverMinutes(const HandoverInput& in);

// Surat Pernyataan Persetujuan: the client (or a parent or guardian for a child) consents to
// the services and to sharing named information with named partners.
struct ConsentInput {
  LetterCommon common;
  PersonDetails declarant;              // who signs
  std::string relation;                 // to the client when not the client: "Ibu kandung"
  std::optional<PersonDetails> client;  // set when the declarant signs for the client
  std::vector<std::string> services;    // what is consented to
  std::vector<std::string> share_with;  // partners that may receive the case's data
  Officer officer;                      // who explained it, signs as the unit's officer
};
Letter ConsentStatement(const ConsentInput& in);

// Surat Perjanjian: the agreement reached in mediation, signed by both parties over a duty
// stamp (Kalteng SOP Mediasi step 6: "surat perjanjian (bermaterai)").
enum class DutyStampOn { kFirstParty, kSecondParty, kBothParties };
struct MediationAgreementInput {
  LetterCommon common;  // date: the day of the mediation
  std::string location;
  PersonDetails first_party, second_party;
  Officer mediator;
  std::vector<std::string> agreements;  // the points agreed, in order
  DutyStampOn duty_stamp = DutyStampOn::kFirstParty;
  std::vector<PersonDetails> witnesses;  // Saksi-saksi (names), optional
  bool acknowledged_by_head = true;
};
Letter MediationAgreement(const MediationAgreementInput& in);

// Formulir Pengakhiran Layanan (Terminasi). Unilateral termination (Luwu Utara: the child
// died, cannot be found, or refuses accompaniment) has no client signature.
enum class TerminationReason {
  kGoalsMet,            // rights fulfilled, client recovered (the normal case)
  kReferredOut,         // handed over to another agency for good
  kClientDied,          // pengakhiran sepihak
  kWhereaboutsUnknown,  // pengakhiran sepihak
  kClientRefuses,       // pengakhiran sepihak
};
bool IsUnilateral(TerminationReason reason);
struct TerminationInput {
  LetterCommon common;  // date: the day of termination
  PersonDetails client;
  std::chrono::year_month_day service_start{};
  std::vector<std::string> services;  // services given
  TerminationReason reason = TerminationReason::kGoalsMet;
  std::string reason_note;  // a line more on the reason (optional)
  std::optional<std::chrono::year_month_day> case_conference;  // held before terminating
  std::string client_feedback;                                 // umpan balik (optional)
  PersonDetails signer;         // client or family member who signs (ignored when unilateral)
  std::string signer_relation;  // "Penerima Manfaat", "Ibu kandung"
  Officer case_manager;
};
Letter TerminationForm(const TerminationInput& in);

// Laporan Penjangkauan: the outreach team's report to the head (Babel SOP step 11).
enum class RiskLevel { kLow, kMedium, kHigh };
struct OutreachReportInput {
  LetterCommon common;            // date: of the report
  std::string assignment_number;  // the Surat Tugas's number
  std::chrono::year_month_day assignment_date{};
  std::chrono::year_month_day outreach_date{};
  std::string location;
  std::vector<Officer> officers;
  std::vector<std::string> coordinated_with;  // police, village head, Satgas PPA ...
  PersonDetails client;
  bool consent_given = true;          // step 8: confidentiality explained, consent asked
  std::vector<std::string> findings;  // paragraphs
  RiskLevel risk = RiskLevel::kLow;
  std::string risk_note;
  std::vector<std::string> follow_up;  // rencana tindak lanjut
  Officer reported_by;                 // manajer kasus / officer in charge
};
Letter OutreachReport(const OutreachReportInput& in);

// Surat Perintah Perjalanan Dinas (SPPD): the travel order of an approved outreach plan (Babel
// SOP Penjangkauan Korban row 6), with the approved cost lines and their total.
struct CostLine {
  std::string kind;         // "Transportasi", "Uang harian" ...
  std::string description;  // "2 orang x 3 hari x Rp 150.000"
  long long amount = 0;     // whole Rupiah
};
struct TravelOrderInput {
  LetterCommon common;
  Officer traveller;                // the officer in charge (rows 2-3)
  std::vector<Officer> companions;  // Pengikut (row 8)
  std::string purpose;              // Maksud perjalanan dinas
  std::string transport;            // Alat angkut
  std::string from, to;             // Tempat berangkat / tujuan (an area, never the client)
  std::chrono::year_month_day start{}, end{};
  std::string agency, account;    // Pembebanan anggaran: instansi, akun (account optional)
  std::vector<CostLine> costs;    // the approved lines
  long long total = 0;            // the approved total
  std::string approval;           // "Rencana penjangkauan disetujui ... tanggal ..." (optional)
  std::string assignment_number;  // the Surat Tugas's number (optional)
};
Letter TravelOrder(const TravelOrderInput& in);

}  // namespace lindungi::report
