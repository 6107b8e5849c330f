import { beforeEach, expect, it } from 'vitest';
import { type SmtpReceiver, withSmtpServer } from '../mail/test-receiver.js';
import { CALLERS, row, runMatrix, seedCallers } from '../testing/callers.js';
import { FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/** Saved, scheduled and monthly reports (MC-9), with mail through a real SMTP receiver. */
forEachBackend('saved, scheduled and monthly reports (MC-9)', (backend) => {
  let smtp: SmtpReceiver;
  let server: TestServer;
  let now = new Date('2026-12-05T12:00:00Z');
  const clock = () => now;
  withSmtpServer(backend, clock, (started) => ({ smtp, server } = started));
  beforeEach(async () => {
    now = new Date('2026-12-05T12:00:00Z');
    await server.reset();
    while (smtp.pending() > 0) await smtp.next();
  });

  /** A token signed at the current clock (the harness caches tokens of an earlier time). */
  async function manager(): Promise<string> {
    const res = await server.call('POST', '/v1/auth/login', {
      body: { email: FIXTURE.managerEmail, password: FIXTURE.password },
    });
    return ((await res.json()) as { token: string }).token;
  }
  const save = async (token: string, body: unknown) =>
    server.call('POST', '/v1/reports/saved', { token, body });
  /** A customer's request, so reports have something to count. */
  async function requestSession(): Promise<void> {
    const code = await server.call('POST', '/v1/auth/access-code', { body: { code: FIXTURE.accessCode } });
    const customer = ((await code.json()) as { token: string }).token;
    const res = await server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'report me' } });
    expect(res.status).toBe(201);
    // Reports count sessions requested before their end: the run comes a minute later.
    now = new Date(now.getTime() + 60_000);
  }

  it('a manager saves a report, lists it, runs it as JSON and CSV, and deletes it', async () => {
    await requestSession();
    const token = await manager();
    const res = await save(token, {
      name: 'Portals, 30 days',
      kind: 'portal-performance',
      period: 'last-30-days',
    });
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { id: string; format: string; schedule: string; nextRunAt: null };
    expect(saved).toMatchObject({ format: 'csv', schedule: 'none', nextRunAt: null });
    const list = (await (await server.call('GET', '/v1/reports/saved', { token })).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((i) => i.id)).toEqual([saved.id]);
    const json = await server.call('GET', `/v1/reports/saved/${saved.id}/run?format=json`, { token });
    const report = (await json.json()) as { rows: { sessions: number }[]; from: string; to: string };
    expect(report.rows.reduce((n, r) => n + Number(r.sessions), 0)).toBe(1);
    expect(report.to).toBe(now.toISOString());
    const direct = await server.call(
      'GET',
      `/v1/reports/portal-performance?format=csv&from=${report.from}&to=${report.to}`,
      { token },
    );
    const csv = await server.call('GET', `/v1/reports/saved/${saved.id}/run`, { token });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toBe(await direct.text());
    expect((await server.call('DELETE', `/v1/reports/saved/${saved.id}`, { token })).status).toBe(204);
    expect((await server.call('GET', `/v1/reports/saved/${saved.id}/run`, { token })).status).toBe(404);
  });

  it('bad input → 400 naming the field, a foreign filter → 404, and nothing is saved', async () => {
    const token = await manager();
    const cases: Array<[unknown, number]> = [
      [{ name: 'x', kind: 'portal-performance', period: 'fixed' }, 400],
      [{ name: 'x', kind: 'portal-performance', period: 'last-7-days', schedule: 'daily' }, 400],
      [{ name: 'x', kind: 'weather', period: 'last-7-days' }, 400],
      [{ name: 'x', kind: 'portal-performance', period: 'last-7-days', recipients: ['not-an-address'] }, 400],
      [
        {
          name: 'x',
          kind: 'portal-performance',
          period: 'last-7-days',
          filters: { portal: 'portal_of_nobody' },
        },
        404,
      ],
    ];
    for (const [body, status] of cases) {
      const res = await save(token, body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const rows = await server.handle.db.selectFrom('saved_reports').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('a scheduled report is emailed when due, once, with its CSV attached; the figures are the run’s', async () => {
    await requestSession();
    const token = await manager();
    const res = await save(token, {
      name: 'Weekly service',
      kind: 'service-metrics',
      period: 'last-7-days',
      schedule: 'weekly',
      recipients: ['Lead@Example.test', 'lead@example.test', 'boss@example.test'],
    });
    const saved = (await res.json()) as { id: string; nextRunAt: string; recipients: string[] };
    // 2026-12-05 is a Saturday: the next Monday 06:00 UTC.
    expect(saved.nextRunAt).toBe('2026-12-07T06:00:00.000Z');
    expect(saved.recipients).toEqual(['lead@example.test', 'boss@example.test']);
    await server.reportJob.run();
    expect(smtp.pending()).toBe(0);

    now = new Date('2026-12-07T06:00:05Z');
    const expected = await (
      await server.call('GET', `/v1/reports/saved/${saved.id}/run`, { token: await manager() })
    ).text();
    await Promise.all([server.reportJob.run(), server.reportJob.run()]);
    const mails = [await smtp.next(), await smtp.next()];
    expect(mails.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text).sort()).toEqual([
      'boss@example.test',
      'lead@example.test',
    ]);
    for (const mail of mails) {
      expect(mail.subject).toContain('Weekly service');
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0]!.filename).toBe('service-metrics-2026-11-30-2026-12-07.csv');
      expect(mail.attachments[0]!.content.toString('utf8')).toBe(expected);
    }
    await server.reportJob.run();
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.pending()).toBe(0);
    const after = await server.handle.db.selectFrom('saved_reports').selectAll().executeTakeFirstOrThrow();
    expect(new Date(after.next_run_at!).toISOString()).toBe('2026-12-14T06:00:00.000Z');
    expect(new Date(after.last_sent_at!).toISOString()).toBe(now.toISOString());
  });

  it('each recipient reads the report mail in their language: a user their own, anyone else the owner’s', async () => {
    await server.handle.db
      .updateTable('users')
      .set({ language: 'de' })
      .where('email', '=', FIXTURE.agentEmail)
      .execute();
    await server.handle.db
      .updateTable('users')
      .set({ language: 'es' })
      .where('email', '=', FIXTURE.managerEmail)
      .execute();
    await requestSession();
    const res = await save(await manager(), {
      name: 'Wochenbericht',
      kind: 'service-metrics',
      period: 'last-7-days',
      schedule: 'weekly',
      recipients: [FIXTURE.agentEmail, 'outside@example.test'],
    });
    expect(res.status).toBe(201);
    now = new Date('2026-12-07T06:00:05Z');
    await server.reportJob.run();
    const mails = [await smtp.next(), await smtp.next()];
    const to = (m: (typeof mails)[number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text;
    const agent = mails.find((m) => to(m) === FIXTURE.agentEmail)!;
    const outside = mails.find((m) => to(m) === 'outside@example.test')!;
    expect(agent.subject).toBe('Bericht „Wochenbericht“, 2026-11-30 – 2026-12-07');
    expect(agent.text).toContain('Service-Kennzahlen');
    expect(agent.html).toContain('lang="de"');
    expect(outside.subject).toBe('Informe «Wochenbericht», 2026-11-30 – 2026-12-07');
    expect(outside.text).toContain('métricas del servicio');
  });

  it('on the first of a month the previous month’s reports appear, once, and are kept a year', async () => {
    now = new Date('2026-11-10T09:00:00Z');
    await requestSession();
    now = new Date('2026-12-01T00:10:00Z');
    await Promise.all([server.reportJob.run(), server.reportJob.run()]);
    const token = await manager();
    const list = (await (await server.call('GET', '/v1/reports/monthly', { token })).json()) as {
      items: { id: string; month: string; kind: string; from: string }[];
    };
    expect(list.items.map((i) => `${i.month} ${i.kind}`).sort()).toEqual([
      '2026-11 agent-performance',
      '2026-11 customer-feedback',
      '2026-11 portal-performance',
      '2026-11 service-metrics',
    ]);
    const portal = list.items.find((i) => i.kind === 'portal-performance')!;
    expect(portal.from).toBe('2026-11-01T00:00:00.000Z');
    const report = (await (
      await server.call('GET', `/v1/reports/monthly/${portal.id}`, { token })
    ).json()) as {
      rows: { sessions: number }[];
    };
    expect(report.rows.reduce((n, r) => n + Number(r.sessions), 0)).toBe(1);
    const csv = await server.call('GET', `/v1/reports/monthly/${portal.id}?format=csv`, { token });
    expect(await csv.text()).toContain('sessions');
    // A year and a day later the November reports are gone.
    now = new Date('2027-12-02T00:00:00Z');
    await server.reportJob.run();
    const kept = await server.handle.db.selectFrom('monthly_reports').select('month').execute();
    expect(kept.every((r) => r.month !== '2026-11')).toBe(true);
  });
});

forEachBackend('saved and monthly reports: authorization matrix and organizations (MC-9)', (backend) => {
  let server: TestServer;
  let now = new Date('2026-12-05T12:00:00Z');
  withSmtpServer(
    backend,
    () => now,
    (started) => ({ server } = started),
  );

  it(`5 operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const tokens = await seedCallers(server);
    const managerToken = await server.login(FIXTURE.managerEmail);
    const created = await server.call('POST', '/v1/reports/saved', {
      token: managerToken,
      body: { name: 'Company', kind: 'portal-performance', period: 'last-7-days' },
    });
    const savedId = ((await created.json()) as { id: string }).id;
    now = new Date('2026-12-05T12:00:00Z');
    await server.reportJob.run();
    const monthly = await server.handle.db
      .selectFrom('monthly_reports')
      .select('id')
      .where('organization_id', '=', FIXTURE.organizationId)
      .executeTakeFirstOrThrow();
    //                                         anon cust agnt tm-  tm+  tmO  cm   api  org
    const { mismatches } = await runMatrix(server, tokens, [
      {
        name: 'GET /v1/reports/saved',
        request: () => ({ method: 'GET', path: '/v1/reports/saved' }),
        expected: row(401, 403, 403, 403, 200, 403, 200, 403, 200),
      },
      {
        name: 'POST /v1/reports/saved',
        request: () => ({
          method: 'POST',
          path: '/v1/reports/saved',
          body: { name: 'Mine', kind: 'service-metrics', period: 'last-30-days' },
        }),
        expected: row(401, 403, 403, 403, 201, 403, 201, 403, 201),
      },
      {
        name: 'GET /v1/reports/saved/{id}/run (the company manager’s)',
        request: () => ({ method: 'GET', path: `/v1/reports/saved/${savedId}/run` }),
        expected: row(401, 403, 403, 403, 404, 403, 200, 403, 404),
      },
      {
        name: 'GET /v1/reports/monthly',
        request: () => ({ method: 'GET', path: '/v1/reports/monthly' }),
        expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200),
      },
      {
        name: 'GET /v1/reports/monthly/{id}',
        request: () => ({ method: 'GET', path: `/v1/reports/monthly/${monthly.id}` }),
        expected: row(401, 403, 403, 403, 403, 403, 200, 403, 404),
      },
    ]);
    expect(mismatches).toEqual([]);
    const other = await server.call('DELETE', `/v1/reports/saved/${savedId}`, { token: tokens.otherOrg });
    expect(other.status).toBe(404);
  });
});
