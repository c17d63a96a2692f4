#include "service/sop_catalog.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <set>
#include <shared_mutex>

#include "service/graphviz.h"
#include "sop/loader.h"
#include "sop/render.h"
#include "sop/validator.h"

namespace lindungi {
namespace json = boost::json;
namespace fs = std::filesystem;
namespace {

Error SopNotFound() {
  return MakeError(ErrorKind::kNotFound, "sop_not_found", "SOP tidak ditemukan.", "No such SOP.");
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

// The packs' actors, by pack id, of every catalog this process loaded (a server loads one;
// tests may load the same folder more than once, which gives the same actors).
std::shared_mutex actors_mu;
std::map<std::string, PackActors>& ActorsByPack() {
  static std::map<std::string, PackActors> m;
  return m;
}

std::string RoleOf(const sop::Step& s) {
  return s.recorded_by.empty() ? s.actor : s.recorded_by;
}

}  // namespace

PackActors ActorsOf(const sop::Pack& pack) {
  PackActors a;
  a.startable.insert(std::string(kTerminatingRole));
  for (const auto& s : pack.sops) {
    if (!s.steps.empty()) a.startable.insert(RoleOf(s.steps.front()));
    std::set<std::string> roles;
    for (const auto& st : s.steps) roles.insert(RoleOf(st));
    for (const auto& r : roles) a.sops_of_role[r].push_back(s.id);
  }
  return a;
}

void ActorScope(const std::string& pack_id, const std::vector<std::string>& roles, bool& startable,
                std::vector<std::string>& sops) {
  startable = false;
  sops.clear();
  std::shared_lock lock(actors_mu);
  auto& m = ActorsByPack();
  auto it = m.find(pack_id);
  if (it == m.end()) return;
  std::set<std::string> seen;
  for (const auto& r : roles) {
    if (it->second.startable.contains(r)) startable = true;
    if (auto s = it->second.sops_of_role.find(r); s != it->second.sops_of_role.end())
      for (const auto& id : s->second)
        if (seen.insert(id).second) sops.push_back(id);
  }
}

SopCatalog::SopCatalog(const std::string& dir) {
  if (dir.empty() || !fs::is_directory(dir)) return;
  std::vector<sop::Diagnostic> diags;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (fs::exists(e.path() / "unit.yaml")) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const auto& d : dirs) packs_.push_back(sop::LoadPack(d.string(), diags));
  for (auto& d : sop::Validate(packs_)) diags.push_back(d);
  classification_ =
      sop::LoadClassification((fs::path(dir) / "classification.yaml").string(), diags);
  if (auto cal_dir = fs::path(dir) / "calendars"; fs::is_directory(cal_dir))
    sop::LoadCalendars(cal_dir.string(), national_, diags);
  for (const auto& p : packs_) {
    sop::Calendar cal = national_;
    sop::AddUnitDaysOff(p.unit, cal, diags);
    calendars_.emplace(p.unit.id, std::move(cal));
  }
  for (const auto& d : diags) spdlog::warn("sop pack: {}", d.Format());
  std::unique_lock lock(actors_mu);
  for (const auto& p : packs_) ActorsByPack()[p.unit.id] = ActorsOf(p);
}

const sop::Sop* SopCatalog::Find(const std::string& id) const {
  for (const auto& p : packs_)
    for (const auto& s : p.sops)
      if (s.id == id) return &s;
  return nullptr;
}

const sop::Pack* SopCatalog::FindPack(const std::string& pack_id) const {
  for (const auto& p : packs_)
    if (p.unit.id == pack_id) return &p;
  return nullptr;
}

const sop::Calendar& SopCatalog::CalendarOf(const std::string& pack_id) const {
  auto it = calendars_.find(pack_id);
  return it == calendars_.end() ? national_ : it->second;
}

json::value SopCatalog::List() const {
  json::array items;
  for (const auto& p : packs_) {
    for (const auto& s : p.sops) {
      items.push_back(json::object{{"id", s.id},
                                   {"title", s.title},
                                   {"kind", s.kind},
                                   {"number", s.number},
                                   {"unit", json::object{{"id", p.unit.id},
                                                         {"name", p.unit.name},
                                                         {"level", p.unit.level},
                                                         {"time_zone", p.unit.time_zone}}},
                                   {"steps", s.steps.size()}});
    }
  }
  return json::object{{"items", std::move(items)}};
}

Result<json::value> SopCatalog::Get(const std::string& id) const {
  const sop::Sop* s = Find(id);
  if (!s) return Fail(SopNotFound());
  json::array steps;
  for (const auto& st : s->steps) {
    json::object o{{"id", st.id},
                   {"no", st.no},
                   {"activity", st.activity},
                   {"actor", st.actor},
                   {"requires", Strings(st.requires_)},
                   {"produces", Strings(st.produces)},
                   {"standard_time", st.standard_time_text}};
    if (!st.recorded_by.empty()) o["recorded_by"] = st.recorded_by;
    if (!st.next.empty()) o["next"] = st.next;
    if (!st.end.empty()) o["end"] = st.end;
    if (!st.start.empty()) o["start"] = st.start;
    if (!st.when.empty()) o["when"] = Strings(st.when);
    if (!st.parallel.empty()) o["parallel"] = Strings(st.parallel);
    if (!st.alongside.empty()) o["alongside"] = st.alongside;
    if (!st.conditions.empty()) {
      json::array conditions;
      for (const auto& c : st.conditions)
        conditions.push_back(json::object{{"when", Strings(c.when)},
                                          {"requires", Strings(c.requires_)},
                                          {"produces", Strings(c.produces)}});
      o["conditions"] = std::move(conditions);
    }
    if (!st.decision.empty()) {
      json::array outcomes;
      for (const auto& oc : st.decision) {
        json::object j{{"outcome", oc.id}, {"label", oc.label}};
        if (!oc.next.empty()) j["next"] = oc.next;
        if (!oc.end.empty()) j["end"] = oc.end;
        if (!oc.start.empty()) j["start"] = oc.start;
        if (oc.has_produces) j["produces"] = Strings(oc.produces);
        if (!oc.approves.empty()) j["approves"] = oc.approves;
        outcomes.push_back(std::move(j));
      }
      o["decision"] = std::move(outcomes);
    }
    steps.push_back(std::move(o));
  }
  return json::object{
      {"id", s->id},         {"title", s->title},          {"kind", s->kind},
      {"number", s->number}, {"roles", Strings(s->roles)}, {"steps", std::move(steps)},
      {"notes", s->notes},   {"source", s->source}};
}

Result<std::string> SopCatalog::Svg(const std::string& id) {
  const sop::Sop* s = Find(id);
  if (!s) return Fail(SopNotFound());
  std::lock_guard lock(mu_);
  if (auto it = svg_cache_.find(id); it != svg_cache_.end()) return it->second;
  std::string svg = DotToSvg(sop::RenderDot(*s));
  if (svg.empty()) {
    return Fail(MakeError(ErrorKind::kUnavailable, "graphviz_failed",
                          "Diagram alur tidak dapat digambar di server.",
                          "The flowchart cannot be drawn on this server (Graphviz dot failed)."));
  }
  return svg_cache_.emplace(id, std::move(svg)).first->second;
}

}  // namespace lindungi
