// Uploads: a scan, photo or recording sent in chunks and filed as a case document
// (docs/uploads.md). The type and wholeness checks are pure (core/media_type.h); this file
// authorizes, seals each chunk, assembles, checks and files.
#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>

#include "core/media_type.h"
#include "core/termination.h"
#include "core/text.h"
#include "security/hash.h"
#include "security/random.h"
#include "service/case_access.h"
#include "service/clients.h"
#include "service/document_service.h"
#include "service/json_values.h"
#include "service/sealing.h"
#include "store/case_store.h"
#include "store/document_store.h"
#include "store/event_log.h"
#include "store/events/document_events.h"
#include "store/upload_store.h"

namespace lindungi {
namespace json = boost::json;
namespace {

Error UploadNotFound() {
  return MakeError(ErrorKind::kNotFound, "upload_not_found",
                   "Unggahan tidak ditemukan (sudah selesai, dibatalkan atau kedaluwarsa).",
                   "Upload not found (finished, cancelled or expired).");
}

Error UnsupportedFileType() {
  std::string types;
  for (const auto& t : AcceptedMediaTypes())
    types += (types.empty() ? "" : ", ") + std::string(t.type);
  return MakeError(ErrorKind::kUnsupportedMedia, "unsupported_file_type",
                   fmt::format("Jenis berkas ini tidak diterima. Yang diterima: {}.", types),
                   fmt::format("This kind of file is not accepted. Accepted: {}.", types),
                   "media_type");
}

std::string_view CategoryTitle(FileCategory c) {
  switch (c) {
    case FileCategory::kScan:
      return "Pindaian dokumen";
    case FileCategory::kPhoto:
      return "Foto";
    case FileCategory::kAudio:
      return "Rekaman suara";
  }
  return "Berkas";
}

bool IsLowerHex(std::string_view s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

json::object UploadJson(const store::UploadRecord& u, std::int64_t chunk_size) {
  return json::object{{"upload_id", u.id},
                      {"case_id", u.case_id},
                      {"media_type", u.media_type},
                      {"size", u.size},
                      {"received", u.received},
                      {"chunk_size", chunk_size},
                      {"kind", TextOrNull(u.kind)},
                      {"person_id", u.person_id},
                      {"task_id", TextOrNull(u.task_id)},
                      {"updated_at", u.updated_at}};
}

// The upload `upload_id` of case `case_id` started by `p`, while `p` may still see the case.
Result<std::pair<store::CaseRecord, store::UploadRecord>> OwnUpload(store::SqlConn& c,
                                                                    const Principal& p,
                                                                    const std::string& case_id,
                                                                    const std::string& upload_id) {
  auto k = store::FindCase(c, case_id);
  if (!k || !CaseVisibleTo(c, p, *k)) return Fail(CaseNotFound());
  auto u = store::FindUpload(c, upload_id);
  if (!u || u->case_id != case_id || u->user_id != p.user_id) return Fail(UploadNotFound());
  return std::pair{std::move(*k), std::move(*u)};
}

// A finished upload read back: its bytes and type, or why it is refused or not ready.
struct AssembledUpload {
  std::optional<Error> refused;  // the file is refused: the upload ends
  std::optional<Error> early;    // nothing to file (yet)
  std::string bytes;
  const AcceptedMediaType* type = nullptr;
};

// Decrypts the upload's chunks in order into `out.bytes`; refused once the person was erased.
void DecryptChunks(store::SqlConn& c, const Vault& vault, const std::string& upload_id,
                   const store::UploadRecord& u, AssembledUpload& out) {
  out.bytes.reserve(std::size_t(u.size));
  for (const auto& chunk : store::ListUploadChunks(c, upload_id)) {
    auto plain = vault.Decrypt(c, chunk.sealed);
    if (!plain) {
      out.refused = MakeError(ErrorKind::kFailedPrecondition, "person_erased",
                              "Data orang ini sudah dihapus; berkasnya tidak dapat disimpan.",
                              "This person's data was erased; their files can no longer be kept.");
      return;
    }
    out.bytes += *plain;
  }
}

// Checks the assembled file's sha256, type and wholeness (sets `out.type`); else refused.
void CheckAssembledFile(const store::UploadRecord& u, AssembledUpload& out) {
  const std::string& bytes = out.bytes;
  if (!u.sha256.empty() && security::Sha256Hex(bytes) != u.sha256) {
    out.refused = MakeError(ErrorKind::kInvalidArgument, "sha256_mismatch",
                            "Isi berkas tidak cocok dengan sha256 yang disebut: unggah ulang.",
                            "The file does not match the sha256 given: upload it again.", "sha256");
    return;
  }
  const AcceptedMediaType* sniffed = SniffMediaType(bytes);
  out.type = FindMediaType(u.media_type);
  if (!sniffed) {
    out.refused = UnsupportedFileType();
  } else if (sniffed != out.type) {
    out.refused =
        MakeError(ErrorKind::kUnsupportedMedia, "file_type_mismatch",
                  fmt::format("Isi berkas adalah {}, bukan {} seperti yang disebut.", sniffed->type,
                              u.media_type),
                  fmt::format("The file is {}, not {} as declared.", sniffed->type, u.media_type),
                  "media_type");
  } else if (!LooksWhole(*out.type, bytes)) {
    out.refused = MakeError(ErrorKind::kInvalidArgument, "file_truncated",
                            "Berkas terpotong (tidak utuh): unggah ulang dari awal.",
                            "The file is cut short (not whole): upload it again from the start.");
  }
}

// Reads the caller's upload back and checks it, outside any write.
AssembledUpload AssembleUpload(store::Database& db, const Vault& vault, const Principal& p,
                               const std::string& case_id, const std::string& upload_id) {
  AssembledUpload out;
  db.Read([&](store::SqlConn& c) {
    auto own = OwnUpload(c, p, case_id, upload_id);
    if (!own) {
      out.early = own.error();
      return;
    }
    const auto& u = own->second;
    if (u.received != u.size) {
      out.early =
          MakeError(ErrorKind::kFailedPrecondition, "upload_incomplete",
                    fmt::format("Baru {} dari {} byte yang diterima.", u.received, u.size),
                    fmt::format("Only {} of {} bytes have been received.", u.received, u.size));
      return;
    }
    DecryptChunks(c, vault, upload_id, u, out);
    if (out.refused) return;
    CheckAssembledFile(u, out);
  });
  return out;
}

// The DocumentFiled payload of the upload, its file kept sealed in this transaction.
store::events::DocumentFiled UploadFiledPayload(store::SqlConn& c, const SopCatalog& sops,
                                                const store::CaseRecord& k,
                                                const store::UploadRecord& u,
                                                const std::pair<std::string, std::string>& sealing,
                                                const std::string& document_id,
                                                const AcceptedMediaType& type,
                                                const std::string& bytes, const std::string& now) {
  store::events::DocumentFiled filed{document_id,  "upload",     std::nullopt, "",
                                     {},           u.person_id,  std::nullopt, json::object(),
                                     std::nullopt, std::nullopt, std::nullopt};
  std::vector<std::string> kinds;
  std::string title(CategoryTitle(type.category));
  if (!u.kind.empty()) {
    kinds.emplace_back(u.kind);
    if (const sop::Pack* pack = UnitPack(c, sops, k.unit_id))
      if (auto it = pack->documents.find(u.kind); it != pack->documents.end())
        title = it->second.name;
  }
  filed.kinds = std::move(kinds);
  filed.title = title;
  if (!u.task_id.empty()) filed.task_id = u.task_id;
  filed.file = store::events::FileInfoFrom(
      KeepDocumentFile(c, k, sealing, document_id, u.media_type, bytes, now));
  return filed;
}

}  // namespace

Result<WriteReply> DocumentService::StartUpload(const Principal& p, const std::string& case_id,
                                                const UploadStart& in) {
  const AcceptedMediaType* type = FindMediaType(in.media_type);
  if (!type) return Fail(UnsupportedFileType());
  if (in.size < 1)
    return Fail(MakeError(ErrorKind::kInvalidArgument, "bad_size",
                          "Ukuran berkas harus lebih dari 0 byte.",
                          "The file's size must be more than 0 bytes.", "size"));
  if (in.size > type->max_bytes)
    return Fail(MakeError(
        ErrorKind::kPayloadTooLarge, "file_too_large",
        fmt::format("Berkas {} paling besar {} MiB.", type->type, type->max_bytes >> 20),
        fmt::format("A {} file may be at most {} MiB.", type->type, type->max_bytes >> 20),
        "size"));
  if (in.sha256 && !IsLowerHex(*in.sha256, 64))
    return Fail(MakeError(ErrorKind::kInvalidArgument, "bad_sha256",
                          "sha256 harus 64 karakter heksadesimal huruf kecil.",
                          "sha256 must be 64 lower-case hexadecimal characters.", "sha256"));
  std::string upload_id = security::RandomUuid();
  auto w = db_.Write([&](store::SqlConn& c) -> Result<json::value> {
    auto k = CaseOpenForWork(c, p, case_id);
    if (!k) return Fail(k.error());
    if (in.kind) {
      const sop::Pack* pack = UnitPack(c, sops_, k->unit_id);
      if (!pack || !pack->documents.contains(*in.kind))
        return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_document_kind",
                              fmt::format("Jenis dokumen tidak dikenal: {}.", EchoSafe(*in.kind)),
                              fmt::format("Unknown document kind: {}.", EchoSafe(*in.kind)),
                              "kind"));
    }
    if (in.task_id)
      if (auto t = TaskOfCase(c, *in.task_id, case_id); !t) return Fail(t.error());
    auto sealing = DocumentSealingKey(c, vault_, *k, in.person_id);
    if (!sealing) return Fail(sealing.error());
    const std::string now = FormatInstant(clock_.Now());
    store::UploadRecord u;
    u.id = upload_id;
    u.case_id = case_id;
    u.user_id = p.user_id;
    u.person_id = sealing->first;
    u.task_id = in.task_id.value_or("");
    u.kind = in.kind.value_or("");
    u.media_type = std::string(type->type);
    u.sha256 = in.sha256.value_or("");
    u.size = in.size;
    u.created_at = u.updated_at = now;
    store::InsertUpload(c, u);
    return json::value(UploadJson(u, chunk_size_));
  });
  if (!w) return Fail(w.error());
  return WriteReply{201, std::move(*w)};
}

Result<WriteReply> DocumentService::PutUploadChunk(const Principal& p, const std::string& case_id,
                                                   const std::string& upload_id, std::int64_t start,
                                                   std::string_view bytes) {
  if (bytes.empty())
    return Fail(MakeError(ErrorKind::kInvalidArgument, "empty_chunk", "Potongan berkas kosong.",
                          "The chunk is empty."));
  if (std::int64_t(bytes.size()) > chunk_size_)
    return Fail(MakeError(ErrorKind::kPayloadTooLarge, "chunk_too_large",
                          fmt::format("Potongan berkas paling besar {} byte.", chunk_size_),
                          fmt::format("A chunk may be at most {} bytes.", chunk_size_)));
  const std::string digest = security::Blake2bHex(bytes);
  auto w = db_.Write([&](store::SqlConn& c) -> Result<json::value> {
    auto own = OwnUpload(c, p, case_id, upload_id);
    if (!own) return Fail(own.error());
    auto& [k, u] = *own;
    if (start < u.received) {
      // Sent again after its answer was lost: the same bytes are answered as before.
      auto had = store::FindUploadChunk(c, upload_id, start);
      if (had && had->digest == digest) return json::value(UploadJson(u, chunk_size_));
    }
    if (start != u.received)
      return Fail(MakeError(
          ErrorKind::kConflict, "offset_mismatch",
          fmt::format("Lanjutkan dari byte {}: sebanyak itu yang sudah diterima.", u.received),
          fmt::format("Continue from byte {}: that much has been received.", u.received)));
    if (u.received + std::int64_t(bytes.size()) > u.size)
      return Fail(MakeError(ErrorKind::kInvalidArgument, "beyond_size",
                            "Potongan ini melewati ukuran berkas yang disebut di awal.",
                            "This chunk goes beyond the size given at the start."));
    std::string key = vault_.PersonKey(c, u.person_id);
    if (key.empty())
      return Fail(MakeError(ErrorKind::kFailedPrecondition, "person_erased",
                            "Data orang ini sudah dihapus; berkasnya tidak dapat disimpan.",
                            "This person's data was erased; their files can no longer be kept."));
    const std::string now = FormatInstant(clock_.Now());
    store::AppendUploadChunk(
        c, upload_id,
        {start, std::int64_t(bytes.size()), digest, Vault::Encrypt(u.person_id, key, bytes)}, now);
    u.received += std::int64_t(bytes.size());
    u.updated_at = now;
    return json::value(UploadJson(u, chunk_size_));
  });
  if (!w) return Fail(w.error());
  return WriteReply{200, std::move(*w)};
}

Result<json::value> DocumentService::UploadStatus(const Principal& p, const std::string& case_id,
                                                  const std::string& upload_id) {
  Result<json::value> out = json::value();
  db_.Read([&](store::SqlConn& c) {
    auto own = OwnUpload(c, p, case_id, upload_id);
    if (!own)
      out = Fail(own.error());
    else
      out = json::value(UploadJson(own->second, chunk_size_));
  });
  return out;
}

Result<WriteReply> DocumentService::CompleteUpload(const Principal& p, const std::string& case_id,
                                                   const std::string& upload_id,
                                                   const std::optional<Idempotency>& idem) {
  // Assemble and check outside the write: reading and decrypting 30 MiB must not hold it.
  AssembledUpload file = AssembleUpload(db_, vault_, p, case_id, upload_id);
  if (file.refused) {
    auto gone = db_.Write([&](store::SqlConn& c) -> Status {
      store::DeleteUpload(c, upload_id);
      return {};
    });
    if (!gone) return Fail(gone.error());
    return Fail(*file.refused);
  }
  if (file.early && file.early->code != "upload_not_found") return Fail(*file.early);
  // A repeat of a completion that succeeded finds no upload: the Idempotency-Key replays it.
  std::string document_id = security::RandomUuid();
  return WriteIdempotent(
      db_, clock_, vault_, p, idem, [&](store::SqlConn& c) -> Result<WriteReply> {
        auto own = OwnUpload(c, p, case_id, upload_id);
        if (!own) return Fail(own.error());
        auto& [k, u] = *own;
        if (u.received != u.size || !file.type) return Fail(UploadNotFound());  // raced
        if (auto s = CheckCaseOpenForWork(k.status); !s) return Fail(s.error());
        std::optional<std::string> person = u.person_id;
        auto sealing = DocumentSealingKey(c, vault_, k, person);
        if (!sealing) return Fail(sealing.error());
        const std::string now = FormatInstant(clock_.Now());
        auto filed =
            UploadFiledPayload(c, sops_, k, u, *sealing, document_id, *file.type, file.bytes, now);
        auto a = store::AppendEvents(c, store::CaseStream(case_id),
                                     store::ExpectedVersion::Exactly(k.version),
                                     {store::MakeEvent(filed)}, p.user_id, now);
        if (!a) return Fail(a.error());
        store::DeleteUpload(c, upload_id);
        return WriteReply{201, DocumentSummary(*store::FindDocument(c, document_id))};
      });
}

Result<WriteReply> DocumentService::CancelUpload(const Principal& p, const std::string& case_id,
                                                 const std::string& upload_id) {
  auto w = db_.Write([&](store::SqlConn& c) -> Result<json::value> {
    auto own = OwnUpload(c, p, case_id, upload_id);
    if (!own) return Fail(own.error());
    store::DeleteUpload(c, upload_id);
    return json::value(json::object{{"upload_id", upload_id}, {"cancelled", true}});
  });
  if (!w) return Fail(w.error());
  return WriteReply{200, std::move(*w)};
}

Result<std::int64_t> DocumentService::PurgeStaleUploads(std::chrono::hours idle) {
  std::int64_t removed = 0;
  auto w = db_.Write([&](store::SqlConn& c) -> Status {
    removed = store::DeleteUploadsIdleSince(c, FormatInstant(clock_.Now() - idle));
    return {};
  });
  if (!w) return Fail(w.error());
  return removed;
}

}  // namespace lindungi
