#!/usr/bin/env bash
# Installs aws-amplify (pinned in tests/js/storage/package-lock.json) for the local S3's JS test.
set -euo pipefail
dir="$1/tests/js/storage"
stamp="$dir/node_modules/.amplify-mock-installed"
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed for tests/js/storage (install Node.js 20)" >&2
  exit 1
fi
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2> >(grep -v "Unknown user config" >&2))
echo "$want" > "$stamp"
