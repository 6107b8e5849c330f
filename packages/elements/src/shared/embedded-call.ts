import { html, type TemplateResult } from 'lit';
import type { CallEventDetail } from './events.js';
import type { Sightline } from './sdk.js';

/**
 * Whether the caller can take part in the session's call now: start it when the session is
 * confirmed, or join the running one (one call at a time: whoever may end the running call takes
 * part in it). `actions` are the lifecycle events the shared rules allow (`SessionController.actions$`).
 */
export function mayTakePartInCall(status: string, actions: ReadonlySet<string>): boolean {
  return (
    (status === 'confirmed' && actions.has('start-call')) || (status === 'running' && actions.has('end-call'))
  );
}

/**
 * The `<sightline-video-call>` the request flow and the inbox embed once a call starts (the host
 * imports its module on demand first). `onEnd` runs when the call ends on either side.
 */
export function embeddedCall(
  side: 'staff' | 'customer',
  sessionId: string,
  sdk: Sightline | undefined,
  onEnd: (e: CustomEvent<CallEventDetail>) => void,
): TemplateResult {
  return html`<sightline-video-call
    part="call"
    role-in-call=${side}
    autostart
    session-id=${sessionId}
    .sightline=${sdk}
    @sightline-call-end=${onEnd}
  ></sightline-video-call>`;
}
