import type { Schema, SightlineClient } from './api.js';

/** A team as the management elements show it: with its place in the tree. */
export interface TeamOption {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  /** Depth in the tree (0 for a top-level team). */
  readonly depth: number;
  /** "Field › Heating" */
  readonly path: string;
}

/**
 * The teams in tree order (each parent before its children, siblings by name), with depth and path,
 * for pickers and the tree view.
 * @example
 * teamOptions(list).map((t) => `${'  '.repeat(t.depth)}${t.name}`);
 */
export function teamOptions(
  teams: readonly Pick<Schema<'Team'>, 'id' | 'name' | 'parentId'>[],
): TeamOption[] {
  const children = new Map<string | null, typeof teams>();
  const ids = new Set(teams.map((t) => t.id));
  for (const t of teams) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: TeamOption[] = [];
  const walk = (parent: string | null, depth: number, prefix: string) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const t of list) {
      const path = prefix ? `${prefix} › ${t.name}` : t.name;
      out.push({ id: t.id, name: t.name, parentId: t.parentId ?? null, depth, path });
      walk(t.id, depth + 1, path);
    }
  };
  walk(null, 0, '');
  return out;
}

/** Every team of the organization, in tree order; `undefined` with the problem on failure. */
export async function loadTeams(
  api: SightlineClient,
): Promise<{ teams: TeamOption[]; error?: undefined } | { teams?: undefined; error: unknown }> {
  const { data, error } = await api.GET('/v1/teams');
  if (error || !data) return { error };
  return { teams: teamOptions(data.items) };
}
