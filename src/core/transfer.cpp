#include "core/transfer.h"

#include <algorithm>
#include <set>

namespace lindungi {
namespace {

int Rank(std::string_view level) {
  for (int i = 0; i < 3; ++i)
    if (kUnitLevels[i] == level) return i;
  return -1;
}

Error Refused(std::string code, std::string id, std::string en, std::string field = "to_unit") {
  return MakeError(ErrorKind::kFailedPrecondition, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

Error Invalid(std::string code, std::string id, std::string en, std::string field) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}

template <std::size_t N>
bool AnyIn(const std::vector<std::string_view>& roles, const std::string_view (&list)[N]) {
  return std::any_of(roles.begin(), roles.end(), [&](std::string_view r) {
    return std::find(std::begin(list), std::end(list), r) != std::end(list);
  });
}

// A document named in the handover minutes: a kind id or a short title, printable text.
bool PrintableLine(const std::string& s, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; });
}

}  // namespace

Result<std::string> CheckTransferDirection(const TransferUnit& from, const TransferUnit& to) {
  if (from.id == to.id) {
    return Fail(Invalid("same_unit", "Kasus sudah berada di unit ini.",
                        "The case is already with this unit.", "to_unit"));
  }
  int a = Rank(from.level), b = Rank(to.level);
  if (a < 0 || b < 0) {
    return Fail(Refused("unit_level_unknown",
                        "Tingkat unit (kabupaten_kota, provinsi, nasional) tidak diketahui.",
                        "A unit's level (kabupaten_kota, provinsi, nasional) is unknown."));
  }
  if (a == b) {
    if (a == 0) {
      return Fail(Refused("transfer_direction_not_allowed",
                          "Kasus lintas kabupaten/kota adalah kewenangan provinsi: serahkan ke "
                          "UPTD PPA provinsi.",
                          "A case across regencies/cities is the province's authority: hand it "
                          "to the provincial UPTD PPA."));
    }
    if (a == 1) {
      return Fail(Refused("transfer_direction_not_allowed",
                          "Kasus lintas provinsi adalah kewenangan nasional: serahkan ke "
                          "KemenPPPA.",
                          "A case across provinces is the national authority: hand it to the "
                          "ministry (KemenPPPA)."));
    }
    return Fail(Refused("transfer_direction_not_allowed",
                        "Penyerahan antar unit nasional tidak didukung.",
                        "Transfers between national units are not supported."));
  }
  // Between a regency and a province: only within that province.
  if ((a == 0 && b == 1) || (a == 1 && b == 0)) {
    if (from.province.empty() || to.province.empty() || from.province != to.province) {
      return Fail(Refused("other_province",
                          "Kabupaten/kota dan provinsi harus dalam provinsi yang sama; untuk "
                          "provinsi lain, serahkan melalui tingkat nasional.",
                          "A regency/city and a province must be in the same province; for "
                          "another province, go through the national level."));
    }
  }
  return std::string(b > a ? "up" : "down");
}

Status ValidateTransfer(const TransferInput& in) {
  if (in.to_unit.empty() || in.to_unit.size() > 64) {
    return Fail(Invalid("required", "Sebutkan unit penerima (to_unit: id atau kode).",
                        "Name the receiving unit (to_unit: id or code).", "to_unit"));
  }
  if (in.reason.size() < 5 || in.reason.size() > 4000) {
    return Fail(Invalid("invalid_reason", "Alasan penyerahan wajib (5–4000 karakter).",
                        "A transfer needs its reason (5-4000 characters).", "reason"));
  }
  if (in.client_ids.empty()) {
    return Fail(Invalid("required", "Sebutkan klien yang diserahkan (client_ids).",
                        "Name the clients concerned (client_ids).", "client_ids"));
  }
  if (std::set<std::string>(in.client_ids.begin(), in.client_ids.end()).size() !=
      in.client_ids.size()) {
    return Fail(Invalid("duplicate_value", "Klien disebut dua kali (client_ids).",
                        "A client is named twice (client_ids).", "client_ids"));
  }
  if (in.family_coordination.size() > 2000) {
    return Fail(Invalid("too_long", "family_coordination paling banyak 2000 karakter.",
                        "family_coordination has at most 2000 characters.", "family_coordination"));
  }
  for (const auto& d : in.documents) {
    if (!PrintableLine(d, 200)) {
      return Fail(Invalid(
          "invalid_value", "Setiap dokumen yang diserahkan: teks satu baris, 1–200 karakter.",
          "Each document handed over: one line of text, 1-200 characters.", "handover.documents"));
    }
  }
  if (in.handover_note.size() > 4000) {
    return Fail(Invalid("too_long", "Catatan serah terima paling banyak 4000 karakter.",
                        "A handover note has at most 4000 characters.", "handover.note"));
  }
  return {};
}

Status CheckTransferConsent(const TransferClientFacts& client, const std::string& to_unit_id,
                            bool family_coordinated, const std::vector<ActiveConsent>& consents) {
  ReferralFacts f;
  f.client_id = client.client_id;
  f.partner_id = to_unit_id;
  f.shares_data = true;  // the whole record goes with the case
  f.child = client.child;
  f.disability = client.disability;
  f.hiv = client.hiv;
  f.family_coordinated = family_coordinated;
  f.consents = consents;
  if (auto s = CheckReferral(f); !s) {
    Error e = s.error();
    // The same rule as a referral; the message names the unit, not a partner.
    if (e.code == "data_sharing_consent_required") {
      e.message_id =
          "Seluruh berkas kasus diserahkan ke unit lain: perlu persetujuan klien (atau "
          "walinya) berbagi data dengan unit penerima itu (unit_id).";
      e.message_en =
          "The whole case record goes to another unit: the client's (or guardian's) "
          "consent to share data with that receiving unit (unit_id) is needed.";
      e.field = "client_ids";
    } else if (e.code == "consent_required") {
      e.field = "client_ids";
    }
    return Fail(std::move(e));
  }
  return {};
}

bool MaySeeIncomingTransfers(const std::vector<std::string_view>& roles) {
  return AnyIn(roles, kTransferReceiverRoles);
}

bool MayDecideTransfer(const std::vector<std::string_view>& roles) {
  return AnyIn(roles, kTransferDeciderRoles);
}

TransferView ViewOfTransfer(const TransferViewFacts& f) {
  if (f.sender_sees) return TransferView::kShared;
  bool receiver = MaySeeIncomingTransfers(f.receiver_roles);
  if (f.status == "pending") return receiver ? TransferView::kShared : TransferView::kNone;
  if (f.status == "accepted")
    return receiver || f.receiver_sees_case ? TransferView::kShared : TransferView::kNone;
  // Rejected or cancelled: the case stayed; the receiving unit keeps only the outcome.
  return receiver ? TransferView::kOutcome : TransferView::kNone;
}

}  // namespace lindungi
