// The SOP packs a server runs, loaded once at start from `sops_dir`, with their flowcharts
// drawn on first request and kept, and each pack's working calendar. Safe for concurrent use.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/classification.h"
#include "core/error.h"
#include "sop/calendar.h"
#include "sop/pack.h"

namespace lindungi {

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
