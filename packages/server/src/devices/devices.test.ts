import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

interface DeviceBody {
  id: string;
  name: string;
  teamId: string | null;
  assigneeId: string | null;
  assignee: { id: string; displayName: string; deleted: boolean } | null;
  managed: boolean;
  policy: { summaries: boolean; enforced: boolean } | null;
  summaryAccess: string;
  portal: { id: string };
  version: number;
}
interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

forEachBackend('devices (VS-1, VS-3, SI-3, SI-4)', (backend) => {
  let server: TestServer;
  let manager: string;
  let now = new Date('2030-01-01T10:00:00Z');
  beforeAll(async () => {
    server = await createTestServer(backend, {}, () => now);
    manager = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    now = new Date('2030-01-01T10:00:00Z');
    await server.reset();
  });

  const create = async (body: Record<string, unknown>, token = manager) =>
    server.call('POST', '/v1/devices', { token, body });

  it('VS-1: a company manager registers a device in a portal with a team, an agent, a managed policy; GET carries the ETag', async () => {
    const res = await create({
      name: 'Heat pump 3',
      portalId: FIXTURE.portalId,
      teamId: FIXTURE.fieldTeamId,
      assigneeId: FIXTURE.agentId,
      managed: true,
      policy: { summaries: true },
      summaryAccess: 'allowed',
    });
    expect(res.status).toBe(201);
    const device = (await res.json()) as DeviceBody;
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/v1/devices/${device.id}`);
    expect(device).toMatchObject({
      name: 'Heat pump 3',
      teamId: FIXTURE.fieldTeamId,
      assigneeId: FIXTURE.agentId,
      assignee: { id: FIXTURE.agentId, displayName: 'Demo Agent', deleted: false },
      managed: true,
      policy: { summaries: true, enforced: false },
      summaryAccess: 'allowed',
      portal: { id: FIXTURE.portalId },
      version: 1,
    });
    const created = await server.handle.db
      .selectFrom('outbox')
      .select('data')
      .where('type', '=', 'device.created')
      .executeTakeFirstOrThrow();
    expect((created.data as { device: { id: string } }).device.id).toBe(device.id);
    const got = await server.call('GET', `/v1/devices/${device.id}`, { token: manager });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"1"');
    // The assigned agent sees the device (VS-3).
    const agent = await server.login(FIXTURE.agentEmail);
    const listed = (await (await server.call('GET', '/v1/devices', { token: agent })).json()) as {
      items: DeviceBody[];
    };
    expect(listed.items.map((d) => d.id)).toContain(device.id);
  });

  it('refuses bad references field by field and creates nothing (400)', async () => {
    const res = await create({
      name: 'Bad',
      portalId: 'portal_foreign',
      teamId: 'team_foreign',
      policy: { summaries: true },
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors?.map((e) => e.path).sort()).toEqual([
      'body.policy',
      'body.portalId',
      'body.teamId',
    ]);
    const wrongTeam = await create({
      name: 'Bad',
      portalId: FIXTURE.portalId,
      teamId: FIXTURE.heatingTeamId,
      assigneeId: FIXTURE.teamManagerId,
    });
    expect(((await wrongTeam.json()) as Problem).errors).toEqual([
      { path: 'body.assigneeId', message: 'Devices are assigned to agents' },
    ]);
    const strict = await create({ name: 'X', portalId: FIXTURE.portalId, colour: 'red' });
    expect(strict.status).toBe(400);
    const count = await server.handle.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('PATCH honours If-Match, bumps the version, checks the agent fits the team', async () => {
    const stale = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      headers: { 'if-match': '"7"' },
      body: { name: 'Boiler 12b' },
    });
    expect(stale.status).toBe(412);
    const ok = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      headers: { 'if-match': '"1"' },
      body: { name: 'Boiler 12b', assigneeId: FIXTURE.agent2Id },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect(((await ok.json()) as DeviceBody).assignee?.displayName).toBe('Second Agent');
    // Moving the device up to Field keeps the Heating agent (below Field); moving it beside does not.
    await server.handle.db
      .insertInto('teams')
      .values({ id: 'team_sales', organization_id: FIXTURE.organizationId, parent_id: null, name: 'Sales' })
      .execute();
    const up = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      body: { teamId: FIXTURE.fieldTeamId },
    });
    expect(up.status).toBe(200);
    const beside = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      body: { teamId: 'team_sales' },
    });
    expect(beside.status).toBe(400);
    expect(((await beside.json()) as Problem).errors?.[0]?.path).toBe('body.teamId');
  });

  it('SI-4: only managed devices carry a policy; un-managing needs the policy cleared', async () => {
    const unmanaged = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      body: { policy: { summaries: true, enforced: true } },
    });
    expect(unmanaged.status).toBe(400);
    const managed = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      body: { managed: true, policy: { summaries: true, enforced: true } },
    });
    expect(managed.status).toBe(200);
    const off = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      body: { managed: false },
    });
    expect(off.status).toBe(400);
    expect(((await off.json()) as Problem).errors?.[0]?.path).toBe('body.managed');
    const both = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      body: { managed: false, policy: null },
    });
    expect(((await both.json()) as DeviceBody).policy).toBe(null);
  });

  it('SI-3: the device user sets summary access on their own device, unless an enforced policy fixes it', async () => {
    const customer = await server.customer(FIXTURE.accessCode);
    const own = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: customer,
      body: { summaryAccess: 'denied' },
    });
    expect(own.status).toBe(200);
    expect(((await own.json()) as DeviceBody).summaryAccess).toBe('denied');
    const rename = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: customer,
      body: { name: 'Mine' },
    });
    expect(rename.status).toBe(403);
    await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      body: { managed: true, policy: { summaries: true, enforced: true } },
    });
    const enforced = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token: customer,
      body: { summaryAccess: 'allowed' },
    });
    expect(enforced.status).toBe(403);
    expect(((await enforced.json()) as Problem).code).toBe('policy-enforced');
  });

  it('DELETE is soft: the list drops it, sessions keep it, its codes and customer tokens stop working', async () => {
    const customer = await server.customer(FIXTURE.accessCode);
    const session = await server.call('POST', '/v1/sessions', {
      token: customer,
      body: { reason: 'before delete' },
    });
    expect(session.status).toBe(201);
    const { id: sessionId } = (await session.json()) as { id: string };
    const stale = await server.call('DELETE', `/v1/devices/${FIXTURE.deviceId}`, {
      token: manager,
      headers: { 'if-match': '"9"' },
    });
    expect(stale.status).toBe(412);
    const del = await server.call('DELETE', `/v1/devices/${FIXTURE.deviceId}`, { token: manager });
    expect(del.status).toBe(204);
    expect((await server.call('GET', `/v1/devices/${FIXTURE.deviceId}`, { token: manager })).status).toBe(
      404,
    );
    const list = (await (await server.call('GET', '/v1/devices', { token: manager })).json()) as {
      items: DeviceBody[];
    };
    expect(list.items.map((d) => d.id)).not.toContain(FIXTURE.deviceId);
    const withDeleted = (await (
      await server.call('GET', '/v1/devices?includeDeleted=true', { token: manager })
    ).json()) as { items: (DeviceBody & { deletedAt?: string })[] };
    expect(withDeleted.items.find((d) => d.id === FIXTURE.deviceId)?.deletedAt).toBeDefined();
    const kept = await server.call('GET', `/v1/sessions/${sessionId}`, { token: manager });
    expect(((await kept.json()) as { deviceId: string }).deviceId).toBe(FIXTURE.deviceId);
    expect((await server.call('GET', '/v1/me', { token: customer })).status).toBe(401);
    const exchange = await server.call('POST', '/v1/auth/access-code', {
      body: { code: FIXTURE.accessCode },
    });
    expect(exchange.status).toBe(401);
    expect(((await exchange.json()) as Problem).code).toBe('access-code-revoked');
    expect((await server.call('DELETE', `/v1/devices/${FIXTURE.deviceId}`, { token: manager })).status).toBe(
      404,
    );
    expect(
      (await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, { token: manager, body: {} })).status,
    ).toBe(404);
  });

  describe('access codes', () => {
    const codes = (deviceId: string = FIXTURE.deviceId) => `/v1/devices/${deviceId}/access-codes`;
    interface NewCode {
      id: string;
      code: string;
      hint: string;
      status: string;
      expiresAt: string | null;
      requestUrl: string;
      qrSvg: string;
    }

    it('VS-1: creates a code shown once with its QR code of the request page; stores only a hash', async () => {
      const res = await server.call('POST', codes(), { token: manager, body: {} });
      expect(res.status).toBe(201);
      const made = (await res.json()) as NewCode;
      expect(made.code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      expect(made.hint).toBe(made.code.slice(-4));
      expect(made.status).toBe('active');
      expect(made.requestUrl).toBe(`http://localhost/examples/widget/?code=${made.code}`);
      expect(made.qrSvg).toMatch(/^<svg [^>]*role="img"/);
      expect(made.qrSvg).toContain('</svg>');
      const stored = await server.handle.db
        .selectFrom('access_codes')
        .selectAll()
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain(made.code);
      const list = (await (await server.call('GET', codes(), { token: manager })).json()) as {
        items: Record<string, unknown>[];
      };
      expect(list.items[0]).toMatchObject({ id: made.id, hint: made.hint, status: 'active' });
      expect(JSON.stringify(list)).not.toContain(made.code);
      // Lower case works too: codes are case-insensitive.
      const token = await server.call('POST', '/v1/auth/access-code', {
        body: { code: made.code.toLowerCase() },
      });
      expect(token.status).toBe(200);
    });

    it('rotating revokes the other codes, and tokens issued with them stop working at once', async () => {
      const old = await server.customer(FIXTURE.accessCode);
      expect((await server.call('GET', '/v1/me', { token: old })).status).toBe(200);
      const res = await server.call('POST', codes(), { token: manager, body: { rotate: true } });
      const made = (await res.json()) as NewCode;
      expect((await server.call('GET', '/v1/me', { token: old })).status).toBe(401);
      const fresh = await server.call('POST', '/v1/auth/access-code', { body: { code: made.code } });
      const { token } = (await fresh.json()) as { token: string };
      expect((await server.call('GET', '/v1/me', { token })).status).toBe(200);
      const list = (await (await server.call('GET', codes(), { token: manager })).json()) as {
        items: { id: string; status: string }[];
      };
      expect(list.items.map((c) => c.status).sort()).toEqual(['active', 'revoked']);
      // Revoking the new one ends its token too; revoking again is fine.
      expect((await server.call('DELETE', `${codes()}/${made.id}`, { token: manager })).status).toBe(204);
      expect((await server.call('GET', '/v1/me', { token })).status).toBe(401);
      expect((await server.call('DELETE', `${codes()}/${made.id}`, { token: manager })).status).toBe(204);
      // Audit trail: organization events, never carrying the code itself.
      const events = await server.handle.db
        .selectFrom('outbox')
        .select(['type', 'data'])
        .where('type', 'like', 'access-code.%')
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.type)).toEqual(['access-code.created', 'access-code.revoked']);
      expect(JSON.stringify(events)).not.toContain(made.code);
    });

    it('expiry: a code in the past is refused; an expired code says so at the exchange; its tokens end', async () => {
      const past = await server.call('POST', codes(), {
        token: manager,
        body: { expiresAt: '2029-12-31T00:00:00Z' },
      });
      expect(past.status).toBe(400);
      const res = await server.call('POST', codes(), {
        token: manager,
        body: { expiresAt: '2030-01-01T10:30:00Z', code: 'pump-3-label' },
      });
      const made = (await res.json()) as NewCode;
      expect(made.code).toBe('PUMP-3-LABEL');
      expect(made.expiresAt).toBe('2030-01-01T10:30:00.000Z');
      const exchanged = await server.call('POST', '/v1/auth/access-code', { body: { code: 'Pump-3-Label' } });
      const { token } = (await exchanged.json()) as { token: string };
      expect((await server.call('GET', '/v1/me', { token })).status).toBe(200);
      now = new Date('2030-01-01T10:30:01Z');
      expect((await server.call('GET', '/v1/me', { token })).status).toBe(401);
      const late = await server.call('POST', '/v1/auth/access-code', { body: { code: 'PUMP-3-LABEL' } });
      expect(late.status).toBe(401);
      expect(((await late.json()) as Problem).code).toBe('access-code-expired');
      const list = (await (await server.call('GET', codes(), { token: manager })).json()) as {
        items: { id: string; status: string }[];
      };
      expect(list.items.find((c) => c.id === made.id)?.status).toBe('expired');
    });

    it('custom codes are validated and unique (409 when taken)', async () => {
      for (const code of ['short', 'has space 123', '-LEADING1', 'ÄÖÜÄÖÜÄÖ']) {
        const res = await server.call('POST', codes(), { token: manager, body: { code } });
        expect(res.status, code).toBe(400);
      }
      const mine = await server.call('POST', codes(), { token: manager, body: { code: 'spare-code-77' } });
      expect(mine.status).toBe(201);
      for (const code of ['SPARE-CODE-77', FIXTURE.otherOrgAccessCode]) {
        const again = await server.call('POST', codes(FIXTURE.otherDeviceId), {
          token: manager,
          body: { code },
        });
        expect(again.status).toBe(409);
        expect(((await again.json()) as Problem).code).toBe('access-code-taken');
      }
    });

    it('a code id of another device or organization is 404, and so is a deleted device', async () => {
      const made = (await (
        await server.call('POST', codes(), { token: manager, body: {} })
      ).json()) as NewCode;
      expect(
        (await server.call('DELETE', `${codes(FIXTURE.otherDeviceId)}/${made.id}`, { token: manager }))
          .status,
      ).toBe(404);
      const foreign = await server.login(FIXTURE.otherOrgManagerEmail);
      expect((await server.call('DELETE', `${codes()}/${made.id}`, { token: foreign })).status).toBe(404);
      expect((await server.call('GET', codes(), { token: foreign })).status).toBe(404);
      await server.call('DELETE', `/v1/devices/${FIXTURE.deviceId}`, { token: manager });
      expect((await server.call('GET', codes(), { token: manager })).status).toBe(404);
    });
  });
});
