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

/** Year and month (1–12) of an instant on the wall clock of an IANA time zone. */
function localYearMonth(at: Date, timeZone: string): { year: number; month: number } {
  if (timeZone === 'UTC') return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1 };
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month') };
}

/** Offset of a zone from UTC at an instant, in ms (wall clock minus UTC). */
function zoneOffsetMs(at: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a local day starts (00:00 on the zone's wall clock). */
function dayStartIn(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  let at = guess - zoneOffsetMs(guess, timeZone);
  at = guess - zoneOffsetMs(at, timeZone);
  return new Date(at);
}

/** The instant a local month starts (the 1st, 00:00 on the zone's wall clock). */
function monthStartIn(year: number, month: number, timeZone: string): Date {
  return dayStartIn(year, month, 1, timeZone);
}

/**
 * The instant a calendar date (`YYYY-MM-DD`, e.g. a licence renewal) begins in an IANA time zone:
 * add-on credits last until the organization's renewal day starts on its own clock (SI-11).
 * @example
 * startOfDateIn('2027-03-01', 'Europe/Berlin'); // 2027-02-28T23:00:00.000Z
 */
export function startOfDateIn(date: string, timeZone = 'UTC'): Date {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  return dayStartIn(year ?? 1970, month ?? 1, day ?? 1, timeZone);
}

/**
 * `YYYY-MM` of an instant in an IANA time zone (default UTC) — the period of a monthly grant.
 * @example
 * monthKey(new Date('2026-01-31T23:30:00Z'), 'Europe/Berlin'); // '2026-02'
 */
export function monthKey(at: Date, timeZone = 'UTC'): string {
  const { year, month } = localYearMonth(at, timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * When the month holding `at` starts and ends in a time zone: the validity of that month's free
 * credits (SI-11: granted on the first day of each month, in the organization's time zone).
 * @example
 * monthBounds(now, 'America/New_York'); // { start: 2026-12-01T05:00Z, end: 2027-01-01T05:00Z }
 */
export function monthBounds(at: Date, timeZone = 'UTC'): { start: Date; end: Date } {
  const { year, month } = localYearMonth(at, timeZone);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return { start: monthStartIn(year, month, timeZone), end: monthStartIn(next.year, next.month, timeZone) };
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
        const until = entry.expiresAt
          ? Date.parse(entry.expiresAt)
          : Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
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

/** Free monthly credits with their validity, credits left and the next grant (for `GET /v1/credits`). */
export interface MonthlyCreditsView {
  /** The current month's grant as granted, 0 when none has been recorded yet. */
  granted: number;
  left: number;
  /** When this month's free credits lapse = when the next month's are granted. */
  expiresAt: string;
}

/**
 * The free monthly grant to append at `now`, if this month's has not been granted yet — at most one
 * entry, dated the 1st of the month 00:00 in the organization's time zone and valid until the next
 * month starts there (SI-11). Idempotent: appending the result and calling again returns `[]`. Past
 * months are not back-filled, since their free credits would have lapsed.
 * @example
 * const due = dueMonthlyGrants(ledger, 'business', now, 'Europe/Berlin');
 * await appendAll(due);
 */
export function dueMonthlyGrants(
  ledger: readonly CreditLedgerEntry[],
  plan: PlanTier,
  now: Date,
  timeZone = 'UTC',
): CreditLedgerEntry[] {
  const period = monthKey(now, timeZone);
  if (ledger.some((e) => e.type === 'grant-monthly' && e.period === period)) return [];
  const { start, end } = monthBounds(now, timeZone);
  return [
    {
      type: 'grant-monthly',
      amount: monthlyGrantFor(plan),
      at: start.toISOString(),
      period,
      expiresAt: end.toISOString(),
    },
  ];
}

/**
 * The valid add-on purchases at `now` with what is left of each, oldest first (SI-11: "the balance,
 * its parts and their expiry").
 * @example
 * addonParts(ledger, now); // [{ left: 40, expiresAt: '2027-03-01T00:00:00.000Z' }]
 */
export function addonParts(
  ledger: readonly CreditLedgerEntry[],
  now: Date,
): { left: number; expiresAt: string }[] {
  return replay(ledger, now)
    .filter((b) => b.kind === 'addon')
    .map((b) => ({ left: b.left, expiresAt: new Date(b.until).toISOString() }));
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
