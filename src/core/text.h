// Small text checks used by validation. Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lindungi {

// True iff `s` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Number of Unicode code points in valid UTF-8 `s` (REQUIRES: IsValidUtf8(s)).
std::size_t CodepointCount(std::string_view s);

// True iff `s` contains a control character other than tab, CR and LF.
bool HasControlChars(std::string_view s);

// A value the client sent, as an error message may name it: itself if it has the shape of
// a vocabulary word, field or SOP id (1-64 of a-z 0-9 _ . / -, starting with a letter),
// else "?". Messages never echo free text, which may be a name or NIK (docs/security.md).
std::string EchoSafe(std::string_view value);

// A cell value safe to put in a CSV or XLSX export: text that a spreadsheet would run as a
// formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe, so it shows as
// text (CSV/formula injection). Every export uses this for every text cell.
std::string NeutraliseFormula(std::string_view cell);

}  // namespace lindungi
