// Letters from a case (docs/letters.md "The service"). The templates are pure
// (report/letter_templates.h); this file authorizes, fills their inputs from the case record
// and the request, numbers the letter in the unit's register, renders and files it.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <variant>

#include "core/case_work.h"
#include "core/roles.h"
#include "core/time_zone.h"
#include "report/indonesian_date.h"
#include "report/letter_pdf.h"
#include "report/sample_letters.h"
#include "security/random.h"
#include "service/administration.h"
#include "service/document_service.h"
#include "service/letter_service.h"
#include "service/person_age.h"
#include "store/case_work_store.h"
#include "store/document_store.h"
#include "store/event_log.h"
#include "store/queries.h"
#include "store/transfer_store.h"

namespace lindungi {
namespace json = boost::json;
using report::LetterKind;
using std::chrono::year_month_day;
namespace {

Error FieldRequired(const std::string& field) {
  return MakeError(ErrorKind::kInvalidArgument, "letter_field_required",
                   fmt::format("Kolom {} wajib diisi untuk surat ini.", field),
                   fmt::format("Field {} is required for this letter.", field), field);
}

Error BadDate(const std::string& field) {
  return MakeError(ErrorKind::kInvalidArgument, "invalid_date",
                   fmt::format("Kolom {} harus tanggal (YYYY-MM-DD).", field),
                   fmt::format("Field {} must be a date (YYYY-MM-DD).", field), field);
}

Error RecordNotFound(const std::string& code, const std::string& field) {
  return MakeError(ErrorKind::kNotFound, code, "Catatan itu tidak ada pada kasus ini.",
                   "That record is not on this case.", field);
}

Error UnitNotFound() {
  return MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit tidak ditemukan.",
                   "Unit not found.", "unit");
}

Result<std::optional<year_month_day>> OptDate(const std::optional<std::string>& text,
                                              const std::string& field) {
  if (!text) return std::optional<year_month_day>();
  auto d = ParseDate(*text);
  if (!d) return Fail(BadDate(field));
  return std::optional<year_month_day>(*d);
}

report::Officer OfficerOf(const LetterOfficer& o) {
  return {o.name, o.nip, o.rank, o.position};
}

// The caller as the officer who signs for the unit, with what the request adds (NIP, rank,
// a position of their own).
report::Officer CallerOfficer(const Principal& p, const std::string& unit_id,
                              const std::optional<LetterOfficer>& given) {
  report::Officer o{p.display_name, "", "", ""};
  // The most specific role first: a case manager signs as one even if also a case worker.
  for (const char* role :
       {"case_manager", "mediator", "psychologist", "lawyer", "social_worker", "case_worker",
        "section_head", "unit_head", "department_head", "intake_officer", "admin_officer"})
    if (p.HasRoleIn(unit_id, role)) {
      o.position = std::string(StaffRoleTitle(role));
      break;
    }
  if (given) {
    if (!given->name.empty()) o.name = given->name;
    o.nip = given->nip;
    o.rank = given->rank;
    if (!given->position.empty()) o.position = given->position;
  }
  return o;
}

std::string LabelOf(const std::vector<Category>& list, const std::string& id) {
  for (const auto& c : list)
    if (c.id == id) return c.label;
  return id;
}

// A guardian's relation as letters word it: its label in guardian_relations ("Kakek/Nenek",
// "Wali yang ditetapkan pengadilan"); "Wali" for any other.
std::string RelationWording(const Classification& cls, const std::string& rel) {
  if (rel == "other" || !cls.Has("guardian_relations", rel)) return "Wali";
  return LabelOf(cls.guardian_relations, rel);
}

std::string Text(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// A record's JSON with its sealed values opened (null where a key was destroyed).
json::object Opened(store::SqlConn& c, const Vault& vault, const std::string& data) {
  json::value v = json::parse(data);
  vault.DecryptTree(c, v);
  return v.is_object() ? v.as_object() : json::object();
}

// A person's details as letters print them, from their (opened) record, aged on `on`.
report::PersonDetails PersonFrom(const json::object& o, const Classification& cls,
                                 year_month_day on) {
  report::PersonDetails d;
  d.name = Text(o, "name");
  d.sex = Text(o, "sex");
  d.address = Text(o, "address");
  if (auto occ = Text(o, "occupation"); !occ.empty()) d.occupation = LabelOf(cls.occupations, occ);
  if (auto b = ParseDate(Text(o, "birth_date"))) d.birth = report::FormatIndonesianDate(*b);
  // The record's own recording time is not at hand here: the stated age is taken as of `on`.
  if (auto age = RecordedAgeOn(o, "", on)) d.age_years = *age;
  return d;
}

report::PersonDetails PartyOf(const LetterParty& p) {
  report::PersonDetails d;
  d.name = p.name;
  d.sex = p.sex;
  d.age_years = p.age_years;
  d.occupation = p.occupation;
  d.address = p.address;
  return d;
}

std::string Joined(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

// What each consent scope lets the unit do, as the statement words it.
std::string ScopeText(std::string_view scope) {
  if (scope == "services") return "menerima layanan perlindungan dan pendampingan UPTD PPA";
  if (scope == "referral") return "dirujuk kepada lembaga layanan mitra sesuai kebutuhan";
  if (scope == "data_sharing") return "berbagi data kasus dengan lembaga yang disebut di bawah ini";
  if (scope == "outreach") return "penjangkauan dan kunjungan rumah oleh petugas";
  if (scope == "mediation") return "mengikuti proses mediasi";
  if (scope == "termination") return "pengakhiran layanan";
  return std::string(scope);
}

using LetterInput =
    std::variant<report::AssignmentInput, report::ReferralInput, report::HandoverInput,
                 report::ConsentInput, report::MediationAgreementInput, report::TerminationInput,
                 report::OutreachReportInput, report::TravelOrderInput>;

report::Letter MakeLetter(const report::AssignmentInput& in) {
  return AssignmentLetter(in);
}
report::Letter MakeLetter(const report::ReferralInput& in) {
  return ReferralLetter(in);
}
report::Letter MakeLetter(const report::HandoverInput& in) {
  return HandoverMinutes(in);
}
report::Letter MakeLetter(const report::ConsentInput& in) {
  return ConsentStatement(in);
}
report::Letter MakeLetter(const report::MediationAgreementInput& in) {
  return MediationAgreement(in);
}
report::Letter MakeLetter(const report::TerminationInput& in) {
  return TerminationForm(in);
}
report::Letter MakeLetter(const report::OutreachReportInput& in) {
  return OutreachReport(in);
}
report::Letter MakeLetter(const report::TravelOrderInput& in) {
  return TravelOrder(in);
}

// The form an outreach plan is filed on (forms/rencana-penjangkauan.yaml); the travel
// documents read its fields.
constexpr std::string_view kPlanForm = "rencana-penjangkauan";

// What the head approved of an outreach plan: the values of its DocumentApproved (the latest
// approval of that document on the case), never the plan as it stands now.
struct ApprovedPlan {
  json::object values;  // the coded values as approved (the sealed ones are not used)
  json::object totals;  // "biaya.jumlah" -> the approved total
  std::int64_t document_version = 0;
  std::string approved_at;  // RFC 3339
};

// kNotFound "document_not_found" unless `document_id` is a filed plan of the case;
// kFailedPrecondition "plan_not_approved" while it has no approval.
Result<ApprovedPlan> ApprovedPlanOf(store::SqlConn& c, const std::string& case_id,
                                    const std::string& document_id) {
  auto d = store::FindDocument(c, document_id);
  if (!d || d->case_id != case_id || d->source != "form" || d->form_id != kPlanForm)
    return Fail(RecordNotFound("document_not_found", "plan_document_id"));
  std::optional<ApprovedPlan> found;
  for (const auto& e : store::ReadStream(c, store::CaseStream(case_id))) {
    if (e.type != "DocumentApproved") continue;
    json::value p = json::parse(e.payload);
    if (!p.is_object() || Text(p.as_object(), "document_id") != document_id) continue;
    ApprovedPlan a;
    if (auto* v = p.as_object().if_contains("values"); v && v->is_object())
      a.values = v->as_object();
    if (auto* t = p.as_object().if_contains("totals"); t && t->is_object())
      a.totals = t->as_object();
    if (auto* v = p.as_object().if_contains("document_version"); v && v->is_int64())
      a.document_version = v->as_int64();
    a.approved_at = e.at;
    found = std::move(a);
  }
  if (!found)
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "plan_not_approved",
                          "Rencana penjangkauan ini belum disetujui Kepala UPTD PPA: surat "
                          "perjalanan dibuat dari rencana yang sudah disetujui.",
                          "This outreach plan has not been approved by the unit head yet: travel "
                          "documents are written from an approved plan.",
                          "plan_document_id"));
  return *found;
}

// The label (Bahasa Indonesia) of option `value` of a field or column, or the value.
std::string OptionLabel(const forms::Field* f, const std::string& value) {
  if (f)
    for (const auto& o : f->options)
      if (o.value == value) return o.label.id;
  return value;
}

// The officers of a plan's `petugas` table, in order.
std::vector<report::Officer> PlanOfficers(const json::object& values) {
  std::vector<report::Officer> out;
  if (auto* t = values.if_contains("petugas"); t && t->is_array())
    for (const auto& row : t->as_array())
      if (row.is_object())
        out.push_back({Text(row.as_object(), "nama"), Text(row.as_object(), "nip"),
                       Text(row.as_object(), "pangkat"), Text(row.as_object(), "jabatan")});
  return out;
}

// A unit's issuing details: its settings, or what the unit record gives ("-" for the head,
// no place).
report::IssuingUnit IssuingUnitOf(const store::UnitRecord& u, const LetterSettings& s,
                                  bool configured) {
  report::IssuingUnit out;
  out.letterhead.authority_lines = s.authority;
  out.letterhead.unit_name = configured ? s.name : u.name;
  if (!s.address.empty()) out.letterhead.contact_lines.push_back(s.address);
  std::vector<std::string> contact;
  if (!s.phone.empty()) contact.push_back("Telepon " + s.phone);
  if (!s.email.empty()) contact.push_back("Pos-el " + s.email);
  if (!contact.empty()) out.letterhead.contact_lines.push_back(Joined(contact, ", "));
  out.name = u.name;
  out.place = configured ? s.city : "";  // unset: dated without a place
  out.head = s.head;
  if (out.head.name.empty()) out.head.name = "-";
  if (out.head.nip.empty()) out.head.nip = "-";
  if (out.head.position.empty()) out.head.position = "Kepala " + u.name;
  return out;
}

// The settings of `unit` (`configured` false: the defaults).
LetterSettings SettingsOf(store::SqlConn& c, const store::UnitRecord& u, bool& configured) {
  auto stored = store::FindUnitLetterSettings(c, u.id);
  configured = stored.has_value();
  if (stored) return LetterSettingsFromJson(json::parse(*stored).as_object());
  LetterSettings s;
  s.name = u.name;
  return s;
}

// The letter document (source "letter") of case `case_id` with id `document_id`, and its
// `letter` object; nullopt if there is none.
std::optional<std::pair<store::DocumentRecord, json::object>> LetterDocument(
    store::SqlConn& c, const std::string& case_id, const std::string& document_id) {
  auto d = store::FindDocument(c, document_id);
  if (!d || d->case_id != case_id || d->source != "letter") return std::nullopt;
  json::value data = json::parse(d->data);
  auto* l = data.as_object().if_contains("letter");
  if (!l || !l->is_object()) return std::nullopt;
  return std::pair{*d, l->as_object()};
}

}  // namespace

Status ValidateLetterSettings(const LetterSettings& s) {
  auto required = [](const std::string& v, const char* field) -> Status {
    if (v.empty())
      return Fail(MakeError(ErrorKind::kInvalidArgument, "letter_setting_required",
                            fmt::format("Pengaturan {} wajib diisi.", field),
                            fmt::format("Setting {} is required.", field), field));
    if (v.size() > 300)
      return Fail(MakeError(ErrorKind::kInvalidArgument, "letter_setting_too_long",
                            fmt::format("Pengaturan {} terlalu panjang (maks. 300).", field),
                            fmt::format("Setting {} is too long (at most 300).", field), field));
    return {};
  };
  if (s.authority.empty() || s.authority.size() > 4)
    return Fail(MakeError(ErrorKind::kInvalidArgument, "letter_setting_required",
                          "Baris instansi (authority) 1–4 baris.",
                          "The authority lines: 1 to 4 lines.", "authority"));
  for (const auto& line : s.authority)
    if (auto st = required(line, "authority"); !st) return st;
  for (auto [v, f] : {std::pair{&s.name, "name"},
                      {&s.address, "address"},
                      {&s.city, "city"},
                      {&s.head.name, "head.name"},
                      {&s.head.nip, "head.nip"}})
    if (auto st = required(*v, f); !st) return st;
  for (auto [v, f] : {std::pair{&s.phone, "phone"},
                      {&s.email, "email"},
                      {&s.head.rank, "head.rank"},
                      {&s.head.position, "head.position"},
                      {&s.agenda.classification, "agenda.classification"},
                      {&s.agenda.unit_code, "agenda.unit_code"}})
    if (!v->empty())
      if (auto st = required(*v, f); !st) return st;
  if (auto st = report::ValidateAgendaPattern(s.agenda.pattern); !st) {
    Error e = st.error();
    e.field = "agenda.pattern";
    return Fail(e);
  }
  return {};
}

json::object LetterSettingsJson(const LetterSettings& s) {
  json::array authority;
  for (const auto& a : s.authority) authority.emplace_back(a);
  return json::object{{"authority", std::move(authority)},
                      {"name", s.name},
                      {"address", s.address},
                      {"phone", s.phone},
                      {"email", s.email},
                      {"city", s.city},
                      {"head",
                       {{"name", s.head.name},
                        {"nip", s.head.nip},
                        {"rank", s.head.rank},
                        {"position", s.head.position}}},
                      {"agenda",
                       {{"pattern", s.agenda.pattern},
                        {"classification", s.agenda.classification},
                        {"unit_code", s.agenda.unit_code}}}};
}

LetterSettings LetterSettingsFromJson(const json::object& o) {
  LetterSettings s;
  if (auto* a = o.if_contains("authority"); a && a->is_array())
    for (const auto& v : a->as_array())
      if (v.is_string()) s.authority.emplace_back(v.as_string());
  s.name = Text(o, "name");
  s.address = Text(o, "address");
  s.phone = Text(o, "phone");
  s.email = Text(o, "email");
  s.city = Text(o, "city");
  if (auto* h = o.if_contains("head"); h && h->is_object()) {
    const auto& ho = h->as_object();
    s.head = {Text(ho, "name"), Text(ho, "nip"), Text(ho, "rank"), Text(ho, "position")};
  }
  if (auto* a = o.if_contains("agenda"); a && a->is_object()) {
    const auto& ao = a->as_object();
    if (auto p = Text(ao, "pattern"); !p.empty()) s.agenda.pattern = p;
    if (auto c = Text(ao, "classification"); !c.empty()) s.agenda.classification = c;
    if (auto u = Text(ao, "unit_code"); !u.empty()) s.agenda.unit_code = u;
  }
  return s;
}

Status SetUnitLetterSettings(store::Database& db, const Clock& clock, const std::string& unit_code,
                             const LetterSettings& s) {
  if (auto st = ValidateLetterSettings(s); !st) return st;
  auto w = db.Write([&](store::SqlConn& c) -> Status {
    auto u = store::FindUnitByCode(c, unit_code);
    if (!u) return Fail(UnitNotFound());
    auto a = store::AppendEvents(c, store::UnitStream(u->id), store::ExpectedVersion::Any(),
                                 {{"UnitLetterheadSet", {{"settings", LetterSettingsJson(s)}}}},
                                 std::string(kSystemActor), FormatInstant(clock.Now()));
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

const std::vector<std::string>& LetterDocumentKinds(LetterKind kind) {
  // The packs' documents (sops/*/documents.yaml) each letter is.
  static const std::vector<std::string> kAssignment = {"surat-tugas"};
  static const std::vector<std::string> kReferral = {"surat-rujukan", "surat-pengantar-rujukan"};
  static const std::vector<std::string> kHandover = {"bap", "surat-serah-terima-kasus"};
  static const std::vector<std::string> kConsent = {"surat-pernyataan-persetujuan-pelayanan",
                                                    "form-informed-consent", "form-persetujuan",
                                                    "form-08"};
  static const std::vector<std::string> kMediation = {"surat-perjanjian"};
  static const std::vector<std::string> kTermination = {"form-terminasi", "form-18"};
  static const std::vector<std::string> kOutreach = {"laporan-penjangkauan"};
  static const std::vector<std::string> kTravelOrder = {"sppd"};
  switch (kind) {
    case LetterKind::kAssignment:
      return kAssignment;
    case LetterKind::kReferral:
      return kReferral;
    case LetterKind::kHandoverMinutes:
      return kHandover;
    case LetterKind::kConsentStatement:
      return kConsent;
    case LetterKind::kMediationAgreement:
      return kMediation;
    case LetterKind::kTermination:
      return kTermination;
    case LetterKind::kOutreachReport:
      return kOutreach;
    case LetterKind::kTravelOrder:
      return kTravelOrder;
  }
  return kAssignment;
}

LetterService::LetterService(store::Database& db, const Clock& clock, const Vault& vault,
                             const SopCatalog& sops, const forms::FormSet& forms)
    : db_(db), clock_(clock), vault_(vault), sops_(sops), forms_(forms) {}

Result<json::value> LetterService::GetSettings(const Principal& p, const std::string& unit_id) {
  if (p.ReachIn(unit_id) == UnitReach::kNone) return Fail(UnitNotFound());
  std::optional<json::value> out;
  db_.Read([&](store::SqlConn& c) {
    auto u = store::FindUnit(c, unit_id);
    if (!u) return;
    bool configured = false;
    LetterSettings s = SettingsOf(c, *u, configured);
    json::object o = LetterSettingsJson(s);
    o["unit_id"] = u->id;
    o["configured"] = configured;
    out = std::move(o);
  });
  if (!out) return Fail(UnitNotFound());
  return *out;
}

Result<WriteReply> LetterService::SetSettings(const Principal& p, const std::string& unit_id,
                                              const LetterSettings& s,
                                              const std::optional<Idempotency>& idem) {
  if (auto st = CheckAdministers(p, unit_id); !st) return Fail(st.error());
  if (auto st = ValidateLetterSettings(s); !st) return Fail(st.error());
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto u = store::FindUnit(c, unit_id);
        if (!u) return Fail(UnitNotFound());
        auto a = store::AppendEvents(c, store::UnitStream(unit_id), store::ExpectedVersion::Any(),
                                     {{"UnitLetterheadSet", {{"settings", LetterSettingsJson(s)}}}},
                                     p.user_id, FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        json::object o = LetterSettingsJson(s);
        o["unit_id"] = unit_id;
        o["configured"] = true;
        return WriteReply{200, std::move(o)};
      });
}

Result<std::string> LetterService::PreviewPdf(const std::string& unit_id) {
  std::optional<report::AssignmentInput> in;
  std::optional<Error> error;
  db_.Read([&](store::SqlConn& c) {
    auto u = store::FindUnit(c, unit_id);
    if (!u) return;
    bool configured = false;
    LetterSettings settings = SettingsOf(c, *u, configured);
    report::AssignmentInput sample = report::SampleAssignment();
    sample.common.unit = IssuingUnitOf(*u, settings, configured);
    sample.common.date = LocalDate(clock_.Now(), UtcOffsetOrWib(u->time_zone));
    sample.common.case_number =
        "PPA-" + u->code + "/" + std::to_string(int(sample.common.date.year())) + "/00001";
    auto number = report::FormatAgendaNumber(settings.agenda, 1, sample.common.date);
    if (!number) {
      error = number.error();
      return;
    }
    sample.common.agenda_number = *number;
    in = std::move(sample);
  });
  if (error) return Fail(*error);
  if (!in) return Fail(UnitNotFound());
  auto pdf = report::RenderLetterPdf(report::AssignmentLetter(*in));
  if (!pdf) return Fail(pdf.error());
  return *pdf;
}

Result<WriteReply> LetterService::Create(const Principal& p, const std::string& case_id,
                                         const LetterRequest& in,
                                         const std::optional<Idempotency>& idem) {
  auto kind = report::LetterKindFromId(in.kind);
  if (!kind)
    return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_letter_kind",
                          "Jenis surat tidak dikenal.", "Unknown letter kind.", "kind"));
  auto date_given = OptDate(in.date, "date");
  if (!date_given) return Fail(date_given.error());
  const Classification& cls = sops_.classification();
  std::string document_id = security::RandomUuid();
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto k = store::FindCase(c, case_id);
        if (!k || !CaseVisibleTo(c, p, *k)) return Fail(CaseNotFound());
        // A closed case takes no letters, but the termination form of its termination
        // (printed for the file once the termination is recorded).
        if (!(*kind == LetterKind::kTermination && in.termination_id))
          if (auto s = CheckCaseOpenForWork(k->status); !s) return Fail(s.error());
        auto unit = store::FindUnit(c, k->unit_id);
        if (!unit) return Fail(CaseNotFound());
        bool configured = false;
        LetterSettings settings = SettingsOf(c, *unit, configured);
        const Instant now = clock_.Now();
        const year_month_day today = LocalDate(now, UtcOffsetOrWib(unit->time_zone));
        year_month_day date = date_given->value_or(today);

        report::LetterCommon common;
        common.unit = IssuingUnitOf(*unit, settings, configured);
        common.date = date;
        common.case_number = k->number;
        const report::Officer officer = CallerOfficer(p, k->unit_id, in.officer);

        json::object kase = Opened(c, vault_, k->data);
        json::object client_record;
        std::string client_id;
        if (auto* cl = kase.if_contains("client"); cl && cl->is_object()) {
          client_record = cl->as_object();
          client_id = Text(client_record, "person_id");
        }
        // A person of the case, opened, by id (field: the request's field naming it).
        auto person =
            [&](const std::string& id,
                const std::string& field) -> Result<std::pair<json::object, std::string>> {
          auto r = store::FindCasePerson(c, id);
          if (!r || r->case_id != case_id) return Fail(RecordNotFound("person_not_found", field));
          return std::pair{Opened(c, vault_, r->data), r->role};
        };
        auto party = [&](const LetterParty& lp,
                         const std::string& field) -> Result<report::PersonDetails> {
          if (lp.person_id) {
            auto r = person(*lp.person_id, field + ".person_id");
            if (!r) return Fail(r.error());
            report::PersonDetails d = PersonFrom(r->first, cls, date);
            if (!lp.occupation.empty()) d.occupation = lp.occupation;
            return d;
          }
          if (lp.name.empty()) return Fail(FieldRequired(field + ".name"));
          return PartyOf(lp);
        };
        // For a child client: her parent or guardian recorded on the case (who signs for her),
        // with the relation as letters word it.
        auto guardian_of = [&](const std::string& person_id)
            -> std::optional<std::pair<json::object, std::string>> {
          for (const auto& r : store::ListCasePeople(c, case_id)) {
            if (r.role != "guardian") continue;
            json::object g = Opened(c, vault_, r.data);
            if (Text(g, "guardian_of") != person_id) continue;
            std::string rel = Text(g, "relation");
            return std::pair{g, RelationWording(cls, rel)};
          }
          return std::nullopt;
        };
        auto is_child = [&](const report::PersonDetails& d) { return IsChild(d.age_years); };
        auto officers = [&](const std::string& field) -> Result<std::vector<report::Officer>> {
          std::vector<report::Officer> out;
          for (std::size_t i = 0; i < in.officers.size(); ++i) {
            if (in.officers[i].name.empty())
              return Fail(FieldRequired(fmt::format("{}[{}].name", field, i)));
            out.push_back(OfficerOf(in.officers[i]));
          }
          if (out.empty()) out.push_back(officer);
          return out;
        };
        std::optional<std::string> sealing_person;  // whose key seals the PDF (default client)
        json::object letter_info{{"kind", in.kind}};
        LetterInput input;

        switch (*kind) {
          case LetterKind::kAssignment: {
            report::AssignmentInput a;
            a.common = common;
            a.travel_order = in.travel_order;
            a.basis = in.basis;
            auto os = officers("officers");
            if (!os) return Fail(os.error());
            a.officers = std::move(*os);
            std::string task = in.task, destination = in.destination, funding = in.funding;
            std::optional<std::string> start_text = in.start, end_text = in.end;
            if (in.plan_document_id) {
              // From the approved outreach plan: what the request leaves out.
              auto plan = ApprovedPlanOf(c, case_id, *in.plan_document_id);
              if (!plan) return Fail(plan.error());
              const json::object& v = plan->values;
              if (task.empty()) task = Text(v, "maksud");
              if (destination.empty()) destination = Text(v, "tempat_tujuan");
              if (funding.empty()) funding = Text(v, "sumber_dana");
              if (!start_text && !Text(v, "berangkat").empty()) start_text = Text(v, "berangkat");
              if (!end_text && !Text(v, "kembali").empty()) end_text = Text(v, "kembali");
              if (in.officers.empty())
                if (auto planned = PlanOfficers(v); !planned.empty()) a.officers = planned;
              letter_info["plan_document_id"] = *in.plan_document_id;
              letter_info["plan_version"] = plan->document_version;
            }
            if (task.empty()) return Fail(FieldRequired("task"));
            if (destination.empty()) return Fail(FieldRequired("destination"));
            if (!start_text) return Fail(FieldRequired("start"));
            auto start = OptDate(start_text, "start");
            if (!start) return Fail(start.error());
            auto end = OptDate(end_text, "end");
            if (!end) return Fail(end.error());
            a.start = **start;
            a.end = end->value_or(a.start);
            if (std::chrono::sys_days{a.end} < std::chrono::sys_days{a.start})
              return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_date_range",
                                    "Tanggal selesai sebelum tanggal mulai.",
                                    "The end date is before the start date.", "end"));
            a.task = task;
            a.destination = destination;
            a.funding = funding;
            input = std::move(a);
            break;
          }
          case LetterKind::kTravelOrder: {
            if (!in.plan_document_id) return Fail(FieldRequired("plan_document_id"));
            auto plan = ApprovedPlanOf(c, case_id, *in.plan_document_id);
            if (!plan) return Fail(plan.error());
            const json::object& v = plan->values;
            const forms::Form* form = forms_.Find(kPlanForm);
            const forms::Field* cost_table = form ? form->Find("biaya") : nullptr;
            report::TravelOrderInput t;
            t.common = common;
            auto planned = PlanOfficers(v);
            if (planned.empty()) return Fail(FieldRequired("petugas"));
            t.traveller = planned.front();
            t.companions.assign(planned.begin() + 1, planned.end());
            t.purpose = Text(v, "maksud");
            t.transport =
                OptionLabel(form ? form->Find("alat_angkut") : nullptr, Text(v, "alat_angkut"));
            t.from = Text(v, "tempat_berangkat");
            t.to = Text(v, "tempat_tujuan");
            if (auto d = ParseDate(Text(v, "berangkat"))) t.start = *d;
            if (auto d = ParseDate(Text(v, "kembali"))) t.end = *d;
            t.agency = Text(v, "sumber_dana");
            t.account = Text(v, "kode_rekening");
            if (auto* lines = v.if_contains("biaya"); lines && lines->is_array()) {
              for (const auto& row : lines->as_array()) {
                if (!row.is_object()) continue;
                const json::object& r = row.as_object();
                long long amount = 0;
                if (auto* j = r.if_contains("jumlah")) {
                  if (j->is_int64())
                    amount = j->as_int64();
                  else if (j->is_uint64())
                    amount = static_cast<long long>(j->as_uint64());
                  else if (j->is_double())
                    amount = static_cast<long long>(j->as_double());
                }
                t.costs.push_back({OptionLabel(cost_table ? cost_table->Column("jenis") : nullptr,
                                               Text(r, "jenis")),
                                   Text(r, "uraian"), amount});
              }
            }
            if (auto* total = plan->totals.if_contains("biaya.jumlah")) {
              if (total->is_int64())
                t.total = total->as_int64();
              else if (total->is_double())
                t.total = static_cast<long long>(total->as_double());
            }
            if (auto at = ParseInstant(plan->approved_at))
              t.approval = fmt::format(
                  "Rencana penjangkauan dan anggarannya disetujui {} tanggal {}",
                  common.unit.head.position,
                  report::FormatIndonesianDate(LocalDate(*at, UtcOffsetOrWib(unit->time_zone))));
            if (in.assignment_document_id) {
              auto l = LetterDocument(c, case_id, *in.assignment_document_id);
              if (!l || Text(l->second, "kind") != "surat-tugas")
                return Fail(RecordNotFound("document_not_found", "assignment_document_id"));
              t.assignment_number = Text(l->second, "agenda_number");
              letter_info["assignment_document_id"] = *in.assignment_document_id;
            }
            letter_info["plan_document_id"] = *in.plan_document_id;
            letter_info["plan_version"] = plan->document_version;
            letter_info["total"] = t.total;
            input = std::move(t);
            break;
          }
          case LetterKind::kReferral: {
            report::ReferralInput r;
            r.common = common;
            r.recipient = in.recipient;
            r.recipient_place = in.recipient_place;
            r.service_title = in.service_title;
            r.service_requested = in.service_requested;
            r.reason = in.reason;
            json::object person_record = client_record;
            std::string partner_id;
            if (in.referral_id) {
              auto ref = store::FindReferral(c, *in.referral_id);
              if (!ref || ref->case_id != case_id)
                return Fail(RecordNotFound("referral_not_found", "referral_id"));
              json::object data = Opened(c, vault_, ref->data);
              partner_id = ref->partner_id;
              std::vector<std::string> services;
              if (auto* s = data.if_contains("services"); s && s->is_array())
                for (const auto& v : s->as_array())
                  if (v.is_string())
                    services.push_back(LabelOf(cls.services, std::string(v.as_string())));
              if (r.recipient.empty() && !Text(data, "partner_name").empty())
                r.recipient = {"Pimpinan " + Text(data, "partner_name")};
              if (r.service_title.empty()) r.service_title = Joined(services, ", ");
              if (r.service_requested.empty()) {
                std::string s = Joined(services, ", ");
                std::transform(s.begin(), s.end(), s.begin(),
                               [](unsigned char ch) { return char(std::tolower(ch)); });
                r.service_requested = s;  // the letter says "untuk mendapatkan layanan ..."
              }
              if (r.reason.empty()) r.reason = Text(data, "reason");
              if (ref->client_id != client_id) {
                auto pr = person(ref->client_id, "referral_id");
                if (!pr) return Fail(pr.error());
                person_record = pr->first;
              }
              sealing_person = ref->client_id;
              letter_info["referral_id"] = *in.referral_id;
            }
            r.client = PersonFrom(person_record, cls, date);
            auto consent_date = OptDate(in.consent_date, "consent_date");
            if (!consent_date) return Fail(consent_date.error());
            r.consent_date = *consent_date;
            if (!r.consent_date) {
              // The client's consent in force to be referred (to this partner, or any).
              std::string person_id = Text(person_record, "person_id");
              for (const auto& cr : store::ListConsents(c, case_id)) {
                if (cr.client_id != person_id || cr.status != "active") continue;
                if (cr.scopes.find("\"referral\"") == std::string::npos) continue;
                if (!cr.partner_id.empty() && !partner_id.empty() && cr.partner_id != partner_id)
                  continue;
                // A consent given by the letter's date (the newest of those).
                if (auto t = ParseInstant(cr.recorded_at)) {
                  auto on = LocalDate(*t, UtcOffsetOrWib(unit->time_zone));
                  if (std::chrono::sys_days{on} <= std::chrono::sys_days{date}) r.consent_date = on;
                }
              }
            }
            if (r.recipient.empty()) return Fail(FieldRequired("recipient"));
            if (r.recipient_place.empty()) return Fail(FieldRequired("recipient_place"));
            if (r.service_title.empty()) return Fail(FieldRequired("service_title"));
            if (r.service_requested.empty()) return Fail(FieldRequired("service_requested"));
            if (r.reason.empty()) return Fail(FieldRequired("reason"));
            r.contact = officer;
            r.contact_phone = in.contact_phone.empty() ? settings.phone : in.contact_phone;
            r.attachments = in.attachments;
            r.copies_to = in.copies_to;
            input = std::move(r);
            break;
          }
          case LetterKind::kHandoverMinutes: {
            report::HandoverInput h;
            h.common = common;
            h.location = in.location;
            h.handing_over = officer;
            h.partner_name = in.partner_name;
            h.referral_number = in.referral_number;
            h.items = in.items;
            json::object person_record = client_record;
            if (in.referral_id && in.transfer_id)
              return Fail(MakeError(ErrorKind::kInvalidArgument, "one_record_only",
                                    "Sebutkan rujukan atau pelimpahan, tidak keduanya.",
                                    "Name a referral or a transfer, not both.", "transfer_id"));
            if (in.referral_id) {
              auto ref = store::FindReferral(c, *in.referral_id);
              if (!ref || ref->case_id != case_id)
                return Fail(RecordNotFound("referral_not_found", "referral_id"));
              json::object data = json::parse(ref->data).as_object();
              if (h.partner_name.empty()) h.partner_name = Text(data, "partner_name");
              if (h.referral_number.empty()) {
                // The Surat Rujukan written for this referral, if any.
                for (const auto& d : store::ListCaseDocuments(c, case_id)) {
                  if (d.source != "letter") continue;
                  auto l = LetterDocument(c, case_id, d.id);
                  if (l && Text(l->second, "kind") == "surat-rujukan" &&
                      Text(l->second, "referral_id") == *in.referral_id)
                    h.referral_number = Text(l->second, "agenda_number");
                }
              }
              if (ref->client_id != client_id) {
                auto pr = person(ref->client_id, "referral_id");
                if (!pr) return Fail(pr.error());
                person_record = pr->first;
              }
              sealing_person = ref->client_id;
              letter_info["referral_id"] = *in.referral_id;
            }
            if (in.transfer_id) {
              auto t = store::FindTransfer(c, *in.transfer_id);
              if (!t || t->case_id != case_id)
                return Fail(RecordNotFound("transfer_not_found", "transfer_id"));
              if (h.partner_name.empty())
                if (auto to = store::FindUnit(c, t->to_unit)) h.partner_name = to->name;
              if (h.items.empty()) {
                json::object data = json::parse(t->data).as_object();
                if (auto* ho = data.if_contains("handover"); ho && ho->is_object())
                  if (auto* docs = ho->as_object().if_contains("documents");
                      docs && docs->is_array())
                    for (const auto& v : docs->as_array())
                      if (v.is_string()) h.items.emplace_back(v.as_string());
              }
              letter_info["transfer_id"] = *in.transfer_id;
            }
            if (h.location.empty()) return Fail(FieldRequired("location"));
            if (!in.receiving || in.receiving->name.empty())
              return Fail(FieldRequired("receiving.name"));
            h.receiving = OfficerOf(*in.receiving);
            if (h.partner_name.empty()) return Fail(FieldRequired("partner_name"));
            h.client = PersonFrom(person_record, cls, date);
            input = std::move(h);
            break;
          }
          case LetterKind::kConsentStatement: {
            report::ConsentInput ci;
            ci.common = common;
            ci.officer = officer;
            ci.relation = in.relation;
            std::string client = client_id, declarant = client_id;
            std::vector<std::string> services = in.services, share_with = in.share_with;
            if (in.consent_id) {
              std::optional<store::ConsentRecord> found;
              for (auto& cr : store::ListConsents(c, case_id))
                if (cr.id == *in.consent_id) found = std::move(cr);
              if (!found) return Fail(RecordNotFound("consent_not_found", "consent_id"));
              client = found->client_id;
              declarant = found->given_by;
              json::object data = json::parse(found->data).as_object();
              if (services.empty())
                if (auto* s = data.if_contains("scopes"); s && s->is_array())
                  for (const auto& v : s->as_array())
                    if (v.is_string() && v.as_string() != "data_sharing")
                      services.push_back(ScopeText(v.as_string()));
              if (share_with.empty()) {
                if (auto pid = Text(data, "partner_id"); !pid.empty())
                  if (auto partner = store::FindPartner(c, pid))
                    share_with.push_back(partner->name);
                if (auto uid = Text(data, "unit_id"); !uid.empty())
                  if (auto other = store::FindUnit(c, uid)) share_with.push_back(other->name);
              }
              letter_info["consent_id"] = *in.consent_id;
            }
            if (in.declarant_id) declarant = *in.declarant_id;
            if (services.empty()) return Fail(FieldRequired("services"));
            // A child does not sign alone (UU 27/2022 art. 25): her parent or guardian.
            if (!in.consent_id && !in.declarant_id && client == client_id &&
                is_child(PersonFrom(client_record, cls, date)))
              if (auto g = guardian_of(client_id))
                declarant =
                    Text(g->first, "person_id").empty() ? declarant : Text(g->first, "person_id");
            ci.services = services;
            ci.share_with = share_with;
            auto cl = person(client, in.consent_id ? "consent_id" : "declarant_id");
            if (!cl) return Fail(cl.error());
            if (declarant == client) {
              ci.declarant = PersonFrom(cl->first, cls, date);
            } else {
              auto d = person(declarant, in.declarant_id ? "declarant_id" : "consent_id");
              if (!d) return Fail(d.error());
              ci.declarant = PersonFrom(d->first, cls, date);
              ci.client = PersonFrom(cl->first, cls, date);
              if (ci.relation.empty()) {
                std::string rel = Text(d->first, "relation");
                ci.relation = rel.empty() ? "" : RelationWording(cls, rel);
              }
              if (ci.relation.empty()) return Fail(FieldRequired("relation"));
            }
            sealing_person = client;
            input = std::move(ci);
            break;
          }
          case LetterKind::kMediationAgreement: {
            // Sexual-violence crimes may not be settled outside court (UU 12/2022 art. 23).
            for (const auto& inc : store::ListIncidents(c, case_id)) {
              json::object data = json::parse(inc.data).as_object();
              if (auto* f = data.if_contains("forms"); f && f->is_array())
                for (const auto& v : f->as_array())
                  if (v.is_string() && v.as_string() == "sexual")
                    return Fail(MakeError(
                        ErrorKind::kFailedPrecondition, "mediation_not_allowed",
                        "Kasus kekerasan seksual tidak dapat diselesaikan dengan mediasi (UU "
                        "12/2022 pasal 23).",
                        "A sexual-violence case may not be settled by mediation (UU 12/2022 "
                        "art. 23).",
                        "kind"));
            }
            report::MediationAgreementInput m;
            m.common = common;
            m.location = in.location;
            m.mediator = officer;
            // The officer signs as the mediator unless the request names their position.
            if (!in.officer || in.officer->position.empty()) m.mediator.position = "Mediator";
            if (m.location.empty()) return Fail(FieldRequired("location"));
            if (!in.first_party) return Fail(FieldRequired("first_party"));
            if (!in.second_party) return Fail(FieldRequired("second_party"));
            auto first = party(*in.first_party, "first_party");
            if (!first) return Fail(first.error());
            auto second = party(*in.second_party, "second_party");
            if (!second) return Fail(second.error());
            m.first_party = std::move(*first);
            m.second_party = std::move(*second);
            if (in.agreements.empty()) return Fail(FieldRequired("agreements"));
            m.agreements = in.agreements;
            if (in.duty_stamp.empty() || in.duty_stamp == "first_party")
              m.duty_stamp = report::DutyStampOn::kFirstParty;
            else if (in.duty_stamp == "second_party")
              m.duty_stamp = report::DutyStampOn::kSecondParty;
            else if (in.duty_stamp == "both")
              m.duty_stamp = report::DutyStampOn::kBothParties;
            else
              return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_duty_stamp",
                                    "duty_stamp: first_party, second_party atau both.",
                                    "duty_stamp: first_party, second_party or both.",
                                    "duty_stamp"));
            for (std::size_t i = 0; i < in.witnesses.size(); ++i) {
              auto w = party(in.witnesses[i], fmt::format("witnesses[{}]", i));
              if (!w) return Fail(w.error());
              m.witnesses.push_back(std::move(*w));
            }
            input = std::move(m);
            break;
          }
          case LetterKind::kTermination: {
            report::TerminationInput t;
            t.common = common;
            t.case_manager = officer;
            t.reason_note = in.reason_note;
            t.client_feedback = in.client_feedback;
            std::vector<std::string> services = in.services;
            std::string reason = in.termination_reason;
            if (in.termination_id) {
              std::optional<store::CaseWorkRow> found;
              for (auto& row : store::ListTerminations(c, case_id))
                if (row.id == *in.termination_id) found = std::move(row);
              if (!found) return Fail(RecordNotFound("termination_not_found", "termination_id"));
              json::object data = json::parse(found->data).as_object();
              // Dated as the termination was, unless the request dates it.
              if (auto* f = data.if_contains("form"); f && f->is_object() && !in.date)
                if (auto d = ParseDate(Text(f->as_object(), "tanggal"))) {
                  date = *d;
                  t.common.date = date;
                }
              if (reason.empty()) {
                std::string r = Text(data, "reason");
                reason = found->kind == "unilateral" ? r : "goals_met";
              }
              if (services.empty())
                if (auto* f = data.if_contains("form"); f && f->is_object())
                  if (auto* l = f->as_object().if_contains("layanan_diterima"); l && l->is_array())
                    for (const auto& v : l->as_array())
                      if (v.is_string())
                        services.push_back(LabelOf(cls.services, std::string(v.as_string())));
              letter_info["termination_id"] = *in.termination_id;
            }
            if (reason.empty()) return Fail(FieldRequired("reason"));
            if (reason == "goals_met")
              t.reason = report::TerminationReason::kGoalsMet;
            else if (reason == "referred_out")
              t.reason = report::TerminationReason::kReferredOut;
            else if (reason == "died")
              t.reason = report::TerminationReason::kClientDied;
            else if (reason == "missing")
              t.reason = report::TerminationReason::kWhereaboutsUnknown;
            else if (reason == "refuses")
              t.reason = report::TerminationReason::kClientRefuses;
            else
              return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_termination_reason",
                                    "reason: goals_met, referred_out, died, missing atau refuses.",
                                    "reason: goals_met, referred_out, died, missing or refuses.",
                                    "reason"));
            if (services.empty()) return Fail(FieldRequired("services"));
            t.services = services;
            t.client = PersonFrom(client_record, cls, date);
            auto start = OptDate(in.service_start, "service_start");
            if (!start) return Fail(start.error());
            if (*start) {
              t.service_start = **start;
            } else if (auto r = ParseInstant(k->received_at)) {
              t.service_start = LocalDate(*r, UtcOffsetOrWib(unit->time_zone));
            }
            auto conf = OptDate(in.case_conference, "case_conference");
            if (!conf) return Fail(conf.error());
            t.case_conference = *conf;
            if (in.signer_id && *in.signer_id != client_id) {
              auto s = person(*in.signer_id, "signer_id");
              if (!s) return Fail(s.error());
              t.signer = PersonFrom(s->first, cls, date);
              t.signer_relation = in.signer_relation;
              if (t.signer_relation.empty() && !report::IsUnilateral(t.reason))
                return Fail(FieldRequired("signer_relation"));
            } else if (auto g = !in.signer_id && is_child(t.client) ? guardian_of(client_id)
                                                                    : std::nullopt) {
              // A child's termination form is signed by her parent or guardian.
              t.signer = PersonFrom(g->first, cls, date);
              t.signer_relation = in.signer_relation.empty() ? g->second : in.signer_relation;
            } else {
              t.signer = t.client;
              t.signer_relation =
                  in.signer_relation.empty() ? "Penerima Manfaat" : in.signer_relation;
            }
            input = std::move(t);
            break;
          }
          case LetterKind::kOutreachReport: {
            report::OutreachReportInput o;
            o.common = common;
            o.reported_by = officer;
            o.assignment_number = in.assignment_number;
            auto assignment_date = OptDate(in.assignment_date, "assignment_date");
            if (!assignment_date) return Fail(assignment_date.error());
            if (*assignment_date) o.assignment_date = **assignment_date;
            if (in.assignment_document_id) {
              auto l = LetterDocument(c, case_id, *in.assignment_document_id);
              if (!l || Text(l->second, "kind") != "surat-tugas")
                return Fail(RecordNotFound("document_not_found", "assignment_document_id"));
              if (o.assignment_number.empty())
                o.assignment_number = Text(l->second, "agenda_number");
              if (!*assignment_date)
                if (auto d = ParseDate(Text(l->second, "date"))) o.assignment_date = *d;
              letter_info["assignment_document_id"] = *in.assignment_document_id;
            }
            if (o.assignment_number.empty()) return Fail(FieldRequired("assignment_number"));
            if (!o.assignment_date.ok()) return Fail(FieldRequired("assignment_date"));
            if (!in.outreach_date) return Fail(FieldRequired("outreach_date"));
            auto od = OptDate(in.outreach_date, "outreach_date");
            if (!od) return Fail(od.error());
            o.outreach_date = **od;
            if (in.location.empty()) return Fail(FieldRequired("location"));
            o.location = in.location;
            auto os = officers("officers");
            if (!os) return Fail(os.error());
            o.officers = std::move(*os);
            o.coordinated_with = in.coordinated_with;
            o.client = PersonFrom(client_record, cls, date);
            o.consent_given = in.consent_given.value_or(true);
            if (in.findings.empty()) return Fail(FieldRequired("findings"));
            o.findings = in.findings;
            std::string risk = in.risk;
            if (risk.empty())
              if (auto* cl = kase.if_contains("classification"); cl && cl->is_object())
                risk = Text(cl->as_object(), "risk_level");
            if (risk.empty() || risk == "low")
              o.risk = report::RiskLevel::kLow;
            else if (risk == "medium")
              o.risk = report::RiskLevel::kMedium;
            else if (risk == "high")
              o.risk = report::RiskLevel::kHigh;
            else
              return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_risk",
                                    "risk: low, medium atau high.", "risk: low, medium or high.",
                                    "risk"));
            o.risk_note = in.risk_note;
            o.follow_up = in.follow_up;
            input = std::move(o);
            break;
          }
        }

        auto sealing = DocumentSealingKey(c, vault_, *k, sealing_person);
        if (!sealing) return Fail(sealing.error());
        // The number: the unit's register for the letter's year, in this transaction, so
        // two letters never share one and a failed write takes none.
        const int year = int(date.year());
        const std::int64_t seq = store::NextCounter(c, fmt::format("letter/{}/{}", unit->id, year));
        auto number = report::FormatAgendaNumber(settings.agenda, long(seq), date);
        if (!number) return Fail(number.error());
        report::Letter letter = std::visit(
            [&](auto& v) {
              v.common.agenda_number = *number;
              return MakeLetter(v);
            },
            input);
        const auto render_start = std::chrono::steady_clock::now();
        auto pdf = report::RenderLetterPdf(letter);
        if (!pdf) return Fail(pdf.error());
        // Rendering runs inside the write transaction: its time is watched (no content logged).
        spdlog::debug("letter {} rendered in {:.1f} ms ({} bytes)", in.kind,
                      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                render_start)
                          .count(),
                      pdf->size());

        const std::string at = FormatInstant(now);
        json::array kinds;
        const sop::Pack* pack = sops_.FindPack(unit->sop_pack);
        for (const auto& id : LetterDocumentKinds(*kind))
          if (pack && pack->documents.contains(id)) kinds.emplace_back(id);
        letter_info["agenda_number"] = *number;
        letter_info["sequence"] = seq;
        letter_info["date"] = FormatDate(date);
        json::object payload{{"document_id", document_id},
                             {"source", "letter"},
                             {"title", *kind == LetterKind::kAssignment && in.travel_order
                                           ? "Surat Perintah Tugas"
                                           : std::string(report::LetterKindTitle(*kind))},
                             {"kinds", std::move(kinds)},
                             {"letter", std::move(letter_info)},
                             {"person_id", sealing->first},
                             {"values", json::object()},
                             {"sensitive", nullptr}};
        payload["file"] =
            KeepDocumentFile(c, *k, *sealing, document_id, "application/pdf", *pdf, at);
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k->version),
                                     {{"DocumentFiled", std::move(payload)}}, p.user_id, at);
        if (!a) return Fail(a.error());
        return WriteReply{201, DocumentSummary(*store::FindDocument(c, document_id))};
      });
}

}  // namespace lindungi
