// Size budgets (gzip -9 of what a page downloads), checked by `size-limit` in `npm test`. The file
// lists come from the examples build (scripts/build-examples.mjs writes examples/assets/pages.json):
// each page's entry and the chunks it imports statically; for a whole call, everything a P2P call
// with the AR tools loads, including its lazy chunks and the tracking worker (not LiveKit's chunks,
// which load only when a LiveKit call starts).
import { readFileSync } from 'node:fs';

const pages = JSON.parse(readFileSync(new URL('./examples/assets/pages.json', import.meta.url), 'utf8'));
const budget = (name, limit) => ({
  name,
  path: pages[name].map((file) => `examples/assets/${file}`),
  limit,
  gzip: true,
});

export default [
  budget('request flow page', '30 KiB'),
  budget('summary viewer page', '30 KiB'),
  // The target for a whole call is 60 KiB (issue 13), not met yet: this limit keeps what was won
  // (75.3 → 69.4 KiB) from slipping back while the rest is worked on.
  budget('P2P call with AR tools', '69.4 KiB'),
];
