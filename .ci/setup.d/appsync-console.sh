#!/usr/bin/env bash
# Installs the AppSync console's front-end packages (GraphiQL, explorer, React) from the npm
# registry, pinned by the console's package-lock.json; the console serves them locally, no CDN.
set -euo pipefail
dir="$1/amplify_mock/simulators/appsync/console"
stamp="$dir/node_modules/.amplify-mock-installed"
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed for the AppSync console (install Node.js 20)" >&2
  exit 1
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" > "$stamp"
fi
# The console's browser test driver (playwright-core only; the browser is Debian's chromium).
tests="$1/tests/browser"
stamp="$tests/node_modules/.amplify-mock-installed"
want=$(sha256sum "$tests/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  (cd "$tests" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" > "$stamp"
fi
