// The agenda number (nomor surat) of an outgoing letter: the unit's classification code,
// the letter's sequence in the unit's register for the year, the unit's code, the month in
// Roman numerals and the year, e.g. "400.2.8/0042/UPTD-PPA/XI/2026". The sequence itself
// (per unit and year) comes from the store's counters in the service layer; these functions
// only format it. Pure; safe for concurrent use.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"

namespace lindungi::report {

// Placeholders (fmt syntax, so a width may be given: {seq:04}):
//   {classification}  the code from the unit's archive classification (Pola Klasifikasi Arsip)
//   {seq}             the sequence number in the unit's register for the year (required)
//   {unit}            the unit's code as its letters write it, e.g. UPTD-PPA
//   {month_roman}     I ... XII         {month}  1 ... 12 ({month:02} gives 01 ... 12)
//   {year}            2026              {day}    1 ... 31
inline constexpr std::string_view kDefaultAgendaPattern =
    "{classification}/{seq:04}/{unit}/{month_roman}/{year}";

// A unit's numbering, configured once per unit. The defaults are an example: each unit
// sets the codes its own tata naskah dinas prescribes (docs/letters.md).
struct AgendaNumberFormat {
  std::string pattern{kDefaultAgendaPattern};
  std::string classification = "400.2.8";
  std::string unit_code = "UPTD-PPA";
};

// "I" ... "XII" for 1 ... 12, and on to "MMMCMXCIX". REQUIRES: 1 <= n <= 3999.
std::string RomanNumeral(int n);

// The agenda number of letter `sequence` dated `date`. Errors (kInvalidArgument):
// "bad_agenda_pattern" if the pattern names an unknown placeholder, is malformed, lacks
// {seq} or gives more than 80 characters; "bad_agenda_sequence" if sequence < 1.
// REQUIRES: date.ok().
Result<std::string> FormatAgendaNumber(const AgendaNumberFormat& format, long sequence,
                                       std::chrono::year_month_day date);

// Checks a pattern as FormatAgendaNumber would, for the unit's settings to refuse early.
Status ValidateAgendaPattern(std::string_view pattern);

}  // namespace lindungi::report
