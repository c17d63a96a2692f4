// Transfer rules (core/transfer.h): directions by level and province, the request's shape,
// the consent a transfer needs, and who sees a transfer — branch by branch.
#include <gtest/gtest.h>

#include "core/transfer.h"

namespace lindungi {
namespace {

const TransferUnit kKabA{"kab-a", "kabupaten_kota", "Kalimantan Tengah"};
const TransferUnit kKabB{"kab-b", "kabupaten_kota", "Kalimantan Tengah"};
const TransferUnit kKabOther{"kab-x", "kabupaten_kota", "Sulawesi Selatan"};
const TransferUnit kProv{"prov", "provinsi", "Kalimantan Tengah"};
const TransferUnit kProvOther{"prov-x", "provinsi", "Sulawesi Selatan"};
const TransferUnit kNas{"nas", "nasional", ""};

std::string CodeOf(const Result<std::string>& r) {
  return r ? "" : r.error().code;
}

TEST(TransferDirectionTest, UpToTheOwnProvinceAndToTheNation) {
  EXPECT_EQ(CheckTransferDirection(kKabA, kProv).value(), "up");
  EXPECT_EQ(CheckTransferDirection(kKabA, kNas).value(), "up") << "Luwu Utara triage d";
  EXPECT_EQ(CheckTransferDirection(kProv, kNas).value(), "up");
}

TEST(TransferDirectionTest, DownWithinTheProvinceAndFromTheNation) {
  EXPECT_EQ(CheckTransferDirection(kProv, kKabB).value(), "down");
  EXPECT_EQ(CheckTransferDirection(kNas, kProvOther).value(), "down");
  EXPECT_EQ(CheckTransferDirection(kNas, kKabOther).value(), "down");
}

TEST(TransferDirectionTest, SameLevelGoesThroughTheLevelAbove) {
  EXPECT_EQ(CodeOf(CheckTransferDirection(kKabA, kKabB)), "transfer_direction_not_allowed");
  EXPECT_EQ(CodeOf(CheckTransferDirection(kProv, kProvOther)), "transfer_direction_not_allowed");
  EXPECT_EQ(CodeOf(CheckTransferDirection(kNas, {"nas2", "nasional", ""})),
            "transfer_direction_not_allowed");
  auto r = CheckTransferDirection(kKabA, kKabB);
  EXPECT_NE(r.error().message_en.find("province"), std::string::npos) << r.error().message_en;
  EXPECT_FALSE(r.error().message_id.empty());
}

TEST(TransferDirectionTest, RegencyAndProvinceMustShareTheProvince) {
  EXPECT_EQ(CodeOf(CheckTransferDirection(kKabOther, kProv)), "other_province");
  EXPECT_EQ(CodeOf(CheckTransferDirection(kProv, kKabOther)), "other_province");
  EXPECT_EQ(CodeOf(CheckTransferDirection({"k", "kabupaten_kota", ""}, {"p", "provinsi", ""})),
            "other_province")
      << "an unknown province never matches";
}

TEST(TransferDirectionTest, SameUnitAndUnknownLevels) {
  auto same = CheckTransferDirection(kProv, kProv);
  EXPECT_EQ(same.error().code, "same_unit");
  EXPECT_EQ(same.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(CodeOf(CheckTransferDirection({"x", "desa", ""}, kProv)), "unit_level_unknown");
  EXPECT_EQ(CodeOf(CheckTransferDirection(kProv, {"y", "", ""})), "unit_level_unknown");
}

TransferInput Good() {
  TransferInput in;
  in.to_unit = "PROV";
  in.reason = "Kasus lintas kabupaten.";
  in.client_ids = {"c1"};
  return in;
}

std::string ShapeError(const TransferInput& in) {
  auto s = ValidateTransfer(in);
  return s ? "" : s.error().field + ":" + s.error().code;
}

TEST(TransferInputTest, EachFieldIsChecked) {
  EXPECT_EQ(ShapeError(Good()), "");
  auto in = Good();
  in.to_unit = "";
  EXPECT_EQ(ShapeError(in), "to_unit:required");
  in = Good();
  in.reason = "abc";
  EXPECT_EQ(ShapeError(in), "reason:invalid_reason");
  in.reason = std::string(4001, 'a');
  EXPECT_EQ(ShapeError(in), "reason:invalid_reason");
  in = Good();
  in.client_ids = {};
  EXPECT_EQ(ShapeError(in), "client_ids:required");
  in.client_ids = {"c1", "c1"};
  EXPECT_EQ(ShapeError(in), "client_ids:duplicate_value");
  in = Good();
  in.family_coordination = std::string(2001, 'f');
  EXPECT_EQ(ShapeError(in), "family_coordination:too_long");
  in = Good();
  in.documents = {"surat-rujukan", ""};
  EXPECT_EQ(ShapeError(in), "handover.documents:invalid_value");
  in.documents = {"Hasil asesmen\nbaris dua"};
  EXPECT_EQ(ShapeError(in), "handover.documents:invalid_value");
  in.documents = {"surat-rujukan", "Hasil asesmen psikologis"};
  EXPECT_EQ(ShapeError(in), "");
  in.handover_note = std::string(4001, 'n');
  EXPECT_EQ(ShapeError(in), "handover.note:too_long");
}

TEST(TransferConsentTest, NeedsReferralAndDataSharingWithThatUnit) {
  TransferClientFacts adult{"c1", false, false, false};
  std::vector<ActiveConsent> none;
  EXPECT_EQ(CheckTransferConsent(adult, "prov", false, none).error().code, "consent_required");
  std::vector<ActiveConsent> referral = {{"c1", "referral", ""}};
  auto s = CheckTransferConsent(adult, "prov", false, referral);
  EXPECT_EQ(s.error().code, "data_sharing_consent_required");
  EXPECT_EQ(s.error().field, "client_ids");
  EXPECT_NE(s.error().message_en.find("unit"), std::string::npos);
  // Data sharing with another unit (or a partner) does not count.
  referral.push_back({"c1", "data_sharing", "other-unit"});
  EXPECT_EQ(CheckTransferConsent(adult, "prov", false, referral).error().code,
            "data_sharing_consent_required");
  // Another client's consent does not count.
  referral.push_back({"c2", "data_sharing", "prov"});
  EXPECT_EQ(CheckTransferConsent(adult, "prov", false, referral).error().code,
            "data_sharing_consent_required");
  referral.push_back({"c1", "data_sharing", "prov"});
  EXPECT_TRUE(CheckTransferConsent(adult, "prov", false, referral));
}

TEST(TransferConsentTest, HivNeedsConsentNamingTheUnit) {
  TransferClientFacts hiv{"c1", false, false, true};
  std::vector<ActiveConsent> c = {{"c1", "referral", ""}, {"c1", "data_sharing", "prov"}};
  EXPECT_EQ(CheckTransferConsent(hiv, "prov", false, c).error().code, "consent_required");
  c.push_back({"c1", "referral", "prov"});
  EXPECT_TRUE(CheckTransferConsent(hiv, "prov", false, c));
}

TEST(TransferConsentTest, ChildOrDisabilityNeedsTheFamilyFirst) {
  std::vector<ActiveConsent> c = {{"c1", "referral", ""}, {"c1", "data_sharing", "prov"}};
  TransferClientFacts child{"c1", true, false, false};
  TransferClientFacts disabled{"c1", false, true, false};
  EXPECT_EQ(CheckTransferConsent(child, "prov", false, c).error().code,
            "family_coordination_required");
  EXPECT_EQ(CheckTransferConsent(disabled, "prov", false, c).error().code,
            "family_coordination_required");
  EXPECT_TRUE(CheckTransferConsent(child, "prov", true, c));
  EXPECT_TRUE(CheckTransferConsent(disabled, "prov", true, c));
}

TEST(TransferRolesTest, WhoSeesAndWhoDecides) {
  EXPECT_TRUE(MaySeeIncomingTransfers({"intake_officer"}));
  EXPECT_TRUE(MaySeeIncomingTransfers({"section_head"}));
  EXPECT_FALSE(MaySeeIncomingTransfers({"psychologist", "case_worker"}));
  EXPECT_FALSE(MaySeeIncomingTransfers({}));
  EXPECT_TRUE(MayDecideTransfer({"case_manager"}));
  EXPECT_TRUE(MayDecideTransfer({"unit_head"}));
  EXPECT_TRUE(MayDecideTransfer({"department_head"}));
  EXPECT_FALSE(MayDecideTransfer({"intake_officer", "section_head"}));
}

TEST(TransferViewTest, EachSideAndStatus) {
  TransferViewFacts f;
  f.status = "pending";
  EXPECT_EQ(ViewOfTransfer(f), TransferView::kNone) << "an unconnected caller";
  f.sender_sees = true;
  EXPECT_EQ(ViewOfTransfer(f), TransferView::kShared);
  f.sender_sees = false;
  f.receiver_roles = {"psychologist"};
  EXPECT_EQ(ViewOfTransfer(f), TransferView::kNone) << "not a receiving role";
  f.receiver_roles = {"intake_officer"};
  EXPECT_EQ(ViewOfTransfer(f), TransferView::kShared);
  for (const char* ended : {"rejected", "cancelled"}) {
    f.status = ended;
    EXPECT_EQ(ViewOfTransfer(f), TransferView::kOutcome) << ended;
  }
  f.status = "accepted";
  EXPECT_EQ(ViewOfTransfer(f), TransferView::kShared);
  f.receiver_roles = {"psychologist"};
  EXPECT_EQ(ViewOfTransfer(f), TransferView::kNone);
  f.receiver_sees_case = true;
  EXPECT_EQ(ViewOfTransfer(f), TransferView::kShared) << "works on the case now";
  f.status = "rejected";
  f.receiver_sees_case = false;
  EXPECT_EQ(ViewOfTransfer(f), TransferView::kNone);
}

}  // namespace
}  // namespace lindungi
