import { type components, createClient, type Problem, type SightlineClient } from '@sightline/api-client';
import type { Actor, TeamNode } from '@sightline/core/domain';
import {
  BehaviorSubject,
  distinctUntilChanged,
  map,
  type Observable,
  Subject,
  type Subscription,
} from 'rxjs';
import { connectEventStream, type EventStream, type StreamStatus } from '../realtime/event-stream';
import { actorOf } from './actor';
import type { DiagnosticsOptions } from './call-reporting';
import { createCallSession, preloadCallCode } from './call-session';
import type { CallSession } from './call-session.types';
import { clientProblem, type Result, toResult } from './result';
import { SessionController } from './session-controller';
import { SessionsStore } from './sessions-store';
import { type InvalidEvent, parseRealtimeEvent, type RealtimeEvent, type WireSession } from './wire';

export type Me = components['schemas']['Me'];
export { actorOf };
export type CreateSessionInput = components['schemas']['CreateSessionRequest'];

/** Who is signed in, as observable state. */
export type AuthState =
  | { status: 'signed-out' }
  | { status: 'signing-in' }
  | { status: 'signed-in'; me: Me }
  | { status: 'failed'; problem: Problem };

export interface SightlineOptions {
  /** The server's origin, e.g. `https://support.example.com`. */
  baseUrl: string;
  /** A staff bearer token (from your login) … */
  token?: string;
  /** … or a customer access code, exchanged for a token scoped to that device. */
  accessCode?: string;
  /** Keep the session list live through `/v1/events` (default true). */
  realtime?: boolean;
  fetch?: typeof fetch;
  /**
   * Call quality reports sent to the server during and at the end of each call (MC-10): timing,
   * or `false` for none. Default: a stats snapshot every 5 s, a report every minute and when leaving.
   */
  callDiagnostics?: DiagnosticsOptions | false;
}

/**
 * The Sightline SDK: a framework-agnostic facade over the API. Everything is an rxjs observable;
 * every failure is a value (`{ error: Problem }`).
 *
 * @example
 * const sightline = createSightline({ baseUrl: 'http://localhost:8080', accessCode: 'DEMO-0001' });
 * await sightline.ready;
 * const { data } = await sightline.sessions.create({ reason: 'The boiler shows E42' });
 * sightline.session(data!.id).state$.subscribe((s) => console.log(s?.status));
 */
export interface Sightline {
  /** The typed API client (openapi-fetch), for anything the facade does not wrap. */
  readonly api: SightlineClient;
  /** The server's origin this instance talks to. */
  readonly baseUrl: string;
  readonly auth$: Observable<AuthState>;
  readonly me$: Observable<Me | undefined>;
  /** Resolves once the first sign-in attempt (token or access code) has settled. */
  readonly ready: Promise<Result<Me>>;
  signIn(email: string, password: string): Promise<Result<Me>>;
  useAccessCode(code: string): Promise<Result<Me>>;
  /** Signs out: the realtime stream stops and every call is left (see `CallSession.leave`). */
  signOut(): void;
  readonly sessions: {
    readonly list$: Observable<WireSession[]>;
    readonly loaded$: Observable<boolean>;
    refresh(): Promise<Result<WireSession[]>>;
    create(input: CreateSessionInput, options?: { idempotencyKey?: string }): Promise<Result<WireSession>>;
  };
  session(id: string): SessionController;
  /** The call under a session, from this side (one per session and SDK instance). */
  call(sessionId: string): CallSession;
  /**
   * Loads the code a call needs here (joining, and livekit-client where calls go through LiveKit),
   * so a Start pressed next waits for the media only. Pages call it when they offer Start call.
   */
  preloadCall(): void;

  /** The realtime stream's state: `connecting`, `open`, `reconnecting`, `closed`. */
  readonly realtime$: Observable<StreamStatus>;
  /** Every realtime event after validation. */
  readonly events$: Observable<RealtimeEvent>;
  /** Realtime events that failed validation and were dropped. */
  readonly invalidEvents$: Observable<InvalidEvent>;
  /** Current bearer token, if signed in (for transports that open their own connections). */
  readonly token: string | undefined;
  /**
   * Releases the instance: the realtime stream and timers stop, and every call it holds is left
   * (media, signal stream, heartbeat; the calls themselves go on, see `CallSession.leave`).
   */
  destroy(): void;
}

/** Creates an SDK instance. See {@link Sightline}. */
export function createSightline(options: SightlineOptions): Sightline {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  let token = options.token;
  const api = createClient({
    baseUrl,
    getToken: () => token,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // Calls say goodbye ("left", "bye") after a sign-out too: with the token they joined with.
  let goodbye: string | undefined;
  const callApi = createClient({
    baseUrl,
    getToken: () => token ?? goodbye,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const auth = new BehaviorSubject<AuthState>({ status: 'signed-out' });
  const realtime = new BehaviorSubject<StreamStatus>('closed');
  const events = new Subject<RealtimeEvent>();
  const invalid = new Subject<InvalidEvent>();
  const store = new SessionsStore();
  const controllers = new Map<string, SessionController>();
  const calls = new Map<string, CallSession>();
  let role: Me['kind'] | undefined;
  /** How calls here carry media, as the caller's `Me` says (issue 13). */
  const callTransport = () => {
    const a = auth.value;
    return a.status === 'signed-in' && 'callTransport' in a.me ? a.me.callTransport : undefined;
  };
  let stream: EventStream | undefined;
  let streamSubs: Subscription[] = [];
  let accessCode: string | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<boolean> | undefined;

  /**
   * Gets a fresh token before the current one expires (`POST /v1/auth/refresh`; a customer whose
   * sign-in is too old redeems the access code again), so a console open all day keeps working and
   * its event stream resumes where it stopped. One refresh at a time; `false` when none can be had,
   * which signs out with the server's problem.
   */
  const refreshToken = (): Promise<boolean> => {
    refreshing ??= (async () => {
      const current = token;
      if (!current || jwtExpiry(current) === undefined) return false;
      let next = toResult(await api.POST('/v1/auth/refresh'));
      if (next.error && accessCode) {
        next = toResult(await api.POST('/v1/auth/access-code', { body: { code: accessCode } }));
      }
      if (token !== current) return token !== undefined; // signed out or in meanwhile
      if (next.error) {
        if (next.error.status === 401 || next.error.status === 403) {
          token = undefined;
          stopStream();
          auth.next({ status: 'failed', problem: next.error });
        }
        return false;
      }
      token = next.data.token;
      planRefresh();
      return true;
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  /** Refreshes a minute before the token expires (tokens that are not JWTs never expire this way). */
  const planRefresh = () => {
    clearTimeout(refreshTimer);
    const expiresAt = token ? jwtExpiry(token) : undefined;
    if (expiresAt === undefined) return;
    const delay = Math.min(Math.max(1_000, expiresAt - Date.now() - 60_000), 2 ** 31 - 1);
    refreshTimer = setTimeout(() => void refreshToken(), delay);
  };

  const me$ = auth.pipe(
    map((a) => (a.status === 'signed-in' ? a.me : undefined)),
    distinctUntilChanged(),
  );
  const actor$: Observable<Actor | undefined> = me$.pipe(map((me) => (me ? actorOf(me) : undefined)));
  const teams$: Observable<readonly TeamNode[]> = me$.pipe(map((me) => teamsOf(me)));

  const stopStream = () => {
    for (const s of streamSubs) s.unsubscribe();
    streamSubs = [];
    stream?.close();
    stream = undefined;
    realtime.next('closed');
  };

  const loadSessions = async (): Promise<Result<WireSession[]>> => {
    const all: WireSession[] = [];
    let cursor: string | undefined;
    // Bounded: 20 pages of 100.
    for (let page = 0; page < 20; page++) {
      const r = toResult(
        await api.GET('/v1/sessions', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
      );
      if (r.error) return r;
      all.push(...(r.data.items as WireSession[]));
      if (!r.data.nextCursor) break;
      cursor = r.data.nextCursor;
    }
    store.upsert(...all);
    store.markLoaded();
    return { data: all };
  };

  const startStream = () => {
    stopStream();
    if (options.realtime === false) return;
    stream = connectEventStream({
      // Staff consoles also follow their colleagues' presence (MC-7); customers get none.
      url: `${baseUrl}/v1/events?include=presence`,
      getToken: () => token,
      refreshToken,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    streamSubs.push(
      stream.status$.subscribe((s) => {
        realtime.next(s);
      }),
      stream.events$.subscribe((e) => {
        // `ready` marks the point the stream starts from: (re)load the list after it so nothing
        // that happens in between is missed (versions keep the newest copy).
        if (e.event === 'ready') {
          void loadSessions();
          return;
        }
        const parsed = parseRealtimeEvent(e.id, e.event, e.data);
        if (parsed.type === 'invalid-event') {
          invalid.next(parsed);
          return;
        }
        if (parsed.type !== 'other') store.upsert(parsed.session);
        events.next(parsed);
      }),
    );
  };

  const settle = async (getToken: () => Promise<Result<string>>): Promise<Result<Me>> => {
    auth.next({ status: 'signing-in' });
    stopStream();
    store.clear();
    const t = await getToken();
    if (t.error) {
      auth.next({ status: 'failed', problem: t.error });
      return t;
    }
    token = t.data;
    const me = toResult(await api.GET('/v1/me'));
    if (me.error) {
      token = undefined;
      auth.next({ status: 'failed', problem: me.error });
      return me;
    }
    role = me.data.kind;
    planRefresh();
    auth.next({ status: 'signed-in', me: me.data });
    startStream();
    if (options.realtime === false) void loadSessions();
    return me;
  };

  const signIn = (email: string, password: string) =>
    settle(async () => {
      accessCode = undefined;
      const r = toResult(await api.POST('/v1/auth/login', { body: { email, password } }));
      return r.error ? r : { data: r.data.token };
    });

  const useAccessCode = (code: string) =>
    settle(async () => {
      accessCode = code;
      const r = toResult(await api.POST('/v1/auth/access-code', { body: { code } }));
      return r.error ? r : { data: r.data.token };
    });

  const ready: Promise<Result<Me>> = options.accessCode
    ? useAccessCode(options.accessCode)
    : options.token
      ? settle(async () => ({ data: options.token as string }))
      : Promise.resolve({ error: clientProblem('signed-out', 'Not signed in', undefined, 401) });

  const session = (id: string) => {
    let c = controllers.get(id);
    if (!c) {
      c = new SessionController(id, api, store, actor$, teams$);
      controllers.set(id, c);
    }
    return c;
  };

  return {
    api,
    baseUrl,
    auth$: auth.asObservable(),
    me$,
    ready,
    signIn,
    useAccessCode,
    signOut() {
      // Every call is left; their goodbyes may use the token for 5 s at most.
      goodbye = token;
      const left = Promise.all([...calls.values()].map((c) => c.leave()));
      void Promise.race([left, new Promise((r) => setTimeout(r, 5_000))]).then(() => {
        goodbye = undefined;
      });
      token = undefined;
      accessCode = undefined;
      clearTimeout(refreshTimer);
      role = undefined;
      stopStream();
      store.clear();
      auth.next({ status: 'signed-out' });
    },
    sessions: {
      list$: store.list$,
      loaded$: store.loaded$,
      refresh: loadSessions,
      async create(input, opts) {
        const r = toResult(
          await api.POST('/v1/sessions', {
            body: input,
            headers: { 'idempotency-key': opts?.idempotencyKey ?? randomKey() },
          }),
        );
        if (r.data) store.upsert(r.data as WireSession);
        return r as Result<WireSession>;
      },
    },
    session,
    preloadCall: () => {
      void preloadCallCode(callTransport());
    },
    call(sessionId) {
      let c = calls.get(sessionId);
      if (!c) {
        c = createCallSession(sessionId, {
          api: callApi,
          baseUrl,
          controller: session(sessionId),
          // Integration tokens take part in no call.
          role: () => (role === 'integration' ? undefined : role),
          callTransport,
          getToken: () => token ?? goodbye,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(options.callDiagnostics === undefined ? {} : { diagnostics: options.callDiagnostics }),
        });
        calls.set(sessionId, c);
      }
      return c;
    },
    realtime$: realtime.pipe(distinctUntilChanged()),
    events$: events.asObservable(),
    invalidEvents$: invalid.asObservable(),
    get token() {
      return token;
    },
    destroy() {
      for (const c of calls.values()) void c.leave();
      clearTimeout(refreshTimer);
      stopStream();
      auth.complete();
      events.complete();
      invalid.complete();
    },
  };
}

function teamsOf(me: Me | undefined): readonly TeamNode[] {
  if (me?.kind !== 'staff') return [];
  const teams = (me as { teams?: TeamNode[] }).teams;
  return teams ?? [];
}

function randomKey(): string {
  return globalThis.crypto.randomUUID();
}

/** When a JWT expires (ms since the epoch), read from its payload; `undefined` for other tokens. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload || token.split('.').length !== 3) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
