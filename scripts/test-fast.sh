#!/usr/bin/env bash
# The development tier (README "Tests", docs/testing.md): an incremental build of what the
# fast tests run (the dev preset's `lindungi` and `unit_tests`) and `ctest -L fast`: the unit
# tests (pure logic, and the store on SQLite), every SOP pack and form definition validated,
# the browser UI's component tests (vitest), the layering check and the test-label check.
# About a minute once the build is warm. It is not the test command: ./scripts/test.sh (the
# full tier: both backends, API, crash, browser and fuzz tests) stays that, and CI runs it.
# Extra arguments go to ctest (e.g. -R unit_tests, --output-on-failure is on).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
./scripts/web-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target lindungi unit_tests
ctest --preset dev -L fast "$@"
echo "test-fast: build and fast tier in $(($(date +%s) - start)) s"
