import { mayKeepDashboards } from '@sightline/core/domain';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { resolvePrincipal } from '../auth/authenticate.js';
import type { AppEnv, Principal, Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';
import type { Monitor } from './schemas.js';
import { computeSnapshot } from './snapshot.js';
import { accessTo, type DashboardRow, dashboardsQuery } from './store.js';

/** Outbox events after which a monitor may show something else. */
const MOVES_MONITORS = /^(session\.|call\.|presence\.)/;

/**
 * A dashboard's live stream (MC-7): `ready` (with `pausesAt`), then a `snapshot` at once and again
 * whenever an event of the organization changes what a monitor shows the viewer (checked on every
 * outbox wake, and at each heartbeat for what time alone changes — wait times past a service-level
 * threshold). Nothing is polled by the client. At `pausesAt` it sends `paused` and ends: a person
 * resumes it with a new snapshot. An expired token ends it with `token-expired`; a revoked
 * credential, or the dashboard unshared or deleted, with `revoked`.
 */
export function streamDashboard(
  c: Context<AppEnv>,
  services: Services,
  principal: Principal,
  dashboard: DashboardRow,
  pausesAt: Date,
): Response {
  const { db } = services.handle;
  const authorization = c.req.header('authorization');
  return streamSSE(c, async (stream) => {
    const stop = new AbortController();
    const onShutdown = () => stop.abort();
    services.shutdown.addEventListener('abort', onShutdown, { once: true });
    stream.onAbort(() => stop.abort());
    try {
      const last = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('organization_id', '=', dashboard.organization_id)
        .executeTakeFirst();
      let cursor = last?.id ? String(last.id) : '0';
      let actor = principal.actor;
      let monitors = dashboard.monitors as Monitor[];
      let sent = '';
      const send = async () => {
        if (!mayKeepDashboards(actor)) return;
        const data = JSON.stringify({
          dashboardId: dashboard.id,
          at: services.clock().toISOString(),
          monitors: await computeSnapshot(services, actor, monitors),
        });
        // Skip a snapshot that says what the last one said (the time aside).
        const same = data.replace(/"at":"[^"]*",/, '');
        if (same === sent) return;
        sent = same;
        await stream.writeSSE({ id: cursor, event: 'snapshot', data });
      };
      /** Still allowed: the credential holds, and the dashboard is still theirs or shared with them. */
      const stillAllowed = async () => {
        const now = await resolvePrincipal(services, authorization);
        if (!now) return false;
        actor = now.actor;
        const row = (await dashboardsQuery(db, dashboard.organization_id)
          .where('dashboards.id', '=', dashboard.id)
          .executeTakeFirst()) as DashboardRow | undefined;
        if (!row || accessTo(actor, row) === 'none') return false;
        monitors = row.monitors as Monitor[];
        return true;
      };
      const end = (event: string, data: Record<string, unknown>) =>
        stream.writeSSE({ event, data: JSON.stringify(data) });
      await end('ready', { dashboardId: dashboard.id, pausesAt: pausesAt.toISOString() });
      await send();
      const tokenEnds = principal.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
      let first = true;
      let why: 'wake' | 'timeout' | 'abort' = 'wake';
      while (!stop.signal.aborted) {
        const now = services.clock().getTime();
        if (now >= pausesAt.getTime()) {
          await end('paused', { reason: 'dashboard-timeout', pausedAt: new Date(now).toISOString() });
          return;
        }
        if (now >= tokenEnds) {
          await end('token-expired', { reason: 'token-expired' });
          return;
        }
        if (!first && !(await stillAllowed())) {
          await end('revoked', { reason: 'access-revoked' });
          return;
        }
        first = false;
        const rows = await db
          .selectFrom('outbox')
          .select(['id', 'type'])
          .where('organization_id', '=', dashboard.organization_id)
          .where('id', '>', cursor)
          .orderBy('id')
          .limit(1000)
          .execute();
        if (rows.length > 0) {
          cursor = String(rows.at(-1)!.id);
          if (rows.some((r) => MOVES_MONITORS.test(r.type))) await send();
          // Read again at once: what committed meanwhile is not missed while waiting.
          continue;
        }
        // Time alone moves some figures (a waiting request passing a service-level threshold).
        if (why === 'timeout') await send();
        why = await services.handle.notifier.wait(
          Math.max(0, Math.min(services.config.heartbeatMs, pausesAt.getTime() - now, tokenEnds - now)),
          stop.signal,
        );
        if (why === 'timeout') await stream.write(': heartbeat\n\n');
      }
    } finally {
      services.shutdown.removeEventListener('abort', onShutdown);
    }
  });
}

/** Refuses a stream to a caller who may not watch (before the stream starts, as a problem). */
export function assertWatcher(principal: Principal): void {
  if (!mayKeepDashboards(principal.actor)) throw ProblemError.forbidden('Only managers watch dashboards.');
}
