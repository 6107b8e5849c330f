import type { components } from '@sightline/api-client';
import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import type { Sightline } from '../shared/sdk.js';

/** A staff member's presence as the API gives it (MC-7). */
export type Presence = components['schemas']['Presence'];

/** Presence of the staff an SDK instance's user may see, live. */
export interface PresenceStore {
  /** Everyone's presence by user id; empty until loaded (and for callers without one). */
  readonly presence$: Observable<ReadonlyMap<string, Presence>>;
  /** Chooses away or available again. */
  setMine(status: 'available' | 'away'): Promise<boolean>;
  /** Stops following, once the last element using it lets go. */
  release(): void;
}

interface Shared {
  users: number;
  subscriptions: Subscription[];
  store: Omit<PresenceStore, 'release'>;
}
const shared = new WeakMap<Sightline, Shared>();

/**
 * The presence store of an SDK instance: one per instance, shared by every element on the page
 * that shows presence (the inbox's selector and dots), loaded from `GET /v1/presence` whenever the
 * SDK's event stream (re)opens and kept live from its `presence.changed` events — no stream of its
 * own, so a console tab stays one console.
 * @example
 * const store = presenceStore(sdk); store.presence$.subscribe(render); // … store.release();
 */
export function presenceStore(sdk: Sightline): PresenceStore {
  let s = shared.get(sdk);
  if (!s) {
    const subject = new BehaviorSubject<ReadonlyMap<string, Presence>>(new Map());
    const put = (p: Presence) => subject.next(new Map(subject.value).set(p.userId, p));
    const load = async () => {
      const r = await sdk.api.GET('/v1/presence');
      if (r.data) subject.next(new Map(r.data.items.map((p) => [p.userId, p])));
    };
    const subscriptions = [
      // Each (re)connection of the stream starts from now: load everything, then follow changes.
      sdk.realtime$.subscribe((status) => {
        if (status === 'open') void load();
      }),
      sdk.events$.subscribe((e) => {
        if (e.type !== 'other' || e.name !== 'presence.changed') return;
        const { userId, status } = e.data as { userId: string; status: Presence['status'] };
        const known = subject.value.get(userId);
        if (known) put({ ...known, status, since: e.at });
        else void load();
      }),
    ];
    s = {
      users: 0,
      subscriptions,
      store: {
        presence$: subject.asObservable(),
        async setMine(status) {
          const r = await sdk.api.PUT('/v1/me/presence', { body: { status } });
          if (r.data) put(r.data);
          return r.data !== undefined;
        },
      },
    };
    shared.set(sdk, s);
  }
  const mine = s;
  mine.users++;
  let released = false;
  return {
    ...mine.store,
    release() {
      if (released) return;
      released = true;
      mine.users--;
      if (mine.users > 0) return;
      for (const sub of mine.subscriptions) sub.unsubscribe();
      shared.delete(sdk);
    },
  };
}
