import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, UsersTable } from '../db/schema.js';
import type { Language } from '../organizations/locale.js';
import type { UserWire } from './schemas.js';

export type UserRow = Selectable<UsersTable> & { managed: string[] };

/** Live users of an organization with the teams they manage (one query). */
export function selectUsers(db: Kysely<Database>, organizationId: string) {
  return db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom('team_managers')
            .select(sql<string[]>`json_agg(team_managers.team_id order by team_managers.team_id)`.as('ids'))
            .whereRef('team_managers.user_id', '=', 'users.id'),
          sql<string[]>`'[]'::json`,
        )
        .as('managed'),
    )
    .where('users.organization_id', '=', organizationId)
    .where('users.deleted_at', 'is', null);
}

/** A live user of the organization, or `undefined` (absent, deleted or of another organization). */
export async function findUser(
  db: Kysely<Database>,
  organizationId: string,
  id: string,
): Promise<UserRow | undefined> {
  const row = await selectUsers(db, organizationId).where('users.id', '=', id).executeTakeFirst();
  return row ? { ...row, managed: row.managed ?? [] } : undefined;
}

/** Whether a live user (of any organization) has this email, case-insensitively. */
export async function emailTaken(db: Kysely<Database>, email: string, exceptId?: string): Promise<boolean> {
  let q = db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function userToWire(row: UserRow): UserWire {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    role: row.role,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    customField: row.custom_field,
    teamId: row.team_id,
    managedTeamIds: row.managed ?? [],
    rights: Array.isArray(row.rights) ? row.rights : [],
    language: row.language as Language,
    timeZone: row.time_zone,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The screen name a user gets when none is given: first and last name, else the email's local part. */
export function defaultDisplayName(firstName: string, lastName: string, email: string): string {
  const name = `${firstName} ${lastName}`.trim();
  return name || email.split('@')[0] || email;
}

/** Unique-violation of the live-email index (a concurrent insert won the race). */
export function isEmailConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && /users_email_live/.test(`${e.constraint ?? ''} ${e.message ?? ''}`);
}
