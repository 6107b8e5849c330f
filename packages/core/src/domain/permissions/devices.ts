import type { Actor } from '../session/access.js';
import { isWithinManagedTeams, type TeamNode } from '../session/teams.js';
import { hasRight, ManagementRight } from './management.js';

/** What the device rules need to know about a device. */
export interface DeviceScope {
  organizationId: string;
  teamId: string | null;
}

/**
 * Who may register, re-home or delete devices and decide what they are (portal, managed, policy):
 * company managers — devices are part of the organization's portal setup (MC-1, MC-6, SI-4).
 * @example
 * mayAdministerDevices(companyManager, 'o1'); // true
 */
export function mayAdministerDevices(actor: Actor, organizationId: string): boolean {
  return (
    actor.kind === 'staff' && actor.organizationId === organizationId && actor.role === 'company-manager'
  );
}

/**
 * Who may edit a device's day-to-day setup — its name, team, assigned agent, the AI-summary access
 * setting and its access codes (VS-1, VS-3, SI-3): company managers; team managers granted
 * `agents.edit` for devices of teams they manage (or below). A team manager may move a device only
 * between such teams (checked with the new team as well).
 * @example
 * mayEditDevice(teamManager, { organizationId: 'o1', teamId: 'heating' }, teams);
 */
export function mayEditDevice(actor: Actor, device: DeviceScope, teams: readonly TeamNode[]): boolean {
  if (actor.kind !== 'staff' || actor.organizationId !== device.organizationId) return false;
  if (actor.role === 'company-manager') return true;
  return (
    actor.role === 'team-manager' &&
    hasRight(actor, ManagementRight.agentsEdit) &&
    isWithinManagedTeams(device.teamId, actor.managedTeamIds, teams)
  );
}
