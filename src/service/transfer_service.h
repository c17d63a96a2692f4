// Transfers of a case between units (transfers.cpp; docs/transfers.md, docs/security.md
// "Transfers"). The rules are pure (core/transfer.h).
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "core/transfer.h"
#include "service/case_service_base.h"
#include "service/principal.h"
#include "service/writes.h"

namespace lindungi {

class TransferService : public CaseServiceBase {
 public:
  using CaseServiceBase::CaseServiceBase;

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
};

}  // namespace lindungi
