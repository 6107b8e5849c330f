import {
  type Actor,
  canViewSession,
  hasIntegrationScope,
  maySummary,
  type TeamNode,
} from '@sightline/core/domain';
import { presenceEventVisible } from '../presence/visibility.js';
import type { OutboxRow } from './outbox-feed.js';

/** What an event's audience depends on besides the caller, loaded once per read for every stream. */
export interface AudienceInputs {
  teams: readonly TeamNode[];
  /** Who holds `summaries.view` in the organization (SI-5), when the rows hold summary events. */
  summaryPermissions: Parameters<typeof maySummary>[2] | undefined;
  /** Portals of sessions whose events were stored before the scope carried the portal. */
  portals: ReadonlyMap<string, string>;
}

/**
 * Which of `rows` reach `actor` on `GET /v1/events` (VS-3): the domain's session visibility, plus the
 * stream's own rules for notes, chat, ratings, summaries and presence. Pure: streams of one
 * credential share the answer (see events/fanout.ts).
 * @example
 * const visible = audience(actor, organizationId, rows, inputs, includePresence);
 */
export function audience(
  actor: Actor,
  organizationId: string,
  rows: readonly OutboxRow[],
  inputs: AudienceInputs,
  includePresence: boolean,
): boolean[] {
  // Integration tokens (SI-12) see session events with `sessions:read`, summary events with
  // `summaries:read`, and never chat.
  const seesSessions = actor.kind !== 'integration' || hasIntegrationScope(actor, 'sessions:read');
  // Summary events reach staff holding `summaries.view` only (SI-5), never customers.
  const seesSummaries =
    inputs.summaryPermissions !== undefined && maySummary(actor, 'summaries.view', inputs.summaryPermissions);
  const portals = actor.kind === 'integration' ? inputs.portals : undefined;
  return rows.map(
    (row) =>
      presenceEventVisible(actor, row, inputs.teams, includePresence) ??
      (row.session_id !== null &&
        (!row.type.startsWith('summary.') || seesSummaries) &&
        // Staff notes never reach customers (VS-15).
        !(row.type === 'message.created' && row.data.kind === 'note' && actor.kind !== 'staff') &&
        !(row.type === 'message.created' && actor.kind === 'integration') &&
        // Ratings (MC-15): staff who see the session see every rating; a customer only their own.
        !(
          row.type === 'rating.created' &&
          (actor.kind === 'integration' || (actor.kind === 'customer' && row.data.raterKind !== 'customer'))
        ) &&
        (row.type.startsWith('summary.') || seesSessions) &&
        canViewSession(
          actor,
          {
            organizationId,
            ...row.scope,
            assigneeIds: row.scope.assigneeIds,
            portalId: row.scope.portalId ?? portals?.get(row.session_id ?? ''),
            id: row.session_id ?? undefined,
          },
          inputs.teams,
        )),
  );
}

const blocks = new WeakMap<OutboxRow, string>();

/**
 * The row as one server-sent event (`id`, `event`, `data`: the `Event` envelope as JSON), serialized
 * once per row however many streams send it.
 */
export function eventBlock(row: OutboxRow): string {
  let block = blocks.get(row);
  if (block === undefined) {
    const id = String(row.id);
    const envelope = {
      id,
      type: row.type,
      sessionId: row.session_id,
      at: new Date(row.created_at).toISOString(),
      data: row.data,
    };
    // JSON.stringify leaves no raw line break, so the envelope is one `data:` line.
    block = `event: ${row.type}\ndata: ${JSON.stringify(envelope)}\nid: ${id}\n\n`;
    blocks.set(row, block);
  }
  return block;
}

/** Whether outbox id `a` comes after `b` (ids are decimal strings without leading zeros). */
export function idAfter(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}
