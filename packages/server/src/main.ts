import { mkdirSync } from 'node:fs';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { mountCrmExample } from './http/crm-example.js';
import { serveExamples } from './http/examples.js';
import { listen } from './http/listen.js';
import { fetchForNode } from './http/node-fetch.js';
import { demoBanner, seedDemo } from './seed.js';

// Start from the repository root wherever npm runs the script from.
const repoRoot = new URL('../../../', import.meta.url).pathname;
const config = loadConfig(process.env, repoRoot);
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const handle = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  pgliteThread: config.pgliteThread,
});
const sightline = await createApp({ handle, config });
const seed = await seedDemo(handle);
// The demo serves the example host pages from the repository (and their bundle, when built), and
// runs the CRM example's backend beside them.
const crm = await mountCrmExample(sightline, `${repoRoot}examples`);
const examples = serveExamples(sightline.app, `${repoRoot}examples`);

const scheme = config.tls ? 'https' : 'http';
const server = listen(fetchForNode(sightline.app.fetch), { port: config.port, tls: config.tls }, (info) => {
  const storage = config.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `embedded PostgreSQL in ${config.dataDir}`;
  const pages = examples
    ? `\nExample pages: ${scheme}://localhost:${info.port}/ (customer widget, staff console)`
    : '';
  const mail = config.smtpUrl
    ? '\nMail: sent through SMTP_URL'
    : config.demo
      ? `\nMail outbox (nothing is sent): ${scheme}://localhost:${info.port}/outbox`
      : '\nMail: no SMTP_URL, so mail is kept in the mail_outbox table, not sent';
  console.log(
    `${demoBanner(`${scheme}://localhost:${info.port}`, seed)}\n\nStorage: ${storage}${pages}${mail}`,
  );
  // The CRM example registers its webhook receiver through the API, as an integrator would.
  crm
    ?.provision()
    .then(() =>
      console.log(
        `CRM example: ${scheme}://localhost:${info.port}/examples/crm/ (webhooks to ${crm.receiverUrl})`,
      ),
    )
    .catch((error: unknown) => console.log(`CRM example: webhook receiver not registered: ${String(error)}`));
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  sightline.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await handle.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
