// `lindungi serve`: the API and the browser UI.
#include <malloc.h>

#include "cli/commands.h"
#include "http/server.h"

namespace lindungi::cli {

void AddServeCommand(CLI::App& cli, GlobalOptions& g) {
  auto* serve = cli.add_subcommand("serve", "Serve the API (stop with Ctrl-C or SIGTERM)");
  // Into the global options: they override the settings file as the other flags do.
  serve->add_option("--host", g.host, "Listen address (default 127.0.0.1)");
  serve->add_option("--port", g.port, "Listen port (default 8080)");
  serve->add_option("--web-dir", g.web_dir,
                    "The browser UI's built files (default: the install's web/dist; 'none': API "
                    "only)");
  OnRun(serve, [&g] {
    // Two malloc arenas, not glibc's eight per core: 64 request workers spread their freed
    // memory over every arena, and the server held 5 MiB more for it (docs/performance.md).
    // Before any thread starts.
    ::mallopt(M_ARENA_MAX, 2);
    Config c = LoadOrDie(g);
    if (c.web_dir.empty()) c.web_dir = FindBesideSources("web/dist");
    if (c.web_dir == "none") c.web_dir.clear();
    auto app = OpenOrDie(c);
    return http::Serve(*app);
  });
}

}  // namespace lindungi::cli
