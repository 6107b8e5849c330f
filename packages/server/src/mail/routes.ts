import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../context.js';
import { bearer, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { mailerOf } from './mailer.js';
import { registerOutboxPage } from './outbox-page.js';
import { MailListQuery, MailPage } from './schemas.js';

const listMail = createRoute({
  method: 'get',
  path: '/v1/mail/outbox',
  operationId: 'listMail',
  tags: ['mail'],
  summary: 'The organization’s outgoing mail and its delivery status, newest first (company managers)',
  description:
    'Metadata only: recipient, subject, status, attempts and the last error. The bodies are never ' +
    'listed, since reset mails carry single-use links.',
  security: bearer,
  request: { query: MailListQuery },
  responses: { 200: jsonResponse(MailPage, 'A page of mail'), ...problems(400, 401, 403) },
});

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * The mail log for company managers, and — in demo mode without SMTP only — the `/outbox` page that
 * shows kept mail so a reset link works out of the box. Also starts the mailer's retry timer.
 */
export function registerMailRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  const mailer = mailerOf(services);
  if (services.config.demo && !services.config.smtpUrl) registerOutboxPage(app, db);

  app.openapi(listMail, async (c) => {
    const { actor } = c.get('principal');
    if (actor.kind !== 'staff' || actor.role !== 'company-manager') {
      throw ProblemError.forbidden('Only company managers see the organization’s mail.');
    }
    const { limit, cursor } = c.req.valid('query');
    let query = db
      .selectFrom('mail_outbox')
      .select([
        'id',
        'kind',
        'recipient',
        'subject',
        'status',
        'attempts',
        'last_error',
        'next_attempt_at',
        'sent_at',
        'created_at',
      ])
      .where('organization_id', '=', actor.organizationId)
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (cursor) query = query.where('id', '<', cursor);
    const rows = await query.execute();
    const page = rows.slice(0, limit);
    return c.json(
      {
        transport: mailer.transport,
        items: page.map((m) => ({
          id: String(m.id),
          kind: m.kind,
          to: m.recipient,
          subject: m.subject,
          status: m.status,
          attempts: Number(m.attempts),
          lastError: m.last_error,
          nextAttemptAt: iso(m.next_attempt_at),
          sentAt: iso(m.sent_at),
          createdAt: new Date(m.created_at).toISOString(),
        })),
        nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null,
      },
      200,
    );
  });
}
