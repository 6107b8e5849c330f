import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common.js';
import { ConsentDecision, ConsentKind } from './enums.js';

/**
 * An append-only record of a consent answer (VS-10, SI-3). `by` is the device id for a customer
 * answer; the latest record of a kind wins.
 * @example
 * const record: ConsentRecord = { sessionId: 's1', kind: 'recording', decision: 'granted', by: 'd1', at: now.toISOString() };
 */
export const ConsentRecord = z.object({
  sessionId: Id,
  kind: z.enum(ConsentKind),
  decision: z.enum(ConsentDecision),
  by: Id,
  at: IsoDateTime,
});
/** A parsed consent record. */
export type ConsentRecord = z.infer<typeof ConsentRecord>;
