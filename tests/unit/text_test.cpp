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

namespace lindungi {
namespace {

TEST(EchoSafeTest, NamesVocabularyButNeverFreeText) {
  EXPECT_EQ(EchoSafe("berkas-pengaduan"), "berkas-pengaduan");
  EXPECT_EQ(EchoSafe("kalteng/mediasi"), "kalteng/mediasi");
  EXPECT_EQ(EchoSafe("client.birth_date"), "client.birth_date");
  EXPECT_EQ(EchoSafe("6271011122334455"), "?") << "a NIK";
  EXPECT_EQ(EchoSafe("Siti Aminah"), "?") << "a name";
  EXPECT_EQ(EchoSafe("Jl. Kenanga 7"), "?");
  EXPECT_EQ(EchoSafe(""), "?");
  EXPECT_EQ(EchoSafe(std::string(65, 'a')), "?");
  EXPECT_EQ(EchoSafe("risk_level\n"), "?");
}

}  // namespace
}  // namespace lindungi
