// Filled forms checked against their definition: every type, range and option, required and
// conditionally required fields, fields that do not apply, unknown fields; errors name the
// field in both languages and never repeat the value sent.
#include "forms/submission.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>

#include "forms/form_loader.h"
#include "forms/form_validator.h"
#include "unit/form_test_data.h"

namespace lindungi::forms {
namespace {
namespace json = boost::json;

Instant Now() {
  return *ParseInstant("2026-11-23T10:00:00+08:00");
}

class SubmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Diagnostic> diags;
    ParseOptionSets(kTestOptions, "options.yaml", set_, diags);
    set_.forms.push_back(ParseForm(kTestForm, "uji.yaml", diags));
    ResolveOptionSets(set_);
    for (auto& d : ValidateForms(set_)) diags.push_back(d);
    for (const auto& d : diags) ADD_FAILURE() << d.Format();
  }
  const Form& form() const { return set_.forms[0]; }

  // The smallest valid submission: an adult, signed.
  static json::object Valid() {
    return json::parse(R"({"nama": "Sari", "anak": false,
                           "ttd": {"signed": true, "name": "Sari", "date": "2026-11-20"}})")
        .as_object();
  }

  std::vector<Error> Errors(const json::object& o) const {
    return SubmissionErrors(form(), o, Now());
  }

  // Expects exactly one error, on `field` with `code`, whose messages name the field and do
  // not contain the value sent.
  void ExpectOne(const json::object& o, const std::string& field, const std::string& code) {
    auto errors = Errors(o);
    ASSERT_EQ(errors.size(), 1u) << json::serialize(o) << " -> " << Describe(errors);
    const Error& e = errors[0];
    EXPECT_EQ(e.field, field) << json::serialize(o);
    EXPECT_EQ(e.code, code) << json::serialize(o) << ": " << e.message_en;
    EXPECT_EQ(e.kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(e.message_id.find(field), std::string::npos) << e.message_id;
    EXPECT_NE(e.message_en.find(field), std::string::npos) << e.message_en;
    if (const json::value* v = o.if_contains(field);
        v && v->is_string() && v->as_string().size() > 2) {
      EXPECT_EQ(e.message_id.find(v->as_string()), std::string::npos) << e.message_id;
      EXPECT_EQ(e.message_en.find(v->as_string()), std::string::npos) << e.message_en;
    }
  }

  void ExpectOk(const json::object& o) {
    auto errors = Errors(o);
    EXPECT_TRUE(errors.empty()) << json::serialize(o) << " -> " << Describe(errors);
  }

  static std::string Describe(const std::vector<Error>& errors) {
    std::string out = errors.empty() ? "no error" : "";
    for (const auto& e : errors) out += e.code + " " + e.field + "; ";
    return out;
  }

  // Valid() with `field` set to `value` (JSON text).
  static json::object With(const std::string& field, const std::string& value) {
    json::object o = Valid();
    o[field] = json::parse(value);
    return o;
  }

  FormSet set_;
};

TEST_F(SubmissionTest, TheSmallestValidSubmissionPasses) {
  ExpectOk(Valid());
  EXPECT_TRUE(ValidateSubmission(form(), Valid(), Now()));
}

TEST_F(SubmissionTest, RequiredFields) {
  json::object o = Valid();
  o.erase("nama");
  ExpectOne(o, "nama", "required");
  ExpectOne(With("nama", R"("   ")"), "nama", "required");  // blank is not an answer
  ExpectOne(With("nama", "null"), "nama", "required");
  auto all = Errors(json::object{});
  ASSERT_EQ(all.size(), 3u);  // nama, anak, ttd, in form order
  EXPECT_EQ(all[0].field, "nama");
  EXPECT_EQ(all[1].field, "anak");
  EXPECT_EQ(all[2].field, "ttd");
  EXPECT_EQ(all[0].message_id, "Kolom nama (Nama) wajib diisi.");
  EXPECT_EQ(all[0].message_en, "Field nama (Name) is required.");
  auto first = ValidateSubmission(form(), json::object{}, Now());
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().field, "nama");
}

struct TypeCase {
  const char* field;
  const char* good;
  const char* bad;
  const char* code;
};

TEST_F(SubmissionTest, EveryTypeAcceptsItsShapeAndRejectsOthers) {
  const TypeCase cases[] = {
      {"nama", R"("Sari")", "42", "wrong_type"},
      {"nama", R"("Sari Dewi")", R"("Sari Dewi Lestari")", "too_long"},  // max_length 10
      {"nama", R"("Sari")", R"("Sa\nri")", "control_characters"},        // one line only
      {"cerita", R"("Baris satu\nbaris dua\tdan tab")", R"("bel\u0007")", "control_characters"},
      {"cerita", R"("cerita")", "[]", "wrong_type"},
      {"usia", "30", R"("30")", "wrong_type"},
      {"usia", "30.0", "30.5", "wrong_type"},  // integer: true
      {"usia", "0", "-1", "out_of_range"},
      {"usia", "120", "121", "out_of_range"},
      {"waktu", R"("2026-03-02T10:15:00+08:00")", R"("2026-03-02 10:15")", "invalid_datetime"},
      {"waktu", R"("2026-03-02T10:15:00Z")", "1700000000", "wrong_type"},
      {"tanggal", R"("2026-02-28")", R"("2026-02-30")", "invalid_date"},
      {"tanggal", R"("2026-11-23")", R"("2026-11-25")", "date_in_future"},  // past: true
      {"jenis", R"("a")", R"("c")", "not_an_option"},
      {"jenis", R"("b")", R"(["a"])", "wrong_type"},
      {"bentuk", R"(["merah", "biru"])", R"(["merah", "ungu"])", "not_an_option"},
      {"bentuk", R"(["merah"])", R"(["merah", "merah"])", "duplicate_choice"},
      {"bentuk", R"(["biru"])", R"(["merah", "biru", "hijau"])", "out_of_range"},  // max 2
      {"bentuk", R"(["hijau"])", R"("hijau")", "wrong_type"},
      {"telepon", R"("+62 812-3456-7890")", R"("0812 tiga")", "invalid_phone"},
      {"telepon", R"("(0556) 21234")", R"("1234")", "invalid_phone"},  // too few digits
      {"nik", R"("6501010203140001")", R"("650101020314000")", "invalid_nik"},
      {"nik", R"("6501010203140001")", R"("65010102031400x1")", "invalid_nik"},
      {"nik", R"("6501010203140001")", "6501010203140001", "wrong_type"},
      {"kabupaten", R"("65.03")", R"("65")", "invalid_region"},  // level: regency
      {"kabupaten", R"("65.03")", R"("65.03.01")", "invalid_region"},
      {"wilayah", R"("65.03.01.2001")", R"("65.3")", "invalid_region"},
      {"wilayah", R"("65")", R"("65.03.")", "invalid_region"},
      {"wilayah", R"("65.03.01")", R"("6503")", "invalid_region"},
      {"klien", R"("3f2c9a7e-1b4d-4c8e-9f00-1234567890ab")", R"("Sari Dewi")", "invalid_reference"},
      {"lampiran", R"("doc-42")", "42", "invalid_reference"},
      {"anak", "false", R"("tidak")", "wrong_type"},
      {"ttd", R"({"signed": true, "name": "Sari"})", R"({"signed": "ya", "name": "Sari"})",
       "wrong_type"},
      {"ttd", R"({"signed": true, "name": "Sari"})", R"({"signed": true})", "required"},
      {"ttd", R"({"signed": true, "name": "Sari"})", R"({"signed": false, "name": "Sari"})",
       "not_signed"},  // required: must be signed
      {"ttd", R"({"signed": true, "name": "Sari"})",
       R"({"signed": true, "name": "Sari", "nik": "6501010203140001"})", "wrong_type"},
      {"ttd", R"({"signed": true, "name": "Sari", "date": "2026-11-23"})",
       R"({"signed": true, "name": "Sari", "date": "2027-01-01"})", "date_in_future"},
      {"ttd", R"({"signed": true, "name": "Sari"})", R"("Sari")", "wrong_type"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.field) + " good " + c.good + " bad " + c.bad);
    ExpectOk(With(c.field, c.good));
    ExpectOne(With(c.field, c.bad), c.field, c.code);
  }
}

TEST_F(SubmissionTest, AnOptionalSignatureMayBeUnsigned) {
  // ttd is required; a signature that is not required may say "not signed".
  Field f;
  f.id = "ttd_saksi";
  f.type = FieldType::kSignature;
  f.sensitive = true;
  Form g = form();
  g.sections[0].fields.push_back(f);
  json::object o = Valid();
  o["ttd_saksi"] = json::parse(R"({"signed": false})");
  EXPECT_TRUE(SubmissionErrors(g, o, Now()).empty());
}

TEST_F(SubmissionTest, ASectionAppliesOnlyWhenItsConditionHolds) {
  // anak = true opens section "syarat", whose "wali" is required.
  ExpectOne(With("anak", "true"), "wali", "required");
  json::object o = With("anak", "true");
  o["wali"] = "Ibu Sari";
  ExpectOk(o);
  // An adult's form must not carry the section's fields.
  ExpectOne(With("wali", R"("Ibu Sari")"), "wali", "not_applicable");
}

TEST_F(SubmissionTest, AFieldAppliesOnlyWhenItsConditionHolds) {
  json::object o = With("anak", "true");
  o["wali"] = "Ibu Sari";
  o["jenis"] = "b";  // "alasan" applies and is required
  ExpectOne(o, "alasan", "required");
  o["alasan"] = "Karena";
  ExpectOk(o);
  o["jenis"] = "a";  // no longer applies: must not be sent
  ExpectOne(o, "alasan", "not_applicable");
}

TEST_F(SubmissionTest, AFieldCanBeRequiredOnlyWhenAConditionHolds) {
  json::object o = With("anak", "true");
  o["wali"] = "Ibu Sari";
  o["bentuk"] = json::parse(R"(["biru"])");
  ExpectOk(o);  // "catatan" applies but is optional
  o["bentuk"] = json::parse(R"(["biru", "merah"])");
  ExpectOne(o, "catatan", "required");  // required when bentuk includes merah
  o["catatan"] = "Dicatat";
  ExpectOk(o);
}

TEST_F(SubmissionTest, AnyAndInAndPresentConditions) {
  json::object o = With("anak", "true");
  o["wali"] = "Ibu Sari";
  o["lain"] = "x";
  ExpectOne(o, "lain", "not_applicable");  // neither usia in [1, 2] nor telepon given
  o["usia"] = 2;
  ExpectOk(o);
  o["usia"] = 3;
  ExpectOne(o, "lain", "not_applicable");
  o["telepon"] = "0812345678";
  ExpectOk(o);
}

TEST_F(SubmissionTest, AHiddenFieldCountsAsUnanswered) {
  // "alasan" is hidden for an adult; a condition on it must see it as absent even if sent.
  Form g = form();
  Field f;
  f.id = "tindak";
  f.type = FieldType::kText;
  Condition c;
  c.op = Condition::Op::kPresent;
  c.field = "alasan";
  c.present = true;
  f.when = c;
  Section s;  // a third section, so that it comes after "alasan"
  s.id = "akhir";
  s.fields.push_back(f);
  g.sections.push_back(s);
  json::object o = Valid();
  o["jenis"] = "b";
  o["tindak"] = "y";
  auto errors = SubmissionErrors(g, o, Now());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "tindak");
  EXPECT_EQ(errors[0].code, "not_applicable");
  EXPECT_EQ(ApplicableFields(g, o).back(), "ttd");  // neither syarat's fields nor tindak
}

TEST_F(SubmissionTest, UnknownFieldsAreNamedOnlyWhenTheyLookLikeFieldNames) {
  ExpectOne(With("nama_ibu", R"("x")"), "nama_ibu", "unknown_field");
  auto errors = Errors(With("Sari Dewi 6501010203140001", R"("x")"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "unknown_field");
  EXPECT_EQ(errors[0].field, "?");
  EXPECT_EQ(errors[0].message_en.find("Sari"), std::string::npos) << errors[0].message_en;
}

TEST_F(SubmissionTest, ErrorsNeverRepeatTheValueSent) {
  const char* secret = "Siti Aminah 6501010203140001 Jl. Melati 7";
  json::object o = Valid();
  for (const char* f : {"nama", "usia", "waktu", "tanggal", "jenis", "telepon", "nik", "kabupaten",
                        "klien", "lampiran", "anak", "wali"}) {
    o[f] = secret;
  }
  o["bentuk"] = json::array{secret};
  o["ttd"] = json::object{{"signed", true}, {"name", secret}, {"date", secret}};
  auto errors = Errors(o);
  EXPECT_GE(errors.size(), 12u);
  for (const auto& e : errors) {
    for (const char* part : {"Siti", "6501010203140001", "Melati"}) {
      EXPECT_EQ(e.message_id.find(part), std::string::npos) << e.message_id;
      EXPECT_EQ(e.message_en.find(part), std::string::npos) << e.message_en;
    }
  }
}

TEST_F(SubmissionTest, SensitiveFieldsAndTheSplitForStorage) {
  EXPECT_EQ(SensitiveFields(form()),
            (std::vector<std::string>{"nama", "cerita", "telepon", "nik", "ttd", "wali"}));
  EXPECT_TRUE(IsSensitive(form(), "nik"));
  EXPECT_FALSE(IsSensitive(form(), "jenis"));
  EXPECT_FALSE(IsSensitive(form(), "no_such_field"));
  json::object o = Valid();
  o["jenis"] = "a";
  o["nik"] = "6501010203140001";
  o["stray"] = 1;
  SplitValues split = SplitBySensitivity(form(), o);
  EXPECT_EQ(split.sensitive.size(), 3u);  // nama, nik, ttd
  EXPECT_TRUE(split.sensitive.contains("nik"));
  EXPECT_EQ(split.clear.size(), 2u);  // anak, jenis; "stray" goes nowhere
  EXPECT_TRUE(split.clear.contains("jenis"));
}

// Every shipped form accepts an empty answer to each optional field and reports the
// required ones by name: the definitions are usable, not just well formed.
TEST(ShippedFormSubmissionTest, EmptySubmissionsNameTheRequiredFields) {
  std::vector<Diagnostic> diags;
  FormSet set = LoadForms((std::filesystem::path(LINDUNGI_SOURCE_DIR) / "forms").string(), diags);
  ASSERT_TRUE(diags.empty());
  for (const auto& f : set.forms) {
    auto errors = SubmissionErrors(f, json::object{}, Now());
    EXPECT_FALSE(errors.empty()) << f.id;
    for (const auto& e : errors) {
      EXPECT_EQ(e.code, "required") << f.id << " " << e.field;
      EXPECT_NE(f.Find(e.field), nullptr) << f.id << " " << e.field;
    }
  }
}

// The Nunukan crisis registration (Form 1): a victim registered in crisis, age unknown.
TEST(ShippedFormSubmissionTest, ACrisisRegistration) {
  std::vector<Diagnostic> diags;
  FormSet set = LoadForms((std::filesystem::path(LINDUNGI_SOURCE_DIR) / "forms").string(), diags);
  const Form* f = set.Find("registrasi");
  ASSERT_NE(f, nullptr);
  json::object o = json::parse(R"({
    "tanggal_registrasi": "2026-11-23T09:30:00+08:00", "kanal": "walk_in", "krisis": true,
    "nama_lengkap": "Korban A", "jenis_kelamin": "female", "kelompok_umur": "13_17",
    "pelapor_adalah_klien": false, "nama_pelapor": "Ibu B", "hubungan_pelapor": "parent"})")
                       .as_object();
  auto errors = SubmissionErrors(*f, o, Now());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "usia_tahun");  // no birth date: the age is required
  o["usia_tahun"] = 14;
  EXPECT_TRUE(SubmissionErrors(*f, o, Now()).empty());
  o["telepon"] = "0812 3456 7890";
  ASSERT_EQ(SubmissionErrors(*f, o, Now()).size(), 1u);  // is it safe to call?
  o["boleh_dihubungi"] = false;
  EXPECT_TRUE(SubmissionErrors(*f, o, Now()).empty());
}

// Termination (Nunukan Form 18 / Luwu Utara): agreed needs the client's signature;
// unilateral needs a reason and cannot carry the agreed section.
TEST(ShippedFormSubmissionTest, TerminationAgreedOrUnilateral) {
  std::vector<Diagnostic> diags;
  FormSet set = LoadForms((std::filesystem::path(LINDUNGI_SOURCE_DIR) / "forms").string(), diags);
  const Form* f = set.Find("terminasi");
  ASSERT_NE(f, nullptr);
  json::object o = json::parse(R"({
    "tanggal": "2026-11-20", "klien": "p-1", "klien_anak": true, "jenis": "unilateral",
    "alasan_sepihak": "missing", "upaya_menghubungi": "Dikunjungi tiga kali.",
    "layanan_diterima": ["complaint", "health"], "konferensi_kasus": false,
    "ttd_pendamping": {"signed": true, "name": "Petugas"},
    "ttd_ketua": {"signed": true, "name": "Ketua"}})")
                       .as_object();
  EXPECT_TRUE(SubmissionErrors(*f, o, Now()).empty());
  o["ttd_klien"] = json::parse(R"({"signed": true, "name": "Klien"})");
  auto errors = SubmissionErrors(*f, o, Now());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "not_applicable");
  o.erase("alasan_sepihak");
  o.erase("upaya_menghubungi");
  o["jenis"] = "agreed";
  o["alasan"] = json::parse(R"(["goals_met"])");
  errors = SubmissionErrors(*f, o, Now());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "ttd_wali");  // a child: the guardian signs too
}

// A table (repeating group): Babel's outreach plan with its cost lines. Each row is checked
// like a form, an error names the cell ("biaya.1.jumlah"), and the `total` column is summed.
TEST(ShippedFormSubmissionTest, ThePlansCostLinesAreCheckedCellByCellAndSummed) {
  std::vector<Diagnostic> diags;
  FormSet set = LoadForms((std::filesystem::path(LINDUNGI_SOURCE_DIR) / "forms").string(), diags);
  const Form* f = set.Find("rencana-penjangkauan");
  ASSERT_NE(f, nullptr);
  json::object o = json::parse(R"({
    "tanggal": "2026-11-20", "maksud": "Melaksanakan penjangkauan korban",
    "tempat_berangkat": "Pangkalpinang", "tempat_tujuan": "Kabupaten Bangka Tengah",
    "wilayah": "19.04", "berangkat": "2026-12-08", "kembali": "2026-12-10",
    "alat_angkut": "official_vehicle",
    "petugas": [{"nama": "Rina", "jabatan": "Manajer Kasus"}],
    "biaya": [{"jenis": "transport", "uraian": "BBM", "jumlah": 600000},
              {"jenis": "per_diem", "uraian": "2 x 3 x 150.000", "jumlah": 900000}],
    "sumber_dana": "DPA 2026", "ttd_pengaju": {"signed": true, "name": "Rina"}})")
                       .as_object();
  EXPECT_TRUE(SubmissionErrors(*f, o, Now()).empty());
  auto totals = TableTotals(*f, o);
  ASSERT_EQ(totals.size(), 1u);
  EXPECT_EQ(totals["biaya.jumlah"], 1500000);

  auto one = [&](json::object v) {
    auto errors = SubmissionErrors(*f, v, Now());
    EXPECT_EQ(errors.size(), 1u);
    return errors.empty() ? Error{} : errors[0];
  };
  json::object v = o;
  v["biaya"].as_array()[1].as_object().erase("jumlah");
  Error e = one(v);
  EXPECT_EQ(e.code, "required");
  EXPECT_EQ(e.field, "biaya.1.jumlah");
  EXPECT_NE(e.message_id.find("baris 2"), std::string::npos) << e.message_id;
  EXPECT_NE(e.message_en.find("row 2"), std::string::npos) << e.message_en;
  v = o;
  v["biaya"].as_array()[0].as_object()["jumlah"] = 1.5;
  EXPECT_EQ(one(v).field, "biaya.0.jumlah");
  v["biaya"].as_array()[0].as_object()["jumlah"] = -1;
  EXPECT_EQ(one(v).code, "out_of_range");
  v = o;
  v["biaya"].as_array()[0].as_object()["jenis"] = "helicopter";
  EXPECT_EQ(one(v).code, "not_an_option");
  v = o;
  v["biaya"].as_array()[0].as_object()["harga"] = 1;
  e = one(v);
  EXPECT_EQ(e.code, "unknown_field");
  EXPECT_EQ(e.field, "biaya.0.harga");
  v = o;
  v["biaya"] = json::array{};
  EXPECT_EQ(one(v).code, "required");  // an empty table is not answered
  v["biaya"] = "600000";
  EXPECT_EQ(one(v).code, "wrong_type");
  v["biaya"] = json::array{1};
  EXPECT_EQ(one(v).code, "wrong_type");
  v["biaya"] = json::array{};
  for (int i = 0; i < 51; ++i) v["biaya"].as_array().push_back(o["biaya"].as_array()[0]);
  e = one(v);
  EXPECT_EQ(e.code, "out_of_range");  // max: 50 rows
  EXPECT_EQ(e.field, "biaya");
  // The whole table is one field for storage: not sealed (coded amounts, staff names).
  auto split = SplitBySensitivity(*f, o);
  EXPECT_TRUE(split.clear.contains("biaya"));
  EXPECT_FALSE(split.sensitive.contains("biaya"));
}

}  // namespace
}  // namespace lindungi::forms
