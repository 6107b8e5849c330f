import type { Actor } from './access.js';
import { callHasEnded } from './call-ended.js';

/** Scores a rating may give: whole stars from 1 to 5 (MC-15). */
export const RATING_MIN_SCORE = 1;
export const RATING_MAX_SCORE = 5;
/** The longest comment a rating may carry, in UTF-16 code units (as `String.length` counts). */
export const RATING_MAX_COMMENT = 2000;

/** What the rating rule needs to know of a session. */
export interface RateableSession {
  organizationId: string;
  deviceId: string;
  /** Staff holding the session (VS-3). */
  assigneeIds: readonly string[];
  /** Calls of the session, in any order; only whether one has ended matters. */
  calls: readonly { endedAt?: string | Date | null | undefined }[];
}

/** Who gives a rating: the customer of the session's device, or a staff member holding it. */
export type Rater = { kind: 'customer'; id: string } | { kind: 'staff'; id: string };

/** Why a rating is refused: not one of the raters (`forbidden`), or no call has ended yet (`not-yet`). */
export type RatingRefusal = { code: 'forbidden' | 'not-yet'; reason: string };

export { callHasEnded };

/**
 * Who may rate a session (MC-15): its customer (the device's access code) and each staff member
 * holding it, once a call of it has ended. Who is checked first (`forbidden`), then when
 * (`not-yet`); rating once per rater is the store's rule (`already-rated`). Managers above the
 * holders see ratings but give none: they did not take part.
 * @example
 * const outcome = mayRate(actor, { organizationId, deviceId, assigneeIds, calls });
 * if (outcome.ok) store(outcome.rater);
 */
export function mayRate(
  actor: Actor,
  session: RateableSession,
): { ok: true; rater: Rater } | { ok: false; rejection: RatingRefusal } {
  const refuse = (code: RatingRefusal['code'], reason: string) =>
    ({ ok: false, rejection: { code, reason } }) as const;
  let rater: Rater | undefined;
  if (actor.kind === 'customer' && actor.organizationId === session.organizationId) {
    if (actor.deviceId === session.deviceId) rater = { kind: 'customer', id: actor.deviceId };
  } else if (actor.kind === 'staff' && actor.organizationId === session.organizationId) {
    if (session.assigneeIds.includes(actor.userId)) rater = { kind: 'staff', id: actor.userId };
  }
  if (!rater) {
    return refuse('forbidden', 'Only the customer and the staff holding this session may rate it.');
  }
  if (!callHasEnded(session)) {
    return refuse('not-yet', 'A session can be rated once its call has ended.');
  }
  return { ok: true, rater };
}
