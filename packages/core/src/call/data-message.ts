import * as z from '../validate/index.js';
import { CallError, type CallResult, fail, ok } from './call-error.js';
import type { DataMessage } from './media-transport.js';

/**
 * Largest encoded data message accepted, in bytes. Chromium and Firefox interoperate up to 256 KiB per
 * SCTP message, LiveKit's reliable data packets up to about 15 KiB before fragmentation hurts; AR and chat
 * messages are far smaller, and images travel as uploads, not data messages.
 */
export const MAX_DATA_MESSAGE_BYTES = 64 * 1024;

/** Version 1 of the wire envelope around a data message: `{"v":1,"m":{…}}`. */
const envelopeSchema = z.object({ v: z.literal(1), m: z.unknown() });

/** A schema (`validate/`) for the messages of one call (the default accepts any `{ type: string }`). */
export type DataMessageSchema<M extends DataMessage> = z.Schema<M>;

/**
 * Validate and encode a data message for the wire.
 * @example
 * const r = encodeDataMessage({ type: 'chat', text: 'hi' }, dataMessageSchema);
 * if (r.ok) channel.send(r.value);
 */
export function encodeDataMessage<M extends DataMessage>(
  message: M,
  schema: DataMessageSchema<M>,
): CallResult<string> {
  const parsed = z.safeParse(schema, message);
  if (!parsed.success) {
    return fail(
      new CallError('invalid-message', 'Outgoing data message is invalid', { cause: parsed.error }),
    );
  }
  let text: string;
  try {
    text = JSON.stringify({ v: 1, m: parsed.data });
  } catch (cause) {
    return fail(new CallError('invalid-message', 'Outgoing data message is not serializable', { cause }));
  }
  if (byteLength(text) > MAX_DATA_MESSAGE_BYTES) {
    return fail(
      new CallError('message-too-large', `Data message exceeds ${MAX_DATA_MESSAGE_BYTES} bytes`, {
        cause: byteLength(text),
      }),
    );
  }
  return ok(text);
}

/**
 * Decode and validate a data message received from the wire. Anything malformed (not JSON, wrong
 * envelope, failing the schema, too large) is an `invalid-message` / `message-too-large` error value.
 * @example
 * const r = decodeDataMessage(event.data, dataMessageSchema);
 * if (r.ok) messages.next(r.value); else errors.next(r.error);
 */
export function decodeDataMessage<M extends DataMessage>(
  raw: unknown,
  schema: DataMessageSchema<M>,
): CallResult<M> {
  const text =
    typeof raw === 'string' ? raw : raw instanceof Uint8Array ? new TextDecoder().decode(raw) : undefined;
  if (text === undefined) return fail(new CallError('invalid-message', 'Data message is not text'));
  if (byteLength(text) > MAX_DATA_MESSAGE_BYTES) {
    return fail(new CallError('message-too-large', `Data message exceeds ${MAX_DATA_MESSAGE_BYTES} bytes`));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return fail(new CallError('invalid-message', 'Data message is not JSON', { cause }));
  }
  const envelope = z.safeParse(envelopeSchema, json);
  if (!envelope.success) {
    return fail(
      new CallError('invalid-message', 'Data message envelope is invalid', { cause: envelope.error }),
    );
  }
  const message = z.safeParse(schema, envelope.data.m);
  if (!message.success) {
    return fail(new CallError('invalid-message', 'Data message failed validation', { cause: message.error }));
  }
  return ok(message.data);
}

function byteLength(text: string): number {
  // Fast path: a UTF-16 length below the limit / 3 cannot exceed it in UTF-8.
  return text.length * 3 <= MAX_DATA_MESSAGE_BYTES ? text.length : new TextEncoder().encode(text).byteLength;
}
