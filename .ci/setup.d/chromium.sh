#!/usr/bin/env bash
# Installs Debian's chromium for the console's headless browser test (tests/browser/).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
apt-get update -qq && apt-get install -y -qq chromium >/dev/null
