// The README's curl example, run exactly as printed (only BASE changes) against a fresh server.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../scripts/test-server.mjs';

const root = new URL('../..', import.meta.url).pathname;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.stop());

it("DC-6: the README's curl example works as printed", () => {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const block = /<!-- curl-example:start -->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block, 'README has the curl example block').toBeTruthy();
  const script = block!.replace(/^BASE=.*$/m, `BASE=${server.url}`);
  const out = execFileSync('bash', ['-euo', 'pipefail', '-c', script], { encoding: 'utf8' });
  const docs = splitJson(out);
  expect(docs).toHaveLength(3);
  // biome-ignore lint/suspicious/noExplicitAny: shapes asserted below
  const [l, c, r] = docs as any[];
  expect(l.items.some((s: { reason: string }) => s.reason === 'Boiler shows error E42')).toBe(true);
  expect(c).toMatchObject({ status: 'confirmed' });
  expect(r).toMatchObject({ status: 409, code: 'invalid-transition' });
});

/** curl prints the documents back to back (no newline): split them at top-level boundaries. */
function splitJson(text: string): unknown[] {
  const docs: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth++ === 0) start = i;
    } else if (ch === '}' && --depth === 0) docs.push(JSON.parse(text.slice(start, i + 1)));
  }
  return docs;
}
