import type { Subject } from 'rxjs';
import { CallError, type CallResult, fail, ok } from './call-error.js';
import { type DataMessageSchema, decodeDataMessage, encodeDataMessage } from './data-message.js';
import type { DataMessage, ReceivedMessage } from './media-transport.js';

const OUTBOX_LIMIT = 1_000;

/** Data messages over the current connection's data channel, queued while none is open. */
export interface DataPath<M extends DataMessage> {
  /** Use `channel` (from now on the only one) for messages to and from `peer`. */
  attach(channel: RTCDataChannel, peer: string): void;
  /** Validate and send, or queue until a channel opens. */
  send(message: M): CallResult;
  /** Forget queued messages. */
  clear(): void;
}

/**
 * The peer-to-peer transport's data messages: validated on the way out and in (invalid incoming
 * ones are dropped and reported), and queued — up to a limit — while the channel is not open, e.g.
 * before the connection is up or while it is being replaced.
 * @example
 * const data = createDataPath(schema, messages$, (e) => errors$.next(e));
 * data.attach(link.channel, peerId);
 * data.send({ type: 'chat', text: 'Hi' });
 */
export function createDataPath<M extends DataMessage>(
  schema: DataMessageSchema<M>,
  messages$: Subject<ReceivedMessage<M>>,
  report: (error: CallError) => void,
): DataPath<M> {
  const outbox: string[] = [];
  let current: RTCDataChannel | undefined;
  return {
    attach(channel, peer) {
      current = channel;
      channel.addEventListener('open', () => {
        for (const text of outbox.splice(0)) channel.send(text);
      });
      channel.addEventListener('message', (event: MessageEvent) => {
        const decoded = decodeDataMessage(event.data, schema);
        if (decoded.ok) messages$.next({ from: peer, message: decoded.value });
        else report(decoded.error);
      });
    },
    send(message) {
      const encoded = encodeDataMessage(message, schema);
      if (!encoded.ok) return encoded;
      if (current?.readyState === 'open') {
        try {
          current.send(encoded.value);
          return ok();
        } catch (cause) {
          return fail(new CallError('connection-failed', 'The data channel refused the message', { cause }));
        }
      }
      if (outbox.length >= OUTBOX_LIMIT) {
        return fail(new CallError('connection-failed', 'Too many messages waiting for the connection'));
      }
      outbox.push(encoded.value);
      return ok();
    },
    clear() {
      outbox.length = 0;
    },
  };
}
