import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/**
 * Follows one observable for a Lit host: subscribes while the host is connected, unsubscribes when it
 * is disconnected, and re-renders the host on every value. The source can be swapped at any time
 * (`controller.source = sightline.session(id).state$`); the old subscription ends at once.
 *
 * One controller per source keeps each element's reading of the SDK explicit (lit
 * `reactive-controller.ts`; `@lit/context` follows the same connect/disconnect discipline).
 *
 * @example
 * readonly #list = new ObserveController<WireSession[]>(this);
 * willUpdate() { this.#list.source = this.sightline?.sessions.list$; }
 * render() { return html`${this.#list.value?.length ?? 0}`; }
 */
export class ObserveController<T> implements ReactiveController {
  /** The latest value (`undefined` before the first one, or with no source). */
  value: T | undefined;
  #source: Observable<T> | undefined;
  #subscription: Subscription | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onValue?: (value: T) => void,
  ) {
    host.addController(this);
  }

  get source(): Observable<T> | undefined {
    return this.#source;
  }

  set source(source: Observable<T> | undefined) {
    if (source === this.#source) return;
    this.#unsubscribe();
    this.#source = source;
    this.value = undefined;
    if (this.#connected) this.#subscribe();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
  }

  #subscribe(): void {
    if (!this.#source || this.#subscription) return;
    this.#subscription = this.#source.subscribe((value) => {
      this.value = value;
      this.onValue?.(value);
      this.host.requestUpdate();
    });
  }

  #unsubscribe(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}
