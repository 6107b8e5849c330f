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

let callCode: Promise<unknown> | undefined;
/** The call element's code has loaded. */
let callCodeLoaded = false;

/** The call element's code (the call's chunk), loaded once; a failed load is tried again next time. */
export function loadCall(): Promise<unknown> {
  callCode ??= import('../video-call/video-call.js').then(
    () => {
      callCodeLoaded = true;
    },
    (error: unknown) => {
      callCode = undefined;
      throw error;
    },
  );
  return callCode;
}

/**
 * "Start call" (or "Join call") for the call of session `sessionId`. Once a page offers it, the
 * call's code loads (issue 13): the element's chunk, and what the SDK needs to join (livekit-client
 * where calls use LiveKit), so pressing it waits for the media only (each load took 0.1–0.25 s on
 * the benchmark machine). The press starts the SDK's call at once, before `onClick` has the host
 * show the call element (that render took 20–80 ms ahead of the server's answer); the element's own
 * start shares it. Before the call's code is here, the element starts the call once it has loaded.
 */
export function startCallButton(
  label: string,
  sessionId: string,
  sdk: Sightline | undefined,
  onClick: () => void,
): TemplateResult {
  loadCall().catch(() => undefined); // a failure shows when Start is pressed
  sdk?.preloadCall();
  const press = () => {
    if (callCodeLoaded && sdk && sessionId) void sdk.call(sessionId).start();
    onClick();
  };
  return html`<button class="primary" data-action="start-call" @click=${press}>${label}</button>`;
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
