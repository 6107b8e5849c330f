import type { SightlineClient } from '@sightline/api-client';
import { BehaviorSubject, distinctUntilChanged } from 'rxjs';
import type { CallPhase, CallPhaseStore } from '../call/call-phase';
import type { TransportDeps } from '../call/create-transport';
import type { CallRole, MediaTransport } from '../call/media-transport';
import type { LiveCall } from './call-join';
import type { CallPresenceView } from './call-presence';
import type { DiagnosticsOptions } from './call-reporting';
import type { CallSession } from './call-session.types';
import { openEarly } from './early-capture';
import { clientProblem, type Result, toResult } from './result';
import type { SessionController } from './session-controller';

export interface CallSessionDeps {
  api: SightlineClient;
  baseUrl: string;
  controller: SessionController;
  role: () => CallRole | undefined;
  getToken: () => string | undefined;
  fetch?: typeof fetch;
  /** How a call started now carries its media, as the signed-in caller's `Me` says (issue 13). */
  callTransport?: () => 'p2p' | 'livekit' | undefined;
  /** Extra transport dependencies (tests inject media or timers here). */
  transport?: Partial<TransportDeps>;
  /**
   * Call quality reports (MC-10): a stats snapshot every `sampleMs` (default 5 s), a report every
   * `reportMs` (default 60 s) and a final one when this side leaves; `false`: none.
   */
  diagnostics?: DiagnosticsOptions | false;
}

/**
 * Starts loading what joining a call needs: the call phase machine (which a call session awaits
 * before it asks the server), the join code (returned), and, when calls here go through LiveKit,
 * livekit-client (the largest module of a call) and the LiveKit transport. Each module loads once; a
 * failure shows when a call starts.
 */
export function preloadCallCode(
  transport: 'p2p' | 'livekit' | undefined,
): Promise<typeof import('./call-join')> {
  import('../call/call-phase').catch(() => undefined);
  const join = import('./call-join');
  join.catch(() => undefined);
  if (transport === 'livekit') {
    import('livekit-client').catch(() => undefined);
    // Through the join code, which loads it when a LiveKit call starts: the pages' chunks stay as
    // they are (a second importer would split the code it shares with the call into chunks of its own).
    join.then((m) => m.loadLiveKitTransport()).catch(() => undefined);
  }
  return join;
}

/**
 * The call under one session from this side; see {@link CallSession}. Staff start with the camera
 * off (VS-9); the transport is created only when a call starts, so pages that never call load no
 * media code beyond this module (LiveKit is imported on demand by `createTransport`).
 */
export function createCallSession(sessionId: string, deps: CallSessionDeps): CallSession {
  // The phase moves only through the call phase machine (VS-8, VS-9), which loads apart from the
  // page, when a call session is made; `phase$` shows `idle` until then and follows its store after.
  const view = new BehaviorSubject<CallPhase>({ phase: 'idle' });
  const phases: Promise<CallPhaseStore> = import('../call/call-phase').then(({ createCallPhaseStore }) => {
    const store = createCallPhaseStore(view.value);
    store.state$.subscribe(view);
    return store;
  });
  // A module that failed to load is reported by `start()`.
  phases.catch(() => undefined);
  const transport = new BehaviorSubject<MediaTransport | undefined>(undefined);
  const mirrored = new BehaviorSubject(false);
  const presence = new BehaviorSubject<CallPresenceView | undefined>(undefined);
  let live: LiveCall | undefined;
  /**
   * The start under way: a `start()` meanwhile shares it (a host may start the call when its Start
   * button is pressed, before the call element it then shows starts it too); `leave()` meanwhile
   * leaves the call as soon as it has joined.
   */
  let starting: Promise<Result<{ callId: string }>> | undefined;
  let leaveOnJoin = false;
  /** While a start is under way: the id of the call the server answered with (undefined if refused). */
  let answered: Promise<string | undefined> | undefined;
  let answer: (callId: string | undefined) => void = () => undefined;

  async function startCall(): Promise<Result<{ callId: string }>> {
    const phase = await phases;
    // A call this side is still leaving (its last report, then the media: LiveKit's goodbye can
    // take a second) ends first. Start pressed at once after the other side ended the call and
    // reopened the session starts the next call, rather than answering with the one that ended.
    await live?.leaving;
    const current = phase.getSnapshot();
    if (!phase.send({ type: 'start' }).ok) {
      return current.phase === 'in-call'
        ? { data: { callId: current.callId } }
        : { error: clientProblem('call-starting', 'The call is already starting', undefined, 409) };
    }
    // One HTTP round trip before media: starting joins the call that already runs (the server
    // decides, VS-8), the call code loads and the devices open meanwhile, and the session's new
    // state arrives on the event stream (a refresh runs alongside, not before the media).
    const modules = preloadCallCode(deps.callTransport?.());
    const role = deps.role();
    const release = role ? openEarly(role) : () => undefined;
    const { live: joined, ...result } = await answerAndJoin(phase, modules).finally(release);
    live = joined;
    if (leaveOnJoin && result.data) {
      leaveOnJoin = false;
      await joined?.finish(result.data.callId);
    }
    return result;
  }

  /** Asks the server to start (or join) the call, then joins its media. */
  async function answerAndJoin(
    phase: CallPhaseStore,
    modules: ReturnType<typeof preloadCallCode>,
  ): Promise<Result<{ callId: string }> & { live?: LiveCall }> {
    const r = toResult(
      await deps.api.POST('/v1/sessions/{id}/calls', { params: { path: { id: sessionId } } }),
    );
    answer(r.data?.call.id);
    if (r.error) {
      phase.send({ type: 'failed', reason: r.error.detail ?? r.error.title });
      return { error: r.error };
    }
    void deps.controller.refresh();
    const { joinCall } = await modules;
    return joinCall(r.data, { sessionId, deps, phase, transport, presence });
  }

  return {
    sessionId,
    phase$: view.pipe(distinctUntilChanged()),
    transport$: transport.asObservable(),
    presence$: presence.asObservable(),
    mirrored$: mirrored.pipe(distinctUntilChanged()),
    setMirrored: (m) => mirrored.next(m),

    start() {
      if (starting) return starting;
      // A new start forgets a leave asked for before it.
      leaveOnJoin = false;
      answered = new Promise((settle) => {
        answer = settle;
      });
      starting = startCall().finally(() => {
        starting = undefined;
        answer(undefined); // refused, failed, or answered already
      });
      return starting;
    },

    async leave() {
      const current = view.value;
      if (current.phase === 'in-call') await live?.finish(current.callId);
      else if (starting) leaveOnJoin = true;
      else await live?.leaving;
    },

    async end() {
      const current = view.value;
      let callId: string | undefined;
      if (current.phase === 'in-call') {
        callId = current.callId;
        await live?.finish(callId);
      } else if (starting) {
        // Pressed while the call is starting (the camera still opening, the media joining): the
        // call ends on the server as soon as it has an id, so the other side is not left waiting,
        // and this side leaves once its media have joined (without a word to the ended call).
        leaveOnJoin = true;
        callId = await answered;
      }
      if (callId === undefined) return { data: undefined };
      const r = await deps.controller.endCall(callId);
      // Already ended by the other side: the goal is reached.
      if (r.error && r.error.status !== 409) return { error: r.error };
      return { data: undefined };
    },
  };
}
