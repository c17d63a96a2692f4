// People across cases: search before create, and the data subject's rights (UU 27/2022)
// — access, and erasure by crypto-shredding. Member functions of PersonService.
#include "service/json_values.h"
#include "service/person_service.h"

#include "service/case_service.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/access.h"
#include "core/roles.h"
#include "core/time_zone.h"
#include "service/case_access.h"
#include "service/sealing.h"
#include "store/case_store.h"
#include "store/event_log.h"
#include "store/events/person_events.h"
#include "store/key_store.h"

namespace lindungi {
namespace json = boost::json;

static Error PersonNotFound() {
  return MakeError(ErrorKind::kNotFound, "person_not_found",
                   "Orang itu tidak ada atau sudah dihapus.", "No such person, or already erased.");
}

namespace {

// Everyone a person's erasure must reach: the person, and — for a case recorded before a
// self-report was one record — the client and the reporter who is her (reporter.is_client).
std::vector<std::string> SameHuman(const store::CaseRecord& k, const std::string& person_id) {
  std::vector<std::string> ids{person_id};
  json::object data = json::parse(k.data).as_object();
  auto id_of = [&](const char* key) -> std::string {
    auto* v = data.if_contains(key);
    if (!v || !v->is_object()) return {};
    auto* id = v->as_object().if_contains("person_id");
    return id && id->is_string() ? std::string(id->as_string()) : std::string();
  };
  std::string client = id_of("client"), reporter = id_of("reporter");
  bool self = false;
  if (auto* rep = data.if_contains("reporter"); rep && rep->is_object()) {
    const auto& r = rep->as_object();
    auto* is_client = r.if_contains("is_client");
    auto* relation = r.if_contains("relation");
    self = (is_client && is_client->is_bool() && is_client->as_bool()) ||
           (relation && relation->is_string() && relation->as_string() == "self");
  }
  if (self && !client.empty() && !reporter.empty() && client != reporter &&
      (person_id == client || person_id == reporter))
    ids.push_back(person_id == client ? reporter : client);
  return ids;
}

Error LawfulRequestInvalid(const char* field) {
  return MakeError(ErrorKind::kInvalidArgument, "invalid_value",
                   std::string("Kolom ") + field +
                       " wajib: dasar hukum 5–500 karakter, nomor surat 1–100 karakter.",
                   std::string("Field ") + field +
                       " is required: a legal basis of 5-500 characters, a reference of 1-100.",
                   field);
}

// Checks the search terms: a name and/or a 16-digit NIK; a valid birth date only narrows.
Status ValidateSearch(const std::vector<std::string>& name_tokens,
                      const std::optional<std::string>& nik,
                      const std::optional<std::string>& birth_date) {
  if (name_tokens.empty() && !nik) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "search_terms_required",
                          "Cari dengan name (minimal satu kata 2 huruf) dan/atau nik; "
                          "birth_date hanya mempersempit.",
                          "Search by name (at least one word of 2 letters) and/or nik; "
                          "birth_date only narrows.",
                          "name"));
  }
  if (nik && (nik->size() != 16 || nik->find_first_not_of("0123456789") != std::string::npos)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_nik", "NIK harus 16 angka.",
                          "A NIK has exactly 16 digits.", "nik"));
  }
  if (birth_date && !ParseDate(*birth_date)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_date",
                          "birth_date harus tanggal YYYY-MM-DD.",
                          "birth_date must be a date YYYY-MM-DD.", "birth_date"));
  }
  return {};
}

// The people of `units` matching every criterion given, by the blind indexes.
std::vector<store::IndexHit> MatchingPeople(store::SqlConn& c, const Vault& vault,
                                            const std::vector<std::string>& units,
                                            const std::vector<std::string>& name_tokens,
                                            const std::optional<std::string>& nik,
                                            const std::optional<std::string>& birth_date) {
  // Each criterion given narrows the hits: all words of the name, the NIK, the birth date.
  std::optional<std::vector<store::IndexHit>> hits;
  auto narrow = [&](std::vector<store::IndexHit> more) {
    if (!hits) {
      hits = std::move(more);
      return;
    }
    std::erase_if(*hits, [&](const store::IndexHit& h) {
      return std::none_of(more.begin(), more.end(),
                          [&](const auto& n) { return n.person_id == h.person_id; });
    });
  };
  if (!name_tokens.empty()) {
    std::vector<std::string> hashed;
    for (const auto& t : name_tokens) hashed.push_back(vault.BlindIndex("name", t));
    narrow(store::FindByIndex(c, "name", hashed, units));
  }
  if (nik) narrow(store::FindByIndex(c, "nik", {vault.BlindIndex("nik", *nik)}, units));
  if (birth_date)
    narrow(
        store::FindByIndex(c, "birth_date", {vault.BlindIndex("birth_date", *birth_date)}, units));
  return std::move(*hits);
}

// A hit as the caller may see it (the read logged); nothing for a case gone or hidden.
std::optional<json::object> SearchItem(store::SqlConn& c, const Vault& vault, AccessLog& log,
                                       const Principal& p, const store::IndexHit& h) {
  auto k = store::FindCase(c, h.case_id);
  if (!k) return std::nullopt;
  if (!CaseVisibleTo(c, p, *k)) {
    // Someone else's case: enough to avoid a duplicate (ask a supervisor), nothing of the
    // person. A sensitive case is not even named.
    if (!k->sensitive) {
      return json::object{{"person_id", h.person_id},
                          {"case_number", k->number},
                          {"case_status", k->status},
                          {"restricted", true}};
    }
    return std::nullopt;
  }
  // The person as the case records them now (the intake's people and those added since).
  json::value person = json::object();
  std::string role;
  if (auto r = store::FindCasePerson(c, h.person_id)) {
    person = json::parse(r->data);
    vault.DecryptTree(c, person);
    role = r->role;
  }
  log.Record(p, k->unit_id, k->id, "search");
  return json::object{
      {"person_id", h.person_id},   {"restricted", false},      {"role", role},
      {"case_id", k->id},           {"case_number", k->number}, {"case_status", k->status},
      {"person", std::move(person)}};
}

}  // namespace

// Erases `person_id` (and who is the same human) in the transaction of `c`: their keys and
// blind-index entries go; PersonErased for each, after `before` (the lawful request).
static Result<json::array> EraseInTransaction(store::SqlConn& c, const std::string& person_id,
                                              const std::string& actor, const std::string& at,
                                              std::vector<store::NewEvent> before) {
  auto keys = store::FindPersonKeys(c, {person_id});
  if (keys.empty()) return Fail(PersonNotFound());
  auto k = store::FindCase(c, keys[0].case_id);
  std::vector<std::string> ids = k ? SameHuman(*k, person_id) : std::vector{person_id};
  json::array erased;
  for (const auto& id : ids) {
    if (id != person_id && store::FindPersonKeys(c, {id}).empty()) continue;
    store::DeletePersonKey(c, id);
    store::DeleteIndexEntries(c, id);
    before.push_back(store::MakeEvent(store::events::PersonErased{id}));
    erased.emplace_back(id);
  }
  auto a = store::AppendEvents(c, store::CaseStream(keys[0].case_id), store::ExpectedVersion::Any(),
                               std::move(before), actor, at);
  if (!a) return Fail(a.error());
  return erased;
}

Status PersonService::ErasePerson(const std::string& person_id, const std::string& actor) {
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    auto erased = EraseInTransaction(c, person_id, actor, FormatInstant(clock_.Now()), {});
    if (!erased) return Fail(erased.error());
    return {};
  });
  if (!w) return Fail(w.error());
  return {};
}

Status CheckLawfulRequest(const LawfulRequest& r) {
  if (r.legal_basis.size() < 5 || r.legal_basis.size() > 500)
    return Fail(LawfulRequestInvalid("legal_basis"));
  if (r.reference.empty() || r.reference.size() > 100)
    return Fail(LawfulRequestInvalid("reference"));
  return {};
}

Result<store::CaseRecord> PersonService::LawfulRequestCase(store::SqlConn& c, const Principal& p,
                                                           const std::string& person_id) {
  auto keys = store::FindPersonKeys(c, {person_id});
  std::optional<store::CaseRecord> k;
  if (!keys.empty()) k = store::FindCase(c, keys[0].case_id);
  // Someone of a unit the caller has no part in does not exist for them.
  if (!k || p.RolesIn(k->unit_id).empty()) return Fail(PersonNotFound());
  if (!p.HasRoleIn(k->unit_id, "unit_head")) {
    return Fail(MakeError(ErrorKind::kPermissionDenied, "unit_head_required",
                          "Permintaan penghapusan atau akses data pribadi hanya dapat dicatat "
                          "oleh kepala unit.",
                          "Only the unit head may record an erasure or access request."));
  }
  return std::move(*k);
}

Result<WriteReply> PersonService::EraseOnRequest(const Principal& p, const std::string& person_id,
                                                 const LawfulRequest& r) {
  if (auto s = CheckLawfulRequest(r); !s) return Fail(s.error());
  return WriteIdempotent(
      db_, clock_, vault_, p, std::nullopt, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto k = LawfulRequestCase(c, p, person_id);
        if (!k) return Fail(k.error());
        store::NewEvent request = store::MakeEvent(store::events::DataSubjectRequestRecorded{
            "erasure", person_id, r.legal_basis, r.reference});
        auto erased =
            EraseInTransaction(c, person_id, p.user_id, FormatInstant(clock_.Now()), {request});
        if (!erased) return Fail(erased.error());
        return WriteReply{200, json::object{{"person_id", person_id},
                                            {"case_id", k->id},
                                            {"erased", std::move(*erased)},
                                            {"request", std::move(request.payload)}}};
      });
}

Result<json::value> PersonService::AccessOnRequest(const Principal& p, const std::string& person_id,
                                                   const LawfulRequest& r) {
  if (auto s = CheckLawfulRequest(r); !s) return Fail(s.error());
  store::NewEvent request = store::MakeEvent(
      store::events::DataSubjectRequestRecorded{"access", person_id, r.legal_basis, r.reference});
  std::string unit_id, case_id;
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    auto k = LawfulRequestCase(c, p, person_id);
    if (!k) return Fail(k.error());
    unit_id = k->unit_id;
    case_id = k->id;
    auto a = store::AppendEvents(c, store::CaseStream(k->id), store::ExpectedVersion::Any(),
                                 {request}, p.user_id, FormatInstant(clock_.Now()));
    if (!a) return Fail(a.error());
    return {};
  });
  if (!w) return Fail(w.error());
  auto data = ExportPerson(person_id);
  if (!data) return Fail(data.error());
  access_log_.Record(p, unit_id, case_id, "access_request");
  data->as_object()["request"] = std::move(request.payload);
  return data;
}

Result<json::value> PersonService::ExportPerson(const std::string& person_id) {
  std::optional<store::CaseRecord> k;
  json::value kase;
  json::array history;
  bool known = false;
  const std::string mark = "enc1." + person_id + ".";
  db_.Read([&](store::SqlConn& c) {
    auto keys = store::FindPersonKeys(c, {person_id});
    if (keys.empty()) return;
    known = true;
    k = store::FindCase(c, keys[0].case_id);
    if (!k) return;
    kase = CaseJson(*k);
    // Only what is sealed under this person's key is theirs.
    auto only_theirs = [&](auto& self, const json::value& v) -> json::value {
      if (v.is_object()) {
        json::object out;
        for (const auto& [key, x] : v.as_object()) {
          json::value y = self(self, x);
          if (!y.is_null()) out[key] = std::move(y);
        }
        return out.empty() ? json::value(nullptr) : json::value(std::move(out));
      }
      if (v.is_string() && v.as_string().starts_with(mark)) return v;
      return nullptr;
    };
    for (const auto& e : store::ReadStream(c, store::CaseStream(k->id))) {
      json::value fields = only_theirs(only_theirs, json::parse(e.payload));
      if (fields.is_null()) continue;
      history.push_back(json::object{{"seq", e.seq},
                                     {"type", e.type},
                                     {"at", e.at},
                                     {"actor", e.actor},
                                     {"fields", std::move(fields)}});
    }
    kase = only_theirs(only_theirs, kase);
    json::value all = json::object{{"data", kase}, {"history", history}};
    vault_.DecryptTree(c, all);
    kase = std::move(all.as_object()["data"]);
    history = std::move(all.as_object()["history"].as_array());
  });
  if (!known || !k) {
    return Fail(PersonNotFound());
  }
  return json::object{{"person_id", person_id},
                      {"exported_at", FormatInstant(clock_.Now())},
                      {"case", json::object{{"id", k->id},
                                            {"number", k->number},
                                            {"unit_id", k->unit_id},
                                            {"received_at", k->received_at}}},
                      {"data", std::move(kase)},
                      {"history", std::move(history)}};
}

Result<json::value> PersonService::SearchPeople(const Principal& p,
                                                const std::optional<std::string>& name,
                                                const std::optional<std::string>& nik,
                                                const std::optional<std::string>& birth_date) {
  std::vector<std::string> name_tokens;
  if (name) name_tokens = Vault::NameTokens(*name);
  if (auto s = ValidateSearch(name_tokens, nik, birth_date); !s) return Fail(s.error());
  auto units = p.CaseUnits();
  json::array items;
  db_.Read([&](store::SqlConn& c) {
    for (const auto& h : MatchingPeople(c, vault_, units, name_tokens, nik, birth_date))
      if (auto item = SearchItem(c, vault_, access_log_, p, h)) items.push_back(std::move(*item));
  });
  return json::object{{"items", std::move(items)}};
}

}  // namespace lindungi
