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
TEST(TextTest, NeutralisesSpreadsheetFormulas) {
  EXPECT_EQ(NeutraliseFormula("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(NeutraliseFormula("+62 812 555"), "'+62 812 555");
  EXPECT_EQ(NeutraliseFormula("-1+1"), "'-1+1");
  EXPECT_EQ(NeutraliseFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseFormula("\t=1"), "'\t=1");
  EXPECT_EQ(NeutraliseFormula("\r=1"), "'\r=1");
  EXPECT_EQ(NeutraliseFormula("Anak A"), "Anak A");
  EXPECT_EQ(NeutraliseFormula("a=1"), "a=1");
  EXPECT_EQ(NeutraliseFormula(""), "");
}

}  // namespace lindungi
