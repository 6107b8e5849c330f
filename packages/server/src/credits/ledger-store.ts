import {
  addonParts,
  type CreditLedgerEntry,
  creditBalance,
  debitForSession,
  dueAddonReset,
  dueMonthlyGrants,
  monthBounds,
  monthlyGrantFor,
  type PlanTier,
  startOfDateIn,
} from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** The balance as `GET /v1/credits` shows it (SI-11: "the balance, its parts and their expiry"). */
export interface CreditsView {
  total: number;
  plan: PlanTier;
  timeZone: string;
  monthly: { allowance: number; left: number; expiresAt: string; nextGrantAt: string };
  addons: { left: number; expiresAt: string }[];
  licenceRenewsAt: string | null;
  /** Sessions debited this month (one credit each, however many AI actions). */
  usedThisMonth: number;
}

type Row = Database['credit_ledger'] extends infer T ? { [K in keyof T]: unknown } : never;

function iso(value: unknown): string {
  return new Date(value as string | Date).toISOString();
}

/** A stored ledger row as the domain's entry. */
function entryOf(row: Row): CreditLedgerEntry {
  const at = iso(row.at);
  switch (row.type) {
    case 'grant-monthly':
      return {
        type: 'grant-monthly',
        amount: Number(row.amount),
        at,
        period: String(row.period),
        ...(row.expires_at ? { expiresAt: iso(row.expires_at) } : {}),
      };
    case 'grant-addon':
      return {
        type: 'grant-addon',
        amount: Number(row.amount),
        at,
        expiresAt: iso(row.expires_at),
        ...(row.purchase_id ? { purchaseId: String(row.purchase_id) } : {}),
      };
    case 'debit':
      return { type: 'debit', amount: 1, at, sessionId: String(row.session_id) };
    default:
      return { type: 'reset', amount: 0, at };
  }
}

/** Appends domain entries as rows; a row the unique indexes already hold is skipped, not doubled. */
async function append(
  db: Kysely<Database>,
  organizationId: string,
  entries: CreditLedgerEntry[],
): Promise<void> {
  for (const e of entries) {
    await db
      .insertInto('credit_ledger')
      .values({
        organization_id: organizationId,
        type: e.type,
        amount: e.amount,
        at: e.at,
        period: e.type === 'grant-monthly' ? e.period : null,
        expires_at:
          e.type === 'grant-addon' || (e.type === 'grant-monthly' && e.expiresAt)
            ? (e.expiresAt ?? null)
            : null,
        purchase_id: e.type === 'grant-addon' ? (e.purchaseId ?? null) : null,
        session_id: e.type === 'debit' ? e.sessionId : null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

interface Terms {
  plan: PlanTier;
  timeZone: string;
  licence: string | null;
}

async function termsOf(db: Kysely<Database>, organizationId: string, lock: boolean): Promise<Terms> {
  let query = db
    .selectFrom('organizations')
    .select(['plan', 'time_zone', sql<string | null>`licence_renews_at::text`.as('licence')])
    .where('id', '=', organizationId);
  // Debits of one organization run one at a time: the row lock orders them on PostgreSQL (PGlite
  // has a single connection, so transactions are serial there anyway).
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  return { plan: row.plan as PlanTier, timeZone: row.time_zone, licence: row.licence };
}

async function ledgerOf(db: Kysely<Database>, organizationId: string): Promise<CreditLedgerEntry[]> {
  const rows = await db
    .selectFrom('credit_ledger')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => entryOf(r as unknown as Row));
}

/** What is due at `now`: this month's free grant (organization's zone) and the add-on reset at renewal. */
function dueEntries(ledger: CreditLedgerEntry[], terms: Terms, now: Date): CreditLedgerEntry[] {
  const due = dueMonthlyGrants(ledger, terms.plan, now, terms.timeZone);
  if (terms.licence)
    due.push(...dueAddonReset(ledger, startOfDateIn(terms.licence, terms.timeZone).toISOString(), now));
  return due;
}

/**
 * Records the grants due at `now` — this month's free credits in the organization's time zone and
 * the add-on reset at licence renewal. Idempotent (unique indexes), so any number of replicas and
 * restarts grant once.
 * @example
 * await applyDueGrants(db, 'org_demo', new Date());
 */
export async function applyDueGrants(db: Kysely<Database>, organizationId: string, now: Date): Promise<void> {
  const terms = await termsOf(db, organizationId, false);
  await append(db, organizationId, dueEntries(await ledgerOf(db, organizationId), terms, now));
}

/**
 * The one debit of a session (SI-11), inside the caller's transaction: grants due first, then the
 * domain's `debitForSession`. A session debited before counts as paid (`alreadyDebited`); with no
 * credit left nothing is written. The organization row is locked for the transaction, so parallel
 * debits never overdraw, and the unique index makes a second debit of one session impossible.
 * @example
 * const r = await debitSessionCredit(trx, org, sessionId, now);
 * if (!r.ok) markSkipped('no-credits');
 */
export async function debitSessionCredit(
  trx: Kysely<Database>,
  organizationId: string,
  sessionId: string,
  now: Date,
): Promise<
  { ok: true; alreadyDebited: boolean; source?: 'monthly' | 'addon' } | { ok: false; reason: 'no-credits' }
> {
  const terms = await termsOf(trx, organizationId, true);
  const ledger = await ledgerOf(trx, organizationId);
  const due = dueEntries(ledger, terms, now);
  await append(trx, organizationId, due);
  ledger.push(...due);
  const result = debitForSession(ledger, sessionId, now);
  if (!result.ok) {
    return result.reason === 'already-debited'
      ? { ok: true, alreadyDebited: true }
      : { ok: false, reason: 'no-credits' };
  }
  await append(trx, organizationId, [result.entry]);
  return { ok: true, alreadyDebited: false, source: result.source };
}

/**
 * Records a purchase of add-on credits (SI-11): the full amount, valid until the licence renews.
 * `purchaseId` makes it idempotent: the same purchase again changes nothing and says so.
 * @example
 * await recordPurchase(trx, org, purchaseAddon(100, licence, now, 'inv-7').entry);
 */
export async function recordPurchase(
  trx: Kysely<Database>,
  organizationId: string,
  entry: Extract<CreditLedgerEntry, { type: 'grant-addon' }>,
): Promise<{ created: boolean; existing?: { amount: number; at: string; expiresAt: string } }> {
  await termsOf(trx, organizationId, true);
  const inserted = await trx
    .insertInto('credit_ledger')
    .values({
      organization_id: organizationId,
      type: 'grant-addon',
      amount: entry.amount,
      at: entry.at,
      expires_at: entry.expiresAt,
      purchase_id: entry.purchaseId ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { created: true };
  const row = await trx
    .selectFrom('credit_ledger')
    .select(['amount', 'at', 'expires_at'])
    .where('organization_id', '=', organizationId)
    .where('type', '=', 'grant-addon')
    .where('purchase_id', '=', entry.purchaseId ?? '')
    .executeTakeFirstOrThrow();
  return {
    created: false,
    existing: { amount: row.amount, at: iso(row.at), expiresAt: iso(row.expires_at) },
  };
}

/**
 * The balance at `now` with its parts and their expiry, after recording what is due.
 * @example
 * const view = await creditBalanceOf(db, 'org_demo', new Date());
 */
export async function creditBalanceOf(
  db: Kysely<Database>,
  organizationId: string,
  now: Date,
): Promise<CreditsView> {
  await applyDueGrants(db, organizationId, now);
  const terms = await termsOf(db, organizationId, false);
  const ledger = await ledgerOf(db, organizationId);
  const balance = creditBalance(ledger, now);
  const { start, end } = monthBounds(now, terms.timeZone);
  const usedThisMonth = ledger.filter(
    (e) => e.type === 'debit' && Date.parse(e.at) >= start.getTime() && Date.parse(e.at) < end.getTime(),
  ).length;
  return {
    total: balance.total,
    plan: terms.plan,
    timeZone: terms.timeZone,
    monthly: {
      allowance: monthlyGrantFor(terms.plan),
      left: balance.monthly,
      expiresAt: end.toISOString(),
      nextGrantAt: end.toISOString(),
    },
    addons: addonParts(ledger, now),
    licenceRenewsAt: terms.licence,
    usedThisMonth,
  };
}
