#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "security/hash.h"
#include "security/password.h"
#include "security/random.h"
#include "security/throttle.h"

namespace lindungi::security {
namespace {

TEST(SecurityTest, PasswordRoundTrip) {
  PasswordHasher h(1);
  std::string enc = h.Hash("correct-horse-battery-staple");
  EXPECT_TRUE(enc.starts_with("$argon2id$"));
  EXPECT_TRUE(h.Verify("correct-horse-battery-staple", enc));
  EXPECT_FALSE(h.Verify("correct-horse-battery-stapler", enc));
  EXPECT_FALSE(h.Verify("anything", ""));
}

TEST(SecurityTest, PasswordPolicyCountsCharacters) {
  EXPECT_FALSE(PasswordLongEnough("short"));
  EXPECT_FALSE(
      PasswordLongEnough("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"));  // 6 chars, 12 bytes
  EXPECT_TRUE(PasswordLongEnough("twelve chars"));
}

TEST(SecurityTest, GuessablePasswordsAreRefusedWhateverTheirLength) {
  for (const char* p :
       {"password1234", "Indonesia2024!", "!!Bismillah123", "123456789012", "qwertyuiopas",
        "abcdefghijkl", "zzzzzzzzzzzz", "kasi-budi-2026", "PASSWORDPASSWORD", "Rahasia.2025"}) {
    EXPECT_TRUE(IsGuessablePassword(p, "kasi-budi")) << p;
  }
  for (const char* p : {"correct-horse-battery-staple", "kopi tubruk di pagi hari",
                        "M8UjfZmu5JWWgwR4", "sayur-asem-lodeh-77"}) {
    EXPECT_FALSE(IsGuessablePassword(p, "kasi-budi")) << p;
  }
}

TEST(SecurityTest, LogInDelaysGrowThenTheAccountLocks) {
  using std::chrono::seconds;
  EXPECT_EQ(DelayAfter(kAccountThrottle, 1), seconds(0));
  EXPECT_EQ(DelayAfter(kAccountThrottle, 4), seconds(0));
  EXPECT_EQ(DelayAfter(kAccountThrottle, 5), seconds(1));
  EXPECT_EQ(DelayAfter(kAccountThrottle, 6), seconds(2));
  EXPECT_EQ(DelayAfter(kAccountThrottle, 9), seconds(16));
  EXPECT_EQ(DelayAfter(kAccountThrottle, 10), seconds(15 * 60));  // locked
  EXPECT_EQ(DelayAfter(kAddressThrottle, 19), seconds(0));        // an office shares one address
  EXPECT_EQ(DelayAfter(kAddressThrottle, 21), seconds(2));
  EXPECT_EQ(DelayAfter(kAddressThrottle, 60), seconds(15 * 60));  // capped, never locked
  EXPECT_EQ(DelayAfter(kAddressThrottle, 1000000), seconds(15 * 60));
}

TEST(SecurityTest, TokensAndUuidsAreFreshAndWellFormed) {
  std::set<std::string> seen;
  std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  for (int i = 0; i < 200; ++i) {
    auto t = RandomToken(32);
    EXPECT_EQ(t.size(), 43u);
    EXPECT_TRUE(seen.insert(t).second);
    EXPECT_TRUE(std::regex_match(RandomUuid(), uuid));
  }
}

TEST(SecurityTest, Blake2bMatchesTheReferenceVector) {
  // BLAKE2b-256 of the empty string (RFC 7693 implementation, 32-byte output).
  EXPECT_EQ(Blake2bHex(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_NE(Blake2b().UpdateFramed("ab").UpdateFramed("c").FinalHex(),
            Blake2b().UpdateFramed("a").UpdateFramed("bc").FinalHex());
}

}  // namespace
}  // namespace lindungi::security
