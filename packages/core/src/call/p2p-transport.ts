import { BehaviorSubject, distinctUntilChanged, Subject, type Subscription } from 'rxjs';
import { CallError, fail, ok } from './call-error.js';
import type { DataMessageSchema } from './data-message.js';
import { onIceChange, onRestartDue, onSetupTimeout, setupState } from './ice-recovery.js';
import { randomInstanceId, routeSignal } from './incarnation.js';
import { looksLikePhone } from './local-media.js';
import {
  type ConnectionState,
  type DataMessage,
  dataMessageSchema,
  type LocalMediaState,
  type ReceivedMessage,
} from './media-transport.js';
import { createLocalCapture } from './p2p-capture.js';
import { openPeerLink, type PeerLink } from './p2p-connection.js';
import { createDataPath } from './p2p-data.js';
import { p2pDiagnostics } from './p2p-diagnostics.js';
import { defaultTimers, type P2PTransport, type P2PTransportOptions } from './p2p-options.js';
import { isPolite, type NegotiationPayload } from './perfect-negotiation.js';
import { exponentialBackoff } from './reconnect-policy.js';
import type { SignalMessage, SignalPayload } from './signaling.js';
import { type StatsEntry, summarizeStats } from './stats.js';

export type {
  P2PDiagnostics,
  P2PTransport,
  P2PTransportDeps,
  P2PTransportOptions,
  Timers,
} from './p2p-options.js';

/**
 * One-to-one WebRTC without a media server, signaled through a `SignalingChannel`.
 *
 * Call setup has no glare (VS-9): the impolite side (see `isPolite`) is the initiator and makes the
 * only first offer; the other side answers on the transceivers that offer created. Every join gets a
 * random incarnation id and signals name the incarnation they come from and are meant for, so
 * signals of an earlier page load (which the server replays to a rejoining participant) are ignored.
 * A connection whose ICE does not come up within `setupTimeoutMs` is replaced by the initiator; one
 * that drops later is recovered with ICE restarts under a backoff policy, reporting `reconnecting`
 * meanwhile. Later renegotiations use perfect negotiation. Toggling the camera replaces the sender's
 * track and never renegotiates; data messages travel on one ordered, reliable, pre-negotiated channel.
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
  const newInstanceId = options.deps?.newInstanceId ?? randomInstanceId;
  const createPeerConnection =
    options.deps?.createPeerConnection ?? ((configuration) => new RTCPeerConnection(configuration));

  const state$ = new BehaviorSubject<ConnectionState>('idle');
  const local$ = new BehaviorSubject<MediaStream | null>(null);
  const remote$ = new BehaviorSubject<MediaStream | null>(null);
  const media$ = new BehaviorSubject<LocalMediaState>({
    microphoneEnabled: options.microphone ?? true,
    cameraEnabled: options.camera ?? role === 'customer',
  });
  const messages$ = new Subject<ReceivedMessage<M>>();
  const errors$ = new Subject<CallError>();
  const data = createDataPath(schema, messages$, (error) => errors$.next(error));

  let phase: 'idle' | 'joined' | 'left' = 'idle';
  // Joined, and the camera and microphone still opening (see join()).
  let capturing = false;
  let peerId = options.peerId;
  let instance: string | undefined; // ours, new per join and per rebuild
  let peerInstance: string | undefined; // the peer's we are paired with
  let link: PeerLink | undefined;
  let remoteTracks: MediaStreamTrack[] = [];
  let signalSubscription: Subscription | undefined;
  let inbound = Promise.resolve();
  // Recovery bookkeeping.
  let linkConnected = false; // the current link reached ICE connected
  let everConnected = false; // some link of this call did
  let attempt = 0;
  let retryTimer: unknown;
  let setupTimer: unknown;
  let rebuildTimer: unknown;
  let setupRebuilds = 0;
  let simulatedDown = false;
  const counts = { iceRestarts: 0, rebuilds: 0, staleSignals: 0 };

  const setState = (next: ConnectionState) => state$.next(next);
  const report = (error: CallError) => errors$.next(error);
  const capture = createLocalCapture({
    role,
    getUserMedia:
      options.deps?.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints)),
    isPhone: options.deps?.isPhone ?? (() => looksLikePhone(navigator)),
    media$,
    // While the first capture runs, choices wait for it (it reads them when it ends).
    joined: () => phase === 'joined' && !capturing,
    replaceTrack: async (kind, track) => {
      await link?.sender(kind)?.replaceTrack(track);
    },
    onTracksChanged: () => publishLocal(),
  });
  const publishLocal = () => {
    const tracks = [capture.audio, capture.video].filter((t): t is MediaStreamTrack => t !== undefined);
    local$.next(phase === 'joined' ? new MediaStream(tracks) : null);
  };
  const initiator = () => peerId !== undefined && !isPolite(participantId, peerId);
  const clearTimer = (handle: unknown) => {
    if (handle !== undefined) timers.clearTimeout(handle);
    return undefined;
  };

  /** Sends a signal; the promise settles when it is sent (or failed, which is reported). */
  function signal(payload: SignalPayload): Promise<void> {
    if (phase !== 'joined') return Promise.resolve();
    const message: SignalMessage = { from: participantId, payload };
    return signaling.send(message).catch((cause) => {
      report(new CallError('signaling-failed', `Could not send a ${payload.kind} signal`, { cause }));
    });
  }

  /** A new connection to the peer incarnation we are paired with. */
  function openLink(): void {
    closeLink();
    if (peerId === undefined || instance === undefined || peerInstance === undefined) return;
    const from = instance;
    const to = peerInstance;
    const opened = openPeerLink({
      createPeerConnection,
      configuration: options.rtcConfiguration ?? {},
      polite: isPolite(participantId, peerId),
      initiator: initiator(),
      tracks: () => ({ audio: capture.audio, video: capture.video }),
      // Negotiation of this link is addressed from and to the incarnations it was opened for.
      signal: (payload: NegotiationPayload) => signal({ ...payload, instance: from, target: to }),
      onError: report,
      onTrack: (track) => {
        remoteTracks = [...remoteTracks.filter((t) => t.kind !== track.kind), track];
        remote$.next(new MediaStream(remoteTracks));
      },
      onStateChange: () => evaluate(),
    });
    link = opened;
    data.attach(opened.channel, peerId);
    setupTimer = timers.setTimeout(onSetupTimeoutFired, policy.setupTimeoutMs);
  }

  function closeLink(): void {
    retryTimer = clearTimer(retryTimer);
    setupTimer = clearTimer(setupTimer);
    rebuildTimer = clearTimer(rebuildTimer);
    simulatedDown = false;
    linkConnected = false;
    attempt = 0;
    link?.close();
    link = undefined;
    remoteTracks = [];
    remote$.next(null);
  }

  /** The setup watchdog: the connection's ICE did not come up in time. */
  function onSetupTimeoutFired(): void {
    setupTimer = undefined;
    if (!link || linkConnected || phase !== 'joined') return;
    const decision = onSetupTimeout({ initiator: link.initiator, rebuilds: setupRebuilds }, policy);
    if (decision.action === 'give-up') {
      setState('failed');
      report(
        new CallError(
          'connection-failed',
          `Media connection not established after ${decision.rebuilds} new connections`,
        ),
      );
    } else if (decision.action === 'rebuild') {
      if (decision.afterMs === 0) rebuild();
      else rebuildTimer = timers.setTimeout(rebuild, decision.afterMs);
    }
  }

  /**
   * Replace the connection with a fresh one under a new incarnation. Our new hello makes the peer
   * replace its connection too and reply; our new connection's offer follows the hello on the
   * ordered channel.
   */
  function rebuild(): void {
    rebuildTimer = undefined;
    if (!link || linkConnected || phase !== 'joined') return;
    setupRebuilds += 1;
    counts.rebuilds += 1;
    instance = newInstanceId();
    closeLink();
    signal({ kind: 'hello', instance });
    openLink();
    setState(setupState(everConnected));
  }

  /** Fold the connection's ICE and signaling state into the call's connection state. */
  function evaluate(): void {
    if (!link || phase !== 'joined') return;
    const { pc } = link;
    const decision = onIceChange(
      {
        ice: simulatedDown ? 'disconnected' : pc.iceConnectionState,
        renegotiating: state$.value === 'reconnecting' && pc.signalingState !== 'stable',
        everConnected: linkConnected,
        restartScheduled: retryTimer !== undefined,
        failed: state$.value === 'failed',
      },
      policy,
    );
    if (decision.action === 'connected') {
      linkConnected = everConnected = true;
      attempt = setupRebuilds = 0;
      retryTimer = clearTimer(retryTimer);
      setupTimer = clearTimer(setupTimer);
      rebuildTimer = clearTimer(rebuildTimer);
      setState('connected');
    } else if (decision.action === 'restart') {
      setState('reconnecting');
      scheduleRestart(decision.afterMs);
    }
  }

  function scheduleRestart(delayMs: number): void {
    retryTimer = timers.setTimeout(() => {
      if (!link || phase !== 'joined') return;
      const decision = onRestartDue(attempt, policy);
      if (decision.action === 'give-up') {
        retryTimer = undefined;
        setState('failed');
        report(
          new CallError(
            'connection-failed',
            `Media connection not recovered after ${decision.attempts} ICE restarts`,
          ),
        );
        return;
      }
      counts.iceRestarts += 1;
      attempt += 1;
      // An ICE restart gathers candidates with fresh credentials over the current network; the
      // negotiationneeded it fires goes through perfect negotiation like any other offer.
      link.pc.restartIce();
      scheduleRestart(decision.checkAgainMs);
    }, delayMs);
  }

  function onSignal(message: SignalMessage): void {
    if (message.from === participantId || phase !== 'joined' || instance === undefined) return;
    if (peerId !== undefined && message.from !== peerId) return; // one-to-one: ignore third parties
    const { payload } = message;
    const route = routeSignal({ self: instance, peer: peerInstance, connected: !!link }, payload);
    if (route.action === 'drop') {
      counts.staleSignals += 1;
    } else if (route.action === 'hello') {
      peerId = message.from;
      peerInstance = payload.instance;
      if (route.reply) signal({ kind: 'hello', reply: true, instance, target: payload.instance });
      // A new peer incarnation (a join, a reload, a rebuilt connection): whatever we hold was meant
      // for another one and is replaced.
      if (route.open) {
        setupRebuilds = 0;
        openLink();
        setState('connecting');
      }
    } else if (route.action === 'bye') {
      closeLink();
      peerInstance = undefined;
      setState('disconnected');
    } else if (link && payload.kind !== 'hello' && payload.kind !== 'bye') {
      const target = link.negotiation;
      // Serialize: a candidate must not overtake the description it belongs to.
      inbound = inbound.then(() => target.handle(payload));
    }
  }

  const transport: P2PTransport<M> = {
    async join() {
      if (phase === 'joined') return ok();
      if (phase === 'left')
        return fail(new CallError('not-joined', 'This transport has left; create a new one'));
      if (typeof RTCPeerConnection === 'undefined' && !options.deps?.createPeerConnection) {
        return fail(new CallError('unsupported', 'WebRTC is not available in this browser'));
      }
      // The camera and microphone open while the hello goes out and the connection is negotiated
      // (issue 13: opening a camera takes 0.1–1 s): the connection's transceivers are made without
      // tracks and carry them once the capture ends (replaceTrack, no renegotiation).
      phase = 'joined';
      capturing = true;
      instance = newInstanceId();
      const started = capture.start();
      setState('connecting');
      // Listen first (a channel may deliver at once, e.g. replayed signals), but handle what arrives
      // only after our own hello is out: the peer then sees our hello before any reply of ours.
      const held: SignalMessage[] = [];
      let holding = true;
      signalSubscription = signaling.messages$.subscribe((message) => {
        if (holding) held.push(message);
        else onSignal(message);
      });
      signalSubscription.add(signaling.errors$.subscribe(report));
      signal({ kind: 'hello', instance });
      holding = false;
      for (const message of held.splice(0)) onSignal(message);
      const captured = await started;
      capturing = false;
      if (phase !== 'joined') {
        capture.stop(); // left while the camera was opening
        return fail(new CallError('not-joined', 'The call was left'));
      }
      if (!captured.ok) {
        await transport.leave(); // the peer may have seen the hello: it hears the bye
        return captured;
      }
      const { audio, video } = capture;
      await Promise.all([
        link?.sender('audio')?.replaceTrack(audio ?? null),
        link?.sender('video')?.replaceTrack(video ?? null),
      ]);
      publishLocal();
      return ok();
    },

    async leave() {
      if (phase !== 'joined' || instance === undefined) {
        phase = 'left';
        return;
      }
      const bye = signal({
        kind: 'bye',
        instance,
        ...(peerInstance === undefined ? {} : { target: peerInstance }),
      });
      phase = 'left';
      signalSubscription?.unsubscribe();
      closeLink();
      capture.stop();
      data.clear();
      local$.next(null);
      setState('disconnected');
      // The bye is out before the caller ends the call (one after the end is refused): 1 s at most.
      await Promise.race([bye, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    },

    connectionState$: state$.pipe(distinctUntilChanged()),
    localStream$: local$.asObservable(),
    remoteStream$: remote$.asObservable(),
    localMedia$: media$.asObservable(),
    messages$: messages$.asObservable(),
    errors$: errors$.asObservable(),

    async setMicrophoneEnabled(enabled) {
      capture.setMicrophoneEnabled(enabled);
      return ok();
    },

    async setCameraEnabled(enabled) {
      if (phase === 'left') return fail(new CallError('not-joined', 'The call was left'));
      return capture.setCameraEnabled(enabled);
    },

    switchDevice: (kind, deviceId) => capture.switchDevice(kind, deviceId),

    send(message) {
      if (phase !== 'joined')
        return fail(new CallError('not-joined', 'Join the call before sending messages'));
      return data.send(message);
    },

    async stats() {
      if (!link) return {};
      const report = await link.pc.getStats();
      return summarizeStats(report.values() as Iterable<StatsEntry>);
    },

    diagnostics: p2pDiagnostics({
      link: () => link,
      polite: () => (peerId === undefined ? undefined : isPolite(participantId, peerId)),
      initiator: () => (peerId === undefined ? undefined : initiator()),
      counts,
      instance: () => instance,
      peerInstance: () => peerInstance,
      simulateDown: (down) => {
        simulatedDown = down;
        evaluate();
      },
      timers,
    }),
  };
  return transport;
}
