/**
 * Test seam: a server process a test kills at a known point of a webhook's life (SI-12). Not part of
 * the server; only the kill-and-restart test runs it (`node --import tsx kill-child.ts`).
 *
 * Environment:
 * - `KILL_CHILD_DATABASE`: `pglite:<folder>` or `postgres:<schema>:<url>`;
 * - `KILL_CHILD_MARKER`: a file written once the process reached its point;
 * - `KILL_CHILD_MODE`: `commit` — requests a session through the API (its event commits), with the
 *   webhook worker off, then waits; `deliver` — runs the webhook worker, which sends what is due.
 */
import { writeFileSync } from 'node:fs';
import { createApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { openDatabase } from '../../db/connect.js';
import { DEMO } from '../../seed.js';

const database = process.env.KILL_CHILD_DATABASE ?? '';
const marker = process.env.KILL_CHILD_MARKER ?? '';
const mode = process.env.KILL_CHILD_MODE === 'deliver' ? 'deliver' : 'commit';
if (!database || !marker) throw new Error('KILL_CHILD_DATABASE and KILL_CHILD_MARKER are required');

const handle = database.startsWith('pglite:')
  ? await openDatabase({ dataDir: database.slice('pglite:'.length) })
  : await (() => {
      const [, schema, ...url] = database.split(':');
      return openDatabase({ databaseUrl: url.join(':'), searchPath: schema as string });
    })();

const built = await createApp({
  handle,
  config: testConfig({ webhookPollMs: mode === 'deliver' ? 100 : 0, authAttemptsPerMinute: 1000 }),
});
if (mode === 'commit') {
  const post = (path: string, body: unknown, token?: string) =>
    built.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const { token } = (await (await post('/v1/auth/access-code', { code: DEMO.accessCode })).json()) as {
    token: string;
  };
  const res = await post('/v1/sessions', { reason: 'Killed before delivery' }, token);
  if (res.status !== 201) throw new Error(`session: ${res.status} ${await res.text()}`);
  writeFileSync(marker, ((await res.json()) as { id: string }).id);
} else {
  writeFileSync(marker, 'delivering');
}
setInterval(() => {}, 60_000);
