import type { components } from '@sightline/api-client';
import type { BehaviorSubject, Subscription } from 'rxjs';
import type { CallPhaseStore } from '../call/call-phase';
import { createTransport, type MediaConfig } from '../call/create-transport';
import type { MediaTransport } from '../call/media-transport';
import { type CallPresenceView, keepPresence, type PresenceKeeper } from './call-presence';
import { type CallReporter, reportCallQuality } from './call-reporting';
import type { CallSessionDeps } from './call-session';
import { answerMonitorOffers, createHttpSignaling, type HttpSignaling } from './http-signaling';
import { clientProblem, type Result } from './result';
import type { WireSession } from './wire';

/** Preloading LiveKit's transport goes through this module, which creates transports (see preloadCallCode). */
export { loadLiveKitTransport } from '../call/create-transport';

type CallJoin = components['schemas']['CallJoin'];

/** The call session's state the join drives: its phase (through the phase machine) and subjects. */
export interface JoinContext {
  sessionId: string;
  deps: CallSessionDeps;
  phase: CallPhaseStore;
  transport: BehaviorSubject<MediaTransport | undefined>;
  presence: BehaviorSubject<CallPresenceView | undefined>;
}

/** A joined call: leaving it (the last report, "left", the media) ends this side's part. */
export interface LiveCall {
  finish(callId: string): Promise<void>;
  /** While this side is leaving (however it began), settles once it has left; else undefined. */
  readonly leaving: Promise<void> | undefined;
}

/**
 * Joins the call the server answered `POST /v1/sessions/{id}/calls` with: creates the transport it
 * chose (peer-to-peer with HTTP signaling, or LiveKit), joins the media, and runs what goes with a
 * call — quality reports (MC-10), presence (VS-9), answers to a silent monitor (MC-8) — until this
 * side leaves or the other side (or the server) ends it. Loaded only when a call starts, with the
 * transport code, so pages that never call stay small.
 */
export async function joinCall(
  joined: CallJoin,
  ctx: JoinContext,
): Promise<Result<{ callId: string }> & { live?: LiveCall }> {
  const { sessionId, deps, phase, transport, presence } = ctx;
  const role = deps.role();
  if (!role) {
    phase.send({ type: 'failed', reason: 'Not signed in' });
    return { error: clientProblem('signed-out', 'Not signed in', undefined, 401) };
  }
  const { call, media } = joined;
  const diagnostics = deps.diagnostics === false ? undefined : (deps.diagnostics ?? {});
  let signaling: HttpSignaling | undefined;
  let watch: Subscription | undefined;
  let reporter: CallReporter | undefined;
  let keeper: PresenceKeeper | undefined;

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
  let leaving: Promise<void> | undefined;
  /**
   * Leaves the call: the last quality report, "left" and "bye", then the media. `over`: the server
   * has ended the call already (the other side hung up, or it was abandoned), so the heartbeat and
   * signaling stop at once and neither "left" nor "bye" is sent — the server would refuse both
   * (409 `call-ended`), and the browser logs every refused request as an error.
   */
  const finish = (callId: string, over = false): Promise<void> => {
    if (!phase.can({ type: 'ended' })) return Promise.resolve();
    leaving ??= (async () => {
      const last = reporter;
      const going = keeper;
      reporter = undefined;
      keeper = undefined;
      if (over) {
        going?.stop();
        signaling?.close();
        signaling = undefined;
      }
      await last?.finish();
      await going?.leave();
      await teardown();
      const snapshot = deps.controller.snapshot;
      const reason = snapshot ? endReason(snapshot, callId) : undefined;
      phase.send({ type: 'ended', ...(reason ? { reason } : {}) });
    })();
    return leaving;
  };

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
    phase.send({ type: 'failed', reason: created.error.message });
    return {
      error: clientProblem(created.error.code, 'The call could not start', created.error.message, 500),
    };
  }
  transport.next(created.value);
  const joinedMedia = await created.value.join();
  if (!joinedMedia.ok) {
    await teardown();
    phase.send({ type: 'failed', reason: joinedMedia.error.message });
    return {
      error: clientProblem(
        joinedMedia.error.code,
        'Camera or microphone unavailable',
        joinedMedia.error.message,
        500,
      ),
    };
  }
  // The transport's first connection state joins the call; every later one changes the connection.
  let inCall = false;
  watch = created.value.connectionState$.subscribe((connection) => {
    phase.send(
      inCall ? { type: 'connection-changed', connection } : { type: 'joined', callId: call.id, connection },
    );
    inCall = true;
  });
  // Silent monitoring (MC-8): a monitor's offer is answered apart from the call.
  if (signaling && config.transport === 'p2p')
    watch.add(answerMonitorOffers(signaling, created.value, config.rtcConfiguration));
  if (diagnostics)
    reporter = reportCallQuality(deps.api, sessionId, call.id, created.value, media.transport, diagnostics);
  // Presence (VS-9): this side's heartbeat, the others' presence; when the server ends the call
  // (one side gone for the grace period), leave as after a hang-up.
  keeper = keepPresence(deps.api, sessionId, call.id, media.participantId, {
    onView: (view) => presence.next(view),
    onEnded: () => void deps.controller.refresh().then(() => finish(call.id, true)),
  });
  // When the other side ends the call, leave the media too, without a word to the ended call.
  watch.add(
    deps.controller.state$.subscribe((s) => {
      if (s && endReason(s, call.id)) void finish(call.id, true);
    }),
  );
  return {
    data: { callId: call.id },
    live: {
      finish,
      get leaving() {
        return leaving;
      },
    },
  };
}

/** Why the call ended, once it has (a hang-up unless the server says it was abandoned). */
function endReason(s: WireSession, callId: string): 'hung-up' | 'abandoned' | undefined {
  const call = s.calls.find((c) => c.id === callId);
  return call?.endedAt === undefined ? undefined : (call.endReason ?? 'hung-up');
}
