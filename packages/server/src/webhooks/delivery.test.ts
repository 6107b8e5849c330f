import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { completedSession, flowTokens } from '../summaries/testing/flow.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type Receiver, signatureHeaders, startReceiver } from './testing/receiver.js';
import { createEndpoint, requestSession, verifyAt } from './testing/setup.js';

forEachBackend('webhook delivery to a real receiver (SI-12, Standard Webhooks)', (backend) => {
  let server: TestServer;
  let receiver: Receiver;
  let manager: string;
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const drain = () => server.webhookWorker.drain();

  beforeAll(async () => {
    server = await createTestServer(backend, { webhookTimeoutMs: 1_500 }, clock);
    receiver = await startReceiver();
    manager = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });
  beforeEach(async () => {
    offsetMs = 0;
    await server.reset();
    receiver.received.length = 0;
    receiver.fallback = { status: 200, body: 'ok' };
  });

  async function deliveries(endpointId: string, query = '') {
    const res = await server.call('GET', `/v1/webhooks/${endpointId}/deliveries${query}`, { token: manager });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      items: {
        id: string;
        eventType: string;
        status: string;
        attemptCount: number;
        nextAttemptAt: string | null;
      }[];
      nextCursor: string | null;
    };
  }
  async function detail(endpointId: string, deliveryId: string) {
    const res = await server.call('GET', `/v1/webhooks/${endpointId}/deliveries/${deliveryId}`, {
      token: manager,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      status: string;
      attemptCount: number;
      payload: unknown;
      attempts: {
        statusCode: number | null;
        durationMs: number;
        error: string | null;
        responseExcerpt: string | null;
        at: string;
      }[];
    };
  }

  it('signs every message so the library’s own verifier accepts it; the body has ids and links only', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const sessionId = await requestSession(server, 'Customer secret reason text');
    await drain();
    const [request] = await receiver.waitFor(1);
    const payload = new Webhook(endpoint.secret).verify(request!.body, signatureHeaders(request!));
    expect(payload).toEqual({
      type: 'session.requested',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: {
        sessionId,
        status: 'requested',
        portalId: FIXTURE.portalId,
        teamId: expect.anything(),
        ticketLinks: [],
        links: { session: `http://localhost/v1/sessions/${sessionId}` },
      },
    });
    expect(request!.body).not.toContain('Customer secret reason text');
    expect(request!.headers['content-type']).toBe('application/json');
    const list = await deliveries(endpoint.id);
    expect(list.items).toMatchObject([
      { eventType: 'session.requested', status: 'delivered', attemptCount: 1 },
    ]);
    expect(request!.headers['webhook-id']).toBe(list.items[0]!.id);
    // Another secret, a changed body or a changed id do not verify.
    const other = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    expect(() => other.verify(request!.body, signatureHeaders(request!))).toThrow(/No matching signature/);
    const tampered = request!.body.replace(sessionId, 'someone-else');
    expect(() => new Webhook(endpoint.secret).verify(tampered, signatureHeaders(request!))).toThrow();
  });

  it('a replayed message whose timestamp is outside the tolerance is rejected by the verifier', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    await requestSession(server);
    await drain();
    const [request] = await receiver.waitFor(1);
    const sentAt = Number(request!.headers['webhook-timestamp']) * 1000;
    expect(Math.abs(sentAt - Date.now())).toBeLessThan(60_000);
    expect(verifyAt(endpoint.secret, request!, new Date(sentAt + 4 * 60_000))).toMatchObject({
      type: 'session.requested',
    });
    expect(() => verifyAt(endpoint.secret, request!, new Date(sentAt + 6 * 60_000))).toThrow(/too old/);
    expect(() => verifyAt(endpoint.secret, request!, new Date(sentAt - 6 * 60_000))).toThrow(/too new/);
  });

  it('a session’s life: requested, confirmed, completed, then its summary, each once', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    const sessionId = await completedSession(server, await flowTokens(server));
    await server.runSummaryJobs();
    await drain();
    const requests = await receiver.waitFor(4);
    const payloads = requests.map(
      (r) =>
        new Webhook(endpoint.secret).verify(r.body, signatureHeaders(r)) as {
          type: string;
          data: Record<string, unknown>;
        },
    );
    expect(payloads.map((p) => p.type)).toEqual([
      'session.requested',
      'session.confirmed',
      'session.completed',
      'summary.created',
    ]);
    const summary = payloads[3]!.data;
    expect(summary).toMatchObject({
      sessionId,
      summaryId: expect.stringMatching(/^sum_/),
      links: {
        session: `http://localhost/v1/sessions/${sessionId}`,
        summary: `http://localhost/v1/sessions/${sessionId}/summary`,
      },
    });
    expect(Object.keys(summary).sort()).toEqual(
      ['links', 'portalId', 'sessionId', 'status', 'summaryId', 'teamId', 'ticketLinks'].sort(),
    );
    // Nothing of the conversation leaves in a webhook.
    for (const r of requests) expect(r.body).not.toMatch(/printer|router/i);
    // Nothing more is sent by another round.
    await drain();
    expect(receiver.received).toHaveLength(4);
  });

  it('a receiver answering 500 three times then 200 gets the event delivered exactly once, on the backoff schedule', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    receiver.script({ status: 500, body: 'x'.repeat(5000) }, { status: 500 }, { status: 500 });
    await requestSession(server);
    await drain();
    expect(receiver.received).toHaveLength(1);
    // Not again before its time.
    await drain();
    expect(receiver.received).toHaveLength(1);
    let [pending] = (await deliveries(endpoint.id)).items;
    expect(pending).toMatchObject({ status: 'pending', attemptCount: 1 });
    const wait = Date.parse(pending!.nextAttemptAt!) - clock().getTime();
    expect(wait).toBeGreaterThanOrEqual(4_400);
    expect(wait).toBeLessThanOrEqual(5_600);
    for (const [advance, expected] of [
      [6_000, 2],
      [5.6 * 60_000, 3],
      [33 * 60_000, 4],
    ] as const) {
      offsetMs += advance;
      await drain();
      expect(receiver.received).toHaveLength(expected);
    }
    offsetMs += 48 * 3_600_000;
    await drain();
    expect(receiver.received).toHaveLength(4);
    // Back to the time the test's tokens were issued at, to read the log.
    offsetMs = 0;
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    // The last attempt is signed at its own time and verifies then.
    expect(
      verifyAt(
        endpoint.secret,
        receiver.received[3]!,
        new Date(Number(receiver.received[3]!.headers['webhook-timestamp']) * 1000),
      ),
    ).toMatchObject({
      type: 'session.requested',
    });
    [pending] = (await deliveries(endpoint.id)).items;
    const log = await detail(endpoint.id, pending!.id);
    expect(log).toMatchObject({ status: 'delivered', attemptCount: 4 });
    expect(log.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(log.attempts.map((a) => a.error)).toEqual(['HTTP 500', 'HTTP 500', 'HTTP 500', null]);
    expect(log.attempts[0]!.responseExcerpt).toBe('x'.repeat(1024));
    for (const a of log.attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    const endpointNow = await (
      await server.call('GET', `/v1/webhooks/${endpoint.id}`, { token: manager })
    ).json();
    expect(endpointNow).toMatchObject({
      enabled: true,
      failingSince: null,
      lastSuccessAt: expect.any(String),
    });
  });

  it('gives up after 8 attempts over about a day: failed, and a manual retry sends it once more with the same id', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    receiver.fallback = { status: 503 };
    await requestSession(server);
    await drain();
    for (let i = 0; i < 7; i++) {
      offsetMs += 11 * 3_600_000;
      await drain();
    }
    expect(receiver.received).toHaveLength(8);
    offsetMs += 24 * 3_600_000;
    await drain();
    expect(receiver.received).toHaveLength(8);
    offsetMs = 0;
    const [failed] = (await deliveries(endpoint.id)).items;
    expect(failed).toMatchObject({ status: 'failed', attemptCount: 8, nextAttemptAt: null });

    receiver.fallback = { status: 204 };
    const retry = await server.call('POST', `/v1/webhooks/${endpoint.id}/deliveries/${failed!.id}/retry`, {
      token: manager,
    });
    expect(retry.status).toBe(202);
    expect(await retry.json()).toMatchObject({ id: failed!.id, status: 'pending' });
    await drain();
    expect(receiver.received).toHaveLength(9);
    expect(receiver.received[8]!.headers['webhook-id']).toBe(failed!.id);
    expect((await deliveries(endpoint.id)).items[0]).toMatchObject({ status: 'delivered', attemptCount: 9 });
  });

  it('redirects are not followed and a silent receiver times out: both are failed attempts', async () => {
    await server.restart();
    const endpoint = await createEndpoint(server, { url: receiver.url });
    receiver.script({ status: 302, headers: { location: 'http://169.254.169.254/' } }, 'hang');
    await requestSession(server);
    await drain();
    offsetMs += 6_000;
    const started = Date.now();
    await drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(server.services.config.webhookTimeoutMs - 100);
    expect(receiver.received).toHaveLength(2);
    const [delivery] = (await deliveries(endpoint.id)).items;
    const log = await detail(endpoint.id, delivery!.id);
    expect(log.attempts[0]).toMatchObject({
      statusCode: 302,
      error: expect.stringContaining('not followed'),
    });
    expect(log.attempts[1]).toMatchObject({
      statusCode: null,
      error: expect.stringContaining('No answer within'),
    });
    expect(log.status).toBe('pending');
  }, 30_000);

  it('two replicas fanning out and delivering at once send every event exactly once', async () => {
    await createEndpoint(server, { url: receiver.url });
    const replica = await server.replica();
    try {
      for (let i = 0; i < 6; i++) await requestSession(server, `replica ${i}`);
      await Promise.all([drain(), replica.webhookWorker.drain(), drain(), replica.webhookWorker.drain()]);
      await receiver.waitFor(6);
      const ids = receiver.received.map((r) => r.headers['webhook-id']);
      expect(new Set(ids).size).toBe(6);
      expect(ids).toHaveLength(6);
      const rows = await server.handle.db
        .selectFrom('webhook_deliveries')
        .select(['status', 'attempts'])
        .execute();
      expect(rows).toHaveLength(6);
      expect(rows.every((r) => r.status === 'delivered' && Number(r.attempts) === 1)).toBe(true);
    } finally {
      await replica.close();
    }
  });

  it('an endpoint gets only events after it was made, of its types and portals', async () => {
    await requestSession(server);
    const all = await createEndpoint(server, { url: `${receiver.url}?all` });
    const summariesOnly = await createEndpoint(server, {
      url: `${receiver.url}?summaries`,
      events: ['summary.created'],
    });
    const otherPortal = await createEndpoint(server, {
      url: `${receiver.url}?closed`,
      portalIds: [FIXTURE.closedPortalId],
    });
    const ownPortal = await createEndpoint(server, {
      url: `${receiver.url}?own`,
      portalIds: [FIXTURE.portalId],
    });
    await drain();
    expect(receiver.received).toHaveLength(0);
    await requestSession(server);
    await drain();
    await receiver.waitFor(2);
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/hooks?all', '/hooks?own']);
    expect((await deliveries(summariesOnly.id)).items).toEqual([]);
    expect((await deliveries(otherPortal.id)).items).toEqual([]);
    expect((await deliveries(all.id)).items).toHaveLength(1);
    expect((await deliveries(ownPortal.id)).items).toHaveLength(1);
  });

  it('secret rotation: during the overlap both secrets verify, after it only the new one', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    const rotated = await server.call('POST', `/v1/webhooks/${endpoint.id}/rotate-secret`, {
      token: manager,
      body: { overlapSeconds: 3600 },
    });
    expect(rotated.status).toBe(200);
    const { secret, previousSecretExpiresAt } = (await rotated.json()) as {
      secret: string;
      previousSecretExpiresAt: string;
    };
    expect(secret).not.toBe(endpoint.secret);
    expect(Date.parse(previousSecretExpiresAt) - clock().getTime()).toBeGreaterThan(3_500_000);
    await requestSession(server);
    await drain();
    const [during] = await receiver.waitFor(1);
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    const at = new Date(Number(during!.headers['webhook-timestamp']) * 1000);
    expect(verifyAt(endpoint.secret, during!, at)).toMatchObject({ type: 'session.requested' });
    expect(verifyAt(secret, during!, at)).toMatchObject({ type: 'session.requested' });

    offsetMs += 2 * 3_600_000;
    await requestSession(server);
    await drain();
    const [, after] = await receiver.waitFor(2);
    offsetMs = 0;
    expect(String(after!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    const later = new Date(Number(after!.headers['webhook-timestamp']) * 1000);
    expect(verifyAt(secret, after!, later)).toMatchObject({ type: 'session.requested' });
    expect(() => verifyAt(endpoint.secret, after!, later)).toThrow(/No matching signature/);

    // Without a body the overlap is 24 h; overlapSeconds 0 ends it at once.
    const defaulted = await server.call('POST', `/v1/webhooks/${endpoint.id}/rotate-secret`, {
      token: manager,
    });
    const body = (await defaulted.json()) as { secret: string; previousSecretExpiresAt: string };
    expect(Date.parse(body.previousSecretExpiresAt) - clock().getTime()).toBeGreaterThan(86_300_000);
    const now = await server.call('POST', `/v1/webhooks/${endpoint.id}/rotate-secret`, {
      token: manager,
      body: { overlapSeconds: 0 },
    });
    const last = (await now.json()) as { secret: string; previousSecretExpiresAt: null };
    expect(last.previousSecretExpiresAt).toBeNull();
    await requestSession(server);
    await drain();
    const [, , third] = await receiver.waitFor(3);
    const t = new Date(Number(third!.headers['webhook-timestamp']) * 1000);
    expect(verifyAt(last.secret, third!, t)).toBeTruthy();
    expect(() => verifyAt(body.secret, third!, t)).toThrow(/No matching signature/);
  });

  it('a test ping, deliveries filtered and paged newest first, and pruned after 30 days', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    for (let i = 0; i < 3; i++) await requestSession(server, `reason ${i}`);
    await drain();
    const ping = await server.call('POST', `/v1/webhooks/${endpoint.id}/test`, { token: manager });
    expect(ping.status).toBe(202);
    await drain();
    await receiver.waitFor(4);
    const bodies = receiver.received.map((r) =>
      new Webhook(endpoint.secret).verify(r.body, signatureHeaders(r)),
    );
    expect(bodies).toContainEqual({
      type: 'webhook.test',
      timestamp: expect.any(String),
      data: { endpointId: endpoint.id },
    });

    const first = await deliveries(endpoint.id, '?limit=2');
    expect(first.items.map((d) => d.eventType)).toEqual(['webhook.test', 'session.requested']);
    const second = await deliveries(endpoint.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect((await deliveries(endpoint.id, '?event=webhook.test')).items).toHaveLength(1);
    expect((await deliveries(endpoint.id, '?status=failed')).items).toHaveLength(0);
    expect((await deliveries(endpoint.id, '?status=delivered')).items).toHaveLength(4);
    const bad = await server.call('GET', `/v1/webhooks/${endpoint.id}/deliveries?status=lost`, {
      token: manager,
    });
    expect(bad.status).toBe(400);

    offsetMs += 31 * 24 * 3_600_000;
    await server.restart();
    await drain();
    offsetMs = 0;
    expect((await deliveries(endpoint.id)).items).toEqual([]);
  });
});
