import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreditLedgerEntry } from '../schemas/credits.js';
import {
  addonParts,
  creditBalance,
  debitForSession,
  dueAddonReset,
  dueMonthlyGrants,
  purchaseAddon,
} from './ledger.js';
import { monthlyGrantFor } from './plans.js';

/*
 * Ledger properties (SI-11) over random histories in random organization time zones: what a server
 * does over months — ticks of the clock, grants due, purchases, resets at renewal, debits — with the
 * ledger replayed from scratch ("a restart") at random points.
 */

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
const op = fc.oneof(
  fc.record({ kind: fc.constant('debit' as const), session: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('buy' as const), amount: fc.integer({ min: 1, max: 7 }) }),
  fc.record({ kind: fc.constant('tick' as const), hours: fc.integer({ min: 0, max: 24 * 45 }) }),
  fc.record({ kind: fc.constant('restart' as const) }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

interface Run {
  ledger: CreditLedgerEntry[];
  /** Monthly grants and debits appended, to compare with what the ledger holds. */
  granted: number;
  debited: number;
}

function simulate(plan: 'business' | 'premium' | 'corporate' | 'tensor', zone: string, ops: readonly Op[]) {
  let now = new Date('2026-01-15T10:00:00Z');
  let renewal = new Date('2026-06-01T00:00:00Z');
  let ledger: CreditLedgerEntry[] = [];
  const run: Run = { ledger, granted: 0, debited: 0 };
  const check = () => {
    const b = creditBalance(ledger, now);
    expect(b.monthly).toBeGreaterThanOrEqual(0);
    expect(b.addon).toBeGreaterThanOrEqual(0);
    expect(b.total).toBe(b.monthly + b.addon);
    expect(b.monthly).toBeLessThanOrEqual(monthlyGrantFor(plan));
    const parts = addonParts(ledger, now);
    expect(parts.reduce((sum, p) => sum + p.left, 0)).toBe(b.addon);
    for (const p of parts) {
      expect(p.left).toBeGreaterThan(0);
      expect(Date.parse(p.expiresAt)).toBeGreaterThan(now.getTime());
    }
  };
  for (const o of ops) {
    if (o.kind === 'tick') now = new Date(now.getTime() + o.hours * 3_600_000);
    if (o.kind === 'restart') ledger = JSON.parse(JSON.stringify(ledger)) as CreditLedgerEntry[];
    const grants = dueMonthlyGrants(ledger, plan, now, zone);
    ledger.push(...grants);
    run.granted += grants.length;
    const reset = dueAddonReset(ledger, renewal.toISOString(), now);
    ledger.push(...reset);
    if (reset.length > 0)
      renewal = new Date(Date.UTC(renewal.getUTCFullYear() + 1, renewal.getUTCMonth(), 1));
    if (o.kind === 'buy') {
      const r = purchaseAddon(o.amount, renewal.toISOString(), now);
      if (r.ok) ledger.push(r.entry);
    }
    if (o.kind === 'debit') {
      const before = creditBalance(ledger, now).total;
      const r = debitForSession(ledger, `s${o.session}`, now);
      if (r.ok) {
        ledger.push(r.entry);
        run.debited++;
        expect(creditBalance(ledger, now).total).toBe(before - 1);
      } else if (r.reason === 'no-credits') {
        expect(before).toBe(0);
      } else {
        expect(creditBalance(ledger, now).total).toBe(before);
      }
    }
    check();
  }
  run.ledger = ledger;
  return run;
}

describe('AI credit ledger properties (SI-11)', () => {
  it('balance parts sum to the total, never negative; every debit costs exactly one; refused only at zero', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('business', 'premium', 'corporate', 'tensor' as const),
        fc.constantFrom(...ZONES),
        fc.array(op, { maxLength: 80 }),
        (plan, zone, ops) => {
          const run = simulate(plan, zone, ops);
          const debits = run.ledger.filter((e) => e.type === 'debit').map((e) => e.sessionId);
          // One debit per session, however often it was asked.
          expect(new Set(debits).size).toBe(debits.length);
          expect(debits.length).toBe(run.debited);
          // One monthly grant per local month, across restarts.
          const periods = run.ledger.flatMap((e) => (e.type === 'grant-monthly' ? [e.period] : []));
          expect(new Set(periods).size).toBe(periods.length);
          expect(periods.length).toBe(run.granted);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('no rollover: right after a renewal no add-on bought before it is left', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 6 }), (amounts) => {
        const renewal = '2026-09-01T00:00:00.000Z';
        const ledger: CreditLedgerEntry[] = [];
        amounts.forEach((amount, i) => {
          const r = purchaseAddon(amount, renewal, new Date(Date.UTC(2026, 2 + i, 10)));
          if (r.ok) ledger.push(r.entry);
        });
        const before = new Date('2026-08-31T23:59:59Z');
        expect(creditBalance(ledger, before).addon).toBe(amounts.reduce((a, b) => a + b, 0));
        const after = new Date('2026-09-01T00:00:00Z');
        ledger.push(...dueAddonReset(ledger, renewal, after));
        expect(creditBalance(ledger, after).addon).toBe(0);
        expect(addonParts(ledger, after)).toEqual([]);
      }),
    );
  });
});
