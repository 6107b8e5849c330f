import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { MediaTransport } from '../../shared/sdk.js';

/** The connection's quality as people read it. */
export type Quality = 'good' | 'fair' | 'poor';

/**
 * A quality from the call's stats (the same snapshots the diagnostics use): round-trip time and the
 * frame rate of the received video. Without figures there is no judgement.
 * @example
 * qualityOf({ roundTripTime: 0.05, framesPerSecond: 28 }); // 'good'
 */
export function qualityOf(stats: { roundTripTime?: number; framesPerSecond?: number }): Quality | undefined {
  const { roundTripTime: rtt, framesPerSecond: fps } = stats;
  if (rtt === undefined && fps === undefined) return undefined;
  if ((rtt ?? 0) > 0.4 || (fps !== undefined && fps < 10)) return 'poor';
  if ((rtt ?? 0) > 0.2 || (fps !== undefined && fps < 20)) return 'fair';
  return 'good';
}

/** Samples the live call's stats every few seconds and keeps the quality to show. */
export class CallQuality implements ReactiveController {
  quality: Quality | undefined;
  #transport: MediaTransport | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly everyMs = 3_000,
  ) {
    host.addController(this);
  }

  follow(transport: MediaTransport | undefined): void {
    if (transport === this.#transport) return;
    this.#stop();
    this.#transport = transport;
    this.quality = undefined;
    if (!transport) return;
    const sample = async () => {
      const stats = await transport.stats().catch(() => ({}));
      if (this.#transport !== transport) return;
      const next = qualityOf(stats);
      if (next !== this.quality) {
        this.quality = next;
        this.host.requestUpdate();
      }
    };
    void sample();
    this.#timer = setInterval(() => void sample(), this.everyMs);
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Signal bars over the video, with the quality in words for assistive technology. */
export function qualityView(
  quality: Quality | undefined,
  label: (q: Quality) => string,
): TemplateResult | typeof nothing {
  if (!quality) return nothing;
  const bars = quality === 'good' ? 3 : quality === 'fair' ? 2 : 1;
  return html`<span part="quality" class="quality" data-quality=${quality} role="img" aria-label=${label(quality)} title=${label(quality)}>
    ${[1, 2, 3].map((n) => html`<span class=${n <= bars ? 'bar on' : 'bar'}></span>`)}
  </span>`;
}
