#!/usr/bin/env bash
# Builds the browser UI (web/ -> web/dist, served by `lindungi serve`): installs the npm
# packages pinned by web/package-lock.json (npm ci, only when the lock file changed since the
# last install) and runs the production build, which fails above the initial-bundle budget.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.lock-installed
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
npm run --silent build
