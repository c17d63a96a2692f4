// The SOP packs a server runs, loaded once at start from `sops_dir`, with their flowcharts
// drawn on first request and kept, and each pack's working calendar. Safe for concurrent use.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/classification.h"
#include "core/error.h"
#include "sop/calendar.h"
#include "sop/pack.h"

namespace lindungi {

// Who a pack names, for need-to-know (docs/security.md "Authorization"): the roles acting
// in the first step of one of its SOPs (an SOP they may start) and the role that may
// terminate a case see every non-sensitive case of a unit running the pack; a role acting in
// any step of an SOP sees the cases that SOP was started on.
inline constexpr std::string_view kTerminatingRole = "case_manager";
struct PackActors {
  std::set<std::string> startable;
  std::map<std::string, std::vector<std::string>> sops_of_role;  // role -> SOP ids
};
PackActors ActorsOf(const sop::Pack& pack);
// For a user holding `roles` in a unit running pack `pack_id` (of the packs the process's
// catalogs loaded): `startable` whether one of them may start or terminate, `sops` the SOPs
// that name one of them. Nothing for an unknown pack. Safe for concurrent use.
void ActorScope(const std::string& pack_id, const std::vector<std::string>& roles, bool& startable,
                std::vector<std::string>& sops);

class SopCatalog {
 public:
  // Loads every pack under `dir` (folders with unit.yaml). Packs with problems are still
  // served; their diagnostics are logged. An empty or missing `dir` gives no SOPs.
  explicit SopCatalog(const std::string& dir);

  boost::json::value List() const;
  // kNotFound for an unknown id.
  Result<boost::json::value> Get(const std::string& id) const;
  Result<std::string> Svg(const std::string& id);

  // nullptr for an unknown id.
  const sop::Sop* Find(const std::string& id) const;
  const sop::Pack* FindPack(const std::string& pack_id) const;
  // Every pack the server loaded, in load order.
  const std::vector<sop::Pack>& Packs() const { return packs_; }
  // The working calendar of a pack's unit: the national calendars of `<dir>/calendars`
  // and the unit's own days off. An unknown pack gets the national calendar alone.
  const sop::Calendar& CalendarOf(const std::string& pack_id) const;
  // The classification every unit shares (`<dir>/classification.yaml`).
  const Classification& classification() const { return classification_; }

 private:
  std::vector<sop::Pack> packs_;
  Classification classification_;
  sop::Calendar national_;
  std::map<std::string, sop::Calendar> calendars_;  // by pack id
  std::mutex mu_;
  std::map<std::string, std::string> svg_cache_;
};

}  // namespace lindungi
