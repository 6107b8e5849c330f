// Browser test support for the peer-to-peer transport: two transports on a simulated signaling
// server, and waiting for real media. Used by the *.browser.test.ts files beside the transport only.
import { filter, firstValueFrom, type Observable, ReplaySubject, Subject, timeout } from 'rxjs';
import { CallError } from '../call-error.js';
import { createP2PTransport, type P2PTransport } from '../p2p-transport.js';
import { exponentialBackoff, type ReconnectPolicy } from '../reconnect-policy.js';
import {
  createLoopbackSignaling,
  parseSignalMessage,
  type SignalingChannel,
  type SignalMessage,
} from '../signaling.js';

export type Pair = { staff: P2PTransport; customer: P2PTransport };
const open: P2PTransport[] = [];
const videos: HTMLVideoElement[] = [];

export const testPolicy = (patch: { setupTimeoutMs?: number } = {}): ReconnectPolicy =>
  exponentialBackoff({ baseMs: 1_000, maxAttempts: 4, disconnectedGraceMs: 100, ...patch });

/** A transport that {@link releaseAll} leaves after the test. */
export function transport(options: {
  participantId: string;
  role: 'staff' | 'customer';
  signaling: SignalingChannel;
  camera?: boolean;
  reconnect?: ReconnectPolicy;
  /** In place of the browser's (e.g. the real one, answering only when a test lets it). */
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
}): P2PTransport {
  const created = createP2PTransport({
    participantId: options.participantId,
    signaling: options.signaling,
    role: options.role,
    reconnect: options.reconnect ?? testPolicy(),
    deps: {
      isPhone: () => false,
      ...(options.getUserMedia ? { getUserMedia: options.getUserMedia } : {}),
    },
    ...(options.camera === undefined ? {} : { camera: options.camera }),
  });
  open.push(created);
  return created;
}

/** Staff (`staff-1`, signaling side a) and customer (`customer-1`, side b); the customer initiates. */
export function pair(
  options: {
    staffCamera?: boolean;
    latencyMs?: number;
    reconnect?: ReconnectPolicy;
    signaling?: { a: SignalingChannel; b: SignalingChannel };
  } = {},
): Pair {
  const link = options.signaling ?? createLoopbackSignaling({ latencyMs: options.latencyMs ?? 0 });
  const shared = options.reconnect ? { reconnect: options.reconnect } : {};
  const staff = transport({
    participantId: 'staff-1',
    role: 'staff',
    signaling: link.a,
    ...shared,
    ...(options.staffCamera === undefined ? {} : { camera: options.staffCamera }),
  });
  const customer = transport({ participantId: 'customer-1', role: 'customer', signaling: link.b, ...shared });
  return { staff, customer };
}

/** Leave every transport created here and remove every <video>. */
export async function releaseAll(): Promise<void> {
  await Promise.all(open.splice(0).map((t) => t.leave()));
  for (const video of videos.splice(0)) video.remove();
}

export function until<T>(source: Observable<T>, predicate: (value: T) => boolean, ms = 10_000): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate), timeout(ms)));
}

export const connected = (t: P2PTransport, ms = 10_000) =>
  until(t.connectionState$, (s) => s === 'connected', ms);

/** Polls `check` every 20 ms until it holds. */
export async function eventually(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves when the remote stream has a video track and a <video> playing it presents a frame. */
export async function firstRemoteFrame(transport: P2PTransport, ms = 10_000): Promise<HTMLVideoElement> {
  const stream = await until(transport.remoteStream$, (s) => (s?.getVideoTracks().length ?? 0) > 0, ms);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  videos.push(video);
  await video.play();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no video frame')), ms);
    video.requestVideoFrameCallback(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  return video;
}

/** Frames decoded from the remote video over `ms`, read from getStats(). */
export async function framesDuring(transport: P2PTransport, ms = 700): Promise<number> {
  const before = (await transport.stats()).framesDecoded ?? 0;
  await new Promise((r) => setTimeout(r, ms));
  return ((await transport.stats()).framesDecoded ?? 0) - before;
}

/** Both connected, and each decodes a frame of the other's video. Resolves with the time it took. */
export async function mediaBothWays(a: P2PTransport, b: P2PTransport, ms = 10_000): Promise<number> {
  const t0 = performance.now();
  await Promise.all([connected(a, ms), connected(b, ms), firstRemoteFrame(a, ms), firstRemoteFrame(b, ms)]);
  return performance.now() - t0;
}

/** A signaling server stand-in that stores every signal and replays them to each new connection. */
export interface ReplayingRelay {
  /** A participant's connection: it first receives every signal sent so far, then live ones. */
  connect(): SignalingChannel;
  readonly log: readonly SignalMessage[];
}

/**
 * Like the reference server's call signals (GET /v1/sessions/{id}/calls/{callId}/signals starts at
 * the call's first signal): signals go through JSON and validation, in order, on the next macrotask.
 */
export function createReplayingRelay(): ReplayingRelay {
  const log: SignalMessage[] = [];
  const peers = new Set<{ messages: Subject<SignalMessage>; closed: boolean }>();
  const deliver = (to: { messages: Subject<SignalMessage>; closed: boolean }, raw: unknown) =>
    setTimeout(() => {
      const parsed = parseSignalMessage(raw);
      if (!to.closed && parsed.ok) to.messages.next(parsed.value);
    });
  return {
    log,
    connect() {
      const self = { messages: new ReplaySubject<SignalMessage>(), closed: false };
      for (const message of log) deliver(self, JSON.parse(JSON.stringify(message)));
      peers.add(self);
      return {
        send(message) {
          if (self.closed) return Promise.reject(new CallError('signaling-failed', 'closed'));
          log.push(JSON.parse(JSON.stringify(message)));
          for (const peer of peers) if (peer !== self) deliver(peer, JSON.parse(JSON.stringify(message)));
          return Promise.resolve();
        },
        messages$: self.messages.asObservable(),
        errors$: new Subject<CallError>().asObservable(),
        close() {
          self.closed = true;
          peers.delete(self);
        },
      };
    },
  };
}

/**
 * Wraps two signaling channels so that no ICE candidate of the first connection between them gets
 * through (trickled or inside its descriptions): that connection's ICE can make no progress.
 */
export function dropFirstConnectionCandidates(link: { a: SignalingChannel; b: SignalingChannel }): {
  a: SignalingChannel;
  b: SignalingChannel;
  dropped: () => number;
} {
  const first: { a?: string; b?: string } = {};
  let dropped = 0;
  const isFirst = (payload: SignalMessage['payload']) => {
    const ends = [payload.instance, 'target' in payload ? payload.target : undefined];
    return ends.includes(first.a) && ends.includes(first.b);
  };
  const wrap = (side: 'a' | 'b'): SignalingChannel => {
    const channel = link[side];
    return {
      ...channel,
      send(message) {
        const { payload } = message;
        first[side] ??= payload.instance;
        if (payload.kind === 'candidate' && isFirst(payload)) {
          dropped += 1;
          return Promise.resolve();
        }
        if (payload.kind === 'description' && isFirst(payload) && payload.description.sdp) {
          const sdp = payload.description.sdp.replace(/^a=candidate:.*\r\n/gm, '');
          return channel.send({
            ...message,
            payload: { ...payload, description: { ...payload.description, sdp } },
          });
        }
        return channel.send(message);
      },
    };
  };
  return { a: wrap('a'), b: wrap('b'), dropped: () => dropped };
}
