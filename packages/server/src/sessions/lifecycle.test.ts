import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

type Wire = { id: string; status: string; version: number; calls: Array<{ id: string; endedAt?: string }> };
/** A session on the wire, whole. */
type Stored = Record<string, unknown> & { id: string; capabilities?: unknown };

forEachBackend('session lifecycle over HTTP (VS-1, VS-4, VS-5, VS-6, VS-8, VS-16)', (backend) => {
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

  const post = async (token: string, path: string, body?: unknown) =>
    server.call('POST', path, { token, body });
  const read = async (id: string) =>
    (await (await server.call('GET', `/v1/sessions/${id}`, { token: agent })).json()) as Wire;

  /** Drives a fresh session into `status` through the API. */
  async function sessionIn(status: string): Promise<Wire> {
    const created = (await (
      await post(customer, '/v1/sessions', { reason: 'E42 on display' })
    ).json()) as Wire;
    const id = created.id;
    if (status === 'requested') return read(id);
    if (status === 'cancelled') {
      await post(customer, `/v1/sessions/${id}/cancel`, { reason: 'solved' });
      return read(id);
    }
    await post(agent, `/v1/sessions/${id}/confirm`);
    if (status === 'confirmed') return read(id);
    const call = (await (await post(agent, `/v1/sessions/${id}/calls`)).json()) as { call: { id: string } };
    if (status === 'running') return read(id);
    await post(agent, `/v1/sessions/${id}/calls/${call.call.id}/end`);
    if (status === 'completed') return read(id);
    await post(agent, `/v1/sessions/${id}/close`);
    return read(id);
  }

  it('a customer request starts requested; a staff session starts confirmed (VS-1, VS-5)', async () => {
    const res = await post(customer, '/v1/sessions', {
      reason: 'Boiler leaks',
      ticketLinks: ['https://crm.example/t/1'],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toMatchObject({
      status: 'requested',
      deviceId: FIXTURE.deviceId,
      requestedBy: { kind: 'customer' },
    });
    const staff = await post(agent, '/v1/sessions', { deviceId: FIXTURE.deviceId, reason: 'Follow-up' });
    expect(staff.status).toBe(201);
    expect(await staff.json()).toMatchObject({ status: 'confirmed', assigneeIds: [FIXTURE.agentId] });
  });

  it('walks requested → confirmed → running → completed → closed → confirmed with two calls (VS-6, VS-16)', async () => {
    const s = await sessionIn('closed');
    expect(s.status).toBe('closed');
    const reopened = await post(agent, `/v1/sessions/${s.id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(((await reopened.json()) as Wire).status).toBe('confirmed');
    const second = await post(customer, `/v1/sessions/${s.id}/calls`);
    expect(second.status).toBe(201);
    const after = await read(s.id);
    expect(after.status).toBe('running');
    expect(after.calls).toHaveLength(2);
  });

  // [from status, action, actor, expected HTTP status, resulting status]
  const table: Array<[string, string, 'agent' | 'customer', number, string]> = [
    ['requested', 'confirm', 'agent', 200, 'confirmed'],
    ['requested', 'confirm', 'customer', 403, 'requested'],
    ['requested', 'cancel', 'customer', 200, 'cancelled'],
    ['requested', 'cancel', 'agent', 200, 'cancelled'],
    ['requested', 'close', 'agent', 409, 'requested'],
    ['requested', 'reopen', 'agent', 409, 'requested'],
    ['requested', 'calls', 'agent', 409, 'requested'],
    ['confirmed', 'confirm', 'agent', 409, 'confirmed'],
    ['confirmed', 'cancel', 'customer', 200, 'cancelled'],
    ['confirmed', 'close', 'agent', 409, 'confirmed'],
    ['confirmed', 'reopen', 'agent', 409, 'confirmed'],
    ['confirmed', 'calls', 'customer', 201, 'running'],
    ['confirmed', 'calls', 'agent', 201, 'running'],
    ['running', 'confirm', 'agent', 409, 'running'],
    ['running', 'cancel', 'agent', 409, 'running'],
    ['running', 'close', 'agent', 409, 'running'],
    ['running', 'reopen', 'agent', 409, 'running'],
    ['running', 'calls', 'agent', 200, 'running'], // joins the running call
    ['completed', 'confirm', 'agent', 409, 'completed'],
    ['completed', 'cancel', 'customer', 409, 'completed'],
    ['completed', 'close', 'agent', 200, 'closed'],
    ['completed', 'close', 'customer', 403, 'completed'],
    ['completed', 'reopen', 'agent', 200, 'confirmed'],
    ['completed', 'reopen', 'customer', 403, 'completed'],
    ['completed', 'calls', 'agent', 409, 'completed'],
    ['closed', 'confirm', 'agent', 409, 'closed'],
    ['closed', 'cancel', 'agent', 409, 'closed'],
    ['closed', 'close', 'agent', 409, 'closed'],
    ['closed', 'reopen', 'agent', 200, 'confirmed'],
    ['closed', 'calls', 'agent', 409, 'closed'],
    ['cancelled', 'confirm', 'agent', 409, 'cancelled'],
    ['cancelled', 'cancel', 'customer', 409, 'cancelled'],
    ['cancelled', 'close', 'agent', 409, 'cancelled'],
    ['cancelled', 'reopen', 'agent', 409, 'cancelled'],
    ['cancelled', 'calls', 'customer', 409, 'cancelled'],
  ];

  it('applies every transition of the table and changes nothing on refusal', async () => {
    const mismatches: string[] = [];
    for (const [from, action, who, expected, resulting] of table) {
      const s = await sessionIn(from);
      const res = await post(who === 'agent' ? agent : customer, `/v1/sessions/${s.id}/${action}`);
      const after = await read(s.id);
      const problemOk =
        res.status < 400 || (res.headers.get('content-type') ?? '').startsWith('application/problem+json');
      const unchanged =
        res.status < 400 ? true : after.version === s.version && after.calls.length === s.calls.length;
      if (res.status !== expected || after.status !== resulting || !problemOk || !unchanged) {
        mismatches.push(
          `${from} ${action} by ${who}: ${res.status} → ${after.status} (v${s.version}→v${after.version})`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('VS-8: starting while a call runs joins that call, and ending it completes the session (VS-6)', async () => {
    const s = await sessionIn('running');
    const first = s.calls[0]!.id;
    const res = await post(customer, `/v1/sessions/${s.id}/calls`);
    expect(res.status).toBe(200);
    const joined = (await res.json()) as { call: { id: string }; media: { transport: string } };
    expect(joined.call.id).toBe(first);
    expect((await read(s.id)).calls).toHaveLength(1);
    expect((await post(agent, `/v1/sessions/${s.id}/calls/${first}/end`)).status).toBe(200);
    const done = await read(s.id);
    expect(done.status).toBe('completed');
    expect(done.calls.every((c) => c.endedAt)).toBe(true);
    expect((await post(agent, `/v1/sessions/${s.id}/calls/${first}/end`)).status).toBe(409);
  });

  it('VS-8: both sides pressing start at once meet in one call', async () => {
    const s = await sessionIn('confirmed');
    const [a, b] = await Promise.all([
      post(agent, `/v1/sessions/${s.id}/calls`),
      post(customer, `/v1/sessions/${s.id}/calls`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const ids = await Promise.all([a.json(), b.json()]).then((r) =>
      r.map((x) => (x as { call: { id: string } }).call.id),
    );
    expect(ids[0]).toBe(ids[1]);
    expect((await read(s.id)).calls).toHaveLength(1);
  });

  it('keeps the cancel reason', async () => {
    const s = await sessionIn('requested');
    const res = await post(customer, `/v1/sessions/${s.id}/cancel`, { reason: 'fixed it myself' });
    expect(await res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'fixed it myself' });
  });

  it('refuses with a problem document that carries the rule’s reason', async () => {
    const s = await sessionIn('requested');
    const res = await post(agent, `/v1/sessions/${s.id}/reopen`);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 409, code: 'invalid-transition' });
  });

  // A new session's answer and its `session.created` event are made from the row as the server
  // writes it, not read back (on PGlite the row goes with the COMMIT, issue 13): both must be exactly
  // what the database then holds, as a read of it shows.

  /** POST /v1/sessions as `token`; then the answer, a read of the session and its event's session. */
  async function created(token: string, body: Record<string, unknown>) {
    const res = await server.call('POST', '/v1/sessions', { token, body });
    expect(res.status).toBe(201);
    const answer = (await res.json()) as Stored;
    const again = await server.call('GET', `/v1/sessions/${answer.id}`, { token });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
    const event = await server.handle.db
      .selectFrom('outbox')
      .select('data')
      .where('session_id', '=', answer.id)
      .where('type', '=', 'session.created')
      .executeTakeFirstOrThrow();
    return {
      answer,
      read: (await again.json()) as Stored,
      event: (event.data as { session: Stored }).session,
    };
  }

  it('a customer request, with ticket links and the time it was made: answer, read and event agree', async () => {
    const { answer, read, event } = await created(customer, {
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
    const { answer, read, event } = await created(customer, {
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
    const { answer, read, event } = await created(agent, { deviceId: FIXTURE.deviceId, reason: 'Follow-up' });
    expect(answer).toEqual(read);
    const { capabilities: _, ...session } = read;
    expect(event).toEqual(session);
    expect(read).toMatchObject({ status: 'confirmed', assigneeIds: [FIXTURE.agentId] });
  });
});
