// Server configuration. Sources, lowest precedence first: built-in defaults, the YAML file
// (<data_dir>/lindungi.yaml or --config), LINDUNGI_* environment variables, command-line
// flags. Value type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/error.h"

namespace lindungi {

// Store connections one process opens at most (the read pool; on PostgreSQL each is a
// server connection): handlers beyond them wait for one. Keep processes × this under
// PostgreSQL's max_connections.
inline constexpr std::size_t kMaxStoreConnections = 20;

struct Config {
  std::string data_dir = "data";   // holds lindungi.yaml and lindungi.db
  std::string database;            // "sqlite:PATH"; default <data_dir>/lindungi.db
  std::string host = "127.0.0.1";  // listen address
  int port = 8080;
  int io_threads = 2;  // RESTinio (socket I/O)
  // Request handlers (may block on the store). Many: on SQLite a group commit holds the
  // writes waiting when it starts, and 16 waiting handlers made batches of ~6 where 64 make
  // ~15 (docs/performance.md "The cost of a request"). They share kMaxStoreConnections.
  int workers = 64;
  std::int64_t max_body_bytes = 1 << 20;  // larger request bodies get 413
  int read_timeout_s = 15;                // a slow client cannot hold a connection longer
  int write_timeout_s = 15;
  int handle_timeout_s = 30;
  int shutdown_grace_s = 20;      // in-flight requests finish within this on SIGTERM
  int commit_batch_max = 256;     // writes per group commit at most (1: one fsync each)
  int hash_concurrency = 2;       // argon2id hashes at once (64 MiB each): the password workers
  int login_queue = 32;           // log-ins waiting for a password worker; more: 503 at once
  int session_hours = 12;         // absolute session lifetime
  int session_idle_minutes = 15;  // a session unused this long ends
  // The address users reach the server at ("https://ppa.example.go.id"). When it is https
  // (behind a TLS proxy) the session cookie is Secure and HSTS is sent, with no other setting.
  std::string public_url;
  bool hsts = false;       // send Strict-Transport-Security (implied by an https public_url)
  bool access_log = true;  // record reads of personal data; off only to measure its cost
  std::string log_level = "info";  // trace, debug, info, warn, error
  std::string sops_dir;            // SOP packs; default: the install's sops/
  std::string key_file;            // the unit data key; default <data_dir>/keys/data.key
  // The browser UI's built files (web/dist); default: the install's web/dist when it exists.
  // "none" serves the API only.
  std::string web_dir;

  std::string DatabaseUrl() const;  // `database`, or the default in data_dir
  std::string KeyFile() const;      // `key_file`, or the default in data_dir
  bool BehindTls() const;           // public_url is https
  bool SendHsts() const { return hsts || BehindTls(); }
};

// The store connections a process with settings `c` opens: workers + 4, at most
// kMaxStoreConnections.
std::size_t StoreConnections(const Config& c);

// Keys accepted in the YAML file, environment (LINDUNGI_<KEY upper-case>) and flags.
// Returns kInvalidArgument naming the key on an unknown key or a bad value.
Status ApplySetting(Config& c, const std::string& key, const std::string& value);

// Builds the configuration. `file` is read if given (missing: error) or else
// <data_dir>/lindungi.yaml if it exists. `env` is the process environment (only LINDUNGI_*
// keys are used; LINDUNGI_CONFIG and LINDUNGI_DATA choose the file/data dir). `flags` are
// settings given on the command line, already keyed like the file.
Result<Config> LoadConfig(std::optional<std::string> file,
                          const std::map<std::string, std::string>& env,
                          const std::map<std::string, std::string>& flags);

// The environment as a map (LINDUNGI_* only).
std::map<std::string, std::string> LindungiEnvironment();

// Writes `c`'s main settings to a YAML file (used by init).
void WriteConfigFile(const Config& c, const std::string& path);

}  // namespace lindungi
