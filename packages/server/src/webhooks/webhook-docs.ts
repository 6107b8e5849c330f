import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { TEST_EVENT, type WebhookEventType, webhookEventTypes } from './events.js';
import { WebhookPayloadSchema, WebhookTestPayloadSchema } from './schemas.js';

const WHEN: Record<WebhookEventType, string> = {
  'session.requested': 'A session was requested (VS-3).',
  'session.confirmed':
    'A session was confirmed by staff (also when a completed or closed session is reopened).',
  'session.completed': 'A session’s last call ended; its summary follows as `summary.created`.',
  'summary.created': 'A session’s summary was written, or skipped / failed (see `data.status`).',
  'summary.updated': 'A summary was edited or regenerated.',
  'summary.deleted': 'A summary was deleted.',
  'recording.available': 'A recording of the session was uploaded completely and can be replayed (VS-15).',
};

const SignatureHeaders = z.object({
  'webhook-id': z
    .string()
    .openapi({ description: 'The delivery id: the same on every retry; dedupe by it.' }),
  'webhook-timestamp': z.string().openapi({ description: 'Unix seconds of this attempt.' }),
  'webhook-signature': z.string().openapi({
    description:
      'Space-separated `v1,<base64 HMAC-SHA256>` signatures (two during a secret rotation’s overlap). Verify with `new Webhook(secret).verify(rawBody, headers)` from `standardwebhooks`.',
  }),
});

const RESPONSES = {
  200: { description: 'Any 2xx marks the delivery delivered.' },
  410: { description: 'Gone: the endpoint is disabled at once.' },
  default: {
    description:
      'Anything else (and 3xx: redirects are not followed, or no answer within 10 s) is retried: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, with jitter.',
  },
};

/** The webhooks section of the OpenAPI 3.1 document: one entry per event type, and the test ping. */
export function registerWebhookDocs(app: OpenAPIHono<AppEnv>): void {
  for (const type of webhookEventTypes) {
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `webhook_${type.replace('.', '_')}`,
      tags: ['webhooks'],
      summary: WHEN[type],
      request: {
        headers: SignatureHeaders,
        body: { required: true, content: { 'application/json': { schema: WebhookPayloadSchema } } },
      },
      responses: RESPONSES,
    });
  }
  app.openAPIRegistry.registerWebhook({
    method: 'post',
    path: TEST_EVENT,
    operationId: 'webhook_webhook_test',
    tags: ['webhooks'],
    summary: 'A ping queued by `POST /v1/webhooks/{id}/test`.',
    request: {
      headers: SignatureHeaders,
      body: { required: true, content: { 'application/json': { schema: WebhookTestPayloadSchema } } },
    },
    responses: RESPONSES,
  });
}
