import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CALLERS,
  type Caller,
  type CallerTokens,
  type MatrixOperation,
  row,
  runMatrix,
  seedCallers,
} from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of the portal operations (MC-1, MC-6): staff of the organization read
 * portals; only company managers create or change them and their feature modes — a team manager
 * holding the right to change team settings still may not. Other organizations' portals answer 404.
 */
let seq = 0;

const P = `/v1/portals/${FIXTURE.portalId}`;

//                                                                   anon cust agent  tm  tmR  tmO   cm  api  org
const OPERATIONS: MatrixOperation<Caller>[] = [
  {
    name: 'GET /v1/portals',
    request: () => ({ method: 'GET', path: '/v1/portals' }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'POST /v1/portals',
    request: () => ({ method: 'POST', path: '/v1/portals', body: { name: `Matrix ${++seq}` } }),
    expected: row(401, 403, 403, 403, 403, 403, 201, 403, 201),
  },
  {
    name: 'GET /v1/portals/{id}',
    request: () => ({ method: 'GET', path: P }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 404),
  },
  {
    name: 'PATCH /v1/portals/{id} (name)',
    request: () => ({ method: 'PATCH', path: P, body: { name: `Service ${++seq}` } }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 404),
  },
  {
    name: 'PATCH /v1/portals/{id} (features)',
    request: () => ({
      method: 'PATCH',
      path: P,
      body: { features: { screenshots: seq++ % 2 ? 'on' : 'required' } },
    }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 404),
  },
];

forEachBackend('portal authorization matrix (MC-1, MC-6)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    // Every management right, including changing team settings: still not the portal's features.
    tokens = await seedCallers(server);
  });
  afterAll(async () => server.close());

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS);
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('answers 404 for another organization’s portal on every id-taking route, both ways', async () => {
    const swaps = [
      [tokens.companyManager, 'portal_foreign'],
      [tokens.agent, 'portal_foreign'],
      [tokens.otherOrg, FIXTURE.portalId],
      [tokens.otherOrg, FIXTURE.closedPortalId],
    ] as const;
    for (const [token, id] of swaps) {
      expect((await server.call('GET', `/v1/portals/${id}`, { token })).status).toBe(404);
      const res = await server.call('PATCH', `/v1/portals/${id}`, {
        token,
        body: { features: { chat: 'off' } },
      });
      expect(res.status).toBe(404);
    }
    const foreign = await server.handle.db
      .selectFrom('portals')
      .select('features')
      .where('id', '=', 'portal_foreign')
      .executeTakeFirstOrThrow();
    expect(foreign.features.chat).toBe('on');
  });
});
