import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { unreadableText } from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { AppEnv, Principal, Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { appendEvent } from '../events/outbox.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { requireFeature } from '../portals/feature-context.js';
import { ProblemError } from '../problems/problem.js';
import { loadVisibleSession } from '../sessions/service.js';
import { scopeOf } from '../sessions/store.js';
import { userLabels } from '../users/labels.js';

/** Text people can read: no NUL, no lone surrogates. */
const ReadableText = z
  .string()
  .trim()
  .min(1)
  .max(4000)
  .refine((t) => !unreadableText(t), {
    message: 'Text must not contain NUL characters or unpaired surrogates.',
  });

export const MessageSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    kind: z
      .enum(['chat', 'note'])
      .openapi({ description: '`note`: staff only, never shown to the customer.' }),
    author: z.object({
      kind: z.enum(['customer', 'staff']),
      id: z.string(),
      displayName: z.string(),
      participantId: z.string(),
    }),
    text: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Message');
type MessageWire = z.infer<typeof MessageSchema>;

const PostMessage = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .openapi({
        description:
          'Chosen by the sender (it travels over the call first); the same id again is the same message.',
      }),
    kind: z.enum(['chat', 'note']).default('chat'),
    text: ReadableText,
  })
  .openapi('PostMessageRequest');

const MessageList = z
  .object({ items: z.array(MessageSchema), nextCursor: z.string().nullable() })
  .openapi('MessageList');

const Params = z.object({ id: z.string().min(1).max(200) });
const ListQuery = z.object({
  after: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .openapi({ description: 'Cursor from the previous page.' }),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const postRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/messages',
  operationId: 'postMessage',
  tags: ['messages'],
  summary: 'Send a chat message or write a staff note (VS-15)',
  description:
    'Chat: both sides, while the session is confirmed, running or completed, with the `chat` feature on. Notes: staff only. ' +
    'Idempotent by `id`: the same id and text again answer 200 with the stored message; another text 409.',
  security: bearer,
  request: { params: Params, body: jsonBody(PostMessage) },
  responses: {
    201: jsonResponse(MessageSchema, 'Stored'),
    200: jsonResponse(MessageSchema, 'Stored before (same id)'),
    ...problems(400, 401, 403, 404, 409, 413),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/messages',
  operationId: 'listMessages',
  tags: ['messages'],
  summary: 'The session’s chat (and, for staff, notes), oldest first (VS-15)',
  security: bearer,
  request: { params: Params, query: ListQuery },
  responses: { 200: jsonResponse(MessageList, 'A page'), ...problems(400, 401, 403, 404) },
});

interface MessageRow {
  id: string;
  session_id: string;
  seq: string;
  kind: 'chat' | 'note';
  author_kind: 'customer' | 'staff';
  author_id: string;
  author_participant: string;
  text: string;
  created_at: Date | string;
}

/** Chat and staff notes of a session (VS-15): persisted so a drop or reload loses nothing. */
export function registerMessageRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  async function toWire(
    organizationId: string,
    rows: MessageRow[],
    q: Kysely<Database> = db,
  ): Promise<MessageWire[]> {
    const staffIds = [...new Set(rows.filter((r) => r.author_kind === 'staff').map((r) => r.author_id))];
    const deviceIds = [...new Set(rows.filter((r) => r.author_kind === 'customer').map((r) => r.author_id))];
    const [labels, devices] = await Promise.all([
      staffIds.length ? userLabels(q, organizationId, staffIds) : [],
      deviceIds.length
        ? q.selectFrom('devices').select(['id', 'name']).where('id', 'in', deviceIds).execute()
        : [],
    ]);
    const names = new Map<string, string>([
      ...labels.map((l) => [l.id, l.displayName] as const),
      ...devices.map((d) => [d.id, d.name] as const),
    ]);
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      kind: r.kind,
      author: {
        kind: r.author_kind,
        id: r.author_id,
        displayName: names.get(r.author_id) ?? '',
        participantId: r.author_participant,
      },
      text: r.text,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  const authorOf = (p: Principal) =>
    p.actor.kind === 'customer'
      ? { author_kind: 'customer' as const, author_id: p.actor.deviceId }
      : { author_kind: 'staff' as const, author_id: p.actor.kind === 'staff' ? p.actor.userId : p.subject };

  app.openapi(postRoute, async (c) => {
    const principal = c.get('principal');
    const body = c.req.valid('json');
    const { row } = await loadVisibleSession(services, principal, c.req.valid('param').id);
    if (body.kind === 'note' && principal.actor.kind !== 'staff') {
      throw ProblemError.forbidden('Notes are for staff; customers send chat messages.');
    }
    if (body.kind === 'chat') {
      if (!['confirmed', 'running', 'completed'].includes(row.status)) {
        throw ProblemError.conflict(
          'chat-closed',
          `Chat is open while a session is confirmed, running or completed, not ${row.status}.`,
        );
      }
      await requireFeature(services, principal, row, 'chat');
    }
    const author = authorOf(principal);
    const result = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('session_messages')
        .values({
          session_id: row.id,
          id: body.id,
          organization_id: row.organization_id,
          kind: body.kind,
          ...author,
          author_participant: principal.participantId,
          text: body.text,
          created_at: services.clock(),
        })
        .onConflict((oc) => oc.columns(['session_id', 'id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) {
        const existing = await trx
          .selectFrom('session_messages')
          .selectAll()
          .where('session_id', '=', row.id)
          .where('id', '=', body.id)
          .executeTakeFirstOrThrow();
        const same =
          existing.text === body.text &&
          existing.kind === body.kind &&
          existing.author_id === author.author_id;
        if (!same)
          throw ProblemError.conflict(
            'message-id-taken',
            'Another message of this session already has this id.',
          );
        return { row: existing as MessageRow, created: false };
      }
      const [wire] = await toWire(row.organization_id, [inserted as MessageRow], trx);
      await appendEvent(trx, services.handle, {
        organizationId: row.organization_id,
        type: 'message.created',
        sessionId: row.id,
        scope: scopeOf(row),
        data: { message: wire, kind: body.kind },
      });
      return { row: inserted as MessageRow, created: true };
    });
    if (result.created) services.handle.notifier.notify();
    const [wire] = await toWire(row.organization_id, [result.row]);
    return c.json(wire as MessageWire, result.created ? 201 : 200);
  });

  app.openapi(listRoute, async (c) => {
    const principal = c.get('principal');
    const { after, limit } = c.req.valid('query');
    const { row } = await loadVisibleSession(services, principal, c.req.valid('param').id);
    let q = db.selectFrom('session_messages').selectAll().where('session_id', '=', row.id);
    if (principal.actor.kind !== 'staff') q = q.where('kind', '=', 'chat');
    if (after) q = q.where(sql<boolean>`seq > ${after}`);
    const rows = (await q
      .orderBy('seq')
      .limit(limit + 1)
      .execute()) as MessageRow[];
    const page = rows.slice(0, limit);
    const more = rows.length > limit;
    return c.json(
      { items: await toWire(row.organization_id, page), nextCursor: more ? String(page.at(-1)?.seq) : null },
      200,
    );
  });
}
