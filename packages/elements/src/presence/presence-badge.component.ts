import { css, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ObserveController } from '../shared/observe-controller.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { presenceDot, presenceDotStyles } from './presence-dot.js';
import { type Presence, type PresenceStore, presenceStore } from './presence-store.js';
import { presenceTranslations } from './presence-translations.js';

/**
 * @tagname sightline-presence-badge
 * @summary A staff member's presence as a dot (MC-7), live; nothing when the signed-in user may
 * not see that person's presence.
 *
 * @csspart presence-dot - The status dot.
 *
 * @example
 * <sightline-presence-badge user-id="user_agent"></sightline-presence-badge>
 */
export class SightlinePresenceBadge extends SightlineElement {
  static override properties = {
    userId: { attribute: 'user-id' },
  };
  static override styles = [
    presenceDotStyles,
    css`
      :host {
        display: inline;
      }
    `,
  ];

  /** Whose presence to show. */
  userId = '';

  readonly #presence = new ObserveController<ReadonlyMap<string, Presence>>(this);
  #store: PresenceStore | undefined;
  #storeOf: unknown;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.sdk !== this.#storeOf) {
      this.#store?.release();
      this.#storeOf = this.sdk;
      this.#store = this.sdk ? presenceStore(this.sdk) : undefined;
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

  protected override render(): TemplateResult | typeof nothing {
    const p = this.#presence.value?.get(this.userId);
    if (!p) return nothing;
    const t = presenceTranslations[this.localize.lang];
    return presenceDot(p.status, t.of(p.displayName, t.status[p.status] ?? p.status));
  }
}
