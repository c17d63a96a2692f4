// A slow disk for benchmarks (LD_PRELOAD): fsync and fdatasync sleep LINDUNGI_SLOW_SYNC_MS
// milliseconds (default 5, an office PC's SATA disk) before doing the real sync. Both
// SQLite (WAL, synchronous=FULL: fdatasync of the WAL per commit) and PostgreSQL
// (wal_sync_method=fdatasync, Linux's default) make their commits durable through these two
// calls; sync_file_range (PostgreSQL's write-back hint) and msync are left alone.
// LINDUNGI_SLOW_SYNC_COUNT=<file>: each process appends "<pid> <syncs>" to it at exit (if the
// file exists).
// Plain C ABI, no C++ runtime: it is loaded into PostgreSQL too.
#include <dlfcn.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace {

using SyncFn = int (*)(int);
SyncFn real_fsync = nullptr;
SyncFn real_fdatasync = nullptr;
long delay_ms = 5;
std::atomic<long> syncs{0};

__attribute__((constructor)) void Init() {
  real_fsync = reinterpret_cast<SyncFn>(dlsym(RTLD_NEXT, "fsync"));
  real_fdatasync = reinterpret_cast<SyncFn>(dlsym(RTLD_NEXT, "fdatasync"));
  if (const char* v = std::getenv("LINDUNGI_SLOW_SYNC_MS"); v && *v) delay_ms = std::atol(v);
}

__attribute__((destructor)) void Report() {
  const char* path = std::getenv("LINDUNGI_SLOW_SYNC_COUNT");
  if (!path || !*path || syncs == 0) return;
  int fd = open(path, O_WRONLY | O_APPEND);  // made by the benchmark; gone once it ended
  if (fd < 0) return;
  char line[64];
  int n = std::snprintf(line, sizeof line, "%d %ld\n", int(getpid()), syncs.load());
  if (n > 0 && write(fd, line, std::size_t(n)) < 0) {
  }
  close(fd);
}

void SlowDown() {
  syncs.fetch_add(1, std::memory_order_relaxed);
  timespec left{delay_ms / 1000, (delay_ms % 1000) * 1000000};
  while (nanosleep(&left, &left) == -1 && errno == EINTR) {
  }
}

}  // namespace

extern "C" int fsync(int fd) {
  SlowDown();
  return real_fsync(fd);
}

extern "C" int fdatasync(int fd) {
  SlowDown();
  return real_fdatasync(fd);
}
