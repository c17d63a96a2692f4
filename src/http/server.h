// The HTTP server: RESTinio on `io_threads` for sockets, a pool of `workers` threads that
// run handlers (which may block on the store), timeouts for slow clients, and a graceful
// stop: on SIGTERM/SIGINT new requests get 503 while in-flight ones finish (up to
// shutdown_grace_s), then the store is closed.
#pragma once

#include "service/app.h"

namespace lindungi::http {

// Serves until SIGTERM or SIGINT. REQUIRES: called from the main thread before any other
// thread is started (it blocks those signals process-wide). Returns the exit code.
int Serve(App& app);

}  // namespace lindungi::http
