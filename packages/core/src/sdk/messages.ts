import { unreadableText } from '../domain/shared/text.js';
import * as z from '../validate/index.js';

/** A message id: chosen by the sender, 1–64 characters of `[A-Za-z0-9_-]` (VS-15). */
export const MESSAGE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Longest chat line or note, in UTF-16 code units, after trimming (VS-15). */
export const MAX_MESSAGE_TEXT = 4000;

export { unreadableText };

/**
 * A chat line as it travels over the call's data channel (VS-15), validated on receipt: the same id
 * the sender persists with `POST /v1/sessions/{id}/messages`, so the receiver can merge what the
 * call and the API deliver. Notes never travel over the call, so there is no kind field.
 */
export const chatDataMessageSchema = z.object({
  type: z.literal('chat'),
  id: z.string().check(z.regex(MESSAGE_ID_PATTERN)),
  text: z.string().check(
    z.minLength(1),
    z.maxLength(MAX_MESSAGE_TEXT),
    z.refine((t) => t.trim() === t && !unreadableText(t), 'Trimmed text without NUL or lone surrogates'),
  ),
  /** When the sender wrote it (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
  /** The sender's display name. */
  author: z.string().check(z.maxLength(200)),
});
/** A chat line over the data channel. */
export type ChatDataMessage = z.infer<typeof chatDataMessageSchema>;

/**
 * A received data message as a chat line, or `undefined` when it is not a valid one.
 * @example
 * transport.messages$.subscribe(({ message }) => { const line = parseChatDataMessage(message); if (line) show(line); });
 */
export function parseChatDataMessage(raw: unknown): ChatDataMessage | undefined {
  const parsed = z.safeParse(chatDataMessageSchema, raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A new message id (32 hex characters from the platform's random UUID).
 * @example
 * await sdk.api.POST('/v1/sessions/{id}/messages', { params, body: { id: newMessageId(), text } });
 */
export function newMessageId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
