import type { ReactiveControllerHost } from 'lit';
import { ObserveController } from '../shared/observe-controller.js';
import type {
  CallPhase,
  CallPresenceView,
  CallSession,
  MediaTransport,
  Sightline,
  WireSession,
} from '../shared/sdk.js';

/** What the call element does when the SDK's call of its session changes. */
export interface SessionCallOptions {
  /** The call this element saw starting or running has ended. */
  ended(): void;
  /** The other participants' presence (VS-9). */
  presence(view: CallPresenceView | undefined): void;
  /** The other side's video is mirrored, or no longer (VS-14). */
  mirrored(mirrored: boolean): void;
}

/**
 * The SDK's call of a session, for the call element in session mode (VS-8, VS-9): `sightline.call(id)`
 * and what it shows — its phase, transport, the others' presence and the mirror — and the session
 * itself, which carries the caller's capabilities and says whether its call already runs.
 */
export class SessionCall {
  /** The SDK's call session (`undefined` without an SDK instance and a session id). */
  call: CallSession | undefined;
  /** The session: it carries the caller's capabilities, as the server computed them. */
  readonly #session: ObserveController<WireSession | undefined>;
  readonly #phase: ObserveController<CallPhase>;
  readonly #transport: ObserveController<MediaTransport | undefined>;
  readonly #presence: ObserveController<CallPresenceView | undefined>;
  readonly #mirrored: ObserveController<boolean>;
  /** True once this element has seen its call starting or running (an SDK call session outlives a
   * call, so a new element can first see the `ended` phase of the session's previous call). */
  #sawCall = false;

  constructor(host: ReactiveControllerHost, on: SessionCallOptions) {
    this.#session = new ObserveController<WireSession | undefined>(host);
    this.#phase = new ObserveController<CallPhase>(host, (p) => {
      if (p.phase === 'starting' || p.phase === 'in-call') this.#sawCall = true;
      if (p.phase === 'ended' && this.#sawCall) {
        this.#sawCall = false;
        on.ended();
      }
    });
    this.#transport = new ObserveController<MediaTransport | undefined>(host);
    this.#presence = new ObserveController<CallPresenceView | undefined>(host, (v) => on.presence(v));
    this.#mirrored = new ObserveController<boolean>(host, (m) => on.mirrored(m));
  }

  /** Follows the call of `sessionId` (none without an SDK instance or a session id). */
  follow(sdk: Sightline | undefined, sessionId: string): void {
    this.call = sdk && sessionId ? sdk.call(sessionId) : undefined;
    this.#session.source = sdk && sessionId ? sdk.session(sessionId).state$ : undefined;
    this.#phase.source = this.call?.phase$;
    this.#transport.source = this.call?.transport$;
    this.#presence.source = this.call?.presence$;
    this.#mirrored.source = this.call?.mirrored$;
  }

  get session(): WireSession | undefined {
    return this.#session.value;
  }
  get phase(): CallPhase | undefined {
    return this.#phase.value;
  }
  /** The SDK call's transport while in a call. */
  get transport(): MediaTransport | undefined {
    return this.#transport.value;
  }
  /** The call's id for event details, once the call has one. */
  get callIdDetail(): { callId?: string } {
    const p = this.#phase.value;
    return p && 'callId' in p ? { callId: p.callId } : {};
  }
}
