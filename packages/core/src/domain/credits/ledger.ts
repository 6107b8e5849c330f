import type { CreditLedgerEntry } from '../schemas/credits.js';
import type { PlanTier } from '../schemas/enums.js';
import { monthlyGrantFor } from './plans.js';

/*
 * Accounting rules (SI-11), decided from seeds 000 and 002:
 * - One credit per session, however many AI actions it had ("um crédito de IA é consumido por
 *   sessão, independentemente do número de ações de IA").
 * - Free credits are granted on the 1st of each month, UTC. They are a monthly allowance: unused free
 *   credits lapse at the end of their month (the seeds grant a fresh allowance each month and never
 *   speak of carrying it over), so the balance never piles up free credits.
 * - Purchased (add-on) credits give the full amount at once, even mid-term, and stay valid until the
 *   licence renews; at renewal they are reset, no rollover ("os créditos são zerados na renovação").
 * - Consumption order: free monthly credits first (they lapse soonest), then add-on credits, oldest
 *   purchase first.
 * - The balance never goes negative: a debit without a credit left is refused.
 * The ledger is append-only and time-ordered by `at`; every function replays it up to `now`.
 */

/** `YYYY-MM` of an instant, in UTC. */
export function monthKey(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

function startOfMonthUtc(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** Credits left, split by where they come from. */
export interface CreditBalance {
  /** Free credits of the current month. */
  monthly: number;
  /** Purchased credits still valid. */
  addon: number;
  total: number;
}

interface Bucket {
  kind: 'monthly' | 'addon';
  left: number;
  /** Exclusive end of validity, epoch ms. */
  until: number;
}

function replay(ledger: readonly CreditLedgerEntry[], now: Date): Bucket[] {
  const nowMs = now.getTime();
  const entries = ledger
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.at) }))
    .filter((e) => e.at <= nowMs)
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const buckets: Bucket[] = [];
  for (const { entry, at } of entries) {
    switch (entry.type) {
      case 'grant-monthly': {
        const start = startOfMonthUtc(new Date(at));
        const until = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
        buckets.push({ kind: 'monthly', left: entry.amount, until });
        break;
      }
      case 'grant-addon':
        buckets.push({ kind: 'addon', left: entry.amount, until: Date.parse(entry.expiresAt) });
        break;
      case 'reset':
        for (const b of buckets) if (b.kind === 'addon') b.left = 0;
        break;
      case 'debit': {
        const bucket = spendable(buckets, at)[0];
        if (bucket) bucket.left -= 1;
        break;
      }
    }
  }
  return spendable(buckets, nowMs);
}

/** Buckets with credits left and valid at `atMs`, in consumption order: monthly, then oldest add-on. */
function spendable(buckets: Bucket[], atMs: number): Bucket[] {
  const valid = buckets.filter((b) => b.left > 0 && b.until > atMs);
  return [...valid.filter((b) => b.kind === 'monthly'), ...valid.filter((b) => b.kind === 'addon')];
}

/**
 * The credits available at `now` (SI-11: "the balance is visible").
 * @example
 * creditBalance(ledger, new Date()); // { monthly: 3, addon: 100, total: 103 }
 */
export function creditBalance(ledger: readonly CreditLedgerEntry[], now: Date): CreditBalance {
  const buckets = replay(ledger, now);
  let monthly = 0;
  let addon = 0;
  for (const b of buckets) {
    if (b.kind === 'monthly') monthly += b.left;
    else addon += b.left;
  }
  return { monthly, addon, total: monthly + addon };
}

/**
 * The free monthly grant to append at `now`, if this month's has not been granted yet — at most one
 * entry, dated the 1st of the month 00:00 UTC. Idempotent: appending the result and calling again
 * returns `[]`. Past months are not back-filled, since their free credits would have lapsed.
 * @example
 * const due = dueMonthlyGrants(ledger, 'business', now);
 * await appendAll(due);
 */
export function dueMonthlyGrants(
  ledger: readonly CreditLedgerEntry[],
  plan: PlanTier,
  now: Date,
): CreditLedgerEntry[] {
  const period = monthKey(now);
  if (ledger.some((e) => e.type === 'grant-monthly' && e.period === period)) return [];
  return [
    { type: 'grant-monthly', amount: monthlyGrantFor(plan), at: startOfMonthUtc(now).toISOString(), period },
  ];
}

/**
 * The ledger entry for buying `amount` add-on credits at `now`: the full amount, valid until the
 * licence renews (SI-11: mid-term purchases get the full amount). Refused when the renewal is not in
 * the future.
 * @example
 * const r = purchaseAddon(100, org.licenceRenewsAt, now, 'order-7');
 * if (r.ok) await append(r.entry);
 */
export function purchaseAddon(
  amount: number,
  licenceRenewsAt: string,
  now: Date,
  purchaseId?: string,
): { ok: true; entry: CreditLedgerEntry } | { ok: false; reason: 'invalid-amount' | 'licence-expired' } {
  if (!Number.isInteger(amount) || amount <= 0) return { ok: false, reason: 'invalid-amount' };
  if (!(Date.parse(licenceRenewsAt) > now.getTime())) return { ok: false, reason: 'licence-expired' };
  const entry: CreditLedgerEntry = {
    type: 'grant-addon',
    amount,
    at: now.toISOString(),
    expiresAt: new Date(Date.parse(licenceRenewsAt)).toISOString(),
  };
  if (purchaseId !== undefined) entry.purchaseId = purchaseId;
  return { ok: true, entry };
}

/**
 * The `reset` entry due at licence renewal: when `now` has reached `renewedAt` and no reset has been
 * recorded at or after it. Returns `[]` otherwise, so it is idempotent. After the reset the owner
 * computes the next renewal date; add-ons bought before it are gone (no rollover).
 * @example
 * await appendAll(dueAddonReset(ledger, org.licenceRenewsAt, now));
 */
export function dueAddonReset(
  ledger: readonly CreditLedgerEntry[],
  renewedAt: string,
  now: Date,
): CreditLedgerEntry[] {
  const renewal = Date.parse(renewedAt);
  if (now.getTime() < renewal) return [];
  if (ledger.some((e) => e.type === 'reset' && Date.parse(e.at) >= renewal)) return [];
  return [{ type: 'reset', amount: 0, at: new Date(renewal).toISOString() }];
}

/** Why a session could not be debited. */
export type DebitFailure = 'no-credits' | 'already-debited';

/**
 * The one debit of a session (SI-11): exactly one credit per session however many AI actions it
 * had, never below zero. A second call for the same session is refused with `already-debited` — the
 * caller treats that as "already paid" and goes on; `no-credits` means no summary is made and the UI
 * says why.
 * @example
 * const r = debitForSession(ledger, 's1', now);
 * if (r.ok) await append(r.entry);
 * else if (r.reason === 'no-credits') markSummarySkipped('no-credits');
 */
export function debitForSession(
  ledger: readonly CreditLedgerEntry[],
  sessionId: string,
  now: Date,
): { ok: true; entry: CreditLedgerEntry; source: 'monthly' | 'addon' } | { ok: false; reason: DebitFailure } {
  if (hasDebited(ledger, sessionId)) return { ok: false, reason: 'already-debited' };
  const bucket = replay(ledger, now)[0];
  if (!bucket) return { ok: false, reason: 'no-credits' };
  return {
    ok: true,
    entry: { type: 'debit', amount: 1, at: now.toISOString(), sessionId },
    source: bucket.kind,
  };
}

/**
 * Whether a session has been debited already.
 * @example
 * hasDebited(ledger, 's1');
 */
export function hasDebited(ledger: readonly CreditLedgerEntry[], sessionId: string): boolean {
  return ledger.some((e) => e.type === 'debit' && e.sessionId === sessionId);
}
