#include "service/config.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

extern char** environ;

namespace lindungi {
namespace {

Error BadSetting(const std::string& key, const std::string& why_id, const std::string& why_en) {
  return MakeError(ErrorKind::kInvalidArgument, "bad_setting",
                   fmt::format("Pengaturan '{}' salah: {}", key, why_id),
                   fmt::format("Setting '{}' is wrong: {}", key, why_en), key);
}

Status SetInt(int& out, const std::string& key, const std::string& v, int lo, int hi) {
  int x = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size() || x < lo || x > hi) {
    return Fail(BadSetting(key, fmt::format("harus bilangan bulat {}..{}", lo, hi),
                           fmt::format("must be a whole number {}..{}", lo, hi)));
  }
  out = x;
  return {};
}

std::string EnvKey(const std::string& key) {
  std::string k = "LINDUNGI_" + key;
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::toupper(c); });
  return k;
}

constexpr const char* kKeys[] = {"data_dir",
                                 "database",
                                 "host",
                                 "port",
                                 "io_threads",
                                 "workers",
                                 "max_body_bytes",
                                 "read_timeout_s",
                                 "write_timeout_s",
                                 "handle_timeout_s",
                                 "shutdown_grace_s",
                                 "commit_batch_max",
                                 "hash_concurrency",
                                 "login_queue",
                                 "session_hours",
                                 "session_idle_minutes",
                                 "public_url",
                                 "hsts",
                                 "access_log",
                                 "log_level",
                                 "sops_dir",
                                 "key_file",
                                 "web_dir"};

}  // namespace

std::string Config::DatabaseUrl() const {
  if (!database.empty()) return database;
  return "sqlite:" + (std::filesystem::path(data_dir) / "lindungi.db").string();
}

std::string Config::KeyFile() const {
  if (!key_file.empty()) return key_file;
  return (std::filesystem::path(data_dir) / "keys" / "data.key").string();
}

bool Config::BehindTls() const {
  return public_url.starts_with("https://");
}

Status ApplySetting(Config& c, const std::string& key, const std::string& v) {
  if (key == "data_dir")
    c.data_dir = v;
  else if (key == "database")
    c.database = v;
  else if (key == "host")
    c.host = v;
  else if (key == "port")
    return SetInt(c.port, key, v, 0, 65535);
  else if (key == "io_threads")
    return SetInt(c.io_threads, key, v, 1, 64);
  else if (key == "workers")
    return SetInt(c.workers, key, v, 1, 512);
  else if (key == "max_body_bytes") {
    int bytes = 0;
    auto s = SetInt(bytes, key, v, 1024, 64 << 20);
    if (s) c.max_body_bytes = bytes;
    return s;
  } else if (key == "read_timeout_s")
    return SetInt(c.read_timeout_s, key, v, 1, 3600);
  else if (key == "write_timeout_s")
    return SetInt(c.write_timeout_s, key, v, 1, 3600);
  else if (key == "handle_timeout_s")
    return SetInt(c.handle_timeout_s, key, v, 1, 3600);
  else if (key == "shutdown_grace_s")
    return SetInt(c.shutdown_grace_s, key, v, 0, 3600);
  else if (key == "commit_batch_max")
    return SetInt(c.commit_batch_max, key, v, 1, 4096);
  else if (key == "hash_concurrency")
    return SetInt(c.hash_concurrency, key, v, 1, 64);
  else if (key == "login_queue")
    return SetInt(c.login_queue, key, v, 1, 4096);
  else if (key == "session_hours")
    return SetInt(c.session_hours, key, v, 1, 24 * 30);
  else if (key == "session_idle_minutes")
    return SetInt(c.session_idle_minutes, key, v, 1, 24 * 60);
  else if (key == "public_url") {
    bool scheme = v.starts_with("https://") || v.starts_with("http://");
    if (!scheme || v.size() > 300 || v.find_first_of(" \t\r\n") != std::string::npos) {
      return Fail(BadSetting(key, "harus alamat http:// atau https://",
                             "must be an http:// or https:// address"));
    }
    c.public_url = v;
  } else if (key == "hsts" || key == "access_log") {
    if (v != "true" && v != "false") {
      return Fail(BadSetting(key, "pilih true atau false", "choose true or false"));
    }
    (key == "hsts" ? c.hsts : c.access_log) = v == "true";
  } else if (key == "log_level") {
    static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error"};
    if (std::find(std::begin(kLevels), std::end(kLevels), v) == std::end(kLevels)) {
      return Fail(BadSetting(key, "pilih trace, debug, info, warn atau error",
                             "choose trace, debug, info, warn or error"));
    }
    c.log_level = v;
  } else if (key == "sops_dir")
    c.sops_dir = v;
  else if (key == "key_file")
    c.key_file = v;
  else if (key == "web_dir")
    c.web_dir = v;
  else {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "unknown_setting",
                          fmt::format("Pengaturan '{}' tidak dikenal.", key),
                          fmt::format("Unknown setting '{}'.", key), key));
  }
  return {};
}

Result<Config> LoadConfig(std::optional<std::string> file,
                          const std::map<std::string, std::string>& env,
                          const std::map<std::string, std::string>& flags) {
  Config c;
  // The data dir decides where the default file is, so find it first (flag > env > default).
  if (auto it = env.find("LINDUNGI_DATA_DIR"); it != env.end()) c.data_dir = it->second;
  if (auto it = flags.find("data_dir"); it != flags.end()) c.data_dir = it->second;
  if (!file) {
    if (auto it = env.find("LINDUNGI_CONFIG"); it != env.end()) file = it->second;
  }
  std::string path = file ? *file : (std::filesystem::path(c.data_dir) / "lindungi.yaml").string();
  if (std::filesystem::exists(path)) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(path);
    } catch (const YAML::Exception& e) {
      return Fail(
          MakeError(ErrorKind::kInvalidArgument, "bad_config_file",
                    fmt::format("Berkas konfigurasi {} tidak dapat dibaca: {}", path, e.what()),
                    fmt::format("Cannot read config file {}: {}", path, e.what())));
    }
    if (root && !root.IsNull()) {
      if (!root.IsMap()) {
        return Fail(MakeError(
            ErrorKind::kInvalidArgument, "bad_config_file",
            fmt::format("Berkas konfigurasi {} harus berisi pasangan kunci: nilai.", path),
            fmt::format("Config file {} must hold key: value pairs.", path)));
      }
      for (const auto& kv : root) {
        auto key = kv.first.as<std::string>();
        if (!kv.second.IsScalar()) {
          return Fail(BadSetting(key, "harus satu nilai", "must be a single value"));
        }
        if (auto s = ApplySetting(c, key, kv.second.as<std::string>()); !s) return Fail(s.error());
      }
    }
  } else if (file) {
    return Fail(MakeError(ErrorKind::kNotFound, "config_file_missing",
                          fmt::format("Berkas konfigurasi {} tidak ada.", path),
                          fmt::format("Config file {} does not exist.", path)));
  }
  for (const char* key : kKeys) {
    if (auto it = env.find(EnvKey(key)); it != env.end()) {
      if (auto s = ApplySetting(c, key, it->second); !s) return Fail(s.error());
    }
  }
  for (const auto& [key, value] : flags) {
    if (auto s = ApplySetting(c, key, value); !s) return Fail(s.error());
  }
  return c;
}

std::map<std::string, std::string> LindungiEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv = *e;
    if (!kv.starts_with("LINDUNGI_")) continue;
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return out;
}

void WriteConfigFile(const Config& c, const std::string& path) {
  YAML::Emitter out;
  out << YAML::Comment(
      "Lindungi settings. Environment variables LINDUNGI_<KEY> and flags override these.");
  out << YAML::BeginMap;
  out << YAML::Key << "host" << YAML::Value << c.host;
  out << YAML::Key << "port" << YAML::Value << c.port;
  out << YAML::Key << "workers" << YAML::Value << c.workers;
  out << YAML::Key << "log_level" << YAML::Value << c.log_level;
  if (!c.database.empty()) out << YAML::Key << "database" << YAML::Value << c.database;
  if (!c.sops_dir.empty()) out << YAML::Key << "sops_dir" << YAML::Value << c.sops_dir;
  out << YAML::EndMap;
  std::ofstream f(path);
  f << out.c_str() << "\n";
}

std::size_t StoreConnections(const Config& c) {
  return std::min<std::size_t>(std::size_t(c.workers) + 4, kMaxStoreConnections);
}

}  // namespace lindungi
