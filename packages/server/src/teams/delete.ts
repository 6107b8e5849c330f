import type { TeamNode } from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { appendEvent } from '../events/outbox.js';
import { ProblemError } from '../problems/problem.js';
import { callsOf, scopeOf, sessionToWire } from '../sessions/store.js';
import type { TeamRow } from './store.js';
import { depthOf, descendantsOf, heightOf, MAX_TEAM_DEPTH } from './tree.js';

/** Sessions still being handled: they follow the team's work to the receiving team. */
const OPEN_STATUSES = ['requested', 'confirmed', 'running', 'completed'];

/** What deleting a team moved, and where to. */
export interface TeamDeletion {
  deletedId: string;
  movedTo: string;
  movedUserIds: string[];
  movedTeamIds: string[];
  movedDeviceIds: string[];
  movedSessionIds: string[];
}

/** Where the contents of `team` go: `moveTo`, else its parent; refused with 409 when unusable. */
function receivingTeam(team: TeamRow, moveTo: string | undefined, tree: readonly TeamNode[]): string {
  const target = moveTo ?? team.parent_id;
  if (target === null) {
    throw ProblemError.conflict(
      'team-delete-needs-target',
      `“${team.name}” is a root team: name the team that receives its agents, sub-teams and devices with ?moveTo=<teamId>.`,
    );
  }
  if (!tree.some((t) => t.id === target)) {
    throw ProblemError.badRequest(`Unknown team: ${target}.`, [
      { path: 'query.moveTo', message: 'No such team.' },
    ]);
  }
  if (target === team.id || descendantsOf(team.id, tree).has(target)) {
    throw ProblemError.conflict(
      'team-delete-target-inside',
      `The receiving team must lie outside “${team.name}”: it cannot be the team itself or one of its sub-teams.`,
    );
  }
  // The sub-teams move up to the receiving team: the depth limit holds there too.
  if (depthOf(target, tree) + heightOf(team.id, tree) - 1 > MAX_TEAM_DEPTH) {
    throw ProblemError.conflict(
      'team-too-deep',
      `Moving the sub-teams of “${team.name}” under that team would nest them more than ${MAX_TEAM_DEPTH} levels deep.`,
    );
  }
  return target;
}

/**
 * Moves everything of `team` to the receiving team and soft-deletes it, inside the caller's
 * transaction (the tree is already locked): live users whose team it is, live sub-teams, devices,
 * open sessions (closed and cancelled ones keep the team for reports), portal routing (the portal
 * routes to the receiving team instead, in the same place). Managers of the deleted team stop
 * managing it; they do not gain the receiving team.
 */
export async function moveTeamContents(
  trx: Kysely<Database>,
  services: Services,
  input: { team: TeamRow; moveTo: string | undefined; tree: readonly TeamNode[] },
): Promise<TeamDeletion> {
  const { team, tree } = input;
  const organizationId = team.organization_id;
  const target = receivingTeam(team, input.moveTo, tree);
  const now = services.clock();
  const clash = await sql<{ name: string }>`select c.name from teams c join teams t
      on t.parent_id = ${target} and t.deleted_at is null and lower(t.name) = lower(c.name)
      where c.parent_id = ${team.id} and c.deleted_at is null`.execute(trx);
  if (clash.rows.length > 0) {
    throw ProblemError.conflict(
      'team-name-taken',
      `The receiving team already has sub-teams named ${clash.rows.map((r) => `“${r.name}”`).join(', ')}; rename them first.`,
    );
  }
  await trx
    .updateTable('teams')
    .set({ deleted_at: now, updated_at: now, version: sql`version + 1` })
    .where('id', '=', team.id)
    .execute();
  const users = await trx
    .updateTable('users')
    .set({ team_id: target, version: sql`version + 1`, updated_at: now })
    .where('team_id', '=', team.id)
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .returning('id')
    .execute();
  const teams = await trx
    .updateTable('teams')
    .set({ parent_id: target, version: sql`version + 1`, updated_at: now })
    .where('parent_id', '=', team.id)
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .returning('id')
    .execute();
  const devices = await trx
    .updateTable('devices')
    .set({ team_id: target })
    .where('team_id', '=', team.id)
    .where('organization_id', '=', organizationId)
    .returning('id')
    .execute();
  const sessions = await trx
    .updateTable('sessions')
    .set({ team_id: target, version: sql`version + 1`, updated_at: now })
    .where('team_id', '=', team.id)
    .where('organization_id', '=', organizationId)
    .where('status', 'in', OPEN_STATUSES)
    .returningAll()
    .execute();
  if (sessions.length > 0) {
    const calls = await callsOf(
      trx,
      sessions.map((s) => s.id),
    );
    // Staff of the receiving team see these sessions from now on; their streams learn it here.
    for (const session of sessions) {
      await appendEvent(trx, services.handle, {
        organizationId,
        type: 'session.changed',
        sessionId: session.id,
        scope: scopeOf(session),
        data: {
          session: sessionToWire(
            session,
            calls.filter((c) => c.session_id === session.id),
          ),
          event: 'team-deleted',
          effects: [],
        },
      });
    }
  }
  await sql`update portal_teams set team_id = ${target}
    where team_id = ${team.id} and not exists (
      select 1 from portal_teams p2 where p2.portal_id = portal_teams.portal_id and p2.team_id = ${target})`.execute(
    trx,
  );
  await trx.deleteFrom('portal_teams').where('team_id', '=', team.id).execute();
  await trx.deleteFrom('team_managers').where('team_id', '=', team.id).execute();
  return {
    deletedId: team.id,
    movedTo: target,
    movedUserIds: users.map((u) => u.id),
    movedTeamIds: teams.map((t) => t.id),
    movedDeviceIds: devices.map((d) => d.id),
    movedSessionIds: sessions.map((s) => s.id),
  };
}
