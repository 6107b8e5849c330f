import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SightlineApp } from '../app.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

// Small limits so an attack reaches them quickly: 5 per client and identifier a minute, 20 per
// client and 40 per organization in 15 minutes; blocks start at 60 s, double, end at an hour.
const LIMITS = { authAttemptsPerMinute: 5, authFailuresPerClient: 20, authFailuresPerOrganization: 40 };

/** Where a request comes from, as the Node adapter tells it (the socket's peer). */
const peer = (ip: string) => ({
  incoming: {
    socket: { remoteAddress: ip, remotePort: 40_000, remoteFamily: ip.includes(':') ? 'IPv6' : 'IPv4' },
  },
});

function post(app: SightlineApp['app'], ip: string, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(
      path,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      peer(ip),
    ),
  );
}

const retryAfter = (res: Response) => Number(res.headers.get('retry-after'));

forEachBackend('sign-in throttles, as an attacker tries them', (backend) => {
  let server: TestServer;
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const advance = (seconds: number) => {
    offsetMs += seconds * 1000;
  };
  const login = (ip: string, email: string, password: string, app = server.app) =>
    post(app, ip, '/v1/auth/login', { email, password });
  const redeem = (ip: string, code: string, app = server.app) =>
    post(app, ip, '/v1/auth/access-code', { code });
  const trips = async (client: string) =>
    (
      await server.handle.db
        .selectFrom('auth_throttle_trips')
        .selectAll()
        .where('client', '=', client)
        .orderBy('id')
        .execute()
    ).map((t) => ({ scope: t.scope, kind: t.kind, strike: t.strike, blockedSeconds: t.blocked_seconds }));

  beforeAll(async () => {
    server = await createTestServer(backend, LIMITS, clock);
  });
  afterAll(async () => server.close());

  it('two server processes on one database share the counters (a second app on its own connection)', async () => {
    const replica = await server.replica(LIMITS);
    try {
      const apps = [server.app, replica.app];
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        statuses.push((await redeem('198.51.100.10', `SHARE-${i}-GUESS`, apps[i % 2])).status);
      }
      // 20 admitted in all, not 20 per process; every later one refused, on either process.
      expect(statuses.filter((s) => s === 401)).toHaveLength(20);
      expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
      expect((await redeem('198.51.100.10', FIXTURE.accessCode, replica.app)).status).toBe(429);
    } finally {
      await replica.close();
    }
  });

  it('1,000 different codes from one IP, 100 at a time: 20 are tried, the rest answer 429 with Retry-After', async () => {
    const ip = '203.0.113.66';
    const statuses: number[] = [];
    let lastRefusal: Response | undefined;
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => redeem(ip, `GUESS-${batch}-${i}-XXXX`)),
      );
      for (const res of answers) {
        statuses.push(res.status);
        if (res.status === 429) lastRefusal = res;
      }
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(980);
    expect(lastRefusal?.headers.get('content-type')).toContain('application/problem+json');
    expect(retryAfter(lastRefusal as Response)).toBeGreaterThan(0);
    expect(retryAfter(lastRefusal as Response)).toBeLessThanOrEqual(60);
    // A valid code from the blocked IP is refused too (no oracle: blocked is blocked) …
    expect((await redeem(ip, FIXTURE.accessCode)).status).toBe(429);
    // … while the customer on another IP redeems it.
    expect((await redeem('192.0.2.44', FIXTURE.accessCode)).status).toBe(200);
  });

  it('the back-off doubles with every further failure after a block, up to an hour', async () => {
    const ip = '203.0.113.66';
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      const refused = await redeem(ip, `LATER-${round}-XXXX`);
      expect(refused.status).toBe(429);
      const wait = retryAfter(refused);
      waits.push(wait);
      advance(wait + 1);
      // Once the block ends, one more try is checked, and a failure starts a block twice as long.
      expect((await redeem(ip, `AGAIN-${round}-XXXX`)).status).toBe(401);
    }
    const next = await redeem(ip, 'LAST-XXXX');
    waits.push(retryAfter(next));
    expect(waits.slice(1, 7)).toEqual([120, 240, 480, 960, 1920, 3600]);
    expect(waits.slice(7)).toEqual([3600, 3600]);
  });

  it('writes one audit row per block, with IP, kind and counts, never the code tried', async () => {
    const rows = await trips('203.0.113.66');
    // The first trip, then one per further failure (8 in the previous test): not one per refusal.
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({ scope: 'client', kind: 'access-code', strike: 1, blockedSeconds: 60 });
    expect(rows.map((r) => r.blockedSeconds)).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    const all = await sql<{ text: string }>`
      select t::text as text from auth_throttle_trips t
      union all select k::text from auth_throttles k`.execute(server.handle.db);
    const dump = all.rows.map((r) => r.text).join('\n');
    expect(dump).not.toMatch(/GUESS-|LATER-|AGAIN-|SHARE-|DEMO-0001/i);
    expect(dump).not.toContain('@');
  });

  it('spraying one password across 50 emails from one IP is stopped after 20; others are not', async () => {
    const ip = '198.51.100.77';
    const known = [FIXTURE.agentEmail, FIXTURE.managerEmail, FIXTURE.agent2Email, FIXTURE.teamManagerEmail];
    const emails = Array.from({ length: 50 }, (_, i) => known[i] ?? `person${i}@demo.test`);
    const statuses: number[] = [];
    for (const email of emails) statuses.push((await login(ip, email, 'Summer2025!')).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(30).fill(429));
    // The right password from that IP is refused while the block holds …
    expect((await login(ip, FIXTURE.agentEmail, FIXTURE.password)).status).toBe(429);
    // … the same person elsewhere signs in.
    expect((await login('192.0.2.45', FIXTURE.agentEmail, FIXTURE.password)).status).toBe(200);
    expect(await trips(ip)).toEqual([{ scope: 'client', kind: 'login', strike: 1, blockedSeconds: 60 }]);
  });

  it('addresses of one IPv6 /64 count together', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 22; i++) {
      statuses.push((await redeem(`2001:db8:77:1::${i.toString(16)}`, `V6-${i}-XXXX`)).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect((await redeem('2001:db8:77:2::1', 'V6-OTHER-XXXX')).status).toBe(401);
  });

  it('known and unknown emails get identical answers, before and at the limit', async () => {
    const run = async (ip: string, email: string) => {
      const answers: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await login(ip, email, 'not-the-password');
        answers.push(`${res.status} ${res.headers.get('retry-after')} ${await res.text()}`);
      }
      return answers;
    };
    const known = await run('192.0.2.101', FIXTURE.managerEmail);
    const unknown = await run('192.0.2.102', 'no-such-person@demo.test');
    expect(known).toEqual(unknown);
    expect(known.map((a) => a.slice(0, 3))).toEqual(['401', '401', '401', '401', '401', '429', '429']);
  });

  it('attempts that sign in do not count, and reset the count of their email', async () => {
    const ip = '192.0.2.120';
    // Wrong passwords in between: four at a time stay under the email's limit of 5 only because
    // each sign-in starts the email's count over.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 4; i++) expect((await login(ip, FIXTURE.agentEmail, 'typo')).status).toBe(401);
      expect((await login(ip, FIXTURE.agentEmail, FIXTURE.password)).status).toBe(200);
    }
    // 20 requests so far, 16 of them failed: the client may fail 4 more times, not 0.
    for (let i = 0; i < 4; i++) expect((await login(ip, FIXTURE.managerEmail, 'typo')).status).toBe(401);
    expect((await login(ip, FIXTURE.managerEmail, 'typo')).status).toBe(429);
  });

  it('parallel right and wrong passwords for one email: counted, refunded, never a server error', async () => {
    const ip = '192.0.2.130';
    // A new window, so the demo organization's earlier attempts do not reach its ceiling of 40.
    advance(15 * 60);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        login(ip, FIXTURE.agent2Email, i % 2 === 0 ? FIXTURE.password : `wrong-${i}`),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 401 || s === 429)).toBe(true);
    // At least the email's 5 attempts were checked; in flight, every one counts.
    expect(statuses.filter((s) => s !== 429).length).toBeGreaterThanOrEqual(5);
  });

  it('an organization-wide ceiling stops attempts from many IPs at one organization only', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      statuses.push(
        (await login(`100.64.${Math.floor(i / 200)}.${i + 1}`, FIXTURE.otherOrgManagerEmail, `guess-${i}`))
          .status,
      );
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(40);
    expect(statuses.slice(40)).toEqual(Array(5).fill(429));
    // The ceiling holds for that organization's accounts from a fresh IP …
    expect((await login('100.65.0.1', FIXTURE.otherOrgManagerEmail, FIXTURE.password)).status).toBe(429);
    expect((await redeem('100.65.0.2', FIXTURE.otherOrgAccessCode)).status).toBe(429);
    // … and nowhere else.
    expect((await login('100.65.0.3', FIXTURE.managerEmail, FIXTURE.password)).status).toBe(200);
    const orgTrips = await server.handle.db
      .selectFrom('auth_throttle_trips')
      .selectAll()
      .where('scope', '=', 'organization')
      .execute();
    expect(orgTrips).toHaveLength(1);
    expect(orgTrips[0]).toMatchObject({ organization_id: FIXTURE.otherOrgId, kind: 'login', attempts: 41 });
    // The block ends; the manager signs in.
    advance(61);
    expect((await login('100.65.0.1', FIXTURE.otherOrgManagerEmail, FIXTURE.password)).status).toBe(200);
  });

  it('expired counters are swept', async () => {
    advance(3 * 60 * 60);
    await login('192.0.2.200', 'sweep@demo.test', 'x');
    const left = await server.handle.db
      .selectFrom('auth_throttles')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    // Only the two counters of the attempt just made are left.
    expect(Number(left.n)).toBe(2);
  });
});
