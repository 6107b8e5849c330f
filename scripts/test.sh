#!/usr/bin/env bash
# The one command that runs every test on a fresh clone (README: "Test").
# Installs what it needs: npm packages (from the lockfile) and, when absent, Debian's Chromium.
# Set CHROME_PATH to use another Chromium; set TEST_DATABASE_URL to run the storage tests against a
# real PostgreSQL as well as the embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

bash scripts/ensure-deps.sh

if [ -z "${CHROME_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  step "installing Debian's chromium"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

# moto, the S3 server of the object-store tests, installs from PyPI into .cache/moto (first use
# only) while the type-check and the build run; the node tests wait for it.
mkdir -p .cache
node scripts/moto.mjs --install >.cache/moto-install.log 2>&1 &
moto_install=$!

step "type-check (tsc -b)"
npx tsc -b
# The benchmarks are no package: each folder's project (and bench/tsconfig.json for the rest).
for project in bench/tsconfig.json bench/*/tsconfig.json; do npx tsc -p "$project"; done

step "lint and format (biome)"
npx biome ci .

step "generated API contract and elements manifest are fresh"
node scripts/check-generated.mjs

step "bundle budgets (size-limit, gzip -9 of what each page downloads)"
node scripts/build-examples.mjs
npx size-limit
# The end-to-end tests load these same pages: built once here (tests/e2e/support/build.ts).
export SIGHTLINE_EXAMPLES_BUILT=1

step "node tests (vitest)"
wait "$moto_install" || { cat .cache/moto-install.log; exit 1; }
rm -rf .cache/test-counts
npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/test-counts/node.json

step "browser tests (web-test-runner, Chromium)"
npx web-test-runner

# The call path once more through a real LiveKit server (SFU), built from the Go module proxy on
# first use (scripts/livekit.mjs). Without Go and without LIVEKIT_SERVER_BIN it cannot run here.
if command -v go >/dev/null 2>&1 || [ -n "${LIVEKIT_SERVER_BIN:-}" ]; then
  step "browser tests over LiveKit (livekit-server --dev on loopback)"
  npx web-test-runner --config web-test-runner.livekit.config.mjs
else
  step "LiveKit tests skipped: no Go toolchain to build livekit-server and no LIVEKIT_SERVER_BIN"
fi

echo
node scripts/summary.mjs
