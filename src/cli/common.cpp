// What the subcommands share (cli/commands.h): the global options, loading the config and
// opening the app or dying with a message in both languages, and progress on a terminal.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "service/setup.h"

namespace fs = std::filesystem;

namespace lindungi::cli {

std::map<std::string, std::string> GlobalOptions::Flags() const {
  std::map<std::string, std::string> f;
  if (!data_dir.empty()) f["data_dir"] = data_dir;
  if (!database.empty()) f["database"] = database;
  if (!log_level.empty()) f["log_level"] = log_level;
  if (!host.empty()) f["host"] = host;
  if (port >= 0) f["port"] = std::to_string(port);
  if (!web_dir.empty()) f["web_dir"] = web_dir;
  return f;
}

void Die(const Error& e) {
  std::cerr << "lindungi: " << e.message_en << "\n          " << e.message_id << "\n";
  std::exit(2);
}

Config LoadOrDie(const GlobalOptions& g) {
  auto c = LoadConfig(g.config_file.empty() ? std::nullopt : std::optional(g.config_file),
                      LindungiEnvironment(), g.Flags());
  if (!c) Die(c.error());
  spdlog::set_level(spdlog::level::from_str(c->log_level));
  return *c;
}

bool StoreExists(const Config& c) {
  std::string url = c.DatabaseUrl();
  if (url.starts_with("sqlite:")) return fs::exists(url.substr(7));
  try {
    return StoreHasEvents(url);
  } catch (const std::exception& e) {
    std::cerr << "lindungi: cannot open the store: " << e.what() << "\n";
    std::exit(2);
  }
}

std::unique_ptr<App> OpenOrDie(const Config& c) {
  if (c.DatabaseUrl().starts_with("sqlite:") && !StoreExists(c)) {
    std::cerr << "lindungi: no data directory at '" << c.data_dir
              << "': run `lindungi init` first\n"
              << "          belum ada direktori data di '" << c.data_dir
              << "': jalankan `lindungi init` dulu\n";
    std::exit(2);
  }
  try {
    return std::make_unique<App>(c);
  } catch (const std::exception& e) {
    std::cerr << "lindungi: cannot open the store: " << e.what() << "\n";
    std::exit(2);
  }
}

std::string FindBesideSources(const std::string& name) {
  for (fs::path p : {fs::current_path() / name,
                     fs::canonical("/proc/self/exe").parent_path() / "../.." / name}) {
    if (fs::is_directory(p)) return fs::weakly_canonical(p).string();
  }
  return {};
}

void OnRun(CLI::App* cmd, std::function<int()> run) {
  cmd->callback([run = std::move(run)] {
    if (int code = run(); code != 0) throw CLI::RuntimeError(code);
  });
}

void Progress::Show(std::string_view what, std::int64_t done, std::int64_t total) {
  if (what != what_) Finish();
  what_ = std::string(what);
  int pct = total ? int(done * 100 / total) : 100;
  if (!tty_ && pct == last_pct_) return;
  last_pct_ = pct;
  constexpr int kWidth = 30;
  int filled = pct * kWidth / 100;
  if (tty_) out_ << "\r";
  out_ << "  " << what << "  ";
  if (tty_) out_ << "[" << std::string(filled, '#') << std::string(kWidth - filled, '-') << "]  ";
  out_ << done << "/" << total << "  " << pct << "%" << (tty_ ? "" : "\n") << std::flush;
  open_ = tty_;
}

void Progress::Finish() {
  if (open_) out_ << "\n" << std::flush;
  open_ = false;
  last_pct_ = -1;
}

}  // namespace lindungi::cli
