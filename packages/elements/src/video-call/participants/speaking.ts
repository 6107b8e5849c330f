import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Above this level (RMS of the waveform, 0…1) someone is speaking. */
const THRESHOLD = 0.02;
/** Speaking stops showing after this long below the threshold (no flicker between words). */
const HOLD_MS = 600;
const EVERY_MS = 120;

/**
 * Whether the other side is speaking now, from the audio levels of its stream (WebAudio analyser,
 * nothing recorded or sent). Follows the remote stream as it changes; quiet without WebAudio.
 */
export class SpeakingMeter implements ReactiveController {
  speaking = false;
  #stream: MediaStream | null = null;
  #context: AudioContext | undefined;
  #source: MediaStreamAudioSourceNode | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #loudAt = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  follow(stream: MediaStream | null): void {
    const track = stream?.getAudioTracks()[0];
    if (stream === this.#stream && (!track || this.#source)) return;
    this.#stop();
    this.#stream = stream;
    if (!stream || !track) return;
    try {
      this.#context ??= new AudioContext();
      const context = this.#context;
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      this.#source = context.createMediaStreamSource(stream);
      this.#source.connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      this.#timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const v of samples) sum += v * v;
        const now = performance.now();
        if (Math.sqrt(sum / samples.length) > THRESHOLD) this.#loudAt = now;
        const speaking = now - this.#loudAt < HOLD_MS;
        if (speaking !== this.speaking) {
          this.speaking = speaking;
          this.host.requestUpdate();
        }
      }, EVERY_MS);
    } catch {
      // No WebAudio here: nobody shows as speaking.
    }
  }

  hostDisconnected(): void {
    this.#stop();
    void this.#context?.close().catch(() => undefined);
    this.#context = undefined;
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#source?.disconnect();
    this.#source = undefined;
    this.#stream = null;
    if (this.speaking) {
      this.speaking = false;
      this.host.requestUpdate();
    }
  }
}
