#!/usr/bin/env bash
# Installs every Debian package the project needs to build, run and test.
# Idempotent: packages already present are skipped by apt; safe to run again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  # HTTP: RESTinio needs standalone Asio, which its package does not pull in; its router
  # matches paths with PCRE2.
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev libpcre2-dev
  # Only versioned 1.81 Boost: the unversioned packages are 1.74 and conflict.
  libboost-json1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql
  libsodium-dev libyaml-cpp-dev libcairo2-dev libpango1.0-dev libxlsxwriter-dev
  libspdlog-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcurl4-openssl-dev
  # Fuzzing (libFuzzer comes with clang), formatting, SOP flowcharts, PDF checks.
  clang clang-format graphviz poppler-utils
  # Letters (src/report): Liberation Serif has Times New Roman's metrics, so layouts are
  # the same on every machine; DejaVu is the fallback fontconfig already brings.
  fonts-liberation2 fonts-dejavu-core
  # The API tests check every answer against docs/api/openapi.yaml (tests/support/openapi_check.py).
  python3 python3-jsonschema python3-yaml
  # Report tests read exported XLSX files back with a real reader (openpyxl).
  python3-openpyxl
  # Browser tests drive Debian's Chromium; never a downloaded browser.
  chromium nodejs
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Debian's nodejs lacks npm, NodeSource's nodejs ships it: add npm only if absent.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: all Debian packages present"
fi
