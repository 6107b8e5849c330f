import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CallerTokens, type MatrixOperation, matrix, seedCallers } from './testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from './testing/harness.js';

/**
 * Authorization matrix (VS-7, MC-1): every operation × every kind of caller, with the expected
 * status. Other organizations get 404 (their ids do not exist for the caller); inside the
 * organization, a caller without rights gets 403. `agent` is assigned to the sessions below;
 * `agent2`, of the same team, is not.
 */
const {
  callers: ACTORS,
  row,
  runMatrix,
} = matrix([
  'anonymous',
  'customer',
  'otherCustomer',
  'agent',
  'agent2',
  'teamManager',
  'companyManager',
  'apiKey',
  'otherOrg',
]);
type ActorName = (typeof ACTORS)[number];

type Status = 'requested' | 'confirmed' | 'running' | 'completed';
interface Operation extends MatrixOperation<ActorName, { sessionId: string; callId: string }> {
  /** State the session must be in for an allowed caller to succeed; none → no session needed. */
  state?: Status;
}

const S = (s: { sessionId: string }) => `/v1/sessions/${s.sessionId}`;
const C = (s: { sessionId: string; callId: string }) => `/v1/sessions/${s.sessionId}/calls/${s.callId}`;

//                                                          anon cust othC asgA unaA  tm   cm  api  org
const OPERATIONS: Operation[] = [
  {
    name: 'GET /v1/me',
    request: () => ({ method: 'GET', path: '/v1/me' }),
    expected: row(401, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'GET /v1/devices',
    request: () => ({ method: 'GET', path: '/v1/devices' }),
    expected: row(401, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'GET /v1/devices/{id}',
    request: () => ({ method: 'GET', path: `/v1/devices/${FIXTURE.deviceId}` }),
    expected: row(401, 200, 403, 200, 200, 200, 200, 403, 404),
  },
  {
    name: 'GET /v1/sessions',
    request: () => ({ method: 'GET', path: '/v1/sessions' }),
    expected: row(401, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  {
    // MC-9: managers report over their organization; others need the reports right (none here).
    name: 'GET /v1/reports/{kind}',
    request: () => ({ method: 'GET', path: '/v1/reports/service-metrics' }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200),
  },
  {
    // MC-7: staff have a presence; dashboards are kept by managers (dashboards.authz.test.ts covers the rest).
    name: 'GET /v1/presence',
    request: () => ({ method: 'GET', path: '/v1/presence' }),
    expected: row(401, 403, 403, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'GET /v1/dashboards',
    request: () => ({ method: 'GET', path: '/v1/dashboards' }),
    expected: row(401, 403, 403, 403, 403, 200, 200, 403, 200),
  },
  {
    name: 'POST /v1/sessions',
    request: () => ({
      method: 'POST',
      path: '/v1/sessions',
      body: { deviceId: FIXTURE.deviceId, reason: 'matrix' },
    }),
    expected: row(401, 201, 403, 201, 201, 201, 201, 403, 404),
    // The device the body names decides: an agent's reach, another organization's 404.
    bodyDecidesAccess: true,
  },
  {
    name: 'GET /v1/sessions/{id}',
    state: 'requested',
    request: (s) => ({ method: 'GET', path: S(s) }),
    expected: row(401, 200, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'POST …/confirm',
    state: 'requested',
    request: (s) => ({ method: 'POST', path: `${S(s)}/confirm` }),
    expected: row(401, 403, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'POST …/cancel',
    state: 'requested',
    request: (s) => ({ method: 'POST', path: `${S(s)}/cancel` }),
    expected: row(401, 200, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'POST …/close',
    state: 'completed',
    request: (s) => ({ method: 'POST', path: `${S(s)}/close` }),
    expected: row(401, 403, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'POST …/reopen',
    state: 'completed',
    request: (s) => ({ method: 'POST', path: `${S(s)}/reopen` }),
    expected: row(401, 403, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'POST …/calls',
    state: 'confirmed',
    request: (s) => ({ method: 'POST', path: `${S(s)}/calls` }),
    expected: row(401, 201, 403, 201, 403, 201, 201, 403, 404),
  },
  {
    name: 'POST …/calls/{callId}/join',
    state: 'running',
    request: (s) => ({ method: 'POST', path: `${C(s)}/join` }),
    expected: row(401, 200, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'POST …/calls/{callId}/end',
    state: 'running',
    request: (s) => ({ method: 'POST', path: `${C(s)}/end` }),
    expected: row(401, 200, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'POST …/calls/{callId}/signals',
    state: 'running',
    request: (s) => ({
      method: 'POST',
      path: `${C(s)}/signals`,
      body: { payload: { type: 'offer', sdp: 'v=0' } },
    }),
    expected: row(401, 202, 403, 202, 403, 202, 202, 403, 404),
  },
  {
    name: 'POST …/calls/{callId}/presence',
    state: 'running',
    request: (s) => ({ method: 'POST', path: `${C(s)}/presence`, body: { present: true } }),
    expected: row(401, 200, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'GET …/calls/{callId}/signals',
    state: 'running',
    request: (s) => ({ method: 'GET', path: `${C(s)}/signals` }),
    expected: row(401, 200, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'POST …/consents',
    state: 'requested',
    request: (s) => ({
      method: 'POST',
      path: `${S(s)}/consents`,
      body: { kind: 'recording', decision: 'granted' },
    }),
    expected: row(401, 201, 403, 403, 403, 403, 403, 403, 404),
  },
  {
    name: 'GET …/consents',
    state: 'requested',
    request: (s) => ({ method: 'GET', path: `${S(s)}/consents` }),
    expected: row(401, 200, 403, 200, 403, 200, 200, 403, 404),
  },
  {
    name: 'GET /v1/events',
    request: () => ({ method: 'GET', path: '/v1/events' }),
    expected: row(401, 200, 200, 200, 200, 200, 200, 200, 200),
  },
];

forEachBackend('authorization matrix (VS-7, MC-1)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server);
  });
  afterAll(async () => server.close());

  /** A session of the demo device assigned to the demo agent, put straight into `state`. */
  async function sessionIn(state: Status): Promise<{ sessionId: string; callId: string }> {
    const sessionId = randomUUID();
    const callId = randomUUID();
    await server.handle.db
      .insertInto('sessions')
      .values({
        id: sessionId,
        organization_id: FIXTURE.organizationId,
        device_id: FIXTURE.deviceId,
        portal_id: FIXTURE.portalId,
        team_id: FIXTURE.heatingTeamId,
        assignee_ids: JSON.stringify([FIXTURE.agentId]),
        status: state,
        reason: 'matrix',
        ticket_links: '[]',
        recording_consent: null,
        cancel_reason: null,
        created_by_kind: 'customer',
        created_by_id: FIXTURE.deviceId,
      })
      .execute();
    if (state === 'running' || state === 'completed') {
      await server.handle.db
        .insertInto('calls')
        .values({
          id: callId,
          organization_id: FIXTURE.organizationId,
          session_id: sessionId,
          transport: 'p2p',
          started_by_participant: 'p_test',
          ended_at: state === 'completed' ? new Date() : null,
        })
        .execute();
    }
    return { sessionId, callId };
  }

  it(`${OPERATIONS.length} operations × ${ACTORS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, {
      setup: (op) => (op.state ? sessionIn(op.state) : { sessionId: 'none', callId: 'none' }),
    });
    expect(cells).toBe(OPERATIONS.length * ACTORS.length);
    expect(mismatches).toEqual([]);
  });
});
