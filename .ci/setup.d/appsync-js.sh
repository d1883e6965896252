#!/usr/bin/env bash
# Installs aws-amplify + ws (pinned in tests/js/appsync/package-lock.json) for the AppSync JS test.
set -euo pipefail
dir="$1/tests/js/appsync"
stamp="$dir/node_modules/.amplify-mock-installed"
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed for tests/js/appsync (install Node.js 20)" >&2
  exit 1
fi
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "$want" > "$stamp"
