import { randomUUID } from 'node:crypto';
import { type Actor, hasRight, isWithinManagedTeams } from '@sightline/core/domain';
import { sql } from 'kysely';
import type { Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';
import { requireStaffManager } from './access.js';
import { type ImportError, parseUserCsv } from './import-csv.js';
import { fillPendingPasswords, hashAll, SYNC_HASH_ROWS } from './import-passwords.js';
import { insertPlannedTeams, TeamPlanner, teamsWithNames } from './import-teams.js';
import { sealPassword } from './pending-password.js';
import { defaultDisplayName, isEmailConflict } from './store.js';

export interface ImportResult {
  dryRun: boolean;
  users: { line: number; id: string; email: string; teamId: string }[];
  teams: { id: string; name: string; parentId: string | null }[];
  /**
   * Users whose password hash is stored after the answer (large imports). They can sign in at once:
   * until the hash is stored the password waits sealed under a server key, and a restart resumes.
   */
  passwordsPending: number;
}

/** 422 listing every bad row of the file. */
export function importProblem(errors: readonly ImportError[]): ProblemError {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  return new ProblemError(
    422,
    'import-invalid',
    `${sorted.length} problem(s) in the file; nothing was imported.`,
    {
      errors: sorted.map((e) => ({
        path: `line ${e.line}.${e.field}`,
        line: e.line,
        field: e.field,
        message: e.message,
      })),
    },
  );
}

async function takenEmails(services: Services, emails: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < emails.length; i += 1000) {
    const rows = await services.handle.db
      .selectFrom('users')
      .select(sql<string>`lower(email)`.as('email'))
      .where(sql`lower(email)`, 'in', emails.slice(i, i + 1000))
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows) taken.add(r.email);
  }
  return taken;
}

/**
 * Bulk import of agents from CSV (MC-4): every row is checked (format, duplicate and existing user
 * ids, teams, the caller's reach) before anything is written; any error → 422 naming every bad row,
 * nothing imported. Missing teams are created under the named parent. One transaction.
 */
export async function importUsers(
  services: Services,
  actor: Actor,
  text: string,
  options: { dryRun: boolean },
): Promise<ImportResult> {
  const staff = requireStaffManager(actor);
  if (!hasRight(staff, 'agents.add'))
    throw ProblemError.forbidden('Importing agents needs the right agents.add.');
  const organizationId = staff.organizationId;
  const { db } = services.handle;
  const { rows, errors } = parseUserCsv(text);
  const planner = new TeamPlanner(await teamsWithNames(db, organizationId));
  const taken = await takenEmails(
    services,
    rows.map((r) => r.email),
  );
  const planned: ImportResult['users'] = [];
  for (const row of rows) {
    if (taken.has(row.email)) {
      errors.push({ line: row.line, field: 'email', message: 'A user with this id exists.' });
    }
    const team = planner.resolve(row.parentTeam, row.team);
    if (!('teamId' in team)) {
      errors.push({ line: row.line, ...team });
      continue;
    }
    if (
      staff.role === 'team-manager' &&
      !isWithinManagedTeams(team.teamId, staff.managedTeamIds, planner.all)
    ) {
      errors.push({ line: row.line, field: 'team', message: 'Outside the teams you manage.' });
    }
    planned.push({ line: row.line, id: randomUUID(), email: row.email, teamId: team.teamId });
  }
  if (errors.length > 0) throw importProblem(errors);
  const teams = planner.planned.map((t) => ({ id: t.id, name: t.name, parentId: t.parentId }));
  if (options.dryRun) return { dryRun: true, users: planned, teams, passwordsPending: 0 };

  const sync = rows.length <= SYNC_HASH_ROWS;
  const hashes = sync ? await hashAll(rows.map((r) => r.password)) : [];
  await db
    .transaction()
    .execute(async (trx) => {
      const org = await trx
        .selectFrom('organizations')
        .select(['default_language', 'time_zone'])
        .where('id', '=', organizationId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await insertPlannedTeams(trx, organizationId, planner.planned);
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('users')
          .values(
            rows.slice(i, i + 500).map((row, j) => ({
              id: planned[i + j]!.id,
              organization_id: organizationId,
              email: row.email,
              password_hash: sync ? hashes[i + j]! : null,
              pending_password: sync
                ? null
                : sealPassword(services.rawSecret, planned[i + j]!.id, row.password),
              role: 'agent' as const,
              team_id: planned[i + j]!.teamId,
              display_name: row.screenName || defaultDisplayName(row.firstName, row.lastName, row.email),
              first_name: row.firstName,
              last_name: row.lastName,
              custom_field: row.customField || null,
              language: org.default_language,
              time_zone: org.time_zone,
            })),
          )
          .execute();
      }
    })
    .catch((error: unknown) => {
      if (isEmailConflict(error)) {
        throw ProblemError.conflict(
          'email-taken',
          'A user id of the file was added meanwhile; read and retry.',
        );
      }
      throw error;
    });
  if (!sync) void fillPendingPasswords(services);
  return { dryRun: false, users: planned, teams, passwordsPending: sync ? 0 : rows.length };
}
