#!/usr/bin/env bash
# Installs the npm packages each folder below pins in its package-lock.json (`npm ci`), again
# only when the lock file changed (a stamp in node_modules holds its hash):
# - the AppSync console's front end (GraphiQL, explorer, React), served locally, no CDN;
# - the console's browser test driver (playwright-core only; the browser is Debian's chromium);
# - aws-amplify + ws for the JS client tests of the AppSync endpoint and of the local S3 (6.8.2),
#   and aws-amplify latest 6.x + esbuild for the local Cognito flows in Node and in chromium
#   (tests/js/auth, tests/js/auth/web);
# - the Gen 2 example app (examples/gen2): @aws-amplify/data-schema + esbuild are what the Gen 2
#   Node step runs; the Gen 2 tests load their fixture projects with these node_modules.
# - @aws-amplify/datastore latest 5.x on aws-amplify 6.x (+ ws, esbuild) for the DataStore
#   clients in Node and in chromium (tests/js/datastore).
set -euo pipefail
folders=(
  amplify_mock/simulators/appsync/console
  tests/browser
  tests/js/appsync
  tests/js/storage
  tests/js/auth
  examples/gen2
  tests/js/datastore
)
for folder in "${folders[@]}"; do
  dir="$1/$folder"
  stamp="$dir/node_modules/.amplify-mock-installed"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    continue
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed for $folder (install Node.js 20)" >&2
    exit 1
  fi
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2> >(grep -v "Unknown user config" >&2))
  mkdir -p "$dir/node_modules"
  echo "$want" > "$stamp"
done
