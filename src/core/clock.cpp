#include "core/clock.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi {
namespace {

// Reads exactly `n` digits at `pos`; advances pos. nullopt if any is not a digit.
std::optional<int> Digits(std::string_view s, size_t& pos, size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

bool Expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<std::chrono::year_month_day> DateAt(std::string_view s, size_t& pos) {
  auto y = Digits(s, pos, 4);
  if (!y || !Expect(s, pos, '-')) return std::nullopt;
  auto m = Digits(s, pos, 2);
  if (!m || !Expect(s, pos, '-')) return std::nullopt;
  auto d = Digits(s, pos, 2);
  if (!d) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{unsigned(*m)},
                                  std::chrono::day{unsigned(*d)}};
  if (!ymd.ok() || *y < 1900) return std::nullopt;
  return ymd;
}

}  // namespace

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

std::string FormatInstant(Instant t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{duration_cast<milliseconds>(t - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", int(ymd.year()),
                     unsigned(ymd.month()), unsigned(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), hms.subseconds().count());
}

std::optional<std::chrono::year_month_day> ParseDate(std::string_view text) {
  size_t pos = 0;
  auto d = DateAt(text, pos);
  if (!d || pos != text.size()) return std::nullopt;
  return d;
}

std::string FormatDate(std::chrono::year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", int(d.year()), unsigned(d.month()), unsigned(d.day()));
}

std::optional<Instant> ParseInstant(std::string_view s) {
  using namespace std::chrono;
  size_t pos = 0;
  auto date = DateAt(s, pos);
  if (!date || pos >= s.size() || (s[pos] != 'T' && s[pos] != 't')) return std::nullopt;
  ++pos;
  auto hh = Digits(s, pos, 2);
  if (!hh || !Expect(s, pos, ':')) return std::nullopt;
  auto mi = Digits(s, pos, 2);
  if (!mi || !Expect(s, pos, ':')) return std::nullopt;
  auto ss = Digits(s, pos, 2);
  if (!ss || *hh > 23 || *mi > 59 || *ss > 59) return std::nullopt;
  microseconds frac{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    long long scale = 100000, us = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (scale > 0) us += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start || pos - start > 9) return std::nullopt;
    frac = microseconds{us};
  }
  if (pos >= s.size()) return std::nullopt;
  minutes offset{0};
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    auto oh = Digits(s, pos, 2);
    if (!oh || !Expect(s, pos, ':')) return std::nullopt;
    auto om = Digits(s, pos, 2);
    if (!om || *oh > 14 || *om > 59) return std::nullopt;
    offset = minutes{sign * (*oh * 60 + *om)};
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  Instant t = sys_days{*date} + hours{*hh} + minutes{*mi} + seconds{*ss} + frac;
  return t - offset;
}

std::chrono::year_month_day LocalDate(Instant t, std::chrono::minutes utc_offset) {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t + utc_offset)};
}

int AgeOn(std::chrono::year_month_day birth, std::chrono::year_month_day on) {
  int age = int(on.year()) - int(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

std::optional<int> AgeOn(std::optional<std::chrono::year_month_day> birth,
                         std::optional<int> stated,
                         std::optional<std::chrono::year_month_day> stated_on,
                         std::chrono::year_month_day on) {
  if (birth) return AgeOn(*birth, on);
  if (!stated) return std::nullopt;
  int since = stated_on ? int(on.year()) - int(stated_on->year()) : 0;
  return std::max(0, *stated + since);
}

}  // namespace lindungi
