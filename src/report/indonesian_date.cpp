#include "report/indonesian_date.h"

#include <array>
#include <cassert>

#include <fmt/format.h>

namespace lindungi::report {

namespace {
constexpr std::array<std::string_view, 12> kMonths = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
// std::chrono::weekday counts from Sunday = 0.
constexpr std::array<std::string_view, 7> kDays = {"Minggu", "Senin", "Selasa", "Rabu",
                                                   "Kamis",  "Jumat", "Sabtu"};
constexpr std::array<std::string_view, 12> kUnits = {"nol",     "satu",     "dua",     "tiga",
                                                     "empat",   "lima",     "enam",    "tujuh",
                                                     "delapan", "sembilan", "sepuluh", "sebelas"};

// Below one thousand; "se-" forms for 100 (seratus), and 10-19 (sepuluh, sebelas, ...belas).
std::string SpellBelowThousand(long n) {
  assert(n > 0 && n < 1000);
  std::string out;
  auto add = [&out](std::string_view w) {
    if (!out.empty()) out += ' ';
    out += w;
  };
  if (n >= 100) {
    if (n / 100 == 1) {
      add("seratus");
    } else {
      add(kUnits[n / 100]);
      out += " ratus";
    }
    n %= 100;
  }
  if (n >= 20) {
    add(kUnits[n / 10]);
    out += " puluh";
    n %= 10;
    if (n > 0) add(kUnits[n]);
  } else if (n >= 12) {
    add(kUnits[n - 10]);
    out += " belas";
  } else if (n > 0) {
    add(kUnits[n]);
  }
  return out;
}
}  // namespace

std::string_view IndonesianMonthName(std::chrono::month m) {
  assert(m.ok());
  return kMonths[unsigned(m) - 1];
}

std::string_view IndonesianDayName(std::chrono::weekday d) {
  assert(d.ok());
  return kDays[d.c_encoding()];
}

std::string FormatIndonesianDate(std::chrono::year_month_day date, DateStyle style) {
  assert(date.ok());
  std::string text = fmt::format("{} {} {}", unsigned(date.day()),
                                 IndonesianMonthName(date.month()), int(date.year()));
  if (style == DateStyle::kLong) return text;
  return fmt::format("{}, {}", IndonesianDayName(std::chrono::weekday{std::chrono::sys_days{date}}),
                     text);
}

std::string SpellOutNumber(long n) {
  assert(n >= 0 && n <= 999'999'999);
  if (n == 0) return "nol";
  std::string out;
  auto add = [&out](const std::string& w) {
    if (!out.empty()) out += ' ';
    out += w;
  };
  if (long millions = n / 1'000'000; millions > 0) add(SpellBelowThousand(millions) + " juta");
  // 1000 is "seribu", not "satu ribu"; 1'000'000 stays "satu juta".
  if (long thousands = n / 1000 % 1000; thousands == 1) {
    add("seribu");
  } else if (thousands > 1) {
    add(SpellBelowThousand(thousands) + " ribu");
  }
  if (long rest = n % 1000; rest > 0) add(SpellBelowThousand(rest));
  return out;
}

std::string FormatRupiah(long long amount) {
  unsigned long long n = amount < 0 ? 0ULL - static_cast<unsigned long long>(amount)
                                    : static_cast<unsigned long long>(amount);
  std::string digits = std::to_string(n);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
    grouped += digits[i];
  }
  return (amount < 0 ? "-Rp " : "Rp ") + grouped;
}

std::string SpellOutDate(std::chrono::year_month_day date) {
  assert(date.ok());
  return fmt::format("{} tanggal {} bulan {} tahun {}",
                     IndonesianDayName(std::chrono::weekday{std::chrono::sys_days{date}}),
                     SpellOutNumber(unsigned(date.day())), IndonesianMonthName(date.month()),
                     SpellOutNumber(int(date.year())));
}

}  // namespace lindungi::report
