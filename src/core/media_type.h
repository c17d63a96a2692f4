// The files a case may hold (scans, photos, recordings: docs/uploads.md), recognised by their
// content, never by the name or the type a browser declares: the first bytes give the type,
// the end shows whether the file arrived whole. Pure; safe for concurrent use.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace lindungi {

enum class FileCategory { kScan, kPhoto, kAudio };

struct AcceptedMediaType {
  std::string_view type;       // "image/jpeg"
  std::string_view extension;  // ".jpg", for the download's file name
  FileCategory category;
  std::int64_t max_bytes;  // the largest file of this type a case takes
};

// Every type a case takes, documents first.
std::span<const AcceptedMediaType> AcceptedMediaTypes();

// The accepted type named `type` (parameters such as "; charset" ignored, case-insensitive),
// or nullptr.
const AcceptedMediaType* FindMediaType(std::string_view type);

// The accepted type the bytes are, by their signature, or nullptr (an executable, a web page,
// an archive, a video, anything else).
const AcceptedMediaType* SniffMediaType(std::string_view bytes);

// Whether `bytes` of type `t` end as a whole file of that type does (PDF "%%EOF", JPEG's end
// marker, PNG's IEND chunk, a RIFF or ISO media file's declared sizes, Ogg's last page): a
// file cut short on a bad connection is refused instead of kept broken. Types without an
// end mark (MP3, AMR) are whole when they sniff right.
bool LooksWhole(const AcceptedMediaType& t, std::string_view bytes);

// The name a document's file is saved under: its id and the type's extension
// ("<id>.pdf"), never a person's name.
std::string DownloadName(std::string_view document_id, std::string_view media_type);

}  // namespace lindungi
