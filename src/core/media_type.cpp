#include "core/media_type.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace lindungi {
namespace {

constexpr std::int64_t kMiB = 1 << 20;

// Scans may be long (a visum et repertum, a court decision); photos are phone photos;
// recordings are a few minutes of a voice note or an interview.
constexpr std::array<AcceptedMediaType, 10> kTypes{{
    {"application/pdf", ".pdf", FileCategory::kScan, 20 * kMiB},
    {"image/jpeg", ".jpg", FileCategory::kPhoto, 15 * kMiB},
    {"image/png", ".png", FileCategory::kPhoto, 15 * kMiB},
    {"image/webp", ".webp", FileCategory::kPhoto, 15 * kMiB},
    {"image/heic", ".heic", FileCategory::kPhoto, 15 * kMiB},
    {"audio/mpeg", ".mp3", FileCategory::kAudio, 30 * kMiB},
    {"audio/mp4", ".m4a", FileCategory::kAudio, 30 * kMiB},
    {"audio/ogg", ".ogg", FileCategory::kAudio, 30 * kMiB},
    {"audio/wav", ".wav", FileCategory::kAudio, 30 * kMiB},
    {"audio/amr", ".amr", FileCategory::kAudio, 30 * kMiB},
}};

const AcceptedMediaType* Type(std::string_view name) {
  for (const auto& t : kTypes)
    if (t.type == name) return &t;
  return nullptr;
}

std::uint32_t Le32(std::string_view b, std::size_t at) {
  return std::uint32_t(std::uint8_t(b[at])) | std::uint32_t(std::uint8_t(b[at + 1])) << 8 |
         std::uint32_t(std::uint8_t(b[at + 2])) << 16 |
         std::uint32_t(std::uint8_t(b[at + 3])) << 24;
}
std::uint64_t Be(std::string_view b, std::size_t at, int n) {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | std::uint8_t(b[at + i]);
  return v;
}

// ISO base media (HEIC, M4A): "ftyp" at 4 and the major brand at 8.
std::string_view IsoBrand(std::string_view b) {
  if (b.size() < 12 || b.substr(4, 4) != "ftyp") return {};
  return b.substr(8, 4);
}

// Top-level boxes of an ISO media file cover it exactly (a cut-off file ends inside one).
bool IsoBoxesWhole(std::string_view b) {
  std::uint64_t at = 0;
  while (at < b.size()) {
    if (b.size() - at < 8) return false;
    std::uint64_t size = Be(b, at, 4);
    if (size == 1) {  // 64-bit size follows the type
      if (b.size() - at < 16) return false;
      size = Be(b, at + 8, 8);
    } else if (size == 0) {
      return true;  // the last box runs to the end of the file
    }
    if (size < 8 || size > b.size() - at) return false;
    at += size;
  }
  return true;
}

// A RIFF file (WAV, WebP) declares its length after "RIFF".
bool RiffWhole(std::string_view b) {
  return b.size() >= 12 && std::uint64_t(Le32(b, 4)) + 8 <= b.size();
}

}  // namespace

std::span<const AcceptedMediaType> AcceptedMediaTypes() {
  return kTypes;
}

const AcceptedMediaType* FindMediaType(std::string_view type) {
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  std::string lower(type);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (lower == "audio/x-wav" || lower == "audio/wave") lower = "audio/wav";
  if (lower == "audio/x-m4a" || lower == "audio/m4a") lower = "audio/mp4";
  if (lower == "audio/mp3") lower = "audio/mpeg";
  return Type(lower);
}

const AcceptedMediaType* SniffMediaType(std::string_view b) {
  if (b.starts_with("%PDF-")) return Type("application/pdf");
  if (b.starts_with("\xFF\xD8\xFF")) return Type("image/jpeg");
  if (b.starts_with("\x89PNG\r\n\x1A\n")) return Type("image/png");
  if (b.size() >= 12 && b.starts_with("RIFF")) {
    if (b.substr(8, 4) == "WEBP") return Type("image/webp");
    if (b.substr(8, 4) == "WAVE") return Type("audio/wav");
    return nullptr;
  }
  std::string_view brand = IsoBrand(b);
  for (std::string_view heic : {"heic", "heix", "heim", "heis", "mif1", "msf1"})
    if (brand == heic) return Type("image/heic");
  for (std::string_view m4a : {"M4A ", "M4B "})
    if (brand == m4a) return Type("audio/mp4");
  if (b.starts_with("OggS")) return Type("audio/ogg");
  if (b.starts_with("#!AMR")) return Type("audio/amr");
  if (b.starts_with("ID3")) return Type("audio/mpeg");
  // An MPEG audio frame without a tag: 11 sync bits, then a version and layer that exist.
  if (b.size() >= 4 && std::uint8_t(b[0]) == 0xFF && (std::uint8_t(b[1]) & 0xE0) == 0xE0 &&
      (std::uint8_t(b[1]) & 0x18) != 0x08 && (std::uint8_t(b[1]) & 0x06) != 0)
    return Type("audio/mpeg");
  return nullptr;
}

bool LooksWhole(const AcceptedMediaType& t, std::string_view b) {
  auto tail = [&](std::size_t n) { return b.substr(b.size() - std::min(n, b.size())); };
  if (t.type == "application/pdf") return tail(1024).find("%%EOF") != std::string_view::npos;
  if (t.type == "image/jpeg") return tail(1024).find("\xFF\xD9") != std::string_view::npos;
  if (t.type == "image/png") return b.size() >= 20 && b.ends_with("IEND\xAE\x42\x60\x82");
  if (t.type == "image/webp" || t.type == "audio/wav") return RiffWhole(b);
  if (t.type == "image/heic" || t.type == "audio/mp4") return IsoBoxesWhole(b);
  if (t.type == "audio/ogg") {
    // The last page (the last "OggS") carries the end-of-stream flag.
    auto at = b.rfind("OggS");
    return at != std::string_view::npos && b.size() - at > 5 && (std::uint8_t(b[at + 5]) & 0x04);
  }
  return true;
}

std::string DownloadName(std::string_view document_id, std::string_view media_type) {
  const AcceptedMediaType* t = FindMediaType(media_type);
  return std::string(document_id) + (t ? std::string(t->extension) : "");
}

}  // namespace lindungi
