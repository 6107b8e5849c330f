import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

// Reports (MC-9) over a seeded history at a fixed "now"; every figure below is worked out by hand
// from the sessions, calls and ratings seeded here.
const NOW = new Date('2026-12-05T12:00:00.000Z');
const at = (days: number, seconds = 0) => new Date(NOW.getTime() - days * 86_400_000 + seconds * 1000);

forEachBackend('reports (MC-9)', (backend) => {
  let server: TestServer;
  let manager: string;
  let agent: string;
  let teamManager: string;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend, {}, () => NOW);
  });
  afterAll(async () => server.close());

  beforeEach(async () => {
    await server.reset();
    manager = await server.login(FIXTURE.managerEmail);
    agent = await server.login(FIXTURE.agentEmail);
    teamManager = await server.login(FIXTURE.teamManagerEmail);
    customer = await server.customer(FIXTURE.accessCode);
    const { db } = server.handle;
    const session = (
      id: string,
      o: {
        portal?: string;
        team?: string | null;
        assignees: string[];
        status: string;
        days: number;
        confirmedAfter?: number;
      },
    ) => ({
      id,
      organization_id: FIXTURE.organizationId,
      device_id: FIXTURE.deviceId,
      portal_id: o.portal ?? FIXTURE.portalId,
      team_id: o.team === undefined ? FIXTURE.heatingTeamId : o.team,
      assignee_ids: JSON.stringify(o.assignees),
      status: o.status,
      reason: `report ${id}`,
      ticket_links: '[]',
      created_by_kind: 'customer',
      created_by_id: FIXTURE.deviceId,
      created_at: at(o.days),
      confirmed_at: o.confirmedAfter === undefined ? null : at(o.days, o.confirmedAfter),
    });
    await db
      .insertInto('sessions')
      .values([
        session('A', { assignees: [FIXTURE.agentId], status: 'completed', days: 10, confirmedAfter: 60 }),
        session('B', { assignees: [FIXTURE.agent2Id], status: 'closed', days: 5, confirmedAfter: 180 }),
        session('C', { assignees: [], status: 'cancelled', days: 3 }),
        session('D', {
          portal: FIXTURE.closedPortalId,
          team: null,
          assignees: [FIXTURE.agentId],
          status: 'running',
          days: 1,
          confirmedAfter: 30,
        }),
        session('E', { assignees: [FIXTURE.agentId], status: 'completed', days: 100, confirmedAfter: 10 }),
      ])
      .execute();
    const call = (id: string, session: string, days: number, start: number, end: number | null) => ({
      id,
      organization_id: FIXTURE.organizationId,
      session_id: session,
      transport: 'p2p',
      started_by_participant: 'p',
      started_at: at(days, start),
      ended_at: end === null ? null : at(days, end),
    });
    await db
      .insertInto('calls')
      .values([
        call('A1', 'A', 10, 120, 420),
        call('A2', 'A', 10, 600, 700),
        call('B1', 'B', 5, 240, 840),
        call('D1', 'D', 1, 90, null),
        call('E1', 'E', 100, 20, 50),
      ])
      .execute();
    const rating = (
      id: string,
      session: string,
      kind: 'customer' | 'staff',
      score: number,
      comment: string | null,
    ) => ({
      id,
      session_id: session,
      organization_id: FIXTURE.organizationId,
      rater_kind: kind,
      rater_id: kind === 'customer' ? FIXTURE.deviceId : FIXTURE.agentId,
      rater_participant: id,
      score,
      comment,
    });
    await db
      .insertInto('session_ratings')
      .values([
        rating('r1', 'A', 'customer', 5, '=HYPERLINK("x")'),
        rating('r2', 'A', 'staff', 4, null),
        rating('r3', 'B', 'customer', 2, null),
        rating('r4', 'E', 'customer', 1, null),
      ])
      .execute();
    // Time to the first frame, as each side's diagnostics report it (E is past the period; a
    // report without the figure, like a side that never received video, counts for nothing).
    const diagnostics = (callId: string, session: string, who: string, firstFrameSeconds?: number) => ({
      call_id: callId,
      participant_id: who,
      session_id: session,
      organization_id: FIXTURE.organizationId,
      role: 'staff' as const,
      author_id: who,
      summary: JSON.stringify({
        transport: 'p2p',
        samples: 1,
        reconnections: 0,
        final: true,
        durationSeconds: 9,
        ...(firstFrameSeconds === undefined ? {} : { firstFrameSeconds }),
      }),
      created_at: NOW,
      updated_at: NOW,
    });
    await db
      .insertInto('call_diagnostics')
      .values([
        diagnostics('A1', 'A', 'p1', 0.6),
        diagnostics('A2', 'A', 'p2', 1.2),
        diagnostics('B1', 'B', 'p3', 3),
        diagnostics('B1', 'B', 'p4'),
        diagnostics('E1', 'E', 'p5', 50),
      ])
      .execute();
  });

  const report = async (kind: string, token: string, query = '') => {
    const res = await server.call('GET', `/v1/reports/${kind}?from=${at(30).toISOString()}${query}`, {
      token,
    });
    return {
      res,
      body: res.status === 200 ? ((await res.json()) as { rows: Record<string, unknown>[] }) : undefined,
    };
  };

  it('portal performance: sessions, completed, abandoned, handle, wait and confirm times per portal', async () => {
    const { body } = await report('portal-performance', manager);
    const byPortal = Object.fromEntries(body!.rows.map((r) => [r.portalId, r]));
    expect(byPortal[FIXTURE.portalId]).toMatchObject({
      sessions: 3,
      completed: 2,
      abandoned: 1,
      avgHandleSeconds: 500, // (300 + 100) and 600, over the two sessions with calls
      avgWaitSeconds: 180, // 120 and 240
      avgTimeToConfirmSeconds: 120, // 60 and 180
    });
    // D's call still runs: it counts until now (1 day − 90 s).
    expect(byPortal[FIXTURE.closedPortalId]).toMatchObject({
      sessions: 1,
      completed: 0,
      abandoned: 0,
      avgHandleSeconds: 86_310,
      avgWaitSeconds: 90,
      avgTimeToConfirmSeconds: 30,
    });
  });

  it('agent performance, service metrics and customer feedback', async () => {
    const agents = (await report('agent-performance', manager)).body!.rows;
    expect(agents.find((r) => r.agentId === FIXTURE.agentId)).toMatchObject({
      sessions: 2,
      completed: 1,
      avgHandleSeconds: 43_355,
      avgWaitSeconds: 105,
      avgTimeToConfirmSeconds: 45,
    });
    expect(agents.find((r) => r.agentId === FIXTURE.agent2Id)).toMatchObject({
      sessions: 1,
      completed: 1,
      avgHandleSeconds: 600,
    });
    expect((await report('service-metrics', manager)).body!.rows).toEqual([
      {
        sessions: 4,
        sessionsWithCalls: 3,
        callsPerSession: 1.33,
        avgTimeToConfirmSeconds: 90,
        p50TimeToConfirmSeconds: 60,
        p90TimeToConfirmSeconds: 156,
        avgTimeToFirstCallSeconds: 150,
        avgTimeToFirstFrameSeconds: 1.6, // (0.6 + 1.2 + 3) / 3
        p50TimeToFirstFrameSeconds: 1.2,
      },
    ]);
    expect((await report('customer-feedback', manager)).body!.rows).toEqual([
      {
        rater: 'customer',
        ratings: 2,
        average: 3.5,
        score1: 0,
        score2: 1,
        score3: 0,
        score4: 0,
        score5: 1,
        comments: 1,
      },
      {
        rater: 'staff',
        ratings: 1,
        average: 4,
        score1: 0,
        score2: 0,
        score3: 0,
        score4: 1,
        score5: 0,
        comments: 0,
      },
    ]);
  });

  it('filters by portal, team and agent; CSV is spreadsheet-safe', async () => {
    const { body } = await report('portal-performance', manager, `&agent=${FIXTURE.agentId}`);
    expect(body!.rows.map((r) => [r.portalId, r.sessions]).sort()).toEqual(
      [
        [FIXTURE.closedPortalId, 1],
        [FIXTURE.portalId, 1],
      ].sort(),
    );
    const team = await report('service-metrics', manager, `&team=${FIXTURE.heatingTeamId}`);
    expect(team.body!.rows[0]).toMatchObject({ sessions: 3, sessionsWithCalls: 2 });
    const csv = await server.call('GET', `/v1/reports/agent-performance?from=${at(30).toISOString()}`, {
      token: manager,
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'agentId,agent,sessions,completed,abandoned,avgHandleSeconds,avgWaitSeconds,avgTimeToConfirmSeconds',
    );
    expect(lines).toHaveLength(3);
    const named = await server.handle.db
      .updateTable('users')
      .set({ display_name: '=cmd|calc' })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    expect(named).toBeDefined();
    const unsafe = await (
      await server.call('GET', `/v1/reports/agent-performance?format=csv&from=${at(30).toISOString()}`, {
        token: manager,
      })
    ).text();
    expect(unsafe).toContain(",'=cmd|calc,");
  });

  it('deleted agents get no report of their own, yet their sessions still count for the portal', async () => {
    await server.handle.db
      .updateTable('users')
      .set({ deleted_at: NOW })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    expect((await report('portal-performance', manager, `&agent=${FIXTURE.agent2Id}`)).res.status).toBe(404);
    expect((await report('agent-performance', manager)).body!.rows.map((r) => r.agentId)).toEqual([
      FIXTURE.agentId,
    ]);
    const portals = (await report('portal-performance', manager)).body!.rows;
    expect(portals.find((r) => r.portalId === FIXTURE.portalId)).toMatchObject({ sessions: 3 });
  });

  describe('who may run them', () => {
    it('managers; team managers and agents only with the reports right, over their teams or own sessions', async () => {
      expect((await report('portal-performance', agent)).res.status).toBe(403);
      expect((await report('portal-performance', teamManager)).res.status).toBe(403);
      expect((await report('portal-performance', customer)).res.status).toBe(403);
      await server.handle.db
        .updateTable('users')
        .set({ rights: JSON.stringify(['reports.run']) })
        .where('id', 'in', [FIXTURE.agentId, FIXTURE.teamManagerId])
        .execute();
      // The agent: their own sessions (A and D), none of agent2's.
      expect((await report('service-metrics', agent)).body!.rows[0]).toMatchObject({ sessions: 2 });
      expect((await report('agent-performance', agent)).body!.rows.map((r) => r.agentId)).toEqual([
        FIXTURE.agentId,
      ]);
      expect((await report('portal-performance', agent, `&agent=${FIXTURE.agent2Id}`)).res.status).toBe(404);
      const tm = (await report('service-metrics', teamManager)).body!.rows[0]!;
      expect(Number(tm.sessions)).toBeLessThanOrEqual(3); // the heating team's, if they manage it; never D (no team)
    });

    it('another organization counts only its own sessions', async () => {
      const other = await server.login(FIXTURE.otherOrgManagerEmail);
      expect((await report('service-metrics', other)).body!.rows[0]).toMatchObject({ sessions: 0 });
      expect((await report('portal-performance', other, `&portal=${FIXTURE.portalId}`)).res.status).toBe(404);
    });
  });

  describe('periods', () => {
    it(`data older than 90 days: a problem saying it is kept 90 days`, async () => {
      const res = await server.call('GET', `/v1/reports/portal-performance?from=${at(91).toISOString()}`, {
        token: manager,
      });
      expect(res.status).toBe(422);
      const problem = (await res.json()) as { code: string; detail: string };
      expect(problem.code).toBe('report-retention');
      expect(problem.detail).toContain('kept 90 days');
      expect(
        (
          await server.call('GET', `/v1/reports/portal-performance?from=${at(90).toISOString()}`, {
            token: manager,
          })
        ).status,
      ).toBe(200);
    });

    it.each([
      ['from after to', `from=${at(1).toISOString()}&to=${at(2).toISOString()}`],
      ['an unknown kind', 'x'],
      ['a date without offset', 'from=2026-12-01T00:00:00'],
    ])('%s → 400', async (name, query) => {
      const path =
        name === 'an unknown kind' ? '/v1/reports/everything' : `/v1/reports/service-metrics?${query}`;
      const res = await server.call('GET', path, { token: manager });
      expect(res.status).toBe(400);
    });
  });
});
