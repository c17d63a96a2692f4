#include "core/case_work.h"
#include "core/termination.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/text.h"

namespace lindungi {
namespace {

#define LINDUNGI_TRY(expr)                \
  do {                                    \
    if (auto s_ = (expr); !s_) return s_; \
  } while (0)

template <std::size_t N>
bool OneOf(std::string_view v, const std::string_view (&allowed)[N]) {
  return std::find(std::begin(allowed), std::end(allowed), v) != std::end(allowed);
}

template <std::size_t N>
std::string ListOf(const std::string_view (&allowed)[N]) {
  std::string out;
  for (auto a : allowed) out += (out.empty() ? "" : ", ") + std::string(a);
  return out;
}

Error Invalid(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

template <std::size_t N>
Status Enum(const std::string& field, std::string_view v, const std::string_view (&allowed)[N]) {
  if (OneOf(v, allowed)) return {};
  return Fail(
      Invalid("invalid_value",
              fmt::format("Nilai kolom {} tidak dikenal; pilihan: {}.", field, ListOf(allowed)),
              fmt::format("Unknown value for {}; allowed: {}.", field, ListOf(allowed)), field));
}

// Text of `min`..`max` characters (code points), valid UTF-8, no control characters but
// line breaks where `multiline`.
Status Text(const std::string& field, const std::string& v, std::size_t min, std::size_t max,
            bool multiline = true) {
  if (v.find_first_not_of(" \t\r\n") == std::string::npos) {
    if (min == 0) return {};
    return Fail(Invalid("required", fmt::format("Kolom {} wajib diisi.", field),
                        fmt::format("Field {} is required.", field), field));
  }
  if (!IsValidUtf8(v))
    return Fail(Invalid("invalid_utf8", fmt::format("Kolom {} bukan teks UTF-8 yang sah.", field),
                        fmt::format("Field {} is not valid UTF-8 text.", field), field));
  std::size_t n = CodepointCount(v);
  if (n < min || n > max)
    return Fail(
        Invalid("invalid_length", fmt::format("Kolom {} harus {}–{} karakter.", field, min, max),
                fmt::format("Field {} must have {}-{} characters.", field, min, max), field));
  if (HasControlChars(v) || (!multiline && v.find_first_of("\r\n") != std::string::npos))
    return Fail(Invalid("control_characters",
                        fmt::format("Kolom {} berisi karakter kontrol.", field),
                        fmt::format("Field {} contains control characters.", field), field));
  return {};
}

Status Id(const std::string& field, const std::string& v) {
  bool ok = !v.empty() && v.size() <= 40 &&
            v.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
  if (ok) return {};
  return Fail(Invalid(
      "invalid_id", fmt::format("Kolom {} harus 1–40 huruf kecil, angka, _ atau -.", field),
      fmt::format("Field {} must be 1-40 lower-case letters, digits, _ or -.", field), field));
}

Result<std::chrono::year_month_day> Date(const std::string& field, const std::string& v) {
  if (auto d = ParseDate(v)) return *d;
  return Fail(Invalid("invalid_date",
                      fmt::format("Kolom {} harus tanggal yang sah (YYYY-MM-DD).", field),
                      fmt::format("Field {} must be a real date (YYYY-MM-DD).", field), field));
}

// The latest date anywhere on Earth now (a unit's "today" is never later).
std::chrono::sys_days LatestToday(Instant now) {
  return std::chrono::sys_days{LocalDate(now, std::chrono::hours(14))};
}

Status NotFuture(const std::string& field, std::chrono::year_month_day d, Instant now) {
  if (std::chrono::sys_days{d} <= LatestToday(now)) return {};
  return Fail(Invalid("date_in_future", fmt::format("Kolom {} tidak boleh di masa depan.", field),
                      fmt::format("Field {} must not be in the future.", field), field));
}

Status Count(const std::string& field, std::size_t n, std::size_t max) {
  if (n <= max) return {};
  return Fail(Invalid("too_many", fmt::format("Kolom {} berisi lebih dari {} butir.", field, max),
                      fmt::format("Field {} has more than {} items.", field, max), field));
}

std::string At(std::string_view list, std::size_t i, std::string_view field = {}) {
  return field.empty() ? fmt::format("{}[{}]", list, i) : fmt::format("{}[{}].{}", list, i, field);
}

}  // namespace

Status ValidatePlan(const PlanInput& in) {
  if (in.version < 0)
    return Fail(Invalid("invalid_number", "Versi rencana (version) tidak boleh negatif.",
                        "Field version must not be negative.", "version"));
  if (in.goals.empty())
    return Fail(Invalid("required", "Rencana intervensi memerlukan sedikitnya satu tujuan.",
                        "An intervention plan needs at least one goal.", "goals"));
  LINDUNGI_TRY(Count("goals", in.goals.size(), kMaxGoals));
  LINDUNGI_TRY(Count("services", in.services.size(), kMaxServices));
  std::set<std::string> goal_ids, service_ids;
  for (std::size_t i = 0; i < in.goals.size(); ++i) {
    const auto& g = in.goals[i];
    LINDUNGI_TRY(Id(At("goals", i, "id"), g.id));
    if (!goal_ids.insert(g.id).second)
      return Fail(Invalid("duplicate_id", "Dua tujuan memakai id yang sama.",
                          "Two goals have the same id.", At("goals", i, "id")));
    LINDUNGI_TRY(Text(At("goals", i, "text"), g.text, 3, 2000));
  }
  for (std::size_t i = 0; i < in.services.size(); ++i) {
    const auto& s = in.services[i];
    LINDUNGI_TRY(Id(At("services", i, "id"), s.id));
    if (!service_ids.insert(s.id).second)
      return Fail(Invalid("duplicate_id", "Dua layanan memakai id yang sama.",
                          "Two services have the same id.", At("services", i, "id")));
    LINDUNGI_TRY(Enum(At("services", i, "type"), s.type, kPlanServiceTypes));
    LINDUNGI_TRY(Enum(At("services", i, "provider"), s.provider, kProviderKinds));
    if ((s.provider == "partner") != s.partner_id.has_value())
      return Fail(Invalid("partner_id_mismatch",
                          "partner_id diisi tepat bila penyedia layanan adalah mitra (partner).",
                          "partner_id is given exactly when the provider is a partner.",
                          At("services", i, "partner_id")));
    LINDUNGI_TRY(Enum(At("services", i, "status"), s.status, kServiceStatuses));
    auto start = Date(At("services", i, "start"), s.start);
    if (!start) return Fail(start.error());
    if (s.end) {
      auto end = Date(At("services", i, "end"), *s.end);
      if (!end) return Fail(end.error());
      if (std::chrono::sys_days{*end} < std::chrono::sys_days{*start})
        return Fail(Invalid(
            "end_before_start", "Tanggal selesai layanan tidak boleh sebelum tanggal mulai.",
            "A service's end date must not be before its start date.", At("services", i, "end")));
    }
    if (s.note) LINDUNGI_TRY(Text(At("services", i, "note"), *s.note, 0, 2000));
  }
  return {};
}

Status CheckServiceTransition(std::string_view from, std::string_view to,
                              const std::string& field) {
  if (from == to) return {};
  bool ok = (from == "planned" && (to == "in_progress" || to == "done" || to == "cancelled")) ||
            (from == "in_progress" && (to == "done" || to == "cancelled"));
  if (ok) return {};
  return Fail(MakeError(
      ErrorKind::kFailedPrecondition, "invalid_service_transition",
      fmt::format("Status layanan tidak dapat berubah dari {} ke {} (selesai dan batal bersifat "
                  "final; tidak kembali ke tahap sebelumnya).",
                  from, to),
      fmt::format("A service's status cannot go from {} to {} (done and cancelled are final; "
                  "no going back).",
                  from, to),
      field));
}

Status CheckPlanProgress(const std::vector<ServiceState>& before, const PlanInput& after) {
  for (const auto& old : before) {
    auto it = std::find_if(after.services.begin(), after.services.end(),
                           [&](const PlannedService& s) { return s.id == old.id; });
    if (it == after.services.end()) {
      if (old.status == "in_progress" || old.status == "done")
        return Fail(MakeError(ErrorKind::kFailedPrecondition, "service_removed",
                              "Layanan yang sedang berjalan atau selesai tidak dapat dihapus dari "
                              "rencana; batalkan (cancelled) bila tidak dilanjutkan.",
                              "A service in progress or done cannot be removed from the plan; "
                              "cancel it if it does not go on.",
                              "services"));
      continue;
    }
    LINDUNGI_TRY(
        CheckServiceTransition(old.status, it->status,
                               At("services", std::size_t(it - after.services.begin()), "status")));
  }
  return {};
}

// A date or RFC 3339 time, not in the future.
Status PastMoment(const std::string& field, const std::string& v, Instant now) {
  if (auto t = ParseInstant(v)) {
    if (*t > now + std::chrono::minutes(5))
      return Fail(Invalid("date_in_future",
                          fmt::format("Kolom {} tidak boleh di masa depan.", field),
                          fmt::format("Field {} must not be in the future.", field), field));
  } else if (auto d = ParseDate(v)) {
    LINDUNGI_TRY(NotFuture(field, *d, now));
  } else {
    return Fail(Invalid(
        "invalid_date",
        fmt::format("Kolom {} harus tanggal (YYYY-MM-DD) atau waktu RFC 3339.", field),
        fmt::format("Field {} must be a date (YYYY-MM-DD) or an RFC 3339 time.", field), field));
  }
  return {};
}

Status ValidateReporterInformed(const ReporterInformed& in, Instant now) {
  LINDUNGI_TRY(Enum("informed.method", in.method, kInformMethods));
  return PastMoment("informed.at", in.at, now);
}

Status ValidateMeeting(const MeetingInput& in, Instant now) {
  LINDUNGI_TRY(Enum("kind", in.kind, kMeetingKinds));
  LINDUNGI_TRY(PastMoment("held_at", in.held_at, now));
  LINDUNGI_TRY(Text("place", in.place, 2, 300, false));
  LINDUNGI_TRY(Count("staff", in.staff.size(), kMaxListItems));
  LINDUNGI_TRY(Count("partners", in.partners.size(), kMaxListItems));
  LINDUNGI_TRY(Count("family", in.family.size(), kMaxListItems));
  LINDUNGI_TRY(Count("others", in.others.size(), kMaxListItems));
  LINDUNGI_TRY(Count("decisions", in.decisions.size(), kMaxListItems));
  LINDUNGI_TRY(Count("follow_ups", in.follow_ups.size(), kMaxListItems));
  if (in.staff.empty() && in.partners.empty() && in.family.empty() && in.others.empty())
    return Fail(Invalid("no_participants", "Pertemuan memerlukan sedikitnya satu peserta.",
                        "A meeting needs at least one participant.", "participants"));
  if (in.kind == "family_meeting" && in.family.empty())
    return Fail(Invalid(
        "family_required", "Pertemuan keluarga memerlukan sedikitnya satu anggota keluarga.",
        "A family meeting needs at least one family member.", "participants.family"));
  for (std::size_t i = 0; i < in.family.size(); ++i)
    LINDUNGI_TRY(Text(At("participants.family", i, "role"), in.family[i].role, 2, 100, false));
  for (std::size_t i = 0; i < in.others.size(); ++i)
    LINDUNGI_TRY(Text(At("participants.others", i), in.others[i], 2, 200, false));
  LINDUNGI_TRY(Text("agenda", in.agenda, 3, 4000));
  for (std::size_t i = 0; i < in.decisions.size(); ++i)
    LINDUNGI_TRY(Text(At("decisions", i), in.decisions[i], 2, 2000));
  for (std::size_t i = 0; i < in.follow_ups.size(); ++i)
    LINDUNGI_TRY(Text(At("follow_ups", i), in.follow_ups[i], 2, 2000));
  return {};
}

Status ValidateMonitoring(const MonitoringInput& in, const std::vector<std::string>& plan_goals,
                          Instant now) {
  auto date = Date("date", in.date);
  if (!date) return Fail(date.error());
  LINDUNGI_TRY(NotFuture("date", *date, now));
  LINDUNGI_TRY(Enum("method", in.method, kMonitoringMethods));
  LINDUNGI_TRY(Text("client_condition", in.client_condition, 3, 4000));
  LINDUNGI_TRY(Count("progress", in.progress.size(), kMaxGoals));
  std::set<std::string> seen;
  for (std::size_t i = 0; i < in.progress.size(); ++i) {
    const auto& g = in.progress[i];
    if (std::find(plan_goals.begin(), plan_goals.end(), g.goal_id) == plan_goals.end())
      return Fail(MakeError(ErrorKind::kFailedPrecondition, "unknown_goal",
                            "Tujuan itu tidak ada dalam rencana intervensi kasus ini.",
                            "That goal is not in this case's intervention plan.",
                            At("progress", i, "goal_id")));
    if (!seen.insert(g.goal_id).second)
      return Fail(Invalid("duplicate_goal", "Satu tujuan dinilai dua kali.",
                          "A goal is assessed twice.", At("progress", i, "goal_id")));
    LINDUNGI_TRY(Enum(At("progress", i, "status"), g.status, kGoalProgress));
    if (g.note) LINDUNGI_TRY(Text(At("progress", i, "note"), *g.note, 0, 2000));
  }
  if (in.next_date) {
    auto next = Date("next_date", *in.next_date);
    if (!next) return Fail(next.error());
    if (std::chrono::sys_days{*next} <= std::chrono::sys_days{*date})
      return Fail(Invalid("next_date_not_after",
                          "Tanggal pemantauan berikutnya harus sesudah tanggal catatan ini.",
                          "The next monitoring date must be after this note's date.", "next_date"));
  }
  if (in.notes) LINDUNGI_TRY(Text("notes", *in.notes, 0, 8000));
  return {};
}

bool IsUnilateralReason(std::string_view reason) {
  return OneOf(reason, kUnilateralReasons);
}

Status ValidateTermination(const TerminationInput& in, std::string_view form_kind,
                           std::string_view form_reason) {
  LINDUNGI_TRY(Enum("kind", in.kind, kTerminationKinds));
  if (in.kind == "unilateral") {
    if (!in.reason)
      return Fail(Invalid("reason_required",
                          "Pengakhiran sepihak memerlukan alasan (reason): died, missing atau "
                          "refuses.",
                          "A unilateral termination needs a reason: died, missing or refuses.",
                          "reason"));
    LINDUNGI_TRY(Enum("reason", *in.reason, kUnilateralReasons));
  } else if (in.reason) {
    return Fail(Invalid("reason_not_applicable",
                        "Alasan (reason) hanya untuk pengakhiran sepihak; dasar terminasi normal "
                        "diisi pada formulir (alasan).",
                        "A reason is for a unilateral termination only; the grounds of a normal "
                        "one are the form's alasan.",
                        "reason"));
  }
  std::string_view expected = in.kind == "normal" ? "agreed" : "unilateral";
  if (form_kind != expected)
    return Fail(Invalid(
        "form_kind_mismatch",
        fmt::format("Formulir terminasi: jenis harus {} untuk terminasi {}.", expected, in.kind),
        fmt::format("The termination form's jenis must be {} for a {} "
                    "termination.",
                    expected, in.kind),
        "form.jenis"));
  if (in.kind == "unilateral" && form_reason != *in.reason)
    return Fail(Invalid("form_reason_mismatch",
                        "Formulir terminasi: alasan_sepihak harus sama dengan reason.",
                        "The termination form's alasan_sepihak must be the same as reason.",
                        "form.alasan_sepihak"));
  LINDUNGI_TRY(Text("summary", in.summary, 5, 8000));
  return {};
}

Status CheckTerminationBlockers(int open_stays, int pending_referrals) {
  if (open_stays > 0)
    return Fail(MakeError(ErrorKind::kConflict, "shelter_stay_open",
                          "Klien kasus ini masih tinggal di rumah aman: catat keluarnya "
                          "sebelum terminasi.",
                          "A client of this case is still in a shelter: record the discharge "
                          "before termination.",
                          "shelter_stays"));
  if (pending_referrals > 0)
    return Fail(MakeError(ErrorKind::kConflict, "referral_pending",
                          "Rujukan kasus ini belum dijawab mitra: tunggu jawabannya sebelum "
                          "terminasi.",
                          "A referral of this case is not answered by the partner yet: wait "
                          "for the answer before termination.",
                          "referrals"));
  return {};
}

Status CheckCaseOpenForWork(std::string_view status) {
  if (status != "closed") return {};
  return Fail(MakeError(ErrorKind::kConflict, "case_closed",
                        "Kasus ini sudah ditutup (terminasi); buka kembali kasus "
                        "(POST /api/v1/cases/{id}/reopen) untuk mengubahnya.",
                        "This case is closed (terminated); reopen it "
                        "(POST /api/v1/cases/{id}/reopen) to change it."));
}

Status CheckStatusChange(std::string_view to) {
  if (to != "closed") return {};
  return Fail(MakeError(ErrorKind::kFailedPrecondition, "use_termination",
                        "Kasus ditutup melalui terminasi (POST /api/v1/cases/{id}/termination), "
                        "bukan dengan mengubah status.",
                        "A case is closed by termination (POST /api/v1/cases/{id}/termination), "
                        "not by changing its status.",
                        "status"));
}

Status CheckReopen(std::string_view status, const std::string& reason) {
  if (status != "closed")
    return Fail(MakeError(ErrorKind::kConflict, "case_not_closed",
                          "Hanya kasus yang sudah ditutup yang dapat dibuka kembali.",
                          "Only a closed case can be reopened."));
  return Text("reason", reason, 5, 2000);
}

Status CheckCaseWorkLead(bool case_manager, bool supervisor) {
  if (case_manager || supervisor) return {};
  return Fail(MakeError(ErrorKind::kPermissionDenied, "case_manager_required",
                        "Hanya manajer kasus atau atasan (kepala seksi, kepala UPTD, kepala "
                        "dinas) yang dapat mengakhiri atau membuka kembali kasus.",
                        "Only a case manager or a supervisor (section, unit or department head) "
                        "may terminate or reopen a case."));
}

Status CheckTerminationConference(bool required, bool held,
                                  const std::optional<std::string>& waiver, bool head) {
  if (waiver) {
    if (!required || held)
      return Fail(MakeError(ErrorKind::kInvalidArgument, "nothing_to_waive",
                            "Konferensi kasus tidak diwajibkan atau sudah dicatat; tidak ada yang "
                            "dikecualikan.",
                            "No case conference is required or one is recorded; there is "
                            "nothing to waive.",
                            "conference_waiver"));
    if (!head)
      return Fail(MakeError(ErrorKind::kPermissionDenied, "head_required",
                            "Hanya kepala unit atau kepala dinas yang dapat mengakhiri kasus "
                            "tanpa konferensi kasus.",
                            "Only a unit or department head may terminate without a case "
                            "conference.",
                            "conference_waiver"));
    return Text("conference_waiver", *waiver, 5, 2000);
  }
  if (required && !held)
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "case_conference_required",
                          "Terminasi kasus ini memerlukan konferensi kasus yang dicatat "
                          "(POST /cases/{id}/meetings, kind case_conference) atau pengecualian "
                          "kepala unit dengan alasan.",
                          "Terminating this case needs a recorded case conference (POST "
                          "/cases/{id}/meetings, kind case_conference) or a head's waiver with "
                          "a reason.",
                          "conference_waiver"));
  return {};
}

}  // namespace lindungi
