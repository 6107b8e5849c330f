import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { userLabels } from './labels.js';

forEachBackend('users (MC-1, MC-2, MC-4)', (backend) => {
  let server: TestServer;
  let cm: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    cm = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => server.close());

  const create = (body: Record<string, unknown>, token = cm) =>
    server.call('POST', '/v1/users', { token, body });
  const agentBody = (email: string) => ({
    email,
    password: 'long-enough-pw',
    role: 'agent',
    teamId: FIXTURE.heatingTeamId,
    firstName: 'Ada',
    lastName: 'Lovelace',
  });

  it('creates an agent: never returns the password, signs in, ETag and If-Match', async () => {
    const res = await create(agentBody('ada@demo.test'));
    expect(res.status).toBe(201);
    const user = (await res.json()) as Record<string, unknown>;
    expect(user).toMatchObject({ role: 'agent', displayName: 'Ada Lovelace', language: 'en', version: 1 });
    expect(JSON.stringify(user)).not.toContain('long-enough-pw');
    expect(user).not.toHaveProperty('passwordHash');
    expect(res.headers.get('etag')).toBe('"1"');
    const login = await server.call('POST', '/v1/auth/login', {
      body: { email: 'ADA@demo.test', password: 'long-enough-pw' },
    });
    expect(login.status).toBe(200);
    const stale = await server.call('PATCH', `/v1/users/${user.id}`, {
      token: cm,
      body: { firstName: 'Augusta' },
      headers: { 'if-match': '"0"' },
    });
    expect(stale.status).toBe(412);
    const ok = await server.call('PATCH', `/v1/users/${user.id}`, {
      token: cm,
      body: { firstName: 'Augusta', timeZone: 'europe/berlin' },
      headers: { 'if-match': '"1"' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect(await ok.json()).toMatchObject({ firstName: 'Augusta', timeZone: 'Europe/Berlin' });
  });

  it('refuses bad shapes: short password, agent without team, rights not grantable, unknown time zone', async () => {
    expect((await create({ ...agentBody('short@demo.test'), password: 'short' })).status).toBe(400);
    expect((await create({ ...agentBody('noteam@demo.test'), teamId: undefined })).status).toBe(400);
    expect((await create({ ...agentBody('rights@demo.test'), rights: ['agents.add'] })).status).toBe(400);
    expect((await create({ ...agentBody('tz@demo.test'), timeZone: 'Mars/Olympus' })).status).toBe(400);
    expect((await create({ ...agentBody('x@demo.test'), role: 'api-manager' })).status).toBe(400);
    expect((await create({ ...agentBody('y@demo.test'), teamId: 'team_foreign' })).status).toBe(404);
    const tm = await create({
      email: 'lead@demo.test',
      password: 'long-enough-pw',
      role: 'team-manager',
      managedTeamIds: [FIXTURE.heatingTeamId],
      rights: ['agents.add', 'reports.run'],
    });
    expect(tm.status).toBe(201);
    expect(await tm.json()).toMatchObject({
      managedTeamIds: [FIXTURE.heatingTeamId],
      rights: ['agents.add', 'reports.run'],
    });
  });

  it('live emails are unique without regard to case', async () => {
    expect((await create(agentBody('dup@demo.test'))).status).toBe(201);
    const again = await create(agentBody('DUP@Demo.Test'));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('email-taken');
  });

  it('delete is soft: gone for reads, tokens stop, email free again, past sessions show a deleted user', async () => {
    const res = await create(agentBody('leaving@demo.test'));
    const { id } = (await res.json()) as { id: string };
    const direct = await server.call('POST', '/v1/auth/login', {
      body: { email: 'leaving@demo.test', password: 'long-enough-pw' },
    });
    const agentToken = ((await direct.json()) as { token: string }).token;
    expect((await server.call('GET', '/v1/me', { token: agentToken })).status).toBe(200);
    expect((await server.call('DELETE', `/v1/users/${id}`, { token: cm })).status).toBe(204);
    expect((await server.call('GET', `/v1/users/${id}`, { token: cm })).status).toBe(404);
    expect((await server.call('GET', '/v1/me', { token: agentToken })).status).toBe(401);
    const login = await server.call('POST', '/v1/auth/login', {
      body: { email: 'leaving@demo.test', password: 'long-enough-pw' },
    });
    expect(login.status).toBe(401);
    expect((await create(agentBody('leaving@demo.test'))).status).toBe(201);
    const labels = await userLabels(server.handle.db, FIXTURE.organizationId, [
      id,
      FIXTURE.agentId,
      'user_foreign',
    ]);
    expect(labels).toEqual([
      { id, displayName: 'Ada Lovelace', deleted: true },
      { id: FIXTURE.agentId, displayName: 'Demo Agent', deleted: false },
      { id: 'user_foreign', displayName: '', deleted: true },
    ]);
  });

  it('no one deletes themselves, and the last company manager stays', async () => {
    const self = await server.call('DELETE', `/v1/users/${FIXTURE.managerId}`, { token: cm });
    expect(self.status).toBe(409);
    const demote = await server.call('PATCH', `/v1/users/${FIXTURE.managerId}`, {
      token: cm,
      body: { role: 'agent', teamId: FIXTURE.heatingTeamId },
    });
    expect(demote.status).toBe(409);
    expect(((await demote.json()) as { code: string }).code).toBe('last-company-manager');
  });

  it('lists with filters and a cursor that visits everyone once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await server.call('GET', `/v1/users?limit=2${q}`, { token: cm });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(FIXTURE.agentId);
    expect(seen).not.toContain(FIXTURE.apiManagerId);
    const agents = (await (
      await server.call('GET', '/v1/users?role=agent&limit=200', { token: cm })
    ).json()) as {
      items: { role: string }[];
    };
    expect(agents.items.every((u) => u.role === 'agent')).toBe(true);
    const q = (await (await server.call('GET', '/v1/users?q=lovel', { token: cm })).json()) as {
      items: { lastName: string }[];
    };
    expect(q.items.length).toBeGreaterThan(0);
    expect(q.items.every((u) => u.lastName === 'Lovelace')).toBe(true);
    const team = (await (
      await server.call('GET', `/v1/users?teamId=${FIXTURE.heatingTeamId}`, { token: cm })
    ).json()) as { items: { teamId: string }[] };
    expect(team.items.every((u) => u.teamId === FIXTURE.heatingTeamId)).toBe(true);
  });

  describe('PATCH /v1/me', () => {
    it('changes language and time zone; email and password need the current password', async () => {
      await create(agentBody('me@demo.test'));
      const login = await server.call('POST', '/v1/auth/login', {
        body: { email: 'me@demo.test', password: 'long-enough-pw' },
      });
      const token = ((await login.json()) as { token: string }).token;
      const me = await server.call('PATCH', '/v1/me', {
        token,
        body: { language: 'pt', timeZone: 'America/Sao_Paulo' },
      });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ language: 'pt', timeZone: 'America/Sao_Paulo' });
      expect((await server.call('PATCH', '/v1/me', { token, body: { language: 'fr' } })).status).toBe(400);
      expect((await server.call('PATCH', '/v1/me', { token, body: { email: 'me2@demo.test' } })).status).toBe(
        400,
      );
      const wrong = await server.call('PATCH', '/v1/me', {
        token,
        body: { email: 'me2@demo.test', currentPassword: 'not-my-password' },
      });
      expect(wrong.status).toBe(403);
      const taken = await server.call('PATCH', '/v1/me', {
        token,
        body: { email: FIXTURE.agentEmail, currentPassword: 'long-enough-pw' },
      });
      expect(taken.status).toBe(409);
      const ok = await server.call('PATCH', '/v1/me', {
        token,
        body: { email: 'Me2@demo.test', password: 'another-long-pw', currentPassword: 'long-enough-pw' },
      });
      expect(ok.status).toBe(200);
      const relog = await server.call('POST', '/v1/auth/login', {
        body: { email: 'me2@demo.test', password: 'another-long-pw' },
      });
      expect(relog.status).toBe(200);
      const got = await server.call('GET', '/v1/me', { token });
      expect(await got.json()).toMatchObject({ email: 'me2@demo.test', language: 'pt' });
      expect(got.headers.get('etag')).toMatch(/^"\d+"$/);
    });
  });
});
