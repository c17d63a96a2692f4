// Transfers of a case between units (UPTD PPA kabupaten/kota -> provinsi -> nasional and
// back down; docs/transfers.md): which unit may hand a case to which, the shape of a
// request, the consent it needs (the whole record goes to another unit), and who sees a
// transfer. Pure rules over values; no I/O. Safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/consent.h"
#include "core/error.h"

namespace lindungi {

// Unit levels (DESIGN §3 "Unit"), lowest first.
inline constexpr std::string_view kUnitLevels[] = {"kabupaten_kota", "provinsi", "nasional"};

// The facts of a unit the direction rules use.
struct TransferUnit {
  std::string id, level, province;
};

// Whether `from` may hand a case to `to`; "up" or "down" on success.
// - up: a kabupaten/kota to its own province (cross-regency cases and cases beyond the
//   regency, Luwu Utara triage d; Kalteng "Tindak Lanjut Kasus Rujukan ... Kab/Kota") or to
//   the national level (KemenPPPA: "UPTD PPA Provinsi/Kementerian PPPA"); a province to the
//   national level.
// - down: a province to a kabupaten/kota of its own province, the national level to any unit.
// Errors: kInvalidArgument "same_unit"; kFailedPrecondition "unit_level_unknown",
// "transfer_direction_not_allowed" (between two units of one level: through the level
// above), "other_province" (a province and a regency of another province, or a province
// unknown on either side).
Result<std::string> CheckTransferDirection(const TransferUnit& from, const TransferUnit& to);

// A transfer request (POST /cases/{id}/transfers), as read from the body.
struct TransferInput {
  std::string to_unit;                  // a unit id or code
  std::string reason;                   // 5..4000, sealed
  std::vector<std::string> client_ids;  // the clients concerned: every client of the case
  std::string family_coordination;      // how the family was involved (child, disability)
  // Handover minutes (Berita Acara Penyerahan): who hands over (default: the caller), the
  // documents that go along (document kind ids or short titles), a note for the receiver.
  std::string handed_over_by;
  std::vector<std::string> documents;
  std::string handover_note;
};
// Shape of a request: kInvalidArgument naming the field.
Status ValidateTransfer(const TransferInput& in);

// What the consent rule needs of one client concerned.
struct TransferClientFacts {
  std::string client_id;
  bool child = false, disability = false, hiv = false;
};
// A transfer shares the client's whole record with the receiving unit: the client's (a
// child's: guardian's) consent to be referred and to share data with that very unit, and
// for a child or a person with a disability the family involved first (core/consent.h
// CheckReferral with the unit as the recipient). `consents` are those in force on the case,
// a consent naming a unit carrying the unit's id as its partner_id.
Status CheckTransferConsent(const TransferClientFacts& client, const std::string& to_unit_id,
                            bool family_coordinated, const std::vector<ActiveConsent>& consents);

// Roles of the receiving unit that see incoming transfers and decide on them.
inline constexpr std::string_view kTransferReceiverRoles[] = {
    "unit_head", "department_head", "section_head", "intake_officer", "case_manager"};
// Roles that accept or reject an incoming transfer.
inline constexpr std::string_view kTransferDeciderRoles[] = {"unit_head", "department_head",
                                                             "case_manager"};
bool MaySeeIncomingTransfers(const std::vector<std::string_view>& roles_in_receiving_unit);
bool MayDecideTransfer(const std::vector<std::string_view>& roles_in_receiving_unit);

// How much of a transfer a caller sees.
enum class TransferView {
  kNone,     // nothing: 404
  kOutcome,  // units, dates, status, answers; not what was shared (a rejected or cancelled
             // transfer, to the receiving unit)
  kShared,   // what the transfer shares: the summary, reason, handover minutes, reports
};
struct TransferViewFacts {
  std::string status;        // pending, accepted, rejected, cancelled
  bool sender_sees = false;  // need-to-know on the case in the sending unit (core/access.h)
  std::vector<std::string_view> receiver_roles;  // the caller's roles in the receiving unit
  bool receiver_sees_case = false;  // need-to-know on the case now in the receiving unit
};
TransferView ViewOfTransfer(const TransferViewFacts& f);

}  // namespace lindungi
