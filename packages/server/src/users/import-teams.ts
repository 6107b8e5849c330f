import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** A team as the importer sees it. */
export interface NamedTeam {
  id: string;
  parentId: string | null;
  name: string;
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Resolves the "parent team" and "team" names of import rows to team ids, planning the teams that
 * are missing (MC-4). A name names one team of the organization (case-insensitively); a missing
 * parent is planned as a top-level team, a missing team under its parent (or at the top without a
 * parent). A team named without a parent must be unique; a name used by several teams is an error
 * unless the parent makes it unique.
 */
export class TeamPlanner {
  readonly planned: NamedTeam[] = [];
  readonly #teams: NamedTeam[];
  readonly #resolved = new Map<string, ReturnType<TeamPlanner['resolve']>>();

  constructor(existing: readonly NamedTeam[]) {
    this.#teams = [...existing];
  }

  /** Every team, existing and planned. */
  get all(): readonly NamedTeam[] {
    return this.#teams;
  }

  #plan(name: string, parentId: string | null): NamedTeam {
    const team = { id: randomUUID(), parentId, name: name.trim() };
    this.#teams.push(team);
    this.planned.push(team);
    return team;
  }

  /** The team of one row, or the reason it cannot be resolved (field and message). */
  resolve(parentName: string, teamName: string): { teamId: string } | { field: string; message: string } {
    const memo = `${key(parentName)}\u0000${key(teamName)}`;
    const known = this.#resolved.get(memo);
    if (known) return known;
    const result = this.#resolveNew(parentName, teamName);
    this.#resolved.set(memo, result);
    return result;
  }

  #resolveNew(parentName: string, teamName: string): { teamId: string } | { field: string; message: string } {
    if (parentName) {
      const parents = this.#teams.filter((t) => key(t.name) === key(parentName));
      if (parents.length > 1) {
        return { field: 'parentTeam', message: `Several teams are called "${parentName}".` };
      }
      const parent = parents[0] ?? this.#plan(parentName, null);
      const team =
        this.#teams.find((t) => t.parentId === parent.id && key(t.name) === key(teamName)) ??
        this.#plan(teamName, parent.id);
      return { teamId: team.id };
    }
    const named = this.#teams.filter((t) => key(t.name) === key(teamName));
    if (named.length > 1) {
      return { field: 'team', message: `Several teams are called "${teamName}": name the parent team.` };
    }
    return { teamId: (named[0] ?? this.#plan(teamName, null)).id };
  }
}

/** Inserts the planned teams, parents first (the order they were planned in). */
export async function insertPlannedTeams(
  trx: Kysely<Database>,
  organizationId: string,
  teams: readonly NamedTeam[],
): Promise<void> {
  for (let i = 0; i < teams.length; i += 500) {
    await trx
      .insertInto('teams')
      .values(
        teams.slice(i, i + 500).map((t) => ({
          id: t.id,
          organization_id: organizationId,
          parent_id: t.parentId,
          name: t.name,
        })),
      )
      .execute();
  }
}

/** The organization's teams with their names. */
export function teamsWithNames(db: Kysely<Database>, organizationId: string): Promise<NamedTeam[]> {
  return db
    .selectFrom('teams')
    .select(['id', 'parent_id as parentId', 'name'])
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .execute();
}
