import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { checkUrl, isPublicAddress } from './ssrf.js';
import { newDeliveryId, newSecret } from './store.js';
import { type Receiver, startReceiver } from './testing/receiver.js';

describe('which addresses are public (SI-12)', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['224.0.0.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['93.184.215.14', true],
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
  ])('%s → public %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('refuses a host name that resolves to loopback (localhost), credentials and plain http', async () => {
    await expect(checkUrl('https://localhost/hooks', false)).rejects.toThrow(/resolves to 127\.0\.0\.1/);
    await expect(checkUrl('https://user:pw@93.184.215.14/', false)).rejects.toThrow(/user name or password/);
    await expect(checkUrl('http://93.184.215.14/', false)).rejects.toThrow(/must use https/);
    await expect(checkUrl('https://93.184.215.14/hooks', false)).resolves.toBeInstanceOf(URL);
    // Allowed: loopback and http.
    await expect(checkUrl('http://localhost:8080/hooks', true)).resolves.toBeInstanceOf(URL);
    await expect(checkUrl('ftp://93.184.215.14/', true)).rejects.toThrow(/https or http/);
  });

  it('private targets: off by default, on in demo mode, the flag decides when set', () => {
    expect(loadConfig({}).webhooksAllowPrivate).toBe(false);
    expect(loadConfig({ SIGHTLINE_DEMO: '1' }).webhooksAllowPrivate).toBe(true);
    expect(loadConfig({ SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE: '1' }).webhooksAllowPrivate).toBe(true);
    expect(
      loadConfig({ SIGHTLINE_DEMO: '1', SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE: '0' }).webhooksAllowPrivate,
    ).toBe(false);
    expect(loadConfig({}).webhookTimeoutMs).toBe(10_000);
    expect(loadConfig({}).webhookDisableAfterMs).toBe(5 * 86_400_000);
  });
});

forEachBackend('webhook receivers on private networks are refused unless allowed (SI-12)', (backend) => {
  let server: TestServer;
  let receiver: Receiver;
  let manager: string;
  beforeAll(async () => {
    server = await createTestServer(backend, { webhooksAllowPrivate: false });
    receiver = await startReceiver();
    manager = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });
  beforeEach(() => server.reset());

  const stored = () => server.handle.db.selectFrom('webhook_endpoints').selectAll().execute();

  it.each([
    ['loopback', 'https://127.0.0.1/hooks', 'webhook-url-private'],
    ['a private 10.x address', 'https://10.0.0.5/hooks', 'webhook-url-private'],
    ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data', 'webhook-url-private'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hooks', 'webhook-url-private'],
    ['IPv6 loopback', 'https://[::1]/hooks', 'webhook-url-private'],
    ['CGNAT', 'https://100.64.1.1/hooks', 'webhook-url-private'],
    ['a name resolving to 127.0.0.1', 'https://localhost/hooks', 'webhook-url-private'],
    ['loopback written as a number', 'https://2130706433/hooks', 'webhook-url-private'],
    ['credentials in the URL', 'https://user:secret@93.184.215.14/hooks', 'webhook-url-invalid'],
    ['plain http', 'http://93.184.215.14/hooks', 'webhook-url-invalid'],
  ])('refuses %s with a 400 problem, nothing stored', async (_what, url, code) => {
    const res = await server.call('POST', '/v1/webhooks', { token: manager, body: { url, events: ['*'] } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code, errors: [{ path: 'json.url' }] });
    expect(await stored()).toEqual([]);
  });

  it('a public https receiver is accepted; changing it to a private one is refused and changes nothing', async () => {
    const created = await server.call('POST', '/v1/webhooks', {
      token: manager,
      body: { url: 'https://93.184.215.14/hooks', events: ['*'] },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const patched = await server.call('PATCH', `/v1/webhooks/${id}`, {
      token: manager,
      body: { url: 'https://[::ffff:7f00:1]/x', description: 'moved' },
    });
    expect(patched.status).toBe(400);
    expect(await stored()).toMatchObject([{ url: 'https://93.184.215.14/hooks', description: '' }]);
  });

  it('checks again at delivery, on the address the connection would use (DNS rebinding): nothing reaches the receiver', async () => {
    const port = new URL(receiver.url).port;
    // As if the names had resolved to public addresses when the endpoints were saved.
    const now = new Date();
    for (const [id, url] of [
      ['wh_rebound', `https://localhost:${port}/hooks`],
      ['wh_literal', `https://127.0.0.1:${port}/hooks`],
    ] as const) {
      await server.handle.db
        .insertInto('webhook_endpoints')
        .values({
          id,
          organization_id: FIXTURE.organizationId,
          url,
          events: '["*"]',
          portal_ids: null,
          secret: newSecret(),
          after_outbox_id: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await server.handle.db
        .insertInto('webhook_deliveries')
        .values({
          id: newDeliveryId(),
          organization_id: FIXTURE.organizationId,
          endpoint_id: id,
          event_type: 'webhook.test',
          payload: '{"type":"webhook.test"}',
          status: 'pending',
          give_up_after: 8,
          next_attempt_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await server.webhookWorker.drain();
    expect(receiver.received).toEqual([]);
    const attempts = await server.handle.db
      .selectFrom('webhook_attempts')
      .innerJoin('webhook_deliveries', 'webhook_deliveries.id', 'webhook_attempts.delivery_id')
      .select(['webhook_deliveries.endpoint_id', 'webhook_attempts.status_code', 'webhook_attempts.error'])
      .orderBy('webhook_deliveries.endpoint_id')
      .execute();
    expect(attempts).toEqual([
      {
        endpoint_id: 'wh_literal',
        status_code: null,
        error: expect.stringMatching(/127\.0\.0\.1 is a loopback address/),
      },
      {
        endpoint_id: 'wh_rebound',
        status_code: null,
        error: expect.stringMatching(/localhost resolves to 127\.0\.0\.1/),
      },
    ]);
  });
});
