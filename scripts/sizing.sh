#!/usr/bin/env bash
# Sizing by simulation (docs/operations.md): fills a fresh SQLite store and a throwaway
# PostgreSQL with synthetic national volume and prints size and query latencies.
# Usage: scripts/sizing.sh [years=10] [cases_per_year=40000] [events_per_case=6]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target national_sizing
bin=$PWD/build/release/bench/national_sizing
work=$(mktemp -d)
chmod 755 "$work"
trap 'runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -m fast -s stop 2>/dev/null || true; rm -rf "$work"' EXIT

echo "=== SQLite ==="
"$bin" "sqlite:$work/national.db" "$@"

echo "=== PostgreSQL 15 ==="
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg /usr/lib/postgresql/15/bin/initdb -D "$work/pg" -A trust -U postgres -E UTF8 --no-instructions >/dev/null
as_pg /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -l "$work/pg.log" -o "-p $port -k $work -h 127.0.0.1" -w -s start
as_pg psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE national"
"$bin" "postgres://postgres@127.0.0.1:$port/national" "$@"
