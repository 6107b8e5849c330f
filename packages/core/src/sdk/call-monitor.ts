import type { components, SightlineClient } from '@sightline/api-client';
import { BehaviorSubject, type Observable } from 'rxjs';
import { MonitorLink, type MonitorPayload, readMonitorPayload } from '../call/monitor-answer';
import { connectEventStream } from '../realtime/event-stream';
import { clientProblem, type Result } from './result';

type MonitorStart = components['schemas']['MonitorStart'];

/** What a silent monitor receives of one participant. */
export interface MonitoredParticipant {
  participantId: string;
  stream: MediaStream;
}

/** A running silent monitoring (MC-8): the participants' media, and how to stop. */
export interface CallMonitor {
  readonly monitorId: string;
  readonly transport: 'p2p' | 'livekit';
  /** One entry per participant whose media has arrived; receive-only, nothing is ever sent. */
  readonly participants$: Observable<readonly MonitoredParticipant[]>;
  /** Leaves: closes the media and records the end of the monitoring. */
  stop(): Promise<void>;
}

/** What monitoring needs of a signed-in SDK instance (a `Sightline`). */
export interface CallMonitorDeps {
  readonly api: SightlineClient;
  readonly baseUrl: string;
  /** The current bearer token (a `Sightline`'s `token`). */
  readonly token: string | undefined;
}

/**
 * Watches and listens to a running call without the participants seeing or hearing anything of it
 * (MC-8). LiveKit: a hidden participant that only subscribes. Peer-to-peer: a receive-only offer to
 * each participant over the monitor's own signal channel; each participant's SDK answers it on a
 * connection apart from the call. No chat, drawing or control exist here. A function apart from
 * the `Sightline` facade, so pages that never monitor (the customer's) do not carry it.
 * @example
 * const { data: monitor } = await monitorCall(sightline, sessionId, callId);
 * monitor?.participants$.subscribe((list) => show(list));
 */
export async function monitorCall(
  deps: CallMonitorDeps,
  sessionId: string,
  callId: string,
): Promise<Result<CallMonitor>> {
  const { data, error } = await deps.api.POST('/v1/sessions/{id}/calls/{callId}/monitor', {
    params: { path: { id: sessionId, callId } },
  });
  if (error || !data)
    return { error: error ?? clientProblem('monitor-failed', 'Monitoring could not start') };
  const participants = new BehaviorSubject<readonly MonitoredParticipant[]>([]);
  const add = (participantId: string, track: MediaStreamTrack) => {
    const list = [...participants.value];
    let entry = list.find((p) => p.participantId === participantId);
    if (!entry) {
      entry = { participantId, stream: new MediaStream() };
      list.push(entry);
    }
    if (!entry.stream.getTracks().includes(track)) entry.stream.addTrack(track);
    participants.next(list);
  };
  const end = async () => {
    participants.complete();
    await deps.api.POST('/v1/sessions/{id}/calls/{callId}/monitor/{monitorId}/end', {
      params: { path: { id: sessionId, callId, monitorId: data.monitorId } },
    });
  };
  const close =
    data.media.transport === 'livekit'
      ? await watchLiveKit(data.media, add)
      : watchP2P(deps, sessionId, callId, data, add);
  return {
    data: {
      monitorId: data.monitorId,
      transport: data.media.transport,
      participants$: participants.asObservable(),
      async stop() {
        close();
        await end();
      },
    },
  };
}

/** LiveKit: a hidden, subscribe-only participant of the call's room. */
async function watchLiveKit(
  media: Extract<MonitorStart['media'], { transport: 'livekit' }>,
  add: (participantId: string, track: MediaStreamTrack) => void,
): Promise<() => void> {
  const { Room, RoomEvent } = await import('livekit-client');
  const room = new Room({ adaptiveStream: false });
  room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
    add(participant.identity, track.mediaStreamTrack);
  });
  await room.connect(media.url, media.token, { autoSubscribe: true });
  return () => void room.disconnect();
}

/** Peer-to-peer: one receive-only connection per participant, negotiated over the monitor's channel. */
function watchP2P(
  deps: CallMonitorDeps,
  sessionId: string,
  callId: string,
  start: MonitorStart,
  add: (participantId: string, track: MediaStreamTrack) => void,
): () => void {
  const media = start.media as Extract<MonitorStart['media'], { transport: 'p2p' }>;
  const configuration: RTCConfiguration = { iceServers: media.iceServers };
  const send = (to: string, payload: MonitorPayload) =>
    void deps.api.POST('/v1/sessions/{id}/calls/{callId}/monitor/{monitorId}/signals', {
      params: { path: { id: sessionId, callId, monitorId: start.monitorId } },
      body: { to, payload },
    });
  const links = new Map<string, MonitorLink>();
  const meet = (participantId: string) => {
    if (links.has(participantId) || participantId === media.participantId) return;
    const link = new MonitorLink(configuration, (p) => send(participantId, p));
    link.pc.addTransceiver('video', { direction: 'recvonly' });
    link.pc.addTransceiver('audio', { direction: 'recvonly' });
    link.pc.ontrack = (e) => add(participantId, e.track);
    links.set(participantId, link);
    void (async () => {
      const offer = await link.pc.createOffer();
      await link.pc.setLocalDescription(offer);
      send(participantId, { kind: 'monitor-offer', sdp: offer.sdp ?? '' });
    })();
  };
  for (const participantId of start.participants) meet(participantId);
  const stream = connectEventStream({
    url: new URL(media.signalingUrl, deps.baseUrl).toString(),
    getToken: () => deps.token,
  });
  let queue = Promise.resolve();
  const sub = stream.events$.subscribe((e) => {
    // A participant greeting the call (also one who joined after the monitoring began).
    if (e.event === 'participant') {
      try {
        const { participantId } = JSON.parse(e.data) as { participantId?: unknown };
        if (typeof participantId === 'string' && participantId) meet(participantId);
      } catch {
        // Not JSON: ignored.
      }
      return;
    }
    if (e.event !== 'signal') return;
    let signal: { from?: unknown; payload?: unknown };
    try {
      signal = JSON.parse(e.data) as typeof signal;
    } catch {
      return;
    }
    const link = typeof signal.from === 'string' ? links.get(signal.from) : undefined;
    const payload = readMonitorPayload(signal.payload);
    if (!link || !payload) return;
    queue = queue
      .then(async () => {
        if (payload.kind === 'monitor-answer') await link.remote({ type: 'answer', sdp: payload.sdp });
        else if (payload.kind === 'monitor-candidate') await link.candidate(payload.candidate);
      })
      .catch(() => undefined);
  });
  return () => {
    sub.unsubscribe();
    stream.close();
    for (const [participantId, link] of links) {
      send(participantId, { kind: 'monitor-bye' });
      link.close();
    }
  };
}
