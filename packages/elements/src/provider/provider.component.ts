import { css, html, LitElement, type PropertyValues } from 'lit';
import { createSightline, type Sightline } from '../shared/sdk.js';

/**
 * @tagname sightline-provider
 * @summary Shares one Sightline SDK instance with every Sightline element inside it, so a page signs
 * in once and the request flow, inbox and call all use the same session list and realtime stream.
 *
 * @slot - The Sightline elements (and anything else) that use the instance.
 *
 * @event sightline-provider-change - On the provider itself (not bubbling): the instance changed.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" access-code="DEMO-0001">
 *   <sightline-request-flow></sightline-request-flow>
 * </sightline-provider>
 */
export class SightlineProvider extends LitElement {
  static override properties = {
    baseUrl: { attribute: 'base-url' },
    token: {},
    accessCode: { attribute: 'access-code' },
  };
  static override styles = css`
    :host {
      display: contents;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  /** The server's origin. With `base-url` alone, the instance starts signed out (call `signIn`). */
  baseUrl = '';
  /** A staff bearer token, or a host app’s integration token (SI-12). */
  token = '';
  /** A customer access code, exchanged for a token. */
  accessCode = '';

  #given: Sightline | undefined;
  #owned: Sightline | undefined;
  #ownedKey = '';

  /** The shared instance: the one set here, else one made from the attributes. */
  get sightline(): Sightline | undefined {
    return this.#given ?? this.#owned;
  }

  set sightline(value: Sightline | undefined) {
    if (value === this.#given) return;
    this.#given = value;
    this.#announce();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#owned) this.#create();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#owned?.destroy();
    this.#owned = undefined;
    this.#ownedKey = '';
    // Children are disconnected with the provider; a provider moved elsewhere recreates on connect.
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('baseUrl') || changed.has('token') || changed.has('accessCode')) this.#create();
  }

  #create(): void {
    if (!this.isConnected) return;
    const key = `${this.baseUrl}\n${this.token}\n${this.accessCode}`;
    if (key === this.#ownedKey) return;
    this.#ownedKey = key;
    const before = this.#owned;
    this.#owned = this.baseUrl
      ? createSightline({
          baseUrl: this.baseUrl,
          ...(this.accessCode ? { accessCode: this.accessCode } : this.token ? { token: this.token } : {}),
        })
      : undefined;
    before?.destroy();
    if (!this.#given) this.#announce();
  }

  #announce(): void {
    // The name children listen for (PROVIDER_CHANGE), spelled out for the manifest analyzer.
    this.dispatchEvent(new Event('sightline-provider-change'));
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
