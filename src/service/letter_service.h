// Letters from a case as PDF (docs/letters.md "The service"): the unit's letter settings
// (letterhead, city, head, agenda number format; events UnitLetterheadSet), and writing a
// letter of a case: the template's input filled from the case record and the request, the
// next agenda number of the unit's register for the year taken in the write transaction,
// the PDF rendered (report/letter_pdf.h) and filed as a case document with its file sealed
// under the client's key (DocumentFiled, source "letter"). Authorization: need-to-know on
// the case (CaseVisibleTo; another case answers kNotFound); the settings are read by the
// unit's staff and set by its administrator, unit head or department head. Safe for concurrent use.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "forms/form.h"
#include "report/agenda_number.h"
#include "report/letter_templates.h"
#include "service/principal.h"
#include "service/sop_catalog.h"
#include "service/vault.h"
#include "service/writes.h"
#include "store/database.h"

namespace lindungi {

// A unit's letter settings. The kop surat is the authority lines, the unit's name, and the
// contact lines made of the address and "Telepon ..., Pos-el ...".
struct LetterSettings {
  std::vector<std::string> authority;  // "PEMERINTAH KOTA CONTOH", "DINAS ..."
  std::string name;                    // the unit as its kop names it
  std::string address, phone, email;   // phone and e-mail optional
  std::string city;                    // where its letters are dated
  report::Officer head;                // name and NIP required; rank, position optional
  report::AgendaNumberFormat agenda;
};

// kInvalidArgument naming the field: "letter_setting_required" (authority, name, address,
// city, head.name, head.nip), "letter_setting_too_long", "bad_agenda_pattern".
Status ValidateLetterSettings(const LetterSettings& s);
boost::json::object LetterSettingsJson(const LetterSettings& s);
LetterSettings LetterSettingsFromJson(const boost::json::object& o);

// Sets the settings of the unit with code `unit_code` (the CLI): event UnitLetterheadSet.
// kNotFound "unit_not_found"; the validation errors above.
Status SetUnitLetterSettings(store::Database& db, const Clock& clock, const std::string& unit_code,
                             const LetterSettings& s);

// The letter kinds' SOP document kinds (docs/letters.md "Document kinds"): the ids a
// letter of `kind` counts as, where the unit's pack has them.
const std::vector<std::string>& LetterDocumentKinds(report::LetterKind kind);

// An officer or partner staff member named in a request.
struct LetterOfficer {
  std::string name, nip, rank, position;
};
// A party, witness or declarant: a person of the case (`person_id`) or written out.
struct LetterParty {
  std::optional<std::string> person_id;
  std::string name, sex, occupation, address;
  std::optional<int> age_years;
};

// What a request may give (docs/letters.md has the table per kind); the http layer reads
// only the fields of the request's kind. Dates are YYYY-MM-DD.
struct LetterRequest {
  std::string kind;                      // a report::LetterKindId
  std::optional<std::string> date;       // the letter's date (default: today in the unit's zone)
  std::optional<LetterOfficer> officer;  // who signs for the unit (default: the caller)
  // Records of the case a letter is about.
  std::optional<std::string> referral_id, transfer_id, consent_id, termination_id,
      assignment_document_id;
  // surat-tugas (optional) and sppd (required): the outreach plan (a filed form
  // rencana-penjangkauan) whose approval (DocumentApproved) the letter is written from.
  std::optional<std::string> plan_document_id;
  // surat-tugas
  bool travel_order = false;
  std::vector<std::string> basis;
  std::vector<LetterOfficer> officers;
  std::string task, destination, funding;
  std::optional<std::string> start, end;
  // surat-rujukan
  std::vector<std::string> recipient, attachments, copies_to;
  std::string recipient_place, service_title, service_requested, reason, contact_phone;
  std::optional<std::string> consent_date;
  // berita-acara-penyerahan
  std::string location, partner_name, referral_number;
  std::optional<LetterOfficer> receiving;
  std::vector<std::string> items;
  // surat-pernyataan-persetujuan
  std::optional<std::string> declarant_id;
  std::string relation;
  std::vector<std::string> services, share_with;
  // surat-perjanjian
  std::optional<LetterParty> first_party, second_party;
  std::vector<std::string> agreements;
  std::string duty_stamp;  // first_party (default), second_party, both
  std::vector<LetterParty> witnesses;
  // form-terminasi
  std::string termination_reason;  // goals_met, referred_out, died, missing, refuses
  std::string reason_note, client_feedback, signer_relation;
  std::optional<std::string> service_start, case_conference, signer_id;
  // laporan-penjangkauan
  std::string assignment_number, risk, risk_note;
  std::optional<std::string> assignment_date, outreach_date;
  std::vector<std::string> coordinated_with, findings, follow_up;
  std::optional<bool> consent_given;
};

class LetterService {
 public:
  // `forms`: the form definitions (DocumentService::forms()), for the labels of a plan's codes.
  LetterService(store::Database& db, const Clock& clock, const Vault& vault, const SopCatalog& sops,
                const forms::FormSet& forms);

  // The unit's settings (`configured` false and the defaults while it has none): kNotFound
  // "unit_not_found" for a unit where the caller holds no staff role.
  Result<boost::json::value> GetSettings(const Principal& p, const std::string& unit_id);
  // Replaces them: its unit or department head only (kPermissionDenied "head_required").
  Result<WriteReply> SetSettings(const Principal& p, const std::string& unit_id,
                                 const LetterSettings& s, const std::optional<Idempotency>& idem);
  // A sample Surat Tugas (the demo's invented officers and task) on the letterhead of unit
  // `unit_id`, dated today in its zone, with agenda number 1 in its format: how its letters
  // will look. The caller checks who may see it (service/administration.h).
  Result<std::string> PreviewPdf(const std::string& unit_id);

  // Writes a letter of the case and files it: 201 with the document summary (its
  // `letter` {kind, agenda_number}). kInvalidArgument "unknown_letter_kind", or
  // "letter_field_required" naming the field (never a value); kNotFound for a record
  // (referral, transfer, consent, termination, person, document) not of the case;
  // kConflict "case_closed" (but a Formulir Terminasi of a recorded termination);
  // kFailedPrecondition "plan_not_approved" for a letter from an outreach plan that has no
  // approval yet (an SPPD always, a Surat Tugas that names `plan_document_id`).
  Result<WriteReply> Create(const Principal& p, const std::string& case_id, const LetterRequest& in,
                            const std::optional<Idempotency>& idem);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Vault& vault_;
  const SopCatalog& sops_;
  const forms::FormSet& forms_;
};

}  // namespace lindungi
