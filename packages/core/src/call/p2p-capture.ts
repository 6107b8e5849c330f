import type { BehaviorSubject } from 'rxjs';
import { CallError, type CallResult, fail, ok } from './call-error.js';
import { audioConstraints, videoConstraints } from './local-media.js';
import type { CallRole, CaptureKind, LocalMediaState } from './media-transport.js';

/** The camera and microphone of one peer-to-peer participant. */
export interface LocalCapture {
  readonly audio: MediaStreamTrack | undefined;
  readonly video: MediaStreamTrack | undefined;
  /** Capture the microphone, and the camera when `cameraEnabled`. */
  start(): Promise<CallResult>;
  setMicrophoneEnabled(enabled: boolean): void;
  setCameraEnabled(enabled: boolean): Promise<CallResult>;
  switchDevice(kind: CaptureKind, deviceId: string): Promise<CallResult>;
  /** Stop every track (the camera light goes off). */
  stop(): void;
}

/** What {@link createLocalCapture} needs from its transport. */
export interface LocalCaptureOptions {
  readonly role: CallRole;
  readonly getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  readonly isPhone: () => boolean;
  /** The media state the transport publishes; read for device choices, updated on changes. */
  readonly media$: BehaviorSubject<LocalMediaState>;
  /** Whether the call is joined (a capture that finishes after leaving is discarded). */
  readonly joined: () => boolean;
  /** Put a new local track on the wire (`replaceTrack` on the current connection's sender). */
  readonly replaceTrack: (kind: 'audio' | 'video', track: MediaStreamTrack | null) => Promise<void>;
  /** The set of local tracks changed. */
  readonly onTracksChanged: () => void;
}

/**
 * Local capture for the peer-to-peer transport: camera on/off and device switches replace the
 * sender's track (never renegotiate); muting flips `track.enabled` so unmuting is instant.
 * @example
 * const capture = createLocalCapture({ role, getUserMedia, isPhone, media$, joined, replaceTrack, onTracksChanged });
 * const started = await capture.start();
 */
export function createLocalCapture(options: LocalCaptureOptions): LocalCapture {
  const { role, media$, joined } = options;
  let audio: MediaStreamTrack | undefined;
  let video: MediaStreamTrack | undefined;
  const updateMedia = (patch: Partial<LocalMediaState>) => media$.next({ ...media$.value, ...patch });
  const left = () => fail(new CallError('not-joined', 'The call was left'));

  async function capture(withVideo: boolean, withAudio: boolean): Promise<CallResult<MediaStream>> {
    const { videoDeviceId, audioDeviceId } = media$.value;
    try {
      const stream = await options.getUserMedia({
        audio: withAudio ? audioConstraints(audioDeviceId) : false,
        video: withVideo
          ? videoConstraints({ role, isPhone: options.isPhone(), deviceId: videoDeviceId })
          : false,
      });
      // A support call is for seeing details — a label, a serial number, a part: the encoder keeps
      // the camera's resolution and gives up frame rate when the bandwidth or the CPU runs short.
      // Left to balance the two it started at 320×180 and took 8 s to reach 480×270 (VS-9).
      for (const track of stream.getVideoTracks()) track.contentHint = 'detail';
      return ok(stream);
    } catch (cause) {
      return fail(CallError.fromMediaError(cause));
    }
  }

  return {
    get audio() {
      return audio;
    },
    get video() {
      return video;
    },

    async start() {
      let withVideo = media$.value.cameraEnabled;
      const captured = await capture(withVideo, true);
      if (!captured.ok) return captured;
      audio = captured.value.getAudioTracks()[0];
      video = captured.value.getVideoTracks()[0];
      if (audio) audio.enabled = media$.value.microphoneEnabled;
      // The camera was switched while the microphone (and camera) were being opened — someone
      // pressed Camera right after Start: follow the latest choice, so the button never shows a
      // camera that is not sent (VS-9).
      while (media$.value.cameraEnabled !== withVideo) {
        withVideo = media$.value.cameraEnabled;
        if (!withVideo) {
          video?.stop();
          video = undefined;
          continue;
        }
        const more = await capture(true, false);
        if (!more.ok) {
          updateMedia({ cameraEnabled: false });
          return more;
        }
        video?.stop();
        video = more.value.getVideoTracks()[0];
      }
      return ok();
    },

    setMicrophoneEnabled(enabled) {
      if (audio) audio.enabled = enabled;
      updateMedia({ microphoneEnabled: enabled });
    },

    async setCameraEnabled(enabled) {
      if (!joined()) {
        updateMedia({ cameraEnabled: enabled }); // applies at start()
        return ok();
      }
      if (enabled === (video !== undefined)) return ok();
      if (enabled) {
        const captured = await capture(true, false);
        if (!captured.ok) return captured;
        if (!joined()) {
          for (const t of captured.value.getTracks()) t.stop();
          return left();
        }
        video = captured.value.getVideoTracks()[0];
      } else {
        video?.stop();
        video = undefined;
      }
      await options.replaceTrack('video', video ?? null);
      updateMedia({ cameraEnabled: enabled });
      options.onTracksChanged();
      return ok();
    },

    async switchDevice(kind, deviceId) {
      const isVideo = kind === 'videoinput';
      const previous = isVideo ? media$.value.videoDeviceId : media$.value.audioDeviceId;
      updateMedia(isVideo ? { videoDeviceId: deviceId } : { audioDeviceId: deviceId });
      if (!joined() || (isVideo && !video)) return ok(); // used on the next capture
      const captured = await capture(isVideo, !isVideo);
      if (!captured.ok) {
        updateMedia(isVideo ? { videoDeviceId: previous } : { audioDeviceId: previous });
        return captured;
      }
      const track = (isVideo ? captured.value.getVideoTracks() : captured.value.getAudioTracks())[0];
      if (!track || !joined()) {
        track?.stop();
        return joined() ? ok() : left();
      }
      if (isVideo) {
        video?.stop();
        video = track;
      } else {
        track.enabled = media$.value.microphoneEnabled;
        audio?.stop();
        audio = track;
      }
      await options.replaceTrack(isVideo ? 'video' : 'audio', track);
      options.onTracksChanged();
      return ok();
    },

    stop() {
      audio?.stop();
      video?.stop();
      audio = video = undefined;
    },
  };
}
