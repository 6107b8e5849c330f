import { BehaviorSubject, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { WireSession } from './wire';

/**
 * The caller's sessions, kept current: a list loaded once and then patched by realtime events.
 * An update only wins when its `version` is newer, so a late list page or a replayed event can never
 * roll a session back.
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
      if (known && known.version >= s.version) continue;
      next ??= new Map(this.#byId.value);
      next.set(s.id, s);
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
