import { z } from '@hono/zod-openapi';
import { ProblemSchema } from '../problems/problem.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed or invalid request',
  401: 'Missing or invalid credentials',
  403: 'Not allowed for this caller',
  404: 'No such resource in the caller’s organization',
  409: 'Refused by the session lifecycle',
  410: 'The session’s data is past its retention period and was deleted',
  412: 'The `If-Match` ETag is stale',
  413: 'Request body too large',
  422: 'Idempotency key reused with another body',
  429: 'Too many attempts',
};

/** Problem responses for the given statuses, for a route's `responses`. */
export function problems(...statuses: number[]) {
  const out: Record<
    number,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  > = {};
  for (const status of statuses) {
    out[status] = {
      description: DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return out;
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  } as const;
}

/** A JSON response. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

export const bearer = [{ bearerAuth: [] }];

export const IdempotencyKeyHeader = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().openapi({
    description: 'Retrying with the same key and body returns the first response and creates nothing new.',
  }),
});

export const IfMatchHeader = z.object({
  'if-match': z.string().optional().openapi({
    description: 'ETag of the session as last read; a stale one is refused with 412.',
  }),
});

/**
 * One event of a `text/event-stream` answer, field by field as the SSE format carries it (`data` is
 * the JSON the route describes). Property-based testers check every event against it.
 */
export const ServerSentEventSchema = z
  .object({
    event: z
      .string()
      .optional()
      .openapi({ description: 'The event name (`ready`, an event type, `token-expired`…).' }),
    data: z.string().openapi({ description: 'The payload, as JSON.' }),
    id: z.string().optional().openapi({ description: 'Resume after it with `Last-Event-ID`.' }),
    retry: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'Reconnection delay the server asks for, in ms.' }),
  })
  .openapi('ServerSentEvent');
