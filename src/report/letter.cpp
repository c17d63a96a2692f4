#include "report/letter.h"

#include <utility>

namespace lindungi::report {

namespace {
constexpr std::array<std::pair<LetterKind, std::string_view>, 8> kIds = {{
    {LetterKind::kAssignment, "surat-tugas"},
    {LetterKind::kReferral, "surat-rujukan"},
    {LetterKind::kHandoverMinutes, "berita-acara-penyerahan"},
    {LetterKind::kConsentStatement, "surat-pernyataan-persetujuan"},
    {LetterKind::kMediationAgreement, "surat-perjanjian"},
    {LetterKind::kTermination, "form-terminasi"},
    {LetterKind::kOutreachReport, "laporan-penjangkauan"},
    {LetterKind::kTravelOrder, "sppd"},
}};
}  // namespace

std::string_view LetterKindId(LetterKind kind) {
  for (const auto& [k, id] : kIds) {
    if (k == kind) return id;
  }
  return "unknown";
}

std::string_view LetterKindTitle(LetterKind kind) {
  switch (kind) {
    case LetterKind::kAssignment:
      return "Surat Tugas";
    case LetterKind::kReferral:
      return "Surat Rujukan";
    case LetterKind::kHandoverMinutes:
      return "Berita Acara Penyerahan";
    case LetterKind::kConsentStatement:
      return "Surat Pernyataan Persetujuan";
    case LetterKind::kMediationAgreement:
      return "Surat Perjanjian";
    case LetterKind::kTermination:
      return "Formulir Terminasi";
    case LetterKind::kOutreachReport:
      return "Laporan Penjangkauan";
    case LetterKind::kTravelOrder:
      return "Surat Perintah Perjalanan Dinas";
  }
  return "Surat";
}

std::optional<LetterKind> LetterKindFromId(std::string_view id) {
  for (const auto& [k, name] : kIds) {
    if (name == id) return k;
  }
  return std::nullopt;
}

namespace {
template <class T>
Block Wrap(T content) {
  Block b;
  b.content = std::move(content);
  return b;
}
}  // namespace

Block MakeParagraph(std::string text, bool indent_first_line) {
  return Wrap(Paragraph{std::move(text), indent_first_line});
}
Block MakeHeading(std::string text, bool centred) {
  return Wrap(Heading{std::move(text), centred});
}
Block MakeFields(std::vector<FieldRow> rows) {
  return Wrap(FieldTable{std::move(rows)});
}
Block MakeList(std::vector<std::string> items, ListStyle style) {
  return Wrap(ListBlock{std::move(items), style});
}

}  // namespace lindungi::report
