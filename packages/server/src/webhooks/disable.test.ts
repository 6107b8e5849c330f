import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { mailerOf } from '../mail/mailer.js';
import { type SmtpReceiver, withSmtpServer } from '../mail/test-receiver.js';
import { FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type Receiver, startReceiver } from './testing/receiver.js';
import { createEndpoint, requestSession } from './testing/setup.js';

const DAY = 86_400_000;

forEachBackend('failing webhook endpoints are disabled and the managers told by mail (SI-12)', (backend) => {
  let smtp: SmtpReceiver;
  let server: TestServer;
  let receiver: Receiver;
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);

  withSmtpServer(backend, clock, (started) => ({ smtp, server } = started));
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => receiver.close());
  beforeEach(async () => {
    offsetMs = 0;
    await server.reset();
    receiver.received.length = 0;
    await mailerOf(server.services).idle();
    while (smtp.pending() > 0) await smtp.next();
  });

  /** An event made now (the tokens were issued at the real time), then delivery `atMs` later. */
  async function eventThenDeliverAt(atMs: number) {
    offsetMs = 0;
    await requestSession(server);
    offsetMs = atMs;
    await server.webhookWorker.drain();
    await mailerOf(server.services).idle();
  }
  const endpointRow = (id: string) =>
    server.handle.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('every delivery failing for 5 days disables the endpoint and mails each company manager once', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    receiver.fallback = { status: 500 };
    await eventThenDeliverAt(0);
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: true, failing_since: expect.any(Date) });
    await eventThenDeliverAt(2 * DAY);
    await eventThenDeliverAt(4.9 * DAY);
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: true });
    expect(smtp.pending()).toBe(0);

    await eventThenDeliverAt(5 * DAY + 60_000);
    const row = await endpointRow(endpoint.id);
    expect(row).toMatchObject({ enabled: false, disabled_reason: 'failing', disabled_at: expect.any(Date) });
    const mail = await smtp.next();
    expect(mail.subject).toBe('A Sightline webhook endpoint was disabled');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(FIXTURE.managerEmail);
    expect(mail.text).toContain(receiver.url);
    expect(mail.text).toContain('failed for 5 days');
    expect(mail.text).toContain(`PATCH /v1/webhooks/${endpoint.id}`);
    // No pending delivery is left, nothing more is sent, nobody is mailed again.
    const pending = await server.handle.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toEqual([]);
    const sent = receiver.received.length;
    await eventThenDeliverAt(6 * DAY);
    expect(receiver.received).toHaveLength(sent);
    expect(smtp.pending()).toBe(0);
    // The other organization's manager heard nothing.
    expect(smtp.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''))).not.toContain(
      FIXTURE.otherOrgManagerEmail,
    );
  });

  it('a success in between starts the count again', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    receiver.fallback = { status: 502 };
    await eventThenDeliverAt(0);
    receiver.fallback = { status: 200 };
    await eventThenDeliverAt(4 * DAY);
    expect(await endpointRow(endpoint.id)).toMatchObject({
      failing_since: null,
      last_success_at: expect.any(Date),
    });
    receiver.fallback = { status: 502 };
    await eventThenDeliverAt(6 * DAY);
    await eventThenDeliverAt(9 * DAY);
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: true });
    expect(smtp.pending()).toBe(0);
  });

  it('410 Gone disables the endpoint at once and mails the managers', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    receiver.script({ status: 410, body: 'unsubscribed' });
    await eventThenDeliverAt(0);
    expect(receiver.received).toHaveLength(1);
    expect(await endpointRow(endpoint.id)).toMatchObject({
      enabled: false,
      disabled_reason: 'endpoint-gone',
    });
    const [delivery] = await server.handle.db.selectFrom('webhook_deliveries').selectAll().execute();
    expect(delivery).toMatchObject({ status: 'failed', last_status_code: 410, attempts: 1 });
    const mail = await smtp.next();
    expect(mail.text).toContain('410 Gone');
    await eventThenDeliverAt(60_000);
    expect(receiver.received).toHaveLength(1);
  });
});
