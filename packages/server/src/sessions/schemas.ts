import { z } from '@hono/zod-openapi';
import { isWebUrl, WEB_URL_PATTERN } from '@sightline/core/domain';

export const SessionStatusSchema = z
  .enum(['requested', 'confirmed', 'running', 'completed', 'closed', 'cancelled'])
  .openapi('SessionStatus');

export const CallSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    startedAt: z.iso.datetime({ offset: true }),
    endedAt: z.iso.datetime({ offset: true }).optional(),
    endReason: z.enum(['hung-up', 'abandoned']).optional().openapi({
      description:
        'Why an ended call ended: someone hung up, or one side was gone for the grace period (VS-9).',
    }),
    transport: z.enum(['p2p', 'livekit']),
  })
  .openapi('Call');

export const SessionSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    portalId: z.string(),
    deviceId: z.string(),
    teamId: z.string().nullable(),
    assigneeIds: z.array(z.string()),
    assignees: z
      .array(
        z.object({
          id: z.string(),
          displayName: z.string(),
          deleted: z
            .boolean()
            .openapi({ description: 'The user was deleted; the session keeps naming them.' }),
        }),
      )
      .optional()
      .openapi({
        description:
          'Who holds the session (VS-3), in `assigneeIds` order; empty while it waits for its team. On HTTP answers and session events.',
      }),
    status: SessionStatusSchema,
    reason: z.string(),
    ticketLinks: z.array(z.string()),
    requestedBy: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('customer'), deviceId: z.string() }),
      z.object({ kind: z.literal('staff'), userId: z.string() }),
    ]),
    recordingConsent: z.enum(['granted', 'denied']).optional(),
    cancelReason: z.string().optional(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Increments on every change; the ETag is derived from it.' }),
    calls: z.array(CallSchema).openapi({ description: 'Every call held under the session (VS-16).' }),
    queuedUntil: z.iso.datetime({ offset: true }).optional().openapi({
      description:
        'A request made outside the portal’s business hours (portal `outsideHours: queue`) waits until then (MC-6).',
    }),
    dataPurgedAt: z.iso.datetime({ offset: true }).optional().openapi({
      description:
        'When the session’s data (reason, ticket links, chat, screenshots, summary, diagnostics, recordings) was deleted at the end of its retention period (MC-14); the session keeps what reports count. Its data routes answer 410 `retention-expired` since.',
    }),
    capabilities: z.array(z.string()).optional().openapi({
      description:
        'What the caller may do in this session (`Capability` values of the shared rules: role, session scope and the effective features of portal, team and agent, MC-5). On every HTTP response; absent from events, which reach many callers.',
    }),
  })
  .openapi('Session');

export type SessionWire = z.infer<typeof SessionSchema>;

export const CreateSessionRequest = z
  .strictObject({
    deviceId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Required for staff; a customer may omit it (their token has one device).' }),
    reason: z.string().trim().min(1).max(2000),
    ticketLinks: z
      .array(
        z
          .string()
          .max(2000)
          .refine(isWebUrl, 'Only absolute http: and https: URLs are accepted.')
          .openapi({ format: 'uri', pattern: WEB_URL_PATTERN }),
      )
      .max(20)
      .optional()
      .openapi({
        description:
          'Links to tickets in the host’s systems: absolute `http:` or `https:` URLs as given (printable ASCII, without surrounding spaces: percent-encode the rest, host names in punycode); any other scheme (`javascript:`, `data:`…) is refused with 400 naming the item.',
      }),
    recordingConsent: z
      .enum(['granted', 'denied'])
      .optional()
      .openapi({ description: 'Customer only, and only when the portal records (VS-1, VS-10).' }),
    assigneeIds: z.array(z.string().min(1).max(200)).max(20).optional().openapi({
      description: 'Staff only: users to assign; an agent creating a session is assigned by default.',
    }),
  })
  .openapi('CreateSessionRequest');

export const CancelSessionRequest = z
  .strictObject({ reason: z.string().trim().max(2000).optional() })
  .openapi('CancelSessionRequest');

export const SessionPage = z
  .object({
    items: z.array(SessionSchema),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null at the end.' }),
  })
  .openapi('SessionPage');

export const SessionListQuery = z.object({
  status: SessionStatusSchema.optional(),
  deviceId: z.string().max(200).optional(),
  assigneeId: z.string().max(200).optional(),
  portalId: z.string().max(200).optional().openapi({ description: 'Only sessions of this portal (MC-10).' }),
  teamId: z.string().max(200).optional().openapi({ description: 'Only sessions held by this team (MC-10).' }),
  q: z.string().min(1).max(200).optional().openapi({
    description:
      'A session id, or words of the reason: each word matches the start of a word (`boil e4` finds “Boiler shows E42”), all must match (MC-10).',
  }),
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Only sessions requested at or after this instant (MC-10).' }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Only sessions requested before this instant (MC-10).' }),
  ticket: z.string().min(1).max(2000).optional().openapi({
    description:
      'Only sessions linking this ticket (exactly one of its `ticketLinks`), as a CRM finds them (SI-12).',
  }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const SessionIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
