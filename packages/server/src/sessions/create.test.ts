import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

// A new session's answer and its `session.created` event are made from the row as the server writes
// it, not read back (on PGlite the row goes with the COMMIT, issue 13): both must be exactly what the
// database then holds, as a read of it shows.

type Wire = Record<string, unknown> & { id: string; capabilities?: unknown };

forEachBackend('creating a session answers the session as stored (VS-1, VS-5)', (backend) => {
  let server: TestServer;
  let agent: string;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
  });

  /** POST /v1/sessions as `token`; then the answer, a read of the session and its event's session. */
  async function create(token: string, body: Record<string, unknown>) {
    const res = await server.call('POST', '/v1/sessions', { token, body });
    expect(res.status).toBe(201);
    const answer = (await res.json()) as Wire;
    const read = await server.call('GET', `/v1/sessions/${answer.id}`, { token });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(res.headers.get('etag'));
    const event = await server.handle.db
      .selectFrom('outbox')
      .select('data')
      .where('session_id', '=', answer.id)
      .where('type', '=', 'session.created')
      .executeTakeFirstOrThrow();
    return { answer, read: (await read.json()) as Wire, event: (event.data as { session: Wire }).session };
  }

  it('a customer request, with ticket links and the time it was made: answer, read and event agree', async () => {
    const { answer, read, event } = await create(customer, {
      reason: 'E42 on display — “ÄÖÜ” ✓',
      ticketLinks: ['https://crm.example/t/1', 'https://crm.example/t/2'],
    });
    expect(answer).toEqual(read);
    const { capabilities, ...session } = read;
    expect(capabilities).toBeDefined();
    expect(event).toEqual(session);
    expect(read).toMatchObject({ status: 'requested', version: 1, reason: 'E42 on display — “ÄÖÜ” ✓' });
  });

  it('a request with recording consent writes the session before its consent: all three agree', async () => {
    const { answer, read, event } = await create(customer, {
      reason: 'record it',
      recordingConsent: 'granted',
    });
    expect(answer).toEqual(read);
    const { capabilities: _, ...session } = read;
    expect(event).toEqual(session);
    expect(read).toMatchObject({ recordingConsent: 'granted' });
    const consents = await server.handle.db
      .selectFrom('consents')
      .select(['kind', 'decision'])
      .where('session_id', '=', answer.id)
      .execute();
    expect(consents).toEqual([{ kind: 'recording', decision: 'granted' }]);
  });

  it('a staff session with its assignee: answer, read and event agree', async () => {
    const { answer, read, event } = await create(agent, { deviceId: FIXTURE.deviceId, reason: 'Follow-up' });
    expect(answer).toEqual(read);
    const { capabilities: _, ...session } = read;
    expect(event).toEqual(session);
    expect(read).toMatchObject({ status: 'confirmed', assigneeIds: [FIXTURE.agentId] });
  });
});
