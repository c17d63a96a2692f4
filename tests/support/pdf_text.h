// The text of a PDF as pdftotext (poppler) reads it: to check a letter's content in tests.
#pragma once

#include <string>

namespace lindungi::testing {

// The text with every run of blanks made one space, so a phrase is found across the
// layout's columns. With LINDUNGI_LETTER_DIR set, the PDF is also kept there (to look at).
// Throws std::runtime_error if pdftotext fails.
std::string PdfText(const std::string& pdf);

}  // namespace lindungi::testing
