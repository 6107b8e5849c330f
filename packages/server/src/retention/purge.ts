import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/** A session whose data is being purged, as the purgers see it. */
export interface PurgedSession {
  id: string;
  organizationId: string;
}

/**
 * Removes one kind of a session's data inside the purge's transaction and names the blobs to delete
 * once it commits. The recordings module adds its purger here (its rows and their blobs); the job
 * runs every purger for every session.
 */
export type SessionPurger = (
  trx: Transaction<Database>,
  session: PurgedSession,
) => Promise<{ blobKeys: string[] }>;

/**
 * The data the server itself keeps per session (MC-14): chat and notes, screenshots and their
 * annotation ops, the summary and its job, consent records, call diagnostics, signaling messages,
 * the session's events (their data carries the reason and messages) with their webhook deliveries,
 * and rating comments (the scores stay for reports).
 */
export const purgeCoreSessionData: SessionPurger = async (trx, session) => {
  const sid = session.id;
  const shots = await trx
    .deleteFrom('screenshots')
    .where('session_id', '=', sid)
    .returning('blob_key')
    .execute();
  await trx.deleteFrom('session_messages').where('session_id', '=', sid).execute();
  await trx.deleteFrom('summary_jobs').where('session_id', '=', sid).execute();
  await trx.deleteFrom('summaries').where('session_id', '=', sid).execute();
  await trx.deleteFrom('consents').where('session_id', '=', sid).execute();
  await trx.deleteFrom('call_diagnostics').where('session_id', '=', sid).execute();
  await trx
    .deleteFrom('call_presence')
    .where('call_id', 'in', (eb) => eb.selectFrom('calls').select('id').where('session_id', '=', sid))
    .execute();
  await trx
    .deleteFrom('signals')
    .where('call_id', 'in', (eb) => eb.selectFrom('calls').select('id').where('session_id', '=', sid))
    .execute();
  const events = trx.selectFrom('outbox').select('id').where('session_id', '=', sid);
  await trx.deleteFrom('webhook_deliveries').where('outbox_id', 'in', events).execute();
  await trx.deleteFrom('outbox').where('session_id', '=', sid).execute();
  await trx.updateTable('session_ratings').set({ comment: null }).where('session_id', '=', sid).execute();
  return { blobKeys: shots.map((s) => s.blob_key) };
};

/**
 * Purges one session's data in one transaction, unless another run did already: the session row is
 * locked and checked first, so purging twice changes nothing. The row keeps status, portal, team,
 * assignees, device, timestamps and its calls (reports' aggregates) and loses reason, ticket links
 * and cancel text; `purged_at` says when. Blobs are written down for deletion after the commit.
 * @returns whether this call purged the session
 */
export async function purgeSession(
  db: Kysely<Database>,
  sessionId: string,
  cutoff: Date,
  now: Date,
  purgers: readonly SessionPurger[],
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('sessions')
      .select(['id', 'organization_id'])
      .where('id', '=', sessionId)
      .where('purged_at', 'is', null)
      .where('updated_at', '<', cutoff)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return false;
    const session = { id: row.id, organizationId: row.organization_id };
    const blobKeys: string[] = [];
    for (const purge of purgers) blobKeys.push(...(await purge(trx, session)).blobKeys);
    if (blobKeys.length > 0) {
      await trx
        .insertInto('retention_blob_deletions')
        .values([...new Set(blobKeys)].map((blob_key) => ({ blob_key, created_at: now })))
        .onConflict((oc) => oc.column('blob_key').doNothing())
        .execute();
    }
    await trx
      .updateTable('sessions')
      .set((eb) => ({
        reason: '',
        ticket_links: '[]',
        cancel_reason: null,
        purged_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', sessionId)
      .execute();
    return true;
  });
}
