#!/usr/bin/env bash
# Builds the browser UI (web/ -> web/dist, served by `lindungi serve`): installs the npm
# packages pinned by web/package-lock.json (scripts/web-deps.sh: npm ci, only when the lock
# file changed since the last install) and runs the production build, which fails above the
# initial-bundle budget.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/web-deps.sh
cd web
npm run --silent build
