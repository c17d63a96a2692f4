// Starting child processes for tests (posix_spawn): the lindungi binary, PostgreSQL tools.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace lindungi::testing {

struct SpawnOptions {
  std::string stdin_path;   // "" keeps ours
  std::string output_path;  // stdout and stderr; "" keeps ours
  bool append = false;      // append to output_path instead of truncating it
  std::vector<std::pair<std::string, std::string>> env;  // added to our environment
};

// Starts `args` (args[0] looked up in PATH). Throws std::runtime_error if it cannot.
pid_t SpawnProcess(const std::vector<std::string>& args, const SpawnOptions& options = {});

// Waits for `pid`; its exit code, or minus the signal that ended it.
int WaitProcess(pid_t pid);

}  // namespace lindungi::testing
