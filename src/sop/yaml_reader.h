// Reading the project's YAML files (SOP packs, the classification, form definitions) with
// every problem reported as a Diagnostic at its line and column instead of thrown: a
// reviewer fixing a file sees all its mistakes at once. Not thread-safe (one per file).
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "sop/pack.h"

namespace lindungi::sop {

// The 1-based place of a yaml-cpp mark (0-based, -1 for a node with no position).
Place PlaceOf(const std::string& file, const YAML::Mark& m);

// `text` parsed; a syntax error becomes a diagnostic and nullopt.
std::optional<YAML::Node> LoadYaml(const std::string& text, const std::string& file,
                                   std::vector<Diagnostic>& diags);

// The whole file as text ("" if it cannot be read: the caller checked it exists).
std::string ReadFile(const std::filesystem::path& p);

// Typed reads of a map's keys; a missing optional key reads as empty, a wrong type is
// reported and reads as empty. A parent that is not a map reads as empty (its caller
// reported the shape).
class YamlReader {
 public:
  YamlReader(std::string file, std::vector<Diagnostic>& diags)
      : file_(std::move(file)), diags_(diags) {}

  Place At(const YAML::Node& n) const { return PlaceOf(file_, n.Mark()); }
  void Error(const YAML::Node& n, std::string message);

  // Reports keys of map `n` that are not in `allowed`; returns the keys written.
  std::vector<std::string> OnlyKeys(const YAML::Node& n, std::initializer_list<const char*> allowed,
                                    const char* what);
  std::string Text(const YAML::Node& parent, const char* key, bool required);
  // A list of text items.
  std::vector<std::string> List(const YAML::Node& parent, const char* key);
  bool Flag(const YAML::Node& parent, const char* key);
  std::optional<double> Number(const YAML::Node& parent, const char* key);
  std::optional<long long> Whole(const YAML::Node& parent, const char* key);

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Diagnostic>& diags_;
};

}  // namespace lindungi::sop
