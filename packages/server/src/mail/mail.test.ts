import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { passwordResetsOf } from '../password-reset/service.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { escapeHtml } from './html.js';
import { type MailMessage, mailerOf } from './mailer.js';
import { RETRY_DELAYS_MS } from './smtp.js';
import { type SmtpReceiver, withSmtpServer } from './test-receiver.js';

const message = (to: string): MailMessage => ({
  organizationId: FIXTURE.organizationId,
  kind: 'test',
  to,
  subject: 'Hello <there>',
  text: 'Plain part: https://example.test/a?b=1&c=2\n',
  html: '<p>HTML part</p>',
});

forEachBackend('mail over SMTP: store first, then send, retry with backoff', (backend) => {
  let smtp: SmtpReceiver;
  let server: TestServer;
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);

  withSmtpServer(backend, clock, (started) => ({ smtp, server } = started));
  beforeEach(async () => {
    await server.reset();
    smtp.refuse(0);
  });
  const row = (id: string) =>
    server.handle.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('delivers both parts through the relay and keeps only the metadata', async () => {
    const mailer = mailerOf(server.services);
    expect(mailer.transport).toBe('smtp');
    const id = await mailer.send(message('someone@example.test'));
    const mail = await smtp.next();
    expect(mail.subject).toBe('Hello <there>');
    expect(mail.text).toBe('Plain part: https://example.test/a?b=1&c=2\n');
    expect(mail.html).toBe('<p>HTML part</p>');
    expect(mail.from?.text).toContain('no-reply@localhost');
    await mailer.idle();
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      text_body: null,
      html_body: null,
      last_error: null,
    });
    expect((await row(id)).message_id).toMatch(/^<.+>$/);
  });

  it('retries a refused delivery after the backoff and then delivers', async () => {
    const mailer = mailerOf(server.services);
    smtp.refuse(1, 451);
    const id = await mailer.send(message('later@example.test'));
    await mailer.idle();
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toContain('451');
    expect(failed.text_body).not.toBeNull();
    // Not due yet: nothing happens.
    expect(await mailer.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    offsetMs += RETRY_DELAYS_MS[0] + 1_000;
    expect(await mailer.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect((await smtp.next()).to).toMatchObject({ text: 'later@example.test' });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up after the last retry, and at once when the relay refuses the recipient for good', async () => {
    const mailer = mailerOf(server.services);
    smtp.refuse(100, 451);
    const id = await mailer.send(message('never@example.test'));
    await mailer.idle();
    for (const delay of RETRY_DELAYS_MS) {
      offsetMs += delay + 1_000;
      await mailer.deliverDue();
    }
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: RETRY_DELAYS_MS.length + 1,
      text_body: null,
      html_body: null,
    });

    smtp.refuse(1, 550);
    const permanent = await mailer.send(message('nobody@example.test'));
    await mailer.idle();
    expect(await row(permanent)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await row(permanent)).last_error).toContain('550');
    expect(smtp.pending()).toBe(0);
  });

  it('delivers mail stored before a restart (a crash between store and send loses nothing)', async () => {
    const pending = await mailerOf(server.services).enqueue(
      server.handle.db,
      message('restart@example.test'),
    );
    // Not kicked: as if the process died right after the commit.
    await server.restart();
    await mailerOf(server.services).deliverDue();
    expect((await smtp.next()).subject).toBe('Hello <there>');
    expect(await row(pending)).toMatchObject({ status: 'sent' });
  });

  it('lists the organization’s mail to its company managers, without bodies', async () => {
    await mailerOf(server.services).send(message('listed@example.test'));
    await mailerOf(server.services).idle();
    await smtp.next();
    const res = await server.call('GET', '/v1/mail/outbox', {
      token: await server.login(FIXTURE.managerEmail),
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { transport: string; items: Record<string, unknown>[] };
    expect(page.transport).toBe('smtp');
    expect(page.items).toEqual([
      expect.objectContaining({ to: 'listed@example.test', status: 'sent', kind: 'test', attempts: 1 }),
    ]);
    expect(JSON.stringify(page)).not.toContain('Plain part');
    const other = await server.call('GET', '/v1/mail/outbox', {
      token: await server.login(FIXTURE.otherOrgManagerEmail),
    });
    expect(((await other.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('pages with a cursor', async () => {
    for (let i = 0; i < 5; i++)
      await mailerOf(server.services).enqueue(server.handle.db, message(`p${i}@example.test`));
    const token = await server.login(FIXTURE.managerEmail);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await server.call('GET', `/v1/mail/outbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        token,
      });
      const page = (await res.json()) as { items: { to: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((m) => m.to));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1, 0].map((i) => `p${i}@example.test`));
    await mailerOf(server.services).deliverDue();
    while (smtp.pending() > 0) await smtp.next();
  });

  it('has no outbox page when SMTP is configured, even in demo mode', async () => {
    const replica = await server.replica({ demo: true });
    try {
      expect((await replica.app.request('/outbox')).status).toBe(404);
    } finally {
      await replica.close();
    }
  });
});

forEachBackend('mail without SMTP: the outbox the demo shows', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend, { smtpUrl: undefined, demo: true });
  });
  afterAll(async () => server.close());

  it('keeps a reset mail; the outbox page shows it and its link works', async () => {
    expect(mailerOf(server.services).transport).toBe('outbox');
    const res = await server.call('POST', '/v1/auth/password-reset', { body: { email: FIXTURE.agentEmail } });
    expect(res.status).toBe(202);
    await passwordResetsOf(server.services).idle();
    const kept = await server.handle.db.selectFrom('mail_outbox').selectAll().execute();
    expect(kept).toEqual([expect.objectContaining({ status: 'kept', kind: 'password-reset', attempts: 0 })]);

    const page = await server.app.request('/outbox');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Reset your Sightline password');
    const link = /<a href="([^"]+#token=[^"]+)">/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(link?.startsWith(server.services.config.passwordResetUrl)).toBe(true);
    const token = new URLSearchParams(new URL(link ?? '').hash.slice(1)).get('token') ?? '';

    const htmlPart = await server.app.request(`/outbox/${kept[0]?.id}`);
    expect(htmlPart.status).toBe(200);
    expect(htmlPart.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await htmlPart.text()).toContain(`href="${escapeHtml(link ?? '')}"`);
    expect((await server.app.request('/outbox/999999')).status).toBe(404);

    const confirm = await server.call('POST', '/v1/auth/password-reset/confirm', {
      body: { token, password: 'from-the-outbox-page' },
    });
    expect(confirm.status).toBe(204);
    const login = await server.call('POST', '/v1/auth/login', {
      body: { email: FIXTURE.agentEmail, password: 'from-the-outbox-page' },
    });
    expect(login.status).toBe(200);
    // The change notice is kept too, and the page escapes what it shows.
    expect(await (await server.app.request('/outbox')).text()).toContain(
      'Your Sightline password was changed',
    );
  });

  it('escapes subjects and bodies on the page', async () => {
    await mailerOf(server.services).send({
      ...message('x@example.test'),
      subject: '<script>alert(1)</script>',
      text: '<img src=x onerror=alert(1)>',
    });
    const html = await (await server.app.request('/outbox')).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
  });

  it('lists kept mail with transport "outbox" to company managers', async () => {
    const res = await server.call('GET', '/v1/mail/outbox', {
      token: await server.login(FIXTURE.managerEmail),
    });
    const page = (await res.json()) as { transport: string; items: { status: string }[] };
    expect(page.transport).toBe('outbox');
    expect(page.items.every((m) => m.status === 'kept')).toBe(true);
  });

  it('has no outbox page outside demo mode', async () => {
    const replica = await server.replica({ demo: false });
    try {
      expect((await replica.app.request('/outbox')).status).toBe(404);
    } finally {
      await replica.close();
    }
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
