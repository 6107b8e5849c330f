import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import type { TeamWire } from './schemas.js';
import { resetTeams, TEAMS } from './test-fixture.js';
import { MAX_TEAM_DEPTH } from './tree.js';

forEachBackend('teams (MC-3)', (backend) => {
  let server: TestServer;
  let cm: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    cm = await server.login(FIXTURE.managerEmail);
  });
  beforeEach(async () => resetTeams(server));
  afterAll(async () => server.close());

  const json = async <T>(res: Response, status: number): Promise<T> => {
    const body = await res.text();
    expect(res.status, body).toBe(status);
    return JSON.parse(body) as T;
  };
  const create = async (name: string, parentId: string | null = null) =>
    json<TeamWire>(await server.call('POST', '/v1/teams', { token: cm, body: { name, parentId } }), 201);

  describe('tree', () => {
    it('creates teams and sub-teams; lists them with managers and agent counts; ETag and Location', async () => {
      const res = await server.call('POST', '/v1/teams', {
        token: cm,
        body: { name: '  Boilers ', parentId: FIXTURE.heatingTeamId, managerIds: [TEAMS.tmRightsId] },
      });
      const team = await json<TeamWire>(res.clone(), 201);
      expect(team).toMatchObject({
        name: 'Boilers',
        parentId: FIXTURE.heatingTeamId,
        managerIds: [TEAMS.tmRightsId],
      });
      expect(res.headers.get('location')).toBe(`/v1/teams/${team.id}`);
      expect(res.headers.get('etag')).toBe('"1"');
      const list = await json<{ items: TeamWire[] }>(
        await server.call('GET', '/v1/teams', { token: cm }),
        200,
      );
      const heating = list.items.find((t) => t.id === FIXTURE.heatingTeamId)!;
      expect(heating).toMatchObject({ parentId: FIXTURE.fieldTeamId, agentCount: 2 });
      expect(list.items.find((t) => t.id === FIXTURE.fieldTeamId)?.managerIds).toEqual(
        [FIXTURE.teamManagerId, TEAMS.tmRightsId].sort(),
      );
      const one = await server.call('GET', `/v1/teams/${team.id}`, { token: cm });
      expect(one.headers.get('etag')).toBe('"1"');
    });

    it('names are unique among siblings, case-insensitively (409), free elsewhere', async () => {
      const dup = await server.call('POST', '/v1/teams', {
        token: cm,
        body: { name: 'heating', parentId: FIXTURE.fieldTeamId },
      });
      expect(await json(dup, 409)).toMatchObject({ code: 'team-name-taken' });
      await create('Heating', TEAMS.salesTeamId);
      await create('Heating');
      const rename = await server.call('PATCH', `/v1/teams/${TEAMS.salesTeamId}`, {
        token: cm,
        body: { name: 'FIELD' },
      });
      expect(await json(rename, 409)).toMatchObject({ code: 'team-name-taken' });
    });

    it('refuses a cycle with 409 and a clear problem, and changes nothing', async () => {
      const sub = await create('Boilers', FIXTURE.heatingTeamId);
      for (const parentId of [FIXTURE.fieldTeamId, FIXTURE.heatingTeamId, sub.id]) {
        const res = await server.call('PATCH', `/v1/teams/${FIXTURE.fieldTeamId}`, {
          token: cm,
          body: { parentId },
        });
        const problem = await json<{ code: string; detail: string }>(res, 409);
        expect(problem.code).toBe('team-cycle');
        expect(problem.detail).toMatch(/sub-teams/);
      }
      const field = await json<TeamWire>(
        await server.call('GET', `/v1/teams/${FIXTURE.fieldTeamId}`, { token: cm }),
        200,
      );
      expect(field).toMatchObject({ parentId: null, version: 1 });
    });

    it(`nests at most ${MAX_TEAM_DEPTH} levels, on create and on move`, async () => {
      let parent: string = FIXTURE.heatingTeamId; // depth 2
      for (let depth = 3; depth <= MAX_TEAM_DEPTH; depth++) parent = (await create(`L${depth}`, parent)).id;
      const tooDeep = await server.call('POST', '/v1/teams', {
        token: cm,
        body: { name: 'L11', parentId: parent },
      });
      expect(await json(tooDeep, 409)).toMatchObject({ code: 'team-too-deep' });
      // Sales (a leaf) may go at depth 10, a two-level subtree not.
      await create('Sales sub', TEAMS.salesTeamId);
      const move = await server.call('PATCH', `/v1/teams/${TEAMS.salesTeamId}`, {
        token: cm,
        body: { parentId: parent },
      });
      expect(await json(move, 409)).toMatchObject({ code: 'team-too-deep' });
    });

    it('moves a team with its sub-teams; unknown parent is 400; If-Match stale is 412', async () => {
      const stale = await server.call('PATCH', `/v1/teams/${FIXTURE.heatingTeamId}`, {
        token: cm,
        body: { parentId: TEAMS.salesTeamId },
        headers: { 'if-match': '"7"' },
      });
      expect(await json(stale, 412)).toMatchObject({ code: 'precondition-failed' });
      const moved = await server.call('PATCH', `/v1/teams/${FIXTURE.heatingTeamId}`, {
        token: cm,
        body: { parentId: TEAMS.salesTeamId },
        headers: { 'if-match': '"1"' },
      });
      expect(moved.headers.get('etag')).toBe('"2"');
      expect(await json(moved, 200)).toMatchObject({ parentId: TEAMS.salesTeamId, version: 2 });
      const unknown = await server.call('PATCH', `/v1/teams/${FIXTURE.heatingTeamId}`, {
        token: cm,
        body: { parentId: 'nope' },
      });
      expect(await json(unknown, 400)).toMatchObject({ errors: [{ path: 'body.parentId' }] });
      const strict = await server.call('PATCH', `/v1/teams/${FIXTURE.heatingTeamId}`, {
        token: cm,
        body: { colour: 'red' },
      });
      expect(strict.status).toBe(400);
    });

    it('managers are team managers of the organization; assigning them widens their scope', async () => {
      const bad = await server.call('PATCH', `/v1/teams/${TEAMS.salesTeamId}`, {
        token: cm,
        body: { managerIds: [FIXTURE.agentId] },
      });
      expect(await json(bad, 400)).toMatchObject({ errors: [{ path: 'body.managerIds' }] });
      const tm = await server.login(TEAMS.tmRightsEmail);
      const before = await server.call('PATCH', `/v1/teams/${TEAMS.salesTeamId}`, {
        token: tm,
        body: { name: 'Sales EU' },
      });
      expect(before.status).toBe(403);
      await json(
        await server.call('PATCH', `/v1/teams/${TEAMS.salesTeamId}`, {
          token: cm,
          body: { managerIds: [TEAMS.tmRightsId] },
        }),
        200,
      );
      const after = await server.call('PATCH', `/v1/teams/${TEAMS.salesTeamId}`, {
        token: tm,
        body: { name: 'Sales EU' },
      });
      expect(await json(after, 200)).toMatchObject({ name: 'Sales EU', managerIds: [TEAMS.tmRightsId] });
    });

    it('Idempotency-Key: a retried create returns the first team and creates nothing', async () => {
      const key = randomUUID();
      const send = () =>
        server.call('POST', '/v1/teams', {
          token: cm,
          body: { name: 'Once' },
          headers: { 'idempotency-key': key },
        });
      const first = await json<TeamWire>(await send(), 201);
      const again = await send();
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect((await json<TeamWire>(again, 201)).id).toBe(first.id);
      const all = await server.handle.db
        .selectFrom('teams')
        .select('id')
        .where('name', '=', 'Once')
        .execute();
      expect(all).toHaveLength(1);
    });

    it('records team events in the outbox', async () => {
      const before = await server.handle.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const team = await create('Evented');
      await server.call('PATCH', `/v1/teams/${team.id}`, { token: cm, body: { name: 'Evented 2' } });
      await server.call('DELETE', `/v1/teams/${team.id}?moveTo=${TEAMS.salesTeamId}`, { token: cm });
      const events = await server.handle.db
        .selectFrom('outbox')
        .select('type')
        .where('type', 'like', 'team.%')
        .where('id', '>', String(before.id ?? '0'))
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.type)).toEqual(['team.created', 'team.updated', 'team.deleted']);
    });
  });

  describe('moving agents', () => {
    it('moves an agent into a team; a repeat is a no-op; the user version moves on', async () => {
      const path = `/v1/teams/${FIXTURE.fieldTeamId}/members`;
      const first = await json(
        await server.call('POST', path, { token: cm, body: { userId: FIXTURE.agentId } }),
        200,
      );
      expect(first).toEqual({
        userId: FIXTURE.agentId,
        teamId: FIXTURE.fieldTeamId,
        fromTeamId: FIXTURE.heatingTeamId,
        moved: true,
      });
      const again = await json(
        await server.call('POST', path, { token: cm, body: { userId: FIXTURE.agentId } }),
        200,
      );
      expect(again).toMatchObject({ moved: false });
      const user = await server.handle.db
        .selectFrom('users')
        .select(['team_id', 'version'])
        .where('id', '=', FIXTURE.agentId)
        .executeTakeFirstOrThrow();
      expect(user).toEqual({ team_id: FIXTURE.fieldTeamId, version: 2 });
    });

    it('team managers need agents.move and both teams in their reach', async () => {
      const path = (team: string) => `/v1/teams/${team}/members`;
      const without = await server.login(FIXTURE.teamManagerEmail);
      const res = await server.call('POST', path(FIXTURE.fieldTeamId), {
        token: without,
        body: { userId: FIXTURE.agentId },
      });
      expect((await json<{ detail: string }>(res, 403)).detail).toMatch(/agents\.move/);
      const tm = await server.login(TEAMS.tmRightsEmail);
      const out = await server.call('POST', path(TEAMS.salesTeamId), {
        token: tm,
        body: { userId: FIXTURE.agentId },
      });
      expect((await json<{ detail: string }>(out, 403)).detail).toMatch(/teams they manage/);
      const manager = await server.call('POST', path(FIXTURE.fieldTeamId), {
        token: cm,
        body: { userId: FIXTURE.teamManagerId },
      });
      expect(await json(manager, 409)).toMatchObject({ code: 'not-an-agent' });
    });
  });

  describe('deleting', () => {
    it('moves agents, sub-teams, devices and open sessions to the parent; closed sessions keep the team', async () => {
      const { db } = server.handle;
      const sub = await create('Boilers', FIXTURE.heatingTeamId);
      const session = (status: string) => ({
        id: randomUUID(),
        organization_id: FIXTURE.organizationId,
        device_id: FIXTURE.deviceId,
        portal_id: FIXTURE.portalId,
        team_id: FIXTURE.heatingTeamId,
        assignee_ids: '[]',
        status,
        reason: 'x',
        ticket_links: '[]',
        recording_consent: null,
        cancel_reason: null,
        created_by_kind: 'customer',
        created_by_id: FIXTURE.deviceId,
      });
      const open = session('requested');
      const closed = session('closed');
      await db.insertInto('sessions').values([open, closed]).execute();
      await db
        .insertInto('portal_teams')
        .values({
          portal_id: FIXTURE.portalId,
          team_id: FIXTURE.heatingTeamId,
          organization_id: FIXTURE.organizationId,
          position: 0,
        })
        .execute();
      await db
        .insertInto('team_managers')
        .values({ user_id: TEAMS.tmOtherId, team_id: FIXTURE.heatingTeamId })
        .execute();

      const res = await server.call('DELETE', `/v1/teams/${FIXTURE.heatingTeamId}`, {
        token: cm,
        headers: { 'if-match': '"1"' },
      });
      const result = await json<Record<string, unknown>>(res, 200);
      expect(result).toMatchObject({
        deletedId: FIXTURE.heatingTeamId,
        movedTo: FIXTURE.fieldTeamId,
        movedTeamIds: [sub.id],
      });
      expect(new Set(result.movedUserIds as string[])).toEqual(new Set([FIXTURE.agentId, FIXTURE.agent2Id]));
      expect(result.movedDeviceIds).toContain(FIXTURE.deviceId);
      expect(result.movedSessionIds).toEqual([open.id]);

      const users = await db
        .selectFrom('users')
        .select(['id', 'team_id', 'deleted_at'])
        .where('id', 'in', [FIXTURE.agentId, FIXTURE.agent2Id])
        .execute();
      for (const u of users) expect(u).toMatchObject({ team_id: FIXTURE.fieldTeamId, deleted_at: null });
      expect(
        (await db.selectFrom('teams').select('parent_id').where('id', '=', sub.id).executeTakeFirstOrThrow())
          .parent_id,
      ).toBe(FIXTURE.fieldTeamId);
      expect(
        (
          await db
            .selectFrom('devices')
            .select('team_id')
            .where('id', '=', FIXTURE.deviceId)
            .executeTakeFirstOrThrow()
        ).team_id,
      ).toBe(FIXTURE.fieldTeamId);
      const sessions = await db
        .selectFrom('sessions')
        .select(['id', 'team_id'])
        .where('id', 'in', [open.id, closed.id])
        .execute();
      expect(Object.fromEntries(sessions.map((s) => [s.id, s.team_id]))).toEqual({
        [open.id]: FIXTURE.fieldTeamId,
        [closed.id]: FIXTURE.heatingTeamId,
      });
      const routing = await db
        .selectFrom('portal_teams')
        .select('team_id')
        .where('portal_id', '=', FIXTURE.portalId)
        .execute();
      expect(routing.map((r) => r.team_id)).toEqual([FIXTURE.fieldTeamId]);
      const managers = await db
        .selectFrom('team_managers')
        .select('team_id')
        .where('user_id', '=', TEAMS.tmOtherId)
        .execute();
      expect(managers.map((m) => m.team_id)).toEqual([TEAMS.salesTeamId]);
      const changed = await db
        .selectFrom('outbox')
        .select('session_id')
        .where('type', '=', 'session.changed')
        .execute();
      expect(changed.map((e) => e.session_id)).toEqual([open.id]);

      const gone = await server.call('GET', `/v1/teams/${FIXTURE.heatingTeamId}`, { token: cm });
      expect(gone.status).toBe(404);
      const withDeleted = await json<{ items: TeamWire[] }>(
        await server.call('GET', '/v1/teams?includeDeleted=true', { token: cm }),
        200,
      );
      expect(withDeleted.items.find((t) => t.id === FIXTURE.heatingTeamId)?.deletedAt).toBeDefined();
      // A deleted team takes nobody in, and its name is free again.
      const into = await server.call('POST', `/v1/teams/${FIXTURE.heatingTeamId}/members`, {
        token: cm,
        body: { userId: FIXTURE.agentId },
      });
      expect(into.status).toBe(404);
      await create('Heating', FIXTURE.fieldTeamId);
    });

    it('a root team needs moveTo; the target must lie outside; names must not clash', async () => {
      const root = await server.call('DELETE', `/v1/teams/${FIXTURE.fieldTeamId}`, { token: cm });
      expect(await json<{ code: string; detail: string }>(root, 409)).toMatchObject({
        code: 'team-delete-needs-target',
      });
      const inside = await server.call(
        'DELETE',
        `/v1/teams/${FIXTURE.fieldTeamId}?moveTo=${FIXTURE.heatingTeamId}`,
        { token: cm },
      );
      expect(await json(inside, 409)).toMatchObject({ code: 'team-delete-target-inside' });
      const unknown = await server.call('DELETE', `/v1/teams/${FIXTURE.fieldTeamId}?moveTo=nope`, {
        token: cm,
      });
      expect(unknown.status).toBe(400);
      await create('Heating', TEAMS.salesTeamId);
      const clash = await server.call(
        'DELETE',
        `/v1/teams/${FIXTURE.fieldTeamId}?moveTo=${TEAMS.salesTeamId}`,
        { token: cm },
      );
      expect(await json(clash, 409)).toMatchObject({ code: 'team-name-taken' });
      const stale = await server.call(
        'DELETE',
        `/v1/teams/${TEAMS.salesTeamId}?moveTo=${FIXTURE.fieldTeamId}`,
        {
          token: cm,
          headers: { 'if-match': '"9"' },
        },
      );
      expect(stale.status).toBe(412);
      // Nothing changed along the way.
      const teams = await server.handle.db
        .selectFrom('teams')
        .select('id')
        .where('deleted_at', 'is not', null)
        .execute();
      expect(teams).toEqual([]);
    });
  });
});
