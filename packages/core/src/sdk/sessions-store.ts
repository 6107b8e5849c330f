import { BehaviorSubject, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { WireSession } from './wire';

/**
 * The caller's sessions, kept current: a list loaded once and then patched by realtime events.
 * An update only wins when its `version` is newer, so a late list page or a replayed event can never
 * roll a session back; the caller's `capabilities` survive updates that do not carry them.
 */
export class SessionsStore {
  readonly #byId = new BehaviorSubject<ReadonlyMap<string, WireSession>>(new Map());
  readonly #loaded = new BehaviorSubject(false);

  /** Every known session, newest first. */
  readonly list$: Observable<WireSession[]> = this.#byId.pipe(
    map((m) => [...m.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt))),
  );
  /** True once the first full list has arrived. */
  readonly loaded$: Observable<boolean> = this.#loaded.pipe(distinctUntilChanged());

  /** One session as it changes (`undefined` until known). */
  session$(id: string): Observable<WireSession | undefined> {
    return this.#byId.pipe(
      map((m) => m.get(id)),
      distinctUntilChanged(),
    );
  }

  get(id: string): WireSession | undefined {
    return this.#byId.value.get(id);
  }

  /** Applies sessions from any source; returns true when something changed. */
  upsert(...sessions: WireSession[]): boolean {
    let next: Map<string, WireSession> | undefined;
    for (const s of sessions) {
      const known = (next ?? this.#byId.value).get(s.id);
      // The caller's capabilities come with HTTP answers only (events reach many callers): an
      // answer of the same version still brings them, and a newer event keeps the known ones.
      const addsCapabilities = !known?.capabilities && !!s.capabilities;
      if (known && (known.version > s.version || (known.version === s.version && !addsCapabilities)))
        continue;
      next ??= new Map(this.#byId.value);
      next.set(s.id, s.capabilities || !known?.capabilities ? s : { ...s, capabilities: known.capabilities });
    }
    if (next) this.#byId.next(next);
    return next !== undefined;
  }

  markLoaded(): void {
    this.#loaded.next(true);
  }

  clear(): void {
    this.#byId.next(new Map());
    this.#loaded.next(false);
  }
}
