import { type TeamNode, teamLineage } from '@sightline/core/domain';

/** How deep the team tree may grow: a root team is at depth 1 (MC-3). */
export const MAX_TEAM_DEPTH = 10;

/** Depth of a team: 1 for a root, one more per ancestor. */
export function depthOf(teamId: string, teams: readonly TeamNode[]): number {
  return teamLineage(teamId, teams).length;
}

/** Every team below `teamId` (children, their children …), not the team itself. */
export function descendantsOf(teamId: string, teams: readonly TeamNode[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const t of teams) {
    if (t.parentId === null) continue;
    const list = children.get(t.parentId) ?? [];
    list.push(t.id);
    children.set(t.parentId, list);
  }
  const found = new Set<string>();
  const stack = [...(children.get(teamId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (found.has(id) || id === teamId) continue;
    found.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return found;
}

/** Levels of the subtree rooted at `teamId`: 1 for a leaf. */
export function heightOf(teamId: string, teams: readonly TeamNode[]): number {
  const below = descendantsOf(teamId, teams);
  let height = 1;
  for (const id of below) {
    const lineage = teamLineage(id, teams);
    height = Math.max(height, lineage.indexOf(teamId) + 1);
  }
  return height;
}

/** Why a new parent is refused, or `null` when the tree stays a tree within the depth limit. */
export type ReparentRefusal = 'cycle' | 'too-deep';

/**
 * Whether `teamId` may hang under `parentId` (`null`: become a root). Refused when the parent is the
 * team itself or lies below it (a cycle), or when the moved subtree would reach deeper than
 * {@link MAX_TEAM_DEPTH}.
 * @example
 * reparentRefusal('field', 'heating', teams); // 'cycle' when heating is below field
 */
export function reparentRefusal(
  teamId: string,
  parentId: string | null,
  teams: readonly TeamNode[],
): ReparentRefusal | null {
  if (parentId === null) return heightOf(teamId, teams) > MAX_TEAM_DEPTH ? 'too-deep' : null;
  if (parentId === teamId || descendantsOf(teamId, teams).has(parentId)) return 'cycle';
  return depthOf(parentId, teams) + heightOf(teamId, teams) > MAX_TEAM_DEPTH ? 'too-deep' : null;
}

/** Whether following parents from any team ever comes back to it. */
export function hasCycle(teams: readonly TeamNode[]): boolean {
  const byId = new Map(teams.map((t) => [t.id, t]));
  for (const start of teams) {
    const seen = new Set<string>();
    let current: string | null = start.id;
    while (current !== null) {
      if (seen.has(current)) return true;
      seen.add(current);
      current = byId.get(current)?.parentId ?? null;
    }
  }
  return false;
}
