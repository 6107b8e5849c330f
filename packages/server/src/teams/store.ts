import type { TeamNode } from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TeamWire } from './schemas.js';

/** A team as the routes read it: the row plus its managers and the number of its agents. */
export interface TeamRow {
  id: string;
  organization_id: string;
  parent_id: string | null;
  name: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  manager_ids: string[] | null;
  agent_count: number | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Teams of an organization with their managers and agent counts, ordered by name. */
export async function findTeams(
  db: Kysely<Database>,
  organizationId: string,
  options: { ids?: readonly string[]; includeDeleted?: boolean } = {},
): Promise<TeamRow[]> {
  let q = db
    .selectFrom('teams')
    .select([
      'teams.id',
      'teams.organization_id',
      'teams.parent_id',
      'teams.name',
      'teams.version',
      'teams.created_at',
      'teams.updated_at',
      'teams.deleted_at',
      sql<string[] | null>`(select json_agg(tm.user_id order by tm.user_id) from team_managers tm
        join users u on u.id = tm.user_id and u.deleted_at is null
        where tm.team_id = teams.id)`.as('manager_ids'),
      sql<number | string>`(select count(*) from users u
        where u.team_id = teams.id and u.role = 'agent' and u.deleted_at is null)`.as('agent_count'),
    ])
    .where('teams.organization_id', '=', organizationId)
    .orderBy('teams.name')
    .orderBy('teams.id');
  if (!options.includeDeleted) q = q.where('teams.deleted_at', 'is', null);
  if (options.ids) {
    if (options.ids.length === 0) return [];
    q = q.where('teams.id', 'in', options.ids);
  }
  return q.execute();
}

/** One live team of the organization, or `undefined`. */
export async function findTeam(
  db: Kysely<Database>,
  organizationId: string,
  id: string,
): Promise<TeamRow | undefined> {
  const [row] = await findTeams(db, organizationId, { ids: [id] });
  return row;
}

/**
 * The live team tree of an organization. With `lock`, every team row of the organization is locked
 * until the transaction ends: structural changes (create, re-parent, delete) are serialized, so two
 * concurrent re-parents can never build a cycle that each alone would not.
 */
export async function liveTree(
  trx: Kysely<Database>,
  organizationId: string,
  lock = false,
): Promise<TeamNode[]> {
  let q = trx
    .selectFrom('teams')
    .select(['id', 'parent_id as parentId', 'deleted_at'])
    .where('organization_id', '=', organizationId)
    .orderBy('id');
  if (lock) q = q.forUpdate();
  const rows = await q.execute();
  return rows.filter((r) => r.deleted_at === null).map((r) => ({ id: r.id, parentId: r.parentId }));
}

/** The wire form of a team row. */
export function teamToWire(row: TeamRow): TeamWire {
  return {
    id: row.id,
    organizationId: row.organization_id,
    parentId: row.parent_id,
    name: row.name,
    managerIds: row.manager_ids ?? [],
    agentCount: Number(row.agent_count),
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.deleted_at ? { deletedAt: iso(row.deleted_at) } : {}),
  };
}

/** Whether a unique-index violation on sibling names caused `error`. */
export function isSiblingNameConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string } | undefined;
  return (
    e?.code === '23505' &&
    (e.constraint === 'teams_sibling_name' || /teams_sibling_name/.test(e.message ?? ''))
  );
}
