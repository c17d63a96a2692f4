// Who a letter names and what every letter has: the issuing unit with its head, officers,
// people as letters identify them, the agenda number and date (letter_templates.h).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "report/letter.h"

namespace lindungi::report {

// A unit's staff member (or a partner's) as letters name them.
struct Officer {
  std::string name;      // with degrees: "Rina Kartika, S.Psi."
  std::string nip;       // Nomor Induk Pegawai; empty for non-civil-servants
  std::string rank;      // pangkat / golongan, e.g. "Penata / III.c" (optional)
  std::string position;  // jabatan, e.g. "Manajer Kasus"
};

// A client, reporter or party as the letters identify them (Nama, Umur, Alamat ...).
struct PersonDetails {
  std::string name;
  std::string sex;               // "female" or "male" (core kSexes); printed Perempuan / Laki-laki
  std::optional<int> age_years;  // printed "12 tahun"
  std::string birth;             // tempat, tanggal lahir, e.g. "Kota Contoh, 2 Maret 2014"
  std::string address;
  std::string occupation;  // pekerjaan (optional)
};

// The unit issuing the letter: its kop, where it dates letters, and its head.
struct IssuingUnit {
  Letterhead letterhead;
  std::string name;   // as the body names it: "UPTD PPA Kota Contoh"
  std::string place;  // the city letters are dated in: "Kota Contoh"
  Officer head;       // Kepala UPTD PPA, who signs most letters
};

// What every letter has.
struct LetterCommon {
  IssuingUnit unit;
  std::string agenda_number;  // FormatAgendaNumber(...) of the unit's next sequence
  std::chrono::year_month_day date{};
  std::string case_number;  // PPA-DEMO/2026/00042
};

}  // namespace lindungi::report
