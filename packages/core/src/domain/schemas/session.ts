import * as z from 'zod/mini';
import { Id, IsoDateTime, WebUrl } from './common.js';
import { CallTransport, SessionStatus } from './enums.js';

/** One call held under a session; a session may hold several after reopening (VS-16). */
export const Call = z.object({
  id: Id,
  sessionId: Id,
  startedAt: IsoDateTime,
  endedAt: z.optional(IsoDateTime),
  transport: z.enum(CallTransport),
});
/** A parsed call. */
export type Call = z.infer<typeof Call>;

/** Who asked for the session: the customer of a device (VS-1) or a staff user (VS-5). */
export const SessionRequester = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), deviceId: Id }),
  z.object({ kind: z.literal('staff'), userId: Id }),
]);
/** A parsed requester. */
export type SessionRequester = z.infer<typeof SessionRequester>;

/**
 * A video session (VS-1..VS-16) as stored and sent on the wire.
 * @example
 * const session = z.parse(Session, await res.json());
 */
export const Session = z.object({
  id: Id,
  organizationId: Id,
  portalId: Id,
  deviceId: Id,
  teamId: z.nullable(Id),
  assigneeIds: z._default(z.array(Id), []),
  status: z.enum(SessionStatus),
  reason: z.string().check(z.minLength(1), z.maxLength(2000)),
  ticketLinks: z._default(z.array(WebUrl), []),
  requestedBy: SessionRequester,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  cancelReason: z.optional(z.string().check(z.maxLength(2000))),
  calls: z._default(z.array(Call), []),
});
/** A parsed session. */
export type Session = z.infer<typeof Session>;
