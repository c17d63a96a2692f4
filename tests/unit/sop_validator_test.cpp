// The SOP pack validator: the shipped packs pass; each kind of broken pack is reported
// with file:line:column.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "sop/loader.h"
#include "sop/validator.h"

namespace lindungi::sop {
namespace {
namespace fs = std::filesystem;

constexpr const char* kGoodSop = R"(id: demo/aduan
title: Aduan uji
roles: [reporter, intake_officer, section_head]
steps:
  - id: lapor
    no: "1"
    activity: Pelapor datang
    actor: reporter
    recorded_by: intake_officer
    requires: []
    standard_time: 15 min
    produces: [formulir]
  - id: telaah
    no: "2"
    activity: Kasi menelaah
    actor: section_head
    requires: [formulir]
    standard_time: 5 working_days
    produces: []
    decision:
      - outcome: lanjut
        label: Dilanjutkan
        next: tutup
      - outcome: tolak
        label: Tidak dapat ditindaklanjuti
        end: cannot_follow_up
  - id: tutup
    no: "3"
    activity: Selesai
    actor: intake_officer
    requires: []
    standard_time: none
    produces: []
)";

class SopValidatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("lindungi-sop-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "demo");
    Write("unit.yaml", "id: demo\nname: UPTD PPA Uji\nlevel: provinsi\ntime_zone: Asia/Makassar\n");
    Write("documents.yaml", "- id: formulir\n  name: Formulir pengaduan\n");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(root_ / "demo" / name) << text;
  }

  // Loads and validates the demo pack with `sop` as its one SOP; returns the messages.
  std::vector<std::string> Check(const std::string& sop) {
    Write("aduan.yaml", sop);
    std::vector<Diagnostic> diags;
    std::vector<Pack> packs = {LoadPack((root_ / "demo").string(), diags)};
    for (auto& d : Validate(packs)) diags.push_back(d);
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

  // Expects exactly one diagnostic, at `line:column` of aduan.yaml, containing `text`.
  void ExpectOne(const std::vector<std::string>& got, int line, int column,
                 const std::string& text) {
    ASSERT_EQ(got.size(), 1u) << (got.empty() ? "no diagnostic"
                                              : got[0] + (got.size() > 1 ? " | " + got[1] : ""));
    std::string where = fmt::format("aduan.yaml:{}:{}: ", line, column);
    EXPECT_NE(got[0].find(where), std::string::npos) << got[0];
    EXPECT_NE(got[0].find(text), std::string::npos) << got[0];
  }

  // Expects some diagnostic at `line:column` of aduan.yaml containing `text`.
  void ExpectHas(const std::vector<std::string>& got, int line, int column,
                 const std::string& text) {
    std::string where = fmt::format("aduan.yaml:{}:{}: ", line, column);
    bool found = std::any_of(got.begin(), got.end(), [&](const std::string& g) {
      return g.find(where) != std::string::npos && g.find(text) != std::string::npos;
    });
    EXPECT_TRUE(found) << where << text << " not among " << got.size() << " diagnostics";
  }

  fs::path root_;
};

TEST_F(SopValidatorTest, AGoodPackPasses) {
  EXPECT_TRUE(Check(kGoodSop).empty());
}

TEST_F(SopValidatorTest, UnknownRole) {
  ExpectOne(Check(Replace(kGoodSop, "actor: section_head", "actor: kepala_desa")), 13, 5,
            "unknown role 'kepala_desa'");
}

TEST_F(SopValidatorTest, ActorNotListedInRoles) {
  ExpectOne(Check(Replace(kGoodSop, "actor: section_head", "actor: unit_head")), 13, 5,
            "not listed in the SOP's roles");
}

TEST_F(SopValidatorTest, ExternalActorNeedsRecordedBy) {
  ExpectOne(Check(Replace(kGoodSop, "    recorded_by: intake_officer\n", "")), 5, 5, "recorded_by");
}

TEST_F(SopValidatorTest, UnknownDocument) {
  ExpectOne(Check(Replace(kGoodSop, "requires: [formulir]", "requires: [surat-sakti]")), 13, 5,
            "unknown document kind 'surat-sakti'");
}

TEST_F(SopValidatorTest, UnknownConsentScopeAndFact) {
  ExpectOne(
      Check(Replace(kGoodSop, "requires: [formulir]", "requires: [formulir, consent:everything]")),
      13, 5, "unknown consent scope");
  ExpectOne(Check(Replace(kGoodSop, "requires: [formulir]", "requires: [fact:mood]")), 13, 5,
            "unknown fact");
}

TEST_F(SopValidatorTest, UnknownEndReasonOfAnOutcome) {
  ExpectOne(Check(Replace(kGoodSop, "end: cannot_follow_up", "end: vanished")), 24, 9,
            "unknown end reason 'vanished'");
}

TEST_F(SopValidatorTest, TriageTagsOnOutcomes) {
  std::string tagged = Replace(kGoodSop, "        next: tutup\n",
                               "        next: tutup\n        triage: continue_here\n");
  EXPECT_TRUE(Check(tagged).empty());
  ExpectOne(Check(Replace(tagged, "triage: continue_here", "triage: ask_the_oracle")), 21, 9,
            "unknown triage recommendation 'ask_the_oracle'");
  ExpectOne(Check(Replace(tagged, "        end: cannot_follow_up\n",
                          "        end: cannot_follow_up\n        triage: continue_here\n")),
            25, 9, "two outcomes carry triage 'continue_here'");
}

TEST_F(SopValidatorTest, DuplicateIds) {
  ExpectHas(Check(Replace(kGoodSop, "id: tutup", "id: telaah")), 27, 5,
            "duplicate step id 'telaah'");
  auto dup_outcome = Check(Replace(kGoodSop, "outcome: tolak", "outcome: lanjut"));
  ExpectOne(dup_outcome, 24, 9, "duplicate outcome 'lanjut'");
}

TEST_F(SopValidatorTest, UnknownTargets) {
  ExpectHas(Check(Replace(kGoodSop, "next: tutup", "next: entah")), 21, 9, "next: no step 'entah'");
  ExpectOne(Check(Replace(kGoodSop, "        next: tutup",
                          "        next: tutup\n        start: demo/tidak-ada")),
            21, 9, "start: no SOP 'demo/tidak-ada'");
}

TEST_F(SopValidatorTest, UnreachableStep) {
  // "lanjut" ends too, so nothing leads to "tutup".
  ExpectOne(Check(Replace(kGoodSop, "next: tutup", "end: completed")), 27, 5,
            "step 'tutup' is unreachable");
}

TEST_F(SopValidatorTest, LoopWithNoExit) {
  std::string sop =
      Replace(kGoodSop, "end: cannot_follow_up", "next: lapor");  // both outcomes continue
  sop = Replace(sop, "    standard_time: none\n",
                "    standard_time: none\n    next: lapor\n");  // tutup loops back
  auto got = Check(sop);
  ASSERT_EQ(got.size(), 3u);
  for (const auto& g : got) EXPECT_NE(g.find("no path to an end"), std::string::npos) << g;
}

TEST_F(SopValidatorTest, MalformedStandardTime) {
  ExpectOne(Check(Replace(kGoodSop, "standard_time: 15 min", "standard_time: 15 menit")), 11, 20,
            "malformed standard_time '15 menit'");
  ExpectOne(Check(Replace(kGoodSop, "standard_time: 15 min", "standard_time: 30-15 min")), 11, 20,
            "malformed");
}

TEST_F(SopValidatorTest, DecisionWithoutOutcomes) {
  std::string sop = kGoodSop;
  sop = sop.substr(0, sop.find("    decision:")) + "    decision: []\n" +
        sop.substr(sop.find("  - id: tutup"));
  auto got = Check(sop);
  ASSERT_FALSE(got.empty());
  EXPECT_NE(got[0].find("decision of step 'telaah' has no outcomes"), std::string::npos) << got[0];
}

TEST_F(SopValidatorTest, YamlSyntaxAndUnknownKeys) {
  ExpectOne(Check(Replace(kGoodSop, "roles: [reporter, intake_officer, section_head]",
                          "roles: [reporter")),
            4, 6, "YAML");
  ExpectOne(Check(Replace(kGoodSop, "    produces: [formulir]",
                          "    produces: [formulir]\n    deadline: 3")),
            13, 5, "unknown key 'deadline'");
}

TEST_F(SopValidatorTest, DocumentFormsMustExist) {
  Write("documents.yaml",
        "- id: formulir\n  name: Formulir pengaduan\n  form: pengaduan\n"
        "- id: asesmen\n  name: Asesmen\n  form: [asesmen-anak, asesmen-lain]\n");
  Write("aduan.yaml", kGoodSop);
  std::vector<Diagnostic> diags;
  std::vector<Pack> packs = {LoadPack((root_ / "demo").string(), diags)};
  ASSERT_TRUE(diags.empty());
  EXPECT_EQ(packs[0].documents.at("asesmen").forms.size(), 2u);
  EXPECT_TRUE(Validate(packs).empty());  // without forms, links are not checked
  std::set<std::string> forms = {"pengaduan", "asesmen-anak"};
  auto got = Validate(packs, &forms);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].Format(), (root_ / "demo" / "documents.yaml").string() +
                                 ":6:9: document kind 'asesmen': no form 'asesmen-lain' in forms/");
  Write("documents.yaml", "- id: formulir\n  name: Formulir pengaduan\n  form: {id: x}\n");
  diags.clear();
  LoadPack((root_ / "demo").string(), diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("'form' must be a list"), std::string::npos);
}

TEST(ShippedPacksTest, EverySeedSopValidates) {
  std::vector<Diagnostic> diags;
  std::vector<Pack> packs;
  std::size_t sops = 0;
  for (const auto& e : fs::directory_iterator(fs::path(LINDUNGI_SOURCE_DIR) / "sops")) {
    if (!fs::exists(e.path() / "unit.yaml")) continue;
    packs.push_back(LoadPack(e.path().string(), diags));
    sops += packs.back().sops.size();
  }
  // Document kinds name the forms of forms/ beside sops/.
  std::set<std::string> forms;
  for (const auto& e : fs::directory_iterator(fs::path(LINDUNGI_SOURCE_DIR) / "forms")) {
    if (e.path().extension() == ".yaml" && e.path().filename() != "options.yaml")
      forms.insert(e.path().stem().string());
  }
  EXPECT_GE(forms.size(), 15u);
  std::size_t linked = 0;
  for (const auto& p : packs)
    for (const auto& [id, kind] : p.documents) linked += kind.forms.empty() ? 0 : 1;
  EXPECT_GE(linked, 40u);
  for (auto& d : Validate(packs, &forms)) diags.push_back(d);
  for (const auto& d : diags) ADD_FAILURE() << d.Format();
  EXPECT_EQ(packs.size(), 5u);
  EXPECT_EQ(sops, 19u);  // all 19 SOPs of the five seed documents
}

TEST(StandardTimeTest, ParsesTheFormatsOfTheSeeds) {
  auto t = ParseStandardTime("15-30 min");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->unit, TimeUnit::kMinutes);
  EXPECT_EQ(t->low, 15);
  EXPECT_EQ(t->high, 30);
  EXPECT_EQ(ParseStandardTime("5 working_days")->unit, TimeUnit::kWorkingDays);
  EXPECT_EQ(ParseStandardTime("1-3 months")->high, 3);
  EXPECT_EQ(ParseStandardTime("none")->unit, TimeUnit::kNone);
  for (const char* bad :
       {"", "5", "min", "0 min", "5 weeks", "5  min", "3-1 days", "-1 days", "5 min extra"}) {
    EXPECT_FALSE(ParseStandardTime(bad)) << bad;
  }
}

}  // namespace
}  // namespace lindungi::sop

namespace lindungi::sop {
namespace {

// Regressions found by the fuzzer (fuzz/corpus/sop): odd shapes give diagnostics, not a crash.
TEST(SopLoaderTest, OddShapesAreDiagnosedNotFatal) {
  std::vector<Diagnostic> diags;
  ParseSop("", "empty.yaml", diags);
  ASSERT_FALSE(diags.empty());
  EXPECT_GE(diags[0].at.line, 1);

  diags.clear();
  ParseSop(
      "id: demo/x\ntitle: t\nroles: [intake_officer]\nsteps:\n  - just text\n  - id: a\n    "
      "activity: b\n"
      "    actor: intake_officer\n    standard_time: none\n    decision: [1, {outcome: x}]\n    "
      "conditions: [7]\n",
      "odd.yaml", diags);
  std::string all;
  for (const auto& d : diags) all += d.Format() + "\n";
  EXPECT_NE(all.find("odd.yaml:5:5: a step must be a map"), std::string::npos) << all;
  EXPECT_NE(all.find("a decision outcome must be a map"), std::string::npos) << all;
  EXPECT_NE(all.find("a condition must be a map"), std::string::npos) << all;
}

}  // namespace
}  // namespace lindungi::sop

namespace lindungi::sop {
namespace {

// "Can this path finish?": what a step of the SOP produces must come from an earlier step
// on every path to the step that requires it.
TEST_F(SopValidatorTest, ARequirementAnEarlierStepGivesOnlyOnSomePathsIsReported) {
  // The refusal outcome files nothing, yet its path reaches a step that needs the form.
  std::string sop = Replace(kGoodSop, "    produces: [formulir]\n", "    produces: []\n");
  sop = Replace(sop, "    requires: [formulir]\n", "    requires: []\n");
  sop = Replace(sop, "        label: Dilanjutkan\n",
                "        label: Dilanjutkan\n        produces: [formulir]\n");
  sop = Replace(sop, "        end: cannot_follow_up\n", "        next: tutup\n");
  sop = Replace(sop, "    activity: Selesai\n    actor: intake_officer\n    requires: []",
                "    activity: Selesai\n    actor: intake_officer\n    requires: [formulir]");
  auto got = Check(sop);
  ExpectOne(got, 28, 5, "step 'tutup' requires 'formulir', which on some path to it no earlier");
  ASSERT_FALSE(got.empty());
  EXPECT_NE(got[0].find("given by: telaah"), std::string::npos) << got[0];
  // Required only where the outcome that gives it leads, it finishes.
  auto fixed = Check(Replace(sop, "ditindaklanjuti\n        next: tutup\n",
                             "ditindaklanjuti\n        end: rejected\n"));
  EXPECT_TRUE(fixed.empty()) << fixed.front();
}

TEST_F(SopValidatorTest, AStepThatRequiresWhatOnlyALaterStepGivesIsReported) {
  std::string sop = Replace(kGoodSop, "    produces: [formulir]\n", "    produces: []\n");
  sop = Replace(sop, "    standard_time: none\n    produces: []\n",
                "    standard_time: none\n    produces: [formulir]\n");
  ExpectOne(Check(sop), 13, 5, "step 'telaah' requires 'formulir'");
  // A step that brings and passes on what it requires is not waiting for anyone.
  EXPECT_TRUE(Check(Replace(kGoodSop, "    requires: []\n    standard_time: 15 min",
                            "    requires: [formulir]\n    standard_time: 15 min"))
                  .empty());
}

TEST_F(SopValidatorTest, OutcomesThatDoTheSameAreOneDecisionOfferedTwice) {
  ExpectOne(Check(Replace(kGoodSop, "        end: cannot_follow_up\n", "        next: tutup\n")),
            24, 9, "outcomes 'lanjut' and 'tolak' of step 'telaah' lead to the same step");
  // Different outputs make them different choices.
  EXPECT_TRUE(
      Check(Replace(Replace(kGoodSop, "        end: cannot_follow_up\n",
                            "        next: tutup\n        produces: []\n"),
                    "    produces: []\n    decision:", "    produces: [formulir]\n    decision:"))
          .empty());
}

TEST_F(SopValidatorTest, OutcomeAndConditionOutputsUseTheVocabulary) {
  ExpectOne(Check(Replace(kGoodSop, "        end: cannot_follow_up\n",
                          "        end: cannot_follow_up\n        produces: [surat-sakti]\n")),
            24, 9, "unknown document kind 'surat-sakti' in an outcome's produces");
  ExpectOne(Check(Replace(kGoodSop, "    standard_time: none\n",
                          "    standard_time: none\n    conditions:\n      - when: [child]\n"
                          "        produces: [consent:everything]\n")),
            34, 9, "unknown consent scope");
}

TEST_F(SopValidatorTest, AlongsideNamesAnotherStep) {
  ExpectOne(Check(Replace(kGoodSop, "    activity: Selesai\n",
                          "    activity: Selesai\n    alongside: lapor-lagi\n")),
            27, 5, "alongside: no other step 'lapor-lagi'");
}

}  // namespace
}  // namespace lindungi::sop

namespace lindungi::sop {
namespace {

// `approves:` names a document kind the step requires and one form fills (Babel row 4).
TEST_F(SopValidatorTest, AnOutcomeApprovesAFormTheStepRequires) {
  std::string approving = Replace(kGoodSop, "        next: tutup\n",
                                  "        next: tutup\n        approves: formulir\n");
  ExpectOne(Check(approving), 21, 9, "'formulir', which is not filled by one form");
  Write("documents.yaml", "- id: formulir\n  name: Formulir pengaduan\n  form: pengaduan\n");
  EXPECT_TRUE(Check(approving).empty());
  ExpectOne(Check(Replace(approving, "approves: formulir", "approves: rencana")), 21, 9,
            "approves unknown document kind 'rencana'");
  ExpectOne(Check(Replace(approving, "    requires: [formulir]\n    standard_time: 5",
                          "    requires: []\n    standard_time: 5")),
            21, 9, "which its step does not require");
}

}  // namespace
}  // namespace lindungi::sop
