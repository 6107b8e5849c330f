import * as z from 'zod/mini';

// What the SDK reads from the wire, validated at the edge (DESIGN: "Wire data … is validated with zod
// at the edge"). Loose objects: fields added by a newer server pass through untouched.

const isoDate = z.string();

export const wireCallSchema = z.looseObject({
  id: z.string(),
  sessionId: z.string(),
  startedAt: isoDate,
  endedAt: z.optional(isoDate),
  transport: z.enum(['p2p', 'livekit']),
});

export const wireSessionSchema = z.looseObject({
  id: z.string(),
  organizationId: z.string(),
  portalId: z.string(),
  deviceId: z.string(),
  teamId: z.nullable(z.string()),
  assigneeIds: z.array(z.string()),
  status: z.enum(['requested', 'confirmed', 'running', 'completed', 'closed', 'cancelled']),
  reason: z.string(),
  ticketLinks: z.array(z.string()),
  createdAt: isoDate,
  updatedAt: isoDate,
  version: z.number(),
  calls: z.array(wireCallSchema),
  /** The caller's capabilities in this session (HTTP answers only; events carry none). */
  capabilities: z.optional(z.array(z.string())),
  /** A request made outside business hours waits until then. */
  queuedUntil: z.optional(isoDate),
});

/** A session as the API sends it. */
export type WireSession = z.infer<typeof wireSessionSchema>;
export type WireCall = z.infer<typeof wireCallSchema>;

/** The envelope of every event on `GET /v1/events`. */
export const wireEventSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  sessionId: z.string(),
  at: isoDate,
  data: z.record(z.string(), z.unknown()),
});

const sessionPayloadSchema = z.looseObject({ session: wireSessionSchema });

/** A realtime event after validation: what the SDK acts on. Unknown kinds are kept for listeners. */
export type RealtimeEvent =
  | { type: 'session.created' | 'session.changed'; id: string; at: string; session: WireSession }
  | { type: 'other'; id: string; at: string; name: string; sessionId: string; data: Record<string, unknown> };

/** Why a realtime event was dropped instead of applied. */
export interface InvalidEvent {
  type: 'invalid-event';
  id: string | undefined;
  name: string;
  message: string;
}

/**
 * Validates one server-sent event; bad input becomes an {@link InvalidEvent} value, never an exception.
 */
export function parseRealtimeEvent(
  id: string | undefined,
  name: string,
  data: string,
): RealtimeEvent | InvalidEvent {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { type: 'invalid-event', id, name, message: 'data is not JSON' };
  }
  const envelope = z.safeParse(wireEventSchema, json);
  if (!envelope.success) return { type: 'invalid-event', id, name, message: envelope.error.message };
  const e = envelope.data;
  if (e.type === 'session.created' || e.type === 'session.changed') {
    const payload = z.safeParse(sessionPayloadSchema, e.data);
    if (!payload.success) return { type: 'invalid-event', id, name, message: payload.error.message };
    return { type: e.type, id: e.id, at: e.at, session: payload.data.session };
  }
  return { type: 'other', id: e.id, at: e.at, name: e.type, sessionId: e.sessionId, data: e.data };
}
