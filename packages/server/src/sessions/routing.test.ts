import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

interface SessionBody {
  assigneeIds: string[];
  assignees?: { id: string; displayName: string; deleted: boolean }[];
}

// Where a request goes is read from the read cache (issue 13); every change to what it is read from
// must reach the next request at once.
forEachBackend('request routing follows every change (VS-3, MC-6, issue 13)', (backend) => {
  let server: TestServer;
  let manager: string;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    manager = await server.login(FIXTURE.managerEmail);
    customer = await server.customer(FIXTURE.accessCode);
  });
  afterAll(async () => server.close());
  beforeEach(async () => server.reset());

  async function request(): Promise<SessionBody> {
    const res = await server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'routing' } });
    expect(res.status).toBe(201);
    return (await res.json()) as SessionBody;
  }

  it('VS-3: a device given to an agent, that agent renamed, then deleted: each next request shows it', async () => {
    expect((await request()).assigneeIds).toEqual([]);
    const assigned = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      body: { assigneeId: FIXTURE.agent2Id },
    });
    expect(assigned.status).toBe(200);
    const held = await request();
    expect(held.assigneeIds).toEqual([FIXTURE.agent2Id]);
    expect(held.assignees).toEqual([{ id: FIXTURE.agent2Id, displayName: 'Second Agent', deleted: false }]);
    await server.handle.db
      .updateTable('users')
      .set({ display_name: 'Renamed Agent' })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    expect((await request()).assignees?.[0]?.displayName).toBe('Renamed Agent');
    // … and so does the event the streams get.
    const event = await server.handle.db
      .selectFrom('outbox')
      .select('data')
      .where('type', '=', 'session.created')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const data = (typeof event.data === 'string' ? JSON.parse(event.data) : event.data) as {
      session: SessionBody;
    };
    expect(data.session.assignees?.[0]?.displayName).toBe('Renamed Agent');
    await server.handle.db
      .updateTable('users')
      .set({ deleted_at: new Date() })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    expect((await request()).assigneeIds).toEqual([]);
  });

  it('MC-6: a device deleted takes no more requests', async () => {
    await request();
    await server.handle.db
      .updateTable('devices')
      .set({ deleted_at: new Date() })
      .where('id', '=', FIXTURE.deviceId)
      .execute();
    const res = await server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'routing' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
