// Makes the tests' migrated PGlite template when absent (scripts/pglite-template.mjs runs this for
// test servers started from plain JavaScript).
import { migratedDataDir } from '../src/testing/pglite-template.js';

await migratedDataDir();
