import type * as LiveKit from 'livekit-client';
import { BehaviorSubject, distinctUntilChanged, Subject } from 'rxjs';
import { CallError, type CallResult, fail, ok } from './call-error.js';
import { type DataMessageSchema, decodeDataMessage, encodeDataMessage } from './data-message.js';
import {
  LIVEKIT_DATA_TOPIC,
  liveKitCameraOptions,
  mapLiveKitConnectionState,
  mapLiveKitError,
} from './livekit-mapping.js';
import { looksLikePhone } from './local-media.js';
import {
  type CallRole,
  type ConnectionState,
  type DataMessage,
  dataMessageSchema,
  type LocalMediaState,
  type MediaTransport,
  type ReceivedMessage,
} from './media-transport.js';
import { type StatsEntry, summarizeStats } from './stats.js';

/** The livekit-client module, as loaded by `import('livekit-client')`. */
export type LiveKitModule = typeof LiveKit;

/** A subscribed video asks for the top layer once its frames arrive, or after this long anyway. */
const TOP_LAYER_AFTER_MS = 3000;

/** What a capture gave: its tracks, or why it failed. */
type Captured = { tracks: LiveKit.LocalTrack[] } | { cause: unknown };
const captured = (p: Promise<LiveKit.LocalTrack[]>): Promise<Captured> =>
  p.then(
    (tracks) => ({ tracks }),
    (cause: unknown) => ({ cause }),
  );
/** Stops what a capture gave, once it has. */
const discard = (c: Promise<Captured> | undefined) =>
  void c?.then((r) => {
    if ('tracks' in r) for (const t of r.tracks) t.stop();
  });

/** Options of {@link createLiveKitTransport}. */
export interface LiveKitTransportOptions<M extends DataMessage = DataMessage> {
  /** The LiveKit server's WebSocket URL (`wss://…`). */
  readonly url: string;
  /** An access token minted by the Sightline server for this participant and call. */
  readonly token: string;
  readonly role: CallRole;
  /** Publish the camera from the start. Default: `false` for staff (VS-9), `true` for customers. */
  readonly camera?: boolean;
  /** Publish the microphone unmuted. Default `true`. */
  readonly microphone?: boolean;
  readonly messageSchema?: DataMessageSchema<M>;
  readonly deps?: {
    /** Loads livekit-client; default `() => import('livekit-client')`, so it is fetched only when a call joins. */
    readonly loadLiveKit?: () => Promise<LiveKitModule>;
    readonly isPhone?: () => boolean;
  };
}

/**
 * A {@link MediaTransport} over a LiveKit room (an SFU: many participants, hidden monitors, scale).
 * livekit-client (≈150 KB gzipped) is loaded with a dynamic `import()` inside `join()`, never before.
 * Data messages go through `publishData` (reliable) on the `sightline` topic; LiveKit's own
 * reconnection (signal and media) shows up as `reconnecting` → `connected`.
 * @example
 * const transport = createLiveKitTransport({ url: 'wss://media.example.com', token, role: 'staff' });
 * const joined = await transport.join();
 * if (!joined.ok) console.warn(joined.error.code);
 */
/** What a LiveKit transport exposes for diagnostics and tests, beyond {@link MediaTransport}. */
export interface LiveKitDiagnostics {
  /** The room while joined. */
  readonly room: LiveKit.Room | undefined;
  /**
   * Drops the signaling connection for real (livekit-client's `signal-reconnect` scenario closes the
   * WebSocket); the room then resumes, passing through `reconnecting`.
   */
  simulateDrop(): Promise<void>;
}

/** A LiveKit {@link MediaTransport} with its {@link LiveKitDiagnostics}. */
export interface LiveKitTransport<M extends DataMessage = DataMessage> extends MediaTransport<M> {
  readonly diagnostics: LiveKitDiagnostics;
}

export function createLiveKitTransport<M extends DataMessage = DataMessage>(
  options: LiveKitTransportOptions<M>,
): LiveKitTransport<M> {
  const schema = (options.messageSchema ?? dataMessageSchema) as DataMessageSchema<M>;
  const load = options.deps?.loadLiveKit ?? (() => import('livekit-client'));
  const isPhone = options.deps?.isPhone ?? (() => looksLikePhone(navigator));
  const state$ = new BehaviorSubject<ConnectionState>('idle');
  const local$ = new BehaviorSubject<MediaStream | null>(null);
  const remote$ = new BehaviorSubject<MediaStream | null>(null);
  const media$ = new BehaviorSubject<LocalMediaState>({
    microphoneEnabled: options.microphone ?? true,
    cameraEnabled: options.camera ?? options.role === 'customer',
  });
  const messages$ = new Subject<ReceivedMessage<M>>();
  const errors$ = new Subject<CallError>();
  const outbox: Uint8Array<ArrayBuffer>[] = [];
  let lk: LiveKitModule | undefined;
  let room: LiveKit.Room | undefined;
  let phase: 'idle' | 'joining' | 'joined' | 'left' = 'idle';
  /** The join's capture: whether it opens the camera too. */
  let capturingCamera = false;
  /**
   * The camera, when it is turned on while the join's capture (without it) runs or the room connects:
   * opened at once, published with the microphone (issue 13). Before, it opened only once the join
   * had published the microphone — a negotiation later.
   */
  let lateCamera: Promise<Captured> | undefined;
  /** The camera's track published while the join runs: black while the camera is turned off. */
  let joiningVideo: LiveKit.LocalTrack | undefined;

  const updateMedia = (patch: Partial<LocalMediaState>) => media$.next({ ...media$.value, ...patch });
  const cameraOptions = () =>
    liveKitCameraOptions({ role: options.role, isPhone: isPhone(), deviceId: media$.value.videoDeviceId });
  const microphoneOptions = () => {
    const deviceId = media$.value.audioDeviceId;
    return deviceId ? { deviceId: { exact: deviceId } } : {};
  };

  function publishLocal(): void {
    if (!room || !lk) {
      local$.next(null);
      return;
    }
    const sources = [lk.Track.Source.Microphone, lk.Track.Source.Camera];
    const tracks = sources
      .map((source) => room?.localParticipant.getTrackPublication(source))
      .filter((p) => p?.track && !p.isMuted)
      .map((p) => p!.track!.mediaStreamTrack);
    local$.next(new MediaStream(tracks));
  }

  function publishRemote(): void {
    const tracks: MediaStreamTrack[] = [];
    for (const participant of room?.remoteParticipants.values() ?? []) {
      for (const publication of participant.trackPublications.values()) {
        if (publication.isSubscribed && publication.track) tracks.push(publication.track.mediaStreamTrack);
      }
    }
    remote$.next(tracks.length > 0 ? new MediaStream(tracks) : null);
  }

  function flush(): void {
    if (!room || state$.value !== 'connected') return;
    for (const data of outbox.splice(0)) publish(room, data);
  }

  function publish(target: LiveKit.Room, data: Uint8Array<ArrayBuffer>): void {
    target.localParticipant
      .publishData(data, { reliable: true, topic: LIVEKIT_DATA_TOPIC })
      .catch((cause) => {
        errors$.next(new CallError('connection-failed', 'Could not publish a data message', { cause }));
      });
  }

  function wire(target: LiveKit.Room, { Track, VideoQuality }: LiveKitModule): void {
    target.on('connectionStateChanged', (s) => {
      if (phase === 'left') return;
      state$.next(mapLiveKitConnectionState(s));
      flush();
    });
    target.on('trackSubscribed', (_track, publication) => {
      // A video starts on the lowest layer, whose first keyframe comes soonest, and is never paused
      // for want of an element LiveKit sees; once its frames arrive the top layer is asked for, and
      // the SFU switches to it at its first keyframe (issue 13, VS-9).
      if (publication.kind === Track.Kind.Video) {
        publication.setVideoQuality(VideoQuality.LOW);
        publication.setEnabled(true);
        const since = performance.now();
        const upgrade = () => {
          if (!publication.isSubscribed || room !== target) return;
          const arriving = (publication.track?.receiver?.getSynchronizationSources().length ?? 0) > 0;
          if (arriving || performance.now() - since > TOP_LAYER_AFTER_MS)
            publication.setVideoQuality(VideoQuality.HIGH);
          else setTimeout(upgrade, 50);
        };
        upgrade();
      }
      publishRemote();
    });
    target.on('trackUnsubscribed', publishRemote);
    target.on('participantDisconnected', publishRemote);
    target.on('localTrackPublished', publishLocal);
    target.on('localTrackUnpublished', publishLocal);
    target.on('mediaDevicesError', (error) => errors$.next(mapLiveKitError(error)));
    target.on('dataReceived', (payload, participant, _kind, topic) => {
      if (topic !== LIVEKIT_DATA_TOPIC) return;
      const decoded = decodeDataMessage(payload, schema);
      if (decoded.ok) messages$.next({ from: participant?.identity ?? 'server', message: decoded.value });
      else errors$.next(decoded.error);
    });
  }

  /**
   * Run a LiveKit operation, turning its failures into values; `choice` is the media state it sets.
   * Before the call is joined only the choice is taken (at once, so a join reading it sees it).
   */
  async function attempt(
    run: (target: LiveKit.Room) => Promise<unknown>,
    choice?: Partial<LocalMediaState>,
  ): Promise<CallResult> {
    if (!room || phase !== 'joined') {
      if (choice) updateMedia(choice);
      return ok(); // applied at join()
    }
    try {
      await run(room);
      if (choice) updateMedia(choice);
      publishLocal();
      return ok();
    } catch (cause) {
      return fail(mapLiveKitError(cause));
    }
  }

  /** Publishes what the choices want sent of `tracks` (a camera turned off is stopped instead). */
  function publishChosen(target: LiveKit.Room, tracks: LiveKit.LocalTrack[]) {
    const send = tracks.filter((t) => t.kind !== 'video' || media$.value.cameraEnabled);
    for (const t of tracks) if (!send.includes(t)) t.stop();
    const video = send.find((t) => t.kind === 'video');
    if (video) joiningVideo = video;
    return Promise.all(send.map((t) => target.localParticipant.publishTrack(t)));
  }

  /** At the end of a join: the choices made while it ran apply (VS-9). */
  async function settleChoices(target: LiveKit.Room): Promise<void> {
    const { microphoneEnabled, cameraEnabled } = media$.value;
    const sent = joiningVideo !== undefined;
    joiningVideo = undefined;
    if (!microphoneEnabled) await target.localParticipant.setMicrophoneEnabled(false);
    if (cameraEnabled !== sent)
      await target.localParticipant.setCameraEnabled(cameraEnabled, cameraOptions());
  }

  return {
    async join() {
      if (phase === 'joined' || phase === 'joining') return ok();
      if (phase === 'left')
        return fail(new CallError('not-joined', 'This transport has left; create a new one'));
      phase = 'joining';
      state$.next('connecting');
      try {
        lk = await load();
      } catch (cause) {
        phase = 'idle';
        state$.next('failed');
        return fail(new CallError('unsupported', 'Could not load livekit-client', { cause }));
      }
      // Adaptive stream sizes what the SFU sends by the elements a track is attached to; the call
      // shows its streams in elements of its own (`remoteStream$`), so it sizes nothing here: every
      // subscriber got the lowest layer, 320×180, before `wire` asked for the top one. What it still
      // does is start each subscription on the lowest layer, whose first keyframe comes soonest.
      // Never paused in a background tab (nor for want of an element: `wire` keeps videos enabled):
      // staff look things up in other tabs during a call, and a recording goes on.
      const target = new lk.Room({ adaptiveStream: { pauseVideoInBackground: false }, dynacast: true });
      room = target;
      wire(target, lk);
      // The microphone (always: muting is then instant) and the camera open in one capture while the
      // room connects (issue 13), instead of one after the other once it has.
      capturingCamera = media$.value.cameraEnabled;
      const capturing = captured(
        lk.createLocalTracks({
          audio: microphoneOptions(),
          video: capturingCamera ? cameraOptions() : false,
        }),
      );
      const discardAll = () => {
        discard(capturing);
        discard(lateCamera);
        lateCamera = undefined;
      };
      // Published once captured and the room's signal connection is up: livekit-client negotiates
      // the publication then, while the media connection is still being set up, not after it
      // (issue 13). Until the join ends, a camera turned off meanwhile sends black (`joiningVideo`).
      const signalUp = new Promise<void>((resolve) => target.once('signalConnected', () => resolve()));
      const publishing = Promise.all([capturing, signalUp]).then(([c]) =>
        'tracks' in c && room === target ? publishChosen(target, c.tracks) : undefined,
      );
      publishing.catch(() => undefined); // awaited below, unless the connection fails first
      try {
        await target.connect(options.url, options.token);
      } catch (cause) {
        discardAll();
        if (room !== target) return fail(new CallError('not-joined', 'The call was left'));
        phase = 'idle';
        room = undefined;
        state$.next('failed');
        return fail(mapLiveKitError(cause));
      }
      const first = await capturing;
      if (room !== target) {
        discardAll(); // left while joining
        return fail(new CallError('not-joined', 'The call was left'));
      }
      phase = 'joined';
      const late = lateCamera;
      lateCamera = undefined;
      try {
        if ('cause' in first) {
          discard(late);
          throw first.cause;
        }
        await Promise.all([
          publishing,
          late?.then((c) => {
            if ('cause' in c) throw c.cause;
            return publishChosen(target, c.tracks);
          }),
        ]);
        await settleChoices(target);
      } catch (cause) {
        publishLocal();
        publishRemote();
        return fail(mapLiveKitError(cause));
      }
      publishLocal();
      publishRemote();
      flush();
      return ok();
    },

    async leave() {
      const target = room;
      phase = 'left';
      room = undefined;
      outbox.length = 0;
      await target?.disconnect(true);
      local$.next(null);
      remote$.next(null);
      state$.next('disconnected');
    },

    diagnostics: {
      get room() {
        return room;
      },
      async simulateDrop() {
        await room?.simulateScenario('signal-reconnect');
      },
    },

    connectionState$: state$.pipe(distinctUntilChanged()),
    localStream$: local$.asObservable(),
    remoteStream$: remote$.asObservable(),
    localMedia$: media$.asObservable(),
    messages$: messages$.asObservable(),
    errors$: errors$.asObservable(),

    setMicrophoneEnabled: (enabled) =>
      attempt((r) => r.localParticipant.setMicrophoneEnabled(enabled, microphoneOptions()), {
        microphoneEnabled: enabled,
      }),

    async setCameraEnabled(enabled) {
      if (phase === 'left') return fail(new CallError('not-joined', 'The call was left'));
      // Turned on while joining, after the join's capture began without it: opened now.
      if (enabled && phase === 'joining' && lk && !capturingCamera)
        lateCamera ??= captured(lk.createLocalTracks({ audio: false, video: cameraOptions() }));
      if (phase === 'joining' && joiningVideo) joiningVideo.mediaStreamTrack.enabled = enabled;
      return attempt((r) => r.localParticipant.setCameraEnabled(enabled, cameraOptions()), {
        cameraEnabled: enabled,
      });
    },

    async switchDevice(kind, deviceId) {
      updateMedia(kind === 'videoinput' ? { videoDeviceId: deviceId } : { audioDeviceId: deviceId });
      return attempt(async (r) => {
        const switched = await r.switchActiveDevice(kind, deviceId, true);
        if (!switched) throw Object.assign(new Error(`No ${kind} ${deviceId}`), { name: 'NotFoundError' });
      });
    },

    send(message) {
      if (phase === 'left' || phase === 'idle') {
        return fail(new CallError('not-joined', 'Join the call before sending messages'));
      }
      const encoded = encodeDataMessage(message, schema);
      if (!encoded.ok) return encoded;
      const data = new TextEncoder().encode(encoded.value);
      if (room && state$.value === 'connected') publish(room, data);
      else outbox.push(data);
      return ok();
    },

    async stats() {
      const track = [...(room?.remoteParticipants.values() ?? [])]
        .flatMap((p) => [...p.videoTrackPublications.values()])
        .find((p) => p.track)?.track;
      const report = await track?.getRTCStatsReport();
      return report ? summarizeStats(report.values() as Iterable<StatsEntry>) : {};
    },
  };
}
