#!/usr/bin/env bash
# Installs the browser UI's npm packages pinned by web/package-lock.json (npm ci), only when
# the lock file changed since the last install. Used by build-web.sh and test-fast.sh.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.lock-installed
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
