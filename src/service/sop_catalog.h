// The SOP packs a server runs, loaded once at start from `sops_dir`, with their flowcharts
// drawn on first request and kept. Safe for concurrent use.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"
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

 private:
  const sop::Sop* Find(const std::string& id) const;
  std::vector<sop::Pack> packs_;
  std::mutex mu_;
  std::map<std::string, std::string> svg_cache_;
};

}  // namespace lindungi
