import { type Kysely, sql } from 'kysely';
import type { Database, MailAttachment } from '../db/schema.js';

/** One mail to send, in the recipient's language already. */
export interface MailMessage {
  /** The organization the mail belongs to (its company managers see it listed); `null` for none. */
  organizationId: string | null;
  /** What the mail is about, for listings: `password-reset`, `password-changed`, … */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent along (a report's CSV). */
  attachments?: MailAttachment[] | undefined;
}

/** A claimed mail on its way to the relay. */
export interface DueMail {
  id: string;
  recipient: string;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  attachments: MailAttachment[] | null;
  attempts: number;
}

/** Stores a mail; `pending` ones are due at `now`. Runs in the caller's transaction when given one. */
export async function insertMail(
  db: Kysely<Database>,
  message: MailMessage,
  status: 'kept' | 'pending',
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      organization_id: message.organizationId,
      kind: message.kind,
      recipient: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
      status,
      next_attempt_at: status === 'pending' ? now : null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/**
 * Claims up to `limit` due mails: counts the attempt and pushes the next one past a lease, so
 * another replica (or a crash mid-send) retries it only after the lease ends. `SKIP LOCKED` lets
 * replicas claim side by side.
 */
export async function claimDue(
  db: Kysely<Database>,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<DueMail[]> {
  const lease = new Date(now.getTime() + leaseMs);
  const result = await sql<DueMail>`
    update mail_outbox set attempts = attempts + 1, next_attempt_at = ${lease}
    where id in (
      select id from mail_outbox where status = 'pending' and next_attempt_at <= ${now}
      order by next_attempt_at, id limit ${limit} for update skip locked)
    returning id, recipient, subject, text_body, html_body, attachments, attempts`.execute(db);
  return result.rows.map((r) => ({ ...r, id: String(r.id), attempts: Number(r.attempts) }));
}

/** Delivered: the bodies are dropped, since they may carry single-use links. */
export async function markSent(
  db: Kysely<Database>,
  id: string,
  messageId: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({
      status: 'sent',
      sent_at: now,
      message_id: messageId,
      next_attempt_at: null,
      last_error: null,
      text_body: null,
      html_body: null,
      attachments: null,
    })
    .where('id', '=', id)
    .execute();
}

/** A failed attempt: retried at `retryAt`, or given up on (bodies dropped) when it is `null`. */
export async function markAttemptFailed(
  db: Kysely<Database>,
  id: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  const query = db.updateTable('mail_outbox').where('id', '=', id);
  if (retryAt) {
    await query.set({ next_attempt_at: retryAt, last_error: error }).execute();
    return;
  }
  await query
    .set({
      status: 'failed',
      next_attempt_at: null,
      last_error: error,
      text_body: null,
      html_body: null,
      attachments: null,
    })
    .execute();
}

/** Deletes delivered, failed and kept mail older than `before`; pending mail stays. */
export async function pruneMail(db: Kysely<Database>, before: Date): Promise<void> {
  await db
    .deleteFrom('mail_outbox')
    .where('status', '<>', 'pending')
    .where('created_at', '<', before)
    .execute();
}
