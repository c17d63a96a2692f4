#include "sop/validator.h"

#include "core/triage.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "core/roles.h"
#include "core/time_zone.h"
#include "sop/engine.h"

namespace lindungi::sop {
namespace {

constexpr std::string_view kExternalActors[] = {"reporter", "client", "family", "partner"};
constexpr std::string_view kEndReasons[] = {"completed",        "rejected",
                                            "referred_out",     "unilateral_termination",
                                            "cannot_follow_up", "handed_over"};
constexpr std::string_view kLevels[] = {"kabupaten_kota", "provinsi", "nasional"};

template <std::size_t N>
bool In(std::string_view v, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

template <std::size_t N>
std::string Choices(const std::string_view (&list)[N]) {
  std::string out;
  for (auto v : list) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

constexpr int kEnd = -1;

class SopChecker {
 public:
  SopChecker(const Pack& pack, const Sop& sop, const std::set<std::string>& sop_ids,
             std::vector<Diagnostic>& out)
      : pack_(pack), sop_(sop), sop_ids_(sop_ids), out_(out) {}

  void Run() {
    CheckHeader();
    for (std::size_t i = 0; i < sop_.steps.size(); ++i) {
      const Step& s = sop_.steps[i];
      if (!s.id.empty() && !index_.emplace(s.id, int(i)).second)
        Error(s.at, fmt::format("duplicate step id '{}'", s.id));
    }
    for (const auto& s : sop_.steps) CheckStep(s);
    CheckFlow();
  }

 private:
  void Error(const Place& at, std::string message) { out_.push_back({at, std::move(message)}); }

  void CheckHeader() {
    std::string prefix = pack_.unit.id + "/";
    if (!pack_.unit.id.empty() && !std::string_view(sop_.id).starts_with(prefix)) {
      Error(sop_.at, fmt::format("SOP id '{}' must start with its unit '{}'", sop_.id, prefix));
    }
    for (const auto& role : sop_.roles) {
      if (!IsStaffRole(role) && !IsExternalActor(role)) {
        Error(
            sop_.at,
            fmt::format("unknown role '{}' in roles (staff roles: {}; external: {})", role,
                        "intake_officer, admin_officer, case_worker, case_manager, section_head, "
                        "unit_head, department_head, psychologist, mediator, lawyer, social_worker",
                        Choices(kExternalActors)));
      }
    }
  }

  bool Declared(const std::string& role) const {
    return std::find(sop_.roles.begin(), sop_.roles.end(), role) != sop_.roles.end();
  }

  void CheckRequirement(const Place& at, const std::string& item, const char* where) {
    std::string_view v = item;
    if (v.starts_with("consent:")) {
      if (!In(v.substr(8), kConsentScopes)) {
        Error(at, fmt::format("unknown consent scope '{}' in {} (known: {})", item, where,
                              Choices(kConsentScopes)));
      }
    } else if (v.starts_with("fact:")) {
      if (!In(v.substr(5), kFactRequirements)) {
        Error(at, fmt::format("unknown fact '{}' in {} (known: {})", item, where,
                              Choices(kFactRequirements)));
      }
    } else if (!pack_.documents.contains(item)) {
      Error(at,
            fmt::format("unknown document kind '{}' in {} (not in documents.yaml)", item, where));
    }
  }

  void CheckTarget(const Place& at, const std::string& next) {
    if (!next.empty() && next != "end" && !index_.contains(next))
      Error(at, fmt::format("next: no step '{}'", next));
  }

  void CheckStart(const Place& at, const std::string& start) {
    if (!start.empty() && !sop_ids_.contains(start))
      Error(at, fmt::format("start: no SOP '{}'", start));
  }

  void CheckEnd(const Place& at, const std::string& end) {
    if (!end.empty() && !In(end, kEndReasons)) {
      Error(at, fmt::format("unknown end reason '{}' (known: {})", end, Choices(kEndReasons)));
    }
  }

  void CheckStep(const Step& s) {
    if (!s.actor.empty()) {
      if (!IsStaffRole(s.actor) && !IsExternalActor(s.actor)) {
        Error(s.at, fmt::format("unknown role '{}' as actor of step '{}'", s.actor, s.id));
      } else if (!Declared(s.actor)) {
        Error(s.at, fmt::format("actor '{}' of step '{}' is not listed in the SOP's roles", s.actor,
                                s.id));
      }
      if (IsExternalActor(s.actor) && !IsStaffRole(s.recorded_by)) {
        Error(
            s.at,
            fmt::format(
                "step '{}' is done by '{}', an external actor: name the staff role that records it "
                "in recorded_by",
                s.id, s.actor));
      }
    }
    if (!s.recorded_by.empty() && !IsStaffRole(s.recorded_by)) {
      Error(s.at,
            fmt::format("recorded_by '{}' of step '{}' is not a staff role", s.recorded_by, s.id));
    }
    for (const auto& r : s.requires_) CheckRequirement(s.at, r, "requires");
    for (const auto& p : s.produces) CheckRequirement(s.at, p, "produces");
    for (const auto& f : s.when) {
      if (!In(f, kCaseFacts))
        Error(s.at,
              fmt::format("unknown case fact '{}' in when (known: {})", f, Choices(kCaseFacts)));
    }
    for (const auto& c : s.conditions) {
      for (const auto& f : c.when) {
        if (!In(f, kCaseFacts))
          Error(c.at, fmt::format("unknown case fact '{}' in a condition", f));
      }
      for (const auto& r : c.requires_) CheckRequirement(c.at, r, "a condition");
      for (const auto& p : c.produces) CheckRequirement(c.at, p, "a condition's produces");
    }
    int flows =
        int(!s.next.empty()) + int(!s.end.empty()) + int(s.has_decision) + int(!s.parallel.empty());
    if (flows > 1)
      Error(s.at,
            fmt::format("step '{}' has more than one of next, end, decision, parallel", s.id));
    CheckTarget(s.at, s.next);
    CheckEnd(s.at, s.end);
    CheckStart(s.at, s.start);
    for (const auto& p : s.parallel) {
      if (!index_.contains(p)) Error(s.at, fmt::format("parallel: no step '{}'", p));
    }
    if (!s.alongside.empty() && (!index_.contains(s.alongside) || s.alongside == s.id))
      Error(s.at, fmt::format("alongside: no other step '{}'", s.alongside));
    if (s.has_decision && s.decision.empty())
      Error(s.at, fmt::format("decision of step '{}' has no outcomes", s.id));
    std::set<std::string> outcomes, triage;
    for (const auto& o : s.decision) {
      if (!o.id.empty() && !outcomes.insert(o.id).second)
        Error(o.at, fmt::format("duplicate outcome '{}'", o.id));
      if (!o.triage.empty()) {
        if (std::find(std::begin(kTriageRecommendations), std::end(kTriageRecommendations),
                      o.triage) == std::end(kTriageRecommendations))
          Error(o.at, fmt::format("unknown triage recommendation '{}'", o.triage));
        else if (!triage.insert(o.triage).second)
          Error(o.at, fmt::format("two outcomes carry triage '{}'", o.triage));
      }
      for (const auto& a : o.asserts) {
        std::string_view fact = std::string_view(a).starts_with("not:")
                                    ? std::string_view(a).substr(4)
                                    : std::string_view(a);
        if (!In(fact, kCaseFacts))
          Error(o.at, fmt::format("outcome '{}' asserts an unknown case fact '{}'", o.id, a));
      }
      if (!o.approves.empty()) {
        // What is approved is a filled form the step examines.
        auto kind = pack_.documents.find(o.approves);
        if (kind == pack_.documents.end())
          Error(o.at,
                fmt::format("outcome '{}' approves unknown document kind '{}'", o.id, o.approves));
        else if (kind->second.forms.size() != 1)
          Error(o.at, fmt::format("outcome '{}' approves '{}', which is not filled by one form",
                                  o.id, o.approves));
        else if (std::find(s.requires_.begin(), s.requires_.end(), o.approves) == s.requires_.end())
          Error(o.at, fmt::format("outcome '{}' approves '{}', which its step does not require",
                                  o.id, o.approves));
      }
      if (o.next.empty() == o.end.empty())
        Error(o.at, fmt::format("outcome '{}' needs exactly one of next or end", o.id));
      CheckTarget(o.at, o.next);
      CheckEnd(o.at, o.end);
      CheckStart(o.at, o.start);
      for (const auto& p : o.produces) CheckRequirement(o.at, p, "an outcome's produces");
    }
    // Two outcomes that do the same thing are one choice offered twice: the record would
    // claim a difference the flow does not make.
    for (std::size_t a = 0; a < s.decision.size(); ++a) {
      for (std::size_t b = a + 1; b < s.decision.size(); ++b) {
        const Outcome& x = s.decision[a];
        const Outcome& y = s.decision[b];
        if (x.next == y.next && x.end == y.end && x.start == y.start && x.triage == y.triage &&
            Outputs(s, x.id) == Outputs(s, y.id)) {
          Error(y.at, fmt::format("outcomes '{}' and '{}' of step '{}' lead to the same step with "
                                  "the same effects: one decision offered twice (record the "
                                  "difference as a fact, or drop the decision)",
                                  x.id, y.id, s.id));
        }
      }
    }
  }

  // Where the flow goes after step i when it simply moves on (next / end / the following step).
  int Following(std::size_t i) const {
    const Step& s = sop_.steps[i];
    if (!s.end.empty()) return kEnd;
    if (!s.next.empty()) return s.next == "end" ? kEnd : Target(s.next);
    return i + 1 < sop_.steps.size() ? int(i + 1) : kEnd;
  }

  int Target(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? -2 : it->second;  // -2: broken target (reported elsewhere)
  }

  std::vector<int> Successors(std::size_t i) const {
    const Step& s = sop_.steps[i];
    std::vector<int> out;
    if (!s.decision.empty()) {
      for (const auto& o : s.decision)
        out.push_back(!o.end.empty() || o.next == "end" ? kEnd : Target(o.next));
    } else if (!s.parallel.empty()) {
      for (const auto& p : s.parallel) out.push_back(Target(p));
    } else {
      out.push_back(Following(i));
    }
    // A step whose `when` facts do not hold is skipped: the flow moves on past it.
    if (!s.when.empty() && (!s.decision.empty() || !s.parallel.empty()))
      out.push_back(Following(i));
    for (std::size_t k = 0; k < sop_.steps.size(); ++k)  // opened with it
      if (sop_.steps[k].alongside == s.id) out.push_back(int(k));
    out.erase(std::remove(out.begin(), out.end(), -2), out.end());
    return out;
  }

  void CheckFlow() {
    const std::size_t n = sop_.steps.size();
    if (n == 0) return;
    std::vector<std::vector<int>> succ(n);
    for (std::size_t i = 0; i < n; ++i) succ[i] = Successors(i);
    std::vector<bool> reached(n, false);
    std::vector<int> todo = {0};
    reached[0] = true;
    while (!todo.empty()) {
      int i = todo.back();
      todo.pop_back();
      for (int j : succ[i]) {
        if (j >= 0 && !reached[j]) {
          reached[j] = true;
          todo.push_back(j);
        }
      }
    }
    // Steps that can reach an end: fixed point over the successor relation.
    std::vector<bool> ends(n, false);
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (ends[i]) continue;
        for (int j : succ[i]) {
          if (j == kEnd || (j >= 0 && ends[j])) {
            ends[i] = changed = true;
            break;
          }
        }
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Step& s = sop_.steps[i];
      if (!reached[i])
        Error(s.at, fmt::format("step '{}' is unreachable from the first step", s.id));
      else if (!ends[i])
        Error(s.at, fmt::format("step '{}' has no path to an end (a loop with no exit?)", s.id));
    }
    CheckFinishable(reached);
  }

  // A flow edge with what it puts on the case on the way.
  struct Edge {
    int to;
    std::vector<std::string> gives;
  };

  // A condition's requirement or output `item` under facts `when`, as a token: a
  // conditional requirement is met by the item itself or by the same conditional output.
  static std::string Conditional(const std::string& item, const std::vector<std::string>& when) {
    std::vector<std::string> w = when;
    std::sort(w.begin(), w.end());
    std::string out = item + "@";
    for (const auto& f : w) out += f + ",";
    return out;
  }

  std::vector<Edge> Edges(std::size_t i) const {
    const Step& s = sop_.steps[i];
    auto with_conditions = [&](std::vector<std::string> gives) {
      for (const auto& c : s.conditions)
        for (const auto& p : c.produces) gives.push_back(Conditional(p, c.when));
      return gives;
    };
    std::vector<Edge> out;
    if (!s.decision.empty()) {
      for (const auto& o : s.decision)
        out.push_back({!o.end.empty() || o.next == "end" ? kEnd : Target(o.next),
                       with_conditions(Outputs(s, o.id))});
    } else if (!s.parallel.empty()) {
      for (const auto& p : s.parallel) out.push_back({Target(p), with_conditions(s.produces)});
    } else {
      out.push_back({Following(i), with_conditions(s.produces)});
    }
    if (!s.when.empty()) out.push_back({Following(i), {}});  // skipped: gives nothing
    for (std::size_t k = 0; k < sop_.steps.size(); ++k)      // opened with it: nothing given yet
      if (sop_.steps[k].alongside == s.id) out.push_back({int(k), {}});
    std::erase_if(out, [](const Edge& e) { return e.to == -2; });
    return out;
  }

  // "Can this path finish?": an item some step of this SOP produces is not brought from
  // outside (a person at the step, or an SOP that started this one), so every path to a
  // step that requires it must pass a step (and outcome) that gives it. Items no step of the
  // SOP produces are the person's own to bring (a KTP, a consent they record), and so is an
  // item the requiring step itself also produces (it brings it and passes it on or updates
  // it). A join step waits for all its branches: it has what any of them gave.
  void CheckFinishable(const std::vector<bool>& reached) {
    const std::size_t n = sop_.steps.size();
    std::set<std::string> internal;
    for (const auto& s : sop_.steps) {
      internal.insert(s.produces.begin(), s.produces.end());
      for (const auto& o : s.decision) internal.insert(o.produces.begin(), o.produces.end());
      for (const auto& c : s.conditions) internal.insert(c.produces.begin(), c.produces.end());
    }
    // avail[i]: what every path to step i has given (nullopt: no path seen yet).
    std::vector<std::optional<std::set<std::string>>> avail(n);
    avail[0] = std::set<std::string>{};
    std::vector<std::vector<std::pair<int, std::vector<std::string>>>> incoming(n);
    for (std::size_t i = 0; i < n; ++i)
      for (auto& e : Edges(i))
        if (e.to >= 0) incoming[std::size_t(e.to)].push_back({int(i), std::move(e.gives)});
    for (bool changed = true; changed && ++rounds_ < 8 * int(n) + 8;) {
      changed = false;
      for (std::size_t j = 1; j < n; ++j) {
        std::optional<std::set<std::string>> in;
        for (const auto& [i, gives] : incoming[j]) {
          if (!avail[std::size_t(i)]) continue;
          std::set<std::string> via = *avail[std::size_t(i)];
          via.insert(gives.begin(), gives.end());
          if (!in) {
            in = std::move(via);
          } else if (sop_.steps[j].join) {
            in->insert(via.begin(), via.end());
          } else {
            std::set<std::string> both;
            std::set_intersection(in->begin(), in->end(), via.begin(), via.end(),
                                  std::inserter(both, both.end()));
            in = std::move(both);
          }
        }
        if (in && in != avail[j]) {
          avail[j] = std::move(in);
          changed = true;
        }
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (!reached[i] || !avail[i]) continue;
      const Step& s = sop_.steps[i];
      std::vector<std::pair<std::string, std::string>> needs;  // item, conditional token
      for (const auto& r : s.requires_) needs.push_back({r, ""});
      for (const auto& c : s.conditions)
        for (const auto& r : c.requires_) needs.push_back({r, Conditional(r, c.when)});
      std::set<std::string> own;  // what the step itself gives: it brings and updates these
      own.insert(s.produces.begin(), s.produces.end());
      for (const auto& o : s.decision) own.insert(o.produces.begin(), o.produces.end());
      for (const auto& c : s.conditions) own.insert(c.produces.begin(), c.produces.end());
      for (const auto& [r, token] : needs) {
        if (!internal.contains(r) || own.contains(r) || avail[i]->contains(r)) continue;
        if (!token.empty() && avail[i]->contains(token)) continue;
        std::string by;
        for (const auto& p : sop_.steps) {
          bool gives = std::find(p.produces.begin(), p.produces.end(), r) != p.produces.end();
          for (const auto& o : p.decision)
            gives = gives || std::find(o.produces.begin(), o.produces.end(), r) != o.produces.end();
          for (const auto& c : p.conditions)
            gives = gives || std::find(c.produces.begin(), c.produces.end(), r) != c.produces.end();
          if (gives) by += (by.empty() ? "" : ", ") + p.id;
        }
        Error(s.at, fmt::format("step '{}' requires '{}', which on some path to it no earlier "
                                "step gives (given by: {}): that path cannot finish",
                                s.id, r, by));
      }
    }
  }

  const Pack& pack_;
  const Sop& sop_;
  const std::set<std::string>& sop_ids_;
  std::vector<Diagnostic>& out_;
  std::map<std::string, int> index_;
  int rounds_ = 0;
};

}  // namespace

bool IsExternalActor(std::string_view role) {
  return In(role, kExternalActors);
}

std::vector<Diagnostic> Validate(const std::vector<Pack>& packs,
                                 const std::set<std::string>* form_ids) {
  std::vector<Diagnostic> out;
  std::set<std::string> sop_ids;
  for (const auto& p : packs) {
    for (const auto& s : p.sops) {
      if (!s.id.empty() && !sop_ids.insert(s.id).second)
        out.push_back({s.at, fmt::format("duplicate SOP id '{}'", s.id)});
    }
  }
  for (const auto& p : packs) {
    const Unit& u = p.unit;
    std::string folder = std::filesystem::path(p.dir).filename().string();
    if (folder.empty()) folder = std::filesystem::path(p.dir).parent_path().filename().string();
    if (!u.id.empty() && u.id != folder) {
      out.push_back({u.at, fmt::format("unit id '{}' must match its folder '{}'", u.id, folder)});
    }
    if (!u.level.empty() && !In(u.level, kLevels)) {
      out.push_back(
          {u.at, fmt::format("unknown level '{}' (known: {})", u.level, Choices(kLevels))});
    }
    if (!u.time_zone.empty() && !UtcOffsetOf(u.time_zone)) {
      out.push_back(
          {u.at, fmt::format("time zone '{}' is not an Indonesian IANA zone", u.time_zone)});
    }
    for (const auto& t : u.termination_requires) {
      if (!In(t, kTerminationRequirements)) {
        out.push_back({u.at, fmt::format("unknown termination requirement '{}' (known: {})", t,
                                         Choices(kTerminationRequirements))});
      }
    }
    for (const auto& [id, kind] : p.documents) {
      if (!form_ids) break;
      for (const auto& f : kind.forms) {
        if (!form_ids->contains(f)) {
          out.push_back(
              {kind.form_at, fmt::format("document kind '{}': no form '{}' in forms/", id, f)});
        }
      }
    }
    for (const auto& s : p.sops) {
      if (s.parsed) SopChecker(p, s, sop_ids, out).Run();
    }
  }
  return out;
}

}  // namespace lindungi::sop
