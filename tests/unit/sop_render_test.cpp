// The SOP as people read it: the swimlane flowchart (DOT, and the SVG Graphviz draws from it)
// and the table, on every SOP of every pack in sops/.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "service/graphviz.h"
#include "sop/loader.h"
#include "sop/render.h"
#include "sop/standard_time.h"

namespace lindungi::sop {
namespace {
namespace fs = std::filesystem;

const std::vector<Pack>& Packs() {
  static const std::vector<Pack> packs = [] {
    std::vector<Pack> out;
    std::vector<Diagnostic> diags;
    for (const auto& e : fs::directory_iterator(fs::path(LINDUNGI_SOURCE_DIR) / "sops")) {
      if (fs::exists(e.path() / "unit.yaml")) out.push_back(LoadPack(e.path().string(), diags));
    }
    return out;
  }();
  return packs;
}

const Sop& FindSop(const std::string& id) {
  for (const auto& p : Packs())
    for (const auto& s : p.sops)
      if (s.id == id) return s;
  throw std::runtime_error("no SOP " + id);
}

TEST(StandardTimeWordsTest, SaysEachUnitInBahasaIndonesia) {
  auto words = [](const char* text) { return StandardTimeWords(*ParseStandardTime(text)); };
  EXPECT_EQ(words("30 min"), "30 menit");
  EXPECT_EQ(words("2 hours"), "2 jam");
  EXPECT_EQ(words("3 days"), "3 hari");
  EXPECT_EQ(words("5 working_days"), "5 hari kerja");
  EXPECT_EQ(words("1 months"), "1 bulan");
  EXPECT_EQ(words("15-30 min"), "15\u201330 menit");
  EXPECT_EQ(words("none"), "");
}

TEST(ShortOutcomeLabelTest, KeepsTheClauseThatSaysWhichWay) {
  EXPECT_EQ(ShortOutcomeLabel("Ya"), "Ya");
  EXPECT_EQ(ShortOutcomeLabel("Tetap menolak: tinggalkan no kontak, calon Penerima manfaat"),
            "Tetap menolak");
  EXPECT_EQ(ShortOutcomeLabel("Klien bersedia, dilanjutkan dengan SOP Pendampingan Hukum"),
            "Klien bersedia");
  // No early clause: whole words within the limit, then an ellipsis.
  std::string cut = ShortOutcomeLabel(
      "Kasi pengaduan merekomendasikan kepada kepala UPT-PPA agar pelapor diberikan pendampingan",
      30);
  EXPECT_EQ(cut, "Kasi pengaduan\u2026");
}

// The node statements of one cluster (lane) of a DOT text, in order.
std::vector<std::string> LaneLabels(const std::string& dot) {
  std::vector<std::string> out;
  std::regex lane(R"re(subgraph cluster_\d+ \{\n    label="([^"]*)")re");
  for (auto it = std::sregex_iterator(dot.begin(), dot.end(), lane); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1]);
  return out;
}

TEST(RenderDotTest, EverySopReadsLikeThePrintedSop) {
  int sops = 0, decisions = 0;
  for (const auto& pack : Packs()) {
    for (const auto& s : pack.sops) {
      SCOPED_TRACE(s.id);
      ++sops;
      std::string dot = RenderDot(s);
      // Standard times in words, never the file format's unit names.
      EXPECT_EQ(dot.find("working_days"), std::string::npos);
      EXPECT_EQ(dot.find(" min)"), std::string::npos);
      for (const auto& st : s.steps) {
        std::string words = st.standard_time ? StandardTimeWords(*st.standard_time) : "";
        if (!words.empty()) {
          EXPECT_NE(dot.find("(" + words + ")"), std::string::npos) << st.id;
        }
      }
      // One lane per actor, in the order of the SOP's roles, each once.
      std::vector<std::string> expected;
      std::set<std::string> actors;
      for (const auto& st : s.steps) actors.insert(st.actor);
      auto lanes = LaneLabels(dot);
      EXPECT_EQ(lanes.size(), actors.size());
      EXPECT_EQ(std::set<std::string>(lanes.begin(), lanes.end()).size(), lanes.size());
      // Lanes stand side by side: their heads share the top row, chained left to right.
      EXPECT_NE(dot.find("{ rank=min; \"_lajur0\";"), std::string::npos);
      for (std::size_t i = 0; i + 1 < lanes.size(); ++i)
        EXPECT_NE(dot.find("\"_lajur" + std::to_string(i) + "\" -> \"_lajur" +
                           std::to_string(i + 1) + "\" [style=invis]"),
                  std::string::npos);
      // A diamond after every decision step; outcome labels short enough to read.
      for (const auto& st : s.steps) {
        if (st.decision.empty()) continue;
        ++decisions;
        std::string diamond = "\"" + st.id + "__keputusan\" [label=\"?\", shape=diamond";
        EXPECT_NE(dot.find(diamond), std::string::npos) << st.id;
        for (const auto& o : st.decision) {
          std::string edge_from = "\"" + st.id + "__keputusan\" -> ";
          EXPECT_NE(dot.find(edge_from), std::string::npos);
          EXPECT_LE(ShortOutcomeLabel(o.label).size(), 43u) << o.label;
          // The whole label stays as the edge's tooltip.
          EXPECT_NE(dot.find("tooltip=\"" + o.label.substr(0, 20)), std::string::npos);
        }
      }
    }
  }
  EXPECT_GE(sops, 19);  // the seed SOPs
  EXPECT_GT(decisions, 10);
}

TEST(RenderDotTest, GraphvizDrawsLanesSideBySideAndDecisionsAsDiamonds) {
  // Tindak lanjut pengaduan: several actors, decisions, standard times in working days.
  const Sop& s = FindSop("kalteng/penampungan-sementara");
  std::string svg = DotToSvg(RenderDot(s));
  ASSERT_FALSE(svg.empty()) << "Graphviz dot must be installed";
  EXPECT_NE(svg.find("hari kerja"), std::string::npos);
  EXPECT_EQ(svg.find("working_days"), std::string::npos);
  // Each lane is a cluster polygon; their left edges differ (side by side), their tops match.
  std::regex cluster(
      R"re(<g id="clust\d+" class="cluster">\n<title>[^<]*</title>\n<polygon [^>]*points="([-\d.]+),([-\d.]+) )re");
  std::vector<double> xs;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), cluster);
       it != std::sregex_iterator(); ++it)
    xs.push_back(std::stod((*it)[1]));
  std::set<std::string> actors;
  for (const auto& st : s.steps) actors.insert(st.actor);
  ASSERT_EQ(xs.size(), actors.size()) << svg.substr(0, 2000);
  for (std::size_t i = 0; i + 1 < xs.size(); ++i) EXPECT_LT(xs[i], xs[i + 1]) << "lane " << i;
  // Decisions drawn as diamonds: a four-point polygon per decision step.
  int decision_steps = 0;
  for (const auto& st : s.steps) decision_steps += !st.decision.empty();
  std::regex node_title(R"re(<title>[^<]*__keputusan</title>\n<polygon [^>]*points="[^"]*"/>)re");
  int diamonds = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), node_title);
       it != std::sregex_iterator(); ++it) {
    std::string pts = it->str();
    auto q = pts.find("points=\"");
    std::string list = pts.substr(q + 8, pts.rfind('"') - q - 8);
    int pairs = 0;
    for (char c : list) pairs += c == ',';
    EXPECT_EQ(pairs, 5) << "a diamond: four corners and the closing point";
    ++diamonds;
  }
  EXPECT_EQ(diamonds, decision_steps);
  EXPECT_GT(decision_steps, 0);
}

TEST(RenderTableTest, StandardTimesInWordsWhereTheSourceGaveNone) {
  for (const auto& pack : Packs())
    for (const auto& s : pack.sops)
      EXPECT_EQ(RenderTable(s).find("working_days"), std::string::npos) << s.id;
}

}  // namespace
}  // namespace lindungi::sop
