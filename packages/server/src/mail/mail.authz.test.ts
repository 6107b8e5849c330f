import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, forEachBackend, type TestServer } from '../testing/harness.js';
import { CALLERS, type Caller, callerTokens, row, runMatrix } from './test-callers.js';

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
  let tokens: Record<Caller, string | undefined>;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await callerTokens(server);
  });
  afterAll(async () => server.close());

  it(`${OPERATIONS.length} operation × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS);
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });
});
