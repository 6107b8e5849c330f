import type { Actor } from '../session/access.js';
import { hasIntegrationScope } from './integrations.js';

/**
 * What may be done with AI summaries and their settings (SI-5): separate permissions, granted per
 * role by the company manager. Company managers hold all of them; API managers and customers none;
 * integration tokens what their scopes say (SI-12).
 */
export const SummaryPermission = {
  view: 'summaries.view',
  edit: 'summaries.edit',
  delete: 'summaries.delete',
  export: 'summaries.export',
  /** Change the organization's AI settings (`PUT /v1/settings/ai`). */
  settings: 'ai.settings',
} as const;
/** One of {@link SummaryPermission}. */
export type SummaryPermission = (typeof SummaryPermission)[keyof typeof SummaryPermission];

/** Every summary permission, in declaration order. */
export const allSummaryPermissions: readonly SummaryPermission[] = Object.values(SummaryPermission);

/** Roles whose summary permissions a company manager sets. */
export type SummaryPermissionRole = 'team-manager' | 'agent';

/** The organization's grant table: role → the permissions it holds. */
export type SummaryRolePermissions = Partial<Record<SummaryPermissionRole, readonly SummaryPermission[]>>;

/** What a new organization starts with: team managers view, edit, export; agents view. */
export const defaultSummaryPermissions: Readonly<
  Record<SummaryPermissionRole, readonly SummaryPermission[]>
> = {
  'team-manager': ['summaries.view', 'summaries.edit', 'summaries.export'],
  agent: ['summaries.view'],
};

/**
 * Whether the actor holds a summary permission under the organization's grant table (SI-5). Which
 * summaries it applies to is the session's visibility (`canViewSession`), checked separately.
 * @example
 * maySummary(agent, SummaryPermission.edit, org.summaryPermissions); // false by default
 */
export function maySummary(
  actor: Actor,
  permission: SummaryPermission,
  grants: SummaryRolePermissions,
): boolean {
  if (actor.kind === 'integration') {
    // Tokens act by scope (SI-12): read covers view and export, write covers edit; never delete or settings.
    if (permission === 'summaries.view' || permission === 'summaries.export')
      return hasIntegrationScope(actor, 'summaries:read');
    return permission === 'summaries.edit' && hasIntegrationScope(actor, 'summaries:write');
  }
  if (actor.kind !== 'staff') return false;
  if (actor.role === 'company-manager') return true;
  if (actor.role === 'api-manager') return false;
  return (grants[actor.role] ?? []).includes(permission);
}
