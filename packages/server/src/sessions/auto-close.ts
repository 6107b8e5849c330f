import type { Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';
import { applySessionEvent } from './service.js';

/**
 * VS-6: a `completed` session is closed automatically after a configurable time. Finds the due
 * sessions and sends each the domain's `auto-close` event as the `system` actor, so the rule (and
 * its outbox events) are exactly those of a manual close. Safe on several replicas: the row lock
 * and the lifecycle rule make a second close a refused no-op.
 * @returns the ids of the sessions closed
 */
export async function autoCloseDueSessions(services: Services): Promise<string[]> {
  const cutoff = new Date(services.clock().getTime() - services.config.autoCloseAfterMs);
  const due = await services.handle.db
    .selectFrom('sessions')
    .select(['id', 'organization_id'])
    .where('status', '=', 'completed')
    .where('updated_at', '<=', cutoff)
    .orderBy('updated_at')
    .limit(500)
    .execute();
  const closed: string[] = [];
  for (const session of due) {
    try {
      await applySessionEvent(
        services,
        { actor: { kind: 'system' }, organizationId: session.organization_id },
        session.id,
        { type: 'auto-close' },
      );
      closed.push(session.id);
    } catch (error) {
      // Reopened or closed meanwhile: the rule refused, nothing changed.
      if (!(error instanceof ProblemError)) throw error;
    }
  }
  return closed;
}
