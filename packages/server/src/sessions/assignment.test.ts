import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

interface SessionBody {
  id: string;
  status: string;
  version: number;
  assigneeIds: string[];
  assignees?: { id: string; displayName: string; deleted: boolean }[];
}
interface Problem {
  status: number;
  code: string;
  detail?: string;
}

forEachBackend('session assignment (VS-3, VS-7)', (backend) => {
  let server: TestServer;
  let manager: string;
  let agent: string;
  let agent2: string;
  let teamManager: string;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    manager = await server.login(FIXTURE.managerEmail);
    agent = await server.login(FIXTURE.agentEmail);
    agent2 = await server.login(FIXTURE.agent2Email);
    teamManager = await server.login(FIXTURE.teamManagerEmail);
    customer = await server.customer(FIXTURE.accessCode);
  });
  afterAll(async () => server.close());
  beforeEach(async () => server.reset());

  async function request(reason = 'needs help'): Promise<SessionBody> {
    const res = await server.call('POST', '/v1/sessions', { token: customer, body: { reason } });
    expect(res.status).toBe(201);
    return (await res.json()) as SessionBody;
  }
  const assign = (id: string, userId: string | null, token = manager, headers: Record<string, string> = {}) =>
    server.call('POST', `/v1/sessions/${id}/assign`, { token, body: { userId }, headers });
  const claim = (id: string, token: string) => server.call('POST', `/v1/sessions/${id}/claim`, { token });

  it('VS-3, VS-7: a company manager assigns a request; the holder is named, the version moves, other agents lose it', async () => {
    const session = await request();
    expect((await server.call('GET', `/v1/sessions/${session.id}`, { token: agent })).status).toBe(200);
    const res = await assign(session.id, FIXTURE.agent2Id, manager, { 'if-match': `"${session.version}"` });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${session.version + 1}"`);
    const body = (await res.json()) as SessionBody;
    expect(body.assigneeIds).toEqual([FIXTURE.agent2Id]);
    expect(body.assignees).toEqual([{ id: FIXTURE.agent2Id, displayName: 'Second Agent', deleted: false }]);
    expect((await server.call('GET', `/v1/sessions/${session.id}`, { token: agent })).status).toBe(403);
    const held = (await (
      await server.call('GET', `/v1/sessions/${session.id}`, { token: agent2 })
    ).json()) as SessionBody;
    expect(held.assignees?.[0]?.displayName).toBe('Second Agent');
    // One change, told to those who saw the session before (the team) and after (the holder).
    const events = await server.handle.db
      .selectFrom('outbox')
      .select(['type', 'scope', 'data'])
      .where('session_id', '=', session.id)
      .where('type', '=', 'session.changed')
      .execute();
    expect(events.map((e) => e.scope.assigneeIds)).toEqual([[], [FIXTURE.agent2Id]]);
    expect(events.every((e) => (e.data as { event: string }).event === 'assign')).toBe(true);
    const told = events[0]?.data as { session: SessionBody } | undefined;
    expect(told?.session.assignees?.[0]?.displayName).toBe('Second Agent');
    // Stale If-Match: 412, nothing changes.
    const stale = await assign(session.id, FIXTURE.agentId, manager, { 'if-match': `"${session.version}"` });
    expect(stale.status).toBe(412);
  });

  it('VS-3: an agent of the team claims a request; another agent then gets 409; claiming again changes nothing', async () => {
    const session = await request();
    const first = await claim(session.id, agent);
    expect(first.status).toBe(200);
    const claimed = (await first.json()) as SessionBody;
    expect(claimed.assignees).toEqual([{ id: FIXTURE.agentId, displayName: 'Demo Agent', deleted: false }]);
    const second = await claim(session.id, agent2);
    expect(second.status).toBe(409);
    expect(((await second.json()) as Problem).code).toBe('already-assigned');
    const again = await claim(session.id, agent);
    expect(again.status).toBe(200);
    expect(((await again.json()) as SessionBody).version).toBe(claimed.version);
    // The holder now runs it.
    expect((await server.call('POST', `/v1/sessions/${session.id}/confirm`, { token: agent })).status).toBe(
      200,
    );
  });

  it('VS-3: an agent of a team below the session’s team may claim it; managers assign instead of claiming', async () => {
    await server.handle.db
      .insertInto('teams')
      .values({
        id: 'team_boilers',
        organization_id: FIXTURE.organizationId,
        parent_id: FIXTURE.heatingTeamId,
        name: 'Boilers',
      })
      .execute();
    await server.handle.db
      .updateTable('users')
      .set({ team_id: 'team_boilers' })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    const session = await request();
    const managerClaim = await claim(session.id, manager);
    expect(managerClaim.status).toBe(403);
    expect(((await managerClaim.json()) as Problem).detail).toContain('managers assign');
    expect((await claim(session.id, agent2)).status).toBe(200);
  });

  it('refuses targets that cannot hold the session (422) and callers who may not assign (403)', async () => {
    await server.handle.db
      .insertInto('teams')
      .values({ id: 'team_sales', organization_id: FIXTURE.organizationId, parent_id: null, name: 'Sales' })
      .execute();
    await server.handle.db
      .updateTable('users')
      .set({ team_id: 'team_sales' })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    const session = await request();
    for (const userId of [FIXTURE.agent2Id, FIXTURE.teamManagerId, 'user_foreign', 'nobody']) {
      const res = await assign(session.id, userId);
      expect(res.status, userId).toBe(422);
      expect(((await res.json()) as Problem).code).toBe('assignee-not-eligible');
    }
    await server.handle.db
      .updateTable('users')
      .set({ deleted_at: new Date(), team_id: FIXTURE.heatingTeamId })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    expect((await assign(session.id, FIXTURE.agent2Id)).status).toBe(422);
    const byAgent = await assign(session.id, FIXTURE.agentId, agent);
    expect(byAgent.status).toBe(403);
    expect((await assign(session.id, FIXTURE.agentId, customer)).status).toBe(403);
  });

  it('VS-7: a team manager above the session assigns and gives it back to the team (null)', async () => {
    const session = await request();
    const res = await assign(session.id, FIXTURE.agentId, teamManager);
    expect(res.status).toBe(200);
    const back = await assign(session.id, null, teamManager);
    expect(((await back.json()) as SessionBody).assigneeIds).toEqual([]);
    expect((await server.call('GET', `/v1/sessions/${session.id}`, { token: agent2 })).status).toBe(200);
  });

  it('VS-6: no change of hands during a call (409 session-in-call) nor once finished (409 session-finished)', async () => {
    const session = await request();
    await claim(session.id, agent);
    await server.call('POST', `/v1/sessions/${session.id}/confirm`, { token: agent });
    expect((await server.call('POST', `/v1/sessions/${session.id}/calls`, { token: agent })).status).toBe(
      201,
    );
    const inCall = await assign(session.id, FIXTURE.agent2Id);
    expect(((await inCall.json()) as Problem).code).toBe('session-in-call');
    const other = await request('another');
    await server.call('POST', `/v1/sessions/${other.id}/cancel`, { token: customer });
    const finished = await claim(other.id, agent);
    expect(finished.status).toBe(409);
    expect(((await finished.json()) as Problem).code).toBe('session-finished');
  });

  it('VS-3: a device assigned to an agent sends its requests to that agent; a deleted holder shows as deleted', async () => {
    await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      body: { assigneeId: FIXTURE.agent2Id },
    });
    const session = await request();
    expect(session.assigneeIds).toEqual([FIXTURE.agent2Id]);
    expect(session.assignees?.[0]?.displayName).toBe('Second Agent');
    expect((await server.call('GET', `/v1/sessions/${session.id}`, { token: agent })).status).toBe(403);
    await server.handle.db
      .updateTable('users')
      .set({ deleted_at: new Date() })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    const kept = (await (
      await server.call('GET', `/v1/sessions/${session.id}`, { token: manager })
    ).json()) as SessionBody;
    expect(kept.assignees).toEqual([{ id: FIXTURE.agent2Id, displayName: 'Second Agent', deleted: true }]);
    // The next request goes to the team again: the device's agent is gone.
    const next = await request('after the agent left');
    expect(next.assigneeIds).toEqual([]);
  });

  it('another organization’s session id is 404 for assign and claim', async () => {
    const session = await request();
    const foreign = await server.login(FIXTURE.otherOrgManagerEmail);
    expect((await assign(session.id, FIXTURE.agentId, foreign)).status).toBe(404);
    expect((await claim(session.id, foreign)).status).toBe(404);
  });
});
