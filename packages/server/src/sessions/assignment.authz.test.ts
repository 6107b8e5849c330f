import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CallerTokens, type MatrixOperation, matrix, seedCallers } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of assign and claim (VS-3, VS-7): managers above the session assign (no
 * granted right needed — it is their team's work); agents of a responsible team claim what nobody
 * holds; customers and API keys do neither; other organizations get 404.
 */
const {
  callers: CALLERS,
  row,
  runMatrix,
} = matrix([
  'anonymous',
  'customer',
  'otherCustomer',
  'agent',
  'salesAgent',
  'teamManager',
  'tmRight',
  'tmSales',
  'companyManager',
  'apiKey',
  'otherOrg',
]);
type Caller = (typeof CALLERS)[number];

interface Operation extends MatrixOperation<Caller, string> {
  /** Who holds the session before the call. */
  heldBy: string[];
}

//                                                   anon cust othC agnt agO  tm-  tm+  tmO  cm   api  org
const OPERATIONS: Operation[] = [
  {
    name: 'POST …/assign (unassigned request)',
    heldBy: [],
    request: (id) => ({
      method: 'POST',
      path: `/v1/sessions/${id}/assign`,
      body: { userId: FIXTURE.agent2Id },
    }),
    expected: row(401, 403, 403, 403, 403, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'POST …/assign (held by the agent)',
    heldBy: [FIXTURE.agentId],
    request: (id) => ({
      method: 'POST',
      path: `/v1/sessions/${id}/assign`,
      body: { userId: FIXTURE.agent2Id },
    }),
    expected: row(401, 403, 403, 403, 403, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'POST …/claim (unassigned request)',
    heldBy: [],
    request: (id) => ({ method: 'POST', path: `/v1/sessions/${id}/claim` }),
    expected: row(401, 403, 403, 200, 403, 403, 403, 403, 403, 403, 404),
  },
  {
    name: 'POST …/claim (held by another agent)',
    heldBy: [FIXTURE.agent2Id],
    request: (id) => ({ method: 'POST', path: `/v1/sessions/${id}/claim` }),
    expected: row(401, 403, 403, 409, 403, 403, 403, 403, 403, 403, 404),
  },
];

forEachBackend('assignment authorization matrix (VS-3, VS-7)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server, { tmRight: ['agents.edit', 'agents.move'], tmSales: ['agents.edit'] });
  });
  afterAll(async () => server.close());

  async function requested(heldBy: string[]): Promise<string> {
    const id = randomUUID();
    await server.handle.db
      .insertInto('sessions')
      .values({
        id,
        organization_id: FIXTURE.organizationId,
        device_id: FIXTURE.deviceId,
        portal_id: FIXTURE.portalId,
        team_id: FIXTURE.heatingTeamId,
        assignee_ids: JSON.stringify(heldBy),
        status: 'requested',
        reason: 'matrix',
        ticket_links: '[]',
        recording_consent: null,
        cancel_reason: null,
        created_by_kind: 'customer',
        created_by_id: FIXTURE.deviceId,
      })
      .execute();
    return id;
  }

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, {
      setup: (op) => requested(op.heldBy),
    });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });
});
