#include "sop/engine.h"

#include <fmt/format.h>

#include <algorithm>

namespace lindungi::sop {
namespace {

int IndexOf(const Sop& sop, const std::string& id) {
  for (std::size_t i = 0; i < sop.steps.size(); ++i)
    if (sop.steps[i].id == id) return int(i);
  return -1;
}

bool Applies(const Step& s, const CaseFacts& f) {
  if (s.when.empty()) return true;
  return std::any_of(s.when.begin(), s.when.end(),
                     [&](const std::string& x) { return f.facts.contains(x); });
}

bool Has(const CaseFacts& f, const std::string& req) {
  std::string_view r = req;
  if (r.starts_with("consent:")) return f.consents.contains(req.substr(8));
  if (r.starts_with("fact:")) return f.known.contains(req.substr(5));
  return f.documents.contains(req);
}

class Runner {
 public:
  Runner(const Sop& sop, const CaseFacts& facts, InstanceState& state, Effects& fx)
      : sop_(sop), facts_(facts), state_(state), fx_(fx) {}

  void End(const std::string& reason) {
    if (state_.ended) return;
    state_.ended = true;
    state_.end_reason = reason;
    fx_.ended = reason;
    fx_.closed = state_.open;
    state_.open.clear();
  }

  // Moves the flow to `target` ("end", "" for the step after `from`, or a step id).
  void Go(int from, const std::string& target) {
    if (state_.ended) return;
    if (target == "end") return End("completed");
    int to = target.empty() ? from + 1 : IndexOf(sop_, target);
    if (to < 0) return End("completed");
    if (to >= int(sop_.steps.size())) return End("completed");
    Open(to, from);
  }

  // The flow of a step that simply moves on (next / end / following).
  void MoveOn(int i) {
    const Step& s = sop_.steps[i];
    if (!s.end.empty()) return End(s.end);
    Go(i, s.next);
  }

  void Open(int i, int from) {
    const Step& s = sop_.steps[i];
    if (s.join && from >= 0) {
      int& arrived = state_.arrivals[s.id];
      ++arrived;
      int expected = state_.expected.contains(s.id) ? state_.expected[s.id] : 1;
      if (arrived < expected) return;  // wait for the other branches
      state_.arrivals.erase(s.id);
      state_.expected.erase(s.id);
    }
    if (!Applies(s, facts_)) {
      fx_.skipped.push_back(s.id);
      if (++depth_ > 4 * int(sop_.steps.size())) return End("completed");  // a skip loop: stop
      return MoveOn(i);
    }
    if (std::find(state_.open.begin(), state_.open.end(), s.id) == state_.open.end())
      state_.open.push_back(s.id);
    fx_.opened.push_back(s.id);
    // Steps that run alongside this one open with it, as more branches of the next join.
    for (std::size_t k = 0; k < sop_.steps.size(); ++k) {
      if (sop_.steps[k].alongside != s.id) continue;
      for (std::size_t j = k + 1; j < sop_.steps.size(); ++j) {
        if (sop_.steps[j].join) {
          int& expected = state_.expected[sop_.steps[j].id];
          expected = std::max(expected, 1) + 1;
          break;
        }
      }
      Open(int(k), i);
    }
  }

 private:
  const Sop& sop_;
  const CaseFacts& facts_;
  InstanceState& state_;
  Effects& fx_;
  int depth_ = 0;
};

}  // namespace

std::vector<std::string> Contradictions(const Outcome& o, const CaseFacts& facts) {
  std::vector<std::string> out;
  for (const auto& a : o.asserts) {
    bool negated = a.starts_with("not:");
    std::string fact = negated ? a.substr(4) : a;
    bool holds = facts.facts.contains(fact);
    bool known = holds ||
                 std::find(std::begin(kDerivedFacts), std::end(kDerivedFacts), fact) !=
                     std::end(kDerivedFacts) ||
                 (fact == "high_risk" && facts.known.contains("risk_level"));
    if (negated ? holds : (known && !holds)) out.push_back(a);
  }
  return out;
}

std::vector<std::string> MissingRequirements(const Step& step, const CaseFacts& facts) {
  std::vector<std::string> missing;
  auto need = [&](const std::string& r) {
    if (!Has(facts, r) && std::find(missing.begin(), missing.end(), r) == missing.end())
      missing.push_back(r);
  };
  for (const auto& r : step.requires_) need(r);
  bool every_outcome = std::none_of(step.decision.begin(), step.decision.end(),
                                    [](const Outcome& o) { return o.has_produces; });
  if (every_outcome)
    for (const auto& p : step.produces)
      if (std::string_view(p).starts_with("fact:")) need(p);
  for (const auto& c : step.conditions) {
    bool holds = std::any_of(c.when.begin(), c.when.end(),
                             [&](const std::string& x) { return facts.facts.contains(x); });
    if (holds)
      for (const auto& r : c.requires_) need(r);
  }
  return missing;
}

const std::vector<std::string>& Outputs(const Step& step, const std::string& outcome) {
  for (const auto& o : step.decision)
    if (o.id == outcome && o.has_produces) return o.produces;
  return step.produces;
}

std::vector<std::string> Outputs(const Step& step, const std::string& outcome,
                                 const CaseFacts& facts) {
  std::vector<std::string> out = Outputs(step, outcome);
  for (const auto& c : step.conditions) {
    bool holds = std::any_of(c.when.begin(), c.when.end(),
                             [&](const std::string& x) { return facts.facts.contains(x); });
    if (!holds) continue;
    for (const auto& p : c.produces)
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  }
  return out;
}

void RecordValue(const std::string& name, const std::string& value, CaseFacts& facts) {
  facts.known.insert(name);
  if (name == "risk_level" && value == "high") facts.facts.insert("high_risk");
  if (name == "legal_proceeding") {
    std::string_view rest = value;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      if (rest.substr(0, comma) == "police_examination") facts.facts.insert("police_examination");
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
}

void RecordOutputs(const std::vector<std::string>& outputs, CaseFacts& facts) {
  for (const auto& item : outputs) {
    std::string_view v = item;
    if (v.starts_with("consent:"))
      facts.consents.insert(item.substr(8));
    else if (v.starts_with("fact:"))
      facts.known.insert(item.substr(5));
    else
      facts.documents.insert(item);
  }
}

Result<Effects> StartInstance(const Sop& sop, const CaseFacts& facts, InstanceState& state) {
  if (!state.open.empty() || state.ended) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "already_started", "SOP ini sudah berjalan.",
                          "This SOP instance has already started."));
  }
  Effects fx;
  if (sop.steps.empty()) return fx;
  Runner(sop, facts, state, fx).Open(0, -1);
  return fx;
}

Result<Effects> CompleteStep(const Sop& sop, const CaseFacts& facts, InstanceState& state,
                             const std::string& step_id, const std::string& outcome, bool waived) {
  auto open = std::find(state.open.begin(), state.open.end(), step_id);
  int i = IndexOf(sop, step_id);
  if (open == state.open.end() || i < 0) {
    return Fail(MakeError(ErrorKind::kNotFound, "task_not_open", "Tugas ini tidak terbuka.",
                          "This task is not open."));
  }
  const Step& s = sop.steps[i];
  const Outcome* chosen = nullptr;
  if (!s.decision.empty()) {
    for (const auto& o : s.decision)
      if (o.id == outcome) chosen = &o;
    if (!chosen) {
      std::string list;
      for (const auto& o : s.decision) list += (list.empty() ? "" : ", ") + o.id;
      return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_outcome",
                            fmt::format("Pilih hasil langkah ini: {}.", list),
                            fmt::format("Choose this step's outcome: {}.", list), "outcome"));
    }
  } else if (!outcome.empty()) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "invalid_outcome",
                          "Langkah ini tidak memiliki pilihan hasil.",
                          "This step has no outcomes to choose.", "outcome"));
  }
  auto missing = MissingRequirements(s, facts);
  // A fact the chosen outcome gives is recorded by the person choosing it.
  for (const auto& p : Outputs(s, outcome, facts))
    if (std::string_view(p).starts_with("fact:") && !Has(facts, p) &&
        std::find(missing.begin(), missing.end(), p) == missing.end())
      missing.push_back(p);
  if (!missing.empty() && !waived) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return Fail(MakeError(ErrorKind::kFailedPrecondition, "requirements_missing",
                          fmt::format("Kelengkapan belum ada: {}.", list),
                          fmt::format("Missing requirements: {}.", list), "requires"));
  }
  state.open.erase(open);
  Effects fx;
  Runner run(sop, facts, state, fx);
  if (!s.start.empty()) fx.started.push_back(s.start);
  if (chosen) {
    if (!chosen->start.empty()) fx.started.push_back(chosen->start);
    if (!chosen->end.empty())
      run.End(chosen->end);
    else
      run.Go(i, chosen->next);
  } else if (!s.parallel.empty()) {
    // The branches meet at the next step marked `join: true`; it opens when all have arrived.
    for (std::size_t j = std::size_t(i) + 1; j < sop.steps.size(); ++j) {
      if (sop.steps[j].join) {
        state.expected[sop.steps[j].id] = int(s.parallel.size());
        break;
      }
    }
    for (const auto& p : s.parallel) {
      int b = IndexOf(sop, p);
      if (b >= 0) run.Open(b, i);
    }
  } else {
    run.MoveOn(i);
  }
  return fx;
}

}  // namespace lindungi::sop
