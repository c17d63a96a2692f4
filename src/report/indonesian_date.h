// Dates and numbers written the way Indonesian official letters write them: "23 November
// 2026", "Senin, 23 November 2026", and the words of a date in a Berita Acara ("dua puluh
// tiga"). Pure functions; safe for concurrent use.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace lindungi::report {

// "Januari" ... "Desember". REQUIRES: m.ok().
std::string_view IndonesianMonthName(std::chrono::month m);

// "Minggu", "Senin", ... "Sabtu". REQUIRES: d.ok().
std::string_view IndonesianDayName(std::chrono::weekday d);

enum class DateStyle {
  kLong,         // 23 November 2026 (the day of month without a leading zero)
  kWithDayName,  // Senin, 23 November 2026
};

// The date as letters write it. REQUIRES: date.ok().
std::string FormatIndonesianDate(std::chrono::year_month_day date,
                                 DateStyle style = DateStyle::kLong);

// A whole number in Indonesian words ("terbilang"): 23 -> "dua puluh tiga", 11 -> "sebelas",
// 100 -> "seratus", 2026 -> "dua ribu dua puluh enam". REQUIRES: 0 <= n <= 999'999'999.
std::string SpellOutNumber(long n);

// An amount of money as letters write it: "Rp 1.250.000" (dots between thousands),
// "-Rp 5.000" below zero.
std::string FormatRupiah(long long amount);

// A Berita Acara's opening: "Senin tanggal dua puluh tiga bulan November tahun dua ribu dua
// puluh enam". REQUIRES: date.ok().
std::string SpellOutDate(std::chrono::year_month_day date);

}  // namespace lindungi::report
