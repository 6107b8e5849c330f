import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import type { AiSettings, Database } from '../db/schema.js';
import { checkIfMatch } from '../http/etag.js';
import { ProblemError } from '../problems/problem.js';
import { insertUser } from '../users/service.js';
import { findUser, type UserRow } from '../users/store.js';
import { canonicalTimeZone } from './locale.js';
import type { CreateOrganizationInput } from './schemas.js';
import { findOrganization, type OrganizationRow } from './store.js';

/** Fixed ids and a precomputed hash, for the demo seed and tests; the API never passes them. */
export interface CreateOrganizationOptions {
  organizationId?: string;
  managerId?: string;
  /** An argon2id hash of `input.manager.password`, when already computed. */
  passwordHash?: string;
  aiSettings?: AiSettings;
}

/**
 * Creates an organization with its first company manager in one transaction (MC-1). The one path
 * for the bootstrap API and the demo seed. 409 when the manager's email is taken.
 * @example
 * const { organization, manager } = await createOrganization(db, { name: 'Acme', plan: 'business', manager });
 */
export async function createOrganization(
  db: Kysely<Database>,
  input: CreateOrganizationInput,
  options: CreateOrganizationOptions = {},
): Promise<{ organization: OrganizationRow; manager: UserRow }> {
  const id = options.organizationId ?? randomUUID();
  const language = input.defaultLanguage ?? 'en';
  const timeZone = canonicalTimeZone(input.timeZone ?? 'UTC') ?? 'UTC';
  const passwordHash = options.passwordHash ?? (await hashPassword(input.manager.password));
  const run = async (trx: Kysely<Database>) => {
    await trx
      .insertInto('organizations')
      .values({
        id,
        name: input.name,
        plan: input.plan,
        licence_renews_at: input.licenceRenewsAt ?? null,
        default_language: language,
        time_zone: timeZone,
        ...(options.aiSettings ? { ai_settings: JSON.stringify(options.aiSettings) } : {}),
      })
      .execute();
    const managerId = await insertUser(trx, {
      ...(options.managerId ? { id: options.managerId } : {}),
      organizationId: id,
      email: input.manager.email,
      passwordHash,
      role: 'company-manager',
      firstName: input.manager.firstName,
      lastName: input.manager.lastName,
      displayName: input.manager.displayName,
      language,
      timeZone,
    });
    const organization = (await findOrganization(trx, id))!;
    const manager = (await findUser(trx, id, managerId))!;
    return { organization, manager };
  };
  // Inside a caller's transaction (the seed) or in its own.
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** A change of an organization: its managers' part or the operator's (plan, licence). */
export interface OrganizationChange {
  name?: string | undefined;
  defaultLanguage?: string | undefined;
  timeZone?: string | undefined;
  plan?: string | undefined;
  licenceRenewsAt?: string | null | undefined;
}

/** Applies a change with `If-Match` against the version; 404 when absent, 412 when stale. */
export async function updateOrganization(
  db: Kysely<Database>,
  id: string,
  change: OrganizationChange,
  ifMatch: string | undefined,
): Promise<OrganizationRow> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('organizations')
      .select('version')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw ProblemError.notFound('No organization with this id.');
    checkIfMatch(ifMatch, current.version, 'The organization changed since it was read; read it again.');
    await trx
      .updateTable('organizations')
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.plan !== undefined ? { plan: change.plan } : {}),
        ...(change.licenceRenewsAt !== undefined ? { licence_renews_at: change.licenceRenewsAt } : {}),
        ...(change.defaultLanguage !== undefined ? { default_language: change.defaultLanguage } : {}),
        ...(change.timeZone !== undefined ? { time_zone: canonicalTimeZone(change.timeZone) ?? 'UTC' } : {}),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    return (await findOrganization(trx, id))!;
  });
}
