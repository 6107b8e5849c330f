import type { DataMessageSchema } from './data-message.js';
import type { CallRole, DataMessage, MediaTransport } from './media-transport.js';
import type { NegotiationCounters } from './perfect-negotiation.js';
import type { ReconnectPolicy } from './reconnect-policy.js';
import type { SignalingChannel } from './signaling.js';

/** Timer functions, injectable so reconnect logic runs on a test clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The browser's timers. */
export const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** I/O the peer-to-peer transport uses; every field defaults to the browser's. */
export interface P2PTransportDeps {
  readonly getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  readonly createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection;
  /** Whether this device is a phone (customers on phones start on the rear camera). */
  readonly isPhone?: () => boolean;
  readonly timers?: Timers;
  /** A new random incarnation id (one per join and per replaced connection). */
  readonly newInstanceId?: () => string;
}

/** Options of `createP2PTransport`. */
export interface P2PTransportOptions<M extends DataMessage = DataMessage> {
  /** This participant's id (the `from` of every signal it sends). */
  readonly participantId: string;
  /** The other participant's id, when known up front: signals from anyone else are then ignored. */
  readonly peerId?: string;
  readonly signaling: SignalingChannel;
  readonly role: CallRole;
  /** Send the camera from the start. Default: `false` for staff (VS-9), `true` for customers. */
  readonly camera?: boolean;
  /** Start with the microphone unmuted. Default `true`. */
  readonly microphone?: boolean;
  /** Schema of the data messages; the default accepts any `{ type: string }`. */
  readonly messageSchema?: DataMessageSchema<M>;
  /** ICE servers etc. Default: no servers (host candidates only, enough on one network). */
  readonly rtcConfiguration?: RTCConfiguration;
  readonly reconnect?: ReconnectPolicy;
  readonly deps?: P2PTransportDeps;
}

/** Diagnostics of a peer-to-peer transport, for tests and support tooling. Not a stable API. */
export interface P2PDiagnostics {
  readonly peerConnection: RTCPeerConnection | undefined;
  readonly polite: boolean | undefined;
  /** Whether this side makes the first offer on a new connection (the impolite side). */
  readonly initiator: boolean | undefined;
  readonly negotiation: Readonly<NegotiationCounters> | undefined;
  /** ICE restarts performed so far. */
  readonly iceRestarts: number;
  /** Connections replaced because their ICE made no progress during setup. */
  readonly rebuilds: number;
  /** This side's current incarnation, and the peer's it is paired with. */
  readonly instance: string | undefined;
  readonly peerInstance: string | undefined;
  /** Signals dropped because they were meant for, or came from, another incarnation. */
  readonly staleSignals: number;
  /** Put raw text on the data channel, bypassing validation (to test the receiving side). */
  sendRaw(text: string): void;
  /**
   * Simulate a network drop on this side: treat ICE as `disconnected` and hold ICE candidates in both
   * directions for `holdCandidatesMs`, so recovery has to go through a real ICE restart (new credentials,
   * new offer/answer, new candidates). The existing network path itself is not cut.
   */
  simulateDrop(options?: { holdCandidatesMs?: number }): void;
}

/** A peer-to-peer {@link MediaTransport} with its diagnostics. */
export interface P2PTransport<M extends DataMessage = DataMessage> extends MediaTransport<M> {
  readonly diagnostics: P2PDiagnostics;
}
