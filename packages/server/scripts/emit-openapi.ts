// Writes the OpenAPI document produced from the server's route schemas to
// packages/api-client/openapi.json (or to the path given as the first argument). Maps (paths,
// component schemas) are sorted so the file only changes when the contract does.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { openApiDocument } from '../src/openapi/docs.js';

type Json = Record<string, unknown>;

function sortKeys<T>(map: T): T {
  if (!map || typeof map !== 'object') return map;
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

const target = process.argv[2] ?? fileURLToPath(new URL('../../api-client/openapi.json', import.meta.url));
const handle = await openDatabase({});
const sightline = await createApp({ handle, config: testConfig() });
const { app } = sightline;
const doc = openApiDocument(app) as unknown as Json;
const components = (doc.components ?? {}) as Json;
const stable = {
  ...doc,
  paths: sortKeys(doc.paths),
  components: { ...components, schemas: sortKeys(components.schemas) },
};
writeFileSync(target, `${JSON.stringify(stable, null, 2)}\n`);
// Its background jobs (the start's pass over imported passwords) end before the database closes.
sightline.stop();
await handle.close();
console.log(`wrote ${target}`);
