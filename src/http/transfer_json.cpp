#include "http/transfer_json.h"

#include "http/json_body.h"

namespace lindungi::http {

Result<TransferInput> ReadTransfer(const boost::json::object& o) {
  ObjectReader r(o);
  TransferInput in;
  in.to_unit = r.String("to_unit");
  in.reason = r.String("reason");
  in.client_ids = r.Strings("client_ids", 20);
  in.family_coordination = r.OptString("family_coordination").value_or("");
  if (const auto* h = r.Object("handover", false)) {
    ObjectReader hr(*h, "handover");
    in.handed_over_by = hr.OptString("handed_over_by").value_or("");
    in.documents = hr.Strings("documents", 30);
    in.handover_note = hr.OptString("note").value_or("");
    if (auto s = hr.Finish(); !s) return Fail(s.error());
  }
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<TransferAcceptRequest> ReadTransferAccept(const boost::json::object& o) {
  ObjectReader r(o);
  TransferAcceptRequest in;
  in.sop = r.OptString("sop");
  in.note = r.OptString("note").value_or("");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return in;
}

Result<std::string> ReadOptionalReason(const boost::json::object& o) {
  ObjectReader r(o);
  std::string reason = r.OptString("reason").value_or("");
  if (auto s = r.Finish(); !s) return Fail(s.error());
  return reason;
}

}  // namespace lindungi::http
