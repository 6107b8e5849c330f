import type { components, SightlineClient } from '@sightline/api-client';
import { distinctUntilChanged, map, Observable } from 'rxjs';
// The lifecycle module itself, not the domain barrel: the barrel also reaches the AR schemas and the
// permission tables, which bundlers would then pull into every page that only shows sessions.
import type { Actor } from '../domain/session/access';
import { allowedEvents, type SessionEventType, type SessionState } from '../domain/session/machine';
import type { TeamNode } from '../domain/session/teams';
import { type Result, toResult } from './result';
import type { SessionsStore } from './sessions-store';
import type { WireSession } from './wire';

export type CallJoin = components['schemas']['CallJoin'];

/** The lifecycle actions the current user may take on a session right now (from the shared rules). */
export type SessionActions = ReadonlySet<SessionEventType>;

/**
 * One session, as observable state plus its actions. The browser computes what is allowed with the
 * same domain rules the server enforces (instant UI); the server stays the authority, and its answer
 * (the new session, or a problem) is what lands in `state$`.
 *
 * @example
 * const s = sightline.session(id);
 * s.state$.subscribe((session) => render(session?.status));
 * const { error } = await s.confirm();
 */
export class SessionController {
  /** The session as it changes; `undefined` until loaded. */
  readonly state$: Observable<WireSession | undefined>;
  /** What the caller may do now: `confirm`, `cancel`, `start-call` … */
  readonly actions$: Observable<SessionActions>;

  constructor(
    readonly id: string,
    private readonly api: SightlineClient,
    private readonly store: SessionsStore,
    actor$: Observable<Actor | undefined>,
    teams$: Observable<readonly TeamNode[]>,
  ) {
    this.state$ = store.session$(id);
    this.actions$ = latestOf(this.state$, actor$, teams$).pipe(
      map(([s, actor, teams]) =>
        s && actor
          ? new Set(allowedEvents(toSessionState(s), actor, { teams }))
          : new Set<SessionEventType>(),
      ),
      distinctUntilChanged((a, b) => a.size === b.size && [...a].every((x) => b.has(x))),
    );
  }

  /** The latest known state, without subscribing. */
  get snapshot(): WireSession | undefined {
    return this.store.get(this.id);
  }

  /** Loads (or reloads) the session from the server. */
  async refresh(): Promise<Result<WireSession>> {
    return this.#apply(await this.api.GET('/v1/sessions/{id}', { params: { path: { id: this.id } } }));
  }

  /** Staff: accept a requested session (VS-4). */
  confirm(): Promise<Result<WireSession>> {
    return this.#lifecycle('/v1/sessions/{id}/confirm');
  }

  /** Either side: cancel a requested or confirmed session, with an optional reason (VS-4, VS-6). */
  async cancel(reason?: string): Promise<Result<WireSession>> {
    return this.#apply(
      await this.api.POST('/v1/sessions/{id}/cancel', {
        params: { path: { id: this.id } },
        body: reason ? { reason } : {},
      }),
    );
  }

  /** Staff: close a completed session (VS-6). */
  close(): Promise<Result<WireSession>> {
    return this.#lifecycle('/v1/sessions/{id}/close');
  }

  /** Staff: reopen a completed or closed session for another call (VS-6, VS-16). */
  reopen(): Promise<Result<WireSession>> {
    return this.#lifecycle('/v1/sessions/{id}/reopen');
  }

  /** Either side, once confirmed: start a call (VS-8). Returns the call and how to join its media. */
  async startCall(): Promise<Result<CallJoin>> {
    const r = toResult(await this.api.POST('/v1/sessions/{id}/calls', { params: { path: { id: this.id } } }));
    // The session is running now; load its new state (it also arrives on the event stream).
    if (r.data) await this.refresh();
    return r;
  }

  /** Ends one call; the session becomes `completed` when it was the last (VS-6). */
  async endCall(callId: string): Promise<Result<WireSession>> {
    return this.#apply(
      await this.api.POST('/v1/sessions/{id}/calls/{callId}/end', {
        params: { path: { id: this.id, callId } },
      }),
    );
  }

  async #lifecycle(
    path: '/v1/sessions/{id}/confirm' | '/v1/sessions/{id}/close' | '/v1/sessions/{id}/reopen',
  ): Promise<Result<WireSession>> {
    return this.#apply(await this.api.POST(path, { params: { path: { id: this.id } } }));
  }

  #apply(r: { data?: unknown; error?: unknown; response: Response }): Result<WireSession> {
    const result = toResult(r) as Result<WireSession>;
    if (result.data) this.store.upsert(result.data);
    return result;
  }
}

/** The part of a wire session the lifecycle machine reads. */
export function toSessionState(s: WireSession): SessionState {
  return {
    organizationId: s.organizationId,
    deviceId: s.deviceId,
    teamId: s.teamId,
    assigneeIds: s.assigneeIds,
    status: s.status,
    activeCallIds: s.calls.filter((c) => !c.endedAt).map((c) => c.id),
  };
}

/**
 * The latest value of each of three streams, once all have sent one (rxjs `combineLatest` for the
 * three, written out: the customer's page then loads none of rxjs's generic input conversion).
 */
function latestOf<A, B, C>(a: Observable<A>, b: Observable<B>, c: Observable<C>): Observable<[A, B, C]> {
  return new Observable<[A, B, C]>((subscriber) => {
    const values: [A, B, C] = [undefined as A, undefined as B, undefined as C];
    let seen = 0;
    const take = (index: 0 | 1 | 2) => (value: A | B | C) => {
      values[index] = value as never;
      seen |= 1 << index;
      if (seen === 7) subscriber.next([values[0], values[1], values[2]]);
    };
    const error = (e: unknown) => subscriber.error(e);
    const subscriptions = [
      a.subscribe({ next: take(0), error }),
      b.subscribe({ next: take(1), error }),
      c.subscribe({ next: take(2), error }),
    ];
    return () => {
      for (const s of subscriptions) s.unsubscribe();
    };
  });
}
