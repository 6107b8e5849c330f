import { WEB_URL_PATTERN } from '@sightline/core/domain';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

forEachBackend('ticket links are http(s) only (issue 14)', (backend) => {
  let server: TestServer;
  let customer: string;
  let agent: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    customer = await server.customer(FIXTURE.accessCode);
    agent = await server.login(FIXTURE.agentEmail);
  });

  const countSessions = async () =>
    Number(
      (
        await server.handle.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['JAVASCRIPT: in mixed case', 'JaVaScRiPt:alert(1)'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['leading spaces', '   javascript:alert(1)'],
    ['a leading tab', '\tjavascript:alert(1)'],
    ['a tab inside the scheme', 'java\tscript:alert(1)'],
    ['leading spaces before an https link', '  https://tickets.example/T-1'],
    ['a relative link', '/tickets/T-1'],
  ])('%s → 400 naming the item, nothing stored', async (_name, link) => {
    for (const [token, body] of [
      [customer, { reason: 'x', ticketLinks: ['https://tickets.example/ok', link] }],
      [agent, { deviceId: FIXTURE.deviceId, reason: 'x', ticketLinks: ['https://tickets.example/ok', link] }],
    ] as const) {
      const res = await server.call('POST', '/v1/sessions', { token, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
      expect(problem.errors).toEqual([
        { path: 'json.ticketLinks.1', message: expect.stringMatching(/http/) },
      ]);
    }
    expect(await countSessions()).toBe(0);
  });

  it('http and https links of any case are stored as given', async () => {
    const links = [
      'https://tickets.example/T-1?x=1#a',
      'http://intranet.example:8080/T-2',
      'HTTPS://Tickets.Example/T-3',
    ];
    const res = await server.call('POST', '/v1/sessions', {
      token: customer,
      body: { reason: 'x', ticketLinks: links },
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { ticketLinks: string[] }).ticketLinks).toEqual(links);
  });

  it('the contract declares the rule as a pattern', async () => {
    const doc = (await (await server.call('GET', '/openapi.json')).json()) as {
      components: { schemas: Record<string, { properties: Record<string, { items: { pattern: string } }> }> };
    };
    expect(doc.components.schemas.CreateSessionRequest!.properties.ticketLinks!.items.pattern).toBe(
      WEB_URL_PATTERN,
    );
  });
});
