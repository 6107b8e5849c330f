import type { components, SightlineClient } from '@sightline/api-client';
import { BehaviorSubject, distinctUntilChanged, type Subscription } from 'rxjs';
import type { MediaConfig, TransportDeps } from '../call/create-transport';
import type { CallRole, MediaTransport } from '../call/media-transport';
import type { CallPresenceView, PresenceKeeper } from './call-presence';
import type { CallReporter, DiagnosticsOptions } from './call-reporting';
import type { CallPhase, CallSession } from './call-session.types';
import type { HttpSignaling } from './http-signaling';
import { clientProblem, type Result, toResult } from './result';
import type { SessionController } from './session-controller';
import type { WireSession } from './wire';

type CallJoin = components['schemas']['CallJoin'];

// Call code loads only when a call starts, so pages that never call (request flow, inbox) stay small.
const loadCallModules = () =>
  Promise.all([
    import('../call/create-transport'),
    import('./http-signaling'),
    import('./call-reporting'),
    import('./call-presence'),
  ]);
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

/**
 * The call under one session from this side; see {@link CallSession}. Staff start with the camera
 * off (VS-9); the transport is created only when a call starts, so pages that never call load no
 * media code beyond this module (LiveKit is imported on demand by `createTransport`).
 */
export function createCallSession(sessionId: string, deps: CallSessionDeps): CallSession {
  const phase = new BehaviorSubject<CallPhase>({ phase: 'idle' });
  const transport = new BehaviorSubject<MediaTransport | undefined>(undefined);
  const mirrored = new BehaviorSubject(false);
  let signaling: HttpSignaling | undefined;
  let watch: Subscription | undefined;
  let reporter: CallReporter | undefined;
  let keeper: PresenceKeeper | undefined;
  const presence = new BehaviorSubject<CallPresenceView | undefined>(undefined);
  const diagnostics = deps.diagnostics === false ? undefined : (deps.diagnostics ?? {});

  const teardown = async () => {
    reporter?.stop();
    reporter = undefined;
    keeper?.stop();
    keeper = undefined;
    presence.next(undefined);
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
    const [
      { createTransport },
      { answerMonitorOffers, createHttpSignaling },
      { reportCallQuality },
      { keepPresence },
    ] = await modules;
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
    // Silent monitoring (MC-8): a monitor's offer is answered apart from the call.
    if (signaling && config.transport === 'p2p')
      watch.add(answerMonitorOffers(signaling, created.value, config.rtcConfiguration));
    if (diagnostics)
      reporter = reportCallQuality(deps.api, sessionId, call.id, created.value, media.transport, diagnostics);
    // Presence (VS-9): this side's heartbeat, the others' presence; when the server ends the call
    // (one side gone for the grace period), leave as after a hang-up.
    keeper = keepPresence(deps.api, sessionId, call.id, media.participantId, {
      onView: (view) => presence.next(view),
      onEnded: () => void deps.controller.refresh().then(() => finish(call.id)),
    });
    // When the other side ends the call, leave the media too.
    watch.add(
      deps.controller.state$.subscribe((s) => {
        if (s && endReason(s, call.id)) void finish(call.id);
      }),
    );
    return { data: { callId: call.id } };
  };

  const finish = async (callId: string) => {
    if (phase.value.phase === 'ended') return;
    // The last snapshot and the final report, before the media goes; then "left".
    const leaving = reporter;
    const going = keeper;
    reporter = undefined;
    keeper = undefined;
    await leaving?.finish();
    await going?.leave();
    await teardown();
    const snapshot = deps.controller.snapshot;
    const reason = snapshot ? endReason(snapshot, callId) : undefined;
    phase.next({ phase: 'ended', callId, ...(reason ? { reason } : {}) });
  };

  return {
    sessionId,
    phase$: phase.pipe(distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b))),
    transport$: transport.asObservable(),
    presence$: presence.asObservable(),
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

/** Why the call ended, once it has (a hang-up unless the server says it was abandoned). */
function endReason(s: WireSession, callId: string): 'hung-up' | 'abandoned' | undefined {
  const call = s.calls.find((c) => c.id === callId);
  return call?.endedAt === undefined ? undefined : (call.endReason ?? 'hung-up');
}
