// Reading the JSON bodies of the transfer routes (docs/transfers.md): strict, with errors in
// Bahasa Indonesia and English naming the field. No RESTinio here.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "core/error.h"
#include "core/transfer.h"

namespace lindungi::http {

// POST /cases/{id}/transfers: to_unit, reason, client_ids, family_coordination?, handover?
// {handed_over_by?, documents?, note?}.
Result<TransferInput> ReadTransfer(const boost::json::object& o);

// POST /transfers/{transfer}/accept: sop? (an SOP of the receiving unit's pack), note?.
struct TransferAcceptRequest {
  std::optional<std::string> sop;
  std::string note;
};
Result<TransferAcceptRequest> ReadTransferAccept(const boost::json::object& o);

// POST /transfers/{transfer}/cancel: reason? (may be empty).
Result<std::string> ReadOptionalReason(const boost::json::object& o);

}  // namespace lindungi::http
