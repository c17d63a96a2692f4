// Consent and referral rules (core/consent.h), branch by branch.
#include <gtest/gtest.h>

#include "core/consent.h"

namespace lindungi {
namespace {

TEST(ConsentRulesTest, AChildsConsentComesFromTheirGuardian) {
  ConsentGiver self{"c1", "client", ""};
  ConsentGiver guardian{"g1", "guardian", "c1"};
  ConsentGiver other_guardian{"g2", "guardian", "c2"};
  ConsentGiver perpetrator{"p1", "perpetrator", ""};
  EXPECT_TRUE(MayConsentFor(self, "c1", false));
  EXPECT_TRUE(MayConsentFor(guardian, "c1", false)) << "an adult may consent through a guardian";
  EXPECT_EQ(MayConsentFor(self, "c1", true).error().code, "guardian_consent_required");
  EXPECT_TRUE(MayConsentFor(guardian, "c1", true));
  EXPECT_EQ(MayConsentFor(other_guardian, "c1", true).error().code, "guardian_consent_required");
  EXPECT_EQ(MayConsentFor(other_guardian, "c1", false).error().code, "not_the_client_or_guardian");
  EXPECT_EQ(MayConsentFor(perpetrator, "c1", false).error().code, "not_the_client_or_guardian");
  EXPECT_EQ(MayConsentFor({"c2", "client", ""}, "c1", false).error().code,
            "not_the_client_or_guardian");
}

TEST(ConsentRulesTest, EachRuleOfAReferral) {
  ReferralFacts f;
  f.client_id = "c1";
  f.partner_id = "rs";
  EXPECT_EQ(CheckReferral(f).error().code, "consent_required");
  f.consents = {{"c2", "referral", ""}};
  EXPECT_EQ(CheckReferral(f).error().code, "consent_required") << "another client's consent";
  f.consents = {{"c1", "referral", ""}};
  EXPECT_TRUE(CheckReferral(f));
  // Kalbar: an HIV-positive client's consent names the partner.
  f.hiv = true;
  EXPECT_EQ(CheckReferral(f).error().code, "consent_required");
  f.consents.push_back({"c1", "referral", "rs"});
  EXPECT_TRUE(CheckReferral(f));
  f.consents = {{"c1", "referral", "puskesmas"}};
  EXPECT_EQ(CheckReferral(f).error().code, "consent_required") << "named another partner";
  f.hiv = false;
  f.consents = {{"c1", "referral", ""}};
  // Shared personal fields need consent to share with this very partner.
  f.shares_data = true;
  EXPECT_EQ(CheckReferral(f).error().code, "data_sharing_consent_required");
  f.consents.push_back({"c1", "data_sharing", "lbh"});
  EXPECT_EQ(CheckReferral(f).error().code, "data_sharing_consent_required");
  f.consents.push_back({"c1", "data_sharing", "rs"});
  EXPECT_TRUE(CheckReferral(f));
  // Kalbar 2a: a child or a person with a disability, after the family was involved.
  f.child = true;
  EXPECT_EQ(CheckReferral(f).error().code, "family_coordination_required");
  f.child = false;
  f.disability = true;
  EXPECT_EQ(CheckReferral(f).error().code, "family_coordination_required");
  f.family_coordinated = true;
  EXPECT_TRUE(CheckReferral(f));
}

}  // namespace
}  // namespace lindungi
