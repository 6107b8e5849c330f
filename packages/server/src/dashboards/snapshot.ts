import {
  type Actor,
  canViewSession,
  mayViewPresence,
  type PresenceStatus,
  presenceStatuses,
  type ServiceLevelPeriod,
  serviceLevel,
  serviceLevelStart,
} from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { loadPresence } from '../presence/store.js';
import type { Monitor, MonitorData } from './schemas.js';

/** Sessions still in play: waiting, confirmed or in a call. */
const LIVE = ['requested', 'confirmed', 'running'];
/** Most waiting requests an incoming monitor lists. */
const INCOMING_LIMIT = 50;

interface SessionLine {
  id: string;
  status: string;
  reason: string;
  deviceId: string;
  portalId: string;
  teamId: string | null;
  assigneeIds: string[];
  createdAt: Date;
  confirmedAt: Date | null;
  updatedAt: Date;
  queuedUntil: Date | null;
  createdByKind: string;
  /** A live session's open call (its first, if it had two), read with it: one snapshot. */
  call: OpenCall | null;
}

interface OpenCall {
  id: string;
  transport: string;
  /** As PostgreSQL writes a timestamp in JSON. */
  startedAt: string;
}

async function sessionLines(
  db: Kysely<Database>,
  organizationId: string,
  where: { live: true } | { since: Date },
): Promise<SessionLine[]> {
  let q = db
    .selectFrom('sessions')
    .select([
      'id',
      'status',
      'reason',
      'device_id',
      'portal_id',
      'team_id',
      'assignee_ids',
      'created_at',
      'confirmed_at',
      'updated_at',
      'queued_until',
      'created_by_kind',
    ])
    // A live session's open call in the same statement: read apart, a call that ended between the
    // two reads left a running session without its call on the wallboard.
    .select(
      ('live' in where
        ? sql<OpenCall | null>`(select json_build_object('id', c.id, 'transport', c.transport,
              'startedAt', c.started_at)
            from calls c where c.session_id = sessions.id and c.organization_id = sessions.organization_id
              and c.ended_at is null
            order by c.started_at limit 1)`
        : sql<null>`null`
      ).as('open_call'),
    )
    .where('organization_id', '=', organizationId);
  q = 'live' in where ? q.where('status', 'in', LIVE) : q.where('created_at', '>=', where.since);
  const rows = await q.orderBy('seq', 'desc').limit(10_000).execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    reason: r.reason,
    deviceId: r.device_id,
    portalId: r.portal_id,
    teamId: r.team_id,
    assigneeIds: r.assignee_ids,
    createdAt: new Date(r.created_at),
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
    updatedAt: new Date(r.updated_at),
    queuedUntil: r.queued_until ? new Date(r.queued_until) : null,
    createdByKind: r.created_by_kind,
    call: r.open_call,
  }));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A monitor's portal and team filters. */
function matches(m: Monitor, s: { portalId: string; teamId: string | null }): boolean {
  if ('portalId' in m && m.portalId && s.portalId !== m.portalId) return false;
  if (m.teamId && s.teamId !== m.teamId) return false;
  return true;
}

/**
 * What each monitor of a dashboard shows `actor` at `now` (MC-7). Every session passes the
 * domain's `canViewSession` for the viewer and every agent `mayViewPresence` — a dashboard shared
 * by a company manager shows a team manager only their teams.
 */
export async function computeSnapshot(
  services: Services,
  actor: Extract<Actor, { kind: 'staff' }>,
  monitors: readonly Monitor[],
): Promise<MonitorData[]> {
  const { db } = services.handle;
  const org = actor.organizationId;
  const now = services.clock();
  const types = new Set(monitors.map((m) => m.type));
  const teams = await services.teamsOf(org);
  const visible = (s: SessionLine) =>
    canViewSession(
      actor,
      {
        organizationId: org,
        deviceId: s.deviceId,
        teamId: s.teamId,
        assigneeIds: s.assigneeIds,
        portalId: s.portalId,
        id: s.id,
      },
      teams,
    );
  const periods = monitors.flatMap((m) => (m.type === 'service-level' ? [m.period] : []));
  const earliest = periods.length
    ? new Date(Math.min(...periods.map((p) => serviceLevelStart(p, now).getTime())))
    : undefined;
  const [live, period, portals, teamNames, users, presence] = await Promise.all([
    sessionLines(db, org, { live: true }),
    earliest ? sessionLines(db, org, { since: earliest }) : [],
    db.selectFrom('portals').select(['id', 'name']).where('organization_id', '=', org).execute(),
    db.selectFrom('teams').select(['id', 'name']).where('organization_id', '=', org).execute(),
    db.selectFrom('users').select(['id', 'display_name']).where('organization_id', '=', org).execute(),
    types.has('agents') || types.has('active-sessions') ? loadPresence(services, org, now) : [],
  ]);
  const seen = live.filter(visible);
  const portalName = new Map(portals.map((p) => [p.id, p.name]));
  const teamName = new Map(teamNames.map((t) => [t.id, t.name]));
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const running = seen.filter((s) => s.status === 'running');
  const waiting = seen.filter((s) => s.status === 'requested');
  const named = (s: SessionLine) => ({
    portalName: portalName.get(s.portalId) ?? null,
    teamName: s.teamId ? (teamName.get(s.teamId) ?? null) : null,
  });

  const dataOf = (m: Monitor): MonitorData => {
    const id = m.id ?? '';
    switch (m.type) {
      case 'incoming': {
        const mine = waiting
          .filter((s) => matches(m, s))
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
        return {
          type: 'incoming',
          id,
          waiting: mine.length,
          items: mine.slice(0, INCOMING_LIMIT).map((s) => ({
            sessionId: s.id,
            reason: s.reason,
            portalId: s.portalId,
            teamId: s.teamId,
            ...named(s),
            requestedAt: s.createdAt.toISOString(),
            queuedUntil: iso(s.queuedUntil),
          })),
        };
      }
      case 'queues': {
        const groups = new Map<string | null, SessionLine[]>();
        for (const s of waiting.filter((x) => matches(m, x))) {
          const key = m.groupBy === 'team' ? s.teamId : s.portalId;
          groups.set(key, [...(groups.get(key) ?? []), s]);
        }
        const items = [...groups].map(([key, list]) => ({
          key,
          name: key === null ? null : ((m.groupBy === 'team' ? teamName : portalName).get(key) ?? null),
          waiting: list.length,
          oldestRequestedAt: iso(new Date(Math.min(...list.map((s) => s.createdAt.getTime())))),
        }));
        items.sort((a, b) => (a.oldestRequestedAt ?? '').localeCompare(b.oldestRequestedAt ?? ''));
        return { type: 'queues', id, groupBy: m.groupBy, items };
      }
      case 'active-sessions':
        return {
          type: 'active-sessions',
          id,
          items: running
            .filter((s) => matches(m, s))
            .map((s) => {
              const { call } = s;
              return {
                sessionId: s.id,
                reason: s.reason,
                portalId: s.portalId,
                teamId: s.teamId,
                ...named(s),
                // Its assignees, and staff in its call without being assigned (a team queue's request).
                agents: [
                  ...new Set([
                    ...s.assigneeIds,
                    ...presence.filter((p) => p.callSessionId === s.id).map((p) => p.userId),
                  ]),
                ].map((a) => ({ id: a, displayName: userName.get(a) ?? a })),
                callId: call?.id ?? null,
                transport: call?.transport ?? null,
                callStartedAt: call ? new Date(call.startedAt).toISOString() : null,
              };
            }),
        };
      case 'agents': {
        const items = presence
          .filter(
            (p) =>
              p.role === 'agent' &&
              (!m.teamId || p.teamId === m.teamId) &&
              mayViewPresence(actor, { organizationId: org, userId: p.userId, teamId: p.teamId }, teams),
          )
          .map((p) => ({
            userId: p.userId,
            displayName: p.displayName,
            teamId: p.teamId,
            teamName: p.teamId ? (teamName.get(p.teamId) ?? null) : null,
            status: p.status,
            since: p.status === p.announced ? iso(p.since) : null,
            sessionId: p.callSessionId,
          }));
        const counts = Object.fromEntries(presenceStatuses.map((s) => [s, 0])) as Record<
          PresenceStatus,
          number
        >;
        for (const item of items) counts[item.status]++;
        return { type: 'agents', id, counts, items };
      }
      case 'service-level': {
        const from = serviceLevelStart(m.period as ServiceLevelPeriod, now);
        const requests = period
          .filter((s) => s.createdByKind === 'customer' && s.createdAt >= from && matches(m, s) && visible(s))
          .map((s) => ({
            createdAt: s.createdAt,
            confirmedAt: s.confirmedAt,
            waiting: s.status === 'requested',
            endedAt: s.status === 'cancelled' || s.status === 'closed' ? s.updatedAt : null,
          }));
        const level = serviceLevel(requests, m.thresholdSeconds, now);
        return {
          type: 'service-level',
          id,
          period: m.period,
          thresholdSeconds: m.thresholdSeconds,
          from: from.toISOString(),
          ...level,
        };
      }
    }
  };
  return monitors.map(dataOf);
}
