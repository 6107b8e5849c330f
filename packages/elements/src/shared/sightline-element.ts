import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { findProvider, PROVIDER_CHANGE, type SightlineSource } from './find-provider.js';
import { LocalizeController } from './localize.js';
import { createSightline, type Sightline } from './sdk.js';

export { findProvider, PROVIDER_CHANGE, type SightlineSource } from './find-provider.js';

/**
 * The base of every Sightline element: where the SDK instance comes from and which language to
 * speak. The instance is, in order: the `sightline` property; one the element creates from its own
 * `base-url` + `token` / `access-code` attributes (and destroys when disconnected); the one of the
 * closest `<sightline-provider>`.
 *
 * Reactive properties are declared in `static properties`, next to typed fields, in every element
 * (not with decorators): a decorator is a call per property at load time plus the helpers behind it,
 * 0.4 kB gzip of the request page and 0.7 kB of a call (issue 13).
 */
export class SightlineElement extends LitElement {
  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: 'base-url' },
    token: {},
    accessCode: { attribute: 'access-code' },
    sightline: { attribute: false },
    sdk: { state: true, attribute: false },
  };
  /** The server's origin, for an element that is not inside a `<sightline-provider>`. */
  baseUrl = '';
  /** A staff bearer token (with `base-url`). */
  token = '';
  /** A customer access code (with `base-url`). */
  accessCode = '';
  /** A shared SDK instance; wins over attributes and providers. */
  sightline: Sightline | undefined;

  /** The instance in use. */
  protected sdk: Sightline | undefined;

  protected readonly localize = new LocalizeController(this);
  #owned: Sightline | undefined;
  #ownedKey = '';
  #provider: SightlineSource | undefined;
  readonly #onProviderChange = () => this.#resolve();

  static override get observedAttributes(): string[] {
    // `super` with the subclass as `this`: Lit lists the subclass's own attributes this way.
    // biome-ignore lint/complexity/noThisInStatic: the class name would lose the subclass's attributes
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#provider = findProvider(this);
    this.#provider?.addEventListener(PROVIDER_CHANGE, this.#onProviderChange);
    // The provider may be upgraded after its children (a module loaded later, or tags defined in
    // another order): look again once it is.
    if (this.#provider && !customElements.get('sightline-provider')) {
      void customElements.whenDefined('sightline-provider').then(() => this.#resolve());
    }
    this.#resolve();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#provider?.removeEventListener(PROVIDER_CHANGE, this.#onProviderChange);
    this.#provider = undefined;
    this.#dropOwned();
    this.sdk = undefined;
  }

  // An element renders only once the texts of its language are loaded (a chunk per language), so a
  // page never shows English first; in English, or once loaded, it renders at once.
  protected override async scheduleUpdate(): Promise<void> {
    const ready = this.localize.ready();
    if (ready) await ready;
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (
      changed.has('sightline') ||
      changed.has('baseUrl') ||
      changed.has('token') ||
      changed.has('accessCode')
    ) {
      this.#resolve();
    }
  }

  #resolve(): void {
    if (!this.isConnected) return;
    let next: Sightline | undefined = this.sightline;
    if (!next && this.baseUrl && (this.token || this.accessCode)) {
      const key = `${this.baseUrl}\n${this.token}\n${this.accessCode}`;
      if (!this.#owned || key !== this.#ownedKey) {
        this.#dropOwned();
        this.#owned = createSightline({
          baseUrl: this.baseUrl,
          ...(this.accessCode ? { accessCode: this.accessCode } : { token: this.token }),
        });
        this.#ownedKey = key;
      }
      next = this.#owned;
    } else {
      this.#dropOwned();
    }
    next ??= this.#provider?.sightline;
    if (next !== this.sdk) this.sdk = next;
  }

  #dropOwned(): void {
    this.#owned?.destroy();
    this.#owned = undefined;
    this.#ownedKey = '';
  }
}
