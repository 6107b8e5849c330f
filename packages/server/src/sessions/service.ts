import { randomUUID } from 'node:crypto';
import {
  type BusinessHours,
  canActAsStaff,
  canViewSession,
  capabilitiesFor,
  openSession,
  type SessionEffect,
  type SessionEvent,
  transitionSession,
} from '@sightline/core/domain';
import type { Kysely } from 'kysely';
import type { Principal, Services } from '../context.js';
import { atCommit } from '../db/pglite-dialect.js';
import type { Database } from '../db/schema.js';
import { appendEvent } from '../events/outbox.js';
import { checkIfMatch } from '../http/etag.js';
import { isOpen, nextOpenAt, type Schedule } from '../portals/business-hours.js';
import { ProblemError } from '../problems/problem.js';
import { enqueueSummaryJob } from '../summaries/job.js';
import { labelOf, userRows } from '../users/labels.js';
import { type AssigneeLabels, assigneeLabels, assigneesOf } from './assignees.js';
import { deviceRouting } from './routing.js';
import type { SessionWire } from './schemas.js';
import {
  type CallRow,
  cachedSessionBundle,
  callsOf,
  findSession,
  type SessionRow,
  scopeOf,
  sessionScope,
  sessionState,
  sessionToWire,
  type WrittenSessionRow,
} from './store.js';

export interface CreateSessionInput {
  deviceId?: string | undefined;
  reason: string;
  ticketLinks?: string[] | undefined;
  recordingConsent?: 'granted' | 'denied' | undefined;
  assigneeIds?: string[] | undefined;
}

/**
 * A customer request against the portal's business hours (MC-6): `null` when staff are there; the
 * instant they are back when the portal queues requests; otherwise a 409 `outside-business-hours`
 * problem with `nextOpenAt` (without it when the portal never opens).
 */
export function outsideHoursOutcome(schedule: Schedule, mode: 'refuse' | 'queue', now: Date): Date | null {
  if (isOpen(schedule, now)) return null;
  const next = nextOpenAt(schedule, now);
  if (mode === 'queue' && next) return next;
  throw new ProblemError(
    409,
    'outside-business-hours',
    next
      ? `Staff are not available now; they are back at ${next.toISOString()}.`
      : 'Staff are not available through this portal.',
    next ? { nextOpenAt: next.toISOString() } : {},
  );
}

/** A session the caller may see, with its calls; 404 outside the organization, 403 inside it. */
export async function loadVisibleSession(services: Services, principal: Principal, id: string) {
  const bundle = await cachedSessionBundle(services.handle, principal.actor.organizationId, id);
  if (!bundle) throw ProblemError.notFound('No session with this id.');
  const { row, calls, teams } = bundle;
  if (!canViewSession(principal.actor, sessionScope(row), teams)) {
    throw ProblemError.forbidden('You may not see this session.');
  }
  return { row, calls, teams };
}

/** Creates a session: a customer request (`requested`, VS-1/VS-2) or a staff session (`confirmed`, VS-5). */
export async function createSession(
  services: Services,
  principal: Principal,
  input: CreateSessionInput,
): Promise<{ row: WrittenSessionRow; calls: CallRow[] }> {
  const { db } = services.handle;
  const { actor } = principal;
  const organizationId = actor.organizationId;
  let deviceId = input.deviceId;
  if (actor.kind === 'customer') {
    if (actor.sessionId !== undefined) {
      throw ProblemError.forbidden(
        'An invitation reaches only its session; request a new one with the device’s code.',
      );
    }
    if (deviceId !== undefined && deviceId !== actor.deviceId) {
      throw ProblemError.forbidden('You may only request sessions for your own device.');
    }
    if (input.assigneeIds) throw ProblemError.forbidden('Customers cannot assign staff.');
    deviceId = actor.deviceId;
  } else if (deviceId === undefined) {
    throw ProblemError.badRequest('deviceId is required.', [{ path: 'body.deviceId', message: 'Required' }]);
  }
  const found = await deviceRouting(services.handle, organizationId, deviceId);
  if (!found) throw ProblemError.notFound('No device with this id.');
  const device = { ...found, team_id: found.device_team_id ?? found.portal_team_id ?? null };
  const teams = await services.teamsOf(organizationId);
  const capabilities = capabilitiesFor({ actor, teams, portal: { features: device.features } });
  let assigneeIds: string[] = [];
  /** How the assignees show in the event (read here, before the transaction: one round trip less). */
  let labels: AssigneeLabels = new Map();
  let queuedUntil: Date | null = null;
  if (actor.kind === 'customer') {
    if (!capabilities.has('session.create')) {
      throw ProblemError.forbidden('This portal does not accept session requests from customers.');
    }
    if (input.recordingConsent !== undefined && device.features.recording === 'off') {
      throw ProblemError.badRequest('This portal does not record, so there is no consent to give.', [
        { path: 'body.recordingConsent', message: 'Recording is not enabled for this portal' },
      ]);
    }
    queuedUntil = outsideHoursOutcome(
      {
        timeZone: device.time_zone,
        businessHours: device.business_hours as BusinessHours | null,
        holidays: device.holidays,
      },
      device.outside_hours,
      services.clock(),
    );
    if (device.device_assignee_id) {
      assigneeIds = [device.device_assignee_id];
      const label = labelOf({
        id: device.device_assignee_id,
        display_name: device.device_assignee_name ?? '',
        deleted_at: null,
      });
      labels = new Map([[label.id, label]]);
    }
  } else {
    if (actor.kind === 'integration')
      throw ProblemError.forbidden('Integration tokens do not create sessions.');
    if (
      !capabilities.has('session.create') ||
      !canActAsStaff(actor, { organizationId, teamId: device.team_id, assigneeIds: [] }, teams)
    ) {
      throw ProblemError.forbidden('You may not create sessions for this device.');
    }
    if (input.recordingConsent !== undefined) {
      throw ProblemError.forbidden('Only the customer can answer the recording-consent question.');
    }
    const byDefault =
      actor.role === 'agent' ? [actor.userId] : device.device_assignee_id ? [device.device_assignee_id] : [];
    assigneeIds = [...new Set(input.assigneeIds ?? byDefault)];
    if (assigneeIds.length > 0) {
      const sorted = [...assigneeIds].sort();
      // From the read cache while no user has been written since (issue 13).
      const found = await services.handle.cache.get(
        `user-rows:${organizationId}:${sorted.join(',')}`,
        ['users'],
        () => userRows(db, organizationId, sorted),
      );
      if (found.length !== assigneeIds.length) {
        throw ProblemError.badRequest('Unknown assignee.', [
          { path: 'body.assigneeIds', message: 'Unknown user' },
        ]);
      }
      labels = new Map(found.map((r) => [r.id, labelOf(r)]));
    }
  }
  const opened = openSession(
    { organizationId, deviceId: device.id, teamId: device.team_id, assigneeIds },
    actor.kind === 'customer' ? 'customer' : 'staff',
  );
  const now = services.clock();
  // The row as written, every column given (no default of the table's fills one in): the event and
  // the answer are made from it, so nothing waits for the database to hand it back.
  const row: WrittenSessionRow = {
    id: randomUUID(),
    organization_id: organizationId,
    device_id: device.id,
    portal_id: device.portal_id,
    team_id: device.team_id,
    assignee_ids: [...opened.state.assigneeIds],
    status: opened.state.status,
    reason: input.reason,
    ticket_links: input.ticketLinks ?? [],
    recording_consent: input.recordingConsent ?? null,
    cancel_reason: null,
    queued_until: queuedUntil,
    confirmed_at: null,
    purged_at: null,
    created_by_kind: actor.kind,
    created_by_id: actor.kind === 'customer' ? actor.deviceId : actor.userId,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    const insert = trx
      .insertInto('sessions')
      .values({
        ...row,
        assignee_ids: JSON.stringify(row.assignee_ids),
        ticket_links: JSON.stringify(row.ticket_links),
      })
      .compile();
    // On PGlite the row and its event go with the COMMIT: a creation is one round trip (issue 13).
    // A consent recorded with it refers to the row, which must then be written first.
    await trx.executeQuery(input.recordingConsent ? insert : atCommit(insert));
    await appendEvent(trx, services.handle, {
      organizationId,
      type: 'session.created',
      sessionId: row.id,
      scope: scopeOf(row),
      data: {
        session: {
          ...sessionToWire(row, []),
          assignees: assigneesOf(row, labels),
        },
        effects: opened.effects,
      },
    });
    if (input.recordingConsent) {
      await recordConsentRow(
        trx,
        services,
        principal,
        row,
        'recording',
        input.recordingConsent,
        input.recordingConsent,
      );
    }
  });
  services.handle.notifier.notify();
  return { row, calls: [] };
}

/** Appends a consent record and its event (inside the caller's transaction). */
export async function recordConsentRow(
  trx: Kysely<Database>,
  services: Services,
  principal: Principal,
  session: WrittenSessionRow,
  kind: 'recording' | 'summary',
  decision: string,
  outcome: string,
) {
  const consent = await trx
    .insertInto('consents')
    .values({
      organization_id: session.organization_id,
      session_id: session.id,
      kind,
      decision,
      outcome,
      actor_kind: principal.actor.kind,
      actor_participant: principal.participantId,
      created_at: services.clock(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEvent(trx, services.handle, {
    organizationId: session.organization_id,
    type: 'consent.recorded',
    sessionId: session.id,
    scope: scopeOf(session),
    data: { consent: consentToWire(consent) },
  });
  return consent;
}

/** Wire form of a consent row. */
export function consentToWire(row: {
  id: string;
  session_id: string;
  kind: string;
  decision: string;
  outcome: string;
  actor_kind: string;
  actor_participant: string;
  created_at: Date | string;
}) {
  return {
    id: String(row.id),
    sessionId: row.session_id,
    kind: row.kind as 'recording' | 'summary',
    decision: row.decision as 'granted' | 'denied' | 'revoked',
    outcome: row.outcome,
    by: { kind: row.actor_kind as 'customer' | 'staff', participantId: row.actor_participant },
    at: new Date(row.created_at).toISOString(),
  };
}

/** The server itself acting (timers): the domain's `system` actor within one organization. */
export interface SystemCaller {
  actor: { kind: 'system' };
  organizationId: string;
}

export interface TransitionOptions {
  ifMatch?: string | undefined;
  /** Extra writes in the same transaction, after the status change (e.g. the call row). */
  alsoWrite?: (trx: Kysely<Database>, next: SessionRow) => Promise<void>;
}

/**
 * Applies a lifecycle event through the domain's `transitionSession`: the rejection code becomes
 * 403/409 and nothing changes; otherwise the new state, the version bump and the outbox events are
 * committed together.
 */
export async function applySessionEvent(
  services: Services,
  caller: Principal | SystemCaller,
  sessionId: string,
  event: SessionEvent,
  options: TransitionOptions = {},
): Promise<{ row: SessionRow; calls: CallRow[]; effects: SessionEffect[] }> {
  const { db } = services.handle;
  const { actor } = caller;
  const organizationId = 'organizationId' in caller ? caller.organizationId : caller.actor.organizationId;
  const teams = await services.teamsOf(organizationId);
  const result = await db.transaction().execute(async (trx) => {
    const row = await findSession(trx, organizationId, sessionId, true);
    if (!row) throw ProblemError.notFound('No session with this id.');
    if (actor.kind !== 'system' && !canViewSession(actor, sessionScope(row), teams))
      throw ProblemError.forbidden('You may not see this session.');
    checkIfMatch(options.ifMatch, row.version, 'The session changed since you read it; reload and retry.');
    const calls = await callsOf(trx, [row.id]);
    const outcome = transitionSession(sessionState(row, calls), event, actor, { teams });
    if (!outcome.ok) {
      const { code, reason } = outcome.rejection;
      throw code === 'forbidden' ? ProblemError.forbidden(reason) : ProblemError.conflict(code, reason);
    }
    const cancelReason = event.type === 'cancel' ? (event.reason ?? null) : row.cancel_reason;
    const next = await trx
      .updateTable('sessions')
      .set({
        status: outcome.state.status,
        assignee_ids: JSON.stringify(outcome.state.assigneeIds),
        cancel_reason: cancelReason,
        ...(outcome.state.status === 'confirmed' && row.confirmed_at === null
          ? { confirmed_at: services.clock() }
          : {}),
        version: row.version + 1,
        updated_at: services.clock(),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await options.alsoWrite?.(trx, next);
    // SI-7: a completed session's summary job is queued with the completion itself.
    if (next.status === 'completed' && row.status !== 'completed') {
      await enqueueSummaryJob(trx, next, services.clock());
    }
    const nextCalls = await callsOf(trx, [row.id]);
    const wire: SessionWire = {
      ...sessionToWire(next, nextCalls),
      assignees: assigneesOf(next, await assigneeLabels(trx, organizationId, [next])),
    };
    for (const effect of outcome.effects) {
      if (effect.type === 'call-started' || effect.type === 'call-ended') {
        const call = nextCalls.find((c) => c.id === effect.callId);
        await appendEvent(trx, services.handle, {
          organizationId,
          type: effect.type === 'call-started' ? 'call.started' : 'call.ended',
          sessionId: row.id,
          scope: scopeOf(next),
          data: {
            sessionId: row.id,
            call: call ? sessionToWire(next, [call]).calls[0] : { id: effect.callId },
          },
        });
      }
    }
    await appendEvent(trx, services.handle, {
      organizationId,
      type: 'session.changed',
      sessionId: row.id,
      scope: scopeOf(next),
      data: { session: wire, event: event.type, effects: outcome.effects },
    });
    return { row: next, calls: nextCalls, effects: outcome.effects };
  });
  services.handle.notifier.notify();
  if (result.row.status === 'completed') services.summaryJobs?.kick();
  return result;
}
