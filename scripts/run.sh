#!/usr/bin/env bash
# The README's run command: installs every dependency, builds the server (release), creates
# the demo data directory if there is none (a demo unit, one user per role: the passwords
# are printed once, on that first run) and serves http://127.0.0.1:8080 on the embedded
# SQLite store, with the browser UI (web/). Stop it with Ctrl-C. LINDUNGI_DATA_DIR chooses another data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target lindungi
./scripts/build-web.sh
data=${LINDUNGI_DATA_DIR:-data}
./build/release/lindungi --data-dir "$data" init --demo --if-missing
exec ./build/release/lindungi --data-dir "$data" serve
