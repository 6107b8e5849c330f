import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import { beforeEach, expect, it } from 'vitest';
import { escapeHtml } from '../mail/html.js';
import { mailerOf } from '../mail/mailer.js';
import { type SmtpReceiver, withSmtpServer } from '../mail/test-receiver.js';
import { FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { passwordResetsOf, RESET_TTL_MS } from './service.js';

const NEW_PASSWORD = 'a-brand-new-passphrase';

/** The token of the reset link in a mail's text part. */
function tokenIn(text: string | undefined): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(text ?? '');
  if (!match?.[1]) throw new Error(`no reset link in ${text}`);
  return match[1];
}

forEachBackend('password reset over SMTP (MC-2)', (backend) => {
  let smtp: SmtpReceiver;
  let server: TestServer;
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);

  withSmtpServer(backend, clock, (started) => ({ smtp, server } = started));
  beforeEach(async () => {
    // A fresh hour: the per-address limit starts over; a fresh fixture: the old passwords are back.
    offsetMs += 2 * 60 * 60_000;
    await settle();
    await server.reset();
    // Mail earlier tests did not look at (change notices) is set aside.
    while (smtp.pending() > 0) await smtp.next();
  });

  /** Waits until the background lookups, inserts and deliveries have finished. */
  async function settle(): Promise<void> {
    await passwordResetsOf(server.services).idle();
    await mailerOf(server.services).idle();
  }
  const request = (email: string) => server.call('POST', '/v1/auth/password-reset', { body: { email } });
  const confirm = (token: string, password: string) =>
    server.call('POST', '/v1/auth/password-reset/confirm', { body: { token, password } });
  const login = (email: string, password: string) =>
    server.call('POST', '/v1/auth/login', { body: { email, password } });
  async function resetMailFor(email: string): Promise<{ mail: ParsedMail; token: string }> {
    expect((await request(email)).status).toBe(202);
    const mail = await smtp.next();
    return { mail, token: tokenIn(mail.text) };
  }

  it('mails a link; the link sets a new password once; the old one stops working', async () => {
    const res = await request(FIXTURE.agentEmail.toUpperCase());
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: true });
    const mail = await smtp.next();
    expect(mail.subject).toBe('Reset your Sightline password');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(FIXTURE.agentEmail);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const token = tokenIn(mail.text);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const link = `${server.services.config.passwordResetUrl}#token=${token}&lang=en`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${escapeHtml(link)}"`);
    // Only the hash is stored.
    const stored = await server.handle.db.selectFrom('password_resets').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await confirm(token, NEW_PASSWORD)).status).toBe(204);
    expect((await login(FIXTURE.agentEmail, NEW_PASSWORD)).status).toBe(200);
    expect((await login(FIXTURE.agentEmail, FIXTURE.password)).status).toBe(401);

    const again = await confirm(token, 'yet-another-passphrase');
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(await again.json()).toMatchObject({ code: 'reset-token-used', title: 'Gone' });
    expect((await login(FIXTURE.agentEmail, NEW_PASSWORD)).status).toBe(200);

    const notice = await smtp.next();
    expect(notice.subject).toBe('Your Sightline password was changed');
    expect(notice.text).not.toContain('#token=');
    // Delivered mail keeps its metadata and loses its bodies.
    await settle();
    const outbox = await server.handle.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    expect(outbox.map((m) => [m.kind, m.status, m.text_body, m.html_body])).toEqual([
      ['password-reset', 'sent', null, null],
      ['password-changed', 'sent', null, null],
    ]);
  });

  it('writes in the user’s language', async () => {
    const subjects: Record<string, string> = {
      de: 'Sightline-Passwort zurücksetzen',
      es: 'Restablece tu contraseña de Sightline',
      pt: 'Redefinir a sua palavra-passe do Sightline',
    };
    for (const [language, subject] of Object.entries(subjects)) {
      await server.handle.db
        .updateTable('users')
        .set({ language })
        .where('id', '=', FIXTURE.agentId)
        .execute();
      const { mail } = await resetMailFor(FIXTURE.agentEmail);
      expect(mail.subject).toBe(subject);
      expect(mail.html).toContain(`<html lang="${language}">`);
      expect(mail.text).toContain(`&lang=${language}`);
      expect(mail.text).not.toContain('Hello');
    }
  });

  it('answers an unknown, a deleted or a key-only address the same way and mails nothing', async () => {
    const known = await request(FIXTURE.agentEmail);
    await settle();
    expect(smtp.pending()).toBe(1);
    await smtp.next();
    await server.handle.db
      .updateTable('users')
      .set({ deleted_at: new Date() })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    const before = await server.handle.db.selectFrom('mail_outbox').select('id').execute();
    for (const email of ['nobody@demo.test', FIXTURE.agent2Email, 'api@demo.test']) {
      const res = await request(email);
      expect(res.status).toBe(known.status);
      expect(await res.text()).toBe(JSON.stringify(await known.clone().json()));
    }
    await settle();
    expect(smtp.pending()).toBe(0);
    const after = await server.handle.db.selectFrom('mail_outbox').select('id').execute();
    expect(after).toHaveLength(before.length);
  });

  it('refuses an expired link and keeps the old password', async () => {
    const { token } = await resetMailFor(FIXTURE.agentEmail);
    offsetMs += RESET_TTL_MS + 1_000;
    const res = await confirm(token, NEW_PASSWORD);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ code: 'reset-token-expired' });
    expect((await login(FIXTURE.agentEmail, FIXTURE.password)).status).toBe(200);
  });

  it('still accepts a link a minute before it expires', async () => {
    const { token } = await resetMailFor(FIXTURE.agentEmail);
    offsetMs += RESET_TTL_MS - 60_000;
    expect((await confirm(token, NEW_PASSWORD)).status).toBe(204);
  });

  it('invalidates every other open link of the user on success', async () => {
    const first = await resetMailFor(FIXTURE.agentEmail);
    const second = await resetMailFor(FIXTURE.agentEmail);
    expect(second.token).not.toBe(first.token);
    expect((await confirm(second.token, NEW_PASSWORD)).status).toBe(204);
    const res = await confirm(first.token, 'an-attackers-passphrase');
    expect(res.status).toBe(410);
    expect((await login(FIXTURE.agentEmail, NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses unknown tokens, weak passwords and users deleted since; bad input changes nothing', async () => {
    const unknown = await confirm('not-a-token', NEW_PASSWORD);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: 'reset-token-invalid' });

    const { token } = await resetMailFor(FIXTURE.agentEmail);
    const weak = await confirm(token, 'short');
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ path: 'json.password' }),
    ]);
    const extra = await server.call('POST', '/v1/auth/password-reset/confirm', {
      body: { token, password: NEW_PASSWORD, userId: FIXTURE.managerId },
    });
    expect(extra.status).toBe(400);
    expect((await login(FIXTURE.agentEmail, FIXTURE.password)).status).toBe(200);

    await server.handle.db
      .updateTable('users')
      .set({ deleted_at: new Date() })
      .where('id', '=', FIXTURE.agentId)
      .execute();
    const deleted = await confirm(token, NEW_PASSWORD);
    expect(deleted.status).toBe(400);
    expect(await deleted.json()).toMatchObject({ code: 'reset-token-invalid' });
  });

  it('lets exactly one of two concurrent confirmations through', async () => {
    const { token } = await resetMailFor(FIXTURE.agentEmail);
    const results = await Promise.all([confirm(token, NEW_PASSWORD), confirm(token, 'other-passphrase-x')]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 410]);
  });

  it('throttles per address (429 with Retry-After), the same for unknown addresses', async () => {
    const limit = server.services.config.passwordResetsPerHour;
    for (const email of [FIXTURE.agentEmail, 'nobody@demo.test']) {
      for (let i = 0; i < limit; i++) expect((await request(email)).status).toBe(202);
      const res = await request(email);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await request(FIXTURE.managerEmail)).status).toBe(202);
    await settle();
    while (smtp.pending() > 0) await smtp.next();
  });

  it('throttles per client address', async () => {
    const replica = await server.replica({ authAttemptsPerMinute: 3 });
    try {
      const ask = (email: string) =>
        replica.app.request('/v1/auth/password-reset', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email }),
        });
      for (let i = 0; i < 3; i++) expect((await ask(`nobody${i}@demo.test`)).status).toBe(202);
      const res = await ask('nobody9@demo.test');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      await passwordResetsOf(replica.services).idle();
    } finally {
      await replica.close();
    }
  });

  it('counts on every server process together (the limits live in the database, issue 14)', async () => {
    const replica = await server.replica();
    try {
      const limit = server.services.config.passwordResetsPerHour;
      const askReplica = () =>
        replica.app.request('/v1/auth/password-reset', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: FIXTURE.agentEmail }),
        });
      // Alternating between the two processes: together they admit the limit, then both refuse.
      for (let i = 0; i < limit; i++)
        expect((await (i % 2 ? askReplica() : request(FIXTURE.agentEmail))).status).toBe(202);
      expect((await askReplica()).status).toBe(429);
      expect((await request(FIXTURE.agentEmail)).status).toBe(429);
      const trips = await server.handle.db
        .selectFrom('auth_throttle_trips')
        .select(['kind', 'scope'])
        .where('kind', '=', 'password-reset')
        .execute();
      expect(trips).toContainEqual({ kind: 'password-reset', scope: 'identifier' });
      await passwordResetsOf(replica.services).idle();
      await settle();
      while (smtp.pending() > 0) await smtp.next();
    } finally {
      await replica.close();
    }
  });

  it('answers before looking anything up: the same answer, in the same time, with the database blocked', async () => {
    const timed = async (email: string) => {
      const start = performance.now();
      const res = await request(email);
      return { ms: performance.now() - start, status: res.status, body: await res.text() };
    };
    const { db } = server.handle;
    // While this transaction holds `users`, any lookup waits: an answer that came back cannot
    // depend on whether the address exists. (The request is counted by the database throttle
    // first, which never reads `users`; embedded PGlite has one connection, which the lock would
    // hold for the whole request, so there the two answers are compared without it.)
    const [known, unknown] =
      backend === 'postgres'
        ? await db.transaction().execute(async (trx) => {
            await sql`lock table users in access exclusive mode`.execute(trx);
            return [await timed(FIXTURE.agentEmail), await timed('nobody@demo.test')];
          })
        : [await timed(FIXTURE.agentEmail), await timed('nobody@demo.test')];
    console.info(
      `reset answer with the database blocked: known ${known?.ms.toFixed(2)} ms, unknown ${unknown?.ms.toFixed(2)} ms`,
    );
    expect(known?.status).toBe(202);
    expect(unknown).toMatchObject({ status: 202, body: known?.body });
    await settle();
    expect((await smtp.next()).to).toMatchObject({ text: FIXTURE.agentEmail });
    expect(smtp.pending()).toBe(0);
  });
});
