#include "core/text.h"

#include <gtest/gtest.h>

namespace lindungi {
namespace {

TEST(TextTest, AcceptsWellFormedUtf8) {
  EXPECT_TRUE(IsValidUtf8("Perlindungan anak"));
  EXPECT_TRUE(IsValidUtf8("Ibu Siti \xE2\x80\x94 \xF0\x9F\x98\x80"));
  EXPECT_EQ(CodepointCount("a\xE2\x80\x94"
                           "b"),
            3u);
}

TEST(TextTest, RejectsMalformedUtf8) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE2\x80"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xFF"));              // never valid
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST(TextTest, FindsControlCharacters) {
  EXPECT_FALSE(HasControlChars("line one\nline two\ttab"));
  EXPECT_TRUE(HasControlChars(std::string("nul\0byte", 8)));
  EXPECT_TRUE(HasControlChars("bell\x07"));
}

}  // namespace
}  // namespace lindungi
