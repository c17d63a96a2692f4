// Case use cases: intake (create), show, list, history, update, the case team and the
// sensitive flag. Authorization: need-to-know (core/access.h, docs/security.md) — a caller
// sees the cases they work on and, by their roles, their unit's; any other case id answers
// kNotFound, as if it did not exist. Safe for concurrent use.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "core/case_work.h"
#include "core/classification.h"
#include "core/clock.h"
#include "core/consent.h"
#include "core/intake.h"
#include "core/shelter.h"
#include "core/transfer.h"
#include "core/triage.h"
#include "service/access_log.h"
#include "service/principal.h"
#include "service/vault.h"
#include "store/database.h"
#include "store/queries.h"

namespace lindungi::forms {
struct Form;
}

namespace lindungi {

class SopCatalog;

// What a write answers: an HTTP-like status and a JSON body. `replayed` is true when an
// Idempotency-Key matched an earlier request and its first answer is returned again.
struct WriteReply {
  int status = 200;
  boost::json::value body;
  bool replayed = false;
};

// An Idempotency-Key and a digest of the request it came with.
struct Idempotency {
  std::string key;
  std::string request_hash;
};

// JSON of the answers: a list of strings; text, or null when empty.
boost::json::array Strings(const std::vector<std::string>& v);
boost::json::value TextOrNull(const std::string& s);

// The triage input of a case: its classification and whether it came in crisis.
TriageInput TriageInputOf(const store::CaseRecord& k);
// The payload of TriageDecided for `decision` on case `k` as it stands (the recommendation,
// the rules that led to it, the reason sealed); kFailedPrecondition
// "override_reason_required" when it differs from a recommendation and has no reason.
Result<boost::json::object> TriageDecision(store::SqlConn& c, const Vault& vault,
                                           const store::CaseRecord& k, const std::string& decision,
                                           const std::string& reason);
// The triage decision staff recorded last on the case ("" if none).
std::string DecidedTriage(const store::CaseRecord& k);

// kInvalidArgument naming legal_basis or reference when they are missing or too long.
Status CheckLawfulRequest(const LawfulRequest& r);

struct CaseListQuery {
  std::optional<std::string> status;
  std::optional<std::string> received_from;  // RFC 3339 or YYYY-MM-DD (start of that UTC day)
  std::optional<std::string> received_to;    // exclusive
  std::optional<std::string> sop;            // cases that ran this SOP ("kalteng/mediasi")
  bool overdue = false;                      // only cases with an overdue open task
  std::int64_t page = 1;
  std::int64_t page_size = 50;
};

class CaseService {
 public:
  // `sops` (and its classification) outlives the service.
  CaseService(store::Database& db, const Clock& clock, AccessLog& access_log, const Vault& vault,
              const SopCatalog& sops);

  // Opens a case: event CaseOpened with a unit-scoped number PPA-<UNIT>/<year>/<00001>.
  Result<WriteReply> Create(const Principal& p, const IntakeRequest& r,
                            const std::optional<Idempotency>& idem);

  // Corrects intake fields; kConflict with the current version if `version` is stale.
  Result<WriteReply> Update(const Principal& p, const std::string& case_id, std::int64_t version,
                            const CaseUpdate& u, const std::optional<Idempotency>& idem);

  Result<boost::json::value> Get(const Principal& p, const std::string& case_id);
  Result<boost::json::value> List(const Principal& p, const CaseListQuery& q);
  Result<boost::json::value> Events(const Principal& p, const std::string& case_id);

  // The case team (need-to-know): who opened the case, did one of its steps, or was added.
  Result<boost::json::value> Team(const Principal& p, const std::string& case_id);
  // Adds a staff member of the case's unit to its team: by a supervisor or case manager who
  // sees the case. Adding a member already on it changes nothing.
  Result<WriteReply> AddTeamMember(const Principal& p, const std::string& case_id,
                                   const std::string& user_id, const std::string& reason,
                                   const std::optional<Idempotency>& idem);
  // Takes someone off the team: by a supervisor who sees the case.
  Result<WriteReply> RemoveTeamMember(const Principal& p, const std::string& case_id,
                                      const std::string& user_id);
  // Flags a case sensitive (anyone who sees it; they join its team so they keep it) or
  // clears the flag (unit or department head), with a reason.
  Result<WriteReply> SetSensitivity(const Principal& p, const std::string& case_id, bool sensitive,
                                    const std::string& reason,
                                    const std::optional<Idempotency>& idem);

  // --- the case record (case_record.cpp) ---

  // Records how the case is classified (case types, AMPK categories, risk level, authority):
  // event CaseClassified, and the facts SOP requirements and conditions use (risk_level,
  // case_type, jurisdiction; abh, trafficking, domestic_violence, high_risk).
  Result<WriteReply> Classify(const Principal& p, const std::string& case_id,
                              const CaseClassification& c, const std::optional<Idempotency>& idem);
  // Identification triage (core/triage.h) on the case as classified, with the decision staff
  // recorded last, if any.
  Result<boost::json::value> Triage(const Principal& p, const std::string& case_id);
  // Staff confirm the recommendation or decide otherwise; another decision than the
  // recommendation needs a reason. Event TriageDecided.
  Result<WriteReply> DecideTriage(const Principal& p, const std::string& case_id,
                                  const std::string& decision, const std::string& reason,
                                  const std::optional<Idempotency>& idem);

  // Adds a person (another client, an alleged perpetrator, a parent or guardian) to the case:
  // a key of their own, identifying fields sealed, name words and NIK indexed for search;
  // event PersonAdded. A guardian acts for a client of this case.
  Result<WriteReply> AddPerson(const Principal& p, const std::string& case_id,
                               const PersonInput& person, const std::optional<Idempotency>& idem);
  // Replaces a person's record (a correction; the role stays): event PersonUpdated.
  // kConflict "person_erased" once their key was destroyed.
  Result<WriteReply> UpdatePerson(const Principal& p, const std::string& case_id,
                                  const std::string& person_id, const PersonInput& person,
                                  const std::optional<Idempotency>& idem);
  // Records an incident (event IncidentRecorded): each client's age band on that day and the
  // GBVIMS core type are computed; place and narrative are sealed under the first client's
  // key. Update replaces it (IncidentUpdated).
  Result<WriteReply> RecordIncident(const Principal& p, const std::string& case_id,
                                    const IncidentInput& in,
                                    const std::optional<Idempotency>& idem);
  Result<WriteReply> UpdateIncident(const Principal& p, const std::string& case_id,
                                    const std::string& incident_id, const IncidentInput& in,
                                    const std::optional<Idempotency>& idem);

  // --- consent and referrals (consent_referral.cpp) ---

  // Records a consent given or refused: a child's by their parent or guardian (core/consent.h);
  // data_sharing names its partner. Event ConsentRecorded; in force, it makes the SOP
  // requirements consent:<scope> hold.
  Result<WriteReply> RecordConsent(const Principal& p, const std::string& case_id,
                                   const ConsentInput& in, const std::optional<Idempotency>& idem);
  // Withdraws a consent in force, with a reason (ConsentWithdrawn).
  Result<WriteReply> WithdrawConsent(const Principal& p, const std::string& case_id,
                                     const std::string& consent_id, const std::string& reason,
                                     const std::optional<Idempotency>& idem);
  // Refers a client to a partner organisation, if the consent and family rules allow
  // (core/consent.h CheckReferral); the fields shared go with it, still sealed. ReferralMade.
  Result<WriteReply> Refer(const Principal& p, const std::string& case_id, const ReferralInput& in,
                           const std::optional<Idempotency>& idem);
  // The partner directory of the caller's units (or of `unit_id`, one of theirs): partners
  // registered for the unit and those of every unit, optionally of one service `kind`
  // (kPartnerKinds) and whose area contains `area` (any case). Each with its id, the
  // partner_id a referral names.
  Result<boost::json::value> PartnerDirectory(const Principal& p,
                                              const std::optional<std::string>& unit_id,
                                              const std::optional<std::string>& kind,
                                              const std::optional<std::string>& area);
  // The partner side: a partner organisation's user sees the referrals addressed to it (with
  // only the fields shared), and accepts, rejects (it returns to the case manager's inbox)
  // or reports back. Reads are logged.
  Result<boost::json::value> PartnerReferrals(const Principal& p);
  Result<boost::json::value> PartnerReferral(const Principal& p, const std::string& referral_id);
  Result<WriteReply> AnswerReferral(const Principal& p, const std::string& referral_id,
                                    const std::string& action, const std::string& text,
                                    const std::optional<Idempotency>& idem);

  // --- shelters (shelters.cpp; docs/security.md "Shelters") ---

  // Registers a shelter of a unit (event ShelterRegistered on "shelter-<uuid>"), or replaces
  // its record (ShelterUpdated): by the unit's or department head; the address sealed.
  // `unit_id`: default the only unit the caller heads.
  Result<WriteReply> RegisterShelter(const Principal& p, const std::optional<std::string>& unit_id,
                                     const ShelterInput& in,
                                     const std::optional<Idempotency>& idem);
  Result<WriteReply> UpdateShelter(const Principal& p, const std::string& shelter_id,
                                   const ShelterInput& in, const std::optional<Idempotency>& idem);
  // The shelters of the caller's units (or of `unit_id`) with occupancy; a shelter of
  // another unit answers kNotFound. The address only for the unit's heads and for staff who
  // see a case with a client staying there now; else null with address_visible false.
  Result<boost::json::value> ListShelters(const Principal& p,
                                          const std::optional<std::string>& unit_id);
  Result<boost::json::value> GetShelter(const Principal& p, const std::string& shelter_id);
  // Admits a client of the case to a shelter of its unit (ShelterStayStarted on the case,
  // ShelterBedTaken on the shelter, so racing admissions for the last bed collide): the
  // shelter must take them (core/shelter.h); when full, only a head's override_reason
  // admits (recorded). Retries a lost race, so the loser sees the shelter full.
  Result<WriteReply> AdmitToShelter(const Principal& p, const std::string& case_id,
                                    const AdmissionInput& in,
                                    const std::optional<Idempotency>& idem);
  // Ends an open stay of the case (ShelterStayEnded).
  Result<WriteReply> DischargeFromShelter(const Principal& p, const std::string& case_id,
                                          const std::string& stay_id, const DischargeInput& in,
                                          const std::optional<Idempotency>& idem);

  // --- transfers (transfers.cpp; docs/transfers.md, docs/security.md "Transfers") ---

  // Hands the case to another unit (core/transfer.h: direction by level and province; every
  // client's consent to be referred and to share data with that unit; the family first for
  // a child or a person with a disability): event TransferRequested with the handover
  // minutes and the summary the receiving unit decides on. By a supervisor or case manager
  // of the case's unit (403 transfer_role_required); 409 transfer_pending if one is pending.
  Result<WriteReply> RequestTransfer(const Principal& p, const std::string& case_id,
                                     const TransferInput& in,
                                     const std::optional<Idempotency>& idem);
  // The transfers of the caller's units: `incoming` (to units where the caller decides on
  // them) or outgoing (from the caller's units, of cases they see or saw), newest first.
  Result<boost::json::value> ListTransfers(const Principal& p, bool incoming);
  // The units the case may be handed to (core/transfer.h CheckTransferDirection from the
  // case's unit), for the caller who sees the case: id, code, name, level, direction.
  Result<boost::json::value> TransferTargets(const Principal& p, const std::string& case_id);
  // One transfer as far as the caller may see it (core/transfer.h ViewOfTransfer); else
  // kNotFound "transfer_not_found". Reads of what it shares are logged.
  Result<boost::json::value> GetTransfer(const Principal& p, const std::string& transfer_id);
  // The receiving unit's head or case manager accepts: TransferAccepted, the sending unit's
  // open tasks closed and SOPs ended (TaskClosed, SopEnded "transferred"), CaseTransferred
  // (the case's unit changes; its number stays, the unit's register number is added) and
  // `sop_id` (default: the pack's SOP for cases referred in) started for the new unit.
  Result<WriteReply> AcceptTransfer(const Principal& p, const SopCatalog& sops,
                                    const std::string& transfer_id,
                                    const std::optional<std::string>& sop_id,
                                    const std::string& note,
                                    const std::optional<Idempotency>& idem);
  // `action`: reject (the receiving unit's head or case manager, with a reason; a
  // follow-up task returns to the sending unit's case managers), report (the receiving
  // unit's staff who see the case, after acceptance), cancel (the sender, while pending).
  Result<WriteReply> AnswerTransfer(const Principal& p, const std::string& transfer_id,
                                    const std::string& action, const std::string& text,
                                    const std::optional<Idempotency>& idem);

  // Crypto-shredding, where the law requires erasure: destroys the person's key, so every
  // field stored under it reads as null from now on, and records PersonErased on the case.
  // The event log keeps its hash chain. kNotFound for an unknown (or already erased) person.
  // A self-report recorded before it was one record: the client and the reporter who is
  // her are erased together.
  Status ErasePerson(const std::string& person_id, const std::string& actor);
  // The same through the API, on a lawful request the unit head records (UU 27/2022): event
  // DataSubjectRequestRecorded (kind erasure, legal basis, reference) then PersonErased.
  // kPermissionDenied "unit_head_required" for anyone else of the unit (an administrator
  // too); kNotFound "person_not_found" for a person of a unit the caller has no role in.
  Result<WriteReply> EraseOnRequest(const Principal& p, const std::string& person_id,
                                    const LawfulRequest& r);
  // An access request the unit head records (DataSubjectRequestRecorded, kind access), and
  // ExportPerson's answer with the request; the read is access-logged.
  Result<boost::json::value> AccessOnRequest(const Principal& p, const std::string& person_id,
                                             const LawfulRequest& r);

  // Search before create: people on the caller's units' cases whose name has every word of
  // `name` and/or whose NIK is `nik` (and, to narrow, born on `birth_date`), found through the
  // blind indexes (no decryption of the table); each hit is decrypted, logged as a read
  // ("search"). At most 50.
  Result<boost::json::value> SearchPeople(const Principal& p,
                                          const std::optional<std::string>& name,
                                          const std::optional<std::string>& nik,
                                          const std::optional<std::string>& birth_date);

  // A data-subject access request (UU 27/2022): the person's own data on their case,
  // decrypted — their fields, the narrative if they are the client, and the history of
  // events that recorded their data — without other people's. kNotFound if unknown or erased.
  Result<boost::json::value> ExportPerson(const std::string& person_id);

  // --- case work (case_work.cpp; docs/case-work.md) ---

  // Replaces the intervention plan (goals, planned services): `in.version` is the plan
  // version it replaces (0 for the first; kConflict "plan_version_conflict" otherwise);
  // services move forward only (core/case_work.h). Event PlanUpdated, texts sealed.
  Result<WriteReply> PutPlan(const Principal& p, const std::string& case_id, const PlanInput& in,
                             const std::optional<Idempotency>& idem);
  Result<boost::json::value> GetPlan(const Principal& p, const std::string& case_id);
  // A case conference or family meeting (MeetingRecorded): its staff, partners and family
  // members must be of the case's unit / known / on the case; free text sealed.
  Result<WriteReply> RecordMeeting(const Principal& p, const std::string& case_id,
                                   const MeetingInput& in, const std::optional<Idempotency>& idem);
  Result<boost::json::value> ListMeetings(const Principal& p, const std::string& case_id);
  // A monitoring note (MonitoringRecorded): progress per goal of the plan; texts sealed.
  Result<WriteReply> RecordMonitoring(const Principal& p, const std::string& case_id,
                                      const MonitoringInput& in,
                                      const std::optional<Idempotency>& idem);
  Result<boost::json::value> ListMonitoring(const Principal& p, const std::string& case_id);
  // Terminates the case (CaseTerminated: status closed) by its case manager or a supervisor,
  // with the terminasi form's values (`form` checks them: complete, signed), given here or
  // as the terminasi form already filed on the case (`form_document_id`: 404
  // document_not_found, 400 not_a_termination_form); refused while a client is in a shelter
  // or a referral is unanswered. Open tasks are closed (TaskClosed) and running SOPs ended
  // (SopEnded), reason case_terminated. Sensitive form values sealed.
  Result<WriteReply> Terminate(const Principal& p, const std::string& case_id,
                               const TerminationInput& in, const boost::json::object& form_values,
                               const std::optional<std::string>& form_document_id,
                               const forms::Form* form, const std::optional<Idempotency>& idem);
  // Reopens a closed case (CaseReopened, status in_progress), by its case manager or a
  // supervisor, with a reason (sealed).
  Result<WriteReply> Reopen(const Principal& p, const std::string& case_id,
                            const std::string& reason, const std::optional<Idempotency>& idem);

 private:
  // AddPerson of someone already on the case (`person.same_as`): the reporter becomes the
  // client's guardian too, one record (PersonUpdated with the new role).
  // The case of the person a lawful request is about, if the caller is its unit's head.
  Result<store::CaseRecord> LawfulRequestCase(store::SqlConn& c, const Principal& p,
                                              const std::string& person_id);
  Result<WriteReply> AddRole(store::SqlConn& c, const store::CaseRecord& k,
                             const PersonInput& person, const Principal& p, Instant now);

  store::Database& db_;
  const Clock& clock_;
  AccessLog& access_log_;
  const Vault& vault_;
  const Classification& classification_;
  const SopCatalog& sops_;
};

// kInvalidArgument unless `key` is 1..128 printable ASCII characters.
Status ValidateIdempotencyKey(const std::string& key);

// Runs `fn` in one write transaction; with an Idempotency-Key, a repeated request gets the
// first answer again (replayed), and the key reused for another request is refused. `fn`
// answers with fields as stored (encrypted): the answer is kept so for a replay and
// decrypted for the caller on the way out, so no plaintext rests in the idempotency table.
Result<WriteReply> WriteIdempotent(store::Database& db, const Clock& clock, const Vault& vault,
                                   const Principal& p, const std::optional<Idempotency>& idem,
                                   const std::function<Result<WriteReply>(store::SqlConn&)>& fn);

// `text` as stored on case `k`: sealed under its client's key, like the narrative (notes,
// reasons). kFailedPrecondition "client_erased" once that key was destroyed.
Result<std::string> SealForCase(store::SqlConn& c, const Vault& vault, const store::CaseRecord& k,
                                const std::string& text);

// Today's date in the unit's time zone (deadlines, ages, "today" in a unit's documents).
std::chrono::year_month_day UnitToday(store::SqlConn& c, const std::string& unit_id, Instant now);

// A client of a case as the consent, referral and termination rules see them: a child
// (under 18 on `today`, by birth date or else age in years)? a disability? And the record as
// stored (sealed). nullopt if `client_id` is not a client of case `case_id`.
struct ClientFacts {
  bool child = false, disability = false;
  boost::json::object record;
};
std::optional<ClientFacts> ClientOf(store::SqlConn& c, const Vault& vault,
                                    const std::string& case_id, const std::string& client_id,
                                    std::chrono::year_month_day today);
// kNotFound "person_not_found" naming `field`: that person is not a client of this case.
Error NotAClient(std::string field);
// A filled form about a client (`klien`) that says whether she is a child (`klien_anak`)
// says it truly: the client is one of case `case_id` (else NotAClient), and `klien_anak`
// agrees with her age on `today` (else kInvalidArgument "child_client": a child's forms are
// signed by her parent or guardian too). Fields are named with `prefix` ("form."). Forms
// without both fields pass.
Status CheckFormClient(store::SqlConn& c, const Vault& vault, const std::string& case_id,
                       const boost::json::object& values, std::chrono::year_month_day today,
                       const std::string& prefix = "");

// The `person` and `file` fields of a filled form name records of case `case_id` (a person
// of the case; a document of the case), as the form format promises: kInvalidArgument
// "invalid_reference" naming the first field that does not (never its value).
Status CheckFormReferences(store::SqlConn& c, const std::string& case_id, const forms::Form& form,
                           const boost::json::object& values);

// The shelter stays of a case, as stored (reasons sealed), in admission order.
boost::json::array ShelterStaysOf(store::SqlConn& c, const std::string& case_id);

// Whether `p` may see case `k` (need-to-know, core/access.h; asks the store for the team
// and open tasks only when the caller's roles do not decide), and the answer when not: 404,
// as if the case did not exist.
bool CaseVisibleTo(store::SqlConn& c, const Principal& p, const store::CaseRecord& k);
Error CaseNotFound();
// The case a write records work on: kNotFound for a case `p` may not see, kConflict
// "case_closed" once it is closed (CheckCaseOpenForWork). In a transaction.
Result<store::CaseRecord> CaseOpenForWork(store::SqlConn& c, const Principal& p,
                                          const std::string& case_id);
// Replaces the blind-index entries of a person (search before create, docs/security.md):
// the words of their name, their NIK and their birth date, as keyed hashes.
void IndexPerson(store::SqlConn& c, const Vault& vault, const std::string& person_id,
                 const std::string& case_id, const std::string& unit_id, const std::string& name,
                 const std::optional<std::string>& nik,
                 const std::optional<std::string>& birth_date);
// The task `task_id` if it is one of case `case_id`'s; else kNotFound "task_not_found"
// naming the field task_id (for a request that names the task it was done for).
Result<store::TaskRecord> TaskOfCase(store::SqlConn& c, const std::string& task_id,
                                     const std::string& case_id);

// The case work of a case as stored (sealed), for the case JSON: plan (or null), meetings,
// monitoring_notes, terminations.
void AddCaseWork(store::SqlConn& c, const std::string& case_id, boost::json::object& o);
// The terminasi form of the forms/ folder beside `sops_dir` (loaded once); null if missing.
const forms::Form* TerminationForm(const std::string& sops_dir);

}  // namespace lindungi
