#!/usr/bin/env bash
# The benchmarks, on an optimised build, each printing a ratio against a baseline measured
# in the same run. Usage: scripts/bench.sh [seconds per phase, default 5] [clients, default 64]
# [open tasks for the inbox benchmark, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target lindungi intake_bench task_bench
./build/release/bench/intake_bench "${1:-5}" "${2:-64}"
./build/release/bench/task_bench "${3:-100000}" "${1:-5}" 16
