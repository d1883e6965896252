#!/usr/bin/env bash
# Installs Debian's chromium for the console's headless browser test (tests/browser/).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
log=$(mktemp)
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
