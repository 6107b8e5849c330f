import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { REPORT } from './sample-report.js';

type Diagnostics = {
  callId: string;
  participantId: string;
  role: string;
  reports: number;
  summary: Record<string, unknown>;
};
type ProblemBody = { status: number; code: string; errors?: { path: string }[] };

forEachBackend('call diagnostics (MC-10)', (backend) => {
  let server: TestServer;
  let now = new Date('2026-03-02T10:00:00Z');
  let agent: string;
  let customer: string;
  let manager: string;
  let sessionId: string;
  let callId: string;
  beforeAll(async () => {
    server = await createTestServer(backend, {}, () => now);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    now = new Date('2026-03-02T10:00:00Z');
    await server.reset();
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
    manager = await server.login(FIXTURE.managerEmail);
    const created = await server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'E42' } });
    sessionId = ((await created.json()) as { id: string }).id;
    expect((await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: agent })).status).toBe(
      200,
    );
    const call = await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: agent });
    expect(call.status).toBe(201);
    callId = ((await call.json()) as { call: { id: string } }).call.id;
  });

  const report = (token: string, body: unknown, call = callId) =>
    server.call('POST', `/v1/sessions/${sessionId}/calls/${call}/diagnostics`, { token, body });
  const list = async (token = agent) => {
    const res = await server.call('GET', `/v1/sessions/${sessionId}/diagnostics`, { token });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Diagnostics[] }).items;
  };

  it('each side reports; a later report replaces its own, staff read both', async () => {
    const first = await report(customer, REPORT);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      callId,
      sessionId,
      role: 'customer',
      reports: 1,
      summary: REPORT,
    });
    expect((await report(agent, { ...REPORT, transport: 'p2p', bytesSent: 10 })).status).toBe(201);
    const final = { ...REPORT, samples: 9, durationSeconds: 80, final: true };
    const again = await report(customer, final);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ reports: 2, summary: final });
    const items = await list();
    expect(items.map((d) => [d.role, d.reports, d.summary.final])).toEqual([
      ['customer', 2, true],
      ['staff', 1, false],
    ]);
    expect(await list(manager)).toHaveLength(2);
  });

  it('a periodic report arriving after the final one does not replace it', async () => {
    expect((await report(customer, { ...REPORT, samples: 9, final: true })).status).toBe(201);
    const late = await report(customer, { ...REPORT, samples: 6, final: false });
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ reports: 1, summary: { samples: 9, final: true } });
  });

  it('only staff read diagnostics: the customer of the session gets 403', async () => {
    expect((await report(customer, REPORT)).status).toBe(201);
    const res = await server.call('GET', `/v1/sessions/${sessionId}/diagnostics`, { token: customer });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('bad reports: 400 naming the field, 413 over the size limit, nothing stored', async () => {
    const cases: [string, unknown, number, string?][] = [
      ['unknown field', { ...REPORT, note: 'x' }, 400],
      ['negative bytes', { ...REPORT, bytesSent: -1 }, 400, 'json.bytesSent'],
      ['fractional samples', { ...REPORT, samples: 1.5 }, 400, 'json.samples'],
      [
        'rtt over a minute',
        { ...REPORT, roundTripTime: { average: 1, max: 61 } },
        400,
        'json.roundTripTime.max',
      ],
      ['unknown transport', { ...REPORT, transport: 'sip' }, 400, 'json.transport'],
      ['missing final', { ...REPORT, final: undefined }, 400, 'json.final'],
      ['huge body', { ...REPORT, padding: 'x'.repeat(4000) }, 413],
    ];
    for (const [name, body, status, path] of cases) {
      const res = await report(customer, body);
      expect(res.status, name).toBe(status);
      const problem = (await res.json()) as ProblemBody;
      if (path)
        expect(
          problem.errors?.map((e) => e.path),
          name,
        ).toContain(path);
    }
    expect(await list()).toEqual([]);
  });

  it('a call of another session, or no call: 404; ten minutes after the end: 409 call-ended', async () => {
    expect((await report(customer, REPORT, randomUUID())).status).toBe(404);
    const ended = await server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/end`, {
      token: agent,
    });
    expect(ended.status).toBe(200);
    now = new Date(now.getTime() + 9 * 60_000);
    expect((await report(customer, { ...REPORT, final: true })).status).toBe(201);
    now = new Date(now.getTime() + 2 * 60_000);
    const late = await report(agent, { ...REPORT, final: true });
    expect(late.status).toBe(409);
    expect(((await late.json()) as ProblemBody).code).toBe('call-ended');
    expect((await list()).map((d) => d.role)).toEqual(['customer']);
  });
});
