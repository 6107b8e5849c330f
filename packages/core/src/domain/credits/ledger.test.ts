import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreditLedgerEntry } from '../schemas/credits.js';
import {
  creditBalance,
  debitForSession,
  dueAddonReset,
  dueMonthlyGrants,
  monthBounds,
  monthKey,
  purchaseAddon,
  startOfDateIn,
} from './ledger.js';
import { monthlyGrantFor } from './plans.js';

const at = (iso: string) => new Date(iso);

/** Append whatever is due and the debit, as a server would. */
function debit(ledger: CreditLedgerEntry[], sessionId: string, now: Date) {
  const r = debitForSession(ledger, sessionId, now);
  if (r.ok) ledger.push(r.entry);
  return r;
}

describe('AI credits (SI-11)', () => {
  it('SI-11: each plan grants its free monthly credits', () => {
    expect(monthlyGrantFor('business')).toBe(5);
    expect(monthlyGrantFor('premium')).toBe(10);
    expect(monthlyGrantFor('corporate')).toBe(15);
    expect(monthlyGrantFor('tensor')).toBe(50);
  });

  it('SI-11: the monthly grant is dated the 1st of the month (UTC by default) and granted once', () => {
    const now = at('2026-03-17T12:00:00Z');
    const due = dueMonthlyGrants([], 'premium', now);
    expect(due).toEqual([
      {
        type: 'grant-monthly',
        amount: 10,
        at: '2026-03-01T00:00:00.000Z',
        period: '2026-03',
        expiresAt: '2026-04-01T00:00:00.000Z',
      },
    ]);
    expect(dueMonthlyGrants(due, 'premium', now)).toEqual([]);
    expect(creditBalance(due, now)).toEqual({ monthly: 10, addon: 0, total: 10 });
  });

  it('SI-11: a new month brings a new grant, and last month’s unused free credits lapse', () => {
    const ledger: CreditLedgerEntry[] = [...dueMonthlyGrants([], 'business', at('2026-01-31T23:59:59Z'))];
    debit(ledger, 's1', at('2026-01-31T23:59:59Z'));
    expect(creditBalance(ledger, at('2026-01-31T23:59:59Z')).total).toBe(4);
    expect(creditBalance(ledger, at('2026-02-01T00:00:00Z')).total).toBe(0);
    ledger.push(...dueMonthlyGrants(ledger, 'business', at('2026-02-01T00:00:00Z')));
    expect(ledger.at(-1)).toMatchObject({ period: '2026-02', at: '2026-02-01T00:00:00.000Z' });
    expect(creditBalance(ledger, at('2026-02-01T00:00:00Z')).total).toBe(5);
  });

  it('SI-11: the month boundary is UTC, whatever the local time zone', () => {
    expect(dueMonthlyGrants([], 'tensor', at('2026-12-31T23:30:00-02:00'))[0]).toMatchObject({
      period: '2027-01',
    });
  });

  it('SI-11: a mid-term add-on purchase gives the full amount until the licence renews', () => {
    const r = purchaseAddon(100, '2026-09-01T00:00:00Z', at('2026-05-20T08:00:00Z'), 'order-1');
    expect(r).toEqual({
      ok: true,
      entry: {
        type: 'grant-addon',
        amount: 100,
        at: '2026-05-20T08:00:00.000Z',
        expiresAt: '2026-09-01T00:00:00.000Z',
        purchaseId: 'order-1',
      },
    });
    if (r.ok) expect(creditBalance([r.entry], at('2026-08-31T23:59:59Z')).addon).toBe(100);
  });

  it('SI-11: an add-on purchase with a bad amount or after the licence expired is refused', () => {
    expect(purchaseAddon(0, '2026-09-01T00:00:00Z', at('2026-05-20T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'invalid-amount',
    });
    expect(purchaseAddon(10, '2026-01-01T00:00:00Z', at('2026-05-20T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'licence-expired',
    });
  });

  it('SI-11: add-on credits are reset at renewal, with no rollover', () => {
    const ledger: CreditLedgerEntry[] = [];
    const bought = purchaseAddon(20, '2026-09-01T00:00:00Z', at('2026-05-20T00:00:00Z'));
    if (bought.ok) ledger.push(bought.entry);
    expect(dueAddonReset(ledger, '2026-09-01T00:00:00Z', at('2026-08-31T00:00:00Z'))).toEqual([]);
    const reset = dueAddonReset(ledger, '2026-09-01T00:00:00Z', at('2026-09-01T00:00:05Z'));
    expect(reset).toEqual([{ type: 'reset', amount: 0, at: '2026-09-01T00:00:00.000Z' }]);
    ledger.push(...reset);
    expect(dueAddonReset(ledger, '2026-09-01T00:00:00Z', at('2026-09-02T00:00:00Z'))).toEqual([]);
    expect(creditBalance(ledger, at('2026-09-01T00:00:05Z')).addon).toBe(0);
    const next = purchaseAddon(30, '2027-09-01T00:00:00Z', at('2026-09-03T00:00:00Z'));
    if (next.ok) ledger.push(next.entry);
    expect(creditBalance(ledger, at('2026-09-03T00:00:00Z')).addon).toBe(30);
  });

  it('SI-11: monthly credits are spent before add-on credits', () => {
    const now = at('2026-04-10T00:00:00Z');
    const ledger: CreditLedgerEntry[] = [...dueMonthlyGrants([], 'business', now)];
    const bought = purchaseAddon(3, '2027-01-01T00:00:00Z', now);
    if (bought.ok) ledger.push(bought.entry);
    for (let i = 0; i < 5; i++)
      expect(debit(ledger, `m${i}`, now)).toMatchObject({ ok: true, source: 'monthly' });
    expect(debit(ledger, 'a0', now)).toMatchObject({ ok: true, source: 'addon' });
    expect(creditBalance(ledger, now)).toEqual({ monthly: 0, addon: 2, total: 2 });
  });

  it('SI-11: a session is debited once, however many AI actions it had', () => {
    const now = at('2026-04-10T00:00:00Z');
    const ledger: CreditLedgerEntry[] = [...dueMonthlyGrants([], 'premium', now)];
    expect(debit(ledger, 's1', now).ok).toBe(true);
    expect(debit(ledger, 's1', now)).toEqual({ ok: false, reason: 'already-debited' });
    expect(creditBalance(ledger, now).total).toBe(9);
  });

  it('SI-11: with no credit left the debit is refused', () => {
    expect(debitForSession([], 's1', at('2026-04-10T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'no-credits',
    });
  });

  it('SI-11: credits never go negative and no session is debited twice (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('debit' as const), session: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ kind: fc.constant('buy' as const), amount: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constant('tick' as const), days: fc.integer({ min: 0, max: 40 }) }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('business', 'premium', 'corporate', 'tensor' as const),
        fc.array(op, { maxLength: 60 }),
        (plan, ops) => {
          let now = at('2026-01-01T00:00:00Z');
          let renewal = at('2026-03-15T00:00:00Z');
          const ledger: CreditLedgerEntry[] = [];
          for (const o of ops) {
            if (o.kind === 'tick') now = new Date(now.getTime() + o.days * 86_400_000);
            ledger.push(...dueMonthlyGrants(ledger, plan, now));
            const reset = dueAddonReset(ledger, renewal.toISOString(), now);
            ledger.push(...reset);
            if (reset.length > 0) renewal = new Date(renewal.getTime() + 365 * 86_400_000);
            if (o.kind === 'buy') {
              const r = purchaseAddon(o.amount, renewal.toISOString(), now);
              if (r.ok) ledger.push(r.entry);
            }
            if (o.kind === 'debit') debit(ledger, `s${o.session}`, now);
            const balance = creditBalance(ledger, now);
            expect(balance.monthly).toBeGreaterThanOrEqual(0);
            expect(balance.addon).toBeGreaterThanOrEqual(0);
            expect(balance.monthly).toBeLessThanOrEqual(monthlyGrantFor(plan));
          }
          const debits = ledger.filter((e) => e.type === 'debit').map((e) => e.sessionId);
          expect(new Set(debits).size).toBe(debits.length);
        },
      ),
    );
  });
});

describe('monthly grants in the organization’s time zone (SI-11)', () => {
  it('grants on the 1st at local midnight and lapses at the next local month start', () => {
    // 23:30 UTC on 31 Jan is already 1 Feb in Berlin.
    const now = new Date('2026-01-31T23:30:00Z');
    const [grant] = dueMonthlyGrants([], 'business', now, 'Europe/Berlin');
    expect(grant).toMatchObject({
      type: 'grant-monthly',
      period: '2026-02',
      amount: 5,
      at: '2026-01-31T23:00:00.000Z',
      expiresAt: '2026-02-28T23:00:00.000Z',
    });
    expect(creditBalance([grant as CreditLedgerEntry], now).total).toBe(5);
    expect(creditBalance([grant as CreditLedgerEntry], new Date('2026-02-28T23:00:00Z')).total).toBe(0);
  });

  it('follows daylight saving time (New York: −5 h in winter, −4 h in summer)', () => {
    expect(monthBounds(new Date('2026-03-15T12:00:00Z'), 'America/New_York')).toEqual({
      start: new Date('2026-03-01T05:00:00Z'),
      end: new Date('2026-04-01T04:00:00Z'),
    });
  });

  it('is granted once per local month however often it is asked, across restarts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 * 86_400_000 }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati'),
        (offsets, zone) => {
          const ledger: CreditLedgerEntry[] = [];
          const base = Date.parse('2026-05-01T00:00:00Z');
          for (const o of [...offsets].sort((a, b) => a - b)) {
            ledger.push(...dueMonthlyGrants(ledger, 'premium', new Date(base + o), zone));
          }
          const periods = ledger.map((e) => (e.type === 'grant-monthly' ? e.period : ''));
          expect(new Set(periods).size).toBe(periods.length);
          for (const e of ledger) {
            if (e.type !== 'grant-monthly' || !e.expiresAt) throw new Error('monthly grant expected');
            expect(Date.parse(e.expiresAt)).toBeGreaterThan(Date.parse(e.at));
            expect(monthKey(new Date(e.at), zone)).toBe(e.period);
          }
        },
      ),
    );
  });
});

describe('licence renewal day in the organization’s time zone (SI-11)', () => {
  it('starts at local midnight, DST included', () => {
    expect(startOfDateIn('2027-03-01', 'Europe/Berlin').toISOString()).toBe('2027-02-28T23:00:00.000Z');
    expect(startOfDateIn('2027-07-01', 'Europe/Berlin').toISOString()).toBe('2027-06-30T22:00:00.000Z');
    expect(startOfDateIn('2027-03-01').toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(startOfDateIn('2027-03-01', 'America/Los_Angeles').toISOString()).toBe('2027-03-01T08:00:00.000Z');
  });
});
