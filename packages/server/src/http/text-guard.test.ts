import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

forEachBackend('unreadable text is refused in every input (issue 14)', (backend) => {
  let server: TestServer;
  let agent: string;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
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

  /** Expects the invalid-text problem naming exactly these fields. */
  async function expectInvalid(res: Response, paths: string[]) {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { code: string; type: string; errors: Array<{ path: string }> };
    expect(body.code).toBe('invalid-text');
    expect(body.type).toBe('https://sightline.dev/problems/invalid-text');
    expect(body.errors.map((e) => e.path)).toEqual(paths);
    return body;
  }

  const create = (body: unknown, headers: Record<string, string> = {}) =>
    server.call('POST', '/v1/sessions', { token: customer, body, headers });

  describe('JSON bodies', () => {
    it.each([
      ['a NUL', { reason: 'leak\u0000' }, ['json.reason']],
      ['a bell (C0 control)', { reason: 'ding\u0007' }, ['json.reason']],
      ['an escape sequence', { reason: '\u001b[2J' }, ['json.reason']],
      ['a lone surrogate', { reason: 'x\ud800' }, ['json.reason']],
      [
        'a NUL in an array item',
        { reason: 'x', ticketLinks: ['https://t.example/\u0000'] },
        ['json.ticketLinks.0'],
      ],
      ['a NUL in a key', { reason: 'x', 'k\u0000': 1 }, ['json.k\u0000']],
      [
        'two bad fields',
        { reason: '\u0000', ticketLinks: ['https://a.example', '\ud800'] },
        ['json.reason', 'json.ticketLinks.1'],
      ],
    ])('%s → 400 naming the field, nothing written', async (_name, body, paths) => {
      await expectInvalid(await create(body), paths);
      expect(await countSessions()).toBe(0);
    });

    it('escaped in the JSON text (\\u0000, \\ud800) as a client would send it', async () => {
      await expectInvalid(await create('{"reason":"a\\u0000b"}'), ['json.reason']);
      await expectInvalid(await create('{"reason":"a\\ud800b"}'), ['json.reason']);
      expect(await countSessions()).toBe(0);
    });

    it('bytes that are not UTF-8 → 400 naming the body', async () => {
      const bytes = new Uint8Array([
        ...new TextEncoder().encode('{"reason":"a'),
        0xff,
        0xfe,
        ...new TextEncoder().encode('"}'),
      ]);
      const res = await server.app.request('/v1/sessions', {
        method: 'POST',
        headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' },
        body: bytes,
      });
      await expectInvalid(res, ['json']);
      expect(await countSessions()).toBe(0);
    });

    it('tabs, line breaks and emoji are text like any other', async () => {
      const res = await create({ reason: 'Leaks\r\n\tunder the door 💧' });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { reason: string }).reason).toBe('Leaks\r\n\tunder the door 💧');
    });

    it('a body nested 100,000 levels deep is a problem, not a crash', async () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const res = await server.call('POST', '/v1/sessions', { token: customer, body: deep });
      expect([400, 413]).toContain(res.status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });

    it('malformed JSON still answers malformed-body', async () => {
      const res = await create('{"reason": "\u0000');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('malformed-body');
    });
  });

  describe('query and path parameters', () => {
    it.each([
      ['a NUL in a value', '/v1/sessions?ticket=a%00b', ['query.ticket']],
      ['a control in a value', '/v1/sessions?deviceId=%07', ['query.deviceId']],
      ['a NUL in a name', '/v1/sessions?a%00=1', ['query.a\u0000']],
      ['a value that is not UTF-8', '/v1/sessions?ticket=%FF', ['query.ticket']],
      ['an encoded surrogate', '/v1/sessions?ticket=%ED%A0%80', ['query.ticket']],
      ['a NUL in a path parameter', '/v1/sessions/ses%00x', ['param.id']],
      ['a path parameter that is not UTF-8', '/v1/sessions/%ED%A0%80', ['param.id']],
      ['a NUL in the second path parameter', '/v1/sessions/s1/calls/%00/end', ['param.callId']],
    ])('%s → 400 naming it', async (_name, path, paths) => {
      const method = path.endsWith('/end') ? 'POST' : 'GET';
      await expectInvalid(await server.call(method, path, { token: agent }), paths);
    });

    it('an ordinary percent-encoded query still works', async () => {
      const res = await server.call(
        'GET',
        `/v1/sessions?ticket=${encodeURIComponent('https://t.example/ä b')}`,
        {
          token: agent,
        },
      );
      expect(res.status).toBe(200);
    });
  });

  describe('headers the server reads', () => {
    it('a control character in Idempotency-Key → 400, nothing written', async () => {
      await expectInvalid(await create({ reason: 'x' }, { 'idempotency-key': 'k\u0001' }), [
        'header.idempotency-key',
      ]);
      expect(await countSessions()).toBe(0);
    });
    it('a control character in If-Match → 400', async () => {
      const res = await server.call('PATCH', '/v1/me', {
        token: agent,
        body: { name: 'Ada' },
        headers: { 'if-match': '"1"\u0002' },
      });
      await expectInvalid(res, ['header.if-match']);
    });
  });

  it('an anonymous caller still gets 401, not the text check (authentication first)', async () => {
    const res = await server.call('POST', '/v1/sessions', { body: { reason: '\u0000' } });
    expect(res.status).toBe(401);
  });

  it('sign-in routes are covered too', async () => {
    const res = await server.call('POST', '/v1/auth/login', {
      body: { email: 'a\u0000@demo.test', password: 'x' },
    });
    await expectInvalid(res, ['json.email']);
  });
});

describe('unknown methods on a known path (issue 14)', () => {
  let server: TestServer;
  let agent: string;
  beforeAll(async () => {
    server = await createTestServer('pglite');
    agent = await server.login(FIXTURE.agentEmail);
  });
  afterAll(async () => server.close());

  it.each([
    ['DELETE', '/v1/sessions', 'GET, HEAD, POST'],
    ['PUT', '/v1/sessions/s1', 'GET, HEAD'],
    ['GET', '/v1/sessions/s1/confirm', 'POST'],
    ['POST', '/v1/me', 'GET, HEAD, PATCH'],
  ])('%s %s → 405 with Allow: %s', async (method, path, allow) => {
    const res = await server.call(method, path, { token: agent });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('method-not-allowed');
  });

  it('an unknown path is still 404', async () => {
    const res = await server.call('DELETE', '/v1/nothing-here', { token: agent });
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBeNull();
  });
});
