import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { type CallMonitor, type MonitoredParticipant, monitorCall } from '../shared/sdk-monitor.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { silentMonitorTranslations } from './silent-monitor-translations.js';

type Phase = { kind: 'idle' | 'starting' | 'watching' | 'left' } | { kind: 'failed'; why: string };

/**
 * @tagname sightline-silent-monitor
 * @summary Silent monitoring of a running call (MC-8): a manager above the session's agent sees
 * and hears both participants while they see and hear nothing of the manager — no chat, no
 * drawing, no control. A clear "not visible to the participants" notice, a Listen toggle and
 * Leave. Every monitoring is recorded on the server.
 *
 * @event {CustomEvent<{ monitorId: string }>} sightline-monitor-ended - The manager left, or the
 *   call ended.
 * @event {CustomEvent<Problem>} sightline-error - Monitoring could not start; the detail is the problem.
 * @csspart base - The wrapper.
 * @csspart video - A participant's video.
 * @csspart leave - The Leave button.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-silent-monitor session-id="…" call-id="…"></sightline-silent-monitor>
 * </sightline-provider>
 */
export class SightlineSilentMonitor extends SightlineElement {
  static override properties = {
    sessionId: { attribute: 'session-id' },
    callId: { attribute: 'call-id' },
    phase: { state: true, attribute: false },
    participants: { state: true, attribute: false },
    listening: { state: true, attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .notice {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.5rem 0.75rem;
        border-radius: 0.5rem;
        background: var(--sightline-monitor-notice, #fff4d6);
        color: #3d2f00;
        font-weight: 600;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 0.75rem;
        margin: 0.75rem 0;
      }
      figure {
        margin: 0;
      }
      video {
        width: 100%;
        aspect-ratio: 16 / 9;
        background: #111;
        border-radius: 0.5rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
      }
      button {
        min-height: 44px;
        min-width: 44px;
      }
    `,
  ];

  sessionId = '';
  callId = '';
  private phase: Phase = { kind: 'idle' };
  private participants: readonly MonitoredParticipant[] = [];
  private listening = true;
  #monitor: CallMonitor | undefined;
  #started = '';

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const key = `${this.sessionId}/${this.callId}`;
    if (this.sdk && this.sessionId && this.callId && this.#started !== key) {
      this.#started = key;
      void this.#start();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.leave();
  }

  async #start(): Promise<void> {
    const sdk = this.sdk;
    if (!sdk) return;
    await this.#monitor?.stop();
    this.phase = { kind: 'starting' };
    const { data, error } = await monitorCall(sdk, this.sessionId, this.callId);
    if (error || !data) {
      const why = error?.detail ?? error?.title ?? '';
      this.phase = { kind: 'failed', why };
      if (error)
        this.dispatchEvent(
          new CustomEvent('sightline-error', { detail: error, bubbles: true, composed: true }),
        );
      return;
    }
    this.#monitor = data;
    this.phase = { kind: 'watching' };
    data.participants$.subscribe({
      next: (list) => {
        this.participants = list;
      },
      complete: () => this.#ended(data.monitorId),
    });
  }

  /** Stops watching and listening; the server records the end. */
  async leave(): Promise<void> {
    const monitor = this.#monitor;
    this.#monitor = undefined;
    if (monitor) await monitor.stop();
  }

  #ended(monitorId: string): void {
    this.phase = { kind: 'left' };
    this.participants = [];
    this.dispatchEvent(
      new CustomEvent('sightline-monitor-ended', { detail: { monitorId }, bubbles: true, composed: true }),
    );
  }

  protected override render(): TemplateResult | typeof nothing {
    const t = silentMonitorTranslations[this.localize.lang];
    const phase = this.phase;
    if (phase.kind === 'idle') return nothing;
    return html`<section part="base" lang=${this.localize.lang} aria-labelledby="heading">
      <h2 id="heading">${t.heading}</h2>
      ${
        phase.kind === 'failed'
          ? html`<p role="alert">${t.failed(phase.why)}</p>`
          : phase.kind === 'left'
            ? html`<p role="status">${t.left}</p>`
            : html`<p class="notice" role="status">${t.notice}</p>
              ${
                phase.kind === 'starting'
                  ? html`<p>${t.starting}</p>`
                  : this.participants.length === 0
                    ? html`<p>${t.waiting}</p>`
                    : nothing
              }
              <div class="grid">
                ${this.participants.map(
                  (p, i) => html`<figure>
                    ${
                      p.stream.getVideoTracks().length > 0
                        ? html`<video part="video" .srcObject=${p.stream} autoplay playsinline muted
                          aria-label=${t.participant(i + 1)}></video>`
                        : html`<p>${t.noVideo}</p>`
                    }
                    <audio .srcObject=${p.stream} autoplay .muted=${!this.listening}></audio>
                    <figcaption>${t.participant(i + 1)}</figcaption>
                  </figure>`,
                )}
              </div>
              <div class="actions">
                <button type="button" aria-pressed=${this.listening ? 'true' : 'false'}
                  @click=${() => {
                    this.listening = !this.listening;
                  }}>${t.listen}</button>
                <button type="button" part="leave" @click=${() => void this.leave()}>${t.leave}</button>
              </div>`
      }
    </section>`;
  }
}
