#!/usr/bin/env bash
# Every check of the web app, cheapest first: the API types, lint, types, unit tests,
# the production build (and its route sizes), then the end-to-end tests against the real
# local stack. Safe to run again: it installs only what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x ../.venv/bin/python ]; then
  echo "The API's virtualenv (../.venv) is missing: run \`make install\` at the repository root." >&2
  exit 1
fi

lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.package-lock.sha256
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_sum" >"$stamp"
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Playwright needs Debian's Chromium at /usr/bin/chromium: run as root, or apt-get install chromium." >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

step() {
  local name=$1 started=$SECONDS
  shift
  echo "==> $name"
  "$@"
  echo "    $name took $((SECONDS - started)) s"
}

step check:api npm run --silent check:api
step lint npm run --silent lint
step typecheck npm run --silent typecheck
step test npm run --silent test
step build npm run --silent build -- --logLevel warn
step size npm run --silent size
step e2e npm run --silent e2e
