import type { Observable, Subscription } from 'rxjs';

/** A signal from a silent monitor (MC-8), as the server marks it: who sent it and what. */
export interface MonitorSignal {
  from: string;
  payload: unknown;
}

/** The signals of silent monitoring, both ways. */
export type MonitorPayload =
  | { kind: 'monitor-offer'; sdp: string }
  | { kind: 'monitor-answer'; sdp: string }
  | { kind: 'monitor-candidate'; candidate: RTCIceCandidateInit }
  | { kind: 'monitor-bye' };

/** Reads a monitor payload; `undefined` for anything else (dropped). */
export function readMonitorPayload(value: unknown): MonitorPayload | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (
    (v.kind === 'monitor-offer' || v.kind === 'monitor-answer') &&
    typeof v.sdp === 'string' &&
    v.sdp.length < 100_000
  )
    return { kind: v.kind, sdp: v.sdp };
  if (v.kind === 'monitor-candidate' && v.candidate && typeof v.candidate === 'object') {
    const c = v.candidate as Record<string, unknown>;
    if (typeof c.candidate !== 'string') return undefined;
    return {
      kind: 'monitor-candidate',
      candidate: {
        candidate: c.candidate,
        sdpMid: typeof c.sdpMid === 'string' ? c.sdpMid : null,
        sdpMLineIndex: typeof c.sdpMLineIndex === 'number' ? c.sdpMLineIndex : null,
      },
    };
  }
  if (v.kind === 'monitor-bye') return { kind: 'monitor-bye' };
  return undefined;
}

/**
 * One side of a silent monitoring link, the same for both ends: a peer connection per monitor (or
 * per participant, on the monitor's side) whose candidates wait for the remote description.
 */
export class MonitorLink {
  readonly pc: RTCPeerConnection;
  #ready = false;
  #waiting: RTCIceCandidateInit[] = [];

  constructor(configuration: RTCConfiguration | undefined, send: (payload: MonitorPayload) => void) {
    this.pc = new RTCPeerConnection(configuration);
    this.pc.onicecandidate = (e) => {
      if (e.candidate) send({ kind: 'monitor-candidate', candidate: e.candidate.toJSON() });
    };
  }

  async remote(description: RTCSessionDescriptionInit): Promise<void> {
    await this.pc.setRemoteDescription(description);
    this.#ready = true;
    for (const c of this.#waiting.splice(0)) await this.pc.addIceCandidate(c);
  }

  async candidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (this.#ready) await this.pc.addIceCandidate(candidate);
    else this.#waiting.push(candidate);
  }

  close(): void {
    this.pc.onicecandidate = null;
    this.pc.close();
  }
}

export interface MonitorAnswererOptions {
  /** Monitor signals addressed to this participant (the server vouches they come from a monitor). */
  signals$: Observable<MonitorSignal>;
  /** Sends a signal to one monitor. */
  send(to: string, payload: MonitorPayload): void;
  /** This side's camera and microphone, as the call has them now (and whenever they change). */
  localStream$: Observable<MediaStream | null | undefined>;
  rtcConfiguration?: RTCConfiguration | undefined;
}

/**
 * The participant's side of silent monitoring (MC-8): answers each monitor's receive-only offer on
 * a connection of its own that only sends this side's tracks — never part of the call, never shown
 * as a participant, never receiving anything. Follows camera and microphone changes.
 */
export function answerMonitors(options: MonitorAnswererOptions): { close(): void } {
  const links = new Map<string, MonitorLink>();
  let stream: MediaStream | null | undefined;
  const subs: Subscription[] = [];
  let queue = Promise.resolve();

  subs.push(
    options.localStream$.subscribe((s) => {
      stream = s;
      for (const link of links.values()) {
        for (const sender of link.pc.getSenders()) {
          const kind = sender.track?.kind ?? (sender as { kind?: string }).kind;
          const next = s?.getTracks().find((t) => t.kind === kind) ?? null;
          if (sender.track !== next) void sender.replaceTrack(next).catch(() => undefined);
        }
      }
    }),
  );

  async function handle(from: string, payload: MonitorPayload): Promise<void> {
    if (payload.kind === 'monitor-offer') {
      links.get(from)?.close();
      const link = new MonitorLink(options.rtcConfiguration, (p) => options.send(from, p));
      links.set(from, link);
      await link.remote({ type: 'offer', sdp: payload.sdp });
      // The offer's receive-only lines take this side's tracks: the answer is send-only.
      for (const track of stream?.getTracks() ?? []) link.pc.addTrack(track, stream!);
      for (const t of link.pc.getTransceivers()) if (t.direction === 'sendrecv') t.direction = 'sendonly';
      const answer = await link.pc.createAnswer();
      await link.pc.setLocalDescription(answer);
      options.send(from, { kind: 'monitor-answer', sdp: answer.sdp ?? '' });
    } else if (payload.kind === 'monitor-candidate') {
      await links.get(from)?.candidate(payload.candidate);
    } else if (payload.kind === 'monitor-bye') {
      links.get(from)?.close();
      links.delete(from);
    }
  }

  subs.push(
    options.signals$.subscribe(({ from, payload }) => {
      const read = readMonitorPayload(payload);
      if (!read) return;
      queue = queue.then(() => handle(from, read)).catch(() => undefined);
    }),
  );

  return {
    close() {
      for (const s of subs) s.unsubscribe();
      for (const link of links.values()) link.close();
      links.clear();
    },
  };
}
