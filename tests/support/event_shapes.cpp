#include "support/event_shapes.h"

#include <boost/json/parse.hpp>

#include <fstream>
#include <mutex>
#include <sstream>

#include "support/backend.h"

namespace lindungi::testing {
namespace {

namespace json = boost::json;

std::mutex g_mu;
std::string g_path;

const char* KindOf(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "bool";
    case json::kind::int64:
    case json::kind::uint64:
      return "integer";
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "?";
}

// Objects keyed by data, not by the event's format: a form's answers and its tables' totals
// (by the form's field ids), an SOP instance's arrivals and expectations (by its step ids),
// a case's facts. Their shape is "object", whatever they hold.
bool IsMap(const std::string& path) {
  static const std::set<std::string> kMaps = {".values", ".form_values", ".form",    ".facts",
                                              ".totals", ".arrivals",    ".expected"};
  for (const auto& m : kMaps)
    if (path.size() >= m.size() && path.compare(path.size() - m.size(), m.size(), m) == 0)
      return true;
  return false;
}

void Walk(const std::string& type, const std::string& path, const json::value& v,
          std::set<std::string>& out) {
  out.insert(type + " " + (path.empty() ? "." : path) + " " + KindOf(v));
  if (v.is_object() && !IsMap(path)) {
    for (const auto& [k, child] : v.as_object())
      Walk(type, path + "." + std::string(k), child, out);
  } else if (v.is_array()) {
    for (const auto& child : v.as_array()) Walk(type, path + "[]", child, out);
  }
}

}  // namespace

std::set<std::string> PayloadShape(const std::string& type, const std::string& payload) {
  std::set<std::string> out;
  Walk(type, "", json::parse(payload), out);
  return out;
}

void RecordEventShapesTo(const std::string& path) {
  std::lock_guard lock(g_mu);
  g_path = path;
}

void RecordEventShapes(const std::string& db_url) {
  std::string path;
  {
    std::lock_guard lock(g_mu);
    path = g_path;
  }
  if (path.empty()) return;
  // One cell: every event as "type<TAB>payload", a line each (payloads are JSON: no raw
  // tabs or newlines).
  std::string all = db_url.starts_with("postgres://")
                        ? RawSql(db_url,
                                 "SELECT string_agg(type || E'\\t' || payload, E'\\n' ORDER BY "
                                 "position) FROM events")
                        : RawSql(db_url,
                                 "SELECT group_concat(type || char(9) || payload, char(10)) "
                                 "FROM (SELECT type, payload FROM events ORDER BY position)");
  std::set<std::string> shapes;
  std::istringstream lines(all);
  for (std::string line; std::getline(lines, line);) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    for (auto& s : PayloadShape(line.substr(0, tab), line.substr(tab + 1))) shapes.insert(s);
  }
  std::lock_guard lock(g_mu);
  std::ofstream f(path, std::ios::app);
  for (const auto& s : shapes) f << s << '\n';
}

}  // namespace lindungi::testing
