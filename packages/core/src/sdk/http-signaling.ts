import type { SightlineClient } from '@sightline/api-client';
import { Observable, Subject, type Subscription } from 'rxjs';
import { CallError } from '../call/call-error';
import type { MediaTransport } from '../call/media-transport';
import type { MonitorSignal } from '../call/monitor-answer';
import { parseSignalMessage, type SignalingChannel, type SignalMessage } from '../call/signaling';
import { connectEventStream, type EventStream, type StreamStatus } from '../realtime/event-stream';
import * as z from '../validate/index.js';

const wireSignalSchema = z.looseObject({
  id: z.string(),
  from: z.string(),
  payload: z.unknown(),
  monitor: z.optional(z.boolean()),
});

export interface HttpSignalingOptions {
  api: SightlineClient;
  sessionId: string;
  callId: string;
  /** The absolute URL of the call's signal stream (`media.signalingUrl`). */
  url: string;
  getToken: () => string | undefined;
  fetch?: typeof fetch;
  /** How long the signal stream may take to open before `signaling-blocked` is reported (10 s). */
  openTimeoutMs?: number;
}

/** The reference server's signaling channel: the call's signals, and silent monitors' apart. */
export type HttpSignaling = SignalingChannel & {
  readonly status$: Observable<StreamStatus>;
  /** Signals of silent monitors (MC-8), kept apart from the call's (see `call/monitor-answer`). */
  readonly monitor$: Observable<MonitorSignal>;
  /** Sends a signal to one participant (a monitor's answer). */
  sendTo(to: string, payload: unknown): Promise<void>;
};

/**
 * Answers silent monitors' offers (MC-8) apart from the call, with this side's local media; the
 * answering code loads when the first offer arrives. Signals held meanwhile are not lost.
 */
export function answerMonitorOffers(
  channel: HttpSignaling,
  transport: Pick<MediaTransport, 'localStream$'>,
  rtcConfiguration: RTCConfiguration | undefined,
): Subscription {
  let answering: Promise<{ close(): void }> | undefined;
  const held: MonitorSignal[] = [];
  let deliver: ((m: MonitorSignal) => void) | undefined;
  const sub = channel.monitor$.subscribe((m) => {
    if (deliver) return deliver(m);
    held.push(m);
    answering ??= import('../call/monitor-answer').then(({ answerMonitors }) => {
      const signals$ = new Subject<MonitorSignal>();
      const answerer = answerMonitors({
        signals$,
        send: (to, payload) => void channel.sendTo(to, payload),
        localStream$: transport.localStream$,
        rtcConfiguration,
      });
      deliver = (x) => signals$.next(x);
      for (const x of held.splice(0)) deliver(x);
      return answerer;
    });
  });
  sub.add(() => void answering?.then((a) => a.close()));
  return sub;
}

/**
 * Peer-to-peer signaling through the reference server: signals are POSTed to the call and arrive on
 * its event stream (resumed with `Last-Event-ID` after a drop, so none is lost or repeated). The
 * server stamps the sender; every incoming signal is validated before it reaches the transport.
 *
 * @example
 * const signaling = createHttpSignaling({ api, sessionId, callId, url: media.signalingUrl, getToken });
 */
export function createHttpSignaling(options: HttpSignalingOptions): HttpSignaling {
  const messages = new Subject<SignalMessage>();
  const errors = new Subject<CallError>();
  // The stream opens (and replays the call's earlier signals) before the transport subscribes — it
  // first asks for camera and microphone. Signals that arrive before the first subscriber are kept
  // and handed over when it subscribes, so a peer's hello is never lost. The replay includes signals
  // meant for an earlier page load of this participant (ids survive reloads); they name that
  // incarnation as their target and the transport drops them (VS-9).
  const early: SignalMessage[] = [];
  let queue: Promise<void> = Promise.resolve();
  let subscribed = false;
  /** The call is over for this side: closed here, or ended on the server. */
  let ended = false;
  // Monitor offers replayed when the stream opens wait for the answerer, like the call's signals.
  const monitorSignals = new Subject<MonitorSignal>();
  const earlyMonitor: MonitorSignal[] = [];
  let monitorSubscribed = false;
  const monitor$ = new Observable<MonitorSignal>((subscriber) => {
    const subscription = monitorSignals.subscribe(subscriber);
    if (!monitorSubscribed) {
      monitorSubscribed = true;
      for (const m of earlyMonitor.splice(0)) subscriber.next(m);
    }
    return subscription;
  });
  const deliver = (message: SignalMessage) => {
    if (subscribed) messages.next(message);
    else early.push(message);
  };
  const messages$ = new Observable<SignalMessage>((subscriber) => {
    const subscription = messages.subscribe(subscriber);
    if (!subscribed) {
      subscribed = true;
      for (const message of early.splice(0)) subscriber.next(message);
    }
    return subscription;
  });
  const stream: EventStream = connectEventStream({
    url: options.url,
    getToken: options.getToken,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // A stream the browser does not open — HTTP/1.1 allows six connections per origin, shared by every
  // tab, and a seventh stream waits for one to close — would leave the call connecting without a
  // word: say so (the call goes on if it opens later).
  const blocked = setTimeout(
    () =>
      errors.next(
        new CallError(
          'signaling-blocked',
          'Signal stream not open: the browser may be using all its connections to the server (other tabs?)',
        ),
      ),
    options.openTimeoutMs ?? 10_000,
  );
  const subs: Subscription[] = [
    stream.status$.subscribe((s) => {
      if (s === 'open') clearTimeout(blocked);
    }),
    stream.events$.subscribe((e) => {
      if (e.event === 'ready') return;
      let json: unknown;
      try {
        json = JSON.parse(e.data);
      } catch {
        errors.next(new CallError('signaling-failed', 'A signal that is not JSON was dropped'));
        return;
      }
      const wire = z.safeParse(wireSignalSchema, json);
      if (!wire.success) {
        errors.next(
          new CallError('signaling-failed', 'A malformed signal was dropped', { cause: wire.error }),
        );
        return;
      }
      if (wire.data.monitor === true) {
        const m = { from: wire.data.from, payload: wire.data.payload };
        if (monitorSubscribed) monitorSignals.next(m);
        else earlyMonitor.push(m);
        return;
      }
      const parsed = parseSignalMessage({ from: wire.data.from, payload: wire.data.payload });
      if (parsed.ok) deliver(parsed.value);
      else errors.next(parsed.error);
    }),
    stream.closed$.subscribe((why) => {
      if (why.reason === 'refused') {
        errors.next(
          new CallError('signaling-failed', `The signal stream was refused (${why.status ?? '?'})`),
        );
      }
    }),
  ];

  return {
    messages$,
    errors$: errors.asObservable(),
    status$: stream.status$,
    monitor$,
    async sendTo(to, payload) {
      if (ended) return;
      const { error } = await options.api.POST('/v1/sessions/{id}/calls/{callId}/signals', {
        params: { path: { id: options.sessionId, callId: options.callId } },
        body: { to, payload },
      });
      if (error?.status === 409 && error.code === 'call-ended') ended = true;
    },
    send(message) {
      // Signals are sent one after another: perfect negotiation needs an ordered channel (a hello
      // before its reply, a description before its candidates), and concurrent POSTs may arrive in
      // any order.
      const sent = queue.then(async () => {
        // Nothing more once closed or once the server said the call has ended (the other side hung
        // up): candidates still queued would only be refused again.
        if (ended) return;
        const { error } = await options.api.POST('/v1/sessions/{id}/calls/{callId}/signals', {
          params: { path: { id: options.sessionId, callId: options.callId } },
          body: { payload: message.payload },
        });
        if (error?.status === 409 && error.code === 'call-ended') ended = true;
        else if (error) errors.next(new CallError('signaling-failed', error.detail ?? error.title));
      });
      queue = sent.catch(() => undefined);
      return sent;
    },
    close() {
      ended = true;
      clearTimeout(blocked);
      for (const s of subs) s.unsubscribe();
      stream.close();
      messages.complete();
      errors.complete();
      monitorSignals.complete();
    },
  };
}
