import { randomUUID } from 'node:crypto';
import type { TeamNode } from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Principal, Services } from '../context.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { appendOrganizationEvent } from '../events/outbox.js';
import { peekInput } from '../http/deferred-input.js';
import { checkIfMatch } from '../http/etag.js';
import { ProblemError } from '../problems/problem.js';
import {
  assertMayAssignManagers,
  assertMayShapeTree,
  assertRightInScope,
  requireStaff,
  withRights,
} from './access.js';
import { moveTeamContents } from './delete.js';
import { findTeam, isSiblingNameConflict, liveTree, type TeamRow, teamToWire } from './store.js';
import { depthOf, MAX_TEAM_DEPTH, reparentRefusal } from './tree.js';

export interface CreateTeamInput {
  name: string;
  parentId?: string | null | undefined;
  managerIds?: string[] | undefined;
}

export interface PatchTeamInput {
  name?: string | undefined;
  parentId?: string | null | undefined;
  managerIds?: string[] | undefined;
}

function nameTaken(name: string | undefined): ProblemError {
  return ProblemError.conflict(
    'team-name-taken',
    name === undefined
      ? 'A team with the same name already exists at that place in the tree.'
      : `A team named “${name}” already exists at this place in the tree.`,
  );
}

/** 409 when a live sibling under `parentId` already has this name (case-insensitive). */
async function assertNameFree(
  trx: Kysely<Database>,
  organizationId: string,
  parentId: string | null,
  name: string,
  exceptId?: string,
): Promise<void> {
  let q = trx
    .selectFrom('teams')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw nameTaken(name);
}

/** Managers must be live team managers of the organization; 400 naming the field otherwise. */
async function assertManagers(
  trx: Kysely<Database>,
  organizationId: string,
  ids: readonly string[],
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await trx
    .selectFrom('users')
    .select(['id', 'role'])
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .where('id', 'in', unique)
    .execute();
  const bad = unique.filter((id) => found.find((u) => u.id === id)?.role !== 'team-manager');
  if (bad.length > 0) {
    throw ProblemError.badRequest(`Not a team manager of this organization: ${bad.join(', ')}.`, [
      { path: 'body.managerIds', message: 'Each id must be a user with the role team-manager.' },
    ]);
  }
}

function assertParentKnown(parentId: string | null, tree: readonly TeamNode[]): void {
  if (parentId !== null && !tree.some((t) => t.id === parentId)) {
    throw ProblemError.badRequest(`Unknown team: ${parentId}.`, [
      { path: 'body.parentId', message: 'No such team.' },
    ]);
  }
}

async function replaceManagers(trx: Kysely<Database>, teamId: string, ids: readonly string[]): Promise<void> {
  await trx.deleteFrom('team_managers').where('team_id', '=', teamId).execute();
  const unique = [...new Set(ids)];
  if (unique.length > 0) {
    await trx
      .insertInto('team_managers')
      .values(unique.map((userId) => ({ user_id: userId, team_id: teamId })))
      .execute();
  }
}

async function withNameConflict<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // A concurrent writer took the name between our check and the insert: the unique index says so.
    if (isSiblingNameConflict(error)) throw nameTaken(name);
    throw error;
  }
}

/**
 * Creates a team inside the caller's transaction: the parent must be a live team, the tree stays at
 * most {@link MAX_TEAM_DEPTH} deep, the name is free among its siblings, managers are live team
 * managers; a `team.created` event is written with it. `POST /v1/teams` and the demo seed use it.
 */
export async function insertTeam(
  trx: Kysely<Database>,
  handle: DatabaseHandle,
  team: {
    organizationId: string;
    id?: string | undefined;
    parentId: string | null;
    name: string;
    managerIds?: readonly string[] | undefined;
    now: Date;
  },
): Promise<TeamRow> {
  const { organizationId, parentId, now } = team;
  const id = team.id ?? randomUUID();
  const tree = await liveTree(trx, organizationId, true);
  assertParentKnown(parentId, tree);
  if (parentId !== null && depthOf(parentId, tree) + 1 > MAX_TEAM_DEPTH) {
    throw ProblemError.conflict('team-too-deep', `Teams nest at most ${MAX_TEAM_DEPTH} levels deep.`);
  }
  await assertNameFree(trx, organizationId, parentId, team.name);
  await assertManagers(trx, organizationId, team.managerIds ?? []);
  await trx
    .insertInto('teams')
    .values({
      id,
      organization_id: organizationId,
      parent_id: parentId,
      name: team.name,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await replaceManagers(trx, id, team.managerIds ?? []);
  const created = (await findTeam(trx, organizationId, id))!;
  await appendOrganizationEvent(trx, handle, {
    organizationId,
    type: 'team.created',
    teamId: id,
    data: { team: teamToWire(created) },
  });
  return created;
}

/** `POST /v1/teams`: company managers and API keys, anywhere in the tree (MC-1, MC-3). */
export async function createTeam(
  services: Services,
  principal: Principal,
  input: CreateTeamInput,
): Promise<TeamRow> {
  const actor = assertMayShapeTree(principal.actor, 'create teams');
  if (input.managerIds !== undefined) assertMayAssignManagers(actor);
  const row = await withNameConflict(input.name, () =>
    services.handle.db.transaction().execute((trx) =>
      insertTeam(trx, services.handle, {
        organizationId: actor.organizationId,
        parentId: input.parentId ?? null,
        name: input.name,
        managerIds: input.managerIds,
        now: services.clock(),
      }),
    ),
  );
  services.handle.notifier.notify();
  return row;
}

/**
 * `PATCH /v1/teams/{id}`: renaming needs `team.settings` within the caller's teams (company
 * managers and API keys anywhere; agents never); a new parent is for company managers and API keys
 * and is refused when it would make a cycle or nest too deep; managers are chosen by company
 * managers.
 */
export async function updateTeam(
  services: Services,
  principal: Principal,
  id: string,
  /** Read after authorization, existence and `If-Match` (http/deferred-input.ts). */
  readChange: () => PatchTeamInput,
  ifMatch: string | undefined,
): Promise<TeamRow> {
  const actor = requireStaff(await withRights(services, principal.actor));
  const organizationId = actor.organizationId;
  if (actor.role === 'agent') throw ProblemError.forbidden('Agents do not change teams; managers do (MC-1).');
  {
    const tree = await liveTree(services.handle.db, organizationId);
    const current = await findTeam(services.handle.db, organizationId, id);
    if (!current) throw ProblemError.notFound('No team with this id.');
    if (actor.role === 'team-manager')
      assertRightInScope(actor, 'team.settings', id, tree, 'Renaming a team');
    // Which fields: before If-Match when the change can be read (a stale version tells nothing).
    const peeked = peekInput(readChange);
    if (peeked?.parentId !== undefined && peeked.parentId !== current.parent_id)
      assertMayShapeTree(actor, 'move teams in the tree');
    if (peeked?.managerIds !== undefined) assertMayAssignManagers(actor);
    checkIfMatch(ifMatch, current.version, 'The team changed since you read it; read it again and retry.');
  }
  const change = readChange();
  const row = await withNameConflict(change.name, () =>
    services.handle.db.transaction().execute(async (trx) => {
      const reparent = change.parentId !== undefined;
      const tree = await liveTree(trx, organizationId, reparent);
      const current = await findTeam(trx, organizationId, id);
      if (!current) throw ProblemError.notFound('No team with this id.');
      const newParent = change.parentId === undefined ? current.parent_id : change.parentId;
      if (actor.role === 'agent')
        throw ProblemError.forbidden('Agents do not change teams; managers do (MC-1).');
      if (newParent !== current.parent_id) assertMayShapeTree(actor, 'move teams in the tree');
      if (change.managerIds !== undefined) assertMayAssignManagers(actor);
      if (actor.role === 'team-manager')
        assertRightInScope(actor, 'team.settings', id, tree, 'Renaming a team');
      checkIfMatch(ifMatch, current.version, 'The team changed since you read it; read it again and retry.');
      if (newParent !== current.parent_id) {
        assertParentKnown(newParent, tree);
        const refusal = reparentRefusal(id, newParent, tree);
        if (refusal === 'cycle') {
          throw ProblemError.conflict(
            'team-cycle',
            `“${current.name}” cannot move under team ${newParent}: that team is “${current.name}” itself or one of its sub-teams, and teams form a tree (MC-3).`,
          );
        }
        if (refusal === 'too-deep') {
          throw ProblemError.conflict(
            'team-too-deep',
            `Moving “${current.name}” there would nest its sub-teams more than ${MAX_TEAM_DEPTH} levels deep.`,
          );
        }
      }
      const name = change.name ?? current.name;
      if (newParent !== current.parent_id || name.toLowerCase() !== current.name.toLowerCase()) {
        await assertNameFree(trx, organizationId, newParent, name, id);
      }
      if (change.managerIds !== undefined) await assertManagers(trx, organizationId, change.managerIds);
      await trx
        .updateTable('teams')
        .set({
          name,
          parent_id: newParent,
          version: sql`version + 1`,
          updated_at: services.clock(),
        })
        .where('id', '=', id)
        .execute();
      if (change.managerIds !== undefined) await replaceManagers(trx, id, change.managerIds);
      const updated = (await findTeam(trx, organizationId, id))!;
      await appendOrganizationEvent(trx, services.handle, {
        organizationId,
        type: 'team.updated',
        teamId: id,
        data: { team: teamToWire(updated), previousParentId: current.parent_id },
      });
      return updated;
    }),
  );
  services.handle.notifier.notify();
  return row;
}

/**
 * `DELETE /v1/teams/{id}`: company managers and API keys. The team's users, sub-teams, devices and
 * open sessions move to `moveTo` (default: the parent; a root team needs one); the team row is
 * soft-deleted so closed sessions keep naming it. Nothing is deleted but the team itself (MC-3).
 */
export async function deleteTeam(
  services: Services,
  principal: Principal,
  id: string,
  moveTo: string | undefined,
  ifMatch: string | undefined,
) {
  const actor = assertMayShapeTree(principal.actor, 'delete teams');
  const organizationId = actor.organizationId;
  const result = await withNameConflict(undefined, () =>
    services.handle.db.transaction().execute(async (trx) => {
      const tree = await liveTree(trx, organizationId, true);
      const current = await findTeam(trx, organizationId, id);
      if (!current) throw ProblemError.notFound('No team with this id.');
      checkIfMatch(ifMatch, current.version, 'The team changed since you read it; read it again and retry.');
      const outcome = await moveTeamContents(trx, services, { team: current, moveTo, tree });
      await appendOrganizationEvent(trx, services.handle, {
        organizationId,
        type: 'team.deleted',
        teamId: id,
        data: { ...outcome, team: teamToWire(current) },
      });
      return outcome;
    }),
  );
  services.handle.notifier.notify();
  return result;
}
