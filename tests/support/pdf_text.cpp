#include "support/pdf_text.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace lindungi::testing {
namespace fs = std::filesystem;

// pdftotext -layout keeps words in their lines.
std::string PdfText(const std::string& pdf) {
  static int n = 0;
  fs::path file = fs::temp_directory_path() /
                  ("lindungi-letter-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  {
    std::ofstream out(file.string() + ".pdf", std::ios::binary);
    out << pdf;
  }
  std::string cmd = "pdftotext -layout '" + file.string() + ".pdf' '" + file.string() + ".txt'";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("pdftotext failed: " + cmd);
  std::ifstream in(file.string() + ".txt");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Kept for a look when asked (LINDUNGI_LETTER_DIR): the PDFs of a run, to render to PNG.
  if (const char* dir = std::getenv("LINDUNGI_LETTER_DIR"))
    fs::copy_file(file.string() + ".pdf", fs::path(dir) / file.filename().concat(".pdf"),
                  fs::copy_options::overwrite_existing);
  fs::remove(file.string() + ".pdf");
  fs::remove(file.string() + ".txt");
  // One space for every run of blanks, so a phrase is found across the layout's columns.
  std::string flat;
  for (char ch : text) {
    bool blank = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\f';
    if (blank && !flat.empty() && flat.back() == ' ') continue;
    flat += blank ? ' ' : ch;
  }
  return flat;
}

}  // namespace lindungi::testing
