import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionRatingsTable } from '../db/schema.js';
import { userLabels } from '../users/labels.js';
import type { RatingWire } from './schemas.js';

export type RatingRow = Selectable<SessionRatingsTable>;

/** Ratings of a session, oldest first; `customerOnly` for the customer, who sees only their own. */
export async function ratingsOf(
  db: Kysely<Database>,
  sessionId: string,
  customerOnly: boolean,
): Promise<RatingRow[]> {
  let q = db.selectFrom('session_ratings').selectAll().where('session_id', '=', sessionId);
  if (customerOnly) q = q.where('rater_kind', '=', 'customer');
  return q.orderBy('created_at').orderBy('id').execute();
}

/** The wire form of ratings, with the raters' names (staff: their display name; customer: the device's). */
export async function ratingsToWire(
  db: Kysely<Database>,
  organizationId: string,
  rows: readonly RatingRow[],
): Promise<RatingWire[]> {
  const staffIds = [...new Set(rows.filter((r) => r.rater_kind === 'staff').map((r) => r.rater_id))];
  const deviceIds = [...new Set(rows.filter((r) => r.rater_kind === 'customer').map((r) => r.rater_id))];
  const [labels, devices] = await Promise.all([
    staffIds.length ? userLabels(db, organizationId, staffIds) : [],
    deviceIds.length
      ? db
          .selectFrom('devices')
          .select(['id', 'name'])
          .where('organization_id', '=', organizationId)
          .where('id', 'in', deviceIds)
          .execute()
      : [],
  ]);
  const names = new Map<string, string>([
    ...labels.filter((l) => l.displayName).map((l) => [`staff:${l.id}`, l.displayName] as const),
    ...devices.map((d) => [`customer:${d.id}`, d.name] as const),
  ]);
  return rows.map((r) => {
    const displayName = names.get(`${r.rater_kind}:${r.rater_id}`);
    return {
      id: r.id,
      sessionId: r.session_id,
      by: {
        kind: r.rater_kind,
        participantId: r.rater_participant,
        ...(displayName ? { displayName } : {}),
      },
      score: r.score,
      comment: r.comment,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
}
