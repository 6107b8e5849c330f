/**
 * Who is still in a call (VS-9): each participant's page sends a heartbeat while it is in the call
 * and says so when it leaves. A participant is present while beats arrive; one that said it left,
 * or whose beats stopped for {@link CallPresenceTiming.timeoutMs}, is away since then. When every
 * participant of one side (the customer, or the staff) who joined has been away for the grace
 * period, the call is abandoned and ends itself; a return within the grace period resumes the same
 * call. Pure: the server decides with it, the browser shows the countdown with it.
 */
export interface CallPresenceTiming {
  /** How often a page in the call says it is there (ms). */
  heartbeatMs: number;
  /** Beats missing this long count as gone (ms). */
  timeoutMs: number;
  /** How long a side may be away before the call ends as abandoned (ms). */
  graceMs: number;
}

/** The defaults: absence known within 5 s (a beat every 1.5 s, gone after 3.5 s), 60 s of grace. */
export const CALL_PRESENCE: CallPresenceTiming = { heartbeatMs: 1_500, timeoutMs: 3_500, graceMs: 60_000 };

/** One participant's record in a call, as the server keeps it (times in ms since the epoch). */
export interface CallAttendance {
  participantId: string;
  role: 'customer' | 'staff';
  /** The last beat. */
  lastSeenAt: number;
  /** When the participant said it left (closing the tab, hanging up), if it did after its last beat. */
  leftAt?: number | undefined;
}

/** A participant's presence at an instant: present, or away since when. */
export type Presence = { present: true } | { present: false; since: number };

/**
 * Whether a participant is present at `now`.
 * @example
 * presenceAt({ participantId: 'p', role: 'customer', lastSeenAt: 0 }, 5_000); // { present: false, since: 0 }
 */
export function presenceAt(
  attendance: CallAttendance,
  now: number,
  timing: CallPresenceTiming = CALL_PRESENCE,
): Presence {
  if (attendance.leftAt !== undefined && attendance.leftAt >= attendance.lastSeenAt)
    return { present: false, since: attendance.leftAt };
  if (now - attendance.lastSeenAt > timing.timeoutMs) return { present: false, since: attendance.lastSeenAt };
  return { present: true };
}

/**
 * When the call counts as abandoned: the first instant at which every participant of one side has
 * been away for the grace period (`undefined` while each side that joined has someone present).
 * Compare with `now` to decide; a side nobody of has joined yet does not abandon the call.
 * @example
 * abandonedAt([customerGoneAt0, staffHere], 10_000); // 60_000 — unless the customer returns
 */
export function abandonedAt(
  attendances: readonly CallAttendance[],
  now: number,
  timing: CallPresenceTiming = CALL_PRESENCE,
): number | undefined {
  let at: number | undefined;
  for (const role of ['customer', 'staff'] as const) {
    const side = attendances.filter((a) => a.role === role);
    if (side.length === 0) continue;
    const presences = side.map((a) => presenceAt(a, now, timing));
    if (presences.some((p) => p.present)) continue;
    // The side is gone since its last member left.
    const since = Math.max(...presences.map((p) => (p.present ? now : p.since)));
    const ends = since + timing.graceMs;
    at = at === undefined ? ends : Math.min(at, ends);
  }
  return at;
}
