#!/usr/bin/env bash
# The README's test command: installs every dependency, builds the test preset (Debug,
# ASan + UBSan, -Werror) and the release preset, and runs every test suite: a bounded fuzz run, then the unit,
# API, CLI and crash tests and the browser UI's tests (vitest, and Chromium against the real
# server) through ctest. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build-web.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
# The optimised build too (the README's run command and the benchmarks use it): GCC's -O3
# warnings differ from the debug build's, and -Werror must hold for both.
cmake --preset release >/dev/null
cmake --build --preset release
./scripts/fuzz.sh "${LINDUNGI_FUZZ_SECONDS:-45}"
ctest --preset dev
