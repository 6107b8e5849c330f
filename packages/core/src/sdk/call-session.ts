import type { SightlineClient } from '@sightline/api-client';
import { BehaviorSubject, distinctUntilChanged } from 'rxjs';
import type { TransportDeps } from '../call/create-transport';
import type { CallRole, MediaTransport } from '../call/media-transport';
import type { LiveCall } from './call-join';
import type { CallPresenceView } from './call-presence';
import type { DiagnosticsOptions } from './call-reporting';
import type { CallPhase, CallSession } from './call-session.types';
import { clientProblem, type Result, toResult } from './result';
import type { SessionController } from './session-controller';

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
  const presence = new BehaviorSubject<CallPresenceView | undefined>(undefined);
  let live: LiveCall | undefined;

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
      const modules = import('./call-join');
      const r = toResult(
        await deps.api.POST('/v1/sessions/{id}/calls', { params: { path: { id: sessionId } } }),
      );
      if (r.error) {
        phase.next({ phase: 'failed', reason: r.error.detail ?? r.error.title });
        return { error: r.error };
      }
      void deps.controller.refresh();
      const { joinCall } = await modules;
      const { live: joined, ...result } = await joinCall(r.data, {
        sessionId,
        deps,
        phase,
        transport,
        presence,
      });
      live = joined;
      return result;
    },

    async end() {
      const current = phase.value;
      if (current.phase !== 'in-call') return { data: undefined };
      await live?.finish(current.callId);
      const r = await deps.controller.endCall(current.callId);
      // Already ended by the other side: the goal is reached.
      if (r.error && r.error.status !== 409) return { error: r.error };
      return { data: undefined };
    },
  };
}
