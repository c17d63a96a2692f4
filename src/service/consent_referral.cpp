// Consent and referrals to partner organisations (DESIGN §3 "Consent", "Referral"). Member
// functions of ReferralService; the rules are pure (core/consent.h), this file loads the case's
// people and consents, authorizes, and appends the events.
#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>

#include "core/intake.h"
#include "core/roles.h"
#include "core/text.h"
#include "core/time_zone.h"
#include "security/random.h"
#include "service/case_access.h"
#include "service/clients.h"
#include "service/json_values.h"
#include "service/person_age.h"
#include "service/referral_service.h"
#include "service/sealing.h"
#include "service/task_service.h"
#include "service/writes.h"
#include "sop/engine.h"
#include "store/case_store.h"
#include "store/event_log.h"
#include "store/events/consent_events.h"
#include "store/unit_store.h"

namespace lindungi {
namespace json = boost::json;
namespace {

Error Invalid(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

Error ReferralNotFound() {
  return MakeError(ErrorKind::kNotFound, "referral_not_found", "Rujukan tidak ditemukan.",
                   "Referral not found.");
}

template <std::size_t N>
bool In(std::string_view v, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

// A referral as its partner sees it: what the unit sent, the fields shared, the answers.
json::object PartnerView(const store::ReferralRecord& r, const std::string& unit_name) {
  json::object data = json::parse(r.data).as_object();
  json::object out{{"id", r.id},
                   {"status", r.status},
                   {"sent_at", r.sent_at},
                   {"updated_at", r.updated_at},
                   {"from_unit", unit_name}};
  for (const char* k : {"services", "urgency", "reason", "shared", "answer", "report"})
    if (auto* v = data.if_contains(k)) out[k] = *v;
  return out;
}

// Checks a referral's services, urgency, shared fields and reason.
Status ValidateReferral(const Classification& classification, const ReferralInput& in) {
  for (const auto& s : in.services) {
    if (!classification.Has("services", s)) {
      return Fail(Invalid("unknown_value", "Layanan tidak ada dalam daftar services.",
                          "A service is not in the list services.", "services"));
    }
  }
  if (in.urgency != "normal" && in.urgency != "urgent") {
    return Fail(Invalid("invalid_value", "urgency: normal atau urgent.",
                        "urgency must be normal or urgent.", "urgency"));
  }
  for (const auto& f : in.share) {
    if (!In(f, kShareableFields)) {
      return Fail(Invalid("invalid_value",
                          "share hanya: name, sex, age_years, birth_date, phone, address, "
                          "narrative.",
                          "share takes only name, sex, age_years, birth_date, phone, address, "
                          "narrative.",
                          "share"));
    }
  }
  if (in.reason.size() < 5 || in.reason.size() > 4000) {
    return Fail(Invalid("invalid_reason", "Alasan rujukan wajib (5–4000 karakter).",
                        "A referral needs its reason (5-4000 characters).", "reason"));
  }
  return {};
}

// What the referral rule (CheckReferral) needs to know of the client, the case and its consents.
ReferralFacts FactsForReferral(store::SqlConn& c, const std::string& case_id,
                               const ReferralInput& in, const ClientFacts& client) {
  ReferralFacts facts;
  facts.client_id = in.client_id;
  facts.partner_id = in.partner_id;
  facts.shares_data = !in.share.empty();
  facts.child = client.child;
  facts.disability = client.disability;
  facts.family_coordinated = !in.family_coordination.empty();
  for (const auto& f : store::ListCaseFacts(c, case_id))
    if (f.kind == "fact" && f.name == "hiv") facts.hiv = true;
  for (const auto& r : store::ListConsents(c, case_id)) {
    if (r.status != "active") continue;
    json::value scopes = json::parse(r.scopes);
    for (const auto& s : scopes.as_array())
      facts.consents.push_back({r.client_id, std::string(s.as_string()), r.partner_id});
  }
  return facts;
}

// The fields shared with the partner, as stored (sealed under the client's key).
json::object SharedFields(const store::CaseRecord& k, const ReferralInput& in,
                          const json::object& client_record) {
  // The shared fields go as stored: sealed under the client's key, so erasing the
  // client shreds the partner's copy too.
  json::object shared;
  json::object data = json::parse(k.data).as_object();
  for (const auto& f : in.share) {
    if (f == "narrative") {
      auto* cl = data.if_contains("client");
      bool intake_client = cl && cl->is_object() && cl->as_object().if_contains("person_id") &&
                           cl->as_object().at("person_id") == json::value(in.client_id);
      if (intake_client && data.contains("narrative")) shared[f] = data.at("narrative");
    } else if (auto* v = client_record.if_contains(f)) {
      shared[f] = *v;
    }
  }
  return shared;
}

}  // namespace

Result<WriteReply> ReferralService::RecordConsent(const Principal& p, const std::string& case_id,
                                                  const ConsentInput& in,
                                                  const std::optional<Idempotency>& idem) {
  if (in.scopes.empty()) {
    return Fail(Invalid("required", "Pilih lingkup persetujuan (scopes).",
                        "Choose what the consent covers (scopes).", "scopes"));
  }
  for (const auto& s : in.scopes) {
    if (!In(s, sop::kConsentScopes)) {
      return Fail(Invalid("unknown_consent",
                          fmt::format("Lingkup persetujuan tidak dikenal: {}.", EchoSafe(s)),
                          fmt::format("Unknown consent scope: {}.", EchoSafe(s)), "scopes"));
    }
  }
  bool sharing = std::find(in.scopes.begin(), in.scopes.end(), "data_sharing") != in.scopes.end();
  if (!in.partner_id.empty() && !in.unit_id.empty()) {
    return Fail(Invalid("partner_or_unit",
                        "Persetujuan menyebut mitra (partner_id) atau unit (unit_id), bukan "
                        "keduanya.",
                        "A consent names a partner (partner_id) or a unit (unit_id), not both.",
                        "unit_id"));
  }
  if (sharing && in.partner_id.empty() && in.unit_id.empty()) {
    return Fail(Invalid(
        "partner_required", "Persetujuan berbagi data menyebut mitra penerimanya (partner_id).",
        "Consent to share data names the partner it may go to (partner_id).", "partner_id"));
  }
  if (in.note.size() > 2000) {
    return Fail(Invalid("too_long", "Catatan paling banyak 2000 karakter.",
                        "A note has at most 2000 characters.", "note"));
  }
  Instant now = clock_.Now();
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        if (!in.partner_id.empty() && !store::FindPartner(c, in.partner_id)) {
          return Fail(MakeError(ErrorKind::kNotFound, "partner_not_found", "Mitra tidak ditemukan.",
                                "Partner not found.", "partner_id"));
        }
        if (!in.unit_id.empty() && !store::FindUnit(c, in.unit_id)) {
          return Fail(MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit tidak ditemukan.",
                                "Unit not found.", "unit_id"));
        }
        auto client = ClientOf(c, vault_, case_id, in.client_id, UnitToday(c, k.unit_id, now));
        if (!client) return Fail(NotAClient("client_id"));
        auto giver = store::FindCasePerson(c, in.given_by);
        if (!giver || giver->case_id != case_id) return Fail(NotAClient("given_by"));
        json::object gdata = json::parse(giver->data).as_object();
        ConsentGiver g{giver->person_id, giver->role,
                       gdata.contains("guardian_of") && gdata.at("guardian_of").is_string()
                           ? std::string(gdata.at("guardian_of").as_string())
                           : ""};
        if (auto s = MayConsentFor(g, in.client_id, client->child); !s) return Fail(s.error());
        store::events::ConsentRecorded consent{
            security::RandomUuid(), in.client_id, in.given_by,  in.scopes,   in.given,
            in.signed_statement,    std::nullopt, std::nullopt, std::nullopt};
        if (!in.partner_id.empty()) consent.partner_id = in.partner_id;
        if (!in.unit_id.empty()) consent.unit_id = in.unit_id;
        if (!in.note.empty()) {
          auto sealed = SealForCase(c, vault_, k, in.note);
          if (!sealed) return Fail(sealed.error());
          consent.note = *sealed;
        }
        store::NewEvent e = store::MakeEvent(consent);
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k.version), {e}, p.user_id,
                                     FormatInstant(now));
        if (!a) return Fail(a.error());
        json::object payload = std::move(e.payload);
        payload["status"] = in.given ? "active" : "refused";
        payload["case_version"] = a->version;
        return WriteReply{201, std::move(payload)};
      });
}

Result<WriteReply> ReferralService::WithdrawConsent(const Principal& p, const std::string& case_id,
                                                    const std::string& consent_id,
                                                    const std::string& reason,
                                                    const std::optional<Idempotency>& idem) {
  if (reason.size() < 5 || reason.size() > 2000) {
    return Fail(Invalid("invalid_reason", "Alasan penarikan wajib (5–2000 karakter).",
                        "A withdrawal needs a reason (5-2000 characters).", "reason"));
  }
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto k = store::FindCase(c, case_id);
        if (!k || !CaseVisibleTo(c, p, *k)) return Fail(CaseNotFound());
        auto consents = store::ListConsents(c, case_id);
        auto it = std::find_if(consents.begin(), consents.end(),
                               [&](const store::ConsentRecord& r) { return r.id == consent_id; });
        if (it == consents.end()) {
          return Fail(MakeError(ErrorKind::kNotFound, "consent_not_found",
                                "Persetujuan tidak ditemukan.", "Consent not found."));
        }
        if (it->status != "active") {
          return Fail(MakeError(ErrorKind::kConflict, "consent_not_active",
                                "Persetujuan ini tidak sedang berlaku.",
                                "This consent is not in force."));
        }
        auto sealed = SealForCase(c, vault_, *k, reason);
        if (!sealed) return Fail(sealed.error());
        store::NewEvent e = store::MakeEvent(store::events::ConsentWithdrawn{consent_id, *sealed});
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k->version), {e}, p.user_id,
                                     FormatInstant(clock_.Now()));
        if (!a) return Fail(a.error());
        json::object payload = std::move(e.payload);
        payload["status"] = "withdrawn";
        payload["case_version"] = a->version;
        return WriteReply{200, std::move(payload)};
      });
}

Result<WriteReply> ReferralService::Refer(const Principal& p, const std::string& case_id,
                                          const ReferralInput& in,
                                          const std::optional<Idempotency>& idem) {
  if (auto s = ValidateReferral(classification_, in); !s) return Fail(s.error());
  Instant now = clock_.Now();
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        auto partner = store::FindPartner(c, in.partner_id);
        // Only a partner in the case's unit's directory (its own, or every unit's).
        if (!partner || (!partner->unit_id.empty() && partner->unit_id != k.unit_id)) {
          return Fail(MakeError(ErrorKind::kNotFound, "partner_not_found", "Mitra tidak ditemukan.",
                                "Partner not found.", "partner_id"));
        }
        auto client = ClientOf(c, vault_, case_id, in.client_id, UnitToday(c, k.unit_id, now));
        if (!client) return Fail(NotAClient("client_id"));
        if (auto s = CheckReferral(FactsForReferral(c, case_id, in, *client)); !s)
          return Fail(s.error());
        json::object shared = SharedFields(k, in, client->record);
        auto reason = SealForCase(c, vault_, k, in.reason);
        if (!reason) return Fail(reason.error());
        store::events::ReferralMade referral{
            security::RandomUuid(), k.unit_id,   in.partner_id, partner->name,
            in.client_id,           in.services, in.urgency,    *reason,
            std::move(shared),      std::nullopt};
        if (!in.family_coordination.empty()) {
          auto sealed = SealForCase(c, vault_, k, in.family_coordination);
          if (!sealed) return Fail(sealed.error());
          referral.family_coordination = *sealed;
        }
        store::NewEvent e = store::MakeEvent(referral);
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k.version), {e}, p.user_id,
                                     FormatInstant(now));
        if (!a) return Fail(a.error());
        json::object payload = std::move(e.payload);
        payload["status"] = "sent";
        payload["case_version"] = a->version;
        return WriteReply{201, std::move(payload)};
      });
}

namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
  return out;
}

}  // namespace

Result<json::value> ReferralService::PartnerDirectory(const Principal& p,
                                                      const std::optional<std::string>& unit_id,
                                                      const std::optional<std::string>& kind,
                                                      const std::optional<std::string>& area) {
  if (kind && !IsOneOf(*kind, kPartnerKinds)) {
    return Fail(Invalid("invalid_partner_kind",
                        "Jenis mitra: police, health, social, community, school, legal_aid, "
                        "community_leader, task_force atau other.",
                        "Partner kind: police, health, social, community, school, legal_aid, "
                        "community_leader, task_force or other.",
                        "kind"));
  }
  if (area && (area->size() > 200 || !IsValidUtf8(*area))) {
    return Fail(Invalid("invalid_area", "Wilayah maks. 200 karakter.",
                        "An area has at most 200 characters.", "area"));
  }
  std::vector<std::string> units = p.CaseUnits();
  if (unit_id) {
    // Another unit's directory is not there for the caller: only the shared partners.
    bool mine = std::find(units.begin(), units.end(), *unit_id) != units.end();
    units = mine ? std::vector<std::string>{*unit_id} : std::vector<std::string>{};
  }
  std::string wanted_area = area ? AsciiLower(*area) : "";
  json::array items;
  db_.Read([&](store::SqlConn& c) {
    for (const auto& r : store::ListUnitPartners(c, units)) {
      if (kind && r.kind != *kind) continue;
      if (!wanted_area.empty() && AsciiLower(r.area).find(wanted_area) == std::string::npos)
        continue;
      items.push_back(json::object{
          {"id", r.id},
          {"code", r.code},
          {"name", r.name},
          {"kind", r.kind},
          {"area", r.area.empty() ? json::value(nullptr) : json::value(r.area)},
          {"unit_id", r.unit_id.empty() ? json::value(nullptr) : json::value(r.unit_id)}});
    }
  });
  return json::object{{"items", std::move(items)}};
}

Result<json::value> ReferralService::PartnerReferrals(const Principal& p) {
  json::value items = json::array();
  std::vector<store::ReferralRecord> rows;
  db_.Read([&](store::SqlConn& c) {
    rows = store::ListPartnerReferrals(c, p.partner_id, 200);
    std::map<std::string, std::string> units;
    for (const auto& r : rows) {
      if (!units.contains(r.unit_id)) {
        auto u = store::FindUnit(c, r.unit_id);
        units[r.unit_id] = u ? u->name : "";
      }
      items.as_array().push_back(PartnerView(r, units[r.unit_id]));
    }
    vault_.DecryptTree(c, items);
  });
  for (const auto& r : rows) access_log_.Record(p, r.unit_id, r.case_id, "referral");
  return json::object{{"items", std::move(items)}};
}

Result<json::value> ReferralService::PartnerReferral(const Principal& p,
                                                     const std::string& referral_id) {
  std::optional<store::ReferralRecord> r;
  json::value out;
  db_.Read([&](store::SqlConn& c) {
    r = store::FindReferral(c, referral_id);
    if (!r || r->partner_id != p.partner_id) return;
    auto u = store::FindUnit(c, r->unit_id);
    out = PartnerView(*r, u ? u->name : "");
    vault_.DecryptTree(c, out);
  });
  if (!r || r->partner_id != p.partner_id) return Fail(ReferralNotFound());
  access_log_.Record(p, r->unit_id, r->case_id, "referral");
  return out;
}

Result<WriteReply> ReferralService::AnswerReferral(const Principal& p,
                                                   const std::string& referral_id,
                                                   const std::string& action,
                                                   const std::string& text,
                                                   const std::optional<Idempotency>& idem) {
  if (action != "accept" && action != "reject" && action != "report") {
    return Fail(Invalid("invalid_value", "Jawaban: accept, reject atau report.",
                        "The answer is accept, reject or report.", "action"));
  }
  if ((action != "accept" && text.size() < 5) || text.size() > 4000) {
    return Fail(Invalid("invalid_reason",
                        action == "reject" ? "Alasan penolakan wajib (5–4000 karakter)."
                                           : "Isi laporan (5–4000 karakter).",
                        action == "reject" ? "A rejection needs its reason (5-4000 characters)."
                                           : "Write the report (5-4000 characters).",
                        action == "reject" ? "reason" : "report"));
  }
  Instant now = clock_.Now();
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto r = store::FindReferral(c, referral_id);
        if (!r || r->partner_id != p.partner_id) return Fail(ReferralNotFound());
        bool ok = (action == "report") ? r->status == "accepted" : r->status == "sent";
        if (!ok) {
          return Fail(MakeError(ErrorKind::kConflict, "referral_not_open",
                                action == "report"
                                    ? "Laporan balik dikirim setelah rujukan diterima."
                                    : "Rujukan ini sudah dijawab.",
                                action == "report" ? "A report back follows an accepted referral."
                                                   : "This referral was already answered."));
        }
        auto k = store::FindCase(c, r->case_id);
        if (!k) return Fail(ReferralNotFound());
        std::optional<std::string> sealed_text;
        if (!text.empty()) {
          auto sealed = SealForCase(c, vault_, *k, text);
          if (!sealed) return Fail(sealed.error());
          sealed_text = *sealed;
        }
        namespace ev = store::events;
        std::vector<store::NewEvent> events = {
            action == "accept" ? store::MakeEvent(ev::ReferralAccepted{referral_id, sealed_text})
            : action == "reject"
                ? store::MakeEvent(ev::ReferralRejected{referral_id, sealed_text})
                : store::MakeEvent(ev::ReferralReported{referral_id, sealed_text})};
        // A rejected referral goes back to the case manager: a task in their inbox.
        if (action == "reject") {
          events.push_back(FollowUpTaskOpened(referral_id, "referral-rejected", k->unit_id));
        }
        auto a = store::AppendEvents(c, store::CaseStream(r->case_id),
                                     store::ExpectedVersion::Exactly(k->version), events, p.user_id,
                                     FormatInstant(now));
        if (!a) return Fail(a.error());
        auto after = store::FindReferral(c, referral_id);
        auto u = store::FindUnit(c, after->unit_id);
        return WriteReply{200, PartnerView(*after, u ? u->name : "")};
      });
}

}  // namespace lindungi
