#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "security/hash.h"
#include "security/password.h"
#include "security/random.h"
#include "security/throttle.h"
#include "security/totp.h"

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

TEST(SecurityTest, TotpMatchesTheRfc6238Sha256Vectors) {
  // RFC 6238 appendix B, HMAC-SHA256 with its 32-byte seed, 8 digits.
  const std::string seed = "12345678901234567890123456789012";
  EXPECT_EQ(Totp(seed, 59, 8), "46119246");
  EXPECT_EQ(Totp(seed, 1111111109, 8), "68084774");
  EXPECT_EQ(Totp(seed, 1111111111, 8), "67062674");
  EXPECT_EQ(Totp(seed, 1234567890, 8), "91819424");
  EXPECT_EQ(Totp(seed, 2000000000, 8), "90698825");
  EXPECT_EQ(Totp(seed, 20000000000, 8), "77737706");
  // Six digits, one step either side accepted, nothing further.
  std::string now = Totp(seed, 1111111111);
  EXPECT_EQ(now.size(), 6u);
  EXPECT_EQ(MatchTotp(seed, now, 1111111111 + 30), 1111111111 / 30);
  EXPECT_FALSE(MatchTotp(seed, now, 1111111111 + 90));
  EXPECT_FALSE(MatchTotp(seed, "12345", 1111111111));
  EXPECT_EQ(Base32("foobar"), "MZXW6YTBOI");  // RFC 4648 vector, unpadded
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
