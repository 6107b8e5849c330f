import { type Actor, mayViewPresence, type TeamNode } from '@sightline/core/domain';

/**
 * Whether a `presence.changed` outbox row reaches `actor` (MC-7): staff who may see that person's
 * presence. `undefined` for any other row, so the stream's own rules decide those.
 * @example
 * visible: presenceEventVisible(actor, row, teams) ?? sessionRules(row)
 */
export function presenceEventVisible(
  actor: Actor,
  row: { type: string; organization_id: string; data: Record<string, unknown> },
  teams: readonly TeamNode[],
  /** The stream asked for presence events (`include=presence`); others never get them. */
  wanted: boolean,
): boolean | undefined {
  if (row.type !== 'presence.changed') return undefined;
  if (!wanted) return false;
  const { userId, teamId } = row.data;
  if (typeof userId !== 'string') return false;
  return mayViewPresence(
    actor,
    { organizationId: row.organization_id, userId, teamId: typeof teamId === 'string' ? teamId : null },
    teams,
  );
}
