#include "service/graphviz.h"

#include <unistd.h>

#include <cstdio>

namespace lindungi {

std::string DotToSvg(const std::string& dot_source) {
  char in_path[] = "/tmp/lindungi-dot-XXXXXX";
  int fd = mkstemp(in_path);
  if (fd < 0) return {};
  bool written = write(fd, dot_source.data(), dot_source.size()) == ssize_t(dot_source.size());
  close(fd);
  std::string svg;
  if (written) {
    std::string cmd = std::string("dot -Tsvg ") + in_path + " 2>/dev/null";
    if (FILE* p = popen(cmd.c_str(), "r")) {
      char buf[8192];
      std::size_t n;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) svg.append(buf, n);
      if (pclose(p) != 0) svg.clear();
    }
  }
  unlink(in_path);
  return svg;
}

}  // namespace lindungi
