// Letter: one official letter or form of a unit (Surat Tugas, Surat Rujukan, Berita Acara,
// ...) as a value, ready to render (letter_pdf.h). It holds text, not case references: the
// templates (letter_templates.h) build one from a case's fields with the standard wording,
// and the service decides what a letter may show. Plain value; safe to copy between threads.
//
// Every text is UTF-8 and plain (no markup); a '\n' starts a new line.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lindungi::report {

enum class LetterKind {
  kAssignment,          // Surat Tugas / Surat Perintah Tugas (SPT)
  kReferral,            // Surat Rujukan
  kHandoverMinutes,     // Berita Acara Penyerahan (BAP of a referral)
  kConsentStatement,    // Surat Pernyataan Persetujuan (informed consent)
  kMediationAgreement,  // Surat Perjanjian hasil mediasi (with a duty stamp)
  kTermination,         // Formulir Pengakhiran Layanan (Terminasi)
  kOutreachReport,      // Laporan Penjangkauan
  kTravelOrder,         // Surat Perintah Perjalanan Dinas (SPPD), from an approved plan
};

inline constexpr std::array<LetterKind, 8> kLetterKinds = {
    LetterKind::kAssignment,       LetterKind::kReferral,           LetterKind::kHandoverMinutes,
    LetterKind::kConsentStatement, LetterKind::kMediationAgreement, LetterKind::kTermination,
    LetterKind::kOutreachReport,   LetterKind::kTravelOrder};

// Stable ids, as document kinds and the CLI name them: "surat-tugas", "surat-rujukan",
// "berita-acara-penyerahan", "surat-pernyataan-persetujuan", "surat-perjanjian",
// "form-terminasi", "laporan-penjangkauan", "sppd".
std::string_view LetterKindId(LetterKind kind);
std::optional<LetterKind> LetterKindFromId(std::string_view id);
// The kind's title as lists and the PDF's metadata name it: "Surat Tugas", "Surat Rujukan",
// "Berita Acara Penyerahan", ... (never a person).
std::string_view LetterKindTitle(LetterKind kind);

// Kop surat: centred above a double rule on the first page.
struct Letterhead {
  std::vector<std::string> authority_lines;  // "PEMERINTAH PROVINSI ...", "DINAS ..."
  std::string unit_name;                     // bold and largest: "UPTD PPA ..."
  std::vector<std::string> contact_lines;    // address; telephone, e-mail, website
  std::string emblem_png;  // optional: PNG bytes of the region's emblem, drawn on the left
};

// Surat dinas: place and date, Nomor / Sifat / Lampiran / Perihal, "Kepada Yth.".
// Titled document: title centred, "Nomor :" under it (Surat Tugas, Berita Acara, forms).
enum class LetterLayout { kOfficialLetter, kTitledDocument };

// Body blocks.
struct Paragraph {
  std::string text;
  bool indent_first_line = true;  // justified, first line indented, as letters are typed
};
struct Heading {
  std::string text;  // bold
  bool centred = false;
};
struct FieldRow {
  std::string label;  // "Nama"
  std::string value;  // wraps under itself
};
struct FieldTable {  // label : value rows, the labels in one column
  std::vector<FieldRow> rows;
};
enum class ListStyle { kNumbers, kLetters, kDashes };
struct ListBlock {  // 1. 2. 3. / a. b. c. / - with hanging indent
  std::vector<std::string> items;
  ListStyle style = ListStyle::kNumbers;
};

struct Block {
  std::variant<Paragraph, Heading, FieldTable, ListBlock> content;
  // The letter's label column, as in a Surat Tugas ("Dasar :", "Kepada :", "Untuk :"):
  // nullopt uses the full width; "" is a continuation (the column left blank).
  std::optional<std::string> label;
  std::string marker;  // a hanging marker before the block, e.g. "1." before an officer's rows
  int indent = 0;      // nesting level, 1 cm each
};

Block MakeParagraph(std::string text, bool indent_first_line = true);
Block MakeHeading(std::string text, bool centred = false);
Block MakeFields(std::vector<FieldRow> rows);
Block MakeList(std::vector<std::string> items, ListStyle style = ListStyle::kNumbers);

// A signature: heading and position above the space for the signature, the name (bold,
// underlined), then the rank and "NIP. ..." if given.
struct Signatory {
  std::string heading;   // "Yang Menyerahkan,", "PIHAK PERTAMA,", "Mengetahui," (may be empty)
  std::string position;  // jabatan, e.g. "Kepala UPTD PPA\nKota Contoh," (may be empty)
  std::string name;
  std::string rank;         // pangkat / golongan, e.g. "Pembina / IV.a" (optional)
  std::string nip;          // civil servants' number, printed "NIP. ..." (clients have none)
  bool duty_stamp = false;  // a box "METERAI 10.000" where the signature goes over it
};

enum class SignaturePlacement {
  kAuto,    // one signatory on the right; two or more in rows of two, left and right
  kCentre,  // each centred, one under the other ("Mengetahui,")
};
struct SignatureGroup {
  std::string caption;  // "Saksi-saksi:" above the group (optional)
  std::vector<Signatory> signatories;
  SignaturePlacement placement = SignaturePlacement::kAuto;
};

struct Letter {
  LetterKind kind = LetterKind::kReferral;
  LetterLayout layout = LetterLayout::kOfficialLetter;
  Letterhead letterhead;
  std::vector<std::string> title_lines;  // titled documents: bold, centred, the last underlined
  std::string agenda_number;             // "Nomor :" (agenda_number.h)
  std::string place;                     // where the letter is dated: "Palangka Raya"
  std::chrono::year_month_day date{};    // the letter's date (REQUIRES: ok())
  std::string nature;                    // "Sifat :" of an official letter, e.g. "Rahasia"
  std::string attachment = "-";          // "Lampiran :" of an official letter
  std::string subject;  // "Perihal :"; titled documents print it centred under the Nomor
  std::vector<std::string> recipient;  // official letters: lines after "Yth."
  std::string recipient_place;         // "di -" and this place, under the recipient
  std::vector<Block> body;
  // Titled documents: "<place>, <date>" above the first signature group's right signatory.
  bool dated_signature = true;
  std::vector<SignatureGroup> signatures;
  std::vector<std::string> copies_to;  // "Tembusan:", in a smaller font at the end
};

}  // namespace lindungi::report
