// `lindungi letter sample`: a letter of each kind with demo data (no store), for operators to
// see the layout.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "report/letter_pdf.h"
#include "report/sample_letters.h"

namespace lindungi::cli {
namespace {

int LetterSample(const std::string& kind_id, std::string out) {
  auto kind = report::LetterKindFromId(kind_id);
  if (!kind) {
    std::cerr << "lindungi: unknown letter kind / jenis surat tidak dikenal\n";
    return 2;
  }
  auto pdf = report::RenderLetterPdf(report::SampleLetter(*kind));
  if (!pdf) Die(pdf.error());
  if (out.empty()) out = kind_id + ".pdf";
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  f.write(pdf->data(), std::streamsize(pdf->size()));
  f.close();
  if (!f) {
    std::cerr << "lindungi: cannot write " << out << "\n";
    return 1;
  }
  std::cout << "Wrote " << out << " (" << pdf->size() << " bytes, demo data).\n";
  return 0;
}

}  // namespace

void AddLetterCommands(CLI::App& cli, GlobalOptions&) {
  auto* letter = cli.add_subcommand("letter", "Letters as PDF (Surat Tugas, Surat Rujukan, ...)");
  letter->require_subcommand(1);
  struct SampleOptions {
    std::string kind, out;
  };
  auto o = std::make_shared<SampleOptions>();
  auto* sample = letter->add_subcommand(
      "sample", "Write a sample letter of a kind with demo data, to see its layout");
  std::vector<std::string> kinds;
  for (auto k : report::kLetterKinds) kinds.emplace_back(report::LetterKindId(k));
  sample->add_option("kind", o->kind, "Letter kind")->required()->check(CLI::IsMember(kinds));
  sample->add_option("--out", o->out, "PDF file to write (default: KIND.pdf)");
  OnRun(sample, [o] { return LetterSample(o->kind, o->out); });
}

}  // namespace lindungi::cli
