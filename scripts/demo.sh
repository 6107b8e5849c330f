#!/usr/bin/env bash
# The demo (README: "Run the demo"): the reference server with the demo seed on embedded PostgreSQL
# (PGlite, data in .data/), serving the API, its reference at /docs and the example pages.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
node scripts/build-examples.mjs
# Demo mode: without SMTP_URL, outgoing mail (password-reset links) is shown at /outbox.
export SIGHTLINE_DEMO="${SIGHTLINE_DEMO:-1}"
# Served over TLS (SIGHTLINE_TLS_CERT/KEY), the server calls itself: the CRM example's backend asks the
# API through the public URL, and webhooks go to the CRM's receiver there. A self-signed certificate
# is trusted by this process too, beside what NODE_EXTRA_CA_CERTS named already (Node takes one file,
# and reads it only when it starts).
if [[ -n "${SIGHTLINE_TLS_CERT:-}" ]]; then
  mkdir -p .cache
  {
    if [[ -r "${NODE_EXTRA_CA_CERTS:-}" ]]; then cat "$NODE_EXTRA_CA_CERTS"; fi
    cat "$SIGHTLINE_TLS_CERT"
  } > .cache/demo-trust.pem
  export NODE_EXTRA_CA_CERTS="$PWD/.cache/demo-trust.pem"
fi
exec npm start -w @sightline/server
