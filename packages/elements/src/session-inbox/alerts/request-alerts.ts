import { html, type TemplateResult } from 'lit';
import type { WireSession } from '../../shared/sdk.js';

interface Host {
  requestUpdate(): void;
}

const keyOf = (userId: string) => `sightline-request-alerts:${userId}`;

/**
 * Alerts for new requests (VS-3), opt-in per staff member and browser (kept in localStorage): a short
 * tone (WebAudio, no sound file) and a browser notification when the page may show one. Only a
 * request that appears while the inbox is open alerts — not the ones already there when it loads.
 */
export class RequestAlerts {
  enabled = false;
  /** Alerts given so far (tone or notification), for the page to show and tests to read. */
  count = 0;
  #userId = '';
  #known: Set<string> | undefined;

  constructor(
    private readonly host: Host,
    private readonly texts: () => { title: string; body: (reason: string) => string },
  ) {}

  /** The signed-in staff member, whose choice is remembered. */
  forUser(userId: string): void {
    if (userId === this.#userId) return;
    this.#userId = userId;
    this.#known = undefined;
    try {
      this.enabled = localStorage.getItem(keyOf(userId)) === 'on';
    } catch {
      this.enabled = false;
    }
  }

  async toggle(): Promise<void> {
    this.enabled = !this.enabled;
    try {
      localStorage.setItem(keyOf(this.#userId), this.enabled ? 'on' : 'off');
    } catch {
      // Private mode: the choice lasts for this page.
    }
    // Asked once, when turned on (a user gesture); refused → the tone alone.
    if (this.enabled && typeof Notification !== 'undefined' && Notification.permission === 'default')
      await Notification.requestPermission().catch(() => 'denied');
    this.host.requestUpdate();
  }

  /** Called with the inbox's list whenever it changes. */
  seen(list: readonly WireSession[]): void {
    const requested = list.filter((s) => s.status === 'requested');
    if (!this.#known) {
      this.#known = new Set(list.map((s) => s.id));
      return;
    }
    const fresh = requested.filter((s) => !this.#known!.has(s.id));
    for (const s of list) this.#known.add(s.id);
    if (!this.enabled || fresh.length === 0) return;
    for (const s of fresh) this.#alert(s);
  }

  #alert(session: WireSession): void {
    this.count += 1;
    tone();
    const t = this.texts();
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      try {
        new Notification(t.title, {
          body: t.body(session.reason ?? ''),
          tag: `sightline-request-${session.id}`,
        });
      } catch {
        // Some browsers allow notifications only from a service worker: the tone stays.
      }
    }
    this.host.requestUpdate();
  }
}

let audio: AudioContext | undefined;

/** Two short tones, quiet; nothing when the browser has no WebAudio or refuses to play yet. */
function tone(): void {
  try {
    audio ??= new AudioContext();
    const at = audio.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.08, at + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(at + i * 0.18);
      osc.stop(at + i * 0.18 + 0.17);
    }
  } catch {
    // No sound here.
  }
}

/** The opt-in toggle in the inbox's header. */
export function alertsToggle(alerts: RequestAlerts, label: string): TemplateResult {
  return html`<button
    data-action="alerts"
    aria-pressed=${alerts.enabled ? 'true' : 'false'}
    @click=${() => void alerts.toggle()}
  >
    ${label}
  </button>`;
}
