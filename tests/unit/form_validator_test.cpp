// The form definition validator: the shipped forms pass; each kind of broken definition is
// reported with file:line:column.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "forms/form_loader.h"
#include "forms/form_render.h"
#include "forms/form_validator.h"
#include "unit/form_test_data.h"

namespace lindungi::forms {
namespace {
namespace fs = std::filesystem;

class FormValidatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lindungi-forms-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    std::ofstream(dir_ / "options.yaml") << kTestOptions;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Loads and validates the folder with `form` as uji.yaml; returns the messages.
  std::vector<std::string> Check(const std::string& form) {
    std::ofstream(dir_ / "uji.yaml") << form;
    std::vector<Diagnostic> diags;
    FormSet set = LoadForms(dir_.string(), diags);
    for (auto& d : ValidateForms(set)) diags.push_back(d);
    std::vector<std::string> out;
    for (const auto& d : diags) out.push_back(d.Format());
    return out;
  }

  static std::string Replace(std::string s, const std::string& from, const std::string& to) {
    auto p = s.find(from);
    EXPECT_NE(p, std::string::npos) << from;
    if (p != std::string::npos) s.replace(p, from.size(), to);
    return s;
  }

  // Expects exactly one diagnostic, at `line:column` of `file`, containing `text`.
  void ExpectOne(const std::vector<std::string>& got, int line, int column, const std::string& text,
                 const std::string& file = "uji.yaml") {
    ASSERT_EQ(got.size(), 1u) << (got.empty() ? "no diagnostic"
                                              : got[0] + (got.size() > 1 ? " | " + got[1] : ""));
    std::string where = fmt::format("{}:{}:{}: ", file, line, column);
    EXPECT_NE(got[0].find(where), std::string::npos) << got[0] << " (want " << where << ")";
    EXPECT_NE(got[0].find(text), std::string::npos) << got[0];
  }

  // Expects some diagnostic at `line:column` of uji.yaml containing `text`.
  void ExpectHas(const std::vector<std::string>& got, int line, int column,
                 const std::string& text) {
    std::string where = fmt::format("uji.yaml:{}:{}: ", line, column);
    bool found = std::any_of(got.begin(), got.end(), [&](const std::string& g) {
      return g.find(where) != std::string::npos && g.find(text) != std::string::npos;
    });
    EXPECT_TRUE(found) << where << text << " not among " << got.size() << " diagnostics";
  }

  fs::path dir_;
};

TEST_F(FormValidatorTest, AGoodFormPasses) {
  auto got = Check(kTestForm);
  for (const auto& g : got) ADD_FAILURE() << g;
}

TEST_F(FormValidatorTest, YamlSyntax) {
  ExpectOne(Check(Replace(kTestForm, "title_en: Test form", "title_en: [Test form")), 5, 6, "YAML");
}

TEST_F(FormValidatorTest, UnknownKey) {
  ExpectOne(Check(Replace(kTestForm, "type: datetime}", "type: datetime, wajib: true}")), 14, 67,
            "unknown key 'wajib' in a field");
  ExpectOne(Check(Replace(kTestForm, "version: 1\n", "version: 1\nowner: someone\n")), 3, 1,
            "unknown key 'owner' in a form");
}

TEST_F(FormValidatorTest, MissingKeys) {
  ExpectOne(Check(Replace(kTestForm, ", label_en: Time", "")), 14, 9, "missing 'label_en'");
  ExpectOne(Check(Replace(kTestForm, "version: 1\n", "")), 1, 1, "missing 'version'");
}

TEST_F(FormValidatorTest, UnknownType) {
  ExpectOne(Check(Replace(kTestForm, "type: datetime}", "type: timestamp}")), 14, 57,
            "unknown field type 'timestamp'");
}

TEST_F(FormValidatorTest, BadIds) {
  ExpectOne(Check(Replace(kTestForm, "id: waktu,", "id: Waktu,")), 14, 9,
            "field id 'Waktu' must be lower_snake_case");
  ExpectOne(Check(Replace(kTestForm, "id: uji\n", "id: lain\n")), 1, 1,
            "form id 'lain' must match its file name 'uji.yaml'");
  ExpectOne(Check(Replace(kTestForm, "id: uji\n", "id: Uji_Form\n")), 1, 1, "lower-kebab-case");
}

TEST_F(FormValidatorTest, DuplicateIds) {
  ExpectOne(Check(Replace(kTestForm, "id: waktu,", "id: tanggal,")), 15, 9,
            "duplicate field id 'tanggal'");
  ExpectOne(Check(Replace(kTestForm, "  - id: syarat", "  - id: utama")), 26, 5,
            "duplicate section id 'utama'");
  ExpectHas(Check(Replace(kTestForm, "{value: b, label: B", "{value: a, label: B")), 16, 110,
            "duplicate option value 'a'");
}

TEST_F(FormValidatorTest, OptionsMissingMisplacedOrUnknown) {
  ExpectOne(Check(Replace(kTestForm, ", options: warna", "")), 17, 9,
            "field 'bentuk' of type multi_choice needs options");
  ExpectOne(Check(Replace(kTestForm, "type: datetime}", "type: datetime, options: warna}")), 14, 9,
            "'options' does not apply to field 'waktu' of type datetime");
  ExpectOne(Check(Replace(kTestForm, "options: warna", "options: rasa")), 17, 9,
            "unknown option set 'rasa'");
  ExpectOne(Check(Replace(kTestForm,
                          "options: [{value: a, label: A, label_en: A}, {value: b, "
                          "label: B, label_en: B}]",
                          "options: []")),
            16, 9, "empty list of options");
}

TEST_F(FormValidatorTest, BadOptionSet) {
  std::ofstream(dir_ / "options.yaml")
      << "warna:\n  - {value: Merah, label: Merah, label_en: Red}\n";
  auto got = Check(kTestForm);
  ASSERT_FALSE(got.empty());
  EXPECT_NE(got[0].find("options.yaml:2:5: option value 'Merah' must be lower_snake_case"),
            std::string::npos)
      << got[0];
}

TEST_F(FormValidatorTest, KeysThatDoNotFitTheType) {
  ExpectOne(Check(Replace(kTestForm, "type: datetime}", "type: datetime, max_length: 5}")), 14, 9,
            "'max_length' does not apply to field 'waktu' of type datetime");
  ExpectOne(Check(Replace(kTestForm, "type: datetime}", "type: datetime, level: village}")), 14, 9,
            "'level' does not apply");
  ExpectOne(Check(Replace(kTestForm, "type: datetime}", "type: datetime, integer: true}")), 14, 9,
            "'integer' does not apply");
}

TEST_F(FormValidatorTest, BadRanges) {
  ExpectOne(Check(Replace(kTestForm, "min: 0, max: 120", "min: 121, max: 120")), 13, 9,
            "min is above max in field 'usia'");
  ExpectOne(Check(Replace(kTestForm, "max_length: 10", "max_length: 0")), 11, 9,
            "max_length of field 'nama' must be 1 or more");
  ExpectOne(Check(Replace(kTestForm, "min: 0, max: 120", "min: nol, max: 120")), 13, 82,
            "'min' must be a number");
  ExpectOne(Check(Replace(kTestForm, "level: regency", "level: kota")), 20, 9,
            "unknown region level 'kota'");
}

TEST_F(FormValidatorTest, IdentifyingTypesMustBeSensitive) {
  ExpectOne(Check(Replace(kTestForm, "type: nik, sensitive: true", "type: nik")), 19, 9,
            "field 'nik' of type nik identifies a person: mark it sensitive: true");
  ExpectOne(Check(Replace(kTestForm, "type: phone, sensitive: true", "type: phone")), 18, 9,
            "of type phone identifies a person");
}

TEST_F(FormValidatorTest, ConditionOnUnknownOrLaterField) {
  ExpectOne(Check(Replace(kTestForm, "when: {field: anak, equals: true}",
                          "when: {field: dewasa, equals: true}")),
            29, 11, "condition of section 'syarat' names unknown field 'dewasa'");
  ExpectOne(Check(Replace(kTestForm, "when: {field: jenis, equals: b}",
                          "when: {field: lain, present: true}")),
            32, 73, "names field 'lain', which does not come before it");
  ExpectOne(Check(Replace(kTestForm, "when: {field: jenis, equals: b}",
                          "when: {field: alasan, present: true}")),
            32, 73, "does not come before it");
}

TEST_F(FormValidatorTest, ConditionOperatorMustFitTheField) {
  ExpectOne(
      Check(Replace(kTestForm, "{field: bentuk, includes: merah}", "{field: jenis, includes: a}")),
      33, 77, "'includes' needs a multi_choice field; 'jenis' is choice");
  ExpectOne(Check(Replace(kTestForm, "{field: jenis, equals: b}", "{field: bentuk, equals: biru}")),
            32, 73, "'bentuk' is a multi_choice: test it with 'includes'");
  ExpectOne(Check(Replace(kTestForm, "{field: jenis, equals: b}", "{field: nama, equals: Sari}")),
            32, 73, "can compare only choice, boolean or number fields; 'nama' is text");
}

TEST_F(FormValidatorTest, ConditionValueMustBeOneTheFieldCanTake) {
  ExpectOne(Check(Replace(kTestForm, "{field: jenis, equals: b}", "{field: jenis, equals: c}")), 32,
            73, "'c' is not an option of field 'jenis'");
  ExpectOne(Check(Replace(kTestForm, "{field: bentuk, includes: merah}",
                          "{field: bentuk, includes: ungu}")),
            33, 77, "'ungu' is not an option of field 'bentuk'");
  ExpectOne(Check(Replace(kTestForm, "when: {field: anak, equals: true}",
                          "when: {field: anak, equals: ya}")),
            29, 11, "boolean field 'anak' is true or false");
  ExpectOne(Check(Replace(kTestForm, "{field: usia, in: [1, 2]}", "{field: usia, in: [1, dua]}")),
            34, 75, "number field 'usia' needs a number");
}

TEST_F(FormValidatorTest, MalformedCondition) {
  ExpectOne(
      Check(Replace(kTestForm, "{field: jenis, equals: b}", "{field: jenis, equals: b, in: [a]}")),
      32, 73, "exactly one of equals");
  ExpectOne(Check(Replace(kTestForm, "when: {field: anak, equals: true}", "when: anak")), 29, 11,
            "a condition must be a map");
  ExpectOne(Check(Replace(kTestForm, "{any: [{field: usia", "{x: 1, any: [{field: usia")), 34, 69,
            "unknown key 'x' in a condition");
}

TEST_F(FormValidatorTest, OddShapesAreDiagnosedNotFatal) {
  for (const char* text : {"", "[]", "id: uji\nsections: 7\n", "id: uji\nsections: [1, {x: 2}]\n",
                           "id: uji\nsections:\n  - id: a\n    fields: [3, {id: [x]}]\n"}) {
    auto got = Check(text);
    EXPECT_FALSE(got.empty()) << text;
  }
}

TEST(ShippedFormsTest, EveryFormValidates) {
  std::vector<Diagnostic> diags;
  FormSet set = LoadForms((fs::path(LINDUNGI_SOURCE_DIR) / "forms").string(), diags);
  for (auto& d : ValidateForms(set)) diags.push_back(d);
  for (const auto& d : diags) ADD_FAILURE() << d.Format();
  EXPECT_EQ(set.forms.size(), 17u);
  for (const auto& f : set.forms) {
    EXPECT_FALSE(f.notes.empty()) << f.id << ": every interpretation goes in notes";
    EXPECT_FALSE(RenderOutline(f).empty());
  }
}

// The SIMFONI record is reported in clear: it must hold nothing identifying.
TEST(ShippedFormsTest, TheSimfoniRecordHasNoSensitiveField) {
  std::vector<Diagnostic> diags;
  FormSet set = LoadForms((fs::path(LINDUNGI_SOURCE_DIR) / "forms").string(), diags);
  const Form* simfoni = set.Find("simfoni");
  ASSERT_NE(simfoni, nullptr);
  for (const auto& s : simfoni->sections)
    for (const auto& f : s.fields) EXPECT_FALSE(f.sensitive) << f.id;
}

TEST(FormRenderTest, OutlineNamesSectionsFieldsTypesAndOptions) {
  std::vector<Diagnostic> diags;
  FormSet set;
  ParseOptionSets(kTestOptions, "options.yaml", set, diags);
  set.forms.push_back(ParseForm(kTestForm, "uji.yaml", diags));
  ResolveOptionSets(set);
  ASSERT_TRUE(diags.empty());
  std::string out = RenderOutline(set.forms[0]);
  for (const char* want :
       {"uji — Formulir uji", "2. Bersyarat / Conditional   [bila anak = true]", "nama",
        "text (maks 10)", "wajib, sensitif", "- merah = Merah / Red", "hanya bila jenis = b",
        "wajib bila bentuk memuat merah", "usia salah satu dari 1, 2 atau telepon diisi"}) {
    EXPECT_NE(out.find(want), std::string::npos) << want << "\n" << out;
  }
  std::string md = RenderMarkdown(set.forms[0]);
  EXPECT_NE(md.find("| `nama` | Nama | text (maks 10) | wajib | ya |"), std::string::npos) << md;
}

// Tables: columns required, plain types only, a column that identifies a person needs the
// table sealed, `total` only on a number column of a table that is not sealed.
TEST_F(FormValidatorTest, TablesAreCheckedColumnByColumn) {
  auto table = [](const std::string& extra, const std::string& columns) {
    return "id: uji\nversion: 1\ntitle: Uji\ntitle_en: Test\nsections:\n  - id: s\n"
           "    title: S\n    title_en: S\n    fields:\n"
           "      - id: baris\n        label: Baris\n        label_en: Rows\n        type: "
           "table\n" +
           extra + "        columns:\n" + columns;
  };
  const std::string good =
      "          - {id: uraian, label: Uraian, label_en: Item, type: text, required: true}\n"
      "          - {id: jumlah, label: Jumlah, label_en: Amount, type: number, total: true}\n";
  auto got = Check(table("", good));
  for (const auto& g : got) ADD_FAILURE() << g;
  auto has = [](const std::vector<std::string>& v, const std::string& text) {
    return std::any_of(v.begin(), v.end(),
                       [&](const std::string& g) { return g.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(
      has(Check(table("", "          - {id: klien, label: K, label_en: C, type: person}\n")),
          "cannot be of type person"));
  EXPECT_TRUE(
      has(Check(table("", "          - {id: x, label: X, label_en: X, type: text, total: true}\n")),
          "'total' does not apply"));
  EXPECT_TRUE(
      has(Check(table("", "          - {id: hp, label: HP, label_en: Phone, type: phone}\n")),
          "mark table 'baris' sensitive"));
  EXPECT_TRUE(has(Check(table("        sensitive: true\n", good)), "cannot be a total"));
  EXPECT_TRUE(
      has(Check(table("", good + "          - {id: uraian, label: U, label_en: U, type: text}\n")),
          "duplicate column id 'uraian'"));
  EXPECT_TRUE(has(Check(table("        min: 1.5\n", good)), "count its rows"));
  EXPECT_TRUE(has(
      Check(table(
          "",
          "          - {id: x, label: X, label_en: X, type: text, when: {field: a, equals: b}}\n")),
      "unknown key"));
  // A column key on a plain field is refused too.
  EXPECT_TRUE(has(Check(Replace(kTestForm, "type: text, max_length: 10,",
                                "type: text, max_length: 10, total: true,")),
                  "unknown key"));
}

}  // namespace
}  // namespace lindungi::forms
