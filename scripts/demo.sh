#!/usr/bin/env bash
# The demo (README: "Run the demo"): the reference server with the demo seed on embedded PostgreSQL
# (PGlite, data in .data/), serving the API, its reference at /docs and the example pages.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
node scripts/build-examples.mjs
# Demo mode: without SMTP_URL, outgoing mail (password-reset links) is shown at /outbox.
export SIGHTLINE_DEMO="${SIGHTLINE_DEMO:-1}"
exec npm start -w @sightline/server
