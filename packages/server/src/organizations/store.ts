import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Language } from './locale.js';
import type { OrganizationWire } from './schemas.js';

/** An organization as read for the API (the licence date as text: no time-zone shift). */
export async function findOrganization(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('organizations')
    .select([
      'id',
      'name',
      'plan',
      'default_language',
      'time_zone',
      'version',
      'created_at',
      'updated_at',
      sql<string | null>`licence_renews_at::text`.as('licence'),
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type OrganizationRow = NonNullable<Awaited<ReturnType<typeof findOrganization>>>;

export function organizationToWire(row: OrganizationRow): OrganizationWire {
  return {
    id: row.id,
    name: row.name,
    plan: row.plan as OrganizationWire['plan'],
    licenceRenewsAt: row.licence,
    defaultLanguage: row.default_language as Language,
    timeZone: row.time_zone,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
