// Shelters (rumah aman) of a unit and the stays of case clients in them. Member functions
// of ShelterService; the rules are pure (core/shelter.h), this file loads, authorizes, seals
// and appends the events. A shelter's address is where a victim hides: sealed at rest, and
// shown only to the unit's heads and to staff who see a case with a client there now.
#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include "core/time_zone.h"
#include "security/random.h"
#include "service/case_access.h"
#include "service/clients.h"
#include "service/json_values.h"
#include "service/person_age.h"
#include "service/sealing.h"
#include "service/shelter_service.h"
#include "service/sop_catalog.h"
#include "service/writes.h"
#include "store/case_store.h"
#include "store/event_log.h"
#include "store/events/shelter_events.h"
#include "store/shelter_store.h"

namespace lindungi {
namespace json = boost::json;
namespace {

Error ShelterNotFound(std::string field = {}) {
  return MakeError(ErrorKind::kNotFound, "shelter_not_found", "Rumah aman tidak ditemukan.",
                   "Shelter not found.", std::move(field));
}

Error HeadRequired() {
  return MakeError(ErrorKind::kPermissionDenied, "head_required",
                   "Hanya Kepala UPTD atau Kepala Dinas yang dapat mendaftarkan atau mengubah "
                   "rumah aman.",
                   "Only a unit head or department head may register or change a shelter.",
                   "unit_id");
}

bool IsHead(const Principal& p, const std::string& unit_id) {
  return p.ReachIn(unit_id) == UnitReach::kAll;
}

// The shelter's key: a shelter has a key of its own in person_keys (so key rotation
// re-wraps it like any other), made at registration.
std::string ShelterKey(store::SqlConn& c, const Vault& vault, const std::string& shelter_id) {
  std::string key = vault.PersonKey(c, shelter_id);
  return key.empty() ? vault.NewPerson(c, shelter_id, "shelter-" + shelter_id) : key;
}

store::events::ShelterFields ShelterPayload(const ShelterInput& in, const std::string& shelter_id,
                                            const std::string& key) {
  return {in.name,
          in.kind,
          in.capacity,
          in.takes,
          in.max_age ? std::optional<std::int64_t>(*in.max_age) : std::nullopt,
          Vault::Encrypt(shelter_id, key, in.address),
          in.phone};
}

// Whether `p` may read the shelter's address: a head of its unit, or staff who see a case
// with a client staying there now.
bool MayReadAddress(store::SqlConn& c, const Principal& p, const store::ShelterRecord& s) {
  if (IsHead(p, s.unit_id)) return true;
  if (p.ReachIn(s.unit_id) == UnitReach::kNone) return false;
  for (const auto& case_id : store::CasesInShelter(c, s.id)) {
    auto k = store::FindCase(c, case_id);
    if (k && CaseVisibleTo(c, p, *k)) return true;
  }
  return false;
}

// A shelter's address shown to `p` is a read of where victims hide: logged like a case
// read, the shelter's id in the record's place (section "shelter_address").
void RecordAddressRead(AccessLog& log, const Principal& p, const std::string& unit_id,
                       const std::string& shelter_id) {
  log.Record(p, unit_id, shelter_id, "shelter_address");
}

// The shelter as stored (address sealed, or null when the caller may not read it).
json::object ShelterJson(const store::ShelterRecord& s, bool address_visible) {
  return json::object{{"id", s.id},
                      {"unit_id", s.unit_id},
                      {"name", s.name},
                      {"kind", s.kind},
                      {"capacity", s.capacity},
                      {"takes", s.takes},
                      {"max_age", s.max_age ? json::value(*s.max_age) : json::value(nullptr)},
                      {"address", address_visible ? json::value(s.address) : json::value(nullptr)},
                      {"address_visible", address_visible},
                      {"phone", TextOrNull(s.phone)},
                      {"occupied", s.occupied},
                      {"free_beds", std::max<std::int64_t>(0, s.capacity - s.occupied)},
                      {"registered_at", s.registered_at},
                      {"updated_at", s.updated_at},
                      {"version", s.version}};
}

// A person's sex and age today from their record on the case (birth date sealed).
Admittee AdmitteeOf(store::SqlConn& c, const Vault& vault, const store::PersonRecord& r,
                    std::chrono::year_month_day today) {
  json::value person = json::parse(r.data);
  vault.DecryptTree(c, person);
  const auto& o = person.as_object();
  Admittee a;
  if (auto* s = o.if_contains("sex"); s && s->is_string()) a.sex = std::string(s->as_string());
  a.age = RecordedAgeOn(o, r.added_at, today);
  return a;
}

json::object StayJson(const store::StayRecord& r) {
  json::object o = json::parse(r.data).as_object();
  o["shelter_name"] = r.shelter_name;
  return o;
}

// Who is in the shelter now, as far as `p` may know: the open stays of cases `p` sees
// (case number and dates; no name: the case says who she is to those who open it).
json::array ResidentsFor(store::SqlConn& c, const Principal& p, const std::string& shelter_id) {
  json::array out;
  for (const auto& case_id : store::CasesInShelter(c, shelter_id)) {
    auto k = store::FindCase(c, case_id);
    if (!k || !CaseVisibleTo(c, p, *k)) continue;
    for (const auto& r : store::ListCaseStays(c, case_id)) {
      if (r.shelter_id != shelter_id || r.status != "open") continue;
      json::object data = json::parse(r.data).as_object();
      out.push_back(json::object{
          {"stay_id", r.id},
          {"case_id", case_id},
          {"case_number", k->number},
          {"person_id", r.person_id},
          {"admitted_on", r.admitted_on},
          {"expected_days",
           data.contains("expected_days") ? data.at("expected_days") : json::value(nullptr)},
          {"over_capacity",
           data.contains("over_capacity") ? data.at("over_capacity") : json::value(false)}});
    }
  }
  return out;
}

// The client `person_id` of the case, if not in a shelter now; else person_not_found or a conflict.
Result<store::PersonRecord> AdmissibleClient(store::SqlConn& c, const std::string& person_id,
                                             const std::string& case_id) {
  auto person = store::FindCasePerson(c, person_id);
  if (!person || person->case_id != case_id || person->role != "client") {
    return Fail(MakeError(ErrorKind::kNotFound, "person_not_found",
                          "Klien itu tidak ada pada kasus ini.", "That client is not on this case.",
                          "person_id"));
  }
  if (store::FindOpenStayOf(c, person_id)) {
    return Fail(MakeError(ErrorKind::kConflict, "already_in_shelter",
                          "Klien ini masih tinggal di rumah aman; catat keluarnya dahulu.",
                          "This client is still in a shelter; record the discharge first.",
                          "person_id"));
  }
  return std::move(*person);
}

// The outcome of the placement decision task, if one is given (null otherwise), checked.
Result<std::optional<std::string>> PlacementOutcome(store::SqlConn& c, const SopCatalog& sops,
                                                    const std::optional<std::string>& task_id,
                                                    const std::string& case_id) {
  if (!task_id) return std::optional<std::string>();
  auto t = TaskOfCase(c, *task_id, case_id);
  if (!t) return Fail(t.error());
  if (t->status != "completed") {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "task_not_completed",
                          "Tugas keputusan penempatan belum selesai.",
                          "The placement decision task is not completed yet.", "task_id"));
  }
  // Only a decision that placed her: its outcome goes on in the SOP (to the placement);
  // one that ends it (the section head's refuse) did not.
  const sop::Sop* sop = sops.Find(t->sop_id);
  const sop::Outcome* chosen = nullptr;
  if (sop)
    for (const auto& st : sop->steps)
      if (st.id == t->step_id)
        for (const auto& oc : st.decision)
          if (oc.id == t->outcome) chosen = &oc;
  if (!chosen || chosen->next.empty()) {
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "not_a_placement",
                          "Tugas itu bukan keputusan yang menempatkan klien di rumah aman.",
                          "That task is not a decision that placed the client in a shelter.",
                          "task_id"));
  }
  return t->outcome.empty() ? std::nullopt : std::optional<std::string>(t->outcome);
}

// The ShelterStayStarted payload, its reasons sealed under the person's `key`.
store::events::ShelterStayStarted StayStartedPayload(
    const AdmissionInput& in, const std::string& stay_id, const std::string& key,
    std::chrono::year_month_day today, std::optional<std::string> task_outcome, bool over) {
  auto seal = [&](const std::string& v) { return Vault::Encrypt(in.person_id, key, v); };
  store::events::ShelterStayStarted s{stay_id,
                                      in.shelter_id,
                                      in.person_id,
                                      in.admitted_on.value_or(FormatDate(today)),
                                      in.expected_days,
                                      seal(in.reason),
                                      in.task_id,
                                      std::move(task_outcome),
                                      over,
                                      std::nullopt};
  if (over) s.override_reason = seal(*in.override_reason);
  return s;
}
constexpr int kRaceAttempts = 5;

}  // namespace

json::array ShelterStaysJson(const std::vector<store::StayRecord>& stays) {
  json::array out;
  for (const auto& r : stays) out.push_back(StayJson(r));
  return out;
}

Result<WriteReply> ShelterService::RegisterShelter(const Principal& p,
                                                   const std::optional<std::string>& unit_id,
                                                   const ShelterInput& in,
                                                   const std::optional<Idempotency>& idem) {
  if (auto s = ValidateShelter(in); !s) return Fail(s.error());
  std::string unit;
  if (unit_id) {
    if (p.ReachIn(*unit_id) == UnitReach::kNone)
      return Fail(MakeError(ErrorKind::kPermissionDenied, "no_unit_role",
                            "Anda tidak memiliki peran petugas di unit ini.",
                            "You hold no staff role in this unit.", "unit_id"));
    unit = *unit_id;
  } else {
    std::vector<std::string> headed;
    for (const auto& u : p.CaseUnits())
      if (IsHead(p, u)) headed.push_back(u);
    if (headed.size() > 1)
      return Fail(MakeError(ErrorKind::kInvalidArgument, "unit_required",
                            "Pilih unit (unit_id): Anda memimpin beberapa unit.",
                            "Choose a unit (unit_id): you head several units.", "unit_id"));
    if (headed.empty()) return Fail(HeadRequired());
    unit = headed.front();
  }
  if (!IsHead(p, unit)) return Fail(HeadRequired());
  std::string shelter_id = security::RandomUuid();
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        store::events::ShelterRegistered registered{
            ShelterPayload(in, shelter_id, ShelterKey(c, vault_, shelter_id)), unit};
        auto a = store::AppendEvents(c, store::ShelterStream(shelter_id),
                                     store::ExpectedVersion::New(), {store::MakeEvent(registered)},
                                     p.user_id, FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        return WriteReply{201, ShelterJson(*store::FindShelter(c, shelter_id), true)};
      });
}

Result<WriteReply> ShelterService::UpdateShelter(const Principal& p, const std::string& shelter_id,
                                                 const ShelterInput& in,
                                                 const std::optional<Idempotency>& idem) {
  if (auto s = ValidateShelter(in); !s) return Fail(s.error());
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto s = store::FindShelter(c, shelter_id);
        if (!s || p.ReachIn(s->unit_id) == UnitReach::kNone) return Fail(ShelterNotFound());
        if (!IsHead(p, s->unit_id)) return Fail(HeadRequired());
        store::events::ShelterUpdated updated{
            ShelterPayload(in, shelter_id, ShelterKey(c, vault_, shelter_id))};
        auto a = store::AppendEvents(
            c, store::ShelterStream(shelter_id), store::ExpectedVersion::Exactly(s->version),
            {store::MakeEvent(updated)}, p.user_id, FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        return WriteReply{200, ShelterJson(*store::FindShelter(c, shelter_id), true)};
      });
}

Result<json::value> ShelterService::ListShelters(const Principal& p,
                                                 const std::optional<std::string>& unit_id) {
  std::vector<std::string> units = p.CaseUnits();
  if (unit_id) {
    // Another unit's shelters are not there for the caller: an empty list, as for a unit
    // without shelters.
    bool mine = std::find(units.begin(), units.end(), *unit_id) != units.end();
    units = mine ? std::vector<std::string>{*unit_id} : std::vector<std::string>{};
  }
  json::value out = json::object{{"items", json::array()}};
  std::vector<std::pair<std::string, std::string>> read;  // (unit, shelter) addresses shown
  db_.Read([&](store::SqlConn& c) {
    auto& items = out.as_object()["items"].as_array();
    for (const auto& s : store::ListShelters(c, units)) {
      bool visible = MayReadAddress(c, p, s);
      if (visible) read.emplace_back(s.unit_id, s.id);
      json::object o = ShelterJson(s, visible);
      o["residents"] = ResidentsFor(c, p, s.id);
      items.push_back(std::move(o));
    }
    vault_.DecryptTree(c, out);
  });
  for (const auto& [unit, shelter] : read) RecordAddressRead(access_log_, p, unit, shelter);
  return out;
}

Result<json::value> ShelterService::GetShelter(const Principal& p, const std::string& shelter_id) {
  std::optional<json::value> out;
  std::string address_unit;  // set when the address was shown
  db_.Read([&](store::SqlConn& c) {
    auto s = store::FindShelter(c, shelter_id);
    if (!s || p.ReachIn(s->unit_id) == UnitReach::kNone) return;
    bool visible = MayReadAddress(c, p, *s);
    if (visible) address_unit = s->unit_id;
    json::object o = ShelterJson(*s, visible);
    o["residents"] = ResidentsFor(c, p, s->id);
    json::value v = std::move(o);
    vault_.DecryptTree(c, v);
    out = std::move(v);
  });
  if (!out) return Fail(ShelterNotFound());
  if (!address_unit.empty()) RecordAddressRead(access_log_, p, address_unit, shelter_id);
  return std::move(*out);
}

Result<WriteReply> ShelterService::AdmitToShelter(const Principal& p, const std::string& case_id,
                                                  const AdmissionInput& in,
                                                  const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  auto attempt = [&](store::SqlConn& c) -> Result<WriteReply> {
    auto k = CaseOpenForWork(c, p, case_id);
    if (!k) return Fail(k.error());
    auto today = UnitToday(c, k->unit_id, now);
    if (auto s = ValidateAdmission(in, today); !s) return Fail(s.error());
    auto shelter = store::FindShelter(c, in.shelter_id);
    if (!shelter || shelter->unit_id != k->unit_id) return Fail(ShelterNotFound("shelter_id"));
    auto person = AdmissibleClient(c, in.person_id, case_id);
    if (!person) return Fail(person.error());
    std::string key = vault_.PersonKey(c, in.person_id);
    if (key.empty()) {
      return Fail(MakeError(ErrorKind::kConflict, "person_erased", "Data klien ini sudah dihapus.",
                            "This client's data was erased.", "person_id"));
    }
    auto who = AdmitteeOf(c, vault_, *person, today);
    if (auto s = CheckShelterTakes(
            shelter->takes,
            shelter->max_age ? std::optional<int>(int(*shelter->max_age)) : std::nullopt, who);
        !s)
      return Fail(s.error());
    auto task_outcome = PlacementOutcome(c, sops_, in.task_id, case_id);
    if (!task_outcome) return Fail(task_outcome.error());
    auto over = CheckCapacity(int(shelter->capacity), int(shelter->occupied), IsHead(p, k->unit_id),
                              in.override_reason);
    if (!over) return Fail(over.error());
    std::string stay_id = security::RandomUuid();
    auto started = StayStartedPayload(in, stay_id, key, today, std::move(*task_outcome), *over);
    std::string at = FormatInstant(now);
    // The shelter's stream first: of two admissions racing for the last bed, the second
    // conflicts here (or on the events' unique key) and is retried against the new count.
    auto b = store::AppendEvents(
        c, store::ShelterStream(in.shelter_id), store::ExpectedVersion::Exactly(shelter->version),
        {store::MakeEvent(store::events::ShelterBedTaken{stay_id})}, p.user_id, at);
    if (!b) return Fail(b.error());
    auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                 store::ExpectedVersion::Exactly(k->version),
                                 {store::MakeEvent(started)}, p.user_id, at);
    if (!a) return Fail(a.error());
    json::object out = StayJson(*store::FindStay(c, stay_id));
    out["case_id"] = case_id;
    out["case_version"] = a->version;
    return WriteReply{201, std::move(out)};
  };
  for (int i = 1;; ++i) {
    auto r = WriteIdempotent(db_, clock_, vault_, p, idem, attempt);
    if (r || i == kRaceAttempts || r.error().code != "version_conflict") return r;
  }
}

Result<WriteReply> ShelterService::DischargeFromShelter(const Principal& p,
                                                        const std::string& case_id,
                                                        const std::string& stay_id,
                                                        const DischargeInput& in,
                                                        const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        auto stay = store::FindStay(c, stay_id);
        if (!stay || stay->case_id != case_id) {
          return Fail(MakeError(ErrorKind::kNotFound, "stay_not_found",
                                "Masa tinggal itu tidak ada pada kasus ini.",
                                "That shelter stay is not on this case."));
        }
        if (stay->status != "open") {
          return Fail(MakeError(ErrorKind::kConflict, "stay_ended",
                                "Klien ini sudah keluar dari rumah aman.",
                                "This stay has already ended."));
        }
        auto admitted = ParseDate(stay->admitted_on);
        if (auto s = ValidateDischarge(in, admitted.value_or(std::chrono::year_month_day{}),
                                       UnitToday(c, k.unit_id, now));
            !s)
          return Fail(s.error());
        store::events::ShelterStayEnded ended{stay_id,          stay->shelter_id, stay->person_id,
                                              in.discharged_on, in.reason,        std::nullopt};
        if (in.note) {
          std::string key = vault_.PersonKey(c, stay->person_id);
          if (key.empty()) {
            return Fail(MakeError(ErrorKind::kConflict, "person_erased",
                                  "Data klien ini sudah dihapus.", "This client's data was erased.",
                                  "note"));
          }
          ended.note = Vault::Encrypt(stay->person_id, key, *in.note);
        }
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k.version),
                                     {store::MakeEvent(ended)}, p.user_id, FormatInstant(now));
        if (!a) return Fail(a.error());
        json::object out = StayJson(*store::FindStay(c, stay_id));
        out["case_id"] = case_id;
        out["case_version"] = a->version;
        return WriteReply{200, std::move(out)};
      });
}

}  // namespace lindungi
