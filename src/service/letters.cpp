// Letters from a case (docs/letters.md "The service"). The templates are pure
// (report/letter_templates.h); this file authorizes, fills their inputs from the case record
// and the request (per kind in letter_fillers.cpp), numbers the letter in the unit's
// register, renders and files it.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <variant>

#include "core/roles.h"
#include "core/termination.h"
#include "core/time_zone.h"
#include "report/letter_pdf.h"
#include "report/sample_letters.h"
#include "security/random.h"
#include "service/administration.h"
#include "service/case_access.h"
#include "service/clients.h"
#include "service/document_service.h"
#include "service/json_values.h"
#include "service/letter_fillers.h"
#include "service/letter_service.h"
#include "service/sealing.h"
#include "store/case_store.h"
#include "store/document_store.h"
#include "store/event_log.h"
#include "store/events/document_events.h"
#include "store/events/unit_events.h"
#include "store/unit_store.h"

namespace lindungi {
namespace json = boost::json;
using letter_fillers::Joined;
using letter_fillers::LetterContext;
using letter_fillers::LetterInput;
using letter_fillers::Opened;
using letter_fillers::OptDate;
using letter_fillers::Text;
using report::LetterKind;
using std::chrono::year_month_day;
namespace {

Error UnknownLetterKind() {
  return MakeError(ErrorKind::kInvalidArgument, "unknown_letter_kind", "Jenis surat tidak dikenal.",
                   "Unknown letter kind.", "kind");
}

Error UnitNotFound() {
  return MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit tidak ditemukan.",
                   "Unit not found.", "unit");
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

// The input of a letter of `kind`, from its filler (letter_fillers.h).
Result<LetterInput> FillLetter(LetterKind kind, LetterContext& ctx) {
  switch (kind) {
    case LetterKind::kAssignment:
      return letter_fillers::FillAssignment(ctx);
    case LetterKind::kTravelOrder:
      return letter_fillers::FillTravelOrder(ctx);
    case LetterKind::kReferral:
      return letter_fillers::FillReferral(ctx);
    case LetterKind::kHandoverMinutes:
      return letter_fillers::FillHandoverMinutes(ctx);
    case LetterKind::kConsentStatement:
      return letter_fillers::FillConsentStatement(ctx);
    case LetterKind::kMediationAgreement:
      return letter_fillers::FillMediationAgreement(ctx);
    case LetterKind::kTermination:
      return letter_fillers::FillTermination(ctx);
    case LetterKind::kOutreachReport:
      return letter_fillers::FillOutreachReport(ctx);
  }
  return Fail(UnknownLetterKind());  // not reached: LetterKindFromId gives only these
}

// Numbers the letter and renders it: the PDF. The number is the next of the unit's register
// for the letter's year, taken in this transaction, so two letters never share one and a
// failed write takes none. Adds the number and date to `ctx.letter_info`.
Result<std::string> NumberAndRender(LetterContext& ctx, LetterInput& input) {
  const int year = int(ctx.date.year());
  const std::int64_t seq =
      store::NextCounter(ctx.c, fmt::format("letter/{}/{}", ctx.unit.id, year));
  auto number = report::FormatAgendaNumber(ctx.settings.agenda, long(seq), ctx.date);
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
  spdlog::debug(
      "letter {} rendered in {:.1f} ms ({} bytes)", ctx.in.kind,
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - render_start)
          .count(),
      pdf->size());
  ctx.letter_info["agenda_number"] = *number;
  ctx.letter_info["sequence"] = seq;
  ctx.letter_info["date"] = FormatDate(ctx.date);
  return std::move(*pdf);
}

// The DocumentFiled payload of letter `document_id`, but its file: the documents of the
// unit's pack it counts as, its `letter` object, the person whose key seals it.
store::events::DocumentFiled LetterFiledPayload(const sop::Pack* pack, LetterKind kind,
                                                bool travel_order, const std::string& document_id,
                                                json::object letter_info,
                                                const std::string& person_id) {
  std::vector<std::string> kinds;
  for (const auto& id : LetterDocumentKinds(kind))
    if (pack && pack->documents.contains(id)) kinds.emplace_back(id);
  return {document_id,
          "letter",
          std::nullopt,
          kind == LetterKind::kAssignment && travel_order
              ? "Surat Perintah Tugas"
              : std::string(report::LetterKindTitle(kind)),
          std::move(kinds),
          person_id,
          std::nullopt,
          json::object(),
          std::nullopt,
          std::move(letter_info),
          std::nullopt};
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
    auto a = store::AppendEvents(
        c, store::UnitStream(u->id), store::ExpectedVersion::Any(),
        {store::MakeEvent(store::events::UnitLetterheadSet{LetterSettingsJson(s)})},
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
        auto a = store::AppendEvents(
            c, store::UnitStream(unit_id), store::ExpectedVersion::Any(),
            {store::MakeEvent(store::events::UnitLetterheadSet{LetterSettingsJson(s)})}, p.user_id,
            FormatInstant(clock_.Now()));
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
  if (!kind) return Fail(UnknownLetterKind());
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

        report::LetterCommon common;
        common.unit = IssuingUnitOf(*unit, settings, configured);
        common.date = date_given->value_or(today);
        common.case_number = k->number;
        const report::Officer officer = CallerOfficer(p, k->unit_id, in.officer);

        json::object kase = Opened(c, vault_, k->data);
        json::object client_record;
        std::string client_id;
        if (auto* cl = kase.if_contains("client"); cl && cl->is_object()) {
          client_record = cl->as_object();
          client_id = Text(client_record, "person_id");
        }
        LetterContext ctx{.c = c,
                          .vault = vault_,
                          .cls = cls,
                          .forms = forms_,
                          .case_id = case_id,
                          .kase = *k,
                          .unit = *unit,
                          .settings = settings,
                          .common = common,
                          .officer = officer,
                          .in = in,
                          .case_data = kase,
                          .client_record = client_record,
                          .client_id = client_id,
                          .date = common.date,
                          .sealing_person = std::nullopt,
                          .letter_info = json::object{{"kind", in.kind}}};
        auto input = FillLetter(*kind, ctx);
        if (!input) return Fail(input.error());

        auto sealing = DocumentSealingKey(c, vault_, *k, ctx.sealing_person);
        if (!sealing) return Fail(sealing.error());
        auto pdf = NumberAndRender(ctx, *input);
        if (!pdf) return Fail(pdf.error());

        const std::string at = FormatInstant(now);
        auto filed = LetterFiledPayload(sops_.FindPack(unit->sop_pack), *kind, in.travel_order,
                                        document_id, std::move(ctx.letter_info), sealing->first);
        filed.file = store::events::FileInfoFrom(
            KeepDocumentFile(c, *k, *sealing, document_id, "application/pdf", *pdf, at));
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k->version),
                                     {store::MakeEvent(filed)}, p.user_id, at);
        if (!a) return Fail(a.error());
        return WriteReply{201, DocumentSummary(*store::FindDocument(c, document_id))};
      });
}

}  // namespace lindungi
