import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
};

/** How long the call has been connected, ticking once a second while it runs. */
export class CallClock implements ReactiveController {
  #since: number | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The media connected: counting starts (once per call). */
  start(): void {
    if (this.#since !== undefined) return;
    this.#since = Date.now();
    this.#timer = setInterval(() => this.host.requestUpdate(), 1_000);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#since = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** The elapsed time as `m:ss` (or `h:mm:ss`), while counting. */
  get elapsed(): string | undefined {
    return this.#since === undefined ? undefined : clock(Date.now() - this.#since);
  }
}

/** The call's running time over the video (not announced: a timer is not a live region). */
export function clockView(
  elapsed: string | undefined,
  label: (time: string) => string,
): TemplateResult | typeof nothing {
  return elapsed === undefined
    ? nothing
    : html`<span part="timer" class="call-timer" role="timer" aria-label=${label(elapsed)}>${elapsed}</span>`;
}
