// Transfers of a case between units (docs/transfers.md): kabupaten/kota -> provinsi ->
// nasional and back down. Member functions of TransferService; the rules are pure
// (core/transfer.h, core/consent.h, core/access.h), this file loads the facts, authorizes,
// seals the free text under the case client's key and appends the events on the case stream.
#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>

#include "core/case_work.h"
#include "core/roles.h"
#include "core/time_zone.h"
#include "security/random.h"
#include "service/case_access.h"
#include "service/case_record_service.h"
#include "service/clients.h"
#include "service/json_values.h"
#include "service/person_age.h"
#include "service/sealing.h"
#include "service/sop_catalog.h"
#include "service/task_service.h"
#include "service/transfer_service.h"
#include "service/writes.h"
#include "sop/engine.h"
#include "store/case_store.h"
#include "store/event_log.h"
#include "store/events/sop_events.h"
#include "store/events/transfer_events.h"
#include "store/task_store.h"
#include "store/transfer_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace lindungi {
namespace json = boost::json;
namespace {

Error TransferNotFound() {
  return MakeError(ErrorKind::kNotFound, "transfer_not_found", "Penyerahan kasus tidak ditemukan.",
                   "Transfer not found.");
}

Error NotPending() {
  return MakeError(ErrorKind::kConflict, "transfer_not_pending",
                   "Penyerahan ini sudah diterima, ditolak atau dibatalkan.",
                   "This transfer was already accepted, rejected or cancelled.");
}

Error NotADecider() {
  return MakeError(ErrorKind::kPermissionDenied, "transfer_decider_required",
                   "Hanya kepala unit, kepala dinas atau manajer kasus unit penerima yang dapat "
                   "menerima atau menolak penyerahan.",
                   "Only the receiving unit's unit head, department head or case manager may "
                   "accept or reject a transfer.");
}

Error Invalid(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

std::vector<std::string_view> Views(const std::vector<std::string>& roles) {
  return {roles.begin(), roles.end()};
}

bool IsUuid(const std::string& s) {
  return s.size() == 36 && std::all_of(s.begin(), s.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || ch == '-';
         });
}

std::chrono::year_month_day UnitToday(const store::UnitRecord& u, Instant now) {
  return LocalDate(now, UtcOffsetOrWib(u.time_zone));
}

json::object UnitJson(store::SqlConn& c, const std::string& unit_id) {
  auto u = store::FindUnit(c, unit_id);
  if (!u) return json::object{{"id", unit_id}};
  return json::object{{"id", u->id}, {"code", u->code}, {"name", u->name}, {"level", u->level}};
}

// Whether the sending side sees the transfer: need-to-know on the case (core/access.h). While
// the case is still with the sending unit that is CaseVisibleTo; once it moved, the sending
// unit's heads (section heads: not a sensitive case) and its case team as it was.
bool SenderSees(store::SqlConn& c, const Principal& p, const store::TransferRecord& t,
                const store::CaseRecord& k) {
  if (k.unit_id == t.from_unit) return CaseVisibleTo(c, p, k);
  UnitReach reach = p.ReachIn(t.from_unit);
  if (reach == UnitReach::kNone) return false;
  CaseAccessFacts f;
  f.on_team = store::FindCaseAccess(c, k.id, p.user_id, {}).on_team;
  f.sensitive = k.sensitive;
  return MaySeeCase(reach, f);
}

TransferView ViewFor(store::SqlConn& c, const Principal& p, const store::TransferRecord& t,
                     const store::CaseRecord& k) {
  TransferViewFacts f;
  f.status = t.status;
  f.sender_sees = SenderSees(c, p, t, k);
  std::vector<std::string> roles = p.RolesIn(t.to_unit);
  f.receiver_roles = Views(roles);
  f.receiver_sees_case = k.unit_id == t.to_unit && CaseVisibleTo(c, p, k);
  return ViewOfTransfer(f);
}

// The transfer as `view` allows (fields as stored: sealed text is decrypted by the caller).
json::object TransferJson(store::SqlConn& c, const store::TransferRecord& t, TransferView view) {
  json::object data = json::parse(t.data).as_object();
  json::object o{{"id", t.id},
                 {"status", t.status},
                 {"case_number", data.at("case_number")},
                 {"direction", data.at("direction")},
                 {"from_unit", UnitJson(c, t.from_unit)},
                 {"to_unit", UnitJson(c, t.to_unit)},
                 {"requested_at", t.requested_at},
                 {"updated_at", t.updated_at},
                 {"answer", data.contains("answer") ? data.at("answer") : json::value(nullptr)},
                 {"shared", view == TransferView::kShared}};
  if (view != TransferView::kShared) return o;
  o["case_id"] = t.case_id;
  o["requested_by"] = t.requested_by;
  for (const char* k : {"reason", "client_ids", "clients", "summary", "family_coordination",
                        "handover", "consent_ids"})
    if (auto* v = data.if_contains(k)) o[k] = *v;
  o["reports"] = data.contains("reports") ? data.at("reports") : json::value(json::array());
  return o;
}

// What the consent rule needs of a client of the case, from their record (birth date sealed).
std::optional<TransferClientFacts> ClientFactsOf(store::SqlConn& c, const Vault& vault,
                                                 const store::PersonRecord& r,
                                                 std::chrono::year_month_day today, bool hiv,
                                                 json::object& coded) {
  json::value plain = json::parse(r.data);
  vault.DecryptTree(c, plain);
  const auto& o = plain.as_object();
  std::optional<int> age = RecordedAgeOn(o, r.added_at, today);
  TransferClientFacts f;
  f.client_id = r.person_id;
  f.child = IsChild(age);
  if (auto* d = o.if_contains("disability"); d && d->is_bool()) f.disability = d->as_bool();
  f.hiv = hiv;
  // The summary the receiving unit decides on: coded fields only, never the identity.
  coded = json::object{{"person_id", r.person_id},
                       {"sex", o.contains("sex") ? o.at("sex") : json::value(nullptr)},
                       {"age_years", age ? json::value(*age) : json::value(nullptr)},
                       {"child", f.child},
                       {"disability", f.disability}};
  return f;
}

// The SOP a transferred case starts in the receiving unit's pack: the one named, else the
// pack's SOP for cases referred in — the first whose first step takes a referral letter
// (surat-rujukan; Kalteng "Tindak Lanjut Kasus Rujukan ... Kab/Kota"), else the first of
// kind case_management, identification, complaint, else the pack's first SOP. "" for a unit
// without a pack.
Result<std::string> TransferSop(const SopCatalog& sops, const store::UnitRecord& unit,
                                const std::optional<std::string>& named) {
  const sop::Pack* pack = sops.FindPack(unit.sop_pack);
  if (!pack) {
    if (named) {
      return Fail(MakeError(ErrorKind::kFailedPrecondition, "unit_has_no_sop_pack",
                            "Unit penerima belum memiliki paket SOP.",
                            "The receiving unit has no SOP pack yet.", "sop"));
    }
    return std::string();
  }
  if (named) {
    bool ok = std::any_of(pack->sops.begin(), pack->sops.end(),
                          [&](const sop::Sop& s) { return s.id == *named; });
    if (!ok) {
      return Fail(MakeError(ErrorKind::kNotFound, "sop_not_found",
                            "SOP itu tidak ada di paket SOP unit penerima.",
                            "That SOP is not in the receiving unit's SOP pack.", "sop"));
    }
    return *named;
  }
  for (const auto& s : pack->sops) {
    if (s.steps.empty()) continue;
    const auto& req = s.steps.front().requires_;
    if (std::find(req.begin(), req.end(), "surat-rujukan") != req.end()) return s.id;
  }
  for (const char* kind : {"case_management", "identification", "complaint"})
    for (const auto& s : pack->sops)
      if (s.kind == kind) return s.id;
  if (!pack->sops.empty()) return pack->sops.front().id;
  return std::string();
}

bool MayRequest(const Principal& p, const std::string& unit_id) {
  return p.IsSupervisorIn(unit_id) || p.HasRoleIn(unit_id, "case_manager");
}

// Refuses a caller who may not hand the case over (role), or a case with a transfer pending.
Status CheckMayRequestTransfer(store::SqlConn& c, const Principal& p, const store::CaseRecord& k,
                               const std::string& case_id) {
  if (!MayRequest(p, k.unit_id)) {
    return Fail(MakeError(ErrorKind::kPermissionDenied, "transfer_role_required",
                          "Hanya kepala seksi, kepala unit, kepala dinas atau manajer kasus "
                          "yang dapat menyerahkan kasus ke unit lain.",
                          "Only a section head, unit head, department head or case manager "
                          "may hand a case to another unit."));
  }
  for (const auto& t : store::ListCaseTransfers(c, case_id)) {
    if (t.status == "pending") {
      return Fail(MakeError(ErrorKind::kConflict, "transfer_pending",
                            "Kasus ini sedang menunggu jawaban penyerahan ke unit lain.",
                            "This case already awaits the answer to a transfer."));
    }
  }
  return {};
}

// The receiving unit named by id or code; kNotFound "unit_not_found" otherwise.
Result<store::UnitRecord> ReceivingUnit(store::SqlConn& c, const std::string& to_unit) {
  auto to = IsUuid(to_unit) ? store::FindUnit(c, to_unit) : store::FindUnitByCode(c, to_unit);
  if (!to) {
    return Fail(MakeError(ErrorKind::kNotFound, "unit_not_found", "Unit penerima tidak ditemukan.",
                          "Receiving unit not found.", "to_unit"));
  }
  return std::move(*to);
}

// Whoever hands over: an enabled staff member of the sending unit; else "not_unit_staff".
Result<store::UserRecord> HandingOverStaff(store::SqlConn& c, const std::string& user_id,
                                           const std::string& from_unit) {
  auto giver = store::FindUser(c, user_id);
  bool staff = giver && !giver->disabled &&
               std::any_of(giver->roles.begin(), giver->roles.end(), [&](const UnitRole& r) {
                 return r.unit_id == from_unit && IsStaffRole(r.role);
               });
  if (!staff) {
    return Fail(Invalid("not_unit_staff",
                        "Yang menyerahkan harus petugas unit pengirim (handed_over_by).",
                        "Whoever hands over must be staff of the sending unit "
                        "(handed_over_by).",
                        "handover.handed_over_by"));
  }
  return std::move(*giver);
}

// Whether the fact "hiv" is recorded on the case.
bool CaseHasHiv(store::SqlConn& c, const std::string& case_id) {
  bool hiv = false;
  for (const auto& f : store::ListCaseFacts(c, case_id))
    if (f.kind == "fact" && f.name == "hiv") hiv = true;
  return hiv;
}

// The case's active consents, and those a transfer to one unit rests on.
struct TransferConsents {
  std::vector<ActiveConsent> active;
  std::map<std::string, std::string> of;  // "<client>/<scope>" -> consent id
};

// The case's active consents by scope; `of` keeps those for `to_unit` or for any recipient.
TransferConsents ConsentsForTransfer(store::SqlConn& c, const std::string& case_id,
                                     const std::string& to_unit) {
  TransferConsents consents;
  for (const auto& r : store::ListConsents(c, case_id)) {
    if (r.status != "active") continue;
    json::object d = json::parse(r.data).as_object();
    std::string recipient = r.partner_id;
    if (auto* u = d.if_contains("unit_id"); u && u->is_string())
      recipient = std::string(u->as_string());
    json::value scopes = json::parse(r.scopes);
    for (const auto& s : scopes.as_array()) {
      std::string scope(s.as_string());
      consents.active.push_back({r.client_id, scope, recipient});
      if (recipient == to_unit || recipient.empty()) consents.of[r.client_id + "/" + scope] = r.id;
    }
  }
  return consents;
}

// The coded summaries of the case's clients: each named in client_ids, each consenting.
Result<json::array> TransferredClients(store::SqlConn& c, const Vault& vault,
                                       const std::string& case_id, const TransferInput& in,
                                       const std::string& to_unit,
                                       std::chrono::year_month_day today, bool hiv,
                                       const std::vector<ActiveConsent>& consents) {
  json::array clients;
  std::vector<std::string> listed = in.client_ids;
  for (const auto& person : store::ListCasePeople(c, case_id)) {
    if (person.role != "client") continue;
    auto it = std::find(listed.begin(), listed.end(), person.person_id);
    if (it == listed.end()) {
      return Fail(MakeError(ErrorKind::kFailedPrecondition, "client_not_in_transfer",
                            "Seluruh kasus pindah bersama semua kliennya: sebutkan setiap "
                            "klien kasus ini (client_ids), masing-masing dengan "
                            "persetujuannya.",
                            "The whole case moves with every client: name each client of "
                            "this case (client_ids), each with their consent.",
                            "client_ids"));
    }
    listed.erase(it);
    json::object coded;
    auto facts = ClientFactsOf(c, vault, person, today, hiv, coded);
    if (auto s = CheckTransferConsent(*facts, to_unit, !in.family_coordination.empty(), consents);
        !s)
      return Fail(s.error());
    clients.push_back(std::move(coded));
  }
  if (!listed.empty()) {
    return Fail(MakeError(ErrorKind::kNotFound, "person_not_found",
                          "Orang itu bukan klien pada kasus ini.",
                          "That person is not a client of this case.", "client_ids"));
  }
  return clients;
}

// The ids of each named client's referral and data_sharing consents, in order, each once.
std::vector<std::string> TransferConsentIds(const std::vector<std::string>& client_ids,
                                            const std::map<std::string, std::string>& consent_of) {
  std::vector<std::string> consent_ids;
  for (const auto& id : client_ids)
    for (const char* scope : {"referral", "data_sharing"})
      if (auto it = consent_of.find(id + "/" + scope);
          it != consent_of.end() &&
          std::find(consent_ids.begin(), consent_ids.end(), it->second) == consent_ids.end())
        consent_ids.push_back(it->second);
  return consent_ids;
}

// The request's free texts, each sealed under the case client's key (null when empty).
struct SealedTransferTexts {
  std::optional<std::string> reason, family, note;
};

// Seals the reason, family coordination and handover note, in that order (first failure).
Result<SealedTransferTexts> SealTransferTexts(store::SqlConn& c, const Vault& vault,
                                              const store::CaseRecord& k, const TransferInput& in) {
  auto seal = [&](const std::string& text) -> Result<std::optional<std::string>> {
    if (text.empty()) return std::optional<std::string>();
    auto sealed = SealForCase(c, vault, k, text);
    if (!sealed) return Fail(sealed.error());
    return std::optional<std::string>(*sealed);
  };
  auto reason = seal(in.reason);
  if (!reason) return Fail(reason.error());
  auto family = seal(in.family_coordination);
  if (!family) return Fail(family.error());
  auto note = seal(in.handover_note);
  if (!note) return Fail(note.error());
  return SealedTransferTexts{std::move(*reason), std::move(*family), std::move(*note)};
}

// The summary the receiving unit decides on: how the case is classified and came in.
json::object TransferCaseSummary(const store::CaseRecord& k) {
  json::object data = json::parse(k.data).as_object();
  json::object summary{{"channel", k.channel},
                       {"crisis", k.crisis},
                       {"sensitive", k.sensitive},
                       {"received_at", k.received_at}};
  if (auto* cl = data.if_contains("classification"); cl && cl->is_object()) {
    json::object classification;
    for (const char* key : {"case_types", "ampk", "risk_level", "jurisdiction"})
      if (auto* v = cl->as_object().if_contains(key)) classification[key] = *v;
    summary["classification"] = std::move(classification);
  }
  if (auto* tr = data.if_contains("triage"); tr && tr->is_object())
    if (auto* d = tr->as_object().if_contains("decision")) summary["triage_decision"] = *d;
  return summary;
}

// Checks the answer's action (reject, report, cancel) and the length of its text.
Status ValidateAnswer(const std::string& action, const std::string& text) {
  if (action != "reject" && action != "report" && action != "cancel") {
    return Fail(Invalid("invalid_value", "Jawaban: reject, report atau cancel.",
                        "The answer is reject, report or cancel.", "action"));
  }
  bool needs_text = action != "cancel";
  if ((needs_text && text.size() < 5) || text.size() > 4000) {
    return Fail(Invalid(
        "invalid_reason",
        action == "report" ? "Isi laporan (5–4000 karakter)." : "Alasan wajib (5–4000 karakter).",
        action == "report" ? "Write the report (5-4000 characters)."
                           : "Give the reason (5-4000 characters).",
        action == "report" ? "report" : "reason"));
  }
  return {};
}

// The answer's text (its "report" or "reason") sealed; none when empty.
Result<std::optional<std::string>> AnswerText(store::SqlConn& c, const Vault& vault,
                                              const store::CaseRecord& k, const std::string& text) {
  if (text.empty()) return std::optional<std::string>();
  auto sealed = SealForCase(c, vault, k, text);
  if (!sealed) return Fail(sealed.error());
  return std::optional<std::string>(*sealed);
}

// The answer's events, once the caller may give it and the transfer is in the state it answers.
Result<std::vector<store::NewEvent>> AnswerEvents(store::SqlConn& c, const Principal& p,
                                                  const store::TransferRecord& t,
                                                  const store::CaseRecord& k,
                                                  const std::string& transfer_id,
                                                  const std::string& action,
                                                  const std::optional<std::string>& text) {
  std::vector<store::NewEvent> events;
  if (action == "reject") {
    std::vector<std::string> roles = p.RolesIn(t.to_unit);
    if (!MayDecideTransfer(Views(roles))) {
      return Fail(NotADecider());
    }
    if (t.status != "pending") return Fail(NotPending());
    events.push_back(store::MakeEvent(store::events::TransferRejected{transfer_id, text}));
    // The case stays; its case managers get it back in their inbox.
    events.push_back(FollowUpTaskOpened(transfer_id, "transfer-rejected", t.from_unit));
  } else if (action == "cancel") {
    bool sender = k.unit_id == t.from_unit && CaseVisibleTo(c, p, k) &&
                  (t.requested_by == p.user_id || MayRequest(p, t.from_unit));
    if (!sender) {
      return Fail(MakeError(ErrorKind::kPermissionDenied, "transfer_sender_required",
                            "Hanya pengirim atau atasan/manajer kasus unit pengirim yang dapat "
                            "membatalkan penyerahan.",
                            "Only the sender, or a supervisor or case manager of the sending "
                            "unit, may cancel a transfer."));
    }
    if (t.status != "pending") return Fail(NotPending());
    events.push_back(store::MakeEvent(store::events::TransferCancelled{transfer_id, text}));
  } else {
    bool receiver = k.unit_id == t.to_unit && p.ReachIn(t.to_unit) != UnitReach::kNone &&
                    CaseVisibleTo(c, p, k);
    if (t.status != "accepted") {
      return Fail(MakeError(ErrorKind::kConflict, "transfer_not_accepted",
                            "Laporan balik dikirim setelah penyerahan diterima.",
                            "A report back follows an accepted transfer."));
    }
    if (!receiver) {
      return Fail(MakeError(ErrorKind::kPermissionDenied, "transfer_receiver_required",
                            "Laporan balik dikirim oleh petugas unit penerima yang menangani "
                            "kasus ini.",
                            "A report back comes from staff of the receiving unit who work on "
                            "this case."));
    }
    events.push_back(
        store::MakeEvent(store::events::TransferReported{transfer_id, text.value_or("")}));
  }
  return events;
}
constexpr int kRaceAttempts = 5;

}  // namespace

Result<WriteReply> TransferService::RequestTransfer(const Principal& p, const std::string& case_id,
                                                    const TransferInput& in,
                                                    const std::optional<Idempotency>& idem) {
  if (auto s = ValidateTransfer(in); !s) return Fail(s.error());
  Instant now = clock_.Now();
  return WriteOnOpenCase(
      db_, clock_, vault_, p, idem, case_id,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
        if (auto s = CheckMayRequestTransfer(c, p, k, case_id); !s) return Fail(s.error());
        auto to = ReceivingUnit(c, in.to_unit);
        if (!to) return Fail(to.error());
        auto from = store::FindUnit(c, k.unit_id);
        if (!from) return Fail(CaseNotFound());
        auto direction = CheckTransferDirection({from->id, from->level, from->province},
                                                {to->id, to->level, to->province});
        if (!direction) return Fail(direction.error());
        std::string handed_over_by = in.handed_over_by.empty() ? p.user_id : in.handed_over_by;
        auto giver = HandingOverStaff(c, handed_over_by, from->id);
        if (!giver) return Fail(giver.error());
        // Every client of the case goes with it: each must be named and have consented.
        bool hiv = CaseHasHiv(c, case_id);
        TransferConsents consents = ConsentsForTransfer(c, case_id, to->id);
        auto clients = TransferredClients(c, vault_, case_id, in, to->id, UnitToday(*from, now),
                                          hiv, consents.active);
        if (!clients) return Fail(clients.error());
        std::vector<std::string> consent_ids = TransferConsentIds(in.client_ids, consents.of);
        auto texts = SealTransferTexts(c, vault_, k, in);
        if (!texts) return Fail(texts.error());
        store::events::TransferRequested requested{security::RandomUuid(),
                                                   from->id,
                                                   to->id,
                                                   *direction,
                                                   k.number,
                                                   texts->reason,
                                                   in.client_ids,
                                                   std::move(*clients),
                                                   TransferCaseSummary(k),
                                                   texts->family,
                                                   std::move(consent_ids),
                                                   handed_over_by,
                                                   giver->display_name,
                                                   in.documents,
                                                   texts->note};
        const std::string& transfer_id = requested.transfer_id;
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k.version),
                                     {store::MakeEvent(requested)}, p.user_id, FormatInstant(now));
        if (!a) return Fail(a.error());
        json::object out =
            TransferJson(c, *store::FindTransfer(c, transfer_id), TransferView::kShared);
        out["case_version"] = a->version;
        return WriteReply{201, std::move(out)};
      });
}

Result<json::value> TransferService::ListTransfers(const Principal& p, bool incoming) {
  std::vector<std::string> units;
  for (const auto& u : p.CaseUnits()) {
    std::vector<std::string> roles = p.RolesIn(u);
    if (!incoming || MaySeeIncomingTransfers(Views(roles))) units.push_back(u);
  }
  json::value items = json::array();
  std::vector<std::pair<std::string, std::string>> read;  // (unit, case) of shared views
  db_.Read([&](store::SqlConn& c) {
    for (const auto& t : store::ListUnitTransfers(c, units, incoming, 200)) {
      auto k = store::FindCase(c, t.case_id);
      if (!k) continue;
      TransferView view = ViewFor(c, p, t, *k);
      if (view == TransferView::kNone) continue;
      if (view == TransferView::kShared)
        read.emplace_back(incoming ? t.to_unit : t.from_unit, t.case_id);
      items.as_array().push_back(TransferJson(c, t, view));
    }
    vault_.DecryptTree(c, items);
  });
  for (const auto& [unit, kase] : read) access_log_.Record(p, unit, kase, "transfer");
  return json::object{{"direction", incoming ? "incoming" : "outgoing"},
                      {"items", std::move(items)}};
}

Result<json::value> TransferService::TransferTargets(const Principal& p,
                                                     const std::string& case_id) {
  std::optional<json::array> items;
  db_.Read([&](store::SqlConn& c) {
    auto k = store::FindCase(c, case_id);
    if (!k || !CaseVisibleTo(c, p, *k)) return;
    auto from = store::FindUnit(c, k->unit_id);
    if (!from) return;
    items.emplace();
    for (const auto& u : store::ListUnits(c)) {
      auto direction = CheckTransferDirection({from->id, from->level, from->province},
                                              {u.id, u.level, u.province});
      if (!direction) continue;
      items->push_back(json::object{{"id", u.id},
                                    {"code", u.code},
                                    {"name", u.name},
                                    {"level", u.level},
                                    {"direction", *direction}});
    }
  });
  if (!items) return Fail(CaseNotFound());
  return json::object{{"case_id", case_id}, {"items", std::move(*items)}};
}

Result<json::value> TransferService::GetTransfer(const Principal& p,
                                                 const std::string& transfer_id) {
  std::optional<store::TransferRecord> t;
  TransferView view = TransferView::kNone;
  json::value out;
  db_.Read([&](store::SqlConn& c) {
    t = store::FindTransfer(c, transfer_id);
    if (!t) return;
    auto k = store::FindCase(c, t->case_id);
    if (!k) return;
    view = ViewFor(c, p, *t, *k);
    if (view == TransferView::kNone) return;
    out = TransferJson(c, *t, view);
    vault_.DecryptTree(c, out);
  });
  if (view == TransferView::kNone) return Fail(TransferNotFound());
  if (view == TransferView::kShared) {
    bool sender = p.ReachIn(t->from_unit) != UnitReach::kNone;
    access_log_.Record(p, sender ? t->from_unit : t->to_unit, t->case_id, "transfer");
  }
  return out;
}

Result<WriteReply> TransferService::AcceptTransfer(const Principal& p, const SopCatalog& sops,
                                                   const std::string& transfer_id,
                                                   const std::optional<std::string>& sop_id,
                                                   const std::string& note,
                                                   const std::optional<Idempotency>& idem) {
  if (note.size() > 4000) {
    return Fail(Invalid("too_long", "Catatan paling banyak 4000 karakter.",
                        "A note has at most 4000 characters.", "note"));
  }
  Instant now = clock_.Now();
  auto attempt = [&](store::SqlConn& c) -> Result<WriteReply> {
    auto t = store::FindTransfer(c, transfer_id);
    if (!t) return Fail(TransferNotFound());
    auto k = store::FindCase(c, t->case_id);
    if (!k) return Fail(TransferNotFound());
    std::vector<std::string> roles = p.RolesIn(t->to_unit);
    if (!MayDecideTransfer(Views(roles))) {
      if (ViewFor(c, p, *t, *k) == TransferView::kNone) return Fail(TransferNotFound());
      return Fail(NotADecider());
    }
    if (t->status != "pending") return Fail(NotPending());
    if (k->unit_id != t->from_unit) return Fail(NotPending());
    auto to = store::FindUnit(c, t->to_unit);
    if (!to) return Fail(TransferNotFound());
    auto sop = TransferSop(sops, *to, sop_id);
    if (!sop) return Fail(sop.error());
    // The receiving unit's register number; the case keeps its own.
    auto today = UnitToday(*to, now);
    int year = int(today.year());
    auto n = store::NextCounter(c, fmt::format("case_number/{}/{}", to->id, year));
    std::string number = fmt::format("PPA-{}/{}/{:05}", to->code, year, n);
    store::events::TransferAccepted accepted{
        transfer_id, number, sop->empty() ? std::nullopt : std::optional<std::string>(*sop),
        std::nullopt};
    if (!note.empty()) {
      auto sealed = SealForCase(c, vault_, *k, note);
      if (!sealed) return Fail(sealed.error());
      accepted.note = *sealed;
    }
    std::vector<store::NewEvent> events = {store::MakeEvent(accepted)};
    // The sending unit's work on the case ends: its open tasks close, its SOPs end.
    for (const auto& task : store::ListCaseTasks(c, k->id))
      if (task.status == "open")
        events.push_back(store::MakeEvent(store::events::TaskClosed{task.id, "transferred"}));
    for (const auto& i : store::ListInstances(c, k->id)) {
      if (i.status != "running") continue;
      json::object state = json::parse(i.state).as_object();
      state["open"] = json::array();
      state["ended"] = true;
      state["end_reason"] = "transferred";
      events.push_back(store::MakeEvent(store::events::SopEnded{i.id, "transferred", state}));
    }
    events.push_back(store::MakeEvent(
        store::events::CaseTransferred{transfer_id, t->from_unit, t->to_unit, number}));
    if (!sop->empty())
      if (auto st = StartSopEvents(c, sops, *k, *to, *sop, now, events); !st)
        return Fail(st.error());
    auto a = store::AppendEvents(c, store::CaseStream(k->id),
                                 store::ExpectedVersion::Exactly(k->version), events, p.user_id,
                                 FormatInstant(now));
    if (!a) return Fail(a.error());
    json::object out = TransferJson(c, *store::FindTransfer(c, transfer_id), TransferView::kShared);
    out["case_version"] = a->version;
    out["unit_number"] = number;
    out["sop_started"] = TextOrNull(*sop);
    return WriteReply{200, std::move(out)};
  };
  for (int i = 1;; ++i) {
    auto r = WriteIdempotent(db_, clock_, vault_, p, idem, attempt);
    if (r || i == kRaceAttempts || r.error().code != "version_conflict") return r;
  }
}

Result<WriteReply> TransferService::AnswerTransfer(const Principal& p,
                                                   const std::string& transfer_id,
                                                   const std::string& action,
                                                   const std::string& text,
                                                   const std::optional<Idempotency>& idem) {
  if (auto s = ValidateAnswer(action, text); !s) return Fail(s.error());
  Instant now = clock_.Now();
  auto attempt = [&](store::SqlConn& c) -> Result<WriteReply> {
    auto t = store::FindTransfer(c, transfer_id);
    if (!t) return Fail(TransferNotFound());
    auto k = store::FindCase(c, t->case_id);
    if (!k) return Fail(TransferNotFound());
    TransferView view = ViewFor(c, p, *t, *k);
    if (view == TransferView::kNone) return Fail(TransferNotFound());
    auto payload = AnswerText(c, vault_, *k, text);
    if (!payload) return Fail(payload.error());
    auto events = AnswerEvents(c, p, *t, *k, transfer_id, action, *payload);
    if (!events) return Fail(events.error());
    auto a = store::AppendEvents(c, store::CaseStream(k->id),
                                 store::ExpectedVersion::Exactly(k->version), *events, p.user_id,
                                 FormatInstant(now));
    if (!a) return Fail(a.error());
    auto after = store::FindTransfer(c, transfer_id);
    auto after_case = store::FindCase(c, t->case_id);
    json::object out = TransferJson(c, *after, ViewFor(c, p, *after, *after_case));
    out["case_version"] = a->version;
    return WriteReply{200, std::move(out)};
  };
  for (int i = 1;; ++i) {
    auto r = WriteIdempotent(db_, clock_, vault_, p, idem, attempt);
    if (r || i == kRaceAttempts || r.error().code != "version_conflict") return r;
  }
}

}  // namespace lindungi
