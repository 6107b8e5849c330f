import type { Observable } from 'rxjs';
import * as z from '../validate/index.js';
import type { CallError, CallResult } from './call-error.js';

/**
 * Where a call's media connection stands. `reconnecting` means media was up and is being recovered
 * (ICE restart or SFU reconnect) without leaving the call (VS-9); `failed` means recovery gave up.
 */
export const ConnectionState = {
  idle: 'idle',
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  disconnected: 'disconnected',
  failed: 'failed',
} as const;

/** One of {@link ConnectionState}'s values. */
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/** Who is on this end of a support call. Staff start with the camera off (VS-9). */
export type CallRole = 'staff' | 'customer';

/** The capture device kinds that can be switched during a call. */
export type CaptureKind = 'audioinput' | 'videoinput';

/**
 * The smallest shape every data message has: a non-empty `type` to discriminate on. Domain schemas
 * (AR strokes, markers, chat) refine it; pass such a schema as `messageSchema` to a transport.
 */
export const dataMessageSchema = z.looseObject({ type: z.string().check(z.minLength(1)) });

/** A data message carried reliably and in order between call participants. */
export type DataMessage = z.infer<typeof dataMessageSchema>;

/** A validated data message with the id of the participant who sent it. */
export interface ReceivedMessage<M extends DataMessage = DataMessage> {
  readonly from: string;
  readonly message: M;
}

/** What the local side is capturing and sending. */
export interface LocalMediaState {
  readonly microphoneEnabled: boolean;
  readonly cameraEnabled: boolean;
  /** The chosen microphone, when one was chosen explicitly. */
  readonly audioDeviceId?: string;
  /** The chosen camera, when one was chosen explicitly. */
  readonly videoDeviceId?: string;
}

/** A cheap snapshot of connection quality, read from `getStats()` (fields absent when unknown). */
export interface CallStats {
  /** Round-trip time of the selected candidate pair, in seconds. */
  readonly roundTripTime?: number;
  /** Video frames decoded from the remote side so far. */
  readonly framesDecoded?: number;
  /** Video frames received per second from the remote side. */
  readonly framesPerSecond?: number;
  readonly bytesReceived?: number;
  readonly bytesSent?: number;
}

/**
 * A call's media: local capture, the remote participant's media, reliable typed data messages and the
 * connection state. Implemented peer-to-peer (`createP2PTransport`) and over LiveKit
 * (`createLiveKitTransport`); pick one with `createTransport`.
 *
 * Observables replay their current value to new subscribers. Nothing throws for an expected failure:
 * operations return a {@link CallResult}, and failures that happen on their own (a malformed incoming
 * message, a signaling error) are emitted on `errors$`.
 * @example
 * const transport = await createTransport({ transport: 'p2p' }, { participantId, peerId, signaling, role: 'staff' });
 * transport.remoteStream$.subscribe((stream) => { video.srcObject = stream; });
 * transport.messages$.subscribe(({ from, message }) => console.log(from, message.type));
 * const joined = await transport.join();
 * if (!joined.ok) showError(joined.error.code);
 * transport.send({ type: 'chat', text: 'Hello' });
 */
export interface MediaTransport<M extends DataMessage = DataMessage> {
  /** Acquire local media and start connecting. Resolves once connecting has begun, not once connected. */
  join(): Promise<CallResult>;
  /** Leave the call: tell the peer, stop every local track, close the connection. Idempotent. */
  leave(): Promise<void>;
  readonly connectionState$: Observable<ConnectionState>;
  /** The local preview (what is being sent); `null` before `join()` and after `leave()`. */
  readonly localStream$: Observable<MediaStream | null>;
  /** The remote participant's media; `null` until the first remote track arrives. */
  readonly remoteStream$: Observable<MediaStream | null>;
  readonly localMedia$: Observable<LocalMediaState>;
  /** Mute or unmute the microphone (the track stays, so unmuting is instant). */
  setMicrophoneEnabled(enabled: boolean): Promise<CallResult>;
  /** Start or stop sending the camera; stopping releases the camera (its light goes off). */
  setCameraEnabled(enabled: boolean): Promise<CallResult>;
  /** Switch to another microphone or camera, by `deviceId` from `enumerateDevices()`. */
  switchDevice(kind: CaptureKind, deviceId: string): Promise<CallResult>;
  /**
   * Send a data message reliably and in order. Validated before sending; queued while the channel is
   * not yet open (or being recovered).
   */
  send(message: M): CallResult;
  /** Validated data messages from the other participant(s). Invalid ones are dropped and reported on `errors$`. */
  readonly messages$: Observable<ReceivedMessage<M>>;
  /** Failures that were not the answer to a call of yours: bad incoming data, signaling trouble, give-ups. */
  readonly errors$: Observable<CallError>;
  /** A cheap connection-quality snapshot. */
  stats(): Promise<CallStats>;
}
