import type { components, SightlineClient } from '@sightline/api-client';
import { BehaviorSubject, distinctUntilChanged, type Subscription } from 'rxjs';
import type { MediaConfig, TransportDeps } from '../call/create-transport';
import type { CallRole, MediaTransport } from '../call/media-transport';
import type { SignalingChannel } from '../call/signaling';
import {
  addConnection,
  addStats,
  type CallDiagnosticsSummary,
  type DiagnosticsState,
  startDiagnostics,
  toSummary,
} from './call-diagnostics';
import type { CallPhase, CallSession } from './call-session.types';
import { clientProblem, type Result, toResult } from './result';
import type { SessionController } from './session-controller';
import type { WireSession } from './wire';

type CallJoin = components['schemas']['CallJoin'];

// Call code loads only when a call starts, so pages that never call (request flow, inbox) stay small.
const loadCallModules = () => Promise.all([import('../call/create-transport'), import('./http-signaling')]);
type CallModules = ReturnType<typeof loadCallModules>;

export interface CallSessionDeps {
  api: SightlineClient;
  baseUrl: string;
  controller: SessionController;
  role: () => CallRole | undefined;
  getToken: () => string | undefined;
  fetch?: typeof fetch;
  /** Extra transport dependencies (tests inject media or timers here). */
  transport?: Partial<TransportDeps>;
  /**
   * Call quality reports (MC-10): a stats snapshot every `sampleMs` (default 5 s), a report every
   * `reportMs` (default 60 s) and a final one when this side leaves; `false`: none.
   */
  diagnostics?: DiagnosticsOptions | false;
}

/** Timing of call quality reports; clock and timers injectable. */
export interface DiagnosticsOptions {
  sampleMs?: number;
  reportMs?: number;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

interface RunningDiagnostics {
  callId: string;
  transport: MediaTransport;
  state: DiagnosticsState;
  lastReport: number;
  timer: unknown;
}

/**
 * The call under one session from this side; see {@link CallSession}. Staff start with the camera
 * off (VS-9); the transport is created only when a call starts, so pages that never call load no
 * media code beyond this module (LiveKit is imported on demand by `createTransport`).
 */
export function createCallSession(sessionId: string, deps: CallSessionDeps): CallSession {
  const phase = new BehaviorSubject<CallPhase>({ phase: 'idle' });
  const transport = new BehaviorSubject<MediaTransport | undefined>(undefined);
  const mirrored = new BehaviorSubject(false);
  let signaling: SignalingChannel | undefined;
  let watch: Subscription | undefined;
  let diagnostics: RunningDiagnostics | undefined;
  const diag = deps.diagnostics === false ? undefined : (deps.diagnostics ?? {});
  const now = diag?.now ?? Date.now;
  const stopTimer =
    diag?.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));

  // Reports are best effort: a lost one is replaced by the next, and none may disturb the call.
  const report = (d: RunningDiagnostics, final: boolean) =>
    deps.api
      .POST('/v1/sessions/{id}/calls/{callId}/diagnostics', {
        params: { path: { id: sessionId, callId: d.callId } },
        body: toSummary(d.state, now(), final) satisfies CallDiagnosticsSummary,
      })
      .catch(() => undefined);
  const sample = async (d: RunningDiagnostics) => {
    try {
      d.state = addStats(d.state, await d.transport.stats());
    } catch {
      // A transport closing meanwhile has no stats; the snapshot is skipped.
    }
  };
  const startReporting = (callId: string, t: MediaTransport, kind: CallDiagnosticsSummary['transport']) => {
    if (!diag) return;
    const d: RunningDiagnostics = {
      callId,
      transport: t,
      state: startDiagnostics(kind, now()),
      lastReport: now(),
      timer: undefined,
    };
    diagnostics = d;
    watch?.add(t.connectionState$.subscribe((c) => (d.state = addConnection(d.state, c))));
    const tick = async () => {
      await sample(d);
      if (diagnostics === d && now() - d.lastReport >= (diag.reportMs ?? 60_000)) {
        d.lastReport = now();
        void report(d, false);
      }
    };
    const every = diag.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
    d.timer = every(() => void tick(), diag.sampleMs ?? 5_000);
  };
  /** The last snapshot and the final report, before the media goes. */
  const finishReporting = async () => {
    const d = diagnostics;
    diagnostics = undefined;
    if (!d) return;
    stopTimer(d.timer);
    await sample(d);
    void report(d, true);
  };

  const teardown = async () => {
    if (diagnostics) stopTimer(diagnostics.timer);
    diagnostics = undefined;
    watch?.unsubscribe();
    watch = undefined;
    const t = transport.value;
    transport.next(undefined);
    await t?.leave();
    signaling?.close();
    signaling = undefined;
  };

  const join = async (joined: CallJoin, modules: CallModules): Promise<Result<{ callId: string }>> => {
    const role = deps.role();
    if (!role) return { error: clientProblem('signed-out', 'Not signed in', undefined, 401) };
    const { call, media } = joined;
    const [{ createTransport }, { createHttpSignaling }] = await modules;
    let config: MediaConfig;
    if (media.transport === 'p2p') {
      signaling = createHttpSignaling({
        api: deps.api,
        sessionId,
        callId: call.id,
        url: new URL(media.signalingUrl, deps.baseUrl).toString(),
        getToken: deps.getToken,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
      config = { transport: 'p2p', rtcConfiguration: { iceServers: media.iceServers } };
    } else {
      config = { transport: 'livekit', url: media.url, token: media.token };
    }
    const created = await createTransport(config, {
      participantId: media.participantId,
      role,
      camera: role === 'customer',
      ...(signaling ? { signaling } : {}),
      ...deps.transport,
    });
    if (!created.ok) {
      await teardown();
      phase.next({ phase: 'failed', reason: created.error.message });
      return {
        error: clientProblem(created.error.code, 'The call could not start', created.error.message, 500),
      };
    }
    transport.next(created.value);
    const joinedMedia = await created.value.join();
    if (!joinedMedia.ok) {
      await teardown();
      phase.next({ phase: 'failed', reason: joinedMedia.error.message });
      return {
        error: clientProblem(
          joinedMedia.error.code,
          'Camera or microphone unavailable',
          joinedMedia.error.message,
          500,
        ),
      };
    }
    watch = created.value.connectionState$.subscribe((connection) =>
      phase.next({ phase: 'in-call', callId: call.id, connection }),
    );
    startReporting(call.id, created.value, media.transport);
    // When the other side ends the call, leave the media too.
    watch.add(
      deps.controller.state$.subscribe((s) => {
        if (s && callEnded(s, call.id)) void finish(call.id);
      }),
    );
    return { data: { callId: call.id } };
  };

  const finish = async (callId: string) => {
    await finishReporting();
    await teardown();
    phase.next({ phase: 'ended', callId });
  };

  return {
    sessionId,
    phase$: phase.pipe(distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b))),
    transport$: transport.asObservable(),
    mirrored$: mirrored.pipe(distinctUntilChanged()),
    setMirrored: (m) => mirrored.next(m),

    async start() {
      const current = phase.value;
      if (current.phase === 'starting' || current.phase === 'in-call') {
        return current.phase === 'in-call'
          ? { data: { callId: current.callId } }
          : { error: clientProblem('call-starting', 'The call is already starting', undefined, 409) };
      }
      phase.next({ phase: 'starting' });
      // One HTTP round trip before media: starting joins the call that already runs (the server
      // decides, VS-8), the call code loads meanwhile, and the session's new state arrives on the
      // event stream (a refresh runs alongside, not before the media).
      const modules = loadCallModules();
      const r = toResult(
        await deps.api.POST('/v1/sessions/{id}/calls', { params: { path: { id: sessionId } } }),
      );
      if (r.error) {
        phase.next({ phase: 'failed', reason: r.error.detail ?? r.error.title });
        return { error: r.error };
      }
      void deps.controller.refresh();
      return join(r.data, modules);
    },

    async end() {
      const current = phase.value;
      if (current.phase !== 'in-call') return { data: undefined };
      await finish(current.callId);
      const r = await deps.controller.endCall(current.callId);
      // Already ended by the other side: the goal is reached.
      if (r.error && r.error.status !== 409) return { error: r.error };
      return { data: undefined };
    },
  };
}

function callEnded(s: WireSession, callId: string): boolean {
  const call = s.calls.find((c) => c.id === callId);
  return call?.endedAt !== undefined;
}
