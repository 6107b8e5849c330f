import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

type Invite = {
  id: string;
  sessionId: string;
  hint: string;
  status: string;
  expiresAt: string;
  createdBy: string | null;
  code?: string;
  link?: string;
};

const T0 = new Date('2026-06-01T10:00:00Z').getTime();

forEachBackend('invitations to one session (VS-5, VS-7, VS-9)', (backend) => {
  let server: TestServer;
  let now = T0;
  let agent: string;
  let sessionId: string;
  beforeAll(async () => {
    server = await createTestServer(backend, {}, () => new Date(now));
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    now = T0;
    agent = await server.login(FIXTURE.agentEmail);
    sessionId = await newSession(agent);
  });

  async function newSession(token: string): Promise<string> {
    const res = await server.call('POST', '/v1/sessions', {
      token,
      body: { deviceId: FIXTURE.deviceId, reason: 'Staff call the customer back' },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  async function invite(body?: unknown, token = agent): Promise<Invite> {
    const res = await server.call('POST', `/v1/sessions/${sessionId}/invites`, {
      token,
      ...(body !== undefined ? { body } : {}),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Invite;
  }
  async function redeem(code: string): Promise<Response> {
    return server.call('POST', '/v1/auth/access-code', { body: { code } });
  }
  async function guest(code: string): Promise<string> {
    const res = await redeem(code);
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }

  it('a link signs the customer in for this session only: no other session of the device, no new request, no device change', async () => {
    const made = await invite();
    expect(made.sessionId).toBe(sessionId);
    expect(made.status).toBe('active');
    expect(made.createdBy).toBe(FIXTURE.agentId);
    expect(made.expiresAt).toBe(new Date(T0 + 24 * 3600_000).toISOString());
    expect(made.code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const link = new URL(made.link ?? '');
    expect(link.searchParams.get('code')).toBe(made.code);
    expect(made.hint).toBe(made.code?.slice(-4));

    const token = await guest(made.code ?? '');
    const me = (await (await server.call('GET', '/v1/me', { token })).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ kind: 'customer', deviceId: FIXTURE.deviceId, sessionId });
    expect((await server.call('GET', `/v1/sessions/${sessionId}`, { token })).status).toBe(200);

    // The device's own customer requested another session before: the guest does not see it.
    const deviceCustomer = await server.customer(FIXTURE.accessCode);
    const other = await server.call('POST', '/v1/sessions', {
      token: deviceCustomer,
      body: { reason: 'Another matter' },
    });
    const otherId = ((await other.json()) as { id: string }).id;
    expect((await server.call('GET', `/v1/sessions/${otherId}`, { token })).status).toBe(403);
    const list = (await (await server.call('GET', '/v1/sessions', { token })).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((s) => s.id)).toEqual([sessionId]);
    // Requests and device changes are the device code's, not the invitation's.
    const request = await server.call('POST', '/v1/sessions', { token, body: { reason: 'More' } });
    expect(request.status).toBe(403);
    const rename = await server.call('PATCH', `/v1/devices/${FIXTURE.deviceId}`, {
      token,
      body: { name: 'Mine now' },
    });
    expect(rename.status).toBe(403);
    // The call is theirs to join (VS-8).
    const call = await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token });
    expect(call.status).toBe(201);
  });

  it('revoking, expiry, and a closed or cancelled session end the invitation and its sign-in at once', async () => {
    const first = await invite();
    const token = await guest(first.code ?? '');
    const revoke = await server.call('DELETE', `/v1/sessions/${sessionId}/invites/${first.id}`, {
      token: agent,
    });
    expect(revoke.status).toBe(204);
    expect((await server.call('GET', '/v1/me', { token })).status).toBe(401);
    expect((await redeem(first.code ?? '')).status).toBe(401);
    // Revoking again changes nothing.
    expect(
      (await server.call('DELETE', `/v1/sessions/${sessionId}/invites/${first.id}`, { token: agent })).status,
    ).toBe(204);

    now += 1_000;
    const short = await invite({ expiresInMinutes: 5 });
    const shortToken = await guest(short.code ?? '');
    now += 5 * 60_000;
    expect((await server.call('GET', '/v1/me', { token: shortToken })).status).toBe(401);
    const expired = await redeem(short.code ?? '');
    expect(((await expired.json()) as { code: string }).code).toBe('access-code-expired');

    const third = await invite();
    const thirdToken = await guest(third.code ?? '');
    const cancelled = await server.call('POST', `/v1/sessions/${sessionId}/cancel`, {
      token: agent,
      body: { reason: 'Solved by phone' },
    });
    expect(cancelled.status).toBe(200);
    expect((await server.call('GET', '/v1/me', { token: thirdToken })).status).toBe(401);
    expect((await redeem(third.code ?? '')).status).toBe(401);
    const late = await server.call('POST', `/v1/sessions/${sessionId}/invites`, { token: agent });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('session-finished');

    const listed = (await (
      await server.call('GET', `/v1/sessions/${sessionId}/invites`, { token: agent })
    ).json()) as { items: Invite[] };
    expect(listed.items.map((i) => [i.id, i.status])).toEqual([
      [third.id, 'active'],
      [short.id, 'expired'],
      [first.id, 'revoked'],
    ]);
    expect(listed.items.every((i) => i.code === undefined && i.link === undefined)).toBe(true);
  });

  it('invitations stay out of the device’s codes: not listed there, not revoked by rotating them', async () => {
    const made = await invite();
    const manager = await server.login(FIXTURE.managerEmail);
    const codes = (await (
      await server.call('GET', `/v1/devices/${FIXTURE.deviceId}/access-codes`, { token: manager })
    ).json()) as { items: { id: string }[] };
    expect(codes.items.map((c) => c.id)).not.toContain(made.id);
    const rotated = await server.call('POST', `/v1/devices/${FIXTURE.deviceId}/access-codes`, {
      token: manager,
      body: { rotate: true },
    });
    expect(rotated.status).toBe(201);
    expect((await redeem(made.code ?? '')).status).toBe(200);
    const viaDevice = await server.call('DELETE', `/v1/devices/${FIXTURE.deviceId}/access-codes/${made.id}`, {
      token: manager,
    });
    expect(viaDevice.status).toBe(404);
  });

  it('bad input is refused with a problem and makes no invitation', async () => {
    for (const body of [
      { expiresInMinutes: 4 },
      { expiresInMinutes: 7 * 24 * 60 + 1 },
      { expiresInMinutes: 1.5 },
      { extra: 1 },
    ]) {
      const res = await server.call('POST', `/v1/sessions/${sessionId}/invites`, { token: agent, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const unknown = await server.call('DELETE', `/v1/sessions/${sessionId}/invites/nope`, { token: agent });
    expect(unknown.status).toBe(404);
    const listed = (await (
      await server.call('GET', `/v1/sessions/${sessionId}/invites`, { token: agent })
    ).json()) as { items: Invite[] };
    expect(listed.items).toEqual([]);
  });
});
