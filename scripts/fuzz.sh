#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time over the kept
# corpus (fuzz/corpus/<target>): request JSON (intake) and SOP files (sop). New findings
# that crash are saved as crash-* files and fail the run.
# Usage: scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
for target in intake sop; do
  work=$(mktemp -d)
  cp fuzz/corpus/$target/* "$work"/
  echo "fuzz: $target for ${seconds}s"
  ./build/fuzz/fuzz/${target}_fuzz -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 \
    -artifact_prefix=build/fuzz/ "$work" 2>&1 | grep -E "^(stat::number_of_executed_units|Done|==[0-9]+==ERROR|SUMMARY)" || true
  rm -rf "$work"
  if ls build/fuzz/crash-* >/dev/null 2>&1; then
    echo "fuzz: $target found a crash: $(ls build/fuzz/crash-*)" >&2
    exit 1
  fi
done
