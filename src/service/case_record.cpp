// The case record beyond intake (DESIGN §3): people, incidents, classification and
// identification triage.
// Member functions of CaseRecordService; the rules are pure (core/classification.h,
// core/triage.h), this file loads, authorizes, and appends the events.
#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include "core/text.h"
#include "core/time_zone.h"
#include "security/random.h"
#include "service/case_access.h"
#include "service/case_record_service.h"
#include "service/json_values.h"
#include "service/person_age.h"
#include "service/sealing.h"
#include "service/writes.h"
#include "store/case_store.h"
#include "store/event_log.h"
#include "store/events/person_events.h"
#include "store/events/sop_events.h"

namespace lindungi {
namespace json = boost::json;
namespace {

constexpr std::string_view kRiskLevels[] = {"low", "medium", "high"};
constexpr std::string_view kJurisdictions[] = {"kabupaten_kota", "provinsi", "nasional"};

Error Invalid(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

std::vector<std::string> StringsOf(const json::value* v) {
  std::vector<std::string> out;
  if (v && v->is_array())
    for (const auto& x : v->as_array())
      if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

std::string TextOf(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The case's data object (cases.data) and one of its members, if it is an object.
const json::object* Member(const json::object& data, std::string_view key) {
  auto* v = data.if_contains(key);
  return v && v->is_object() ? &v->as_object() : nullptr;
}

json::object TriageJson(const TriageResult& t) {
  json::array reasons;
  for (const auto& r : t.reasons) {
    reasons.push_back(
        json::object{{"rule", r.rule}, {"message", r.message_en}, {"message_id", r.message_id}});
  }
  return json::object{{"recommendation", TextOrNull(t.recommendation)},
                      {"reasons", std::move(reasons)},
                      {"missing", Strings(t.missing)}};
}

bool IsRecommendation(std::string_view v) {
  return std::find(std::begin(kTriageRecommendations), std::end(kTriageRecommendations), v) !=
         std::end(kTriageRecommendations);
}

}  // namespace

TriageInput TriageInputOf(const store::CaseRecord& k) {
  TriageInput in;
  in.emergency = k.crisis;
  json::object data = json::parse(k.data).as_object();
  if (const auto* c = Member(data, "classification")) {
    in.case_types = StringsOf(c->if_contains("case_types"));
    in.ampk_categories = StringsOf(c->if_contains("ampk_categories"));
    in.risk_level = TextOf(*c, "risk_level");
    in.jurisdiction = TextOf(*c, "jurisdiction");
    if (auto* v = c->if_contains("village_manageable"); v && v->is_bool())
      in.village_manageable = v->as_bool();
  }
  return in;
}

Result<store::events::TriageDecided> TriageDecision(store::SqlConn& c, const Vault& vault,
                                                    const store::CaseRecord& k,
                                                    const std::string& decision,
                                                    const std::string& reason) {
  TriageResult t = Triage(TriageInputOf(k));
  // Without a recommendation (not classified yet) there is nothing to override.
  bool overrides = !t.recommendation.empty() && decision != t.recommendation;
  if (overrides && reason.size() < 5) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "override_reason_required",
                          "Keputusan berbeda dari rekomendasi triase: tulis alasannya "
                          "(5–2000 karakter).",
                          "The decision differs from the triage recommendation: give the reason "
                          "(5-2000 characters).",
                          "reason"));
  }
  store::events::TriageDecided decided{
      t.recommendation.empty() ? std::nullopt : std::optional<std::string>(t.recommendation),
      decision,
      overrides,
      {},
      std::nullopt,
      std::nullopt};
  for (const auto& r : t.reasons) decided.rules.push_back(r.rule);
  if (!reason.empty()) {
    auto sealed = SealForCase(c, vault, k, reason);
    if (!sealed) return Fail(sealed.error());
    decided.reason = *sealed;
  }
  return decided;
}

std::string DecidedTriage(const store::CaseRecord& k) {
  json::object data = json::parse(k.data).as_object();
  const auto* t = Member(data, "triage");
  return t ? TextOf(*t, "decision") : std::string();
}

Result<WriteReply> CaseRecordService::Classify(const Principal& p, const std::string& case_id,
                                               const CaseClassification& c,
                                               const std::optional<Idempotency>& idem) {
  if (c.case_types.empty()) {
    return Fail(Invalid("required", "Pilih minimal satu jenis kasus (case_types).",
                        "Choose at least one case type (case_types).", "case_types"));
  }
  for (auto [list, field, values] :
       {std::tuple{"case_types", "case_types", &c.case_types},
        std::tuple{"ampk_categories", "ampk_categories", &c.ampk_categories}}) {
    for (const auto& v : *values) {
      if (!classification_.Has(list, v)) {
        return Fail(Invalid("unknown_value",
                            fmt::format("Nilai {} tidak ada dalam daftar {}.", EchoSafe(v), list),
                            fmt::format("{} is not in the list {}.", EchoSafe(v), list), field));
      }
    }
  }
  if (!c.ampk_categories.empty() &&
      std::find(c.case_types.begin(), c.case_types.end(), "ampk") == c.case_types.end()) {
    return Fail(Invalid("ampk_type_required", "Kategori AMPK hanya untuk kasus berjenis ampk.",
                        "AMPK categories need the case type ampk.", "ampk_categories"));
  }
  if (!c.risk_level.empty() && !IsOneOf(c.risk_level, kRiskLevels)) {
    return Fail(Invalid("invalid_value", "risk_level: low, medium atau high.",
                        "risk_level must be low, medium or high.", "risk_level"));
  }
  if (!c.jurisdiction.empty() && !IsOneOf(c.jurisdiction, kJurisdictions)) {
    return Fail(Invalid("invalid_value", "jurisdiction: kabupaten_kota, provinsi atau nasional.",
                        "jurisdiction must be kabupaten_kota, provinsi or nasional.",
                        "jurisdiction"));
  }
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& conn, const store::CaseRecord& k) -> Result<WriteReply> {
        auto has = [&](std::string_view t) {
          return std::find(c.case_types.begin(), c.case_types.end(), t) != c.case_types.end();
        };
        auto opt = [](const std::string& s) {
          return s.empty() ? std::nullopt : std::optional<std::string>(s);
        };
        store::events::CaseClassified classified{c.case_types, c.ampk_categories, opt(c.risk_level),
                                                 opt(c.jurisdiction), c.village_manageable};
        // What SOP requirements and conditions read (docs/sop-format.md "Facts").
        json::object facts{{"case_type", fmt::format("{}", fmt::join(c.case_types, ","))},
                           {"abh", has("abh")},
                           {"trafficking", has("tppo")},
                           {"domestic_violence", has("kdrt")}};
        if (!c.risk_level.empty()) {
          facts["risk_level"] = c.risk_level;
          facts["high_risk"] = c.risk_level == "high";
        }
        if (!c.jurisdiction.empty()) facts["jurisdiction"] = c.jurisdiction;
        auto a = store::AppendEvents(
            conn, store::CaseStream(case_id), store::ExpectedVersion::Exactly(k.version),
            {store::MakeEvent(classified),
             store::MakeEvent(store::events::CaseFactsRecorded{std::move(facts), {}, {}})},
            p.user_id, FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        auto after = store::FindCase(conn, case_id);
        json::object out = TriageJson(::lindungi::Triage(TriageInputOf(*after)));
        json::object data = json::parse(after->data).as_object();
        return WriteReply{200, json::object{{"case_id", case_id},
                                            {"case_version", a->version},
                                            {"classification", data.at("classification")},
                                            {"triage", std::move(out)}}};
      });
}

Result<json::value> CaseRecordService::Triage(const Principal& p, const std::string& case_id) {
  std::optional<store::CaseRecord> k;
  bool visible = false;
  db_.ReadOne([&](store::SqlConn& c) {
    k = store::FindCase(c, case_id);
    visible = k && CaseVisibleTo(c, p, *k);
  });
  if (!visible) return Fail(CaseNotFound());
  TriageInput in = TriageInputOf(*k);
  json::object out = TriageJson(::lindungi::Triage(in));
  out["case_id"] = case_id;
  out["inputs"] = json::object{{"case_types", Strings(in.case_types)},
                               {"risk_level", in.risk_level},
                               {"jurisdiction", in.jurisdiction},
                               {"village_manageable", in.village_manageable},
                               {"emergency", in.emergency}};
  json::value decided = nullptr;
  json::object data = json::parse(k->data).as_object();
  if (const auto* t = Member(data, "triage")) decided = *t;
  // The reason may be personal (sealed under the client's key): the case's reader sees it.
  db_.ReadOne([&](store::SqlConn& c) { vault_.DecryptTree(c, decided); });
  out["decided"] = std::move(decided);
  access_log_.Record(p, k->unit_id, k->id, "triage");
  return out;
}

Result<WriteReply> CaseRecordService::DecideTriage(const Principal& p, const std::string& case_id,
                                                   const std::string& decision,
                                                   const std::string& reason,
                                                   const std::optional<Idempotency>& idem) {
  if (!IsRecommendation(decision)) {
    return Fail(Invalid("invalid_value",
                        "decision: continue_here, hand_to_patbm, hand_to_social_services, "
                        "hand_to_province_or_ministry, emergency_outreach atau information_only.",
                        "decision must be continue_here, hand_to_patbm, hand_to_social_services, "
                        "hand_to_province_or_ministry, emergency_outreach or information_only.",
                        "decision"));
  }
  if (reason.size() > 2000) {
    return Fail(Invalid("invalid_reason", "Alasan paling banyak 2000 karakter.",
                        "A reason has at most 2000 characters.", "reason"));
  }
  return WriteOnOpenCase(db_, clock_, vault_, p, idem, case_id,
                         [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
                           auto decided = TriageDecision(c, vault_, k, decision, reason);
                           if (!decided) return Fail(decided.error());
                           store::NewEvent e = store::MakeEvent(*decided);
                           json::object payload = e.payload;
                           auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                                        store::ExpectedVersion::Exactly(k.version),
                                                        {std::move(e)}, p.user_id,
                                                        FormatInstant(clock_.Now()));
                           if (!a) return Fail(a.error());
                           payload["case_id"] = case_id;
                           payload["case_version"] = a->version;
                           return WriteReply{200, std::move(payload)};
                         });
}

namespace {

Error PersonNotOnCase(std::string field = "person_id") {
  return MakeError(ErrorKind::kNotFound, "person_not_found", "Orang itu tidak ada pada kasus ini.",
                   "That person is not on this case.", std::move(field));
}

json::value RegionJson(const RegionCodes& r,
                       const std::function<json::value(const std::string&)>& seal) {
  json::object o;
  // Province, regency and district are coded for statistics; a village can single a person
  // out, so it is sealed.
  if (r.province) o["province"] = *r.province;
  if (r.regency) o["regency"] = *r.regency;
  if (r.district) o["district"] = *r.district;
  if (r.village) o["village"] = seal(*r.village);
  return o;
}

// A person's record as stored: identifying fields sealed under their own key.
json::object PersonFields(const PersonInput& in, const std::string& person_id,
                          const std::string& key, std::chrono::year_month_day today) {
  auto seal = [&](const std::string& v) -> json::value {
    return json::value(Vault::Encrypt(person_id, key, v));
  };
  json::object o{{"person_id", person_id}};
  if (!in.name.empty()) o["name"] = seal(in.name);
  if (in.sex) o["sex"] = *in.sex;
  if (in.birth_date) {
    o["birth_date"] = seal(*in.birth_date);
    if (auto d = ParseDate(*in.birth_date)) o["age_years"] = AgeOn(*d, today);
  }
  if (in.age_years) o["age_years"] = *in.age_years;
  for (auto [k, v] : {std::pair{"nik", &in.nik}, std::pair{"kk_number", &in.kk_number},
                      std::pair{"birth_certificate_number", &in.birth_certificate_number},
                      std::pair{"phone", &in.phone}, std::pair{"address", &in.address}}) {
    if (*v) o[k] = seal(**v);
  }
  json::value region = RegionJson(in.region, seal);
  if (!region.as_object().empty()) o["region"] = std::move(region);
  if (in.education) o["education"] = *in.education;
  if (in.occupation) o["occupation"] = *in.occupation;
  if (in.marital_status) o["marital_status"] = *in.marital_status;
  o["disability"] = in.disability;
  if (!in.disability_kinds.empty()) o["disability_kinds"] = Strings(in.disability_kinds);
  if (in.relation) o["relation"] = *in.relation;
  if (in.guardian_of) o["guardian_of"] = *in.guardian_of;
  return o;
}

}  // namespace

Result<WriteReply> CaseRecordService::AddPerson(const Principal& p, const std::string& case_id,
                                                const PersonInput& person,
                                                const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  if (auto s = ValidatePerson(person, classification_, now); !s) return Fail(s.error());
  if (person.role == "reporter") {
    return Fail(Invalid("invalid_value", "Pelapor dicatat saat pengaduan diterima.",
                        "The reporter is recorded with the intake.", "person.role"));
  }
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        if (person.guardian_of) {
          auto client = store::FindCasePerson(c, *person.guardian_of);
          if (!client || client->case_id != case_id || client->role != "client")
            return Fail(PersonNotOnCase("person.guardian_of"));
        }
        if (person.same_as) return AddRole(c, k, person, p, now);
        std::string person_id = security::RandomUuid();
        std::string key = vault_.NewPerson(c, person_id, case_id);
        json::object fields = PersonFields(person, person_id, key, UnitToday(c, k.unit_id, now));
        IndexPerson(c, vault_, person_id, case_id, k.unit_id, person.name, person.nik,
                    person.birth_date);
        auto a = store::AppendEvents(
            c, store::CaseStream(case_id), store::ExpectedVersion::Exactly(k.version),
            {store::MakeEvent(store::events::PersonAdded{person_id, person.role, fields})},
            p.user_id, FormatInstant(now));
        if (!a) return Fail(a.error());
        fields["role"] = person.role;
        fields["case_version"] = a->version;
        return WriteReply{201, std::move(fields)};
      });
}

Result<WriteReply> CaseRecordService::AddRole(store::SqlConn& c, const store::CaseRecord& k,
                                              const PersonInput& person, const Principal& p,
                                              Instant now) {
  // Only the intake's reporter takes on a second role, and only as the client's guardian
  // (a self-report is one record from the intake on).
  auto existing = store::FindCasePerson(c, *person.same_as);
  if (!existing || existing->case_id != k.id) return Fail(PersonNotOnCase("person.same_as"));
  if (existing->role != "reporter" || person.role != "guardian") {
    return Fail(Invalid(
        "invalid_value", "Hanya pelapor yang dapat dicatat juga sebagai wali klien.",
        "Only the reporter can also be recorded as the client's guardian.", "person.same_as"));
  }
  std::string key = vault_.PersonKey(c, existing->person_id);
  if (key.empty()) {
    return Fail(MakeError(ErrorKind::kConflict, "person_erased",
                          "Data orang ini sudah dihapus; tidak dapat diubah.",
                          "This person's data was erased; it cannot be changed."));
  }
  json::object fields =
      PersonFields(person, existing->person_id, key, UnitToday(c, k.unit_id, now));
  json::object before = json::parse(existing->data).as_object();
  if (auto* v = before.if_contains("is_client")) fields["is_client"] = *v;
  IndexPerson(c, vault_, existing->person_id, k.id, k.unit_id, person.name, person.nik,
              person.birth_date);
  auto a = store::AppendEvents(
      c, store::CaseStream(k.id), store::ExpectedVersion::Exactly(k.version),
      {store::MakeEvent(store::events::PersonUpdated{existing->person_id, person.role, fields})},
      p.user_id, FormatInstant(now));
  if (!a) return Fail(a.error());
  fields["role"] = person.role;
  fields["roles"] = json::array{json::value(person.role), json::value("reporter")};
  fields["case_version"] = a->version;
  return WriteReply{200, std::move(fields)};
}

Result<WriteReply> CaseRecordService::UpdatePerson(const Principal& p, const std::string& case_id,
                                                   const std::string& person_id,
                                                   const PersonInput& person,
                                                   const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        auto existing = store::FindCasePerson(c, person_id);
        if (!existing || existing->case_id != case_id) return Fail(PersonNotOnCase());
        PersonInput in = person;
        in.role = existing->role;  // a person's role on the case does not change
        if (auto s = ValidatePerson(in, classification_, now); !s) return Fail(s.error());
        std::string key = vault_.PersonKey(c, person_id);
        if (key.empty()) {
          return Fail(MakeError(ErrorKind::kConflict, "person_erased",
                                "Data orang ini sudah dihapus; tidak dapat diubah.",
                                "This person's data was erased; it cannot be changed."));
        }
        json::object fields = PersonFields(in, person_id, key, UnitToday(c, k.unit_id, now));
        // What the intake recorded beyond a person's fields stays (the reporter's is_client).
        json::object before = json::parse(existing->data).as_object();
        if (auto* v = before.if_contains("is_client")) fields["is_client"] = *v;
        IndexPerson(c, vault_, person_id, case_id, k.unit_id, in.name, in.nik, in.birth_date);
        auto a = store::AppendEvents(
            c, store::CaseStream(case_id), store::ExpectedVersion::Exactly(k.version),
            {store::MakeEvent(store::events::PersonUpdated{person_id, std::nullopt, fields})},
            p.user_id, FormatInstant(now));
        if (!a) return Fail(a.error());
        fields["role"] = existing->role;
        fields["case_version"] = a->version;
        return WriteReply{200, std::move(fields)};
      });
}

namespace {

// The incident as stored, with what is computed from it: each client's age band on the day,
// the GBVIMS core type.
Result<store::events::IncidentFacts> IncidentFields(store::SqlConn& c, const Vault& vault,
                                                    const Classification& cls,
                                                    const store::CaseRecord& k,
                                                    const std::string& incident_id,
                                                    const IncidentInput& in) {
  std::vector<store::PersonRecord> people = store::ListCasePeople(c, k.id);
  auto find = [&](const std::string& id) -> const store::PersonRecord* {
    for (const auto& r : people)
      if (r.person_id == id) return &r;
    return nullptr;
  };
  std::vector<std::string> clients = in.client_ids;
  if (clients.empty())
    for (const auto& r : people)
      if (r.role == "client") clients.push_back(r.person_id);
  if (clients.empty()) {
    return Fail(Invalid("required", "Kasus ini belum mempunyai klien.",
                        "This case has no client yet.", "incident.client_ids"));
  }
  auto date = ParseDate(in.date);
  // A person's age band on the day: from the birth date (sealed) if known, else from the age
  // recorded with them; null when neither is.
  auto age_band = [&](const store::PersonRecord* r) -> std::optional<std::string> {
    if (!date) return std::nullopt;
    json::value person = json::parse(r->data);
    vault.DecryptTree(c, person);
    auto age = RecordedAgeOn(person.as_object(), r->added_at, *date);
    if (!age) return std::nullopt;
    std::string band(cls.AgeBandOf(*age));
    return band.empty() ? std::nullopt : std::optional<std::string>(band);
  };
  store::events::IncidentFacts o{
      incident_id,  in.date, in.time, in.place_type, in.forms, in.penetration, in.forced_marriage,
      std::nullopt, {},      {},      std::nullopt,  {},       std::nullopt};
  if (std::string g(cls.GbvimsTypeOf(in.forms, in.penetration, in.forced_marriage)); !g.empty())
    o.gbvims_type = g;
  for (const auto& id : clients) {
    const auto* r = find(id);
    if (!r || r->role != "client") return Fail(PersonNotOnCase("incident.client_ids"));
    o.victims.push_back({id, age_band(r)});
  }
  for (const auto& pp : in.perpetrators) {
    const auto* r = find(pp.person_id);
    if (!r || r->role != "perpetrator") return Fail(PersonNotOnCase("incident.perpetrators"));
    std::string relation = pp.relation.value_or("");
    if (relation.empty()) {
      json::object data = json::parse(r->data).as_object();
      relation = TextOf(data, "relation");
    }
    o.perpetrators.push_back(
        {pp.person_id, relation.empty() ? std::nullopt : std::optional<std::string>(relation),
         age_band(r)});
  }
  // Place and narrative are about the first client: sealed under their key.
  std::string first = clients.front();
  std::string key = vault.PersonKey(c, first);
  if (key.empty() && (in.place || in.narrative || in.region.village)) {
    return Fail(MakeError(ErrorKind::kConflict, "person_erased",
                          "Data klien ini sudah dihapus; catatan tidak dapat disimpan.",
                          "This client's data was erased; notes can no longer be kept."));
  }
  auto seal = [&](const std::string& v) { return json::value(Vault::Encrypt(first, key, v)); };
  if (in.place) o.place = Vault::Encrypt(first, key, *in.place);
  o.region = RegionJson(in.region, seal).as_object();
  if (in.narrative) o.narrative = Vault::Encrypt(first, key, *in.narrative);
  return o;
}

}  // namespace

Result<WriteReply> CaseRecordService::RecordIncident(const Principal& p, const std::string& case_id,
                                                     const IncidentInput& in,
                                                     const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  if (auto s = ValidateIncident(in, classification_, now); !s) return Fail(s.error());
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        auto incident = IncidentFields(c, vault_, classification_, k, security::RandomUuid(), in);
        if (!incident) return Fail(incident.error());
        store::NewEvent e = store::MakeEvent(store::events::IncidentRecorded{std::move(*incident)});
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k.version), {e}, p.user_id,
                                     FormatInstant(now));
        if (!a) return Fail(a.error());
        e.payload["case_version"] = a->version;
        return WriteReply{201, std::move(e.payload)};
      });
}

Result<WriteReply> CaseRecordService::UpdateIncident(const Principal& p, const std::string& case_id,
                                                     const std::string& incident_id,
                                                     const IncidentInput& in,
                                                     const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  if (auto s = ValidateIncident(in, classification_, now); !s) return Fail(s.error());
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        auto existing = store::FindIncident(c, incident_id);
        if (!existing || existing->case_id != case_id) {
          return Fail(MakeError(ErrorKind::kNotFound, "incident_not_found",
                                "Kejadian itu tidak ada pada kasus ini.",
                                "That incident is not on this case."));
        }
        auto incident = IncidentFields(c, vault_, classification_, k, incident_id, in);
        if (!incident) return Fail(incident.error());
        store::NewEvent e = store::MakeEvent(store::events::IncidentUpdated{std::move(*incident)});
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k.version), {e}, p.user_id,
                                     FormatInstant(now));
        if (!a) return Fail(a.error());
        e.payload["case_version"] = a->version;
        return WriteReply{200, std::move(e.payload)};
      });
}

}  // namespace lindungi
