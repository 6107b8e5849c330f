import type { Observable } from 'rxjs';
import type { CallPhase } from '../call/call-phase';
import type { MediaTransport } from '../call/media-transport';
import type { CallPresenceView } from './call-presence';
import type { Result } from './result';

export type { CallEndReason, CallPhase } from '../call/call-phase';

/**
 * A call under one session, from this side (VS-8, VS-9, VS-14): starts (or joins the active) call
 * through the API, creates the media transport the server chose (peer-to-peer, or LiveKit loaded on
 * demand) and ends it.
 *
 * @example
 * const call = sightline.call(sessionId);
 * const { error } = await call.start();
 * call.transport$.subscribe((t) => t?.remoteStream$.subscribe((s) => (video.srcObject = s)));
 */
export interface CallSession {
  readonly sessionId: string;
  readonly phase$: Observable<CallPhase>;
  /** The live transport while in a call (`undefined` otherwise). */
  readonly transport$: Observable<MediaTransport | undefined>;
  /**
   * The other participants' presence while in a call (VS-9): who is there, and when the call ends
   * as abandoned unless the side that is gone returns; `undefined` outside a call.
   */
  readonly presence$: Observable<CallPresenceView | undefined>;
  /** Mirrored view (VS-14; staff only by the permission rules). */
  readonly mirrored$: Observable<boolean>;
  setMirrored(mirrored: boolean): void;
  /**
   * Starts a call, or joins the one already running under the session. A `start()` while one is
   * under way shares it: both resolve with its result.
   */
  start(): Promise<Result<{ callId: string }>>;
  /**
   * Leaves the media and ends the call on the server. A call still starting ends on the server as
   * soon as the server has answered the start, and this side leaves it once its media have joined.
   */
  end(): Promise<Result<void>>;
  /**
   * Leaves the media without ending the call (VS-9): camera, microphone, connection and signal
   * stream are released, and the other side sees this side gone; `start()` rejoins while the call
   * runs. A call still starting is left as soon as it has joined. `Sightline.destroy()` leaves
   * every call this way.
   */
  leave(): Promise<void>;
}
