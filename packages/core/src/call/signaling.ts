import { type Observable, Subject } from 'rxjs';
import * as z from '../validate/index.js';
import { CallError, type CallResult, fail, ok } from './call-error.js';

const descriptionSchema = z.object({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.optional(z.string()),
});

const candidateSchema = z.object({
  candidate: z.optional(z.string()),
  sdpMid: z.optional(z.nullable(z.string())),
  sdpMLineIndex: z.optional(z.nullable(z.number())),
  usernameFragment: z.optional(z.nullable(z.string())),
});

const incarnation = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * The payload of a signaling message. `hello` announces a participant (a `reply` answers one and is
 * never answered itself); `bye` says it left; `description` and `candidate` carry WebRTC negotiation.
 *
 * Every payload names the sender's `instance`: a random id per join (and per rebuilt connection), since
 * participant ids survive page reloads and the server replays a call's earlier signals to whoever
 * (re)joins (VS-9). Replies, descriptions, candidates and byes also name the `target` instance they are
 * meant for; a receiver drops what was meant for an earlier incarnation of itself.
 */
export const signalPayloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('description'),
    instance: incarnation,
    target: incarnation,
    description: descriptionSchema,
  }),
  z.object({
    kind: z.literal('candidate'),
    instance: incarnation,
    target: incarnation,
    candidate: z.nullable(candidateSchema),
  }),
  z
    .object({
      kind: z.literal('hello'),
      instance: incarnation,
      target: z.optional(incarnation),
      reply: z.optional(z.boolean()),
    })
    .check(z.refine((hello) => !hello.reply || hello.target !== undefined, 'A reply names its target')),
  z.object({ kind: z.literal('bye'), instance: incarnation, target: z.optional(incarnation) }),
]);

/**
 * One signaling message: the sender's participant id and a payload. This is the body the reference
 * server relays (POST /v1/sessions/{id}/calls/{callId}/signals, streamed back over SSE on the same
 * path); on the server the sender is taken from the credentials, never trusted from the body.
 */
export const signalMessageSchema = z.object({
  from: z.string().check(z.minLength(1)),
  payload: signalPayloadSchema,
});

/** {@link signalPayloadSchema}'s type. */
export type SignalPayload = z.infer<typeof signalPayloadSchema>;
/** {@link signalMessageSchema}'s type. */
export type SignalMessage = z.infer<typeof signalMessageSchema>;

/**
 * Validate a signaling message received from the wire (already JSON-parsed).
 * @example
 * const r = parseSignalMessage(JSON.parse(event.data));
 * if (r.ok) messages.next(r.value); else errors.next(r.error);
 */
export function parseSignalMessage(raw: unknown): CallResult<SignalMessage> {
  const parsed = z.safeParse(signalMessageSchema, raw);
  if (!parsed.success) {
    return fail(
      new CallError('signaling-failed', 'Malformed signaling message dropped', { cause: parsed.error }),
    );
  }
  return ok(parsed.data);
}

/**
 * How call participants exchange WebRTC negotiation. Implementations validate what they receive with
 * {@link parseSignalMessage}: malformed messages are dropped and emitted on `errors$`, never thrown.
 * Messages a participant sent itself may be echoed back; transports ignore them.
 * @example
 * const channel: SignalingChannel = createHttpSignaling({ baseUrl, sessionId, callId, token }); // later
 * channel.messages$.subscribe((m) => console.log(m.from, m.payload.kind));
 * await channel.send({ from: me, payload: { kind: 'hello', instance: crypto.randomUUID() } });
 */
export interface SignalingChannel {
  /** Deliver a message to the other participants; rejects only on a transport failure. */
  send(message: SignalMessage): Promise<void>;
  /** Valid messages from the other participants, in the order they were sent. */
  readonly messages$: Observable<SignalMessage>;
  /** Malformed messages that were dropped, and delivery problems. */
  readonly errors$: Observable<CallError>;
  /** Stop receiving and release the connection. */
  close(): void;
}

/** Two signaling channels wired to each other in memory, plus test controls. */
export interface LoopbackSignaling {
  readonly a: SignalingChannel;
  readonly b: SignalingChannel;
  /** Deliver an arbitrary (possibly malformed) value to one side as if it came off the wire. */
  deliverRaw(to: 'a' | 'b', raw: unknown): void;
}

/**
 * A pair of in-memory signaling channels for tests and same-page demos. Messages go through
 * `JSON.stringify`/`JSON.parse` and validation like on a real wire, asynchronously and in order.
 * @param options.latencyMs one-way delay (default 0: next macrotask)
 * @example
 * const link = createLoopbackSignaling({ latencyMs: 20 });
 * const staff = createP2PTransport({ participantId: 's', peerId: 'c', signaling: link.a, role: 'staff' });
 * const customer = createP2PTransport({ participantId: 'c', peerId: 's', signaling: link.b, role: 'customer' });
 */
export function createLoopbackSignaling(options: { latencyMs?: number } = {}): LoopbackSignaling {
  const latency = options.latencyMs ?? 0;
  const sides = { a: createSide(), b: createSide() };

  function deliverRaw(to: 'a' | 'b', raw: unknown): void {
    const side = sides[to];
    setTimeout(() => {
      if (side.closed) return;
      const result = parseSignalMessage(raw);
      if (result.ok) side.messages.next(result.value);
      else side.errors.next(result.error);
    }, latency);
  }

  function channel(self: 'a' | 'b'): SignalingChannel {
    const side = sides[self];
    const other = self === 'a' ? 'b' : 'a';
    return {
      send(message) {
        if (side.closed)
          return Promise.reject(new CallError('signaling-failed', 'Signaling channel is closed'));
        deliverRaw(other, JSON.parse(JSON.stringify(message)));
        return Promise.resolve();
      },
      messages$: side.messages.asObservable(),
      errors$: side.errors.asObservable(),
      close() {
        side.closed = true;
        side.messages.complete();
        side.errors.complete();
      },
    };
  }

  return { a: channel('a'), b: channel('b'), deliverRaw };
}

function createSide() {
  return { messages: new Subject<SignalMessage>(), errors: new Subject<CallError>(), closed: false };
}
