import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Session search in SQL (MC-10): indexes for the list's filters, each with the organization and the
 * keyset order (`seq`), the assignees as a GIN index for "assigned to" with a partial index for a
 * team's unassigned queue (an agent's view is the union of both), and a full-text index over
 * the reason ("simple" configuration: no language stemming, prefix queries).
 */
export const migration0016: Migration = {
  id: '0016_session_search',
  async up(db) {
    await runScript(
      db,
      `create index sessions_org_status_seq on sessions (organization_id, status, seq desc);
       create index sessions_org_team_seq on sessions (organization_id, team_id, seq desc);
       create index sessions_org_portal_seq on sessions (organization_id, portal_id, seq desc);
       create index sessions_org_device_seq on sessions (organization_id, device_id, seq desc);
       create index sessions_org_created on sessions (organization_id, created_at);
       create index sessions_assignees on sessions using gin (assignee_ids jsonb_path_ops);
       create index sessions_org_team_queue on sessions (organization_id, team_id, seq desc)
         where assignee_ids = '[]'::jsonb;
       create index sessions_reason_fts on sessions using gin (to_tsvector('simple', reason))`,
    );
  },
};
