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

  // HIV-positive client: the coordination of row 2, which passes the HIV status to the
  // receiving service, needs consent to referral (row 1's output) — before it, not after.
  const Step& referral = *std::find_if(sop.steps.begin(), sop.steps.end(), [](const Step& s) {
    return s.id == "koordinasi-layanan-tujuan";
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
  // Named fields: an outcome's positional layout grows with the pack format.
  auto outcome = [](std::string id, std::string next, std::vector<std::string> asserts) {
    Outcome o;
    o.id = std::move(id);
    o.label = o.id;
    o.next = std::move(next);
    o.asserts = std::move(asserts);
    return o;
  };
  Outcome high = outcome("risiko-tinggi", "a", {"high_risk"});
  Outcome not_high = outcome("bukan", "b", {"not:high_risk"});
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
  Outcome child = outcome("anak", "a", {"child"});
  EXPECT_EQ(Contradictions(child, CaseFacts{}), std::vector<std::string>{"child"});
}

}  // namespace
}  // namespace lindungi::sop

namespace lindungi::sop {
namespace {

// --- The property: every path of every SOP of every pack can be walked to its end by people
// doing only their own step's work. Nothing is waived. At each step the walker brings only
// what a person at that step would: a requirement that no SOP of the chain produces (a KTP
// the reporter brings, a consent recorded there, a letter from outside), and the value of a
// fact the step itself produces. Anything a step of the chain produces — this SOP's or an
// SOP that started it — must come from that step, with the outcome taken.

struct PathWalker {
  const Pack& pack;
  std::vector<std::string> failures;
  std::set<std::string> walked;  // sop id + facts: each child walk once
  std::size_t walks = 0;

  static std::set<std::string> ProducedBy(const Sop& sop) {
    std::set<std::string> out;
    for (const auto& s : sop.steps) {
      out.insert(s.produces.begin(), s.produces.end());
      for (const auto& o : s.decision) out.insert(o.produces.begin(), o.produces.end());
      for (const auto& c : s.conditions) out.insert(c.produces.begin(), c.produces.end());
    }
    return out;
  }

  const Sop* Find(const std::string& id) const {
    for (const auto& s : pack.sops)
      if (s.id == id) return &s;
    return nullptr;
  }

  static std::string FactsKey(const CaseFacts& f) {
    std::string k;
    for (const auto* set : {&f.facts, &f.documents, &f.consents, &f.known}) {
      for (const auto& x : *set) k += x + ",";
      k += "|";
    }
    return k;
  }

  // The person at the step brings what is theirs to bring, and the facts the step records.
  static void Supply(const Step& step, const std::string& outcome,
                     const std::set<std::string>& chain_made, CaseFacts& f) {
    std::vector<std::string> needs = step.requires_;
    for (const auto& c : step.conditions) {
      bool holds = std::any_of(c.when.begin(), c.when.end(),
                               [&](const std::string& x) { return f.facts.contains(x); });
      if (holds) needs.insert(needs.end(), c.requires_.begin(), c.requires_.end());
    }
    std::set<std::string> own(step.produces.begin(), step.produces.end());
    for (const auto& o : step.decision) own.insert(o.produces.begin(), o.produces.end());
    for (const auto& c : step.conditions) own.insert(c.produces.begin(), c.produces.end());
    for (const auto& r : needs)
      if (!chain_made.contains(r) || own.contains(r)) RecordOutputs({r}, f);
    for (const auto& p : Outputs(step, outcome, f)) {
      if (!std::string_view(p).starts_with("fact:")) continue;
      std::string name = p.substr(5);
      RecordValue(name,
                  name == "risk_level"         ? "medium"
                  : name == "legal_proceeding" ? "police_examination,court"
                  : name == "jurisdiction"     ? "kabupaten_kota"
                                               : "kta",
                  f);
    }
  }

  struct Node {
    InstanceState state;
    CaseFacts facts;
  };

  void Walk(const Sop& sop, CaseFacts facts, std::set<std::string> chain_made,
            const std::string& via) {
    if (!walked.insert(sop.id + "#" + FactsKey(facts)).second || walks > 3000) return;
    ++walks;
    auto mine = ProducedBy(sop);
    chain_made.insert(mine.begin(), mine.end());
    Node start{{}, facts};
    if (!StartInstance(sop, start.facts, start.state)) {
      failures.push_back(sop.id + ": does not start");
      return;
    }
    auto key = [](const Node& n) { return Key(n.state) + "@" + FactsKey(n.facts); };
    std::map<std::string, Node> nodes{{key(start), start}};
    std::map<std::string, std::set<std::string>> edges;
    std::deque<std::string> todo{key(start)};
    std::vector<std::pair<std::string, CaseFacts>> children;
    while (!todo.empty() && nodes.size() < 20000) {
      std::string k = todo.front();
      todo.pop_front();
      const Node n = nodes.at(k);
      if (n.state.ended) continue;
      if (n.state.open.empty()) {
        failures.push_back(sop.id + via + ": running with no open step");
        continue;
      }
      for (const auto& step_id : n.state.open) {
        const Step& step = *std::find_if(sop.steps.begin(), sop.steps.end(),
                                         [&](const Step& x) { return x.id == step_id; });
        std::vector<std::string> outcomes;
        for (const auto& o : step.decision) outcomes.push_back(o.id);
        if (outcomes.empty()) outcomes.push_back("");
        for (const auto& outcome : outcomes) {
          Node next = n;
          Supply(step, outcome, chain_made, next.facts);
          auto r = CompleteStep(sop, next.facts, next.state, step_id, outcome, /*waived=*/false);
          if (!r) {
            failures.push_back(sop.id + via + ": step " + step_id +
                               (outcome.empty() ? "" : " -> " + outcome) + ": " +
                               r.error().message_en);
            continue;
          }
          RecordOutputs(Outputs(step, outcome, n.facts), next.facts);
          for (const auto& started : r->started) children.push_back({started, next.facts});
          std::string nk = key(next);
          edges[k].insert(nk);
          if (nodes.emplace(nk, next).second) todo.push_back(nk);
        }
      }
    }
    if (nodes.size() >= 20000) failures.push_back(sop.id + via + ": too many states to walk");
    std::set<std::string> can_end;
    for (const auto& [k, n] : nodes)
      if (n.state.ended) can_end.insert(k);
    for (bool changed = true; changed;) {
      changed = false;
      for (const auto& [k, outs] : edges) {
        if (can_end.contains(k)) continue;
        if (std::any_of(outs.begin(), outs.end(),
                        [&](const std::string& o) { return can_end.contains(o); })) {
          can_end.insert(k);
          changed = true;
        }
      }
    }
    if (can_end.size() != nodes.size())
      failures.push_back(sop.id + via + ": a state with no way to an end");
    for (const auto& [child, f] : children) {
      if (const Sop* c = Find(child)) Walk(*c, f, chain_made, via + " <- " + sop.id);
    }
  }
};

TEST(EngineTest, EveryPathOfEverySeedSopFinishesWithEachPersonDoingOnlyTheirOwnStep) {
  std::vector<CaseFacts> profiles(5);
  profiles[1].facts = {"child"};
  profiles[2].facts = {"woman"};
  profiles[3].facts = {"woman", "hiv", "trafficking", "disability"};
  profiles[4].facts = {"child",    "abh", "crisis", "sexual_violence", "domestic_violence",
                       "high_risk"};
  std::size_t sops = 0, walks = 0;
  std::vector<std::string> failures;
  for (const auto& pack : Packs()) {
    for (const auto& sop : pack.sops) {
      ++sops;
      for (const auto& facts : profiles) {
        PathWalker w{pack, {}, {}, 0};
        w.Walk(sop, facts, {}, "");
        walks += w.walks;
        for (const auto& f : w.failures)
          if (std::find(failures.begin(), failures.end(), f) == failures.end())
            failures.push_back(f);
      }
    }
  }
  EXPECT_EQ(sops, 19u);
  EXPECT_GT(walks, 19u * 5);  // started SOPs were walked too, through their chain
  std::string all;
  for (std::size_t i = 0; i < failures.size() && i < 40; ++i) all += "\n  " + failures[i];
  EXPECT_TRUE(failures.empty()) << failures.size() << " paths cannot finish:" << all;
}

// The outputs follow the outcome: a refusal files no signed statement and gives no consent;
// an agreement gives the case's consent, which the service SOP it starts then finds.
TEST(EngineTest, ProducedConsentsFollowTheOutcomeAndReachTheStartedSop) {
  const Sop& tl = FindSop("kalteng/tindak-lanjut-pengaduan");
  const Step& row8 = *std::find_if(tl.steps.begin(), tl.steps.end(),
                                   [](const Step& s) { return s.id == "persetujuan-klien"; });
  CaseFacts refused;
  RecordOutputs(Outputs(row8, "refuse", refused), refused);
  EXPECT_TRUE(refused.documents.empty());
  EXPECT_TRUE(refused.consents.empty());
  CaseFacts agreed;
  RecordOutputs(Outputs(row8, "psychology", agreed), agreed);
  EXPECT_TRUE(agreed.documents.contains("surat-pernyataan-persetujuan-pelayanan"));
  EXPECT_TRUE(agreed.consents.contains("services"));
  EXPECT_FALSE(agreed.documents.contains("consent:services"));  // a consent, not a document
  CaseFacts mediation;
  RecordOutputs(Outputs(row8, "mediation", mediation), mediation);
  EXPECT_TRUE(mediation.consents.contains("mediation"));

  const Sop& psy = FindSop("kalteng/layanan-psikologi");
  auto missing = MissingRequirements(psy.steps.front(), agreed);
  EXPECT_EQ(std::find(missing.begin(), missing.end(), "consent:services"), missing.end());
  missing = MissingRequirements(psy.steps.front(), refused);
  EXPECT_NE(std::find(missing.begin(), missing.end(), "consent:services"), missing.end());

  // A produced fact is asked of the person at the step (Babel row 9: the risk level).
  const Sop& babel = FindSop("babel/penjangkauan-korban");
  for (const auto& s : babel.steps) {
    if (std::find(s.produces.begin(), s.produces.end(), "fact:risk_level") == s.produces.end())
      continue;
    CaseFacts f;
    missing = MissingRequirements(s, f);
    EXPECT_NE(std::find(missing.begin(), missing.end(), "fact:risk_level"), missing.end()) << s.id;
    RecordValue("risk_level", "high", f);
    EXPECT_TRUE(f.facts.contains("high_risk"));
  }

  // Conditional outputs: the Nunukan assessment files Form 6 only for a child.
  const Sop& nun = FindSop("nunukan/pengaduan-langsung-krisis");
  const Step& row10 = *std::find_if(nun.steps.begin(), nun.steps.end(), [](const Step& s) {
    return s.id == "persetujuan-dan-assessment";
  });
  CaseFacts child;
  child.facts = {"child"};
  auto out = Outputs(row10, "", child);
  EXPECT_NE(std::find(out.begin(), out.end(), "form-06"), out.end());
  EXPECT_EQ(std::find(out.begin(), out.end(), "form-05"), out.end());
  EXPECT_EQ(std::find(out.begin(), out.end(), "form-07"), out.end());
}

// Luwu Utara pelaksanaan row 4 (accompaniment "selama pelaksanaan intervensi") opens with
// row 1, and row 5 waits for both the documented services (row 3) and the accompaniment.
TEST(EngineTest, AccompanimentRunsAlongsideTheIntervention) {
  const Sop& sop = FindSop("luwu-utara/pelaksanaan-intervensi");
  CaseFacts facts;
  InstanceState state;
  ASSERT_TRUE(StartInstance(sop, facts, state));
  EXPECT_EQ(state.open,
            (std::vector<std::string>{"laksanakan-intervensi", "pendampingan-penerima-manfaat"}));
  for (const char* id :
       {"laksanakan-intervensi", "sampaikan-hasil-layanan", "dokumentasikan-hasil-intervensi"}) {
    auto r = CompleteStep(sop, facts, state, id, "", true);
    ASSERT_TRUE(r) << id;
    EXPECT_EQ(std::find(state.open.begin(), state.open.end(), "laporan-pendampingan"),
              state.open.end())
        << "the report opened before the accompaniment ended";
  }
  auto r = CompleteStep(sop, facts, state, "pendampingan-penerima-manfaat", "", true);
  ASSERT_TRUE(r);
  EXPECT_EQ(state.open, std::vector<std::string>{"laporan-pendampingan"});
}

}  // namespace
}  // namespace lindungi::sop
