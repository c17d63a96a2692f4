// Renders a Letter (letter.h) as an A4 PDF with Cairo and Pango: the kop surat centred over
// a double rule on the first page, 3 cm left and 2 cm right margins, justified wrapping
// text, page breaks between lines, "Halaman N dari M" at the foot of every page when there
// is more than one, and signature blocks kept whole on one page. Text is set in Liberation
// Serif (Times New Roman's metrics, Debian fonts-liberation2), else DejaVu Serif.
//
// No I/O: the PDF comes back as bytes. Identical letters give identical bytes (the PDF's
// creation date is the letter's date). Safe for concurrent use from several threads.
#pragma once

#include <string>

#include "core/error.h"
#include "report/letter.h"

namespace lindungi::report {

// The PDF. Errors: kInvalidArgument "letter_invalid" if a text is not valid UTF-8 or has
// control characters, or the date is not a valid date; "letter_emblem_invalid" if the
// emblem is not a PNG; kInternal "pdf_failed" if Cairo fails. Messages never hold the text.
Result<std::string> RenderLetterPdf(const Letter& letter);

}  // namespace lindungi::report
