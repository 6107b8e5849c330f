import { BehaviorSubject, distinctUntilChanged, Subject, type Subscription } from 'rxjs';
import { CallError, type CallResult, fail, ok } from './call-error.js';
import { type DataMessageSchema, decodeDataMessage, encodeDataMessage } from './data-message.js';
import { audioConstraints, looksLikePhone, videoConstraints } from './local-media.js';
import {
  type CallRole,
  type CaptureKind,
  type ConnectionState,
  type DataMessage,
  dataMessageSchema,
  type LocalMediaState,
  type MediaTransport,
  type ReceivedMessage,
} from './media-transport.js';
import {
  attachPerfectNegotiation,
  isPolite,
  type NegotiationCounters,
  type PerfectNegotiation,
} from './perfect-negotiation.js';
import { exponentialBackoff, type ReconnectPolicy } from './reconnect-policy.js';
import type { SignalingChannel, SignalMessage, SignalPayload } from './signaling.js';
import { type StatsEntry, summarizeStats } from './stats.js';

/** Timer functions, injectable so reconnect logic runs on a test clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** I/O the peer-to-peer transport uses; every field defaults to the browser's. */
export interface P2PTransportDeps {
  readonly getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  readonly createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection;
  /** Whether this device is a phone (customers on phones start on the rear camera). */
  readonly isPhone?: () => boolean;
  readonly timers?: Timers;
}

/** Options of {@link createP2PTransport}. */
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
  readonly negotiation: Readonly<NegotiationCounters> | undefined;
  /** ICE restarts performed so far. */
  readonly iceRestarts: number;
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

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};
const OUTBOX_LIMIT = 1_000;

/**
 * One-to-one WebRTC without a media server, signaled through a {@link SignalingChannel}. Uses perfect
 * negotiation (roles from the participant ids), sends audio and video on transceivers created up front
 * (toggling the camera replaces the sender's track, never renegotiates), carries data messages on one
 * ordered, reliable, pre-negotiated data channel, and recovers from network drops with ICE restarts
 * under a backoff policy, reporting `reconnecting` meanwhile (VS-9).
 * @example
 * const transport = createP2PTransport({ participantId: me, peerId: them, signaling, role: 'customer' });
 * transport.connectionState$.subscribe((s) => console.log('call', s));
 * const joined = await transport.join();
 * if (!joined.ok) return showError(joined.error.code);
 * await transport.setMicrophoneEnabled(false);
 */
export function createP2PTransport<M extends DataMessage = DataMessage>(
  options: P2PTransportOptions<M>,
): P2PTransport<M> {
  const { participantId, signaling, role } = options;
  const schema = (options.messageSchema ?? dataMessageSchema) as DataMessageSchema<M>;
  const policy = options.reconnect ?? exponentialBackoff();
  const timers = options.deps?.timers ?? defaultTimers;
  const getUserMedia =
    options.deps?.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints));
  const createPeerConnection =
    options.deps?.createPeerConnection ?? ((configuration) => new RTCPeerConnection(configuration));
  const isPhone = options.deps?.isPhone ?? (() => looksLikePhone(navigator));

  const state$ = new BehaviorSubject<ConnectionState>('idle');
  const local$ = new BehaviorSubject<MediaStream | null>(null);
  const remote$ = new BehaviorSubject<MediaStream | null>(null);
  const media$ = new BehaviorSubject<LocalMediaState>({
    microphoneEnabled: options.microphone ?? true,
    cameraEnabled: options.camera ?? role === 'customer',
  });
  const messages$ = new Subject<ReceivedMessage<M>>();
  const errors$ = new Subject<CallError>();

  let phase: 'idle' | 'joined' | 'left' = 'idle';
  let peerId = options.peerId;
  let audioTrack: MediaStreamTrack | undefined;
  let videoTrack: MediaStreamTrack | undefined;
  let pc: RTCPeerConnection | undefined;
  let channel: RTCDataChannel | undefined;
  let negotiation: PerfectNegotiation | undefined;
  let audioSender: RTCRtpSender | undefined;
  let videoSender: RTCRtpSender | undefined;
  let remoteTracks: MediaStreamTrack[] = [];
  let everConnected = false;
  let signalSubscription: Subscription | undefined;
  let inbound = Promise.resolve();
  const outbox: string[] = [];
  // Reconnect bookkeeping.
  let attempt = 0;
  let retryTimer: unknown;
  let simulatedDown = false;
  let iceRestarts = 0;

  const setState = (next: ConnectionState) => state$.next(next);
  const report = (error: CallError) => errors$.next(error);
  const updateMedia = (patch: Partial<LocalMediaState>) => media$.next({ ...media$.value, ...patch });
  const publishLocal = () => {
    const tracks = [audioTrack, videoTrack].filter((t): t is MediaStreamTrack => t !== undefined);
    local$.next(phase === 'joined' ? new MediaStream(tracks) : null);
  };

  function signal(payload: SignalPayload): void {
    if (phase !== 'joined') return;
    const message: SignalMessage = { from: participantId, payload };
    signaling.send(message).catch((cause) => {
      report(new CallError('signaling-failed', `Could not send a ${payload.kind} signal`, { cause }));
    });
  }

  async function capture(video: boolean, audio: boolean): Promise<CallResult<MediaStream>> {
    const { videoDeviceId, audioDeviceId } = media$.value;
    try {
      return ok(
        await getUserMedia({
          audio: audio ? audioConstraints(audioDeviceId) : false,
          video: video ? videoConstraints({ role, isPhone: isPhone(), deviceId: videoDeviceId }) : false,
        }),
      );
    } catch (cause) {
      return fail(CallError.fromMediaError(cause));
    }
  }

  function openPeerConnection(peer: string): void {
    closePeerConnection();
    const connection = createPeerConnection(options.rtcConfiguration ?? {});
    pc = connection;
    everConnected = false;
    attempt = 0;
    // Our own send-only transceivers, created before any negotiation: the peer receives them on
    // transceivers of its own, so each side's camera toggle is a replaceTrack() and never renegotiates.
    const sendStream = new MediaStream();
    audioSender = connection.addTransceiver(audioTrack ?? 'audio', {
      direction: 'sendonly',
      streams: [sendStream],
    }).sender;
    videoSender = connection.addTransceiver(videoTrack ?? 'video', {
      direction: 'sendonly',
      streams: [sendStream],
    }).sender;
    channel = connection.createDataChannel('sightline', { negotiated: true, id: 0, ordered: true });
    const dc = channel;
    dc.addEventListener('open', () => {
      for (const text of outbox.splice(0)) dc.send(text);
    });
    dc.addEventListener('message', (event: MessageEvent) => {
      const decoded = decodeDataMessage(event.data, schema);
      if (decoded.ok) messages$.next({ from: peer, message: decoded.value });
      else report(decoded.error);
    });
    connection.addEventListener('track', ({ track }) => {
      remoteTracks = [...remoteTracks.filter((t) => t.kind !== track.kind), track];
      remote$.next(new MediaStream(remoteTracks));
    });
    connection.addEventListener('iceconnectionstatechange', evaluate);
    connection.addEventListener('signalingstatechange', evaluate);
    negotiation = attachPerfectNegotiation(connection, {
      polite: isPolite(participantId, peer),
      signal,
      onError: report,
    });
    setState('connecting');
  }

  function closePeerConnection(): void {
    timers.clearTimeout(retryTimer);
    retryTimer = undefined;
    simulatedDown = false;
    negotiation?.dispose();
    channel?.close();
    pc?.close();
    pc = channel = negotiation = audioSender = videoSender = undefined;
    remoteTracks = [];
    remote$.next(null);
  }

  /** Fold the peer connection's ICE and signaling state into the call's connection state. */
  function evaluate(): void {
    if (!pc || phase !== 'joined') return;
    const ice = simulatedDown ? 'disconnected' : pc.iceConnectionState;
    const restarting = state$.value === 'reconnecting' && pc.signalingState !== 'stable';
    if ((ice === 'connected' || ice === 'completed') && !restarting) {
      everConnected = true;
      attempt = 0;
      timers.clearTimeout(retryTimer);
      retryTimer = undefined;
      setState('connected');
    } else if (
      (ice === 'disconnected' || ice === 'failed') &&
      retryTimer === undefined &&
      state$.value !== 'failed'
    ) {
      if (everConnected) setState('reconnecting');
      scheduleRestart(ice === 'failed' ? 0 : policy.disconnectedGraceMs);
    }
  }

  function scheduleRestart(delayMs: number): void {
    retryTimer = timers.setTimeout(() => {
      if (!pc || phase !== 'joined') return;
      if (attempt >= policy.maxAttempts) {
        retryTimer = undefined;
        setState('failed');
        report(
          new CallError('connection-failed', `Media connection not recovered after ${attempt} ICE restarts`),
        );
        return;
      }
      iceRestarts += 1;
      // An ICE restart gathers candidates with fresh credentials over the current network; the
      // negotiationneeded it fires goes through perfect negotiation like any other offer.
      pc.restartIce();
      scheduleRestart(policy.delayMs(attempt++));
    }, delayMs);
  }

  function onSignal(message: SignalMessage): void {
    if (message.from === participantId || phase !== 'joined') return;
    if (peerId !== undefined && message.from !== peerId) return; // one-to-one: ignore third parties
    const { payload } = message;
    if (payload.kind === 'hello') {
      // Peer connections are only ever created here, on learning of the peer. A peer sends exactly one
      // unsolicited hello per join, so one arriving while we hold a connection means it started over
      // (e.g. a page reload without a bye): our connection is stale and is replaced.
      peerId = message.from;
      if (!payload.reply) signal({ kind: 'hello', reply: true });
      if (!pc || !payload.reply) openPeerConnection(message.from);
    } else if (payload.kind === 'bye') {
      closePeerConnection();
      setState('disconnected');
    } else if (negotiation) {
      // The channel is ordered and a peer replies hello before it negotiates, so a description or
      // candidate without a connection is a leftover of a previous one and is dropped.
      const target = negotiation;
      // Serialize: a candidate must not overtake the description it belongs to.
      inbound = inbound.then(() => target.handle(payload));
    }
  }

  function stopLocalTracks(): void {
    audioTrack?.stop();
    videoTrack?.stop();
    audioTrack = videoTrack = undefined;
  }

  const transport: P2PTransport<M> = {
    async join() {
      if (phase === 'joined') return ok();
      if (phase === 'left')
        return fail(new CallError('not-joined', 'This transport has left; create a new one'));
      if (typeof RTCPeerConnection === 'undefined' && !options.deps?.createPeerConnection) {
        return fail(new CallError('unsupported', 'WebRTC is not available in this browser'));
      }
      const captured = await capture(media$.value.cameraEnabled, true);
      if (!captured.ok) return captured;
      audioTrack = captured.value.getAudioTracks()[0];
      videoTrack = captured.value.getVideoTracks()[0];
      if (audioTrack) audioTrack.enabled = media$.value.microphoneEnabled;
      phase = 'joined';
      publishLocal();
      setState('connecting');
      // Listen first (a channel may deliver at once), but handle what arrives only after our own
      // hello is out: the peer then sees our hello before any reply of ours and never takes it for
      // a restart.
      const held: SignalMessage[] = [];
      let holding = true;
      signalSubscription = signaling.messages$.subscribe((message) => {
        if (holding) held.push(message);
        else onSignal(message);
      });
      signalSubscription.add(signaling.errors$.subscribe(report));
      signal({ kind: 'hello' });
      holding = false;
      for (const message of held.splice(0)) onSignal(message);
      return ok();
    },

    async leave() {
      if (phase !== 'joined') {
        phase = 'left';
        return;
      }
      signal({ kind: 'bye' });
      phase = 'left';
      signalSubscription?.unsubscribe();
      closePeerConnection();
      stopLocalTracks();
      outbox.length = 0;
      local$.next(null);
      setState('disconnected');
    },

    connectionState$: state$.pipe(distinctUntilChanged()),
    localStream$: local$.asObservable(),
    remoteStream$: remote$.asObservable(),
    localMedia$: media$.asObservable(),
    messages$: messages$.asObservable(),
    errors$: errors$.asObservable(),

    async setMicrophoneEnabled(enabled) {
      // Muting flips `enabled` (silence is sent, the device stays open) so unmuting is instant.
      if (audioTrack) audioTrack.enabled = enabled;
      updateMedia({ microphoneEnabled: enabled });
      return ok();
    },

    async setCameraEnabled(enabled) {
      if (phase !== 'joined') {
        if (phase === 'left') return fail(new CallError('not-joined', 'The call was left'));
        updateMedia({ cameraEnabled: enabled }); // applies at join()
        return ok();
      }
      if (enabled === (videoTrack !== undefined)) return ok();
      if (enabled) {
        const captured = await capture(true, false);
        if (!captured.ok) return captured;
        if (phase !== 'joined') {
          for (const t of captured.value.getTracks()) t.stop();
          return fail(new CallError('not-joined', 'The call was left'));
        }
        videoTrack = captured.value.getVideoTracks()[0];
      } else {
        videoTrack?.stop();
        videoTrack = undefined;
      }
      await videoSender?.replaceTrack(videoTrack ?? null);
      updateMedia({ cameraEnabled: enabled });
      publishLocal();
      return ok();
    },

    async switchDevice(kind: CaptureKind, deviceId: string) {
      const isVideo = kind === 'videoinput';
      const previous = isVideo ? media$.value.videoDeviceId : media$.value.audioDeviceId;
      updateMedia(isVideo ? { videoDeviceId: deviceId } : { audioDeviceId: deviceId });
      if (phase !== 'joined' || (isVideo && !videoTrack)) return ok(); // used on the next capture
      const captured = await capture(isVideo, !isVideo);
      if (!captured.ok) {
        updateMedia(isVideo ? { videoDeviceId: previous } : { audioDeviceId: previous });
        return captured;
      }
      const track = (isVideo ? captured.value.getVideoTracks() : captured.value.getAudioTracks())[0];
      if (!track || phase !== 'joined') {
        track?.stop();
        return phase === 'joined' ? ok() : fail(new CallError('not-joined', 'The call was left'));
      }
      if (isVideo) {
        videoTrack?.stop();
        videoTrack = track;
        await videoSender?.replaceTrack(track);
      } else {
        track.enabled = media$.value.microphoneEnabled;
        audioTrack?.stop();
        audioTrack = track;
        await audioSender?.replaceTrack(track);
      }
      publishLocal();
      return ok();
    },

    send(message) {
      if (phase !== 'joined')
        return fail(new CallError('not-joined', 'Join the call before sending messages'));
      const encoded = encodeDataMessage(message, schema);
      if (!encoded.ok) return encoded;
      if (channel?.readyState === 'open') {
        try {
          channel.send(encoded.value);
          return ok();
        } catch (cause) {
          return fail(new CallError('connection-failed', 'The data channel refused the message', { cause }));
        }
      }
      if (outbox.length >= OUTBOX_LIMIT) {
        return fail(new CallError('connection-failed', 'Too many messages waiting for the connection'));
      }
      outbox.push(encoded.value);
      return ok();
    },

    async stats() {
      if (!pc) return {};
      const report = await pc.getStats();
      return summarizeStats(report.values() as Iterable<StatsEntry>);
    },

    diagnostics: {
      get peerConnection() {
        return pc;
      },
      get polite() {
        return peerId === undefined ? undefined : isPolite(participantId, peerId);
      },
      get negotiation() {
        return negotiation?.counters;
      },
      get iceRestarts() {
        return iceRestarts;
      },
      sendRaw(text) {
        channel?.send(text);
      },
      simulateDrop({ holdCandidatesMs = 1_500 } = {}) {
        if (!pc || !negotiation) return;
        const held = negotiation;
        held.holdCandidates(true);
        simulatedDown = true;
        evaluate();
        timers.setTimeout(() => {
          simulatedDown = false;
          held.holdCandidates(false);
          evaluate();
        }, holdCandidatesMs);
      },
    },
  };
  return transport;
}
