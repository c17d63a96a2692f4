// Setting up a data directory: `lindungi init` (config file, store, first unit, users)
// and the demo data of the README's first command; and looking after it from the CLI, as the
// operator (no principal): units, partners, the event log's verification and rebuild, and
// moving the store to another backend.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "service/app.h"
#include "store/copy_store.h"
#include "store/event_log.h"
#include "store/unit_store.h"

namespace lindungi {

struct UnitSpec {
  std::string code;  // upper-case letters, digits, '-': appears in case numbers
  std::string name;
  std::string level = "kabupaten_kota";  // kabupaten_kota | provinsi | nasional
  std::string province;
  std::string time_zone = "Asia/Jakarta";
  std::string sop_pack;  // the SOP pack (sops/<id>) its cases run; may be set later
};

// Creates a unit (event UnitCreated). kInvalidArgument on a bad code, level or time zone;
// kConflict if the code exists.
Result<store::UnitRecord> CreateUnit(App& app, const UnitSpec& spec);

// Sets the SOP pack a unit's cases run (event UnitSopPackSet). kNotFound for an unknown
// unit code; kInvalidArgument for a pack the server does not have.
// `actor`: who changes it (a user id through the API; the CLI's "system").
Status SetUnitSopPack(App& app, const std::string& unit_code, const std::string& pack_id,
                      const std::string& actor = std::string(kSystemActor));

// Makes two-step log-in mandatory (or optional again) for the unit's heads and
// administrators (event UnitTwoFactorPolicySet). It applies from their next log-in.
Status SetUnitTwoFactorRequired(App& app, const std::string& unit_code, bool required,
                                const std::string& actor = std::string(kSystemActor));

struct PartnerSpec {
  std::string code;  // upper-case letters, digits, '-'
  std::string name;
  std::string kind;         // one of kPartnerKinds
  std::string unit_code{};  // the unit whose directory holds it; "" for every unit's
  std::string area{};       // where it serves (kabupaten/kota), at most 200 characters
};
// Registers a partner organisation (event PartnerCreated). kInvalidArgument on a bad code,
// name or kind; kConflict if the code exists.
Result<store::PartnerRecord> CreatePartner(App& app, const PartnerSpec& spec,
                                           const std::string& actor = std::string(kSystemActor));

struct CreatedUser {
  std::string username, role, password;
};

// One user per role (and an administrator) in `unit`, each with a fresh random password.
Result<std::vector<CreatedUser>> CreateDemoUsers(App& app, const store::UnitRecord& unit);

// The demo unit of the README's first command.
UnitSpec DemoUnit();
// Its letter settings: an invented letterhead and head (with an invented NIP).
LetterSettings DemoLetterSettings();

// Whether the store at `url` holds any event (a PostgreSQL database exists before `lindungi
// init` makes a store of it). Opening it runs the migrations; throws StoreError if it cannot.
bool StoreHasEvents(const std::string& url);

// Every unit, every partner organisation (`lindungi unit list`, `partner list`, `user list`).
std::vector<store::UnitRecord> AllUnits(App& app);
std::vector<store::PartnerRecord> AllPartners(App& app);
// The unit or the partner with that code, if any.
std::optional<store::UnitRecord> UnitByCode(App& app, const std::string& code);
std::optional<store::PartnerRecord> PartnerByCode(App& app, const std::string& code);

// Checks every hash chain of the event log (`lindungi audit verify`): empty when every event
// is intact. Throws StoreError.
std::vector<store::ChainProblem> VerifyEventLog(App& app, std::int64_t* events_checked = nullptr);
// Recreates the read tables from the event log (`lindungi rebuild`): how many events it
// replayed.
Result<std::int64_t> RebuildReadTables(App& app);

// Moving a store to another backend (`lindungi migrate-store`, store/copy_store.h). Opening
// both stores throws StoreError; Run copies every event into the empty target, verifying it.
class StoreMigration {
 public:
  StoreMigration(const std::string& from_url, const std::string& to_url);
  // `progress(done, total)` after each page of events.
  Result<store::CopyReport> Run(const std::function<void(std::int64_t, std::int64_t)>& progress);

 private:
  std::unique_ptr<store::Database> from_, to_;
};

}  // namespace lindungi
