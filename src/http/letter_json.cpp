#include "http/letter_json.h"

#include <fmt/format.h>

#include "http/json_body.h"
#include "report/letter.h"

namespace lindungi::http {
namespace json = boost::json;
namespace {

Error NotAList(const std::string& field) {
  return MakeError(ErrorKind::kInvalidArgument, "invalid_type",
                   fmt::format("Kolom {} harus daftar objek.", field),
                   fmt::format("Field {} must be a list of objects.", field), field);
}

LetterOfficer ReadOfficer(const json::object& o, const std::string& path, ObjectReader& outer) {
  ObjectReader r(o, path);
  LetterOfficer out;
  out.name = r.OptString("name").value_or("");
  out.nip = r.OptString("nip").value_or("");
  out.rank = r.OptString("rank").value_or("");
  out.position = r.OptString("position").value_or("");
  if (auto s = r.Finish(); !s) outer.Report(s.error());
  return out;
}

LetterParty ReadParty(const json::object& o, const std::string& path, ObjectReader& outer) {
  ObjectReader r(o, path);
  LetterParty out;
  out.person_id = r.OptString("person_id");
  out.name = r.OptString("name").value_or("");
  out.sex = r.OptString("sex").value_or("");
  out.occupation = r.OptString("occupation").value_or("");
  out.address = r.OptString("address").value_or("");
  if (auto a = r.OptInt("age_years")) {
    if (*a < 0 || *a > 130)
      r.Report(MakeError(ErrorKind::kInvalidArgument, "invalid_age", "Umur 0–130.", "Age 0-130.",
                         r.FieldPath("age_years")));
    else
      out.age_years = int(*a);
  }
  if (auto s = r.Finish(); !s) outer.Report(s.error());
  return out;
}

// An optional list of objects, each read by `read`.
template <class T, class F>
std::vector<T> ReadList(const json::object& o, std::string_view key, ObjectReader& r, F read) {
  std::vector<T> out;
  r.Skip(key);
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  std::string field = r.FieldPath(key);
  if (!v->is_array() || v->as_array().size() > 50) {
    r.Report(NotAList(field));
    return out;
  }
  const auto& items = v->as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_object()) {
      r.Report(NotAList(field));
      return out;
    }
    out.push_back(read(items[i].as_object(), fmt::format("{}[{}]", field, i), r));
  }
  return out;
}

// A list of at most 50 strings under `key`.
std::vector<std::string> Strings(ObjectReader& r, std::string_view key) {
  return r.Strings(key, 50);
}

// An optional string under `key`, "" when absent.
std::string Text(ObjectReader& r, std::string_view key) {
  return r.OptString(key).value_or("");
}

// The fields of an assignment letter (surat tugas).
void ReadAssignment(const json::object& o, ObjectReader& r, LetterRequest& in) {
  in.travel_order = r.Bool("travel_order", false);
  in.basis = Strings(r, "basis");
  in.officers = ReadList<LetterOfficer>(o, "officers", r, ReadOfficer);
  in.task = Text(r, "task");
  in.destination = Text(r, "destination");
  in.start = r.OptString("start");
  in.end = r.OptString("end");
  in.funding = Text(r, "funding");
  in.plan_document_id = r.OptString("plan_document_id");
}

// The fields of a travel order (SPPD).
void ReadTravelOrder(ObjectReader& r, LetterRequest& in) {
  in.plan_document_id = r.OptString("plan_document_id");
  in.assignment_document_id = r.OptString("assignment_document_id");
}

// The fields of a referral letter.
void ReadReferral(ObjectReader& r, LetterRequest& in) {
  in.referral_id = r.OptString("referral_id");
  in.recipient = Strings(r, "recipient");
  in.recipient_place = Text(r, "recipient_place");
  in.service_title = Text(r, "service_title");
  in.service_requested = Text(r, "service_requested");
  in.reason = Text(r, "reason");
  in.consent_date = r.OptString("consent_date");
  in.contact_phone = Text(r, "contact_phone");
  in.attachments = Strings(r, "attachments");
  in.copies_to = Strings(r, "copies_to");
}

// The fields of the handover minutes of a referral (berita acara penyerahan).
void ReadHandoverMinutes(ObjectReader& r, LetterRequest& in) {
  in.referral_id = r.OptString("referral_id");
  in.transfer_id = r.OptString("transfer_id");
  in.location = Text(r, "location");
  if (const auto* v = r.Object("receiving", false)) in.receiving = ReadOfficer(*v, "receiving", r);
  in.partner_name = Text(r, "partner_name");
  in.referral_number = Text(r, "referral_number");
  in.items = Strings(r, "items");
}

// The fields of a consent statement.
void ReadConsentStatement(ObjectReader& r, LetterRequest& in) {
  in.consent_id = r.OptString("consent_id");
  in.declarant_id = r.OptString("declarant_id");
  in.relation = Text(r, "relation");
  in.services = Strings(r, "services");
  in.share_with = Strings(r, "share_with");
}

// The fields of a mediation agreement.
void ReadMediationAgreement(const json::object& o, ObjectReader& r, LetterRequest& in) {
  in.location = Text(r, "location");
  if (const auto* v = r.Object("first_party", false))
    in.first_party = ReadParty(*v, "first_party", r);
  if (const auto* v = r.Object("second_party", false))
    in.second_party = ReadParty(*v, "second_party", r);
  in.agreements = Strings(r, "agreements");
  in.duty_stamp = Text(r, "duty_stamp");
  in.witnesses = ReadList<LetterParty>(o, "witnesses", r, ReadParty);
}

// The fields of a termination letter.
void ReadTermination(ObjectReader& r, LetterRequest& in) {
  in.termination_id = r.OptString("termination_id");
  in.termination_reason = Text(r, "reason");
  in.reason_note = Text(r, "reason_note");
  in.services = Strings(r, "services");
  in.service_start = r.OptString("service_start");
  in.case_conference = r.OptString("case_conference");
  in.client_feedback = Text(r, "client_feedback");
  in.signer_id = r.OptString("signer_id");
  in.signer_relation = Text(r, "signer_relation");
}

// The fields of an outreach report.
void ReadOutreachReport(const json::object& o, ObjectReader& r, LetterRequest& in) {
  in.assignment_document_id = r.OptString("assignment_document_id");
  in.assignment_number = Text(r, "assignment_number");
  in.assignment_date = r.OptString("assignment_date");
  in.outreach_date = r.OptString("outreach_date");
  in.location = Text(r, "location");
  in.officers = ReadList<LetterOfficer>(o, "officers", r, ReadOfficer);
  in.coordinated_with = Strings(r, "coordinated_with");
  in.consent_given = r.OptBool("consent_given");
  in.findings = Strings(r, "findings");
  in.risk = Text(r, "risk");
  in.risk_note = Text(r, "risk_note");
  in.follow_up = Strings(r, "follow_up");
}

}  // namespace

Result<LetterRequest> ReadLetterRequest(const json::object& o) {
  ObjectReader r(o);
  LetterRequest in;
  in.kind = r.String("kind");
  if (!r.ok()) {
    if (auto s = r.Finish(); !s) return Fail(s.error());
  }
  auto kind = report::LetterKindFromId(in.kind);
  if (!kind)
    return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_letter_kind",
                          "Jenis surat tidak dikenal.", "Unknown letter kind.", "kind"));
  in.date = r.OptString("date");
  if (const auto* v = r.Object("officer", false)) in.officer = ReadOfficer(*v, "officer", r);
  switch (*kind) {
    case report::LetterKind::kAssignment:
      ReadAssignment(o, r, in);
      break;
    case report::LetterKind::kTravelOrder:
      ReadTravelOrder(r, in);
      break;
    case report::LetterKind::kReferral:
      ReadReferral(r, in);
      break;
    case report::LetterKind::kHandoverMinutes:
      ReadHandoverMinutes(r, in);
      break;
    case report::LetterKind::kConsentStatement:
      ReadConsentStatement(r, in);
      break;
    case report::LetterKind::kMediationAgreement:
      ReadMediationAgreement(o, r, in);
      break;
    case report::LetterKind::kTermination:
      ReadTermination(r, in);
      break;
    case report::LetterKind::kOutreachReport:
      ReadOutreachReport(o, r, in);
      break;
  }
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<LetterSettings> ReadLetterSettings(const json::object& o) {
  ObjectReader r(o);
  LetterSettings s;
  s.authority = r.Strings("authority", 4);
  s.name = r.String("name");
  s.address = r.String("address");
  s.phone = r.OptString("phone").value_or("");
  s.email = r.OptString("email").value_or("");
  s.city = r.String("city");
  if (const auto* h = r.Object("head", true)) {
    ObjectReader hr(*h, "head");
    s.head.name = hr.String("name");
    s.head.nip = hr.String("nip");
    s.head.rank = hr.OptString("rank").value_or("");
    s.head.position = hr.OptString("position").value_or("");
    if (auto st = hr.Finish(); !st) r.Report(st.error());
  }
  if (const auto* a = r.Object("agenda", false)) {
    ObjectReader ar(*a, "agenda");
    if (auto v = ar.OptString("pattern")) s.agenda.pattern = *v;
    if (auto v = ar.OptString("classification")) s.agenda.classification = *v;
    if (auto v = ar.OptString("unit_code")) s.agenda.unit_code = *v;
    if (auto st = ar.Finish(); !st) r.Report(st.error());
  }
  if (auto st = r.Finish(); !st) return Fail(st.error());
  return s;
}

}  // namespace lindungi::http
