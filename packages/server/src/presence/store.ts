import {
  type ChosenPresence,
  PRESENCE_TIMEOUT_MS,
  type PresenceStatus,
  presenceOf,
} from '@sightline/core/domain';
import type { Kysely } from 'kysely';
import { participantIdFor } from '../auth/secrets.js';
import type { Database } from '../db/schema.js';

/** One staff member's presence as derived now, with what it is derived from. */
export interface PresenceRow {
  userId: string;
  displayName: string;
  role: string;
  teamId: string | null;
  status: PresenceStatus;
  chosen: ChosenPresence;
  /** The status last announced as an event (another replica may be about to announce a newer one). */
  announced: string;
  /** When the announced status began. */
  since: Date | null;
  /** The session the user holds whose call is running, if any. */
  callSessionId: string | null;
}

/**
 * The presence of the organization's staff (or of `userIds`) at `now` (MC-7): from the consoles
 * heard from within the timeout, the calls running (their assignees, and whoever started the call)
 * and each user's choice — all read from the database, so every replica derives the same. API
 * managers have none.
 */
export async function loadPresence(
  services: { handle: { db: Kysely<Database> }; rawSecret: string },
  organizationId: string,
  now: Date,
  userIds?: readonly string[],
): Promise<PresenceRow[]> {
  if (userIds && userIds.length === 0) return [];
  const { db } = services.handle;
  let users = db
    .selectFrom('users')
    .leftJoin('presence', 'presence.user_id', 'users.id')
    .select([
      'users.id',
      'users.display_name',
      'users.role',
      'users.team_id',
      'presence.chosen',
      'presence.announced',
      'presence.changed_at',
    ])
    .where('users.organization_id', '=', organizationId)
    .where('users.deleted_at', 'is', null)
    .where('users.role', '<>', 'api-manager');
  if (userIds) users = users.where('users.id', 'in', [...userIds]);
  const fresh = new Date(now.getTime() - PRESENCE_TIMEOUT_MS);
  const [people, consoles, running] = await Promise.all([
    users.orderBy('users.display_name').orderBy('users.id').execute(),
    // A user's latest beat is all presenceOf needs: one row per user, however many consoles are
    // open (a stream each; issue 13: 1,000 streams made this the costliest read of a fan-out pass).
    db
      .selectFrom('presence_consoles')
      .select((eb) => ['user_id', eb.fn.max('last_seen_at').as('last_seen_at')])
      .where('organization_id', '=', organizationId)
      .where('last_seen_at', '>', fresh)
      .groupBy('user_id')
      .execute(),
    db
      .selectFrom('sessions')
      .innerJoin('calls', 'calls.session_id', 'sessions.id')
      .select(['sessions.id', 'sessions.assignee_ids', 'calls.started_by_participant'])
      .where('sessions.organization_id', '=', organizationId)
      .where('sessions.status', '=', 'running')
      .where('calls.ended_at', 'is', null)
      .execute(),
  ]);
  const beats = new Map<string, Date[]>();
  for (const c of consoles) beats.set(c.user_id, [new Date(c.last_seen_at)]);
  // Calls know their starter by the opaque participant id; staff ids map to it one way.
  const starters = new Map(running.map((s) => [s.started_by_participant, s.id]));
  const inCall = new Map<string, string>();
  for (const p of people) {
    const started = starters.get(participantIdFor(services.rawSecret, `user:${p.id}`));
    if (started) inCall.set(p.id, started);
  }
  for (const s of running) for (const id of s.assignee_ids) inCall.set(id, s.id);
  return people.map((p) => {
    const chosen = p.chosen ?? 'available';
    return {
      userId: p.id,
      displayName: p.display_name,
      role: p.role,
      teamId: p.team_id,
      chosen,
      status: presenceOf({ chosen, heartbeats: beats.get(p.id) ?? [], inCall: inCall.has(p.id) }, now),
      announced: p.announced ?? 'offline',
      since: p.changed_at ? new Date(p.changed_at) : null,
      callSessionId: inCall.get(p.id) ?? null,
    };
  });
}

/** Makes sure the user has a presence row (available, announced offline). */
export async function ensurePresenceRow(
  db: Kysely<Database>,
  organizationId: string,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('presence')
    .values({ user_id: userId, organization_id: organizationId, changed_at: now })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}
