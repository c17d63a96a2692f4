#include "service/case_service.h"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/access.h"
#include "core/roles.h"
#include "core/time_zone.h"
#include "security/random.h"
#include "service/case_access.h"
#include "service/case_work_service.h"
#include "service/json_values.h"
#include "service/sealing.h"
#include "service/shelter_service.h"
#include "service/sop_catalog.h"
#include "service/writes.h"
#include "store/case_store.h"
#include "store/case_work_store.h"
#include "store/event_log.h"
#include "store/events/case_events.h"
#include "store/key_store.h"
#include "store/shelter_store.h"
#include "store/task_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace lindungi {
namespace json = boost::json;
namespace {

Error NoUnit() {
  return MakeError(ErrorKind::kPermissionDenied, "no_unit_role",
                   "Anda tidak memiliki peran petugas di unit ini.",
                   "You hold no staff role in this unit.", "unit_id");
}

// A case and its whole record as stored (sealed fields still sealed).
struct WholeCase {
  std::optional<store::CaseRecord> k;
  std::vector<store::PersonRecord> people;
  std::vector<store::IncidentRecord> incidents;
  std::vector<store::ConsentRecord> consents;
  std::vector<store::ReferralRecord> referrals;
  std::vector<store::StayRecord> stays;
  store::CaseWorkRecord work;
};

// Adds the reads of case `case_id` and its record to `b` (one round trip for them all).
void AddWholeCase(store::QueryBatch& b, const std::string& case_id, WholeCase* w) {
  store::FindCase(b, case_id, &w->k);
  store::ListCasePeople(b, case_id, &w->people);
  store::ListIncidents(b, case_id, &w->incidents);
  store::ListConsents(b, case_id, &w->consents);
  store::ListCaseReferrals(b, case_id, &w->referrals);
  store::ListCaseStays(b, case_id, &w->stays);
  store::ReadCaseWork(b, case_id, &w->work);
}

WholeCase ReadWholeCase(store::SqlConn& c, const std::string& case_id) {
  return store::RunAlone<WholeCase>(c, [&](auto& b, WholeCase* w) { AddWholeCase(b, case_id, w); });
}

// The people of a case as the case JSON lists them. The intake's reporter may be a record
// of another role too (a self-report, a reporter who is the guardian): one human, one
// record, with every role listed.
json::array PeopleJson(const std::vector<store::PersonRecord>& rows, const json::object& o) {
  std::string reporter_id;
  if (auto* rep = o.if_contains("reporter"); rep && rep->is_object())
    if (auto* id = rep->as_object().if_contains("person_id"); id && id->is_string())
      reporter_id = std::string(id->as_string());
  json::array people;
  for (const auto& r : rows) {
    json::object person = json::parse(r.data).as_object();
    person["person_id"] = r.person_id;
    person["role"] = r.role;
    json::array roles{json::value(r.role)};
    if (r.person_id == reporter_id && r.role != "reporter") roles.emplace_back("reporter");
    person["roles"] = std::move(roles);
    person["added_at"] = r.added_at;
    person["updated_at"] = r.updated_at;
    people.push_back(std::move(person));
  }
  return people;
}

// The case with its people, incidents, consents, referrals, shelter stays and case work.
// REQUIRES: w.k.
json::object CaseWithRecord(const WholeCase& w) {
  json::object o = CaseJson(*w.k);
  json::array incidents, consents, referrals;
  for (const auto& r : w.incidents) {
    json::object incident = json::parse(r.data).as_object();
    incident["recorded_at"] = r.recorded_at;
    incident["updated_at"] = r.updated_at;
    incidents.push_back(std::move(incident));
  }
  for (const auto& r : w.consents) {
    json::object consent = json::parse(r.data).as_object();
    consent["status"] = r.status;
    consent["recorded_at"] = r.recorded_at;
    consent["withdrawn_at"] = TextOrNull(r.withdrawn_at);
    consents.push_back(std::move(consent));
  }
  for (const auto& r : w.referrals) {
    json::object referral = json::parse(r.data).as_object();
    referral["status"] = r.status;
    referral["sent_at"] = r.sent_at;
    referral["updated_at"] = r.updated_at;
    referrals.push_back(std::move(referral));
  }
  o["people"] = PeopleJson(w.people, o);
  o["incidents"] = std::move(incidents);
  o["consents"] = std::move(consents);
  o["referrals"] = std::move(referrals);
  o["shelter_stays"] = ShelterStaysJson(w.stays);
  AddCaseWork(w.work, o);
  return o;
}

// The initials of a name ("Siti Rahmawati" -> "S.R."), at most three: what a list shows.
std::string Initials(std::string_view name) {
  std::string out;
  int n = 0;
  bool word_start = true;
  for (std::size_t i = 0; i < name.size() && n < 3; ++i) {
    unsigned char ch = static_cast<unsigned char>(name[i]);
    if (ch == ' ' || ch == '\t' || ch == '-' || ch == '.') {
      word_start = true;
      continue;
    }
    if (word_start && ch < 0x80 && std::isalpha(ch)) {
      out += char(std::toupper(ch));
      out += '.';
      ++n;
    }
    word_start = false;
  }
  return out;
}

json::object CaseSummaryJson(store::SqlConn& c, const Vault& vault, const store::CaseRecord& k,
                             const std::string& now) {
  json::object o{{"id", k.id},
                 {"number", k.number},
                 {"unit_id", k.unit_id},
                 {"status", k.status},
                 {"channel", k.channel},
                 {"crisis", k.crisis},
                 {"sensitive", k.sensitive},
                 {"received_at", k.received_at},
                 {"updated_at", k.updated_at},
                 {"version", k.version}};
  // Only the client's initials leave the server: the name is opened here and dropped.
  json::value client = json::parse(k.data).as_object()["client"];
  vault.DecryptTree(c, client);
  const json::string* name = client.is_object() && client.as_object().contains("name") &&
                                     client.as_object().at("name").is_string()
                                 ? &client.as_object().at("name").as_string()
                                 : nullptr;
  o["client_initials"] = name ? json::value(Initials(*name)) : json::value(nullptr);
  // The open step due soonest (the one the list shows), and how many are open.
  const store::TaskRecord* next = nullptr;
  std::int64_t open = 0;
  auto tasks = store::ListCaseTasks(c, k.id);
  for (const auto& t : tasks) {
    if (t.status != "open") continue;
    ++open;
    bool sooner = !next || (!t.due_at.empty() && (next->due_at.empty() || t.due_at < next->due_at));
    if (sooner) next = &t;
  }
  o["open_tasks"] = open;
  if (next) {
    o["next_task"] = json::object{{"id", next->id},
                                  {"sop_id", next->sop_id},
                                  {"step_id", next->step_id},
                                  {"role", next->role},
                                  {"due_at", TextOrNull(next->due_at)},
                                  {"overdue", !next->due_at.empty() && next->due_at < now}};
  } else {
    o["next_task"] = nullptr;
  }
  return o;
}

// The client as stored: identifying fields encrypted under the client's own key; sex,
// disability and the age at intake (coded fields for statistics and SOP conditions) clear.
json::object ClientJson(const IntakeClient& c, const std::string& person_id, const std::string& key,
                        std::chrono::year_month_day today) {
  auto seal = [&](const std::string& s) { return Vault::Encrypt(person_id, key, s); };
  json::object o{{"person_id", person_id},
                 {"name", seal(c.name)},
                 {"sex", c.sex},
                 {"disability", c.disability}};
  if (c.birth_date) {
    o["birth_date"] = seal(*c.birth_date);
    if (auto d = ParseDate(*c.birth_date)) o["age_years"] = AgeOn(*d, today);
  }
  if (c.age_years) o["age_years"] = *c.age_years;
  if (c.nik) o["nik"] = seal(*c.nik);
  if (c.phone) o["phone"] = seal(*c.phone);
  if (c.address) o["address"] = seal(*c.address);
  return o;
}

Result<std::optional<std::string>> BoundParam(const std::optional<std::string>& v,
                                              const char* name) {
  if (!v) return std::optional<std::string>();
  if (auto t = ParseInstant(*v)) return std::optional<std::string>(FormatInstant(*t));
  if (auto d = ParseDate(*v))
    return std::optional<std::string>(FormatInstant(std::chrono::sys_days{*d}));
  return Fail(MakeError(
      ErrorKind::kInvalidArgument, "invalid_date",
      fmt::format("Parameter {} harus tanggal (YYYY-MM-DD) atau waktu RFC 3339.", name),
      fmt::format("Parameter {} must be a date (YYYY-MM-DD) or an RFC 3339 time.", name), name));
}

}  // namespace

json::object CaseJson(const store::CaseRecord& k) {
  json::object o;
  o["id"] = k.id;
  o["number"] = k.number;
  o["unit_id"] = k.unit_id;
  o["status"] = k.status;
  o["channel"] = k.channel;
  o["crisis"] = k.crisis;
  o["sensitive"] = k.sensitive;
  o["received_at"] = k.received_at;
  o["created_at"] = k.created_at;
  o["updated_at"] = k.updated_at;
  o["created_by"] = k.created_by;
  o["version"] = k.version;
  json::object data = json::parse(k.data).as_object();
  for (auto& [key, v] : data) o[key] = std::move(v);
  return o;
}

Result<WriteReply> CaseService::Create(const Principal& p, const IntakeRequest& r,
                                       const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  if (auto s = ValidateIntake(r, now); !s) return Fail(s.error());
  if (auto s = ValidateIntakeCodes(r, classification_); !s) return Fail(s.error());
  auto units = p.CaseUnits();
  std::string unit_id;
  if (r.unit_id) {
    if (std::find(units.begin(), units.end(), *r.unit_id) == units.end()) return Fail(NoUnit());
    unit_id = *r.unit_id;
  } else if (units.size() == 1) {
    unit_id = units[0];
  } else {
    return Fail(
        MakeError(units.empty() ? ErrorKind::kPermissionDenied : ErrorKind::kInvalidArgument,
                  units.empty() ? "no_unit_role" : "unit_required",
                  units.empty() ? "Anda tidak memiliki peran petugas di unit mana pun."
                                : "Pilih unit (unit_id): Anda bertugas di beberapa unit.",
                  units.empty() ? "You hold no staff role in any unit."
                                : "Choose a unit (unit_id): you work in several units.",
                  "unit_id"));
  }
  std::string received_at =
      r.received_at ? FormatInstant(*ParseInstant(*r.received_at)) : FormatInstant(now);
  std::string case_id = security::RandomUuid();

  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto unit = store::FindUnit(c, unit_id);
        if (!unit) return Fail(NoUnit());
        auto offset = UtcOffsetOrWib(unit->time_zone);
        int year = int(LocalDate(now, offset).year());
        // Each person gets a key of their own (crypto-shredding erases one person). One
        // human is one record: a client who reports her own case is the client record in
        // the reporter's role too, under her key.
        bool self_report = ReporterIsClient(r.reporter);
        std::string client_id = security::RandomUuid();
        std::string reporter_id = self_report ? client_id : security::RandomUuid();
        std::string client_key = vault_.NewPerson(c, client_id, case_id);
        std::string reporter_key =
            self_report ? client_key : vault_.NewPerson(c, reporter_id, case_id);
        store::events::CaseOpened opened{
            unit_id,
            r.channel,
            r.crisis,
            received_at,
            Vault::Encrypt(client_id, client_key, r.narrative),
            json::object{{"person_id", reporter_id},
                         {"name", Vault::Encrypt(reporter_id, reporter_key, r.reporter.name)},
                         {"relation", r.reporter.relation},
                         {"is_client", self_report}},
            ClientJson(r.client, client_id, client_key, LocalDate(now, offset)),
            r.sensitive,
            r.synthetic,
            r.incident_date,
            r.referred_by,
            ""};
        if (r.reporter.phone)
          opened.reporter["phone"] = Vault::Encrypt(reporter_id, reporter_key, *r.reporter.phone);
        IndexPerson(c, vault_, client_id, case_id, unit_id, r.client.name, r.client.nik,
                    r.client.birth_date);
        if (!self_report)
          IndexPerson(c, vault_, reporter_id, case_id, unit_id, r.reporter.name, std::nullopt,
                      std::nullopt);
        // The unit's case counter last: on PostgreSQL its row stays locked until the commit,
        // and every intake of the unit waits for it.
        auto n = store::NextCounter(c, fmt::format("case_number/{}/{}", unit_id, year));
        opened.number = fmt::format("PPA-{}/{}/{:05}", unit->code, year, n);
        auto a = store::AppendEvents(c, store::CaseStream(case_id), store::ExpectedVersion::New(),
                                     {store::MakeEvent(opened)}, p.user_id, FormatInstant(now));
        if (!a) return Fail(a.error());
        return WriteReply{201, CaseWithRecord(ReadWholeCase(c, case_id))};
      });
}

Result<WriteReply> CaseService::Update(const Principal& p, const std::string& case_id,
                                       std::int64_t version, const CaseUpdate& u,
                                       const std::optional<Idempotency>& idem) {
  Instant now = clock_.Now();
  if (auto s = ValidateCaseUpdate(u, now); !s) return Fail(s.error());
  if (u.status)
    if (auto s = CheckStatusChange(*u.status); !s) return Fail(s.error());
  return WriteOnOpenCase(db_, clock_, vault_, p, idem, case_id,
                         [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<WriteReply> {
                           json::object changes;
                           if (u.channel) changes["channel"] = *u.channel;
                           if (u.crisis) changes["crisis"] = *u.crisis;
                           if (u.narrative) {
                             auto sealed = SealForCase(c, vault_, k, *u.narrative);
                             if (!sealed) return Fail(sealed.error());
                             changes["narrative"] = *sealed;
                           }
                           if (u.status) changes["status"] = *u.status;
                           if (u.incident_date) changes["incident_date"] = *u.incident_date;
                           auto a = store::AppendEvents(
                               c, store::CaseStream(case_id),
                               store::ExpectedVersion::Exactly(version),
                               {store::MakeEvent(store::events::CaseUpdated{std::move(changes)})},
                               p.user_id, FormatInstant(now));
                           if (!a) return Fail(a.error());
                           return WriteReply{200, CaseWithRecord(ReadWholeCase(c, case_id))};
                         });
}

Result<json::value> CaseService::Get(const Principal& p, const std::string& case_id) {
  // One read outside a transaction (no BEGIN/COMMIT round trips) of one batch: the case, its
  // record and its people's keys; only whom the caller's roles do not decide costs more.
  std::optional<json::value> out;
  std::string unit_id;
  db_.ReadOne([&](store::SqlConn& c) {
    WholeCase w;
    std::vector<store::PersonKeyRecord> keys;
    store::QueryBatch batch;
    AddWholeCase(batch, case_id, &w);
    store::FindCasePersonKeys(batch, case_id, &keys);
    batch.Run(c);
    if (!w.k || !CaseVisibleTo(c, p, *w.k)) return;
    json::value v = CaseWithRecord(w);
    vault_.DecryptTree(c, v, keys);
    unit_id = w.k->unit_id;
    out = std::move(v);
  });
  if (!out) return Fail(CaseNotFound());
  access_log_.Record(p, unit_id, case_id, "case");
  return std::move(*out);
}

Result<json::value> CaseService::List(const Principal& p, const CaseListQuery& q) {
  if (q.status && !IsOneOf(*q.status, kCaseStatuses)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_value",
                          "Parameter status harus open, in_progress atau closed.",
                          "Parameter status must be open, in_progress or closed.", "status"));
  }
  if (q.page < 1 || q.page > 100000 || q.page_size < 1 || q.page_size > 200) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_page",
                          "page 1–100000 dan page_size 1–200.",
                          "page must be 1-100000 and page_size 1-200.",
                          q.page < 1 || q.page > 100000 ? "page" : "page_size"));
  }
  auto from = BoundParam(q.received_from, "received_from");
  if (!from) return Fail(from.error());
  auto to = BoundParam(q.received_to, "received_to");
  if (!to) return Fail(to.error());
  std::string now = FormatInstant(clock_.Now());
  store::CaseFilter f{{},
                      p.user_id,
                      q.status,
                      *from,
                      *to,
                      q.sop,
                      q.overdue ? std::optional(now) : std::nullopt,
                      q.page_size,
                      (q.page - 1) * q.page_size};
  for (const auto& unit : p.CaseUnits())
    f.units.push_back({unit, p.ReachIn(unit), p.RolesIn(unit), false, {}});
  json::array items;
  std::int64_t total = 0;
  if (!f.units.empty()) {
    db_.Read([&](store::SqlConn& c) {
      for (auto& u : f.units)
        if (u.reach == UnitReach::kOwnCases)
          if (auto unit = store::FindUnit(c, u.unit_id))
            ActorScope(unit->sop_pack, u.roles, u.pack_actor, u.actor_sops);
      for (const auto& k : store::ListCases(c, f, &total)) {
        access_log_.Record(p, k.unit_id, k.id, "case_list");
        items.push_back(CaseSummaryJson(c, vault_, k, now));
      }
    });
  }
  return json::object{
      {"items", std::move(items)}, {"page", q.page}, {"page_size", q.page_size}, {"total", total}};
}

Result<json::value> CaseService::Events(const Principal& p, const std::string& case_id) {
  // The hash covers the stored (encrypted) payload; the reader sees it decrypted.
  return ReadVisibleCase(db_, vault_, access_log_, p, case_id, "history",
                         [&](store::SqlConn& c, const store::CaseRecord&) -> json::value {
                           json::array items;
                           for (const auto& e : store::ReadStream(c, store::CaseStream(case_id))) {
                             items.push_back(json::object{{"seq", e.seq},
                                                          {"type", e.type},
                                                          {"actor", e.actor},
                                                          {"at", e.at},
                                                          {"payload", json::parse(e.payload)},
                                                          {"hash", e.hash}});
                           }
                           return json::object{{"case_id", case_id}, {"items", std::move(items)}};
                         });
}

namespace {

Error NotOnTeam() {
  return MakeError(ErrorKind::kNotFound, "not_on_team", "Petugas itu tidak ada di tim kasus ini.",
                   "That user is not on this case's team.", "user_id");
}

Status CheckReason(const std::string& reason, bool required) {
  if ((required && reason.size() < 5) || reason.size() > 2000) {
    return Fail(MakeError(
        ErrorKind::kInvalidArgument, "invalid_reason",
        required ? "Alasan wajib diisi (5–2000 karakter)." : "Alasan paling banyak 2000 karakter.",
        required ? "A reason is required (5-2000 characters)."
                 : "A reason has at most 2000 characters.",
        "reason"));
  }
  return {};
}

json::object TeamJson(const std::vector<store::TeamMember>& team) {
  json::array items;
  for (const auto& m : team) {
    items.push_back(json::object{{"user_id", m.user_id},
                                 {"username", m.username},
                                 {"display_name", m.display_name},
                                 {"since", m.since},
                                 {"joined_by", m.joined_by}});
  }
  return json::object{{"items", std::move(items)}};
}

}  // namespace

Result<json::value> CaseService::Team(const Principal& p, const std::string& case_id) {
  // Staff, not the client: not an access-logged read.
  return ReadVisibleCase(db_, vault_, access_log_, p, case_id, nullptr,
                         [&](store::SqlConn& c, const store::CaseRecord&) -> json::value {
                           return TeamJson(store::ListCaseTeam(c, case_id));
                         });
}

// A write on one case the caller sees: `fn` returns the events to append (none: no change);
// the answer is the case team afterwards.
static Result<WriteReply> WriteOnCase(store::Database& db, const Clock& clock, const Vault& vault,
                                      const Principal& p, const std::string& case_id,
                                      const std::optional<Idempotency>& idem,
                                      const std::function<Result<std::vector<store::NewEvent>>(
                                          store::SqlConn&, const store::CaseRecord&)>& fn) {
  return WriteIdempotent(db, clock, vault, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
    auto k = store::FindCase(c, case_id);
    if (!k || !CaseVisibleTo(c, p, *k)) return Fail(CaseNotFound());
    auto events = fn(c, *k);
    if (!events) return Fail(events.error());
    std::int64_t version = k->version;
    if (!events->empty()) {
      auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                   store::ExpectedVersion::Exactly(version), std::move(*events),
                                   p.user_id, FormatInstant(clock.Now()));
      if (!a) return Fail(a.error());
      version = a->version;
    }
    auto after = store::FindCase(c, case_id);
    json::object out = TeamJson(store::ListCaseTeam(c, case_id));
    out["case_id"] = case_id;
    out["sensitive"] = after->sensitive;
    out["case_version"] = version;
    return WriteReply{200, std::move(out)};
  });
}

Result<WriteReply> CaseService::AddTeamMember(const Principal& p, const std::string& case_id,
                                              const std::string& user_id, const std::string& reason,
                                              const std::optional<Idempotency>& idem) {
  if (auto s = CheckReason(reason, false); !s) return Fail(s.error());
  return WriteOnCase(
      db_, clock_, vault_, p, case_id, idem,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<std::vector<store::NewEvent>> {
        if (!p.IsSupervisorIn(k.unit_id) && !p.HasRoleIn(k.unit_id, "case_manager")) {
          return Fail(MakeError(ErrorKind::kPermissionDenied, "cannot_change_team",
                                "Hanya atasan atau manajer kasus yang dapat menambah tim kasus.",
                                "Only a supervisor or case manager may add to a case team.",
                                "user_id"));
        }
        auto u = store::FindUser(c, user_id);
        bool staff = u && !u->disabled &&
                     std::any_of(u->roles.begin(), u->roles.end(), [&](const UnitRole& r) {
                       return r.unit_id == k.unit_id && IsStaffRole(r.role);
                     });
        if (!staff) {
          return Fail(MakeError(ErrorKind::kInvalidArgument, "not_unit_staff",
                                "Pengguna itu bukan petugas aktif unit kasus ini.",
                                "That user is not active staff of this case's unit.", "user_id"));
        }
        for (const auto& m : store::ListCaseTeam(c, k.id))
          if (m.user_id == user_id) return std::vector<store::NewEvent>{};
        store::events::CaseTeamMemberAdded added{user_id, std::nullopt};
        if (!reason.empty()) {
          auto sealed = SealForCase(c, vault_, k, reason);
          if (!sealed) return Fail(sealed.error());
          added.reason = *sealed;
        }
        return std::vector<store::NewEvent>{store::MakeEvent(added)};
      });
}

Result<WriteReply> CaseService::RemoveTeamMember(const Principal& p, const std::string& case_id,
                                                 const std::string& user_id) {
  return WriteOnCase(
      db_, clock_, vault_, p, case_id, std::nullopt,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<std::vector<store::NewEvent>> {
        if (!p.IsSupervisorIn(k.unit_id)) {
          return Fail(MakeError(ErrorKind::kPermissionDenied, "cannot_change_team",
                                "Hanya atasan yang dapat mengeluarkan petugas dari tim kasus.",
                                "Only a supervisor may take someone off a case team.", "user_id"));
        }
        auto team = store::ListCaseTeam(c, k.id);
        if (std::none_of(team.begin(), team.end(),
                         [&](const store::TeamMember& m) { return m.user_id == user_id; }))
          return Fail(NotOnTeam());
        return std::vector<store::NewEvent>{
            store::MakeEvent(store::events::CaseTeamMemberRemoved{user_id})};
      });
}

Result<WriteReply> CaseService::SetSensitivity(const Principal& p, const std::string& case_id,
                                               bool sensitive, const std::string& reason,
                                               const std::optional<Idempotency>& idem) {
  if (auto s = CheckReason(reason, true); !s) return Fail(s.error());
  return WriteOnCase(
      db_, clock_, vault_, p, case_id, idem,
      [&](store::SqlConn& c, const store::CaseRecord& k) -> Result<std::vector<store::NewEvent>> {
        bool head = p.ReachIn(k.unit_id) == UnitReach::kAll;
        if (!sensitive && !head) {
          return Fail(MakeError(ErrorKind::kPermissionDenied, "head_required",
                                "Hanya kepala unit atau kepala dinas yang dapat mencabut tanda "
                                "sensitif.",
                                "Only a unit head or department head may clear the sensitive "
                                "flag.",
                                "sensitive"));
        }
        if (k.sensitive == sensitive) return std::vector<store::NewEvent>{};
        std::vector<store::NewEvent> events;
        // Whoever narrows the case keeps it: on its team unless a head sees it anyway.
        if (sensitive && !head && !store::FindCaseAccess(c, k.id, p.user_id, {}).on_team)
          events.push_back(
              store::MakeEvent(store::events::CaseTeamMemberAdded{p.user_id, std::nullopt}));
        auto sealed = SealForCase(c, vault_, k, reason);
        if (!sealed) return Fail(sealed.error());
        events.push_back(
            store::MakeEvent(store::events::CaseSensitivityChanged{sensitive, *sealed}));
        return events;
      });
}

}  // namespace lindungi
