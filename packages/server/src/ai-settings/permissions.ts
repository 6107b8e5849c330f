import {
  allSummaryPermissions,
  defaultSummaryPermissions,
  type SummaryPermission,
  type SummaryRolePermissions,
} from '@sightline/core/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const known = new Set<string>(allSummaryPermissions);

/** A stored grant table, keeping only roles and permissions the rules know. */
export function summaryPermissionsOf(stored: unknown): SummaryRolePermissions {
  const out: SummaryRolePermissions = {};
  const table = (stored ?? {}) as Record<string, unknown>;
  for (const role of ['team-manager', 'agent'] as const) {
    const list = Array.isArray(table[role]) ? (table[role] as unknown[]) : defaultSummaryPermissions[role];
    out[role] = list.filter((p): p is SummaryPermission => typeof p === 'string' && known.has(p));
  }
  return out;
}

/**
 * The organization's summary permissions per role (SI-5), for the domain's `maySummary`.
 * @example
 * maySummary(actor, SummaryPermission.export, await loadSummaryPermissions(db, org));
 */
export async function loadSummaryPermissions(
  db: Kysely<Database>,
  organizationId: string,
): Promise<SummaryRolePermissions> {
  const row = await db
    .selectFrom('organizations')
    .select('summary_permissions')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return summaryPermissionsOf(row?.summary_permissions);
}
