#include "sop/yaml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace lindungi::sop {

Place PlaceOf(const std::string& file, const YAML::Mark& m) {
  return {file, std::max(1, m.line + 1), std::max(1, m.column + 1)};
}

std::optional<YAML::Node> LoadYaml(const std::string& text, const std::string& file,
                                   std::vector<Diagnostic>& diags) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diags.push_back({PlaceOf(file, e.mark), "YAML: " + e.msg});
    return std::nullopt;
  }
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void YamlReader::Error(const YAML::Node& n, std::string message) {
  diags_.push_back({At(n), std::move(message)});
}

std::vector<std::string> YamlReader::OnlyKeys(const YAML::Node& n,
                                              std::initializer_list<const char*> allowed,
                                              const char* what) {
  std::vector<std::string> keys;
  if (!n.IsMap()) return keys;
  for (const auto& kv : n) {
    auto key = kv.first.as<std::string>("");
    keys.push_back(key);
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      Error(kv.first, fmt::format("unknown key '{}' in {}", key, what));
  }
  return keys;
}

std::string YamlReader::Text(const YAML::Node& parent, const char* key, bool required) {
  if (!parent.IsMap()) return {};
  YAML::Node n = parent[key];
  if (!n || n.IsNull()) {
    if (required) Error(parent, fmt::format("missing '{}'", key));
    return {};
  }
  if (!n.IsScalar()) {
    Error(n, fmt::format("'{}' must be text", key));
    return {};
  }
  return n.as<std::string>();
}

std::vector<std::string> YamlReader::List(const YAML::Node& parent, const char* key) {
  std::vector<std::string> out;
  if (!parent.IsMap()) return out;
  YAML::Node n = parent[key];
  if (!n || n.IsNull()) return out;
  if (!n.IsSequence()) {
    Error(n, fmt::format("'{}' must be a list", key));
    return out;
  }
  for (const auto& item : n) {
    if (!item.IsScalar())
      Error(item, fmt::format("items of '{}' must be text", key));
    else
      out.push_back(item.as<std::string>());
  }
  return out;
}

bool YamlReader::Flag(const YAML::Node& parent, const char* key) {
  if (!parent.IsMap()) return false;
  YAML::Node n = parent[key];
  if (!n || n.IsNull()) return false;
  bool v = false;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
    Error(n, fmt::format("'{}' must be true or false", key));
  return v;
}

std::optional<double> YamlReader::Number(const YAML::Node& parent, const char* key) {
  if (!parent.IsMap()) return std::nullopt;
  YAML::Node n = parent[key];
  if (!n || n.IsNull()) return std::nullopt;
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v)) {
    Error(n, fmt::format("'{}' must be a number", key));
    return std::nullopt;
  }
  return v;
}

std::optional<long long> YamlReader::Whole(const YAML::Node& parent, const char* key) {
  if (!parent.IsMap()) return std::nullopt;
  YAML::Node n = parent[key];
  if (!n || n.IsNull()) return std::nullopt;
  long long v = 0;
  if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v)) {
    Error(n, fmt::format("'{}' must be a whole number", key));
    return std::nullopt;
  }
  return v;
}

}  // namespace lindungi::sop
