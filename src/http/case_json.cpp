#include "http/case_json.h"

#include <algorithm>
#include <limits>

#include "http/json_body.h"

namespace lindungi::http {

Result<IntakeRequest> ReadIntake(const boost::json::object& o) {
  ObjectReader r(o);
  IntakeRequest in;
  in.unit_id = r.OptString("unit_id");
  in.channel = r.String("channel");
  in.crisis = r.Bool("crisis", false);
  in.sensitive = r.Bool("sensitive", false);
  in.received_at = r.OptString("received_at");
  in.referred_by = r.OptString("referred_by");
  in.incident_date = r.OptString("incident_date");
  in.narrative = r.String("narrative");
  if (const auto* rep = r.Object("reporter", true)) {
    ObjectReader rr(*rep, "reporter");
    in.reporter.name = rr.String("name");
    in.reporter.relation = rr.String("relation");
    in.reporter.phone = rr.OptString("phone");
    in.reporter.is_client = rr.Bool("is_client", false);
    if (auto s = rr.Finish(); !s) return Fail(s.error());
  }
  if (const auto* cl = r.Object("client", true)) {
    ObjectReader cr(*cl, "client");
    in.client.name = cr.String("name");
    in.client.sex = cr.String("sex");
    in.client.birth_date = cr.OptString("birth_date");
    if (auto age = cr.OptInt("age_years")) {
      in.client.age_years = int(std::clamp<std::int64_t>(*age, -1, 1000));
    }
    in.client.nik = cr.OptString("nik");
    in.client.phone = cr.OptString("phone");
    in.client.address = cr.OptString("address");
    in.client.disability = cr.Bool("disability", false);
    if (auto s = cr.Finish(); !s) return Fail(s.error());
  }
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<CaseUpdateRequest> ReadCaseUpdate(const boost::json::object& o) {
  ObjectReader r(o);
  CaseUpdateRequest out;
  out.version = r.Int("version");
  out.update.channel = r.OptString("channel");
  out.update.crisis = r.OptBool("crisis");
  out.update.narrative = r.OptString("narrative");
  out.update.status = r.OptString("status");
  out.update.incident_date = r.OptString("incident_date");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  if (out.version < 1) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_version",
                          "Kolom version harus ≥ 1.", "Field version must be >= 1.", "version"));
  }
  return out;
}

Result<LoginRequest> ReadLogin(const boost::json::object& o) {
  ObjectReader r(o);
  LoginRequest out{r.String("username"), r.String("password"), r.OptString("totp").value_or("")};
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<IntakeRequest> ParseAndValidateIntake(std::string_view body, Instant now) {
  auto o = ParseJsonObject(body);
  if (!o) return Fail(o.error());
  auto in = ReadIntake(*o);
  if (!in) return in;
  if (auto s = ValidateIntake(*in, now); !s) return Fail(s.error());
  return in;
}

Result<TeamAddRequest> ReadTeamAdd(const boost::json::object& o) {
  ObjectReader r(o);
  TeamAddRequest out;
  out.user_id = r.String("user_id");
  out.reason = r.OptString("reason").value_or("");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<SensitivityRequest> ReadSensitivity(const boost::json::object& o) {
  ObjectReader r(o);
  SensitivityRequest out;
  if (!o.contains("sensitive") || !o.at("sensitive").is_bool()) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "required",
                          "Kolom sensitive wajib diisi (true atau false).",
                          "Field sensitive is required (true or false).", "sensitive"));
  }
  out.sensitive = r.Bool("sensitive", false);
  out.reason = r.String("reason");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<LawfulRequest> ReadLawfulRequest(const boost::json::object& o) {
  ObjectReader r(o);
  LawfulRequest out;
  out.legal_basis = r.String("legal_basis");
  out.reference = r.String("reference");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<CaseClassification> ReadClassification(const boost::json::object& o) {
  ObjectReader r(o);
  CaseClassification out;
  out.case_types = r.Strings("case_types", 10);
  out.ampk_categories = r.Strings("ampk_categories", 15);
  out.risk_level = r.OptString("risk_level").value_or("");
  out.jurisdiction = r.OptString("jurisdiction").value_or("");
  out.village_manageable = r.Bool("village_manageable", false);
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<TriageDecisionRequest> ReadTriageDecision(const boost::json::object& o) {
  ObjectReader r(o);
  TriageDecisionRequest out;
  out.decision = r.String("decision");
  out.reason = r.OptString("reason").value_or("");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

namespace {

// {"province","regency","district","village"}, each optional.
RegionCodes ReadRegion(ObjectReader& r, const char* key) {
  RegionCodes out;
  if (const auto* o = r.Object(key, false)) {
    ObjectReader in(*o, r.FieldPath(key));
    out.province = in.OptString("province");
    out.regency = in.OptString("regency");
    out.district = in.OptString("district");
    out.village = in.OptString("village");
    if (auto s = in.Finish(); !s) r.Report(s.error());
  }
  return out;
}

std::optional<int> OptAge(ObjectReader& r, const char* key) {
  auto v = r.OptInt(key);
  if (!v) return std::nullopt;
  return int(std::clamp<std::int64_t>(*v, -1, 1000));
}

}  // namespace

Result<PersonInput> ReadPerson(const boost::json::object& o) {
  ObjectReader r(o, "person");
  PersonInput p;
  p.role = r.OptString("role").value_or("");
  p.name = r.OptString("name").value_or("");
  p.sex = r.OptString("sex");
  p.birth_date = r.OptString("birth_date");
  p.age_years = OptAge(r, "age_years");
  p.nik = r.OptString("nik");
  p.kk_number = r.OptString("kk_number");
  p.birth_certificate_number = r.OptString("birth_certificate_number");
  p.phone = r.OptString("phone");
  p.address = r.OptString("address");
  p.region = ReadRegion(r, "region");
  p.education = r.OptString("education");
  p.occupation = r.OptString("occupation");
  p.marital_status = r.OptString("marital_status");
  p.disability = r.Bool("disability", false);
  p.disability_kinds = r.Strings("disability_kinds", 4);
  p.relation = r.OptString("relation");
  p.guardian_of = r.OptString("guardian_of");
  p.same_as = r.OptString("same_as");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return p;
}

Result<IncidentInput> ReadIncident(const boost::json::object& o) {
  ObjectReader r(o, "incident");
  IncidentInput in;
  in.date = r.String("date");
  in.time = r.OptString("time");
  in.place_type = r.String("place_type");
  in.place = r.OptString("place");
  in.region = ReadRegion(r, "region");
  in.forms = r.Strings("forms", 7);
  in.penetration = r.Bool("penetration", false);
  in.forced_marriage = r.Bool("forced_marriage", false);
  in.client_ids = r.Strings("client_ids", 20);
  in.narrative = r.OptString("narrative");
  if (const auto* list = o.if_contains("perpetrators"); list && !list->is_null()) {
    if (!list->is_array() || list->as_array().size() > 20) {
      return Fail(MakeError(ErrorKind::kInvalidArgument, "wrong_type",
                            "Kolom incident.perpetrators harus daftar (maks. 20).",
                            "Field incident.perpetrators must be a list (at most 20).",
                            "incident.perpetrators"));
    }
    for (const auto& item : list->as_array()) {
      if (!item.is_object()) {
        return Fail(MakeError(ErrorKind::kInvalidArgument, "wrong_type",
                              "Isi incident.perpetrators harus objek {person_id, relation}.",
                              "Items of incident.perpetrators must be {person_id, relation}.",
                              "incident.perpetrators"));
      }
      ObjectReader pr(item.as_object(), "incident.perpetrators");
      IncidentPerpetrator pp{pr.String("person_id"), pr.OptString("relation")};
      if (auto s = pr.Finish(); !s) return Fail(s.error());
      in.perpetrators.push_back(std::move(pp));
    }
    r.Skip("perpetrators");
  }
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<ConsentInput> ReadConsent(const boost::json::object& o) {
  ObjectReader r(o);
  ConsentInput in;
  in.client_id = r.String("client_id");
  in.given_by = r.String("given_by");
  in.scopes = r.Strings("scopes", 6);
  in.partner_id = r.OptString("partner_id").value_or("");
  in.unit_id = r.OptString("unit_id").value_or("");
  auto decision = r.OptString("decision").value_or("given");
  in.signed_statement = r.Bool("signed_statement", false);
  in.note = r.OptString("note").value_or("");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  if (decision != "given" && decision != "refused") {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_value",
                          "decision: given atau refused.", "decision must be given or refused.",
                          "decision"));
  }
  in.given = decision == "given";
  return in;
}

Result<ReferralInput> ReadReferral(const boost::json::object& o) {
  ObjectReader r(o);
  ReferralInput in;
  in.partner_id = r.String("partner_id");
  in.client_id = r.String("client_id");
  in.services = r.Strings("services", 8);
  in.urgency = r.OptString("urgency").value_or("normal");
  in.reason = r.String("reason");
  in.share = r.Strings("share", 7);
  in.family_coordination = r.OptString("family_coordination").value_or("");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

namespace {
Result<std::string> ReadOneText(const boost::json::object& o, const char* key, bool required) {
  ObjectReader r(o);
  std::string v = required ? r.String(key) : r.OptString(key).value_or("");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return v;
}
}  // namespace

Result<std::string> ReadReason(const boost::json::object& o) {
  return ReadOneText(o, "reason", true);
}
Result<std::string> ReadOptionalNote(const boost::json::object& o) {
  return ReadOneText(o, "note", false);
}
Result<std::string> ReadReport(const boost::json::object& o) {
  return ReadOneText(o, "report", true);
}

namespace {

int Clamped(std::int64_t v) {
  return int(std::clamp<std::int64_t>(v, -1, 1000000));
}

}  // namespace

Result<ShelterRequest> ReadShelter(const boost::json::object& o, bool allow_unit) {
  ObjectReader r(o);
  ShelterRequest out;
  if (allow_unit) out.unit_id = r.OptString("unit_id");
  out.shelter.name = r.String("name");
  out.shelter.kind = r.String("kind");
  out.shelter.capacity = Clamped(r.Int("capacity"));
  out.shelter.takes = r.String("takes");
  if (auto v = r.OptInt("max_age")) out.shelter.max_age = Clamped(*v);
  out.shelter.address = r.String("address");
  out.shelter.phone = r.OptString("phone");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<AdmissionInput> ReadAdmission(const boost::json::object& o) {
  ObjectReader r(o);
  AdmissionInput out;
  out.shelter_id = r.String("shelter_id");
  out.person_id = r.String("person_id");
  out.admitted_on = r.OptString("admitted_on");
  out.expected_days = Clamped(r.Int("expected_days"));
  out.reason = r.String("reason");
  out.override_reason = r.OptString("override_reason");
  out.task_id = r.OptString("task_id");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

Result<DischargeInput> ReadDischarge(const boost::json::object& o) {
  ObjectReader r(o);
  DischargeInput out;
  out.discharged_on = r.String("discharged_on");
  out.reason = r.String("reason");
  out.note = r.OptString("note");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return out;
}

}  // namespace lindungi::http
