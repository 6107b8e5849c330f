import { afterAll, beforeAll, expect, it } from 'vitest';
import { CALLER_FIXTURE, type CallerTokens, seedCallers } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { readEvents } from '../testing/sse.js';

type Data = Record<string, unknown> & { type: string; id: string };
type Snapshot = { monitors: Data[]; watch: string; pausesAt: string };

const MONITORS = [
  { id: 'in', type: 'incoming' },
  { id: 'agents', type: 'agents' },
  { id: 'q', type: 'queues', groupBy: 'team' },
  { id: 'live', type: 'active-sessions' },
  { id: 'sl', type: 'service-level', period: 'today', thresholdSeconds: 60 },
];

/**
 * Live dashboards (MC-7): saved per manager with five kinds of monitor, shared by name or with the
 * whole organization, every monitor scoped to the viewer (company manager: everything; the managers
 * of Field: Heating; the manager of Sales: Sales), live over a stream that pauses after 12 hours
 * (injected clock).
 */
forEachBackend('Live dashboards (MC-7)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  let now = new Date('2031-05-04T09:00:00Z');
  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  let salesCustomer: string;
  beforeAll(async () => {
    server = await createTestServer(backend, { heartbeatMs: 200 }, () => now);
    tokens = await seedCallers(server);
    // A device of the Sales team, and its customer.
    const device = await server.call('POST', '/v1/devices', {
      token: tokens.companyManager,
      body: { name: 'Till 3', portalId: FIXTURE.portalId, teamId: CALLER_FIXTURE.salesTeamId },
    });
    const deviceId = ((await device.json()) as { id: string }).id;
    const code = await server.call('POST', `/v1/devices/${deviceId}/access-codes`, {
      token: tokens.companyManager,
      body: {},
    });
    salesCustomer = await server.customer(((await code.json()) as { code: string }).code);
  });
  afterAll(async () => server.close());

  const create = (token: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
    server.call('POST', '/v1/dashboards', { token, body, headers });
  const snapshot = async (id: string, token: string | undefined): Promise<Snapshot> => {
    const res = await server.call('GET', `/v1/dashboards/${id}/snapshot`, { token });
    expect(res.status).toBe(200);
    return (await res.json()) as Snapshot;
  };
  const monitor = (s: { monitors: Data[] }, id: string) => s.monitors.find((m) => m.id === id)!;
  const request = async (token: string, reason: string) => {
    const res = await server.call('POST', '/v1/sessions', { token, body: { reason } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  it('a manager saves, reads, changes (If-Match) and deletes a dashboard; a retried create makes one', async () => {
    const key = { 'idempotency-key': 'dash-1' };
    const body = { name: 'Floor', monitors: MONITORS };
    const first = await create(tokens.teamManager, body, key);
    expect(first.status).toBe(201);
    const made = (await first.json()) as { id: string; monitors: Data[]; access: string; version: number };
    expect(made).toMatchObject({ access: 'own', version: 1, monitors: MONITORS });
    const again = await create(tokens.teamManager, body, key);
    expect(((await again.json()) as { id: string }).id).toBe(made.id);
    const mine = await server.call('GET', '/v1/dashboards', { token: tokens.teamManager });
    expect(((await mine.json()) as { items: { id: string }[] }).items.map((d) => d.id)).toEqual([made.id]);

    const etag = first.headers.get('etag')!;
    const renamed = await server.call('PATCH', `/v1/dashboards/${made.id}`, {
      token: tokens.teamManager,
      body: { name: 'Field floor', monitors: [{ type: 'incoming' }] },
      headers: { 'if-match': etag },
    });
    expect(renamed.status).toBe(200);
    const after = (await renamed.json()) as { name: string; monitors: Data[]; version: number };
    expect(after).toMatchObject({ name: 'Field floor', version: 2 });
    expect(after.monitors[0]!.id).toMatch(/^m[0-9a-f]{8}$/);
    const stale = await server.call('PATCH', `/v1/dashboards/${made.id}`, {
      token: tokens.teamManager,
      body: { name: 'Lost update' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const staleDelete = await server.call('DELETE', `/v1/dashboards/${made.id}`, {
      token: tokens.teamManager,
      headers: { 'if-match': etag },
    });
    expect(staleDelete.status).toBe(412);
    const gone = await server.call('DELETE', `/v1/dashboards/${made.id}`, {
      token: tokens.teamManager,
      headers: { 'if-match': '"2"' },
    });
    expect(gone.status).toBe(204);
    expect(
      (await server.call('GET', `/v1/dashboards/${made.id}`, { token: tokens.teamManager })).status,
    ).toBe(404);
  });

  it('bad input is refused with a problem and stores nothing', async () => {
    const count = async () => (await server.handle.db.selectFrom('dashboards').select('id').execute()).length;
    const before = await count();
    const bad: unknown[] = [
      { name: '' },
      { name: 'x', monitors: [{ type: 'weather' }] },
      { name: 'x', monitors: [{ type: 'service-level', thresholdSeconds: 1 }] },
      { name: 'x', monitors: [{ type: 'incoming', portalId: 'portal_nowhere' }] },
      { name: 'x', monitors: [{ type: 'agents', teamId: 'team_foreign' }] },
      { name: 'x', sharedWith: [FIXTURE.agentId] },
      { name: 'x', sharedWith: [FIXTURE.managerId] },
      { name: 'x', colour: 'red' },
    ];
    for (const body of bad) {
      const res = await create(tokens.companyManager, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await count()).toBe(before);
  });

  it('shared by name or with the organization: viewers see it, only the owner changes it', async () => {
    const res = await create(tokens.teamManager, { name: 'Shared', sharedWith: [CALLER_FIXTURE.tmSalesId] });
    const d = (await res.json()) as { id: string };
    const get = (token: string | undefined) => server.call('GET', `/v1/dashboards/${d.id}`, { token });
    expect((await get(tokens.tmSales)).status).toBe(200);
    expect(((await (await get(tokens.tmSales)).json()) as { access: string }).access).toBe('view');
    expect((await get(tokens.companyManager)).status).toBe(403);
    expect((await get(tokens.agent)).status).toBe(403);
    const listed = async (token: string | undefined) =>
      (
        (await (await server.call('GET', '/v1/dashboards', { token })).json()) as { items: { id: string }[] }
      ).items.map((x) => x.id);
    expect(await listed(tokens.tmSales)).toContain(d.id);
    expect(await listed(tokens.companyManager)).not.toContain(d.id);
    const edit = await server.call('PATCH', `/v1/dashboards/${d.id}`, {
      token: tokens.tmSales,
      body: { name: 'Mine now' },
    });
    expect(edit.status).toBe(403);
    const open = await server.call('PATCH', `/v1/dashboards/${d.id}`, {
      token: tokens.teamManager,
      body: { sharedWithOrganization: true, sharedWith: [] },
    });
    expect(open.status).toBe(200);
    expect((await get(tokens.companyManager)).status).toBe(200);
    expect((await get(tokens.tmSales)).status).toBe(200);
    expect((await get(tokens.agent)).status).toBe(403);
    expect(
      (await server.call('DELETE', `/v1/dashboards/${d.id}`, { token: tokens.companyManager })).status,
    ).toBe(403);
  });

  it('each monitor shows the viewer what they may see, whoever shared the dashboard', async () => {
    const heating = await request((await server.customer(FIXTURE.accessCode))!, 'Heating waits');
    const sales = await request(salesCustomer, 'Till is stuck');
    // A heating call: the agent confirms a request after 30 s and calls.
    const called = await request((await server.customer(FIXTURE.accessCode))!, 'Heating call');
    later(30);
    expect(
      (await server.call('POST', `/v1/sessions/${called}/confirm`, { token: tokens.agent })).status,
    ).toBe(200);
    const call = await server.call('POST', `/v1/sessions/${called}/calls`, { token: tokens.agent });
    const callId = ((await call.json()) as { call: { id: string } }).call.id;
    const console = await server.call('GET', '/v1/events', { token: tokens.salesAgent });
    later(90);
    const made = await create(tokens.companyManager, {
      name: 'Everything',
      monitors: MONITORS,
      sharedWithOrganization: true,
    });
    const { id } = (await made.json()) as { id: string };

    const waitingIds = (s: Snapshot) =>
      (monitor(s, 'in').items as { sessionId: string }[]).map((x) => x.sessionId);
    const cm = await snapshot(id, tokens.companyManager);
    expect(waitingIds(cm)).toEqual(expect.arrayContaining([heating, sales]));
    expect(waitingIds(cm)).not.toContain(called);
    expect(monitor(cm, 'q').items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: FIXTURE.heatingTeamId, name: 'Heating' }),
        expect.objectContaining({ key: CALLER_FIXTURE.salesTeamId, waiting: 1 }),
      ]),
    );
    expect(monitor(cm, 'live').items).toEqual([
      expect.objectContaining({
        sessionId: called,
        callId,
        agents: [expect.objectContaining({ id: FIXTURE.agentId })],
      }),
    ]);
    const agents = monitor(cm, 'agents').items as {
      userId: string;
      status: string;
      sessionId: string | null;
    }[];
    expect(agents.find((a) => a.userId === FIXTURE.agentId)).toMatchObject({
      status: 'offline',
      sessionId: called,
    });
    // The sales agent's console beats on the dashboard's write (a wake after the clock moved on),
    // and its refresh is written in the background: the snapshot shows it once it has landed.
    await expect
      .poll(
        async () =>
          (
            (await snapshot(id, tokens.companyManager)).monitors.find((m) => m.id === 'agents')!
              .items as typeof agents
          ).find((a) => a.userId === CALLER_FIXTURE.salesAgentId)?.status,
        { timeout: 5_000 },
      )
      .toBe('available');
    // Service level, threshold 60 s, today: the confirmed call (30 s) met; the two requests have
    // waited 90 s: missed.
    expect(monitor(cm, 'sl')).toMatchObject({ met: 1, missed: 2, pending: 0, share: 1 / 3 });

    const field = await snapshot(id, tokens.teamManager);
    expect(waitingIds(field)).toContain(heating);
    expect(waitingIds(field)).not.toContain(sales);
    expect((monitor(field, 'agents').items as { userId: string }[]).map((a) => a.userId)).not.toContain(
      CALLER_FIXTURE.salesAgentId,
    );
    expect(monitor(field, 'live').items).toHaveLength(1);
    expect(monitor(field, 'sl')).toMatchObject({ met: 1, missed: 1 });

    const salesView = await snapshot(id, tokens.tmSales);
    expect(waitingIds(salesView)).toEqual([sales]);
    expect(monitor(salesView, 'live').items).toEqual([]);
    expect((monitor(salesView, 'agents').items as { userId: string }[]).map((a) => a.userId)).toEqual([
      CALLER_FIXTURE.salesAgentId,
    ]);
    expect(monitor(salesView, 'sl')).toMatchObject({ met: 0, missed: 1 });
    await console.body!.cancel();
  });

  it('live: a new request reaches the open stream at once; after 12 hours it pauses; a new snapshot resumes', async () => {
    const made = await create(tokens.companyManager, {
      name: 'Wall',
      monitors: [{ id: 'in', type: 'incoming' }],
    });
    const { id } = (await made.json()) as { id: string };
    const first = await snapshot(id, tokens.companyManager);
    expect(new Date(first.pausesAt).getTime() - now.getTime()).toBe(12 * 3_600_000);
    const stream = await server.call(
      'GET',
      `/v1/dashboards/${id}/stream?watch=${encodeURIComponent(first.watch)}`,
      {
        token: tokens.companyManager,
      },
    );
    expect(stream.status).toBe(200);
    let newId = '';
    const reading = readEvents(stream, (events) => events.some((e) => e.event === 'paused'), 8_000);
    await new Promise((r) => setTimeout(r, 300));
    newId = await request(salesCustomer, 'Live on the wall');
    await new Promise((r) => setTimeout(r, 500));
    later(12 * 3600);
    const { events } = await reading;
    const snapshots = events.filter((e) => e.event === 'snapshot').map((e) => JSON.parse(e.data) as Snapshot);
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    expect(
      (monitor(snapshots.at(-1)!, 'in').items as { sessionId: string }[]).map((x) => x.sessionId),
    ).toContain(newId);
    const paused = events.find((e) => e.event === 'paused');
    expect(JSON.parse(paused!.data)).toMatchObject({ reason: 'dashboard-timeout' });
    // The same watch cannot go on: its stream pauses at once. A new snapshot starts a new watch.
    const fresh = await server.call('POST', '/v1/auth/login', {
      body: { email: FIXTURE.managerEmail, password: FIXTURE.password },
    });
    const token = ((await fresh.json()) as { token: string }).token;
    const old = await server.call(
      'GET',
      `/v1/dashboards/${id}/stream?watch=${encodeURIComponent(first.watch)}`,
      { token },
    );
    const { events: oldEvents } = await readEvents(old, (e) => e.some((x) => x.event === 'paused'), 3_000);
    expect(oldEvents.map((e) => e.event)).toContain('paused');
    const resumed = await snapshot(id, token);
    expect(new Date(resumed.pausesAt).getTime()).toBe(now.getTime() + 12 * 3_600_000);
    const live = await server.call(
      'GET',
      `/v1/dashboards/${id}/stream?watch=${encodeURIComponent(resumed.watch)}`,
      { token },
    );
    const { events: liveEvents } = await readEvents(
      live,
      (e) => e.some((x) => x.event === 'snapshot'),
      3_000,
    );
    expect(liveEvents.map((e) => e.event)).toEqual(['ready', 'snapshot']);
    // Another dashboard's (or person's) watch is refused.
    const other = await server.call('POST', '/v1/dashboards', { token, body: { name: 'Other' } });
    const otherId = ((await other.json()) as { id: string }).id;
    const wrong = await server.call(
      'GET',
      `/v1/dashboards/${otherId}/stream?watch=${encodeURIComponent(resumed.watch)}`,
      { token },
    );
    expect(wrong.status).toBe(400);
  });
});
