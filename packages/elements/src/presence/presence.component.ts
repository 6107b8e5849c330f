import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ObserveController } from '../shared/observe-controller.js';
import type { Me } from '../shared/sdk.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { presenceDot, presenceDotStyles } from './presence-dot.js';
import { type Presence, type PresenceStore, presenceStore } from './presence-store.js';
import { presenceTranslations } from './presence-translations.js';

/**
 * @tagname sightline-presence
 * @summary The signed-in staff member's presence (MC-7): a dot with their status (available, busy
 * in a call, away, offline) and a choice of available or away. Busy follows from calls; the choice
 * holds across tabs.
 *
 * @csspart base - The wrapper.
 * @csspart presence-dot - The status dot.
 * @csspart select - The choice.
 * @cssproperty --sightline-presence-available - Colour of "available" (and busy, away, offline alike).
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-presence></sightline-presence>
 * </sightline-provider>
 */
export class SightlinePresence extends SightlineElement {
  static override styles = [
    sharedStyles,
    presenceDotStyles,
    css`
      :host {
        display: inline-block;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
      }
    `,
  ];

  readonly #me = new ObserveController<Me | undefined>(this);
  readonly #presence = new ObserveController<ReadonlyMap<string, Presence>>(this);
  #store: PresenceStore | undefined;
  #storeOf: unknown;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.sdk !== this.#storeOf) {
      this.#store?.release();
      this.#storeOf = this.sdk;
      this.#store = this.sdk ? presenceStore(this.sdk) : undefined;
      this.#me.source = this.sdk?.me$;
      this.#presence.source = this.#store?.presence$;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#store?.release();
    this.#store = undefined;
    this.#storeOf = undefined;
    this.#presence.source = undefined;
  }

  /** Chooses away or available again. */
  async choose(status: 'available' | 'away'): Promise<void> {
    await this.#store?.setMine(status);
  }

  protected override render(): TemplateResult | typeof nothing {
    const me = this.#me.value;
    if (me?.kind !== 'staff') return nothing;
    const t = presenceTranslations[this.localize.lang];
    const mine = this.#presence.value?.get(me.userId);
    if (!mine) return nothing;
    return html`<span part="base" lang=${this.localize.lang}>
      <label>
        ${presenceDot(mine.status, t.of(me.displayName, t.status[mine.status] ?? mine.status))}
        <span>${t.mine}</span>
        <select
          part="select"
          data-presence-choice
          @change=${(e: Event) => void this.choose((e.target as HTMLSelectElement).value as 'available' | 'away')}
        >
          ${(['available', 'away'] as const).map(
            (s) => html`<option value=${s} ?selected=${mine.chosen === s}>${t.choose[s]}</option>`,
          )}
        </select>
      </label>
      <span class="visually-hidden" role="status">${t.status[mine.status]}</span>
    </span>`;
  }
}
