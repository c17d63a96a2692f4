#include "core/intake.h"

#include <fmt/format.h>

#include "core/classification.h"
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
  LINDUNGI_TRY(CheckText("reporter.relation", r.reporter.relation, 64, true));
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

namespace {

// "62", "62.71", "62.71.01", "62.71.01.1001": 2, 2, 2 and 4 digits, each code within the one
// above it.
bool RegionShape(const std::string& v, std::size_t parts) {
  static constexpr std::size_t kDigits[] = {2, 2, 2, 4};
  std::size_t pos = 0;
  for (std::size_t i = 0; i < parts; ++i) {
    if (i > 0) {
      if (pos >= v.size() || v[pos] != '.') return false;
      ++pos;
    }
    for (std::size_t d = 0; d < kDigits[i]; ++d, ++pos)
      if (pos >= v.size() || v[pos] < '0' || v[pos] > '9') return false;
  }
  return pos == v.size();
}

Status CheckRegion(const std::string& prefix, const RegionCodes& region) {
  const std::pair<const char*, const std::optional<std::string>*> levels[] = {
      {"province", &region.province},
      {"regency", &region.regency},
      {"district", &region.district},
      {"village", &region.village}};
  const std::string* above = nullptr;
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& [level, v] = levels[i];
    if (!*v) continue;
    std::string field = prefix + "." + level;
    if (!RegionShape(**v, i + 1) || (above && !(*v)->starts_with(*above + "."))) {
      return Fail(Invalid(field, "invalid_region_code",
                          fmt::format("Kolom {} bukan kode wilayah yang sah (mis. 62, 62.71, "
                                      "62.71.01, 62.71.01.1001) di dalam wilayah di atasnya.",
                                      field),
                          fmt::format("Field {} is not a region code (e.g. 62, 62.71, 62.71.01, "
                                      "62.71.01.1001) within the region above it.",
                                      field)));
    }
    above = &**v;
  }
  return {};
}

Status CheckDigits(std::string_view field, const std::optional<std::string>& v) {
  if (!v) return {};
  if (v->size() == 16 && v->find_first_not_of("0123456789") == std::string::npos) return {};
  return Fail(Invalid(std::string(field), "invalid_number",
                      fmt::format("Kolom {} harus 16 angka.", field),
                      fmt::format("Field {} must be 16 digits.", field)));
}

Status CheckCoded(std::string_view field, const std::optional<std::string>& v,
                  const Classification& c, std::string_view list) {
  if (!v || c.Has(list, *v)) return {};
  return Fail(Invalid(std::string(field), "unknown_value",
                      fmt::format("Nilai kolom {} tidak ada dalam daftar {}.", field, list),
                      fmt::format("The value of {} is not in the list {}.", field, list)));
}

}  // namespace

Status ValidateIntakeCodes(const IntakeRequest& r, const Classification& c) {
  return CheckCoded("reporter.relation", std::optional<std::string>(r.reporter.relation), c,
                    "reporter_relations");
}

Status ValidatePerson(const PersonInput& p, const Classification& c, Instant now) {
  LINDUNGI_TRY(CheckEnum("person.role", p.role, kPersonRoles));
  LINDUNGI_TRY(CheckText("person.name", p.name, FieldLimits::kName, p.role != "perpetrator"));
  if (p.role == "client" && !p.sex) {
    return Fail(Invalid("person.sex", "required", "Kolom person.sex wajib diisi untuk klien.",
                        "Field person.sex is required for a client."));
  }
  if (p.sex) LINDUNGI_TRY(CheckEnum("person.sex", *p.sex, kSexes));
  if (p.birth_date) LINDUNGI_TRY(CheckPastDate("person.birth_date", *p.birth_date, now, 120));
  if (p.age_years && (*p.age_years < 0 || *p.age_years > 120)) {
    return Fail(Invalid("person.age_years", "out_of_range",
                        "Kolom person.age_years harus antara 0 dan 120.",
                        "Field person.age_years must be between 0 and 120."));
  }
  LINDUNGI_TRY(CheckDigits("person.nik", p.nik));
  LINDUNGI_TRY(CheckDigits("person.kk_number", p.kk_number));
  if (p.birth_certificate_number) {
    LINDUNGI_TRY(
        CheckText("person.birth_certificate_number", *p.birth_certificate_number, 50, true));
  }
  LINDUNGI_TRY(CheckPhone("person.phone", p.phone));
  if (p.address)
    LINDUNGI_TRY(CheckText("person.address", *p.address, FieldLimits::kAddress, false, true));
  LINDUNGI_TRY(CheckRegion("person.region", p.region));
  LINDUNGI_TRY(CheckCoded("person.education", p.education, c, "education_levels"));
  LINDUNGI_TRY(CheckCoded("person.occupation", p.occupation, c, "occupations"));
  LINDUNGI_TRY(CheckCoded("person.marital_status", p.marital_status, c, "marital_statuses"));
  for (const auto& k : p.disability_kinds)
    LINDUNGI_TRY(CheckCoded("person.disability_kinds", k, c, "disability_kinds"));
  if (!p.disability_kinds.empty() && !p.disability) {
    return Fail(Invalid("person.disability", "inconsistent",
                        "Jenis disabilitas diisi: person.disability harus true.",
                        "Kinds of disability are given: person.disability must be true."));
  }
  if (p.role == "perpetrator")
    LINDUNGI_TRY(CheckCoded("person.relation", p.relation, c, "perpetrator_relations"));
  if (p.role == "reporter")
    LINDUNGI_TRY(CheckCoded("person.relation", p.relation, c, "reporter_relations"));
  if (p.role == "guardian") {
    if (!p.relation || !p.guardian_of) {
      return Fail(Invalid(!p.relation ? "person.relation" : "person.guardian_of", "required",
                          "Wali perlu hubungan (relation) dan klien yang diwakili (guardian_of).",
                          "A guardian needs a relation and the client they act for "
                          "(guardian_of)."));
    }
    LINDUNGI_TRY(CheckCoded("person.relation", p.relation, c, "guardian_relations"));
  } else if (p.guardian_of) {
    return Fail(Invalid("person.guardian_of", "not_a_guardian",
                        "Hanya wali yang mewakili klien (guardian_of).",
                        "Only a guardian acts for a client (guardian_of)."));
  }
  return {};
}

Status ValidateIncident(const IncidentInput& in, const Classification& c, Instant now) {
  LINDUNGI_TRY(CheckPastDate("incident.date", in.date, now, 120));
  if (in.time) {
    const auto& t = *in.time;
    bool ok = t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
              std::isdigit(static_cast<unsigned char>(t[1])) &&
              std::isdigit(static_cast<unsigned char>(t[3])) &&
              std::isdigit(static_cast<unsigned char>(t[4])) && std::stoi(t.substr(0, 2)) < 24 &&
              std::stoi(t.substr(3, 2)) < 60;
    if (!ok) {
      return Fail(Invalid("incident.time", "invalid_time", "Kolom incident.time harus JJ:MM.",
                          "Field incident.time must be HH:MM."));
    }
  }
  if (!c.Has("place_types", in.place_type)) {
    return Fail(Invalid("incident.place_type", "unknown_value",
                        "Kolom incident.place_type tidak ada dalam daftar place_types.",
                        "The value of incident.place_type is not in the list place_types."));
  }
  if (in.place)
    LINDUNGI_TRY(CheckText("incident.place", *in.place, FieldLimits::kAddress, false, true));
  LINDUNGI_TRY(CheckRegion("incident.region", in.region));
  if (in.forms.empty()) {
    return Fail(Invalid("incident.forms", "required",
                        "Pilih minimal satu bentuk kekerasan (incident.forms).",
                        "Choose at least one form of violence (incident.forms)."));
  }
  for (const auto& f : in.forms) LINDUNGI_TRY(CheckCoded("incident.forms", f, c, "violence_forms"));
  if (in.penetration && std::find(in.forms.begin(), in.forms.end(), "sexual") == in.forms.end()) {
    return Fail(Invalid("incident.penetration", "inconsistent",
                        "incident.penetration hanya untuk kekerasan seksual.",
                        "incident.penetration is for sexual violence only."));
  }
  for (const auto& pp : in.perpetrators)
    LINDUNGI_TRY(
        CheckCoded("incident.perpetrators.relation", pp.relation, c, "perpetrator_relations"));
  if (in.narrative)
    LINDUNGI_TRY(
        CheckText("incident.narrative", *in.narrative, FieldLimits::kNarrative, false, true));
  return {};
}

}  // namespace lindungi
