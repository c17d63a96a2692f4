#include "sop/validator.h"

#include "core/triage.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
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
      if (o.next.empty() == o.end.empty())
        Error(o.at, fmt::format("outcome '{}' needs exactly one of next or end", o.id));
      CheckTarget(o.at, o.next);
      CheckEnd(o.at, o.end);
      CheckStart(o.at, o.start);
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
  }

  const Pack& pack_;
  const Sop& sop_;
  const std::set<std::string>& sop_ids_;
  std::vector<Diagnostic>& out_;
  std::map<std::string, int> index_;
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
