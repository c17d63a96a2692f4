// Filed forms through the server (docs/forms.md "Filed forms"): checked against the form
// (400 naming the field, never echoing a value), identifying values sealed in the store and
// in the event, listed without values, read decrypted, corrected with a version check, the
// SOP document kinds they fill seen by the case's tasks, and nothing for another unit.
#include "api/api_fixture.h"
#include "support/backend.h"

namespace lindungi::testing {
namespace {
namespace json = boost::json;

class DocumentApiTest : public ApiTest {};

constexpr const char* kSecretName = "Korban Qzxwv Rahasia";

std::string Registration(const std::string& name, const std::string& extra = "") {
  return R"({"tanggal_registrasi":"2026-11-23T09:30:00+08:00","kanal":"walk_in","krisis":false,)"
         R"("nama_lengkap":")" +
         name +
         R"(","jenis_kelamin":"female","kelompok_umur":"13_17","usia_tahun":14,)"
         R"("pelapor_adalah_klien":true)" +
         extra + "}";
}

std::string FileBody(const std::string& form, const std::string& values,
                     const std::string& extra = "") {
  return R"({"form":")" + form + R"(","values":)" + values + extra + "}";
}

TEST_F(DocumentApiTest, FileListReadCorrect) {
  auto intake = LoggedIn("intake");
  auto stranger = LoggedIn("stranger");
  auto kase = CreateCase(*intake, "Klien Dokumen");
  std::string path = "/api/v1/cases/" + Str(kase, "id");

  // Bad input: an unknown form, a missing required field, a value of the wrong type; the
  // errors name the field and never repeat the values sent.
  auto r = intake->Post(path + "/documents", FileBody("tidak-ada", Registration(kSecretName)));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "unknown_form");
  r = intake->Post(path + "/documents", FileBody("registrasi", Replace(Registration(kSecretName),
                                                                       R"("usia_tahun":14,)", "")));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "usia_tahun");
  EXPECT_EQ(r.body.find(kSecretName), std::string::npos) << r.body;
  r = intake->Post(path + "/documents",
                   FileBody("registrasi", Replace(Registration(kSecretName), R"("krisis":false)",
                                                  R"("krisis":"Qzxwv")")));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "krisis");
  EXPECT_EQ(r.body.find("Qzxwv"), std::string::npos) << r.body;
  r = intake->Post(path + "/documents", R"({"form":"registrasi"})");
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "values");
  r = intake->Post(path + "/documents",
                   FileBody("registrasi", Registration(kSecretName),
                            R"(,"person_id":"00000000-0000-4000-8000-000000000000")"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "person_not_found");
  r = intake->Post(path + "/documents",
                   FileBody("registrasi", Registration(kSecretName),
                            R"(,"task_id":"00000000-0000-4000-8000-000000000000")"));
  EXPECT_EQ(r.ErrorCode(), "task_not_found");

  // Filed: the answer and the list carry no values.
  r = intake->Post(path + "/documents", FileBody("registrasi", Registration(kSecretName)));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.body.find(kSecretName), std::string::npos);
  std::string doc = Str(r.Json(), "id");
  EXPECT_EQ(Str(r.Json(), "form"), "registrasi");
  EXPECT_EQ(Str(r.Json(), "source"), "form");
  EXPECT_EQ(r.Json().at("version").as_int64(), 1);
  auto list = intake->Get(path + "/documents");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(list.body.find(kSecretName), std::string::npos);
  EXPECT_FALSE(Str(list.Json().at("items").as_array()[0], "title").empty());

  // Read: decrypted, the coded values with the identifying ones.
  auto got = intake->Get(path + "/documents/" + doc);
  ASSERT_EQ(got.status, 200) << got.body;
  json::value got_json = got.Json();
  const auto& values = got_json.at("values").as_object();
  EXPECT_EQ(values.at("nama_lengkap").as_string(), kSecretName);
  EXPECT_EQ(values.at("kelompok_umur").as_string(), "13_17");
  EXPECT_FALSE(got.Json().at("sensitive_erased").as_bool());

  // In the store the name is sealed, the coded values are in clear.
  std::string stored =
      RawSql(harness_->db_url(), "SELECT data FROM case_documents WHERE id = '" + doc + "'");
  EXPECT_EQ(stored.find("Qzxwv"), std::string::npos) << stored;
  EXPECT_NE(stored.find("13_17"), std::string::npos) << stored;
  std::string events =
      RawSql(harness_->db_url(), "SELECT payload FROM events WHERE type = 'DocumentFiled'");
  EXPECT_NE(events.find("registrasi"), std::string::npos);
  EXPECT_EQ(events.find("Qzxwv"), std::string::npos);

  // A correction: a new version; a stale version is refused; the history shows both.
  std::string corrected = Registration("Korban Dikoreksi", R"(,"pekerjaan":"pelajar")");
  r = intake->Request("PUT", path + "/documents/" + doc,
                      R"({"version":1,"values":)" + corrected + "}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("version").as_int64(), 2);
  r = intake->Request("PUT", path + "/documents/" + doc,
                      R"({"version":1,"values":)" + corrected + "}");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.ErrorCode(), "version_conflict");
  r = intake->Request("PUT", path + "/documents/" + doc,
                      R"({"version":2,"values":{"kanal":"walk_in"}})");
  EXPECT_EQ(r.status, 400);
  got = intake->Get(path + "/documents/" + doc);
  EXPECT_EQ(got.Json().at("values").at("nama_lengkap").as_string(), "Korban Dikoreksi");
  EXPECT_EQ(got.Json().at("values").at("pekerjaan").as_string(), "pelajar");
  auto history = intake->Get(path + "/events").body;
  EXPECT_NE(history.find("DocumentFiled"), std::string::npos);
  EXPECT_NE(history.find("DocumentCorrected"), std::string::npos);

  // Another unit's staff: as if the case did not exist.
  EXPECT_EQ(stranger->Get(path + "/documents").status, 404);
  EXPECT_EQ(stranger->Get(path + "/documents/" + doc).status, 404);
  EXPECT_EQ(stranger->Post(path + "/documents", FileBody("registrasi", Registration("X"))).status,
            404);
  EXPECT_EQ(stranger
                ->Request("PUT", path + "/documents/" + doc,
                          R"({"version":2,"values":)" + corrected + "}")
                .status,
            404);
  // A document of another case is not found under this one.
  auto other = CreateCase(*intake, "Klien Lain");
  EXPECT_EQ(intake->Get("/api/v1/cases/" + Str(other, "id") + "/documents/" + doc).ErrorCode(),
            "document_not_found");

  // The reads were logged.
  auto head = LoggedIn("head");
  auto log = head->Get("/api/v1/audit?case_id=" + Str(kase, "id"));
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_NE(log.body.find("\"document\""), std::string::npos) << log.body;
}

// A filed form counts as the pack's document kinds it fills: the task that requires the
// registration form no longer lists it as missing.
TEST_F(DocumentApiTest, FiledFormsFeedSopRequirements) {
  auto pack = harness_->Cli({"unit", "set-pack", "TEST", "kalteng"});
  ASSERT_EQ(pack.exit_code, 0) << pack.output;
  auto intake = LoggedIn("intake");
  auto kase = CreateCase(*intake, "Klien SOP Dokumen");
  std::string path = "/api/v1/cases/" + Str(kase, "id");
  auto started = intake->Post(path + "/sops", R"({"sop":"kalteng/pengaduan-langsung"})");
  ASSERT_EQ(started.status, 201) << started.body;
  std::string task = Str(started.Json().at("open_tasks").as_array().at(0), "id");
  auto missing = [&] {
    std::vector<std::string> out;
    json::value shown = intake->Get("/api/v1/tasks/" + task).Json();
    for (const auto& m : shown.at("missing").as_array()) out.emplace_back(m.as_string());
    return out;
  };
  auto before = missing();
  ASSERT_NE(std::find(before.begin(), before.end(), "formulir-registrasi"), before.end());
  auto r = intake->Post(path + "/documents", FileBody("registrasi", Registration(kSecretName),
                                                      R"(,"task_id":")" + task + R"(")"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.body.find("formulir-registrasi"), std::string::npos) << r.body;
  auto after = missing();
  EXPECT_EQ(std::find(after.begin(), after.end(), "formulir-registrasi"), after.end());
  EXPECT_EQ(after.size() + 1, before.size());
}

// A form's `person` and `file` fields name records of its own case: a person or a document of
// another case is refused (400 invalid_reference naming the field, never the id sent), on
// filing and on correction.
TEST_F(DocumentApiTest, PersonAndFileFieldsNameRecordsOfTheCase) {
  auto intake = LoggedIn("intake");
  auto mine = CreateCase(*intake, "Klien Rujukan Kolom");
  auto other = CreateCase(*intake, "Klien Kasus Lain");
  std::string path = "/api/v1/cases/" + Str(mine, "id");
  std::string client = Str(mine.at("client"), "person_id");
  std::string foreign_client = Str(other.at("client"), "person_id");
  auto monitoring = [](const std::string& klien) {
    return R"({"tanggal":"2026-11-30","klien":")" + klien +
           R"(","cara":"phone","layanan":"psychological","status_layanan":"in_progress",)"
           R"("hasil_layanan":"Konseling berjalan.","perkembangan":"better",)"
           R"("tingkat_risiko":"low","tindak_lanjut":"reassess",)"
           R"("ttd_pendamping":{"signed":true,"name":"Pendamping"}})";
  };
  auto r = intake->Post(path + "/documents", FileBody("pemantauan", monitoring(foreign_client)));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.ErrorCode(), "invalid_reference");
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "klien");
  EXPECT_EQ(r.body.find(foreign_client), std::string::npos) << r.body;
  r = intake->Post(path + "/documents", FileBody("pemantauan", monitoring("tidak-ada")));
  EXPECT_EQ(r.ErrorCode(), "invalid_reference");
  r = intake->Post(path + "/documents", FileBody("pemantauan", monitoring(client)));
  ASSERT_EQ(r.status, 201) << r.body;
  std::string doc = Str(r.Json(), "id");
  // Corrected to name another case's client: refused, the document unchanged.
  r = intake->Request("PUT", path + "/documents/" + doc,
                      R"({"version":1,"values":)" + monitoring(foreign_client) + "}");
  EXPECT_EQ(r.ErrorCode(), "invalid_reference") << r.body;
  EXPECT_EQ(intake->Get(path + "/documents/" + doc).Json().at("version").as_int64(), 1);

  // A file field: a document of this case, not another's.
  auto foreign_doc = intake->Post("/api/v1/cases/" + Str(other, "id") + "/documents",
                                  FileBody("registrasi", Registration("Klien Kasus Lain")));
  ASSERT_EQ(foreign_doc.status, 201) << foreign_doc.body;
  auto plan = [&](const std::string& assessment) {
    return R"({"tanggal":"2026-11-30","klien":")" + client + R"(","asesmen":")" + assessment +
           R"(","tujuan":"Pulih.","perlu_kesehatan":false,"perlu_psikologi":false,)"
           R"("perlu_rehabilitasi_sosial":false,"perlu_hukum":false,)"
           R"("perlu_keluarga_masyarakat":false,"konferensi_kasus":false,)"
           R"("disepakati_klien":true,"ttd_manajer_kasus":{"signed":true,"name":"MK"}})";
  };
  r = intake->Post(path + "/documents",
                   FileBody("rencana-intervensi", plan(Str(foreign_doc.Json(), "id"))));
  EXPECT_EQ(r.ErrorCode(), "invalid_reference") << r.body;
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "asesmen");
  r = intake->Post(path + "/documents", FileBody("rencana-intervensi", plan(doc)));
  EXPECT_EQ(r.status, 201) << r.body;
}

// A form about a client that says whether she is a child says it truly: a consent form for
// the girl of the intake (born 2012) as an adult would need no parent's signature.
TEST_F(DocumentApiTest, AFormSaysTrulyWhetherItsClientIsAChild) {
  auto intake = LoggedIn("intake");
  auto kase = CreateCase(*intake, "Klien Anak Persetujuan");  // born 2012-05-17
  std::string path = "/api/v1/cases/" + Str(kase, "id");
  std::string client = Str(kase.at("client"), "person_id");
  std::string reporter = Str(kase.at("reporter"), "person_id");
  auto consent = [](const std::string& klien, bool child) {
    return std::string(R"({"klien":")") + klien + R"(","klien_anak":)" +
           (child ? "true" : "false") +
           R"(,"pemberi_persetujuan":"parent","nama_pemberi":"Ibu Klien",)" +
           (child ? R"("persetujuan_anak":true,)" : "") +
           R"("hal_dijelaskan":["services","confidentiality","data_use","referral_sharing",)"
           R"("right_to_refuse","withdraw"],"setuju":true,"lingkup":["services"],)"
           R"("tanggal":"2026-11-30","ttd_pemberi":{"signed":true,"name":"Ibu Klien"},)"
           R"("ttd_petugas":{"signed":true,"name":"Petugas"}})";
  };
  auto r = intake->Post(path + "/documents", FileBody("persetujuan", consent(client, false)));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.ErrorCode(), "child_client");
  EXPECT_EQ(Str(r.Json().at("error"), "field"), "klien_anak");
  r = intake->Post(path + "/documents", FileBody("persetujuan", consent(reporter, true)));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.ErrorCode(), "person_not_found") << "the reporter is not a client";
  r = intake->Post(path + "/documents", FileBody("persetujuan", consent(client, true)));
  ASSERT_EQ(r.status, 201) << r.body;
  // A correction cannot make her an adult either.
  r = intake->Request("PUT", path + "/documents/" + Str(r.Json(), "id"),
                      R"({"version":1,"values":)" + consent(client, false) + "}");
  EXPECT_EQ(r.ErrorCode(), "child_client") << r.body;
}

}  // namespace
}  // namespace lindungi::testing
