#include "core/statistics.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace lindungi {

const StatDimension* FindStatDimension(std::string_view id) {
  for (const auto& d : kStatDimensions)
    if (d.id == id) return &d;
  return nullptr;
}

std::vector<FixedValue> FixedValues(std::string_view dimension) {
  static constexpr FixedValue kAll[] = {
      {"sex", "female", "Perempuan", "Female"},
      {"sex", "male", "Laki-laki", "Male"},
      {"disability", "yes", "Ya", "Yes"},
      {"disability", "no", "Tidak", "No"},
      {"channel", "walk_in", "Datang langsung", "Walk-in"},
      {"channel", "phone", "Telepon", "Phone"},
      {"channel", "hotline", "Hotline", "Hotline"},
      {"channel", "whatsapp", "WhatsApp", "WhatsApp"},
      {"channel", "letter", "Surat", "Letter"},
      {"channel", "online_form", "Formulir daring", "Online form"},
      {"channel", "outreach", "Penjangkauan", "Outreach"},
      {"channel", "referral_in", "Rujukan masuk", "Referral in"},
      {"risk_level", "low", "Rendah", "Low"},
      {"risk_level", "medium", "Sedang", "Medium"},
      {"risk_level", "high", "Tinggi", "High"},
      {"triage", "continue_here", "Ditangani unit ini", "Handled by this unit"},
      {"triage", "hand_to_patbm", "Diserahkan ke PATBM", "Handed to PATBM"},
      {"triage", "hand_to_social_services", "Diserahkan ke Dinas Sosial",
       "Handed to social services"},
      {"triage", "hand_to_province_or_ministry", "Diserahkan ke provinsi/kementerian",
       "Handed to the province or ministry"},
      {"triage", "emergency_outreach", "Penjangkauan darurat", "Emergency outreach"},
      {"triage", "information_only", "Informasi saja", "Information only"},
  };
  std::vector<FixedValue> out;
  for (const auto& v : kAll)
    if (v.dimension == dimension) out.push_back(v);
  return out;
}

// Interpretation (docs/reports.md "Services provided"): psychological counselling and the
// shelter are social rehabilitation (Permen PPPA 2/2022 places recovery there); family and
// community accompaniment is social reintegration; mediation is legal aid.
std::string_view SimfoniServiceOfPlan(std::string_view plan_type) {
  static constexpr std::pair<std::string_view, std::string_view> kMap[] = {
      {"health", "health"},
      {"psychological", "social_rehabilitation"},
      {"social_rehabilitation", "social_rehabilitation"},
      {"legal", "legal_aid"},
      {"family_community", "social_reintegration"},
      {"shelter", "social_rehabilitation"},
      {"mediation", "legal_aid"},
      {"reintegration", "social_reintegration"},
      {"repatriation", "repatriation"},
      {"religious", "religious_accompaniment"}};
  for (auto [from, to] : kMap)
    if (from == plan_type) return to;
  return "";
}

std::string_view SimfoniServiceOfPartner(std::string_view partner_kind) {
  static constexpr std::pair<std::string_view, std::string_view> kMap[] = {
      {"police", "law_enforcement"},
      {"health", "health"},
      {"legal_aid", "legal_aid"},
      {"social", "social_rehabilitation"},
      {"community_leader", "religious_accompaniment"}};
  for (auto [from, to] : kMap)
    if (from == partner_kind) return to;
  return "";
}

std::optional<std::int64_t> Suppressed(std::int64_t count, std::int64_t threshold) {
  if (count > 0 && count < threshold) return std::nullopt;
  return count;
}

std::int64_t NearestRank(int p, std::int64_t n) {
  if (n <= 0) return 0;
  return (std::int64_t{p} * n + 99) / 100;
}

std::int64_t DurationTenths(double value) {
  return std::llround(value * 10);
}

double ShownDuration(double value) {
  return double(DurationTenths(value)) / 10;
}

std::map<StatPair, std::int64_t> ClientPairs(const std::set<StatFact>& facts) {
  std::map<StatPair, std::int64_t> out;
  // The set is ordered by client, so each client's facts are a run.
  for (auto first = facts.begin(); first != facts.end();) {
    auto last = first;
    while (last != facts.end() && std::get<0>(*last) == std::get<0>(*first)) ++last;
    for (auto a = first; a != last; ++a)
      for (auto b = std::next(a); b != last; ++b) {
        const auto& [ca, da, va] = *a;
        const auto& [cb, db, vb] = *b;
        if (da == db) continue;  // a run is sorted by dimension: da < db here
        ++out[{da, va, db, vb}];
      }
    first = last;
  }
  return out;
}

namespace {

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int Num(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

bool IsMonth(std::string_view t) {
  if (t.size() != 7 || t[4] != '-' || !Digits(t.substr(0, 4)) || !Digits(t.substr(5, 2)))
    return false;
  int y = Num(t.substr(0, 4)), m = Num(t.substr(5, 2));
  return y >= 2000 && y <= 2999 && m >= 1 && m <= 12;
}

std::vector<std::string> MonthsBetween(const std::string& from, const std::string& to) {
  std::vector<std::string> out;
  int y = Num(std::string_view(from).substr(0, 4)), m = Num(std::string_view(from).substr(5, 2));
  for (int guard = 0; guard < 12 * 1000; ++guard) {
    std::string s = fmt::format("{:04}-{:02}", y, m);
    if (s > to) break;
    out.push_back(std::move(s));
    if (++m == 13) {
      m = 1;
      ++y;
    }
  }
  return out;
}

std::optional<MonthRange> ParsePeriod(std::string_view t) {
  if (t.size() == 4 && Digits(t)) {
    int y = Num(t);
    if (y < 2000 || y > 2999) return std::nullopt;
    return MonthRange{fmt::format("{}-01", t), fmt::format("{}-12", t)};
  }
  if (t.size() == 7 && t[4] == '-' && (t[5] == 'Q' || t[5] == 'q') && Digits(t.substr(0, 4))) {
    int y = Num(t.substr(0, 4)), q = t[6] - '0';
    if (y < 2000 || y > 2999 || q < 1 || q > 4) return std::nullopt;
    return MonthRange{fmt::format("{}-{:02}", y, q * 3 - 2), fmt::format("{}-{:02}", y, q * 3)};
  }
  if (IsMonth(t)) return MonthRange{std::string(t), std::string(t)};
  return std::nullopt;
}

}  // namespace lindungi
