// Uploads through the server (docs/uploads.md): a file in chunks (resumable, a resent chunk
// answered as before, a wrong start refused naming where to go on), checked on the whole
// content (type by signature, the declared type, cut short, SHA-256), filed as a document
// whose download gives the same bytes; only its starter continues an upload; limits.
#include "api/api_fixture.h"
#include "security/hash.h"
#include "support/backend.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

class UploadApiTest : public ApiTest {
 protected:
  // The chunk of `bytes` at `start` as the octet stream it is.
  static HttpResult Chunk(Client& c, const std::string& upload_path, std::int64_t start,
                          const std::string& bytes) {
    return c.Request("PUT", upload_path + "/chunks/" + std::to_string(start), bytes,
                     {"Content-Type: application/octet-stream"}, false);
  }
  // Starts an upload of `bytes` declared as `type`, sends it whole, and completes it.
  static HttpResult UploadWhole(Client& c, const std::string& case_path, const std::string& type,
                                const std::string& bytes) {
    auto s = c.Post(case_path + "/uploads", R"({"media_type":")" + type + R"(","size":)" +
                                                std::to_string(bytes.size()) + "}");
    if (s.status != 201) return s;
    std::string up = case_path + "/uploads/" + Str(s.Json(), "upload_id");
    auto put = Chunk(c, up, 0, bytes);
    if (put.status != 200) return put;
    return c.Post(up + "/complete", "{}");
  }
};

// A PDF of about `n` bytes: a real header and trailer around filler.
std::string Pdf(std::size_t n) {
  std::string body = "%PDF-1.4\n% uji unggah\n";
  while (body.size() < n) body += "0123456789abcdefghijklmnopqrstuvwxyz ";
  return body + "\ntrailer\n<<>>\n%%EOF\n";
}

const std::string kJpeg =
    std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01", 12) + "foto" + std::string("\xFF\xD9", 2);

TEST_F(UploadApiTest, AFileInChunksIsCheckedFiledAndDownloadedUnchanged) {
  auto pack = harness_->Cli({"unit", "set-pack", "TEST", "kalteng"});  // its document kinds
  ASSERT_EQ(pack.exit_code, 0) << pack.output;
  auto intake = LoggedIn("intake");
  auto kase = CreateCase(*intake, "Klien Unggah");
  const std::string path = "/api/v1/cases/" + Str(kase, "id");
  const std::string pdf = Pdf(1200 * 1024);  // three chunks of at most 512 KiB
  const std::string sha = security::Sha256Hex(pdf);

  auto s = intake->Post(path + "/uploads", R"({"media_type":"application/pdf","size":)" +
                                               std::to_string(pdf.size()) + R"(,"sha256":")" + sha +
                                               R"(","kind":"ktp"})");
  ASSERT_EQ(s.status, 201) << s.body;
  const std::int64_t chunk = s.Json().at("chunk_size").as_int64();
  EXPECT_EQ(chunk, 512 * 1024);
  EXPECT_EQ(s.Json().at("received").as_int64(), 0);
  const std::string up = path + "/uploads/" + Str(s.Json(), "upload_id");

  auto r = Chunk(*intake, up, 0, pdf.substr(0, chunk));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("received").as_int64(), chunk);
  // The answer was lost and the phone sends the chunk again: answered as before.
  r = Chunk(*intake, up, 0, pdf.substr(0, chunk));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("received").as_int64(), chunk);
  // Other bytes at a start already received, or a gap: refused, naming where to go on.
  r = Chunk(*intake, up, 0, std::string(100, 'x'));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.ErrorCode(), "offset_mismatch");
  r = Chunk(*intake, up, 2 * chunk, pdf.substr(2 * chunk));
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find(std::to_string(chunk)), std::string::npos) << r.body;
  // A JSON body, an empty chunk, a chunk over the chunk size, a chunk past the size.
  r = intake->Request("PUT", up + "/chunks/" + std::to_string(chunk), R"({"a":1})");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(Chunk(*intake, up, chunk, "").ErrorCode(), "empty_chunk");
  EXPECT_EQ(Chunk(*intake, up, chunk, std::string(chunk + 1, 'x')).ErrorCode(), "chunk_too_large");
  // Completing early says how far it got.
  r = intake->Post(up + "/complete", "{}");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.ErrorCode(), "upload_incomplete");
  // After a broken connection: where to go on.
  r = intake->Get(up);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json().at("received").as_int64(), chunk);
  // Only its starter continues an upload; another unit does not see the case.
  auto head = LoggedIn("head");
  EXPECT_EQ(head->Get(up).ErrorCode(), "upload_not_found");
  EXPECT_EQ(Chunk(*head, up, chunk, pdf.substr(chunk, chunk)).ErrorCode(), "upload_not_found");
  auto stranger = LoggedIn("stranger");
  EXPECT_EQ(stranger->Get(up).ErrorCode(), "case_not_found");

  ASSERT_EQ(Chunk(*intake, up, chunk, pdf.substr(chunk, chunk)).status, 200);
  r = Chunk(*intake, up, 2 * chunk, pdf.substr(2 * chunk) + "x");
  EXPECT_EQ(r.ErrorCode(), "beyond_size");
  r = Chunk(*intake, up, 2 * chunk, pdf.substr(2 * chunk));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("received").as_int64(), std::int64_t(pdf.size()));

  // Completed, with an Idempotency-Key: a repeat answers the same document.
  auto done = intake->Post(up + "/complete", "{}", {"Idempotency-Key: unggah-1"});
  ASSERT_EQ(done.status, 201) << done.body;
  auto doc = done.Json();
  EXPECT_EQ(Str(doc, "source"), "upload");
  EXPECT_EQ(Str(doc.at("file"), "media_type"), "application/pdf");
  EXPECT_EQ(doc.at("file").at("size").as_int64(), std::int64_t(pdf.size()));
  EXPECT_EQ(Str(doc.at("file"), "digest"), sha);
  ASSERT_EQ(doc.at("kinds").as_array().size(), 1u);
  EXPECT_EQ(doc.at("kinds").as_array()[0].as_string(), "ktp");
  EXPECT_EQ(Str(doc, "title"), "KTP");
  auto again = intake->Post(up + "/complete", "{}", {"Idempotency-Key: unggah-1"});
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(Str(again.Json(), "id"), Str(doc, "id"));
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(intake->Get(up).ErrorCode(), "upload_not_found");  // the upload ended

  // Listed with its file; the download gives the same bytes, named by the document's id.
  auto list = intake->Get(path + "/documents");
  ASSERT_EQ(list.status, 200);
  auto items = list.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(Str(items[0].at("file"), "digest"), sha);
  auto got = intake->Get(path + "/documents/" + Str(doc, "id") + "/file");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.headers["content-type"], "application/pdf");
  EXPECT_EQ(got.headers["content-disposition"],
            "attachment; filename=\"" + Str(doc, "id") + ".pdf\"");
  EXPECT_TRUE(got.body == pdf) << "the downloaded file differs";
  EXPECT_EQ(stranger->Get(path + "/documents/" + Str(doc, "id") + "/file").status, 404);
  auto audit = head->Get("/api/v1/audit?case_id=" + Str(kase, "id"));
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("document_file"), std::string::npos) << "the download is logged";
}

TEST_F(UploadApiTest, ContentDecidesTheTypeAndABrokenFileIsRefused) {
  auto intake = LoggedIn("intake");
  auto kase = CreateCase(*intake, "Klien Berkas Palsu");
  const std::string path = "/api/v1/cases/" + Str(kase, "id");

  // A web page (or a program) named a photo: refused on its content.
  auto r = UploadWhole(*intake, path, "image/png", "<html><script>alert(1)</script></html>");
  EXPECT_EQ(r.status, 415) << r.body;
  EXPECT_EQ(r.ErrorCode(), "unsupported_file_type");
  EXPECT_NE(r.body.find("image/jpeg"), std::string::npos) << "the message lists what is taken";
  r = UploadWhole(*intake, path, "application/pdf", std::string("MZ\x90\x00\x03", 5) + "program");
  EXPECT_EQ(r.ErrorCode(), "unsupported_file_type");
  // A JPEG declared a PNG.
  r = UploadWhole(*intake, path, "image/png", kJpeg);
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(r.ErrorCode(), "file_type_mismatch");
  // Cut short on a bad connection.
  r = UploadWhole(*intake, path, "image/jpeg", kJpeg.substr(0, kJpeg.size() - 2));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "file_truncated");
  // Declared types and sizes the case does not take.
  r = intake->Post(path + "/uploads", R"({"media_type":"video/mp4","size":1000})");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(r.ErrorCode(), "unsupported_file_type");
  r = intake->Post(path + "/uploads", R"({"media_type":"image/jpeg","size":104857600})");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.ErrorCode(), "file_too_large");
  r = intake->Post(path + "/uploads", R"({"media_type":"image/jpeg","size":0})");
  EXPECT_EQ(r.ErrorCode(), "bad_size");
  r = intake->Post(path + "/uploads", R"({"media_type":"image/jpeg","size":10,"sha256":"AB"})");
  EXPECT_EQ(r.ErrorCode(), "bad_sha256");
  r = intake->Post(path + "/uploads",
                   R"({"media_type":"image/jpeg","size":10,"kind":"tidak-ada"})");
  EXPECT_EQ(r.ErrorCode(), "unknown_document_kind");
  r = intake->Post(
      path + "/uploads",
      R"({"media_type":"image/jpeg","size":10,"person_id":"00000000-0000-4000-8000-000000000000"})");
  EXPECT_EQ(r.ErrorCode(), "person_not_found");
  // Bytes that do not match the SHA-256 given: refused, and the upload ends.
  r = intake->Post(path + "/uploads", R"({"media_type":"image/jpeg","size":)" +
                                          std::to_string(kJpeg.size()) + R"(,"sha256":")" +
                                          std::string(64, '0') + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string up = path + "/uploads/" + Str(r.Json(), "upload_id");
  ASSERT_EQ(Chunk(*intake, up, 0, kJpeg).status, 200);
  r = intake->Post(up + "/complete", "{}");
  EXPECT_EQ(r.ErrorCode(), "sha256_mismatch");
  EXPECT_EQ(intake->Get(up).ErrorCode(), "upload_not_found");
  // Cancelled: gone.
  r = intake->Post(path + "/uploads", R"({"media_type":"image/jpeg","size":100})");
  up = path + "/uploads/" + Str(r.Json(), "upload_id");
  EXPECT_EQ(intake->Request("DELETE", up).status, 200);
  EXPECT_EQ(intake->Get(up).ErrorCode(), "upload_not_found");

  // A photo that is one: filed, with the generic title, no SOP kind.
  r = UploadWhole(*intake, path, "image/jpeg", kJpeg);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.Json(), "title"), "Foto");
  EXPECT_TRUE(r.Json().at("kinds").as_array().empty());
  auto list = intake->Get(path + "/documents");
  EXPECT_EQ(list.Json().at("items").as_array().size(), 1u) << "refused files left nothing";
}

}  // namespace
}  // namespace lindungi::testing
