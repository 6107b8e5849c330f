import { randomUUID } from 'node:crypto';
import { defaultPortalFeatures } from '@sightline/core/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

type Problem = { status: number; code: string; feature?: string; nextOpenAt?: string };
type Session = { id: string; capabilities: string[]; queuedUntil?: string; status: string };

const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

forEachBackend('feature enforcement and capabilities (MC-1, MC-5)', (backend) => {
  let server: TestServer;
  let manager: string;
  let agent: string;
  let customer: string;
  let sessionId: string;
  // The injectable clock: Saturday 6 June 2026, 12:00 in Berlin.
  let now = new Date('2026-06-06T10:00:00Z');
  beforeAll(async () => {
    // Tokens outlive the days the clock moves forward.
    const month = 30 * 24 * 3600;
    server = await createTestServer(
      backend,
      { tokenTtlSeconds: month, customerTokenTtlSeconds: month },
      () => now,
    );
    manager = await server.login(FIXTURE.managerEmail);
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    // Back to the seeded portal and settings (tokens stay valid, unlike after a full reset).
    const { db } = server.handle;
    await db
      .updateTable('portals')
      .set({
        features: JSON.stringify({ ...defaultPortalFeatures, recording: 'on' }),
        business_hours: null,
        holidays: '[]',
        outside_hours: 'refuse',
        time_zone: 'UTC',
      })
      .where('id', '=', FIXTURE.portalId)
      .execute();
    await sql`update users set settings = '{}'::jsonb`.execute(db);
    await sql`update teams set settings = '{}'::jsonb`.execute(db);
    now = new Date('2026-06-06T10:00:00Z');
    sessionId = randomUUID();
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
        reason: 'features',
        ticket_links: '[]',
        recording_consent: null,
        cancel_reason: null,
        created_by_kind: 'customer',
        created_by_id: FIXTURE.deviceId,
      })
      .execute();
  });

  const features = async (modes: Record<string, string>) => {
    const res = await server.call('PATCH', `/v1/portals/${FIXTURE.portalId}`, {
      token: manager,
      body: { features: modes },
    });
    expect(res.status).toBe(200);
  };
  const agentSettings = (settings: object) =>
    sql`update users set settings = ${JSON.stringify(settings)}::jsonb where id = ${FIXTURE.agentId}`.execute(
      server.handle.db,
    );
  const capabilities = async (token: string) => {
    const res = await server.call('GET', `/v1/sessions/${sessionId}`, { token });
    expect(res.status).toBe(200);
    return ((await res.json()) as Session).capabilities;
  };
  const upload = (token: string) => {
    const form = new FormData();
    const id = randomUUID();
    form.append('image', new Blob([PNG], { type: 'image/png' }), 'shot.png');
    form.append(
      'meta',
      JSON.stringify({
        id,
        capturedAt: 1_750_000_000_000,
        capturedBy: 'p',
        width: 1,
        height: 1,
        annotations: [],
      }),
    );
    return server.app.request(`/v1/sessions/${sessionId}/screenshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  };

  it('MC-5: a portal with screenshots off: no capability for either side, and a direct upload or annotation is a 403 naming the feature', async () => {
    await features({ screenshots: 'off' });
    expect(await capabilities(agent)).not.toContain('ar.screenshot');
    expect(await capabilities(customer)).not.toContain('ar.screenshot');
    expect(await capabilities(agent)).toContain('ar.draw');
    for (const token of [agent, customer]) {
      const res = await upload(token);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()) as Problem).toMatchObject({
        code: 'feature-disabled',
        feature: 'screenshots',
        type: 'https://sightline.dev/problems/feature-disabled',
      });
    }
    const annotate = await server.call('POST', `/v1/sessions/${sessionId}/screenshots/any/annotations`, {
      token: agent,
      body: { ops: [] },
    });
    expect(annotate.status).toBe(403);
    // Reading what was saved before stays possible (VS-15).
    expect((await server.call('GET', `/v1/sessions/${sessionId}/screenshots`, { token: agent })).status).toBe(
      200,
    );
    await features({ screenshots: 'on' });
    expect((await upload(agent)).status).toBe(201);
  });

  it('MC-1: required beats the agent’s own “off”; on lets it decide; the customer follows the portal only', async () => {
    await agentSettings({ features: { screenshots: false } });
    expect(await capabilities(agent)).not.toContain('ar.screenshot');
    expect(await capabilities(customer)).toContain('ar.screenshot');
    expect((await upload(agent)).status).toBe(403);
    expect((await upload(customer)).status).toBe(201);
    await features({ screenshots: 'required' });
    expect(await capabilities(agent)).toContain('ar.screenshot');
    expect((await upload(agent)).status).toBe(201);
  });

  it('MC-5: team settings apply down the tree, and a required portal feature overrides them', async () => {
    await sql`update teams set settings = '{"features":{"markers":false}}'::jsonb where id = ${FIXTURE.fieldTeamId}`.execute(
      server.handle.db,
    );
    expect(await capabilities(agent)).not.toContain('ar.marker');
    await features({ markers: 'required' });
    expect(await capabilities(agent)).toContain('ar.marker');
  });

  it('MC-5: sessions in lists and call joins carry the caller’s capabilities', async () => {
    await features({ mirror: 'off' });
    const list = (await (await server.call('GET', '/v1/sessions', { token: agent })).json()) as {
      items: Session[];
    };
    const mine = list.items.find((s) => s.id === sessionId)!;
    expect(mine.capabilities).toContain('session.manage');
    expect(mine.capabilities).not.toContain('ar.mirror');
    const started = await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: agent });
    expect(started.status).toBe(201);
    const join = (await started.json()) as { capabilities: string[]; call: { id: string } };
    expect(join.capabilities).toContain('ar.marker');
    expect(join.capabilities).not.toContain('ar.mirror');
    const joined = await server.call('POST', `/v1/sessions/${sessionId}/calls/${join.call.id}/join`, {
      token: customer,
    });
    const customerJoin = (await joined.json()) as { capabilities: string[] };
    expect(customerJoin.capabilities).toEqual([
      'ar.draw',
      'ar.screenshot',
      'call.join',
      'chat.send',
      'recording.consent',
      'session.create',
      'session.view',
    ]);
  });

  it('MC-5: recording consent where the portal does not record is a 403 naming the feature', async () => {
    await features({ recording: 'off' });
    const session = await server.call('GET', `/v1/sessions/${sessionId}`, { token: customer });
    expect(((await session.json()) as { capabilities: string[] }).capabilities).not.toContain(
      'recording.consent',
    );
    const res = await server.call('POST', `/v1/sessions/${sessionId}/consents`, {
      token: customer,
      body: { kind: 'recording', decision: 'granted' },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Problem).feature).toBe('recording');
  });

  describe('business hours (MC-6)', () => {
    const hours = (outsideHours: 'refuse' | 'queue') =>
      server.call('PATCH', `/v1/portals/${FIXTURE.portalId}`, {
        token: manager,
        body: {
          timeZone: 'Europe/Berlin',
          businessHours: Object.fromEntries(
            ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '08:00', end: '17:00' }]]),
          ),
          holidays: ['2026-06-08'],
          outsideHours,
        },
      });
    const request = () =>
      server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'weekend' } });

    it('refuses a customer request outside hours with when staff are back, past holidays; staff may still create', async () => {
      expect((await hours('refuse')).status).toBe(200);
      const res = await request();
      expect(res.status).toBe(409);
      // Monday 8 June is a holiday: Tuesday 08:00 in Berlin (summer time, UTC+2).
      expect((await res.json()) as Problem).toMatchObject({
        code: 'outside-business-hours',
        nextOpenAt: '2026-06-09T06:00:00.000Z',
      });
      const staff = await server.call('POST', '/v1/sessions', {
        token: agent,
        body: { deviceId: FIXTURE.deviceId, reason: 'call back' },
      });
      expect(staff.status).toBe(201);
      now = new Date('2026-06-09T06:00:00Z');
      expect((await request()).status).toBe(201);
      now = new Date('2026-06-09T15:00:00Z'); // 17:00 local: closed again
      expect((await request()).status).toBe(409);
    });

    it('queues a request outside hours until staff are back, when the portal says so', async () => {
      await hours('queue');
      const res = await request();
      expect(res.status).toBe(201);
      const session = (await res.json()) as Session;
      expect(session).toMatchObject({ status: 'requested', queuedUntil: '2026-06-09T06:00:00.000Z' });
      now = new Date('2026-06-09T07:00:00Z');
      const inHours = (await (await request()).json()) as Session;
      expect(inHours.queuedUntil).toBe(undefined);
    });
  });
});
