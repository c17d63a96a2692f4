// A route's path, written once in the route table, becomes the router's pattern and the
// documented name (see Route in http/api.h).
#include <stdexcept>
#include <string>
#include <string_view>

#include "http/api.h"

namespace lindungi::http {
namespace {

// The regular expression each parameter type matches (RESTinio's express syntax).
std::string_view TypeRegex(std::string_view type) {
  if (type.empty() || type == "uuid")
    return "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
  if (type == "slug") return "([a-z0-9-]{1,64})";
  if (type == "hex16") return "([0-9a-f]{16})";
  if (type == "offset") return "(\\d{1,12})";
  throw std::logic_error("route path: unknown parameter type " + std::string(type));
}

// Calls on_text for the literal pieces and on_param(name, type) for each {name[:type]}.
template <class Text, class Param>
void WalkPath(std::string_view path, Text&& on_text, Param&& on_param) {
  while (!path.empty()) {
    std::size_t open = path.find('{');
    on_text(path.substr(0, open));
    if (open == std::string_view::npos) return;
    std::size_t close = path.find('}', open);
    if (close == std::string_view::npos)
      throw std::logic_error("route path: unclosed parameter in " + std::string(path));
    std::string_view param = path.substr(open + 1, close - open - 1);
    std::size_t colon = param.find(':');
    std::string_view name = param.substr(0, colon);
    std::string_view type = colon == std::string_view::npos ? "" : param.substr(colon + 1);
    if (name.empty()) throw std::logic_error("route path: a parameter without a name");
    on_param(name, type);
    path.remove_prefix(close + 1);
  }
}

}  // namespace

std::string RouterPattern(std::string_view path) {
  std::string out;
  WalkPath(
      path, [&](std::string_view text) { out += text; },
      [&](std::string_view name, std::string_view type) {
        out += ':';
        out += name;
        out += TypeRegex(type);
      });
  return out;
}

std::string DocumentedPath(std::string_view path) {
  std::string out;
  WalkPath(
      path, [&](std::string_view text) { out += text; },
      [&](std::string_view name, std::string_view type) {
        TypeRegex(type);  // refuses an unknown type here too
        out += '{';
        out += name;
        out += '}';
      });
  return out;
}

}  // namespace lindungi::http
