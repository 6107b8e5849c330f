/** The part of a team the rules need: its place in the tree (MC-3). */
export interface TeamNode {
  id: string;
  parentId: string | null;
}

/**
 * The team and its ancestors, nearest first. Stops on a cycle or an unknown parent, so bad data
 * cannot hang the caller.
 * @example
 * teamLineage('sub', [{ id: 'root', parentId: null }, { id: 'sub', parentId: 'root' }]); // ['sub', 'root']
 */
export function teamLineage(teamId: string, teams: readonly TeamNode[]): string[] {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const lineage: string[] = [];
  let current: string | null = teamId;
  while (current !== null && !lineage.includes(current)) {
    lineage.push(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return lineage;
}

/**
 * Whether `teamId` is one of `managedTeamIds` or lies below one of them in the tree.
 * @example
 * isWithinManagedTeams('sub', ['root'], teams); // true when 'sub' is a child of 'root'
 */
export function isWithinManagedTeams(
  teamId: string | null,
  managedTeamIds: readonly string[],
  teams: readonly TeamNode[],
): boolean {
  if (teamId === null || managedTeamIds.length === 0) return false;
  return teamLineage(teamId, teams).some((id) => managedTeamIds.includes(id));
}
