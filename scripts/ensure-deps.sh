#!/usr/bin/env bash
# Installs the npm packages from the lockfile when node_modules is missing or older than the lockfile.
# `npm install` rather than `npm ci`: npm 11 writes lockfiles without other platforms' optional
# packages (esbuild, rollup, biome binaries) and its own `npm ci` then refuses them as out of sync.
# With a lockfile present, `npm install` installs exactly the locked versions.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm install (from package-lock.json)"
  npm install --no-audit --no-fund
fi
