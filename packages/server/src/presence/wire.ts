import type { z } from '@hono/zod-openapi';
import type { PresenceSchema } from './schemas.js';
import type { PresenceRow } from './store.js';

/** A presence row as the API shows it. */
export function presenceToWire(row: PresenceRow): z.infer<typeof PresenceSchema> {
  return {
    userId: row.userId,
    displayName: row.displayName,
    role: row.role as z.infer<typeof PresenceSchema>['role'],
    teamId: row.teamId,
    status: row.status,
    chosen: row.chosen,
    since: row.since ? row.since.toISOString() : null,
    callSessionId: row.callSessionId,
  };
}
