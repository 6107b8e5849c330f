import type { ReactiveController, ReactiveElement } from 'lit';
import { ObserveController } from '../shared/observe-controller.js';
import type { ConnectionState, LocalMediaState, MediaTransport } from '../shared/sdk.js';

/** The part of a call error the element reads (`CallError` from the call layer). */
export interface CallFailure {
  readonly code: string;
}

/** What the call element does when the media's connection changes or the transport reports an error. */
export interface CallMediaOptions {
  onConnection(state: ConnectionState): void;
  onFailure(code: string): void;
}

/**
 * The media of the transport a call element shows: its connection state, both streams, this side's
 * camera and microphone state and the transport's errors; the cameras and microphones to choose
 * from (listed again when the devices change or the local stream does); and the other side's sound,
 * played through the element's own `<audio>` so the video can always autoplay muted — a browser that
 * blocks sound without a gesture gets a button (`soundBlocked`).
 */
export class CallMedia implements ReactiveController {
  /** Cameras and microphones. */
  devices: MediaDeviceInfo[] = [];
  /** The browser refused to play the other side's sound without a gesture. */
  soundBlocked = false;
  readonly #connection: ObserveController<ConnectionState>;
  readonly #local: ObserveController<MediaStream | null>;
  readonly #remote: ObserveController<MediaStream | null>;
  readonly #media: ObserveController<LocalMediaState>;
  readonly #errors: ObserveController<CallFailure>;
  readonly #onDeviceChange = () => void this.#listDevices();

  constructor(
    private readonly host: ReactiveElement,
    options: CallMediaOptions,
  ) {
    this.#connection = new ObserveController<ConnectionState>(host, (s) => options.onConnection(s));
    this.#local = new ObserveController<MediaStream | null>(host, () => void this.#listDevices());
    this.#remote = new ObserveController<MediaStream | null>(host);
    this.#media = new ObserveController<LocalMediaState>(host);
    this.#errors = new ObserveController<CallFailure>(host, (e) => options.onFailure(e.code));
    host.addController(this);
  }

  /** The media connection's state (`undefined` before the transport's first). */
  get connection(): ConnectionState | undefined {
    return this.#connection.value;
  }
  get local(): MediaStream | null | undefined {
    return this.#local.value;
  }
  get remote(): MediaStream | null | undefined {
    return this.#remote.value;
  }
  /** This side's camera and microphone. */
  get localMedia(): LocalMediaState | undefined {
    return this.#media.value;
  }

  /** Follows `transport` (or none); true when it is another one than before. */
  follow(transport: MediaTransport | undefined): boolean {
    if (this.#connection.source === transport?.connectionState$) return false;
    this.#connection.source = transport?.connectionState$;
    this.#local.source = transport?.localStream$;
    this.#remote.source = transport?.remoteStream$;
    this.#media.source = transport?.localMedia$;
    this.#errors.source = transport?.errors$;
    return true;
  }

  /**
   * After each render: shows the streams in `root`'s videos and plays the other side's sound, each
   * only where its stream changed. Not bound in the template: Lit sets an object-valued property on
   * every render, and setting a video's `srcObject`, even to the stream it already plays, reloads it
   * (a black frame, size 0) — and the AR tools re-render often (markers follow the tracker).
   */
  sync(root: ParentNode): void {
    const show = (part: string, stream: MediaStream | null) => {
      const video = root.querySelector<HTMLVideoElement>(`[part=${part}]`);
      if (video && video.srcObject !== stream) video.srcObject = stream;
    };
    show('remote-video', this.remote ?? null);
    show('local-video', this.local ?? null);
    this.syncAudio(root.querySelector('audio'));
  }

  /** Plays the other side's stream through `audio` when it changed (see {@link sync}). */
  syncAudio(audio: HTMLAudioElement | null): void {
    const stream = this.#remote.value ?? null;
    if (!audio || audio.srcObject === stream) return;
    audio.srcObject = stream;
    if (stream)
      audio.play().then(
        () => this.#blocked(false),
        (error: unknown) => {
          // Only the autoplay policy blocks sound (NotAllowedError). A play() cut short because the
          // next stream replaced this one (AbortError: the remote stream grows track by track while
          // the call connects) is followed by that stream's own play(); it once flashed the button
          // and moved the controls under the pointer.
          if (audio.srcObject === stream && (error as DOMException | undefined)?.name === 'NotAllowedError')
            this.#blocked(true);
        },
      );
  }

  /** Plays the sound after a gesture (the button shown while it was blocked). */
  playSound(audio: HTMLAudioElement | null): void {
    void audio?.play().then(() => this.#blocked(false));
  }

  hostConnected(): void {
    navigator.mediaDevices?.addEventListener('devicechange', this.#onDeviceChange);
  }

  hostDisconnected(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.#onDeviceChange);
  }

  #blocked(blocked: boolean): void {
    this.soundBlocked = blocked;
    this.host.requestUpdate();
  }

  async #listDevices(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    this.devices = all.filter((d) => d.kind === 'videoinput' || d.kind === 'audioinput');
    this.host.requestUpdate();
  }
}
