import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common.js';

const positiveInt = z.int().check(z.positive());

/**
 * One entry of an organization's AI-credit ledger (SI-11). The ledger is append-only; the balance is
 * computed from it (see `creditBalance`).
 * - `grant-monthly`: the free credits of one calendar month (`period` = `YYYY-MM`, UTC).
 * - `grant-addon`: purchased credits, valid until `expiresAt` (the licence renewal).
 * - `debit`: one credit for one session.
 * - `reset`: at licence renewal; purchased credits granted before it are gone (no rollover).
 * @example
 * const entry: CreditLedgerEntry = { type: 'debit', amount: 1, at: now.toISOString(), sessionId: 's1' };
 */
export const CreditLedgerEntry = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('grant-monthly'),
    amount: positiveInt,
    at: IsoDateTime,
    period: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
    /** End of the month in the organization's time zone; absent on old entries (then UTC). */
    expiresAt: z.optional(IsoDateTime),
  }),
  z.object({
    type: z.literal('grant-addon'),
    amount: positiveInt,
    at: IsoDateTime,
    expiresAt: IsoDateTime,
    purchaseId: z.optional(Id),
  }),
  z.object({ type: z.literal('debit'), amount: z.literal(1), at: IsoDateTime, sessionId: Id }),
  z.object({ type: z.literal('reset'), amount: z.literal(0), at: IsoDateTime }),
]);
/** A parsed ledger entry. */
export type CreditLedgerEntry = z.infer<typeof CreditLedgerEntry>;
