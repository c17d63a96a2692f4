// The letter kinds' fillers (letter_fillers.h): each fills its template's input from the
// case record and the request (docs/letters.md has the table per kind).
#include "service/letter_fillers.h"
#include "service/case_access.h"
#include "service/clients.h"
#include "service/json_values.h"
#include "service/sealing.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>

#include "core/termination.h"
#include "core/time_zone.h"
#include "report/indonesian_date.h"
#include "service/person_age.h"
#include "store/case_store.h"
#include "store/case_work_store.h"
#include "store/document_store.h"
#include "store/event_log.h"
#include "store/events/document_events.h"
#include "store/transfer_store.h"
#include "store/unit_store.h"

namespace lindungi::letter_fillers {
namespace json = boost::json;
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

report::Officer OfficerOf(const LetterOfficer& o) {
  return {o.name, o.nip, o.rank, o.position};
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
    if (e.type != store::events::DocumentApproved::kType) continue;
    json::value p = json::parse(e.payload);
    if (!p.is_object()) continue;
    auto approved = store::events::DocumentApproved::From(p.as_object());
    if (approved.document_id != document_id) continue;
    ApprovedPlan a;
    a.values = std::move(approved.values);
    a.totals = std::move(approved.totals);
    a.document_version = approved.document_version;
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

std::string Text(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::object Opened(store::SqlConn& c, const Vault& vault, const std::string& data) {
  json::value v = json::parse(data);
  vault.DecryptTree(c, v);
  return v.is_object() ? v.as_object() : json::object();
}

std::string Joined(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

Result<std::optional<year_month_day>> OptDate(const std::optional<std::string>& text,
                                              const std::string& field) {
  if (!text) return std::optional<year_month_day>();
  auto d = ParseDate(*text);
  if (!d) return Fail(BadDate(field));
  return std::optional<year_month_day>(*d);
}

Result<std::pair<json::object, std::string>> LetterContext::Person(const std::string& id,
                                                                   const std::string& field) const {
  auto r = store::FindCasePerson(c, id);
  if (!r || r->case_id != case_id) return Fail(RecordNotFound("person_not_found", field));
  return std::pair{Opened(c, vault, r->data), r->role};
}

Result<report::PersonDetails> LetterContext::Party(const LetterParty& lp,
                                                   const std::string& field) const {
  if (lp.person_id) {
    auto r = Person(*lp.person_id, field + ".person_id");
    if (!r) return Fail(r.error());
    report::PersonDetails d = PersonFrom(r->first, cls, date);
    if (!lp.occupation.empty()) d.occupation = lp.occupation;
    return d;
  }
  if (lp.name.empty()) return Fail(FieldRequired(field + ".name"));
  return PartyOf(lp);
}

std::optional<std::pair<json::object, std::string>> LetterContext::GuardianOf(
    const std::string& person_id) const {
  for (const auto& r : store::ListCasePeople(c, case_id)) {
    if (r.role != "guardian") continue;
    json::object g = Opened(c, vault, r.data);
    if (Text(g, "guardian_of") != person_id) continue;
    std::string rel = Text(g, "relation");
    return std::pair{g, RelationWording(cls, rel)};
  }
  return std::nullopt;
}

bool LetterContext::IsChild(const report::PersonDetails& d) const {
  return lindungi::IsChild(d.age_years);
}

Result<std::vector<report::Officer>> LetterContext::Officers(const std::string& field) const {
  std::vector<report::Officer> out;
  for (std::size_t i = 0; i < in.officers.size(); ++i) {
    if (in.officers[i].name.empty())
      return Fail(FieldRequired(fmt::format("{}[{}].name", field, i)));
    out.push_back(OfficerOf(in.officers[i]));
  }
  if (out.empty()) out.push_back(officer);
  return out;
}

namespace {

// A termination reason as the request (or the recorded termination) codes it.
Result<report::TerminationReason> TerminationReasonOf(const std::string& reason) {
  if (reason.empty()) return Fail(FieldRequired("reason"));
  if (reason == "goals_met") return report::TerminationReason::kGoalsMet;
  if (reason == "referred_out") return report::TerminationReason::kReferredOut;
  if (reason == "died") return report::TerminationReason::kClientDied;
  if (reason == "missing") return report::TerminationReason::kWhereaboutsUnknown;
  if (reason == "refuses") return report::TerminationReason::kClientRefuses;
  return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_termination_reason",
                        "reason: goals_met, referred_out, died, missing atau refuses.",
                        "reason: goals_met, referred_out, died, missing or refuses.", "reason"));
}

// The date of the client's consent in force to be referred (to this partner, or any),
// given by the letter's date: the newest of those.
std::optional<year_month_day> ReferralConsentDate(const LetterContext& ctx,
                                                  const std::string& person_id,
                                                  const std::string& partner_id) {
  std::optional<year_month_day> out;
  for (const auto& cr : store::ListConsents(ctx.c, ctx.case_id)) {
    if (cr.client_id != person_id || cr.status != "active") continue;
    if (cr.scopes.find("\"referral\"") == std::string::npos) continue;
    if (!cr.partner_id.empty() && !partner_id.empty() && cr.partner_id != partner_id) continue;
    if (auto t = ParseInstant(cr.recorded_at)) {
      auto on = LocalDate(*t, UtcOffsetOrWib(ctx.unit.time_zone));
      if (std::chrono::sys_days{on} <= std::chrono::sys_days{ctx.date}) out = on;
    }
  }
  return out;
}

}  // namespace

Result<LetterInput> FillAssignment(LetterContext& ctx) {
  const LetterRequest& in = ctx.in;
  report::AssignmentInput a;
  a.common = ctx.common;
  a.travel_order = in.travel_order;
  a.basis = in.basis;
  auto os = ctx.Officers("officers");
  if (!os) return Fail(os.error());
  a.officers = std::move(*os);
  std::string task = in.task, destination = in.destination, funding = in.funding;
  std::optional<std::string> start_text = in.start, end_text = in.end;
  if (in.plan_document_id) {
    // From the approved outreach plan: what the request leaves out.
    auto plan = ApprovedPlanOf(ctx.c, ctx.case_id, *in.plan_document_id);
    if (!plan) return Fail(plan.error());
    const json::object& v = plan->values;
    if (task.empty()) task = Text(v, "maksud");
    if (destination.empty()) destination = Text(v, "tempat_tujuan");
    if (funding.empty()) funding = Text(v, "sumber_dana");
    if (!start_text && !Text(v, "berangkat").empty()) start_text = Text(v, "berangkat");
    if (!end_text && !Text(v, "kembali").empty()) end_text = Text(v, "kembali");
    if (in.officers.empty())
      if (auto planned = PlanOfficers(v); !planned.empty()) a.officers = planned;
    ctx.letter_info["plan_document_id"] = *in.plan_document_id;
    ctx.letter_info["plan_version"] = plan->document_version;
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
  return a;
}

Result<LetterInput> FillTravelOrder(LetterContext& ctx) {
  const LetterRequest& in = ctx.in;
  if (!in.plan_document_id) return Fail(FieldRequired("plan_document_id"));
  auto plan = ApprovedPlanOf(ctx.c, ctx.case_id, *in.plan_document_id);
  if (!plan) return Fail(plan.error());
  const json::object& v = plan->values;
  const forms::Form* form = ctx.forms.Find(kPlanForm);
  const forms::Field* cost_table = form ? form->Find("biaya") : nullptr;
  report::TravelOrderInput t;
  t.common = ctx.common;
  auto planned = PlanOfficers(v);
  if (planned.empty()) return Fail(FieldRequired("petugas"));
  t.traveller = planned.front();
  t.companions.assign(planned.begin() + 1, planned.end());
  t.purpose = Text(v, "maksud");
  t.transport = OptionLabel(form ? form->Find("alat_angkut") : nullptr, Text(v, "alat_angkut"));
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
      t.costs.push_back(
          {OptionLabel(cost_table ? cost_table->Column("jenis") : nullptr, Text(r, "jenis")),
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
        ctx.common.unit.head.position,
        report::FormatIndonesianDate(LocalDate(*at, UtcOffsetOrWib(ctx.unit.time_zone))));
  if (in.assignment_document_id) {
    auto l = LetterDocument(ctx.c, ctx.case_id, *in.assignment_document_id);
    if (!l || Text(l->second, "kind") != "surat-tugas")
      return Fail(RecordNotFound("document_not_found", "assignment_document_id"));
    t.assignment_number = Text(l->second, "agenda_number");
    ctx.letter_info["assignment_document_id"] = *in.assignment_document_id;
  }
  ctx.letter_info["plan_document_id"] = *in.plan_document_id;
  ctx.letter_info["plan_version"] = plan->document_version;
  ctx.letter_info["total"] = t.total;
  return t;
}

Result<LetterInput> FillReferral(LetterContext& ctx) {
  const LetterRequest& in = ctx.in;
  report::ReferralInput r;
  r.common = ctx.common;
  r.recipient = in.recipient;
  r.recipient_place = in.recipient_place;
  r.service_title = in.service_title;
  r.service_requested = in.service_requested;
  r.reason = in.reason;
  json::object person_record = ctx.client_record;
  std::string partner_id;
  if (in.referral_id) {
    auto ref = store::FindReferral(ctx.c, *in.referral_id);
    if (!ref || ref->case_id != ctx.case_id)
      return Fail(RecordNotFound("referral_not_found", "referral_id"));
    json::object data = Opened(ctx.c, ctx.vault, ref->data);
    partner_id = ref->partner_id;
    std::vector<std::string> services;
    if (auto* s = data.if_contains("services"); s && s->is_array())
      for (const auto& v : s->as_array())
        if (v.is_string())
          services.push_back(LabelOf(ctx.cls.services, std::string(v.as_string())));
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
    if (ref->client_id != ctx.client_id) {
      auto pr = ctx.Person(ref->client_id, "referral_id");
      if (!pr) return Fail(pr.error());
      person_record = pr->first;
    }
    ctx.sealing_person = ref->client_id;
    ctx.letter_info["referral_id"] = *in.referral_id;
  }
  r.client = PersonFrom(person_record, ctx.cls, ctx.date);
  auto consent_date = OptDate(in.consent_date, "consent_date");
  if (!consent_date) return Fail(consent_date.error());
  r.consent_date = *consent_date;
  if (!r.consent_date)
    r.consent_date = ReferralConsentDate(ctx, Text(person_record, "person_id"), partner_id);
  if (r.recipient.empty()) return Fail(FieldRequired("recipient"));
  if (r.recipient_place.empty()) return Fail(FieldRequired("recipient_place"));
  if (r.service_title.empty()) return Fail(FieldRequired("service_title"));
  if (r.service_requested.empty()) return Fail(FieldRequired("service_requested"));
  if (r.reason.empty()) return Fail(FieldRequired("reason"));
  r.contact = ctx.officer;
  r.contact_phone = in.contact_phone.empty() ? ctx.settings.phone : in.contact_phone;
  r.attachments = in.attachments;
  r.copies_to = in.copies_to;
  return r;
}

Result<LetterInput> FillHandoverMinutes(LetterContext& ctx) {
  const LetterRequest& in = ctx.in;
  report::HandoverInput h;
  h.common = ctx.common;
  h.location = in.location;
  h.handing_over = ctx.officer;
  h.partner_name = in.partner_name;
  h.referral_number = in.referral_number;
  h.items = in.items;
  json::object person_record = ctx.client_record;
  if (in.referral_id && in.transfer_id)
    return Fail(MakeError(ErrorKind::kInvalidArgument, "one_record_only",
                          "Sebutkan rujukan atau pelimpahan, tidak keduanya.",
                          "Name a referral or a transfer, not both.", "transfer_id"));
  if (in.referral_id) {
    auto ref = store::FindReferral(ctx.c, *in.referral_id);
    if (!ref || ref->case_id != ctx.case_id)
      return Fail(RecordNotFound("referral_not_found", "referral_id"));
    json::object data = json::parse(ref->data).as_object();
    if (h.partner_name.empty()) h.partner_name = Text(data, "partner_name");
    if (h.referral_number.empty()) {
      // The Surat Rujukan written for this referral, if any.
      for (const auto& d : store::ListCaseDocuments(ctx.c, ctx.case_id)) {
        if (d.source != "letter") continue;
        auto l = LetterDocument(ctx.c, ctx.case_id, d.id);
        if (l && Text(l->second, "kind") == "surat-rujukan" &&
            Text(l->second, "referral_id") == *in.referral_id)
          h.referral_number = Text(l->second, "agenda_number");
      }
    }
    if (ref->client_id != ctx.client_id) {
      auto pr = ctx.Person(ref->client_id, "referral_id");
      if (!pr) return Fail(pr.error());
      person_record = pr->first;
    }
    ctx.sealing_person = ref->client_id;
    ctx.letter_info["referral_id"] = *in.referral_id;
  }
  if (in.transfer_id) {
    auto t = store::FindTransfer(ctx.c, *in.transfer_id);
    if (!t || t->case_id != ctx.case_id)
      return Fail(RecordNotFound("transfer_not_found", "transfer_id"));
    if (h.partner_name.empty())
      if (auto to = store::FindUnit(ctx.c, t->to_unit)) h.partner_name = to->name;
    if (h.items.empty()) {
      json::object data = json::parse(t->data).as_object();
      if (auto* ho = data.if_contains("handover"); ho && ho->is_object())
        if (auto* docs = ho->as_object().if_contains("documents"); docs && docs->is_array())
          for (const auto& v : docs->as_array())
            if (v.is_string()) h.items.emplace_back(v.as_string());
    }
    ctx.letter_info["transfer_id"] = *in.transfer_id;
  }
  if (h.location.empty()) return Fail(FieldRequired("location"));
  if (!in.receiving || in.receiving->name.empty()) return Fail(FieldRequired("receiving.name"));
  h.receiving = OfficerOf(*in.receiving);
  if (h.partner_name.empty()) return Fail(FieldRequired("partner_name"));
  h.client = PersonFrom(person_record, ctx.cls, ctx.date);
  return h;
}

Result<LetterInput> FillConsentStatement(LetterContext& ctx) {
  const LetterRequest& in = ctx.in;
  report::ConsentInput ci;
  ci.common = ctx.common;
  ci.officer = ctx.officer;
  ci.relation = in.relation;
  std::string client = ctx.client_id, declarant = ctx.client_id;
  std::vector<std::string> services = in.services, share_with = in.share_with;
  if (in.consent_id) {
    std::optional<store::ConsentRecord> found;
    for (auto& cr : store::ListConsents(ctx.c, ctx.case_id))
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
        if (auto partner = store::FindPartner(ctx.c, pid)) share_with.push_back(partner->name);
      if (auto uid = Text(data, "unit_id"); !uid.empty())
        if (auto other = store::FindUnit(ctx.c, uid)) share_with.push_back(other->name);
    }
    ctx.letter_info["consent_id"] = *in.consent_id;
  }
  if (in.declarant_id) declarant = *in.declarant_id;
  if (services.empty()) return Fail(FieldRequired("services"));
  // A child does not sign alone (UU 27/2022 art. 25): her parent or guardian.
  if (!in.consent_id && !in.declarant_id && client == ctx.client_id &&
      ctx.IsChild(PersonFrom(ctx.client_record, ctx.cls, ctx.date)))
    if (auto g = ctx.GuardianOf(ctx.client_id))
      declarant = Text(g->first, "person_id").empty() ? declarant : Text(g->first, "person_id");
  ci.services = services;
  ci.share_with = share_with;
  auto cl = ctx.Person(client, in.consent_id ? "consent_id" : "declarant_id");
  if (!cl) return Fail(cl.error());
  if (declarant == client) {
    ci.declarant = PersonFrom(cl->first, ctx.cls, ctx.date);
  } else {
    auto d = ctx.Person(declarant, in.declarant_id ? "declarant_id" : "consent_id");
    if (!d) return Fail(d.error());
    ci.declarant = PersonFrom(d->first, ctx.cls, ctx.date);
    ci.client = PersonFrom(cl->first, ctx.cls, ctx.date);
    if (ci.relation.empty()) {
      std::string rel = Text(d->first, "relation");
      ci.relation = rel.empty() ? "" : RelationWording(ctx.cls, rel);
    }
    if (ci.relation.empty()) return Fail(FieldRequired("relation"));
  }
  ctx.sealing_person = client;
  return ci;
}

Result<LetterInput> FillMediationAgreement(LetterContext& ctx) {
  const LetterRequest& in = ctx.in;
  // Sexual-violence crimes may not be settled outside court (UU 12/2022 art. 23).
  for (const auto& inc : store::ListIncidents(ctx.c, ctx.case_id)) {
    json::object data = json::parse(inc.data).as_object();
    if (auto* f = data.if_contains("forms"); f && f->is_array())
      for (const auto& v : f->as_array())
        if (v.is_string() && v.as_string() == "sexual")
          return Fail(
              MakeError(ErrorKind::kFailedPrecondition, "mediation_not_allowed",
                        "Kasus kekerasan seksual tidak dapat diselesaikan dengan mediasi (UU "
                        "12/2022 pasal 23).",
                        "A sexual-violence case may not be settled by mediation (UU 12/2022 "
                        "art. 23).",
                        "kind"));
  }
  report::MediationAgreementInput m;
  m.common = ctx.common;
  m.location = in.location;
  m.mediator = ctx.officer;
  // The officer signs as the mediator unless the request names their position.
  if (!in.officer || in.officer->position.empty()) m.mediator.position = "Mediator";
  if (m.location.empty()) return Fail(FieldRequired("location"));
  if (!in.first_party) return Fail(FieldRequired("first_party"));
  if (!in.second_party) return Fail(FieldRequired("second_party"));
  auto first = ctx.Party(*in.first_party, "first_party");
  if (!first) return Fail(first.error());
  auto second = ctx.Party(*in.second_party, "second_party");
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
                          "duty_stamp: first_party, second_party or both.", "duty_stamp"));
  for (std::size_t i = 0; i < in.witnesses.size(); ++i) {
    auto w = ctx.Party(in.witnesses[i], fmt::format("witnesses[{}]", i));
    if (!w) return Fail(w.error());
    m.witnesses.push_back(std::move(*w));
  }
  return m;
}

Result<LetterInput> FillTermination(LetterContext& ctx) {
  const LetterRequest& in = ctx.in;
  report::TerminationInput t;
  t.common = ctx.common;
  t.case_manager = ctx.officer;
  t.reason_note = in.reason_note;
  t.client_feedback = in.client_feedback;
  std::vector<std::string> services = in.services;
  std::string reason = in.termination_reason;
  if (in.termination_id) {
    std::optional<store::CaseWorkRow> found;
    for (auto& row : store::ListTerminations(ctx.c, ctx.case_id))
      if (row.id == *in.termination_id) found = std::move(row);
    if (!found) return Fail(RecordNotFound("termination_not_found", "termination_id"));
    json::object data = json::parse(found->data).as_object();
    // Dated as the termination was, unless the request dates it.
    if (auto* f = data.if_contains("form"); f && f->is_object() && !in.date)
      if (auto d = ParseDate(Text(f->as_object(), "tanggal"))) {
        ctx.date = *d;
        t.common.date = ctx.date;
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
              services.push_back(LabelOf(ctx.cls.services, std::string(v.as_string())));
    ctx.letter_info["termination_id"] = *in.termination_id;
  }
  auto parsed = TerminationReasonOf(reason);
  if (!parsed) return Fail(parsed.error());
  t.reason = *parsed;
  if (services.empty()) return Fail(FieldRequired("services"));
  t.services = services;
  t.client = PersonFrom(ctx.client_record, ctx.cls, ctx.date);
  auto start = OptDate(in.service_start, "service_start");
  if (!start) return Fail(start.error());
  if (*start) {
    t.service_start = **start;
  } else if (auto r = ParseInstant(ctx.kase.received_at)) {
    t.service_start = LocalDate(*r, UtcOffsetOrWib(ctx.unit.time_zone));
  }
  auto conf = OptDate(in.case_conference, "case_conference");
  if (!conf) return Fail(conf.error());
  t.case_conference = *conf;
  if (in.signer_id && *in.signer_id != ctx.client_id) {
    auto s = ctx.Person(*in.signer_id, "signer_id");
    if (!s) return Fail(s.error());
    t.signer = PersonFrom(s->first, ctx.cls, ctx.date);
    t.signer_relation = in.signer_relation;
    if (t.signer_relation.empty() && !report::IsUnilateral(t.reason))
      return Fail(FieldRequired("signer_relation"));
  } else if (auto g = !in.signer_id && ctx.IsChild(t.client) ? ctx.GuardianOf(ctx.client_id)
                                                             : std::nullopt) {
    // A child's termination form is signed by her parent or guardian.
    t.signer = PersonFrom(g->first, ctx.cls, ctx.date);
    t.signer_relation = in.signer_relation.empty() ? g->second : in.signer_relation;
  } else {
    t.signer = t.client;
    t.signer_relation = in.signer_relation.empty() ? "Penerima Manfaat" : in.signer_relation;
  }
  return t;
}

Result<LetterInput> FillOutreachReport(LetterContext& ctx) {
  const LetterRequest& in = ctx.in;
  report::OutreachReportInput o;
  o.common = ctx.common;
  o.reported_by = ctx.officer;
  o.assignment_number = in.assignment_number;
  auto assignment_date = OptDate(in.assignment_date, "assignment_date");
  if (!assignment_date) return Fail(assignment_date.error());
  if (*assignment_date) o.assignment_date = **assignment_date;
  if (in.assignment_document_id) {
    auto l = LetterDocument(ctx.c, ctx.case_id, *in.assignment_document_id);
    if (!l || Text(l->second, "kind") != "surat-tugas")
      return Fail(RecordNotFound("document_not_found", "assignment_document_id"));
    if (o.assignment_number.empty()) o.assignment_number = Text(l->second, "agenda_number");
    if (!*assignment_date)
      if (auto d = ParseDate(Text(l->second, "date"))) o.assignment_date = *d;
    ctx.letter_info["assignment_document_id"] = *in.assignment_document_id;
  }
  if (o.assignment_number.empty()) return Fail(FieldRequired("assignment_number"));
  if (!o.assignment_date.ok()) return Fail(FieldRequired("assignment_date"));
  if (!in.outreach_date) return Fail(FieldRequired("outreach_date"));
  auto od = OptDate(in.outreach_date, "outreach_date");
  if (!od) return Fail(od.error());
  o.outreach_date = **od;
  if (in.location.empty()) return Fail(FieldRequired("location"));
  o.location = in.location;
  auto os = ctx.Officers("officers");
  if (!os) return Fail(os.error());
  o.officers = std::move(*os);
  o.coordinated_with = in.coordinated_with;
  o.client = PersonFrom(ctx.client_record, ctx.cls, ctx.date);
  o.consent_given = in.consent_given.value_or(true);
  if (in.findings.empty()) return Fail(FieldRequired("findings"));
  o.findings = in.findings;
  std::string risk = in.risk;
  if (risk.empty())
    if (auto* cl = ctx.case_data.if_contains("classification"); cl && cl->is_object())
      risk = Text(cl->as_object(), "risk_level");
  if (risk.empty() || risk == "low")
    o.risk = report::RiskLevel::kLow;
  else if (risk == "medium")
    o.risk = report::RiskLevel::kMedium;
  else if (risk == "high")
    o.risk = report::RiskLevel::kHigh;
  else
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_risk",
                          "risk: low, medium atau high.", "risk: low, medium or high.", "risk"));
  o.risk_note = in.risk_note;
  o.follow_up = in.follow_up;
  return o;
}

}  // namespace lindungi::letter_fillers
