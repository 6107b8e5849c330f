import type { Kysely } from 'kysely';
import type { Principal, Services } from '../context.js';
import type { ReadCache } from '../db/read-cache.js';
import type { Database } from '../db/schema.js';
import { sessionWireFor } from '../portals/feature-context.js';
import { type UserLabel, userLabels } from '../users/labels.js';
import type { SessionWire } from './schemas.js';
import type { CallRow, SessionRow, WrittenSessionRow } from './store.js';

/** Labels of the users holding sessions, by id. */
export type AssigneeLabels = ReadonlyMap<string, UserLabel>;

/** Labels of every assignee of the given sessions, in one query (none when nobody is assigned). */
export async function assigneeLabels(
  db: Kysely<Database>,
  organizationId: string,
  rows: readonly Pick<SessionRow, 'assignee_ids'>[],
  cache?: ReadCache,
): Promise<AssigneeLabels> {
  const ids = [...new Set(rows.flatMap((r) => r.assignee_ids))].sort();
  if (ids.length === 0) return new Map();
  const load = async () => new Map((await userLabels(db, organizationId, ids)).map((l) => [l.id, l]));
  // From the read cache while no user has been written since (issue 13).
  return cache ? cache.get(`labels:${organizationId}:${ids.join(',')}`, ['users'], load) : load();
}

/** Who holds a session, as the wire shows it; an id without a label shows as a deleted user. */
export function assigneesOf(
  row: Pick<SessionRow, 'assignee_ids'>,
  labels: AssigneeLabels,
): NonNullable<SessionWire['assignees']> {
  return row.assignee_ids.map((id) => labels.get(id) ?? { id, displayName: '', deleted: true });
}

/**
 * The per-caller session serializer ({@link sessionWireFor}: capabilities) plus who holds each of
 * `rows` (VS-3): two queries however many sessions.
 * @example
 * const toWire = await sessionWire(services, principal, [row]);
 * c.json(toWire(row, calls));
 */
export async function sessionWire(
  services: Services,
  principal: Principal,
  rows: readonly WrittenSessionRow[],
): Promise<(row: WrittenSessionRow, calls: readonly CallRow[]) => SessionWire> {
  const [toWire, labels] = await Promise.all([
    sessionWireFor(services, principal),
    assigneeLabels(services.handle.db, principal.actor.organizationId, rows, services.handle.cache),
  ]);
  return (row, calls) => ({ ...toWire(row, calls), assignees: assigneesOf(row, labels) });
}
