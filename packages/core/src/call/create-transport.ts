import { CallError, type CallResult, fail, ok } from './call-error.js';
import type { DataMessageSchema } from './data-message.js';
import type { LiveKitTransportOptions } from './livekit-transport.js';
import type { CallRole, DataMessage, MediaTransport } from './media-transport.js';
import { createP2PTransport, type P2PTransportDeps } from './p2p-transport.js';
import type { ReconnectPolicy } from './reconnect-policy.js';
import type { SignalingChannel } from './signaling.js';

/** The LiveKit transport's module (loaded once: by a LiveKit call, or ahead of it by preloadCall). */
export const loadLiveKitTransport = () => import('./livekit-transport.js');

/**
 * How a call's media travels, as the server describes it when a call starts: peer-to-peer (the
 * embedded default, signaled through the Sightline server) or through a LiveKit server.
 */
export type MediaConfig =
  | { readonly transport: 'p2p'; readonly rtcConfiguration?: RTCConfiguration }
  | { readonly transport: 'livekit'; readonly url: string; readonly token: string };

/** Who joins and with what; shared by both transports. */
export interface TransportDeps<M extends DataMessage = DataMessage> {
  readonly participantId: string;
  readonly role: CallRole;
  /** Required for `p2p`: how negotiation reaches the peer. */
  readonly signaling?: SignalingChannel;
  /** For `p2p`: the expected peer; signals from anyone else are ignored. */
  readonly peerId?: string;
  readonly camera?: boolean;
  readonly microphone?: boolean;
  readonly messageSchema?: DataMessageSchema<M>;
  readonly reconnect?: ReconnectPolicy;
  /** Injected I/O for the peer-to-peer transport. */
  readonly p2p?: P2PTransportDeps;
  /** Injected I/O for the LiveKit transport. */
  readonly livekit?: LiveKitTransportOptions<M>['deps'];
}

/**
 * Create the {@link MediaTransport} a media configuration asks for. The LiveKit implementation (and
 * through it livekit-client) is loaded with a dynamic `import()` only when chosen, so apps that use
 * peer-to-peer calls never download it.
 * @example
 * const created = await createTransport({ transport: 'p2p' }, { participantId, peerId, role: 'customer', signaling });
 * if (!created.ok) return showError(created.error.code);
 * await created.value.join();
 */
export async function createTransport<M extends DataMessage = DataMessage>(
  media: MediaConfig,
  deps: TransportDeps<M>,
): Promise<CallResult<MediaTransport<M>>> {
  const shared = {
    role: deps.role,
    ...(deps.camera === undefined ? {} : { camera: deps.camera }),
    ...(deps.microphone === undefined ? {} : { microphone: deps.microphone }),
    ...(deps.messageSchema === undefined ? {} : { messageSchema: deps.messageSchema }),
  };
  if (media.transport === 'p2p') {
    if (!deps.signaling) {
      return fail(new CallError('signaling-failed', 'A peer-to-peer call needs a signaling channel'));
    }
    return ok(
      createP2PTransport<M>({
        ...shared,
        participantId: deps.participantId,
        signaling: deps.signaling,
        ...(deps.peerId === undefined ? {} : { peerId: deps.peerId }),
        ...(media.rtcConfiguration === undefined ? {} : { rtcConfiguration: media.rtcConfiguration }),
        ...(deps.reconnect === undefined ? {} : { reconnect: deps.reconnect }),
        ...(deps.p2p === undefined ? {} : { deps: deps.p2p }),
      }),
    );
  }
  try {
    const { createLiveKitTransport } = await loadLiveKitTransport();
    return ok(
      createLiveKitTransport<M>({
        ...shared,
        url: media.url,
        token: media.token,
        ...(deps.livekit === undefined ? {} : { deps: deps.livekit }),
      }),
    );
  } catch (cause) {
    return fail(new CallError('unsupported', 'Could not load the LiveKit transport', { cause }));
  }
}
