import { randomUUID } from 'node:crypto';
import { type Actor, grantableRights, type TeamNode } from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import type { Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { appendOrganizationEvent } from '../events/outbox.js';
import { peekInput } from '../http/deferred-input.js';
import { checkIfMatch } from '../http/etag.js';
import { canonicalTimeZone } from '../organizations/locale.js';
import { ProblemError } from '../problems/problem.js';
import {
  assertGrantable,
  assertMayAddUsers,
  assertMayCreate,
  assertMayDelete,
  assertMayEdit,
  assertMayEditUser,
} from './access.js';
import type { CreateUserInput, PatchUserInput } from './schemas.js';
import { defaultDisplayName, emailTaken, findUser, isEmailConflict, type UserRow } from './store.js';

const emailConflict = () => ProblemError.conflict('email-taken', 'A user with this email exists.');

function unknownTeams(ids: readonly string[], teams: readonly TeamNode[], path: string) {
  const missing = ids.filter((id) => !teams.some((t) => t.id === id));
  if (missing.length > 0) {
    // Like any id of another organization: 404, naming the field.
    throw new ProblemError(404, 'not-found', `No team with this id: ${missing.join(', ')}.`, {
      errors: [{ path, message: 'No such team in your organization.' }],
    });
  }
}

/** Role, team, managed teams and rights must fit together; 400 naming the field otherwise. */
function checkShape(
  role: string,
  teamId: string | null,
  managed: readonly string[],
  rights: readonly string[],
) {
  if (role === 'agent' && !teamId) {
    throw ProblemError.badRequest('An agent belongs to exactly one team.', [
      { path: 'body.teamId', message: 'Required for agents.' },
    ]);
  }
  if (role !== 'agent' && teamId) {
    throw ProblemError.badRequest('Only agents belong to a team; managers manage teams.', [
      { path: 'body.teamId', message: 'Agents only.' },
    ]);
  }
  if (role !== 'team-manager' && managed.length > 0) {
    throw ProblemError.badRequest('Only team managers manage teams.', [
      { path: 'body.managedTeamIds', message: 'Team managers only.' },
    ]);
  }
  assertGrantable(role, rights);
}

/** What a new user row needs once checked; shared by the API, organization creation and the seed. */
export interface NewUser {
  id?: string;
  organizationId: string;
  email: string;
  passwordHash: string | null;
  role: 'company-manager' | 'team-manager' | 'agent' | 'api-manager';
  firstName?: string | undefined;
  lastName?: string | undefined;
  displayName?: string | undefined;
  customField?: string | null | undefined;
  teamId?: string | null | undefined;
  managedTeamIds?: readonly string[] | undefined;
  rights?: readonly string[] | undefined;
  language: string;
  timeZone: string;
}

/** Inserts a user (and the teams they manage) inside the caller's transaction; 409 when the email is taken. */
export async function insertUser(trx: Kysely<Database>, user: NewUser): Promise<string> {
  const id = user.id ?? randomUUID();
  const email = user.email.toLowerCase();
  if (await emailTaken(trx, email)) throw emailConflict();
  const firstName = user.firstName ?? '';
  const lastName = user.lastName ?? '';
  try {
    await trx
      .insertInto('users')
      .values({
        id,
        organization_id: user.organizationId,
        email,
        password_hash: user.passwordHash,
        role: user.role,
        team_id: user.teamId ?? null,
        display_name: user.displayName ?? defaultDisplayName(firstName, lastName, email),
        first_name: firstName,
        last_name: lastName,
        custom_field: user.customField ?? null,
        rights: JSON.stringify([...new Set(user.rights ?? [])]),
        language: user.language,
        time_zone: canonicalTimeZone(user.timeZone) ?? 'UTC',
      })
      .execute();
  } catch (error) {
    if (isEmailConflict(error)) throw emailConflict();
    throw error;
  }
  const managed = [...new Set(user.managedTeamIds ?? [])];
  if (managed.length > 0) {
    await trx
      .insertInto('team_managers')
      .values(managed.map((teamId) => ({ user_id: id, team_id: teamId })))
      .execute();
  }
  return id;
}

async function organizationDefaults(trx: Kysely<Database>, organizationId: string) {
  // Locks the organization row: user changes that count company managers run one at a time.
  return trx
    .selectFrom('organizations')
    .select(['default_language', 'time_zone'])
    .where('id', '=', organizationId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** `POST /v1/users`: checks who may create what, then inserts in one transaction. */
export async function createUser(
  services: Services,
  actor: Actor,
  /** Read after the caller is known to add users at all (http/deferred-input.ts). */
  readInput: () => CreateUserInput,
): Promise<UserRow> {
  if (actor.kind !== 'staff') throw ProblemError.forbidden('Only staff manage users.');
  assertMayAddUsers(actor);
  const input = readInput();
  const organizationId = actor.organizationId;
  const teamId = input.teamId ?? null;
  const managed = input.managedTeamIds ?? [];
  const rights = input.rights ?? [];
  const teams = await services.teamsOf(organizationId);
  assertMayCreate(actor, { role: input.role, teamId, rights }, teams);
  checkShape(input.role, teamId, managed, rights);
  if (teamId) unknownTeams([teamId], teams, 'body.teamId');
  unknownTeams(managed, teams, 'body.managedTeamIds');
  const passwordHash = await hashPassword(input.password);
  const { db } = services.handle;
  const row = await db.transaction().execute(async (trx) => {
    const org = await organizationDefaults(trx, organizationId);
    const id = await insertUser(trx, {
      organizationId,
      email: input.email,
      passwordHash,
      role: input.role,
      firstName: input.firstName,
      lastName: input.lastName,
      displayName: input.displayName,
      customField: input.customField,
      teamId,
      managedTeamIds: managed,
      rights,
      language: input.language ?? org.default_language,
      timeZone: input.timeZone ?? org.time_zone,
    });
    await appendOrganizationEvent(trx, services.handle, {
      organizationId,
      type: 'user.created',
      teamId,
      data: { userId: id, role: input.role, teamId },
    });
    return (await findUser(trx, organizationId, id))!;
  });
  services.handle.notifier.notify();
  return row;
}

async function liveCompanyManagers(trx: Kysely<Database>, organizationId: string): Promise<number> {
  const { n } = await trx
    .selectFrom('users')
    .select(sql<string>`count(*)`.as('n'))
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'company-manager')
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

function checkVersion(ifMatch: string | undefined, row: UserRow) {
  checkIfMatch(ifMatch, row.version, 'The user changed since it was read; read it again.');
}

/** `PATCH /v1/users/{id}`: who may change what is in `access.ts`; one transaction. */
export async function updateUser(
  services: Services,
  actor: Actor,
  id: string,
  /** Read after authorization, existence and `If-Match` (http/deferred-input.ts). */
  readChange: () => PatchUserInput,
  ifMatch: string | undefined,
): Promise<UserRow> {
  if (actor.kind !== 'staff') throw ProblemError.forbidden('Only staff manage users.');
  const organizationId = actor.organizationId;
  const { db } = services.handle;
  const teams = await services.teamsOf(organizationId);
  // Checked once before hashing a new password (slow), and again under the row lock.
  const current = await findUser(db, organizationId, id);
  if (!current || current.role === 'api-manager') throw ProblemError.notFound('No user with this id.');
  const facts = { id: current.id, role: current.role, teamId: current.team_id };
  assertMayEditUser(actor, facts, teams);
  // Which fields: before If-Match when the change can be read (a stale version tells nothing).
  const peeked = peekInput(readChange);
  if (peeked) assertMayEdit(actor, facts, peeked, teams);
  checkVersion(ifMatch, current);
  const change = readChange();
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
  const updated = await db.transaction().execute(async (trx) => {
    await organizationDefaults(trx, organizationId);
    const row = await findUser(trx, organizationId, id);
    if (!row || row.role === 'api-manager') throw ProblemError.notFound('No user with this id.');
    assertMayEdit(actor, { id: row.id, role: row.role, teamId: row.team_id }, change, teams);
    checkVersion(ifMatch, row);
    const role = change.role ?? row.role;
    const roleChanged = role !== row.role;
    const teamId = change.teamId !== undefined ? change.teamId : role === 'agent' ? row.team_id : null;
    const managed = change.managedTeamIds ?? (role === 'team-manager' ? row.managed : []);
    const allowed = grantableRights(role) as readonly string[];
    const rights =
      change.rights ?? (roleChanged ? row.rights.filter((r) => allowed.includes(r)) : row.rights);
    checkShape(role, teamId, managed, rights);
    if (teamId && teamId !== row.team_id) unknownTeams([teamId], teams, 'body.teamId');
    if (change.managedTeamIds) unknownTeams(managed, teams, 'body.managedTeamIds');
    if (
      row.role === 'company-manager' &&
      roleChanged &&
      (await liveCompanyManagers(trx, organizationId)) <= 1
    ) {
      throw ProblemError.conflict(
        'last-company-manager',
        'An organization keeps at least one company manager.',
      );
    }
    if (change.email !== undefined && (await emailTaken(trx, change.email, id))) throw emailConflict();
    const firstName = change.firstName ?? row.first_name;
    const lastName = change.lastName ?? row.last_name;
    try {
      await trx
        .updateTable('users')
        .set({
          role,
          team_id: teamId,
          rights: JSON.stringify([...new Set(rights)]),
          first_name: firstName,
          last_name: lastName,
          ...(change.email !== undefined ? { email: change.email.toLowerCase() } : {}),
          ...(passwordHash !== undefined ? { password_hash: passwordHash, pending_password: null } : {}),
          ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
          ...(change.customField !== undefined ? { custom_field: change.customField } : {}),
          ...(change.language !== undefined ? { language: change.language } : {}),
          ...(change.timeZone !== undefined
            ? { time_zone: canonicalTimeZone(change.timeZone) ?? 'UTC' }
            : {}),
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      if (isEmailConflict(error)) throw emailConflict();
      throw error;
    }
    if (change.managedTeamIds !== undefined || roleChanged) {
      await trx.deleteFrom('team_managers').where('user_id', '=', id).execute();
      if (role === 'team-manager' && managed.length > 0) {
        await trx
          .insertInto('team_managers')
          .values([...new Set(managed)].map((teamId) => ({ user_id: id, team_id: teamId })))
          .execute();
      }
    }
    const changed = Object.keys(change).filter((k) => k !== 'password');
    await appendOrganizationEvent(trx, services.handle, {
      organizationId,
      type: 'user.updated',
      teamId,
      data: { userId: id, changed: change.password !== undefined ? [...changed, 'password'] : changed },
    });
    if (row.role === 'agent' && role === 'agent' && teamId !== row.team_id) {
      await appendOrganizationEvent(trx, services.handle, {
        organizationId,
        type: 'agent.moved',
        teamId,
        data: { userId: id, fromTeamId: row.team_id, toTeamId: teamId },
      });
    }
    return (await findUser(trx, organizationId, id))!;
  });
  services.handle.notifier.notify();
  return updated;
}

/**
 * `DELETE /v1/users/{id}`: a soft delete. Past sessions keep the id (and show a deleted user, see
 * `userLabels`), the email is free again, tokens stop working, managed teams are let go.
 */
export async function deleteUser(
  services: Services,
  actor: Actor,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  if (actor.kind !== 'staff') throw ProblemError.forbidden('Only staff manage users.');
  const organizationId = actor.organizationId;
  const teams = await services.teamsOf(organizationId);
  await services.handle.db.transaction().execute(async (trx) => {
    await organizationDefaults(trx, organizationId);
    const row = await findUser(trx, organizationId, id);
    if (!row || row.role === 'api-manager') throw ProblemError.notFound('No user with this id.');
    assertMayDelete(actor, { id: row.id, role: row.role, teamId: row.team_id }, teams);
    checkVersion(ifMatch, row);
    if (row.id === actor.userId)
      throw ProblemError.conflict('cannot-delete-self', 'You cannot delete yourself.');
    if (row.role === 'company-manager' && (await liveCompanyManagers(trx, organizationId)) <= 1) {
      throw ProblemError.conflict(
        'last-company-manager',
        'An organization keeps at least one company manager.',
      );
    }
    await trx
      .updateTable('users')
      .set({ deleted_at: sql`now()`, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('team_managers').where('user_id', '=', id).execute();
    await appendOrganizationEvent(trx, services.handle, {
      organizationId,
      type: 'user.deleted',
      teamId: row.team_id,
      data: { userId: id, role: row.role, teamId: row.team_id },
    });
  });
  services.handle.notifier.notify();
}
