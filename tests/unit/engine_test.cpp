// The SOP engine on the shipped packs: every branch of every one of the 19 SOPs is walked
// to an end, and the rules (requirements, waivers, conditions, `when`, parallel/join,
// starting other SOPs) behave as docs/sop-format.md says.
#include "sop/engine.h"

#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <map>
#include <set>

#include "sop/loader.h"

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

std::string Key(const InstanceState& s) {
  std::string k = s.ended ? "END:" + s.end_reason : "";
  std::vector<std::string> open = s.open;
  std::sort(open.begin(), open.end());
  for (const auto& o : open) k += "|" + o;
  for (const auto& [j, n] : s.arrivals) k += "#" + j + "=" + std::to_string(n);
  return k;
}

struct Walk {
  std::set<std::pair<std::string, std::string>> covered;  // (step, outcome)
  std::set<std::string> opened;
  std::set<std::string> end_reasons;
  bool every_state_can_end = true;
  std::size_t states = 0;
};

// Explores every reachable state of `sop` for `facts`, completing each open task with each
// of its outcomes (requirements waived: documents come from other SOPs and people).
Walk Explore(const Sop& sop, const CaseFacts& facts) {
  Walk w;
  InstanceState start;
  auto fx = StartInstance(sop, facts, start);
  EXPECT_TRUE(fx) << sop.id;
  for (const auto& o : fx->opened) w.opened.insert(o);
  std::map<std::string, InstanceState> states{{Key(start), start}};
  std::map<std::string, std::set<std::string>> edges;
  std::deque<std::string> todo{Key(start)};
  while (!todo.empty() && states.size() < 50000) {
    std::string k = todo.front();
    todo.pop_front();
    const InstanceState s = states.at(k);
    if (s.ended) {
      w.end_reasons.insert(s.end_reason);
      continue;
    }
    for (const auto& step_id : s.open) {
      const Step& step = *std::find_if(sop.steps.begin(), sop.steps.end(),
                                       [&](const Step& x) { return x.id == step_id; });
      std::vector<std::string> outcomes;
      for (const auto& o : step.decision) outcomes.push_back(o.id);
      if (outcomes.empty()) outcomes.push_back("");
      for (const auto& outcome : outcomes) {
        InstanceState next = s;
        auto r = CompleteStep(sop, facts, next, step_id, outcome, /*waived=*/true);
        EXPECT_TRUE(r) << sop.id << " " << step_id << " " << outcome << ": "
                       << r.error().message_en;
        if (!r) continue;
        w.covered.insert({step_id, outcome});
        for (const auto& o : r->opened) w.opened.insert(o);
        std::string nk = Key(next);
        edges[k].insert(nk);
        if (states.emplace(nk, next).second) todo.push_back(nk);
      }
    }
  }
  w.states = states.size();
  EXPECT_LT(states.size(), 50000u) << sop.id << ": state space too large to walk";
  // Every state must be able to reach an end.
  std::set<std::string> can_end;
  for (const auto& [k, s] : states)
    if (s.ended) can_end.insert(k);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& [k, outs] : edges) {
      if (can_end.contains(k)) continue;
      for (const auto& o : outs) {
        if (can_end.contains(o)) {
          can_end.insert(k);
          changed = true;
          break;
        }
      }
    }
  }
  w.every_state_can_end = can_end.size() == states.size();
  return w;
}

TEST(EngineTest, EveryBranchOfEverySeedSopReachesAnEnd) {
  CaseFacts none;
  CaseFacts all;
  all.facts = {"child",       "woman",  "disability", "hiv", "sexual_violence",
               "trafficking", "crisis", "high_risk",  "abh", "domestic_violence"};
  std::size_t sops = 0, outcomes = 0;
  for (const auto& pack : Packs()) {
    for (const auto& sop : pack.sops) {
      ++sops;
      Walk a = Explore(sop, none), b = Explore(sop, all);
      EXPECT_TRUE(a.every_state_can_end) << sop.id << " (no facts): a state with no way to an end";
      EXPECT_TRUE(b.every_state_can_end) << sop.id << " (all facts): a state with no way to an end";
      EXPECT_FALSE(a.end_reasons.empty()) << sop.id;
      for (const auto& step : sop.steps) {
        EXPECT_TRUE(a.opened.contains(step.id) || b.opened.contains(step.id))
            << sop.id << ": step never opened: " << step.id;
        for (const auto& o : step.decision) {
          ++outcomes;
          EXPECT_TRUE(a.covered.contains({step.id, o.id}) || b.covered.contains({step.id, o.id}))
              << sop.id << ": outcome never taken: " << step.id << " -> " << o.id;
        }
      }
    }
  }
  EXPECT_EQ(sops, 19u);
  EXPECT_GT(outcomes, 50u);
}

TEST(EngineTest, MissingRequirementsAreNamedUnlessWaived) {
  const Sop& sop = FindSop("kalteng/pengaduan-tidak-langsung");
  CaseFacts facts;
  InstanceState state;
  ASSERT_TRUE(StartInstance(sop, facts, state));
  ASSERT_EQ(state.open, std::vector<std::string>{"serahkan-berkas"});
  auto r = CompleteStep(sop, facts, state, "serahkan-berkas", "", false);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_NE(r.error().message_en.find("berkas-pengaduan"), std::string::npos);
  facts.documents.insert("berkas-pengaduan");
  ASSERT_TRUE(CompleteStep(sop, facts, state, "serahkan-berkas", "", false));
  EXPECT_EQ(state.open, std::vector<std::string>{"klarifikasi"});
  // A decision needs one of its outcomes.
  auto bad = CompleteStep(sop, facts, state, "klarifikasi", "maybe", true);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "invalid_outcome");
  auto end = CompleteStep(sop, facts, state, "klarifikasi", "cannot-follow-up", true);
  ASSERT_TRUE(end) << end.error().message_en;
  EXPECT_EQ(end->ended, "cannot_follow_up");
  EXPECT_TRUE(state.ended);
  EXPECT_FALSE(CompleteStep(sop, facts, state, "klarifikasi", "escalate", true));
}

TEST(EngineTest, ConditionsAndWhenFollowTheCaseFacts) {
  const Sop& sop = FindSop("kalbar/pengelolaan-kasus");
  auto walk_to_referral = [&](CaseFacts facts, std::vector<std::string>* skipped) {
    InstanceState state;
    auto fx = StartInstance(sop, facts, state);
    while (!state.open.empty() && state.open[0] != "rujuk-layanan-kesehatan" &&
           state.open[0] != "koordinasi-keluarga") {
      auto r = CompleteStep(sop, facts, state, state.open[0], "", true);
      EXPECT_TRUE(r);
      for (const auto& s : r->skipped) skipped->push_back(s);
    }
    return state;
  };
  std::vector<std::string> skipped;
  auto adult = walk_to_referral({}, &skipped);
  ASSERT_EQ(adult.open, std::vector<std::string>{"rujuk-layanan-kesehatan"});
  EXPECT_EQ(skipped, std::vector<std::string>{"koordinasi-keluarga"});  // no child or disability

  CaseFacts child;
  child.facts = {"child"};
  skipped.clear();
  auto minor = walk_to_referral(child, &skipped);
  EXPECT_EQ(minor.open,
            std::vector<std::string>{"koordinasi-keluarga"});  // coordinate with the family first

  // HIV-positive client: the referral needs consent to referral.
  const Step& referral = *std::find_if(sop.steps.begin(), sop.steps.end(), [](const Step& s) {
    return s.id == "rujuk-layanan-kesehatan";
  });
  CaseFacts hiv;
  hiv.facts = {"hiv"};
  auto missing = MissingRequirements(referral, hiv);
  EXPECT_NE(std::find(missing.begin(), missing.end(), "consent:referral"), missing.end());
  hiv.consents.insert("referral");
  missing = MissingRequirements(referral, hiv);
  EXPECT_EQ(std::find(missing.begin(), missing.end(), "consent:referral"), missing.end());
}

TEST(EngineTest, ParallelServicesJoinBeforeThePlan) {
  const Sop& sop = FindSop("luwu-utara/perencanaan-intervensi");
  CaseFacts facts;
  InstanceState state;
  ASSERT_TRUE(StartInstance(sop, facts, state));
  for (int guard = 0; state.open.size() == 1 && guard < 5; ++guard) {
    ASSERT_TRUE(
        CompleteStep(sop, facts, state, state.open[0], "", true));  // up to the parallel step
  }
  ASSERT_EQ(state.open.size(), 5u);  // five services by need, open at once
  std::vector<std::string> branches = state.open;
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const Step& b = *std::find_if(sop.steps.begin(), sop.steps.end(),
                                  [&](const Step& s) { return s.id == branches[i]; });
    auto done =
        CompleteStep(sop, facts, state, b.id, b.decision.empty() ? "" : b.decision.back().id, true);
    ASSERT_TRUE(done);
    if (i + 1 < branches.size())
      EXPECT_TRUE(done->opened.empty()) << "the join opened before every branch arrived";
    else
      EXPECT_EQ(done->opened.size(), 1u);
  }
}

TEST(EngineTest, ADecisionCanStartTheNextSop) {
  const Sop& sop = FindSop("luwu-utara/pemantauan-evaluasi");
  bool starts_asesmen = false, starts_terminasi = false;
  for (const auto& s : sop.steps) {
    starts_asesmen = starts_asesmen || s.start == "luwu-utara/asesmen";
    starts_terminasi = starts_terminasi || s.start == "luwu-utara/terminasi";
    for (const auto& o : s.decision) {
      starts_asesmen = starts_asesmen || o.start == "luwu-utara/asesmen";
      starts_terminasi = starts_terminasi || o.start == "luwu-utara/terminasi";
    }
  }
  EXPECT_TRUE(starts_asesmen);
  EXPECT_TRUE(starts_terminasi);
  // Walk it and collect what it starts.
  CaseFacts facts;
  std::set<std::string> started;
  InstanceState state;
  ASSERT_TRUE(StartInstance(sop, facts, state));
  for (int guard = 0; !state.ended && guard < 100; ++guard) {
    const Step& s = *std::find_if(sop.steps.begin(), sop.steps.end(),
                                  [&](const Step& x) { return x.id == state.open[0]; });
    auto r = CompleteStep(sop, facts, state, s.id, s.decision.empty() ? "" : s.decision.front().id,
                          true);
    ASSERT_TRUE(r);
    started.insert(r->started.begin(), r->started.end());
  }
  EXPECT_TRUE(state.ended);
  EXPECT_FALSE(started.empty());
}

// Issue 12 item 4: an outcome's `asserts` against the recorded facts.
TEST(EngineTest, AnOutcomeContradictsTheFactsItDenies) {
  Outcome high{"risiko-tinggi", "Jika risiko tinggi", "a", "", "", {}, "", {"high_risk"}};
  Outcome not_high{"bukan", "Jika bukan risiko tinggi", "b", "", "", {}, "", {"not:high_risk"}};
  CaseFacts unknown;
  EXPECT_TRUE(Contradictions(high, unknown).empty()) << "risk not recorded: nothing to deny";
  EXPECT_TRUE(Contradictions(not_high, unknown).empty());
  CaseFacts high_risk;
  high_risk.known = {"risk_level"};
  high_risk.facts = {"high_risk"};
  EXPECT_TRUE(Contradictions(high, high_risk).empty());
  EXPECT_EQ(Contradictions(not_high, high_risk), std::vector<std::string>{"not:high_risk"});
  CaseFacts low_risk;
  low_risk.known = {"risk_level"};
  EXPECT_EQ(Contradictions(high, low_risk), std::vector<std::string>{"high_risk"});
  EXPECT_TRUE(Contradictions(not_high, low_risk).empty());
  // Facts derived from the case record are always known.
  Outcome child{"anak", "Anak", "a", "", "", {}, "", {"child"}};
  EXPECT_EQ(Contradictions(child, CaseFacts{}), std::vector<std::string>{"child"});
}

}  // namespace
}  // namespace lindungi::sop
