import { afterAll, beforeAll, expect, it } from 'vitest';
import { CALLERS, type CallerTokens, row, runMatrix, seedCallers } from '../testing/callers.js';
import { createTestServer, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of the mail log (MC-2): only company managers list their organization's
 * outgoing mail; a team manager holding every granted right still may not (the log names every
 * recipient in the organization). Another organization's manager sees their own, empty log.
 */
const OPERATIONS = [
  //                                                anon cust agent  tm  tmR  tmO   cm  api  org
  {
    name: 'GET /v1/mail/outbox',
    request: () => ({ method: 'GET', path: '/v1/mail/outbox' }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200),
  },
];

forEachBackend('mail authorization matrix (MC-2)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server);
  });
  afterAll(async () => server.close());

  it(`${OPERATIONS.length} operation × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS);
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });
});
