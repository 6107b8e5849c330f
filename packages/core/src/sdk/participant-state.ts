import { unreadableText } from '../domain/shared/text.js';
import * as z from '../validate/index.js';

/**
 * What each side of a call tells the other about itself over the call's data channel (VS-9): its
 * name, and whether its camera and microphone are on — so a camera that is off shows as a name
 * card, not a frozen frame, and a muted microphone shows as muted. Sent when it changes and when
 * the other side is heard from first; validated on receipt.
 */
export const participantStateSchema = z.object({
  type: z.literal('call.participant'),
  /** The display name ('' when the side has none, e.g. a customer: the receiver says "the customer"). */
  name: z.string().check(
    z.maxLength(200),
    z.refine((t) => !unreadableText(t), 'Text without NUL or lone surrogates'),
  ),
  camera: z.boolean(),
  microphone: z.boolean(),
});
/** A participant's state over the data channel. */
export type ParticipantState = z.infer<typeof participantStateSchema>;

/**
 * A received data message as a participant's state, or `undefined` when it is not a valid one.
 * @example
 * transport.messages$.subscribe(({ message }) => { const s = parseParticipantState(message); if (s) show(s); });
 */
export function parseParticipantState(raw: unknown): ParticipantState | undefined {
  const parsed = z.safeParse(participantStateSchema, raw);
  return parsed.success ? parsed.data : undefined;
}
