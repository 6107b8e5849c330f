import type { CallPhase, ConnectionState } from '../../shared/sdk.js';
import type { callTerms } from '../call-translations.js';
import type { Absence } from '../presence/presence-status.js';
import type { PresenceTerms } from '../presence/presence-translations.js';

/** Everything the call's one status line is made from. */
export interface StatusInputs {
  ended: boolean;
  phase: CallPhase | undefined;
  /** The side that was away last (who an abandoned call waited for). */
  lastAway: 'customer' | 'staff' | undefined;
  absence: Absence | undefined;
  failure: string | undefined;
  /** A problem from the server, already in words. */
  problem: string | undefined;
  connection: ConnectionState | undefined;
}

/**
 * The call's one status line (a live region): the first that applies of — ended (and why), a
 * device or permission failure, a problem, the other side away (with the countdown), starting, the
 * connection's state.
 */
export function statusLine(s: StatusInputs, t: (typeof callTerms)['en'], pt: PresenceTerms): string {
  if (s.ended && s.phase?.phase === 'ended' && s.phase.reason === 'abandoned')
    return s.lastAway ? pt.abandoned(pt.who[s.lastAway]) : pt.abandonedNobody;
  if (s.ended) return t.callEnded;
  if (s.failure === 'unavailable') return t.callUnavailable;
  if (s.failure === 'permission-denied') return t.permissionDenied;
  if (s.failure === 'device-not-found') return t.deviceNotFound;
  if (s.failure === 'device-in-use') return t.deviceInUse;
  if (s.failure === 'signaling-blocked' && s.connection !== 'connected') return t.signalingBlocked;
  if (s.problem) return s.problem;
  if (s.absence) return pt.away(pt.who[s.absence.role], s.absence.secondsLeft);
  if (s.phase?.phase === 'starting') return t.callStarting;
  if (s.phase?.phase === 'failed') return t.connection.failed;
  return t.connection[s.connection ?? 'idle'];
}
