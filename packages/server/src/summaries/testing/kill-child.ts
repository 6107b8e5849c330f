/**
 * Test seam: a server process whose summarizer announces itself and then hangs, so a test can kill
 * the process at a known point of a summary job (SI-7). Not part of the server; only the
 * kill-and-restart test runs it (`node --import tsx kill-child.ts`).
 *
 * Environment:
 * - `KILL_CHILD_DATABASE`: `pglite:<folder>` or `postgres:<schema>:<url>`;
 * - `KILL_CHILD_MARKER`: a file written when generation starts (mode `hang`) or ends (mode `return`);
 * - `KILL_CHILD_MODE`: `hang` — the summarizer never returns; `return` — it returns the built-in
 *   summary, so the job goes on into its final transaction (which a test may hold up with a lock).
 */
import { writeFileSync } from 'node:fs';
import { createApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { openDatabase } from '../../db/connect.js';
import { createSummarizer, type Summarizer } from '../../summarizers/index.js';

const database = process.env.KILL_CHILD_DATABASE ?? '';
const marker = process.env.KILL_CHILD_MARKER ?? '';
const mode = process.env.KILL_CHILD_MODE === 'return' ? 'return' : 'hang';
if (!database || !marker) throw new Error('KILL_CHILD_DATABASE and KILL_CHILD_MARKER are required');

const handle = database.startsWith('pglite:')
  ? await openDatabase({ dataDir: database.slice('pglite:'.length) })
  : await (() => {
      const [, schema, ...url] = database.split(':');
      return openDatabase({ databaseUrl: url.join(':'), searchPath: schema as string });
    })();

const builtin = createSummarizer({ llm: undefined });
const gated: Summarizer = {
  name: builtin.name,
  async summarize(input, signal) {
    if (mode === 'hang') {
      writeFileSync(marker, 'generating');
      return new Promise<never>(() => {});
    }
    const result = await builtin.summarize(input, signal);
    writeFileSync(marker, 'summarized');
    return result;
  },
};
// The worker starts with the app and takes the waiting job at once.
await createApp({ handle, config: testConfig({ summaryJobPollMs: 100 }), summarizer: gated });
setInterval(() => {}, 60_000);
