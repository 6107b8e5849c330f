import type { PresenceStatus } from '@sightline/core/domain';
import type { Services } from '../context.js';
import { appendOrganizationEvent } from '../events/outbox.js';
import { ensurePresenceRow, loadPresence } from './store.js';

/**
 * Announces every presence that changed since it was last announced (MC-7): a `presence.changed`
 * event per change, written with a conditional update of `announced`, so when several replicas (or
 * several streams of one) look at once, exactly one announces each change.
 * Returns the changes it announced.
 */
export async function announcePresence(
  services: Services,
  organizationId: string,
  userIds?: readonly string[],
): Promise<{ userId: string; status: PresenceStatus }[]> {
  const { db } = services.handle;
  const now = services.clock();
  const rows = await loadPresence(services, organizationId, now, userIds);
  const changed = rows.filter((r) => r.status !== r.announced);
  const announced: { userId: string; status: PresenceStatus }[] = [];
  for (const row of changed) {
    await ensurePresenceRow(db, organizationId, row.userId, now);
    const won = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('presence')
        .set({ announced: row.status, changed_at: now })
        .where('user_id', '=', row.userId)
        .where('announced', '=', row.announced)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await appendOrganizationEvent(trx, services.handle, {
        organizationId,
        type: 'presence.changed',
        teamId: row.teamId,
        data: {
          userId: row.userId,
          teamId: row.teamId,
          status: row.status,
          previous: row.announced,
          callSessionId: row.callSessionId,
          at: now.toISOString(),
        },
      });
      return true;
    });
    if (won) announced.push({ userId: row.userId, status: row.status });
  }
  if (announced.length > 0) services.handle.notifier.notify();
  return announced;
}

interface SweepState {
  running?: Promise<unknown> | undefined;
  queued?: Promise<unknown> | undefined;
}
/** Sweeps of one process, per database and organization. */
const sweeps = new WeakMap<object, Map<string, SweepState>>();

/**
 * Announces the organization's presence changes. Sweeps of one process coalesce: while one runs,
 * callers share a single follow-up sweep that starts when it ends, so a change made after the
 * running sweep read the database is never missed, and a burst of wakes costs two sweeps at most.
 */
export function sweepPresence(services: Services, organizationId: string): Promise<unknown> {
  const mine = sweeps.get(services.handle) ?? new Map<string, SweepState>();
  sweeps.set(services.handle, mine);
  const s: SweepState = mine.get(organizationId) ?? {};
  mine.set(organizationId, s);
  const run = (): Promise<unknown> => {
    const p = announcePresence(services, organizationId)
      // A failed sweep (say, the database going away on shutdown) is retried by the next wake.
      .catch(() => [])
      .finally(() => {
        if (s.running === p) s.running = undefined;
      });
    s.running = p;
    return p;
  };
  if (s.queued) return s.queued;
  if (!s.running) return run();
  s.queued = s.running.then(() => {
    s.queued = undefined;
    return run();
  });
  return s.queued;
}
