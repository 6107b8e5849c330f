import { z } from '@hono/zod-openapi';
import { webhookEventTypes } from './events.js';

export const WebhookEventType = z
  .enum(webhookEventTypes)
  .openapi('WebhookEventType', { description: 'A kind of webhook event.' });

const EventSelection = z
  .array(z.enum(['*', ...webhookEventTypes]))
  .min(1)
  .max(webhookEventTypes.length + 1)
  .refine((events) => !events.includes('*') || events.length === 1, {
    message: 'Use ["*"] alone for every event, or list the events.',
  })
  .openapi({
    description:
      'The events sent to the endpoint: a non-empty list, or `["*"]` for every event (also those added later).',
    example: ['session.completed', 'summary.created'],
  });

const WebhookUrl = z.string().trim().min(1).max(2000).openapi({
  description:
    'Where events are POSTed: https (http too when the server allows private targets). Hosts on private, loopback, link-local or other non-public addresses are refused unless allowed.',
  example: 'https://crm.example.com/hooks/sightline',
});

const PortalFilter = z
  .array(z.string().min(1).max(200))
  .min(1)
  .max(100)
  .nullable()
  .openapi({ description: 'Only events of sessions in these portals; `null`: every portal.' });

export const DisabledReason = z.enum(['manual', 'endpoint-gone', 'failing']).openapi({
  description:
    '`manual`: disabled through the API; `endpoint-gone`: the receiver answered 410 Gone; `failing`: every attempt failed for days.',
});

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()).openapi({ description: 'Event types, or `["*"]`.' }),
    portalIds: z.array(z.string()).nullable(),
    enabled: z.boolean(),
    disabledReason: DisabledReason.nullable(),
    disabledAt: z.string().nullable(),
    previousSecretExpiresAt: z.string().nullable().openapi({
      description:
        'While set and in the future, the previous secret also signs every message (after a rotation).',
    }),
    lastSuccessAt: z.string().nullable(),
    failingSince: z
      .string()
      .nullable()
      .openapi({ description: 'First failed attempt since the last success; null while healthy.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WebhookEndpoint');
export type WebhookEndpointWire = z.infer<typeof WebhookEndpointSchema>;

const Secret = z.string().openapi({
  description:
    'The signing secret `whsec_<base64>` for the `standardwebhooks` libraries, shown only in this answer.',
});

export const CreatedWebhookEndpoint = WebhookEndpointSchema.extend({ secret: Secret }).openapi(
  'CreatedWebhookEndpoint',
);

export const WebhookEndpointList = z
  .object({ items: z.array(WebhookEndpointSchema) })
  .openapi('WebhookEndpointList');

export const CreateWebhookEndpointRequest = z
  .strictObject({
    url: WebhookUrl,
    description: z.string().trim().max(500).optional(),
    events: EventSelection,
    portalIds: PortalFilter.optional(),
  })
  .openapi('CreateWebhookEndpointRequest');

export const UpdateWebhookEndpointRequest = z
  .strictObject({
    url: WebhookUrl.optional(),
    description: z.string().trim().max(500).optional(),
    events: EventSelection.optional(),
    portalIds: PortalFilter.optional(),
    enabled: z
      .boolean()
      .optional()
      .openapi({ description: 'false disables (pending deliveries fail); true enables it again.' }),
  })
  .openapi('UpdateWebhookEndpointRequest');

export const RotateSecretRequest = z
  .strictObject({
    overlapSeconds: z.number().int().min(0).max(86_400).optional().openapi({
      description:
        'How long the old secret keeps signing next to the new one (default 86400 s = 24 h; 0: stop at once).',
    }),
  })
  .openapi('RotateWebhookSecretRequest');

export const RotatedSecret = z
  .object({
    secret: Secret,
    previousSecretExpiresAt: z.string().nullable(),
  })
  .openapi('RotatedWebhookSecret');

export const WebhookIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const DeliveryParams = WebhookIdParams.extend({
  deliveryId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'deliveryId', in: 'path' } }),
});

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed']);

export const DeliveryListQuery = z.object({
  status: DeliveryStatus.optional(),
  event: z.enum([...webhookEventTypes, 'webhook.test']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1–100).' }),
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}$/)
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page.' }),
});

export const WebhookAttemptSchema = z
  .object({
    at: z.string(),
    statusCode: z.number().int().nullable().openapi({ description: 'null when no answer came.' }),
    durationMs: z.number().int(),
    error: z.string().nullable(),
    responseExcerpt: z.string().nullable().openapi({ description: 'The first 1 KB of the answer.' }),
  })
  .openapi('WebhookAttempt');

export const WebhookDeliverySchema = z
  .object({
    id: z
      .string()
      .openapi({ description: 'The `webhook-id` header: the same on every attempt; dedupe by it.' }),
    endpointId: z.string(),
    eventType: z.string(),
    status: DeliveryStatus,
    attemptCount: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('WebhookDelivery');

export const WebhookDeliveryPage = z
  .object({ items: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable() })
  .openapi('WebhookDeliveryPage');

export const WebhookDeliveryDetail = WebhookDeliverySchema.extend({
  payload: z.unknown().openapi({ description: 'The body sent, as JSON.' }),
  attempts: z.array(WebhookAttemptSchema).openapi({ description: 'Every attempt, oldest first.' }),
}).openapi('WebhookDeliveryDetail');

/** The body of every webhook (Standard Webhooks): ids and links, never summary text or customer data. */
export const WebhookPayloadSchema = z
  .object({
    type: WebhookEventType,
    timestamp: z.string().openapi({ description: 'When the event happened (ISO 8601).' }),
    data: z.object({
      sessionId: z.string(),
      status: z
        .string()
        .optional()
        .openapi({ description: 'The session’s status (session events) or the summary’s (summary events).' }),
      summaryId: z.string().optional(),
      recordingId: z.string().optional().openapi({ description: 'The recording (recording events).' }),
      portalId: z.string(),
      teamId: z.string().nullable(),
      ticketLinks: z.array(z.string()).openapi({ description: 'Tickets linked to the session.' }),
      links: z.object({
        session: z.string().openapi({ description: '`GET` it with a token holding `sessions:read`.' }),
        summary: z.string().optional().openapi({
          description:
            '`GET` it with a token holding `summaries:read` (summary events and session.completed).',
        }),
        recording: z.string().optional().openapi({
          description: 'The recording (recording events); replaying needs staff or customer rights.',
        }),
      }),
    }),
  })
  .openapi('WebhookPayload');

export const WebhookTestPayloadSchema = z
  .object({
    type: z.literal('webhook.test'),
    timestamp: z.string(),
    data: z.object({ endpointId: z.string() }),
  })
  .openapi('WebhookTestPayload');
