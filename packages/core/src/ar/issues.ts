import * as z from '../validate/index.js';
import { type ArMessage, arMessageSchema } from './schemas.js';

/** Why an AR message was dropped. */
export const ArIssueCode = {
  /** The message failed its schema. */
  invalidMessage: 'invalid-message',
  /** The sender may not do this (e.g. a customer placing a marker, VS-13). */
  forbidden: 'forbidden',
  /** More points for a stroke this side never saw start (e.g. joined mid-stroke). */
  unknownStroke: 'unknown-stroke',
  /** A stroke id already used by another participant. */
  conflict: 'conflict',
  /** Annotations for a screenshot this side does not know. */
  unknownScreenshot: 'unknown-screenshot',
  /** An outgoing message could not be handed to the transport (reported with `from` = this side). */
  sendFailed: 'send-failed',
} as const;
/** One of {@link ArIssueCode}. */
export type ArIssueCode = (typeof ArIssueCode)[keyof typeof ArIssueCode];

/**
 * An incoming AR message that was dropped, as a value: shown in diagnostics, never thrown.
 * @example
 * ar.issues$.subscribe((i) => console.warn(`dropped ${i.messageType} from ${i.from}: ${i.code}`));
 */
export interface ArIssue {
  readonly code: ArIssueCode;
  /** The participant who sent it. */
  readonly from: string;
  /** The message's `type`, when it had one. */
  readonly messageType?: string;
  readonly reason: string;
  /** The validation error, for `invalid-message`. */
  readonly cause?: unknown;
}

/**
 * Validate an incoming data message against the AR schemas.
 * @example
 * const r = parseArMessage(from, message);
 * if (r.ok) store.send({ type: 'received', from, message: r.message, at: clock.now() });
 * else issues.next(r.issue);
 */
export function parseArMessage(
  from: string,
  raw: unknown,
): { ok: true; message: ArMessage } | { ok: false; issue: ArIssue } {
  const parsed = z.safeParse(arMessageSchema, raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return {
    ok: false,
    issue: {
      code: 'invalid-message',
      from,
      ...(typeof type === 'string' ? { messageType: type } : {}),
      reason: 'The AR message failed validation',
      cause: parsed.error,
    },
  };
}
