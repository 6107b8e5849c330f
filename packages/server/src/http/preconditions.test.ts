import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { etagMatches } from './etag.js';
import { canonicalJson } from './idempotency.js';

describe('If-Match uses the strong comparison (RFC 9110 §13.1.1)', () => {
  it.each([
    ['the current strong tag', '"3"', true],
    ['*', '*', true],
    ['a list naming the current tag', '"1", "3"', true],
    ['a weak tag of the current version', 'W/"3"', false],
    ['a list of weak tags only', 'W/"1", W/"3"', false],
    ['a stale strong tag', '"2"', false],
    ['an unquoted version', '3', false],
  ])('%s → %s', (_name, header, matches) => {
    expect(etagMatches(header, 3)).toBe(matches);
  });
});

describe('canonical JSON of idempotency fingerprints', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 'x' }] })).toBe('{"a":[1,{"c":"x","d":2}],"b":1}');
    expect(canonicalJson(JSON.parse('{ "n" : 1.50 , "e": 1e2 }'))).toBe('{"e":100,"n":1.5}');
  });
});

forEachBackend('order of checks and precise preconditions (issue 14)', (backend) => {
  let server: TestServer;
  let agent: string;
  let manager: string;
  let customer: string;
  let otherOrg: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    agent = await server.login(FIXTURE.agentEmail);
    manager = await server.login(FIXTURE.managerEmail);
    customer = await server.customer(FIXTURE.accessCode);
    otherOrg = await server.login(FIXTURE.otherOrgManagerEmail);
  });

  const newSession = async () => {
    const res = await server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'x' } });
    return ((await res.json()) as { id: string }).id;
  };
  const version = async (id: string) =>
    ((await (await server.call('GET', `/v1/sessions/${id}`, { token: agent })).json()) as { version: number })
      .version;

  describe('weak ETags never match If-Match', () => {
    it('W/"1" on a version-1 session → 412 and nothing changes; "1" applies', async () => {
      const id = await newSession();
      const weak = await server.call('POST', `/v1/sessions/${id}/confirm`, {
        token: agent,
        headers: { 'if-match': 'W/"1"' },
      });
      expect(weak.status).toBe(412);
      expect(weak.headers.get('content-type')).toContain('application/problem+json');
      expect(await version(id)).toBe(1);
      const strong = await server.call('POST', `/v1/sessions/${id}/confirm`, {
        token: agent,
        headers: { 'if-match': '"1"' },
      });
      expect(strong.status).toBe(200);
    });
    it('If-Match: * applies to an existing resource', async () => {
      const id = await newSession();
      const res = await server.call('POST', `/v1/sessions/${id}/confirm`, {
        token: agent,
        headers: { 'if-match': '*' },
      });
      expect(res.status).toBe(200);
    });
  });

  describe('a stale If-Match tells an unauthorized caller nothing', () => {
    // Every operation taking If-Match, with a body valid for it, called by someone who may not.
    const operations = (ids: { session: string }) =>
      [
        ['PATCH', `/v1/devices/${FIXTURE.deviceId}`, { name: 'x' }],
        ['DELETE', `/v1/devices/${FIXTURE.deviceId}`, undefined],
        ['PATCH', '/v1/organization', { name: 'x' }],
        ['PATCH', `/v1/portals/${FIXTURE.portalId}`, { name: 'x' }],
        ['POST', `/v1/sessions/${ids.session}/confirm`, undefined],
        ['POST', `/v1/sessions/${ids.session}/close`, undefined],
        ['POST', `/v1/sessions/${ids.session}/cancel`, {}],
        ['POST', `/v1/sessions/${ids.session}/assign`, { userId: FIXTURE.agentId }],
        ['PATCH', `/v1/teams/${FIXTURE.fieldTeamId}`, { name: 'x' }],
        ['DELETE', `/v1/teams/${FIXTURE.heatingTeamId}`, undefined],
        ['PUT', `/v1/teams/${FIXTURE.fieldTeamId}/settings`, { settings: {} }],
        ['PATCH', `/v1/users/${FIXTURE.agent2Id}`, { displayName: 'x' }],
        ['DELETE', `/v1/users/${FIXTURE.agent2Id}`, undefined],
        ['PUT', `/v1/users/${FIXTURE.agent2Id}/settings`, { overrides: {} }],
      ] as const;

    for (const [who, status] of [
      ['a customer', [403, 404]],
      ['a manager of another organization', [403, 404]],
      ['an agent', [403]],
    ] as const) {
      it(`${who}: the same answer with a stale, a current or no If-Match, never 412`, async () => {
        const token = who === 'a customer' ? customer : who === 'an agent' ? agent : otherOrg;
        const other = await server.call('POST', '/v1/sessions', {
          token: manager,
          body: { deviceId: FIXTURE.otherDeviceId, reason: 'not theirs', assigneeIds: [FIXTURE.agent2Id] },
        });
        const session = ((await other.json()) as { id: string }).id;
        for (const [method, path, body] of operations({ session })) {
          // Agents may act on some of these (cancel a session, their team's settings): only refusals count.
          // Their own organization is theirs to change.
          if (token === otherOrg && path === '/v1/organization') continue;
          const plain = await server.call(method, path, { token, body });
          if (who === 'an agent' && plain.status < 400) continue;
          const answers = [];
          for (const ifMatch of ['"999"', 'W/"1"', '"1"']) {
            const res = await server.call(method, path, { token, body, headers: { 'if-match': ifMatch } });
            answers.push(res.status);
          }
          const label = `${method} ${path}`;
          expect({ label, statuses: answers }).toEqual({
            label,
            statuses: [plain.status, plain.status, plain.status],
          });
          expect({
            label,
            status: plain.status,
            allowed: (status as readonly number[]).includes(plain.status),
          }).toEqual({
            label,
            status: plain.status,
            allowed: true,
          });
        }
      });
    }
  });

  describe('Idempotency-Key fingerprints the JSON, not its bytes', () => {
    const countSessions = async () =>
      Number(
        (
          await server.handle.db
            .selectFrom('sessions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const send = (key: string, text: string) =>
      server.call('POST', '/v1/sessions', {
        token: customer,
        body: text,
        headers: { 'idempotency-key': key },
      });

    it('other spacing and key order → the stored answer, one session', async () => {
      const first = await send('k-canon', '{"reason":"leak","ticketLinks":["https://t.example/1"]}');
      expect(first.status).toBe(201);
      const again = await send(
        'k-canon',
        '{\n  "ticketLinks" : [ "https://t.example/1" ],\n  "reason": "leak"\n}\n',
      );
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(await first.json());
      expect(await countSessions()).toBe(1);
    });
    it('another value under the same key → 422 and nothing new', async () => {
      await send('k-other', '{"reason":"leak"}');
      const res = await send('k-other', '{"reason":"leak "}');
      expect(res.status).toBe(422);
      expect(((await res.json()) as { code: string }).code).toBe('idempotency-key-reused');
      expect(await countSessions()).toBe(1);
    });
  });
});
