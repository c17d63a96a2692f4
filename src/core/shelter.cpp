#include "core/shelter.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/clock.h"

namespace lindungi {
namespace {

template <std::size_t N>
bool OneOf(std::string_view v, const std::string_view (&allowed)[N]) {
  return std::find(std::begin(allowed), std::end(allowed), v) != std::end(allowed);
}

Error Invalid(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

Status TextLength(const std::string& v, std::size_t min, std::size_t max, const char* field) {
  if (v.size() >= min && v.size() <= max) return {};
  return Fail(Invalid(v.empty() ? "required" : "invalid_length",
                      fmt::format("Kolom {} harus {}–{} karakter.", field, min, max),
                      fmt::format("Field {} must have {}-{} characters.", field, min, max), field));
}

}  // namespace

Status ValidateShelter(const ShelterInput& in) {
  if (auto s = TextLength(in.name, 2, 200, "name"); !s) return s;
  if (!OneOf(in.kind, kShelterKinds))
    return Fail(Invalid("unknown_value", "Kolom kind harus own atau partner.",
                        "Field kind must be own or partner.", "kind"));
  if (in.capacity < 1 || in.capacity > 1000)
    return Fail(Invalid("invalid_number", "Kapasitas (capacity) harus 1–1000 tempat tidur.",
                        "Field capacity must be 1-1000 beds.", "capacity"));
  if (!OneOf(in.takes, kShelterTakes))
    return Fail(Invalid("unknown_value", "Kolom takes harus women, children atau both.",
                        "Field takes must be women, children or both.", "takes"));
  if (in.max_age && (*in.max_age < 0 || *in.max_age > 120))
    return Fail(Invalid("invalid_number", "Batas usia (max_age) harus 0–120.",
                        "Field max_age must be 0-120.", "max_age"));
  if (in.max_age && in.takes == "women" && *in.max_age < kChildAgeLimit)
    return Fail(Invalid("inconsistent", "Rumah aman untuk perempuan dewasa: max_age minimal 18.",
                        "A shelter for adult women needs max_age of at least 18.", "max_age"));
  if (auto s = TextLength(in.address, 5, 500, "address"); !s) return s;
  if (in.phone) {
    bool ok = in.phone->size() >= 5 && in.phone->size() <= 30 &&
              in.phone->find_first_not_of("0123456789 +-()") == std::string::npos;
    if (!ok)
      return Fail(Invalid("invalid_phone", "Nomor telepon: 5–30 angka, spasi, + - ( ).",
                          "A phone number has 5-30 digits, spaces, + - ( ).", "phone"));
  }
  return {};
}

Status CheckShelterTakes(std::string_view takes, std::optional<int> max_age, const Admittee& a) {
  auto refuse = [](std::string id, std::string en) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "shelter_does_not_take", std::move(id),
                          std::move(en), "shelter_id"));
  };
  if (!a.age) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "age_unknown",
                          "Usia klien belum tercatat (tanggal lahir atau usia): rumah aman "
                          "menerima menurut usia.",
                          "The client's age is not recorded (birth date or age): shelters take "
                          "people by age.",
                          "person_id"));
  }
  bool child = *a.age < kChildAgeLimit;
  if (child && takes == "women")
    return refuse("Rumah aman ini hanya menerima perempuan dewasa, bukan anak.",
                  "This shelter takes adult women only, not children.");
  if (!child && takes == "children")
    return refuse("Rumah aman ini hanya menerima anak.", "This shelter takes children only.");
  if (!child) {
    if (!a.sex)
      return Fail(MakeError(ErrorKind::kFailedPrecondition, "sex_unknown",
                            "Jenis kelamin klien belum tercatat.",
                            "The client's sex is not recorded.", "person_id"));
    if (*a.sex != "female")
      return refuse("Rumah aman ini menerima perempuan dan anak saja.",
                    "This shelter takes women and children only.");
  }
  if (max_age && *a.age > *max_age)
    return refuse("Usia klien melebihi batas usia rumah aman ini.",
                  "The client is older than this shelter's age limit.");
  return {};
}

Result<bool> CheckCapacity(int capacity, int occupied, bool head,
                           const std::optional<std::string>& override_reason) {
  if (occupied < capacity) return false;
  if (!override_reason) {
    return Fail(MakeError(ErrorKind::kConflict, "shelter_full",
                          "Rumah aman penuh. Kepala UPTD atau Kepala Dinas dapat tetap "
                          "menempatkan dengan alasan (override_reason).",
                          "The shelter is full. A unit or department head may still admit, "
                          "giving override_reason.",
                          "shelter_id"));
  }
  if (!head) {
    return Fail(MakeError(ErrorKind::kPermissionDenied, "head_required",
                          "Hanya Kepala UPTD atau Kepala Dinas yang dapat menempatkan melebihi "
                          "kapasitas.",
                          "Only a unit or department head may admit over capacity.",
                          "override_reason"));
  }
  return true;
}

Status ValidateAdmission(const AdmissionInput& in, std::chrono::year_month_day today) {
  if (in.shelter_id.empty())
    return Fail(Invalid("required", "Pilih rumah aman (shelter_id).",
                        "Choose the shelter (shelter_id).", "shelter_id"));
  if (in.person_id.empty())
    return Fail(Invalid("required", "Pilih klien yang ditempatkan (person_id).",
                        "Choose the client to admit (person_id).", "person_id"));
  if (in.admitted_on) {
    auto d = ParseDate(*in.admitted_on);
    if (!d)
      return Fail(Invalid("invalid_date", "Kolom admitted_on harus tanggal YYYY-MM-DD.",
                          "Field admitted_on must be a YYYY-MM-DD date.", "admitted_on"));
    if (std::chrono::sys_days{*d} > std::chrono::sys_days{today})
      return Fail(Invalid("date_in_future", "Tanggal penempatan tidak boleh di masa depan.",
                          "The admission date cannot be in the future.", "admitted_on"));
  }
  if (in.expected_days < 1 || in.expected_days > 365)
    return Fail(Invalid("invalid_number", "Perkiraan lama tinggal (expected_days) 1–365 hari.",
                        "Field expected_days must be 1-365 days.", "expected_days"));
  if (auto s = TextLength(in.reason, 5, 2000, "reason"); !s) return s;
  if (in.override_reason) {
    if (auto s = TextLength(*in.override_reason, 5, 2000, "override_reason"); !s) return s;
  }
  return {};
}

Status ValidateDischarge(const DischargeInput& in, std::chrono::year_month_day admitted_on,
                         std::chrono::year_month_day today) {
  auto d = ParseDate(in.discharged_on);
  if (!d)
    return Fail(Invalid("invalid_date", "Kolom discharged_on harus tanggal YYYY-MM-DD.",
                        "Field discharged_on must be a YYYY-MM-DD date.", "discharged_on"));
  if (std::chrono::sys_days{*d} > std::chrono::sys_days{today})
    return Fail(Invalid("date_in_future", "Tanggal keluar tidak boleh di masa depan.",
                        "The discharge date cannot be in the future.", "discharged_on"));
  if (std::chrono::sys_days{*d} < std::chrono::sys_days{admitted_on})
    return Fail(Invalid("before_admission", "Tanggal keluar sebelum tanggal penempatan.",
                        "The discharge date is before the admission.", "discharged_on"));
  if (!OneOf(in.reason, kDischargeReasons))
    return Fail(Invalid("unknown_value",
                        "Alasan keluar: returned_home, referred, moved_to_another_shelter, "
                        "left_on_own, independent_living atau other.",
                        "Field reason must be returned_home, referred, moved_to_another_shelter, "
                        "left_on_own, independent_living or other.",
                        "reason"));
  if (in.reason == "other" && !in.note)
    return Fail(Invalid("required", "Alasan other: jelaskan di note.", "Reason other needs a note.",
                        "note"));
  if (in.note) {
    if (auto s = TextLength(*in.note, 1, 2000, "note"); !s) return s;
  }
  return {};
}

}  // namespace lindungi
