#include "core/intake.h"

#include <fmt/format.h>

#include "core/text.h"

namespace lindungi {
namespace {

Error Invalid(std::string field, std::string code, std::string id, std::string en) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

Status CheckText(std::string_view field, const std::string& v, std::size_t max, bool required,
                 bool multiline = false) {
  if (required && v.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(Invalid(std::string(field), "required", fmt::format("Kolom {} wajib diisi.", field),
                        fmt::format("Field {} is required.", field)));
  }
  if (!IsValidUtf8(v)) {
    return Fail(Invalid(std::string(field), "invalid_utf8",
                        fmt::format("Kolom {} bukan teks UTF-8 yang sah.", field),
                        fmt::format("Field {} is not valid UTF-8 text.", field)));
  }
  if (CodepointCount(v) > max) {
    return Fail(Invalid(std::string(field), "too_long",
                        fmt::format("Kolom {} terlalu panjang (maksimal {} karakter).", field, max),
                        fmt::format("Field {} is too long (at most {} characters).", field, max)));
  }
  if (HasControlChars(v) || (!multiline && v.find_first_of("\r\n") != std::string::npos)) {
    return Fail(Invalid(std::string(field), "control_characters",
                        fmt::format("Kolom {} berisi karakter kontrol.", field),
                        fmt::format("Field {} contains control characters.", field)));
  }
  return {};
}

template <std::size_t N>
Status CheckEnum(std::string_view field, const std::string& v,
                 const std::string_view (&allowed)[N]) {
  if (IsOneOf(v, allowed)) return {};
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return Fail(Invalid(std::string(field), "invalid_value",
                      fmt::format("Nilai kolom {} tidak dikenal; pilihan: {}.", field, list),
                      fmt::format("Unknown value for {}; allowed: {}.", field, list)));
}

Status CheckPastDate(std::string_view field, const std::string& v, Instant now, int max_years) {
  auto d = ParseDate(v);
  if (!d) {
    return Fail(Invalid(std::string(field), "invalid_date",
                        fmt::format("Kolom {} harus tanggal yang sah (YYYY-MM-DD).", field),
                        fmt::format("Field {} must be a real date (YYYY-MM-DD).", field)));
  }
  auto today = LocalDate(now, std::chrono::hours(14));  // latest date anywhere on Earth
  if (std::chrono::sys_days{*d} > std::chrono::sys_days{today}) {
    return Fail(Invalid(std::string(field), "date_in_future",
                        fmt::format("Kolom {} tidak boleh di masa depan.", field),
                        fmt::format("Field {} must not be in the future.", field)));
  }
  if (std::chrono::sys_days{*d} < std::chrono::sys_days{today} - std::chrono::years(max_years)) {
    return Fail(Invalid(std::string(field), "date_too_old",
                        fmt::format("Kolom {} terlalu lampau.", field),
                        fmt::format("Field {} is too far in the past.", field)));
  }
  return {};
}

Status CheckPhone(std::string_view field, const std::optional<std::string>& v) {
  if (!v) return {};
  std::size_t digits = 0;
  bool ok = !v->empty() && v->size() <= 20;
  for (char c : *v) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != '+' && c != '-' && c != ' ' && c != '(' && c != ')')
      ok = false;
  }
  if (ok && digits >= 5) return {};
  return Fail(
      Invalid(std::string(field), "invalid_phone",
              fmt::format("Kolom {} harus nomor telepon (angka, +, -, spasi).", field),
              fmt::format("Field {} must be a phone number (digits, +, -, spaces).", field)));
}

#define LINDUNGI_TRY(expr)                \
  do {                                    \
    if (auto s_ = (expr); !s_) return s_; \
  } while (0)

}  // namespace

bool IsOneOf(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (a == value) return true;
  return false;
}

Status ValidateIntake(const IntakeRequest& r, Instant now) {
  LINDUNGI_TRY(CheckEnum("channel", r.channel, kChannels));
  if (r.received_at) {
    auto t = ParseInstant(*r.received_at);
    if (!t) {
      return Fail(
          Invalid("received_at", "invalid_datetime",
                  "Kolom received_at harus waktu RFC 3339, mis. 2026-11-23T09:30:00+07:00.",
                  "Field received_at must be an RFC 3339 time, e.g. 2026-11-23T09:30:00+07:00."));
    }
    if (*t > now + std::chrono::minutes(5)) {
      return Fail(Invalid("received_at", "date_in_future",
                          "Kolom received_at tidak boleh di masa depan.",
                          "Field received_at must not be in the future."));
    }
  }
  if (r.referred_by)
    LINDUNGI_TRY(CheckText("referred_by", *r.referred_by, FieldLimits::kName, true));
  LINDUNGI_TRY(CheckText("reporter.name", r.reporter.name, FieldLimits::kName, true));
  LINDUNGI_TRY(CheckEnum("reporter.relation", r.reporter.relation, kReporterRelations));
  LINDUNGI_TRY(CheckPhone("reporter.phone", r.reporter.phone));
  LINDUNGI_TRY(CheckText("client.name", r.client.name, FieldLimits::kName, true));
  LINDUNGI_TRY(CheckEnum("client.sex", r.client.sex, kSexes));
  if (r.client.birth_date)
    LINDUNGI_TRY(CheckPastDate("client.birth_date", *r.client.birth_date, now, 120));
  if (r.client.age_years && (*r.client.age_years < 0 || *r.client.age_years > 120)) {
    return Fail(Invalid("client.age_years", "out_of_range",
                        "Kolom client.age_years harus antara 0 dan 120.",
                        "Field client.age_years must be between 0 and 120."));
  }
  if (r.client.nik) {
    const auto& nik = *r.client.nik;
    bool ok = nik.size() == 16 && nik.find_first_not_of("0123456789") == std::string::npos;
    if (!ok) {
      return Fail(Invalid("client.nik", "invalid_nik", "Kolom client.nik harus 16 angka.",
                          "Field client.nik must be 16 digits."));
    }
  }
  LINDUNGI_TRY(CheckPhone("client.phone", r.client.phone));
  if (r.client.address)
    LINDUNGI_TRY(
        CheckText("client.address", *r.client.address, FieldLimits::kAddress, false, true));
  if (r.incident_date) LINDUNGI_TRY(CheckPastDate("incident_date", *r.incident_date, now, 120));
  LINDUNGI_TRY(CheckText("narrative", r.narrative, FieldLimits::kNarrative, true, true));
  return {};
}

Status ValidateCaseUpdate(const CaseUpdate& u, Instant now) {
  if (!u.channel && !u.crisis && !u.narrative && !u.status && !u.incident_date) {
    return Fail(Invalid("", "empty_update", "Tidak ada kolom yang diubah.",
                        "The update changes no field."));
  }
  if (u.channel) LINDUNGI_TRY(CheckEnum("channel", *u.channel, kChannels));
  if (u.status) LINDUNGI_TRY(CheckEnum("status", *u.status, kCaseStatuses));
  if (u.narrative)
    LINDUNGI_TRY(CheckText("narrative", *u.narrative, FieldLimits::kNarrative, true, true));
  if (u.incident_date) LINDUNGI_TRY(CheckPastDate("incident_date", *u.incident_date, now, 120));
  return {};
}

}  // namespace lindungi
