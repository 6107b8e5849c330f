import type { Problem, WireSession } from './sdk.js';

/** `sightline-call-start` / `sightline-call-end` detail. */
export interface CallEventDetail {
  readonly sessionId: string;
  readonly callId?: string;
  /** On `sightline-call-end`: someone hung up, or one side was gone for the grace period (VS-9). */
  readonly reason?: 'hung-up' | 'abandoned';
}

/** `sightline-screenshot` detail: a screenshot was captured on this side and saved to the session (VS-11). */
export interface ScreenshotEventDetail {
  readonly screenshotId: string;
  readonly sessionId: string;
}

/** `sightline-invite` detail: an invitation to one session was made (VS-5). */
export interface InviteEventDetail {
  readonly sessionId: string;
  readonly inviteId: string;
  /** The link that signs the customer in for this session; a host app may send it its own way. */
  readonly link: string;
  readonly expiresAt: string;
}

/** The DOM events the elements dispatch (all bubble and are composed). */
export interface SightlineEventMap {
  /** A session shown by the element changed (created, confirmed, cancelled, …). */
  'sightline-session-change': CustomEvent<WireSession>;
  /** A call's media connected. */
  'sightline-call-start': CustomEvent<CallEventDetail>;
  /** A call ended (by this side or the other). */
  'sightline-call-end': CustomEvent<CallEventDetail>;
  /** A screenshot taken here was saved to the session (uploaded with its annotations so far). */
  'sightline-screenshot': CustomEvent<ScreenshotEventDetail>;
  /** An action failed; the detail is the RFC 9457 problem. */
  'sightline-error': CustomEvent<Problem>;
  /** A session was chosen from search results (MC-10). */
  'sightline-session-select': CustomEvent<{ readonly sessionId: string }>;
  /** An invitation link to a session was made (VS-5). */
  'sightline-invite': CustomEvent<InviteEventDetail>;
  /** A session's recordings were (re)loaded (VS-15): how many there are. */
  'sightline-recordings-change': CustomEvent<{ readonly sessionId: string; readonly count: number }>;
}

declare global {
  interface GlobalEventHandlersEventMap extends SightlineEventMap {}
}

/** Dispatches a typed Sightline event from `target` (bubbles, composed). */
export function emit<K extends keyof SightlineEventMap>(
  target: EventTarget,
  name: K,
  detail: SightlineEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
