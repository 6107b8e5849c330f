import { randomUUID } from 'node:crypto';
import { agentFeatures } from '@sightline/core/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetTeams, TEAMS } from '../teams/test-fixture.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { loadFeatureContext } from './load.js';

interface Sourced {
  value: boolean;
  source: 'agent' | 'team' | 'default';
  teamId?: string;
}
interface UserSettings {
  userId: string;
  teamId: string | null;
  overrides: Record<string, boolean | null>;
  effective: Record<string, Sourced>;
  version: number;
}
interface TeamSettings {
  teamId: string;
  settings: Record<string, boolean | null>;
  effective: Record<string, Sourced>;
  version: number;
}

forEachBackend('team and agent settings (MC-5, SI-6)', (backend) => {
  let server: TestServer;
  let cm: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    cm = await server.login(FIXTURE.managerEmail);
  });
  beforeEach(async () => resetTeams(server));
  afterAll(async () => server.close());

  const read = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as T;
  };
  const putTeam = (team: string, settings: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.call('PUT', `/v1/teams/${team}/settings`, { token: cm, body: { settings }, headers });
  const putUser = (user: string, overrides: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.call('PUT', `/v1/users/${user}/settings`, { token: cm, body: { overrides }, headers });
  const userSettings = async (user: string = FIXTURE.agentId) =>
    read<UserSettings>(await server.call('GET', `/v1/users/${user}/settings`, { token: cm }));

  it('nothing set: every value null, effective from the default', async () => {
    const team = await read<TeamSettings>(
      await server.call('GET', `/v1/teams/${FIXTURE.heatingTeamId}/settings`, { token: cm }),
    );
    expect(team.settings).toEqual({
      recording: null,
      drawing: null,
      screenshots: null,
      markers: null,
      mirror: null,
      chat: null,
      logSessions: null,
    });
    expect(Object.values(team.effective).every((e) => e.value && e.source === 'default')).toBe(true);
    expect((await userSettings()).effective.chat).toEqual({ value: true, source: 'default' });
  });

  it('team defaults flow down the tree; a nearer team and the agent override them; each value says where it came from', async () => {
    await read(await putTeam(FIXTURE.fieldTeamId, { chat: false, mirror: false, logSessions: false }));
    await read(await putTeam(FIXTURE.heatingTeamId, { mirror: true }));
    await read(await putUser(FIXTURE.agentId, { chat: true, screenshots: false }));
    const s = await userSettings();
    expect(s.overrides).toMatchObject({ chat: true, screenshots: false, mirror: null });
    expect(s.effective).toMatchObject({
      chat: { value: true, source: 'agent' },
      screenshots: { value: false, source: 'agent' },
      mirror: { value: true, source: 'team', teamId: FIXTURE.heatingTeamId },
      logSessions: { value: false, source: 'team', teamId: FIXTURE.fieldTeamId },
      drawing: { value: true, source: 'default' },
    });
    // The second agent of the same team has no overrides.
    const other = await userSettings(FIXTURE.agent2Id);
    expect(other.effective.chat).toEqual({ value: false, source: 'team', teamId: FIXTURE.fieldTeamId });
    const heating = await read<TeamSettings>(
      await server.call('GET', `/v1/teams/${FIXTURE.heatingTeamId}/settings`, { token: cm }),
    );
    expect(heating.settings.mirror).toBe(true);
    expect(heating.effective.chat).toEqual({ value: false, source: 'team', teamId: FIXTURE.fieldTeamId });
  });

  it('the loader gives the same features as the domain rule, for the rules that compute capabilities', async () => {
    await read(await putTeam(FIXTURE.fieldTeamId, { markers: false, recording: false }));
    await read(await putUser(FIXTURE.agentId, { recording: true }));
    const { teams, user } = await loadFeatureContext(
      server.handle.db,
      FIXTURE.organizationId,
      FIXTURE.agentId,
    );
    expect(user).toMatchObject({ teamId: FIXTURE.heatingTeamId, featureOverrides: { recording: true } });
    const features = agentFeatures({ teamId: user!.teamId, featureOverrides: user!.featureOverrides }, teams);
    expect(features).toMatchObject({ markers: false, recording: true, chat: true });
    const s = await userSettings();
    for (const [k, v] of Object.entries(features)) expect(s.effective[k]?.value).toBe(v);
    const foreign = await loadFeatureContext(server.handle.db, FIXTURE.organizationId, 'user_foreign');
    expect(foreign.user).toBeUndefined();
  });

  it('a team turning screenshots off removes the screenshot capability from its agent’s sessions', async () => {
    const sessionId = randomUUID();
    await server.handle.db
      .insertInto('sessions')
      .values({
        id: sessionId,
        organization_id: FIXTURE.organizationId,
        device_id: FIXTURE.deviceId,
        portal_id: FIXTURE.portalId,
        team_id: FIXTURE.heatingTeamId,
        assignee_ids: JSON.stringify([FIXTURE.agentId]),
        status: 'confirmed',
        reason: 'settings',
        ticket_links: '[]',
        recording_consent: null,
        cancel_reason: null,
        created_by_kind: 'customer',
        created_by_id: FIXTURE.deviceId,
      })
      .execute();
    const agent = await server.login(FIXTURE.agentEmail);
    const capabilities = async () =>
      (
        await read<{ capabilities: string[] }>(
          await server.call('GET', `/v1/sessions/${sessionId}`, { token: agent }),
        )
      ).capabilities;
    expect(await capabilities()).toContain('ar.screenshot');
    await read(await putTeam(FIXTURE.fieldTeamId, { screenshots: false }));
    expect(await capabilities()).not.toContain('ar.screenshot');
    await read(await putUser(FIXTURE.agentId, { screenshots: true }));
    expect(await capabilities()).toContain('ar.screenshot');
  });

  describe('writes', () => {
    it('PUT replaces: a missing key or null inherits again; ETag and If-Match guard both resources', async () => {
      const first = await putTeam(
        FIXTURE.heatingTeamId,
        { chat: false, drawing: false },
        { 'if-match': '"1"' },
      );
      expect(first.headers.get('etag')).toBe('"2"');
      await read(first);
      const stale = await putTeam(FIXTURE.heatingTeamId, { chat: true }, { 'if-match': '"1"' });
      expect(await read(stale, 412)).toMatchObject({ code: 'precondition-failed' });
      const second = await read<TeamSettings>(
        await putTeam(FIXTURE.heatingTeamId, { drawing: null }, { 'if-match': '"2"' }),
      );
      expect(second.settings).toMatchObject({ chat: null, drawing: null });
      expect(second.version).toBe(3);
      const got = await server.call('GET', `/v1/teams/${FIXTURE.heatingTeamId}/settings`, { token: cm });
      expect(got.headers.get('etag')).toBe('"3"');

      const u1 = await putUser(FIXTURE.agentId, { chat: false }, { 'if-match': '"1"' });
      expect(u1.headers.get('etag')).toBe('"2"');
      expect((await putUser(FIXTURE.agentId, {}, { 'if-match': '"1"' })).status).toBe(412);
      const cleared = await read<UserSettings>(await putUser(FIXTURE.agentId, {}, { 'if-match': '"2"' }));
      expect(cleared.overrides.chat).toBeNull();
      // Settings have their own version: the team and the user resources keep theirs.
      const team = await server.call('GET', `/v1/teams/${FIXTURE.heatingTeamId}`, { token: cm });
      expect(team.headers.get('etag')).toBe('"1"');
    });

    it('bad input is 400 with the field and changes nothing', async () => {
      for (const body of [{ settings: { colour: true } }, { settings: { chat: 'no' } }, { chat: false }]) {
        const res = await server.call('PUT', `/v1/teams/${FIXTURE.heatingTeamId}/settings`, {
          token: cm,
          body,
        });
        const problem = await read<{ errors: { path: string }[] }>(res, 400);
        expect(problem.errors.length).toBeGreaterThan(0);
      }
      const bad = await server.call('PUT', `/v1/users/${FIXTURE.agentId}/settings`, {
        token: cm,
        body: { overrides: { mirror: 1 } },
      });
      expect(await read(bad, 400)).toMatchObject({ errors: [{ path: 'json.overrides.mirror' }] });
      const row = await server.handle.db
        .selectFrom('teams')
        .select(['settings', 'settings_version'])
        .where('id', '=', FIXTURE.heatingTeamId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ settings: {}, settings_version: 1 });
    });

    it('team managers act on agents of their teams only; managers’ settings are for company managers', async () => {
      const tm = await server.login(TEAMS.tmRightsEmail);
      const own = await server.call('PUT', `/v1/users/${FIXTURE.agentId}/settings`, {
        token: tm,
        body: { overrides: { chat: false } },
      });
      expect(own.status).toBe(200);
      const sales = await server.call('PUT', `/v1/users/${TEAMS.salesAgentId}/settings`, {
        token: tm,
        body: { overrides: { chat: false } },
      });
      expect(((await read<{ detail: string }>(sales, 403)) as { detail: string }).detail).toMatch(
        /teams they manage/,
      );
      const manager = await server.call('PUT', `/v1/users/${FIXTURE.teamManagerId}/settings`, {
        token: tm,
        body: { overrides: {} },
      });
      expect(manager.status).toBe(403);
      const byCompany = await server.call('PUT', `/v1/users/${FIXTURE.teamManagerId}/settings`, {
        token: cm,
        body: { overrides: { chat: false } },
      });
      expect(byCompany.status).toBe(200);
      // Everyone reads their own.
      const self = await server.call('GET', `/v1/users/${TEAMS.salesAgentId}/settings`, {
        token: await server.login(TEAMS.salesAgentEmail),
      });
      expect(self.status).toBe(200);
    });

    it('records settings events with before and after', async () => {
      await read(await putTeam(FIXTURE.fieldTeamId, { chat: false }));
      await read(await putUser(FIXTURE.agentId, { mirror: false }));
      const events = await server.handle.db
        .selectFrom('outbox')
        .select(['type', 'data'])
        .where('type', 'like', '%.settings.updated')
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.type)).toEqual(['team.settings.updated', 'user.settings.updated']);
      expect(events[0]!.data).toMatchObject({
        teamId: FIXTURE.fieldTeamId,
        before: { chat: null },
        after: { chat: false },
      });
    });

    it('deleted and unknown users or teams are 404', async () => {
      await server.handle.db
        .updateTable('users')
        .set({ deleted_at: new Date() })
        .where('id', '=', FIXTURE.agent2Id)
        .execute();
      expect((await server.call('GET', `/v1/users/${FIXTURE.agent2Id}/settings`, { token: cm })).status).toBe(
        404,
      );
      expect(
        (await server.call('GET', `/v1/users/${FIXTURE.apiManagerId}/settings`, { token: cm })).status,
      ).toBe(404);
      expect((await server.call('GET', '/v1/teams/nope/settings', { token: cm })).status).toBe(404);
    });
  });
});
