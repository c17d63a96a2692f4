#include "support/process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstring>
#include <stdexcept>

extern char** environ;

namespace lindungi::testing {

pid_t SpawnProcess(const std::vector<std::string>& args, const SpawnOptions& o) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> env_text;
  for (char** e = environ; e && *e; ++e) env_text.emplace_back(*e);
  for (const auto& [k, v] : o.env) env_text.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!o.stdin_path.empty())
    posix_spawn_file_actions_addopen(&actions, 0, o.stdin_path.c_str(), O_RDONLY, 0);
  if (!o.output_path.empty()) {
    int flags = O_WRONLY | O_CREAT | (o.append ? O_APPEND : O_TRUNC);
    posix_spawn_file_actions_addopen(&actions, 1, o.output_path.c_str(), flags, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
  }
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(rc));
  return pid;
}

int WaitProcess(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace lindungi::testing
