import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets.js';
import { INTEGRATION_TOKEN_PREFIX } from '../integrations/service.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { webhookEventTypes } from './events.js';

forEachBackend('webhook endpoints API (SI-12)', (backend) => {
  let server: TestServer;
  let manager: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    manager = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => server.close());
  beforeEach(() => server.reset());

  const URL = 'http://127.0.0.1:9/hooks';
  const create = (body: unknown, token = manager, headers?: Record<string, string>) =>
    server.call('POST', '/v1/webhooks', { token, body, ...(headers ? { headers } : {}) });
  const endpoints = () =>
    server.handle.db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').execute();

  /** An integration token of the demo organization with `webhooks:manage`, limited as given. */
  async function webhookToken(id: string, limits: { portalIds?: string[]; teamIds?: string[] }) {
    await server.handle.db
      .insertInto('integration_tokens')
      .values({
        id,
        organization_id: FIXTURE.organizationId,
        name: id,
        token_hash: sha256('s3cret'),
        scopes: JSON.stringify(['webhooks:manage']),
        portal_ids: limits.portalIds ? JSON.stringify(limits.portalIds) : null,
        team_ids: limits.teamIds ? JSON.stringify(limits.teamIds) : null,
      })
      .execute();
    return `${INTEGRATION_TOKEN_PREFIX}${id}_s3cret`;
  }

  it('creates an endpoint with a secret shown once; reads, lists, changes and deletes it', async () => {
    const res = await create({
      url: URL,
      events: ['session.completed', 'summary.created', 'summary.created'],
      description: ' CRM ',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = (await res.json()) as Record<string, unknown> & { id: string; secret: string };
    expect(res.headers.get('location')).toBe(`/v1/webhooks/${created.id}`);
    expect(created).toMatchObject({
      url: URL,
      description: 'CRM',
      events: ['session.completed', 'summary.created'],
      portalIds: null,
      enabled: true,
      disabledReason: null,
      failingSince: null,
      previousSecretExpiresAt: null,
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);
    const read = await server.call('GET', `/v1/webhooks/${created.id}`, { token: manager });
    const text = await read.text();
    expect(text).not.toContain(created.secret);
    expect(JSON.parse(text)).not.toHaveProperty('secret');
    const second = (await (await create({ url: `${URL}2`, events: ['*'] })).json()) as { id: string };
    const list = await server.call('GET', '/v1/webhooks', { token: manager });
    const listed = await list.text();
    expect(listed).not.toContain('whsec_');
    expect((JSON.parse(listed) as { items: { id: string }[] }).items.map((e) => e.id)).toEqual([
      second.id,
      created.id,
    ]);

    const patched = await server.call('PATCH', `/v1/webhooks/${created.id}`, {
      token: manager,
      body: { events: ['*'], portalIds: [FIXTURE.portalId], description: 'Tickets' },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      events: ['*'],
      portalIds: [FIXTURE.portalId],
      description: 'Tickets',
      url: URL,
    });

    expect((await server.call('DELETE', `/v1/webhooks/${created.id}`, { token: manager })).status).toBe(204);
    expect((await server.call('GET', `/v1/webhooks/${created.id}`, { token: manager })).status).toBe(404);
    expect((await server.call('DELETE', `/v1/webhooks/${created.id}`, { token: manager })).status).toBe(404);
    expect((await endpoints()).map((e) => e.id)).toEqual([second.id]);
  });

  it('an Idempotency-Key is not honoured on create: a retry makes a second endpoint with its own secret', async () => {
    const headers = { 'idempotency-key': 'same-key' };
    const a = (await (await create({ url: URL, events: ['*'] }, manager, headers)).json()) as {
      id: string;
      secret: string;
    };
    const b = (await (await create({ url: URL, events: ['*'] }, manager, headers)).json()) as {
      id: string;
      secret: string;
    };
    expect(a.id).not.toBe(b.id);
    expect(a.secret).not.toBe(b.secret);
  });

  it.each([
    ['no events', { url: URL, events: [] }, 'json.events'],
    ['an unknown event', { url: URL, events: ['session.exploded'] }, 'json.events.0'],
    ['the test ping as a subscription', { url: URL, events: ['webhook.test'] }, 'json.events.0'],
    ['"*" with others', { url: URL, events: ['*', 'summary.created'] }, 'json.events'],
    ['no URL', { events: ['*'] }, 'json.url'],
    ['a relative URL', { url: '/hooks', events: ['*'] }, 'json.url'],
    ['an unknown field', { url: URL, events: ['*'], secret: 'whsec_mine' }, ''],
    ['an unknown portal', { url: URL, events: ['*'], portalIds: ['portal_nope'] }, 'json.portalIds'],
    [
      "another organization's portal",
      { url: URL, events: ['*'], portalIds: ['portal_foreign'] },
      'json.portalIds',
    ],
    ['a long description', { url: URL, events: ['*'], description: 'x'.repeat(501) }, 'json.description'],
  ])('refuses %s with a 400 problem and stores nothing', async (_what, body, path) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors?: { path: string }[] };
    if (path) expect(problem.errors?.map((e) => e.path)).toContain(path);
    expect(await endpoints()).toEqual([]);
  });

  it('bad changes and rotations are 400 problems that change nothing', async () => {
    const { id, secret } = (await (await create({ url: URL, events: ['summary.created'] })).json()) as {
      id: string;
      secret: string;
    };
    const before = await endpoints();
    for (const body of [
      { events: [] },
      { enabled: 'yes' },
      { url: 'nope' },
      { portalIds: [] },
      { color: 'red' },
    ]) {
      const res = await server.call('PATCH', `/v1/webhooks/${id}`, { token: manager, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    for (const body of [
      { overlapSeconds: 86_401 },
      { overlapSeconds: -1 },
      { overlapSeconds: 'soon' },
      '{not json',
    ]) {
      const res = await server.call('POST', `/v1/webhooks/${id}/rotate-secret`, { token: manager, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await endpoints()).toEqual(before);
    expect(before[0]!.secret).toBe(secret);
  });

  it('disabling fails the pending deliveries and refuses retries and pings; enabling again clears the reason', async () => {
    const { id } = (await (await create({ url: URL, events: ['*'] })).json()) as { id: string };
    // No background delivery in this server from here on: the ping stays pending.
    server.webhookWorker.stop();
    const ping = (await (
      await server.call('POST', `/v1/webhooks/${id}/test`, { token: manager })
    ).json()) as { id: string };
    const disabled = await server.call('PATCH', `/v1/webhooks/${id}`, {
      token: manager,
      body: { enabled: false },
    });
    expect(await disabled.json()).toMatchObject({
      enabled: false,
      disabledReason: 'manual',
      disabledAt: expect.any(String),
    });
    const delivery = await server.call('GET', `/v1/webhooks/${id}/deliveries/${ping.id}`, { token: manager });
    expect(await delivery.json()).toMatchObject({
      status: 'failed',
      lastError: 'The endpoint was disabled.',
    });
    for (const path of [`/v1/webhooks/${id}/test`, `/v1/webhooks/${id}/deliveries/${ping.id}/retry`]) {
      const res = await server.call('POST', path, { token: manager });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'webhook-endpoint-disabled' });
    }
    const enabled = await server.call('PATCH', `/v1/webhooks/${id}`, {
      token: manager,
      body: { enabled: true },
    });
    expect(await enabled.json()).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
  });

  it('every event of the catalog can be subscribed to', async () => {
    const res = await create({ url: URL, events: [...webhookEventTypes] });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { events: string[] }).events).toEqual([...webhookEventTypes]);
  });

  it('a token limited to portals manages only endpoints inside its portals; a token limited to teams cannot manage webhooks', async () => {
    const portalToken = await webhookToken('intportal', { portalIds: [FIXTURE.portalId] });
    const teamToken = await webhookToken('intteam', { teamIds: [FIXTURE.heatingTeamId] });
    const everything = (await (await create({ url: URL, events: ['*'] })).json()) as { id: string };
    const own = await create({ url: URL, events: ['*'] }, portalToken);
    expect(own.status).toBe(201);
    const ownBody = (await own.json()) as { id: string; portalIds: string[] };
    expect(ownBody.portalIds).toEqual([FIXTURE.portalId]);
    const outside = await create(
      { url: URL, events: ['*'], portalIds: [FIXTURE.closedPortalId] },
      portalToken,
    );
    expect(outside.status).toBe(400);
    expect((await server.call('GET', `/v1/webhooks/${everything.id}`, { token: portalToken })).status).toBe(
      404,
    );
    const widen = await server.call('PATCH', `/v1/webhooks/${ownBody.id}`, {
      token: portalToken,
      body: { portalIds: null },
    });
    expect(widen.status).toBe(200);
    expect(await widen.json()).toMatchObject({ portalIds: [FIXTURE.portalId] });
    const list = (await (await server.call('GET', '/v1/webhooks', { token: portalToken })).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((e) => e.id)).toEqual([ownBody.id]);
    const refused = await create({ url: URL, events: ['*'] }, teamToken);
    expect(refused.status).toBe(403);
    expect((await server.call('GET', '/v1/webhooks', { token: teamToken })).status).toBe(403);
    expect((await endpoints()).map((e) => e.created_by).sort()).toEqual([
      'integration:intportal',
      `user:${FIXTURE.managerId}`,
    ]);
  });
});
