import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** How a user is shown where only an id is stored (session assignees, reports). */
export interface UserLabel {
  id: string;
  displayName: string;
  /** The user was deleted: show "deleted user"; their past sessions stay (MC-4, MC-9). */
  deleted: boolean;
}

/**
 * Labels for user ids of one organization, deleted users included, in the order asked; an id
 * unknown to the organization comes back as a deleted user without a name, so nothing leaks across
 * organizations.
 * @example
 * const [holder] = await userLabels(db, actor.organizationId, session.assignee_ids);
 */
export async function userLabels(
  db: Kysely<Database>,
  organizationId: string,
  ids: readonly string[],
): Promise<UserLabel[]> {
  const byId = new Map((await userRows(db, organizationId, ids)).map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    return row ? labelOf(row) : { id, displayName: '', deleted: true };
  });
}

/** What a label is made of: the organization's users among `ids` (deleted ones included), each once. */
export async function userRows(
  db: Kysely<Database>,
  organizationId: string,
  ids: readonly string[],
): Promise<LabelRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'deleted_at'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', unique)
    .execute();
}

/** One user's row as {@link userRows} reads it. */
export interface LabelRow {
  id: string;
  display_name: string;
  deleted_at: Date | null;
}

/** The label of a user's row. */
export const labelOf = (row: LabelRow): UserLabel => ({
  id: row.id,
  displayName: row.display_name,
  deleted: row.deleted_at !== null,
});
