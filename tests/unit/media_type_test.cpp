#include "core/media_type.h"

#include <gtest/gtest.h>

#include <string>

namespace lindungi {
namespace {

using namespace std::string_literals;

std::string Be32(std::uint32_t v) {
  return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}
std::string Le32(std::uint32_t v) {
  return {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
}

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
const std::string kJpeg =
    "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9"s;
const std::string kPng = "\x89PNG\r\n\x1A\n"s + Be32(13) + "IHDR" + std::string(13, '\1') + "abcd" +
                         Be32(0) + "IEND\xAE\x42\x60\x82";
std::string Riff(std::string_view form, std::string body) {
  return "RIFF" + Le32(std::uint32_t(body.size() + 4)) + std::string(form) + body;
}
std::string IsoFile(std::string_view brand) {
  std::string ftyp = Be32(16) + "ftyp" + std::string(brand) + Be32(0);
  std::string mdat = Be32(12) + "mdat" + "abcd";
  return ftyp + mdat;
}
std::string OggPage(bool last) {
  return "OggS\x00"s + char(last ? 0x04 : 0x02) + std::string(20, '\0');
}

const AcceptedMediaType& Named(std::string_view t) {
  return *FindMediaType(t);
}

TEST(MediaTypeTest, EachAcceptedTypeIsRecognisedByItsContent) {
  EXPECT_EQ(SniffMediaType(kPdf)->type, "application/pdf");
  EXPECT_EQ(SniffMediaType(kJpeg)->type, "image/jpeg");
  EXPECT_EQ(SniffMediaType(kPng)->type, "image/png");
  EXPECT_EQ(SniffMediaType(Riff("WEBP", "VP8 xxxx"))->type, "image/webp");
  EXPECT_EQ(SniffMediaType(Riff("WAVE", "fmt xxxx"))->type, "audio/wav");
  EXPECT_EQ(SniffMediaType(IsoFile("heic"))->type, "image/heic");
  EXPECT_EQ(SniffMediaType(IsoFile("M4A "))->type, "audio/mp4");
  EXPECT_EQ(SniffMediaType(OggPage(true))->type, "audio/ogg");
  EXPECT_EQ(SniffMediaType("#!AMR\n\x3c\x00"s)->type, "audio/amr");
  EXPECT_EQ(SniffMediaType("ID3\x04\x00\x00\x00\x00\x00\x00"s)->type, "audio/mpeg");
  EXPECT_EQ(SniffMediaType("\xFF\xFB\x90\x64\x00\x00"s)->type, "audio/mpeg");  // MPEG-1 layer III
}

TEST(MediaTypeTest, OtherContentIsRefusedWhateverItClaims) {
  EXPECT_EQ(SniffMediaType("MZ\x90\x00\x03\x00\x00\x00"s), nullptr);  // a Windows program
  EXPECT_EQ(SniffMediaType("\x7F"
                           "ELF\x02\x01"s),
            nullptr);
  EXPECT_EQ(SniffMediaType("<!DOCTYPE html><script>alert(1)</script>"), nullptr);
  EXPECT_EQ(SniffMediaType("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), nullptr);
  EXPECT_EQ(SniffMediaType("PK\x03\x04\x14\x00"s), nullptr);  // zip, docx
  EXPECT_EQ(SniffMediaType(IsoFile("isom")), nullptr);        // an MP4 video
  EXPECT_EQ(SniffMediaType(Riff("AVI ", "LIST")), nullptr);
  EXPECT_EQ(SniffMediaType("\xFF\xE8\x00\x00"s), nullptr);  // sync bits, a reserved version
  EXPECT_EQ(SniffMediaType(""), nullptr);
  EXPECT_EQ(SniffMediaType("%PD"), nullptr);
}

TEST(MediaTypeTest, DeclaredTypesAreFoundWithParametersCaseAndCommonAliases) {
  EXPECT_EQ(FindMediaType("Image/JPEG")->type, "image/jpeg");
  EXPECT_EQ(FindMediaType("application/pdf; charset=binary")->type, "application/pdf");
  EXPECT_EQ(FindMediaType("audio/x-wav")->type, "audio/wav");
  EXPECT_EQ(FindMediaType("audio/x-m4a")->type, "audio/mp4");
  EXPECT_EQ(FindMediaType("audio/mp3")->type, "audio/mpeg");
  EXPECT_EQ(FindMediaType("video/mp4"), nullptr);
  EXPECT_EQ(FindMediaType("image/svg+xml"), nullptr);  // may carry script
  EXPECT_EQ(FindMediaType("text/html"), nullptr);
  EXPECT_EQ(FindMediaType(""), nullptr);
  for (const auto& t : AcceptedMediaTypes()) {
    EXPECT_EQ(FindMediaType(t.type), &t);
    EXPECT_GT(t.max_bytes, 1 << 20) << t.type;
    EXPECT_TRUE(t.extension.starts_with(".")) << t.type;
  }
}

TEST(MediaTypeTest, AFileIsSavedUnderItsDocumentsIdAndItsTypesExtension) {
  EXPECT_EQ(DownloadName("abc", "application/pdf"), "abc.pdf");
  EXPECT_EQ(DownloadName("abc", "audio/x-m4a"), "abc.m4a");
  EXPECT_EQ(DownloadName("abc", "text/html"), "abc");
}

TEST(MediaTypeTest, AFileCutShortIsNotWhole) {
  EXPECT_TRUE(LooksWhole(Named("application/pdf"), kPdf));
  EXPECT_FALSE(LooksWhole(Named("application/pdf"), kPdf.substr(0, kPdf.size() - 8)));
  EXPECT_TRUE(LooksWhole(Named("image/jpeg"), kJpeg));
  EXPECT_FALSE(LooksWhole(Named("image/jpeg"), kJpeg.substr(0, kJpeg.size() - 2)));
  EXPECT_TRUE(LooksWhole(Named("image/png"), kPng));
  EXPECT_FALSE(LooksWhole(Named("image/png"), kPng.substr(0, kPng.size() - 1)));
  std::string wav = Riff("WAVE", "fmt 0123456789");
  EXPECT_TRUE(LooksWhole(Named("audio/wav"), wav));
  EXPECT_FALSE(LooksWhole(Named("audio/wav"), wav.substr(0, wav.size() - 3)));
  std::string m4a = IsoFile("M4A ");
  EXPECT_TRUE(LooksWhole(Named("audio/mp4"), m4a));
  EXPECT_FALSE(LooksWhole(Named("audio/mp4"), m4a.substr(0, m4a.size() - 1)));
  EXPECT_FALSE(LooksWhole(Named("audio/mp4"), m4a + "abc"));  // a box header cut off
  EXPECT_TRUE(LooksWhole(Named("audio/ogg"), OggPage(false) + OggPage(true)));
  EXPECT_FALSE(LooksWhole(Named("audio/ogg"), OggPage(false) + OggPage(false)));
  EXPECT_TRUE(LooksWhole(Named("audio/mpeg"), "ID3\x04\x00\x00\x00\x00\x00\x00"s));
}

}  // namespace
}  // namespace lindungi
