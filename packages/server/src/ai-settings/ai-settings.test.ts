import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { decideSummary } from './decision.js';
import { loadSummaryPermissions } from './permissions.js';

const settings = {
  summariesEnabled: true,
  outgoing: { enabled: true, scope: 'selected-portals' },
  incoming: { enabled: true, scope: 'policy-devices' },
  language: 'de',
  permissions: {
    'team-manager': ['summaries.view', 'ai.settings'],
    agent: ['summaries.view', 'summaries.export'],
  },
} as const;

const defaults = {
  summariesEnabled: true,
  outgoing: { enabled: true, scope: 'all' },
  incoming: { enabled: false, scope: 'all-devices' },
  language: 'en',
  permissions: {
    'team-manager': ['summaries.view', 'summaries.edit', 'summaries.export'],
    agent: ['summaries.view'],
  },
};

forEachBackend('AI settings (SI-1, SI-2, SI-4, SI-5, SI-10)', (backend) => {
  let server: TestServer;
  let manager: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    manager = await server.login(FIXTURE.managerEmail);
  });
  beforeEach(async () => server.reset());
  afterAll(async () => server.close());

  const get = async (token: string) => server.call('GET', '/v1/settings/ai', { token });
  const put = (token: string, body: unknown, ifMatch?: string) =>
    server.call('PUT', '/v1/settings/ai', {
      token,
      body,
      ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
    });

  it('GET shows the organization’s settings with an ETag; a new organization starts with the default grants', async () => {
    const res = await get(manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"/);
    expect(await res.json()).toMatchObject(defaults);
  });

  it('PUT with the current ETag replaces everything; the grants reach loadSummaryPermissions', async () => {
    const etag = (await get(manager)).headers.get('etag') ?? '';
    const res = await put(manager, settings, etag);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(etag);
    expect(await (await get(manager)).json()).toMatchObject(settings);
    expect(await loadSummaryPermissions(server.handle.db, FIXTURE.organizationId)).toEqual(
      settings.permissions,
    );
  });

  it('a stale If-Match → 412 and nothing changes', async () => {
    const etag = (await get(manager)).headers.get('etag') ?? '';
    expect((await put(manager, settings, etag)).status).toBe(200);
    const stale = await put(manager, { ...settings, language: 'pt' }, etag);
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(((await (await get(manager)).json()) as { language: string }).language).toBe('de');
  });

  it('a team manager holding ai.settings changes the switches but not the grants (SI-5)', async () => {
    expect((await put(manager, settings)).status).toBe(200);
    const tm = await server.login(FIXTURE.teamManagerEmail);
    const switches = await put(tm, { ...settings, summariesEnabled: false });
    expect(switches.status).toBe(200);
    const grants = await put(tm, {
      ...settings,
      permissions: { ...settings.permissions, agent: ['summaries.view', 'summaries.delete'] },
    });
    expect(grants.status).toBe(403);
    expect(((await grants.json()) as { detail: string }).detail).toContain('company managers');
    expect(await (await get(manager)).json()).toMatchObject({
      summariesEnabled: false,
      permissions: settings.permissions,
    });
  });

  it('an agent with summaries.view reads but may not change; a customer may not read', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    expect((await get(agent)).status).toBe(200);
    expect((await put(agent, defaults)).status).toBe(403);
    expect((await get(await server.customer(FIXTURE.accessCode))).status).toBe(403);
  });

  it('once agents lose summaries.view they no longer read the settings', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    await put(manager, { ...defaults, permissions: { ...defaults.permissions, agent: [] } });
    expect((await get(agent)).status).toBe(403);
  });

  describe('bad input → 400 problem, nothing changed', () => {
    it.each([
      [
        'an unknown permission',
        { ...defaults, permissions: { 'team-manager': [], agent: ['summaries.everything'] } },
      ],
      ['an unknown language', { ...defaults, language: 'fr' }],
      ['an unknown scope', { ...defaults, outgoing: { enabled: true, scope: 'some' } }],
      ['an unknown field', { ...defaults, model: 'big' }],
      ['a missing part', { summariesEnabled: false }],
    ])('%s', async (_name, body) => {
      const before = await (await get(manager)).json();
      const res = await put(manager, body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await (await get(manager)).json()).toEqual(before);
    });
  });
});

forEachBackend('device AI consent (SI-3, SI-4)', (backend) => {
  let server: TestServer;
  let manager: string;
  let customer: string;
  const path = `/v1/devices/${FIXTURE.deviceId}/ai-consent`;
  beforeAll(async () => {
    server = await createTestServer(backend);
    manager = await server.login(FIXTURE.managerEmail);
    customer = await server.customer(FIXTURE.accessCode);
  });
  beforeEach(async () => server.reset());
  afterAll(async () => server.close());

  const setPolicy = (policy: { summaries: boolean; enforced: boolean } | null) =>
    server.handle.db
      .updateTable('devices')
      .set({ managed: policy !== null, policy: policy ? JSON.stringify(policy) : null })
      .where('id', '=', FIXTURE.deviceId)
      .execute();

  it('the device’s customer reads and changes its own setting; an organization event says so', async () => {
    const read = await server.call('GET', path, { token: customer });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      access: 'after-confirmation',
      managed: false,
      policy: null,
      editable: true,
    });
    const res = await server.call('PUT', path, {
      token: customer,
      body: { access: 'denied' },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ access: 'denied' });
    const events = await server.handle.db
      .selectFrom('outbox')
      .select(['type', 'data'])
      .where('type', '=', 'device.updated')
      .execute();
    expect(events.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ deviceId: FIXTURE.deviceId, summaryAccess: 'denied' }),
    );
  });

  it('a stale If-Match → 412, the setting unchanged', async () => {
    const etag = (await server.call('GET', path, { token: manager })).headers.get('etag') ?? '';
    expect((await server.call('PUT', path, { token: manager, body: { access: 'allowed' } })).status).toBe(
      200,
    );
    const stale = await server.call('PUT', path, {
      token: manager,
      body: { access: 'denied' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect(await (await server.call('GET', path, { token: manager })).json()).toMatchObject({
      access: 'allowed',
    });
  });

  it('an enforced managed-device policy fixes it: 403 policy-enforced for customer and manager, not editable', async () => {
    await setPolicy({ summaries: true, enforced: true });
    const view = await (await server.call('GET', path, { token: customer })).json();
    expect(view).toMatchObject({
      managed: true,
      policy: { summaries: true, enforced: true },
      editable: false,
    });
    for (const token of [customer, manager]) {
      const res = await server.call('PUT', path, { token, body: { access: 'denied' } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { type: string }).type).toContain('policy-enforced');
    }
    expect(
      await server.handle.db
        .selectFrom('devices')
        .select('summary_access')
        .where('id', '=', FIXTURE.deviceId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ summary_access: 'after-confirmation' });
  });

  it('an agent sees the setting, not editable for them, and may not change it', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    expect(await (await server.call('GET', path, { token: agent })).json()).toMatchObject({
      editable: false,
    });
    expect((await server.call('PUT', path, { token: agent, body: { access: 'allowed' } })).status).toBe(403);
  });

  it('a bad access value → 400 problem', async () => {
    const res = await server.call('PUT', path, { token: customer, body: { access: 'maybe' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

forEachBackend('the summary decision of a stored session (SI-1…SI-6)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  beforeEach(async () => {
    await server.reset();
    await server.handle.db
      .insertInto('sessions')
      .values({
        id: 'sess_decide',
        organization_id: FIXTURE.organizationId,
        device_id: FIXTURE.deviceId,
        portal_id: FIXTURE.portalId,
        team_id: FIXTURE.heatingTeamId,
        assignee_ids: JSON.stringify([FIXTURE.agentId]),
        status: 'running',
        reason: 'decision test',
        ticket_links: JSON.stringify([]),
        recording_consent: null,
        cancel_reason: null,
        created_by_kind: 'customer',
        created_by_id: FIXTURE.deviceId,
      })
      .execute();
  });
  afterAll(async () => server.close());

  const db = () => server.handle.db;
  const decide = () => decideSummary(db(), 'sess_decide');
  const setAi = (ai: object) =>
    db()
      .updateTable('organizations')
      .set({ ai_settings: JSON.stringify(ai) })
      .where('id', '=', FIXTURE.organizationId)
      .execute();
  const ai = {
    summariesEnabled: true,
    outgoing: { enabled: true, scope: 'all' },
    incoming: { enabled: true, scope: 'all-devices' },
  };

  it('an unmanaged device with after-confirmation asks the customer; their answer decides', async () => {
    await setAi(ai);
    expect(await decide()).toEqual({ decision: 'ask', reason: 'awaiting-customer' });
    expect(await decideSummary(db(), 'sess_decide', { customerAnswer: 'allow' })).toEqual({
      decision: 'summarize',
      reason: 'customer-allowed',
    });
    const customer = await server.customer(FIXTURE.accessCode);
    const res = await server.call('POST', '/v1/sessions/sess_decide/consents', {
      token: customer,
      body: { kind: 'summary', decision: 'denied' },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: 'do-not-summarize:customer-denied' });
    expect(await decide()).toEqual({ decision: 'do-not-summarize', reason: 'customer-denied' });
  });

  it('the organization’s switches come first', async () => {
    await setAi({ ...ai, summariesEnabled: false });
    expect(await decide()).toMatchObject({ reason: 'ai-disabled' });
    await setAi({ ...ai, outgoing: { enabled: false, scope: 'all' } });
    expect(await decide()).toMatchObject({ reason: 'outgoing-disabled' });
  });

  it('selected portals: the portal’s summaries feature decides', async () => {
    await setAi({ ...ai, outgoing: { enabled: true, scope: 'selected-portals' } });
    expect(await decide()).toMatchObject({ reason: 'portal-not-selected' });
    const portal = await db()
      .selectFrom('portals')
      .select('features')
      .where('id', '=', FIXTURE.portalId)
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('portals')
      .set({ features: JSON.stringify({ ...portal.features, summaries: 'on' }) })
      .where('id', '=', FIXTURE.portalId)
      .execute();
    expect(await decide()).toMatchObject({ decision: 'ask' });
  });

  it('the assignee’s effective "log sessions" switch: own override, else the team’s (SI-6)', async () => {
    await setAi(ai);
    await db()
      .updateTable('teams')
      .set({ settings: JSON.stringify({ logSessions: false }) })
      .where('id', '=', FIXTURE.fieldTeamId)
      .execute();
    expect(await decide()).toMatchObject({ reason: 'user-not-logging' });
    await db()
      .updateTable('users')
      .set({ settings: JSON.stringify({ logSessions: true }) })
      .where('id', '=', FIXTURE.agentId)
      .execute();
    expect(await decide()).toMatchObject({ decision: 'ask' });
  });

  it('a managed device is incoming: an enforced policy decides without asking', async () => {
    await setAi(ai);
    await db()
      .updateTable('devices')
      .set({
        managed: true,
        policy: JSON.stringify({ summaries: true, enforced: true }),
        summary_access: 'denied',
      })
      .where('id', '=', FIXTURE.deviceId)
      .execute();
    expect(await decide()).toEqual({ decision: 'summarize', reason: 'policy-enforced' });
    await setAi({ ...ai, incoming: { enabled: false, scope: 'all-devices' } });
    expect(await decide()).toMatchObject({ reason: 'incoming-disabled' });
  });
});
