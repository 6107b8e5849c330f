import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { creditBalanceOf, debitSessionCredit } from './ledger-store.js';

const BOOTSTRAP = 'bootstrap-token-for-credit-tests-0123456789';
const operator = { authorization: `Bearer ${BOOTSTRAP}` };

/** Inserts a bare session row so debits have something to name. */
async function sessionRow(server: TestServer, id: string): Promise<string> {
  await server.handle.db
    .insertInto('sessions')
    .values({
      id,
      organization_id: FIXTURE.organizationId,
      device_id: FIXTURE.deviceId,
      portal_id: FIXTURE.portalId,
      team_id: FIXTURE.fieldTeamId,
      assignee_ids: JSON.stringify([FIXTURE.agentId]),
      status: 'completed',
      reason: 'credit test',
      ticket_links: JSON.stringify([]),
      recording_consent: null,
      cancel_reason: null,
      created_by_kind: 'customer',
      created_by_id: FIXTURE.deviceId,
    })
    .execute();
  return id;
}

forEachBackend('AI credits (SI-11)', (backend) => {
  let server: TestServer;
  let now = new Date('2026-12-04T12:00:00Z');
  beforeAll(async () => {
    server = await createTestServer(backend, { bootstrapToken: BOOTSTRAP }, () => now);
  });
  beforeEach(async () => {
    now = new Date('2026-12-04T12:00:00Z');
    await server.reset();
    await server.handle.db
      .updateTable('organizations')
      .set({ licence_renews_at: '2027-03-01', time_zone: 'Europe/Berlin' })
      .where('id', '=', FIXTURE.organizationId)
      .execute();
  });
  afterAll(async () => server.close());

  it('GET /v1/credits shows the plan’s monthly grant with its expiry in the organization’s zone', async () => {
    const res = await server.call('GET', '/v1/credits', { token: await server.login(FIXTURE.managerEmail) });
    expect(res.status).toBe(200);
    const body = await res.json();
    // The demo organization is on Premium: 10 a month; December ends at local midnight in Berlin.
    expect(body).toMatchObject({
      total: 10,
      plan: 'premium',
      timeZone: 'Europe/Berlin',
      monthly: { allowance: 10, left: 10, expiresAt: '2026-12-31T23:00:00.000Z' },
      addons: [],
      usedThisMonth: 0,
    });
  });

  it('a team manager sees the credits once granted ai.settings, not before (SI-5)', async () => {
    const token = await server.login(FIXTURE.teamManagerEmail);
    expect((await server.call('GET', '/v1/credits', { token })).status).toBe(403);
    await server.handle.db
      .updateTable('organizations')
      .set({ summary_permissions: JSON.stringify({ 'team-manager': ['ai.settings'], agent: [] }) })
      .where('id', '=', FIXTURE.organizationId)
      .execute();
    const res = await server.call('GET', '/v1/credits', { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ total: 10, monthly: { allowance: 10 } });
  });

  it('20 concurrent debits of one session write one ledger row; the balance drops by one', async () => {
    const id = await sessionRow(server, 'sess_credit_1');
    const { db } = server.handle;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction().execute((trx) => debitSessionCredit(trx, FIXTURE.organizationId, id, now)),
      ),
    );
    expect(results.filter((r) => r.ok && !r.alreadyDebited)).toHaveLength(1);
    expect(results.every((r) => r.ok)).toBe(true);
    const debits = await db.selectFrom('credit_ledger').selectAll().where('type', '=', 'debit').execute();
    expect(debits).toHaveLength(1);
    expect((await creditBalanceOf(db, FIXTURE.organizationId, now)).total).toBe(9);
  });

  it('parallel debits of different sessions never overdraw: 12 sessions, 10 credits → 10 debits, 2 refused', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => sessionRow(server, `sess_many_${i}`)));
    const { db } = server.handle;
    const results = await Promise.all(
      ids.map((id) =>
        db.transaction().execute((trx) => debitSessionCredit(trx, FIXTURE.organizationId, id, now)),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: 'no-credits' },
      { ok: false, reason: 'no-credits' },
    ]);
    expect((await creditBalanceOf(db, FIXTURE.organizationId, now)).total).toBe(0);
  });

  it('a new month grants again, once; unused free credits lapse', async () => {
    const { db } = server.handle;
    await debitSessionCredit(db, FIXTURE.organizationId, await sessionRow(server, 'sess_dec'), now);
    now = new Date('2027-01-01T00:30:00Z'); // 01:30 in Berlin: January already
    const view = await creditBalanceOf(db, FIXTURE.organizationId, now);
    expect(view.monthly).toMatchObject({ left: 10, expiresAt: '2027-01-31T23:00:00.000Z' });
    await creditBalanceOf(db, FIXTURE.organizationId, now);
    const grants = await db
      .selectFrom('credit_ledger')
      .select('period')
      .where('type', '=', 'grant-monthly')
      .execute();
    expect(grants.map((g) => g.period).sort()).toEqual(['2026-12', '2027-01']);
  });

  it('add-ons: the full amount mid-term, idempotent by purchase id, used after the monthly credits, reset at renewal', async () => {
    const body = { organizationId: FIXTURE.organizationId, amount: 25, purchaseId: 'inv-1' };
    const first = await server.call('POST', '/v1/credits/add-ons', { headers: operator, body });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      amount: 25,
      expiresAt: '2027-02-28T23:00:00.000Z',
      credits: { total: 35 },
    });
    const again = await server.call('POST', '/v1/credits/add-ons', { headers: operator, body });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { credits: { total: number } }).credits.total).toBe(35);
    const other = await server.call('POST', '/v1/credits/add-ons', {
      headers: operator,
      body: { ...body, amount: 30 },
    });
    expect(other.status).toBe(409);
    const otherOrg = await server.call('POST', '/v1/credits/add-ons', {
      headers: operator,
      body: { ...body, organizationId: FIXTURE.otherOrgId },
    });
    expect(otherOrg.status).toBe(409);
    expect(((await otherOrg.json()) as { detail: string }).detail).toContain('another organization');
    // Monthly first: 10 debits leave the add-on whole.
    const { db } = server.handle;
    for (let i = 0; i < 11; i++) {
      const id = await sessionRow(server, `sess_a${i}`);
      await db.transaction().execute((trx) => debitSessionCredit(trx, FIXTURE.organizationId, id, now));
    }
    const view = await creditBalanceOf(db, FIXTURE.organizationId, now);
    expect(view).toMatchObject({ total: 24, monthly: { left: 0 }, addons: [{ left: 24 }] });
    // At renewal the purchased credits are gone (no rollover).
    now = new Date('2027-02-28T23:00:01Z'); // the renewal day has begun in Berlin
    expect((await creditBalanceOf(db, FIXTURE.organizationId, now)).addons).toEqual([]);
    // The billing system retrying the old purchase after the renewal gets the same answer, nothing new.
    const late = await server.call('POST', '/v1/credits/add-ons', { headers: operator, body });
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ amount: 25, expiresAt: '2027-02-28T23:00:00.000Z' });
    const fresh = await server.call('POST', '/v1/credits/add-ons', {
      headers: operator,
      body: { ...body, purchaseId: 'inv-2' },
    });
    expect(fresh.status).toBe(409);
  });

  describe('bad input changes nothing', () => {
    it.each([
      ['no token → 401', {}, { organizationId: FIXTURE.organizationId, amount: 5, purchaseId: 'x' }, 401],
      [
        'zero credits → 400',
        operator,
        { organizationId: FIXTURE.organizationId, amount: 0, purchaseId: 'x' },
        400,
      ],
      [
        'unknown field',
        operator,
        { organizationId: FIXTURE.organizationId, amount: 5, purchaseId: 'x', free: true },
        400,
      ],
      [
        'unknown organization → 404',
        operator,
        { organizationId: 'org_nope', amount: 5, purchaseId: 'x' },
        404,
      ],
    ] as const)('%s', async (_name, headers, body, status) => {
      const res = await server.call('POST', '/v1/credits/add-ons', { headers, body });
      expect(res.status, _name).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const rows = await server.handle.db
        .selectFrom('credit_ledger')
        .selectAll()
        .where('type', '=', 'grant-addon')
        .execute();
      expect(rows).toEqual([]);
    });
  });
});
