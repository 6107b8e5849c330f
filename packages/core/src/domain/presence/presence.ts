import type { Actor } from '../session/access.js';
import { isWithinManagedTeams, type TeamNode } from '../session/teams.js';

/** An agent's presence (MC-7): derived from open consoles and running calls, "away" set by hand. */
export const PresenceStatus = {
  available: 'available',
  busy: 'busy',
  away: 'away',
  offline: 'offline',
} as const;
/** One of {@link PresenceStatus}. */
export type PresenceStatus = (typeof PresenceStatus)[keyof typeof PresenceStatus];
/** Every presence status, in declaration order. */
export const presenceStatuses: readonly PresenceStatus[] = Object.values(PresenceStatus);

/** What a staff member chooses by hand; busy and offline are never chosen, they are observed. */
export type ChosenPresence = 'available' | 'away';
/** Both choices, for schemas. */
export const chosenPresences: readonly ChosenPresence[] = ['available', 'away'];

/**
 * A console counts as open while its last heartbeat is younger than this: a tab closed without a
 * goodbye (crash, network gone, replica gone) turns its user offline within this time.
 */
export const PRESENCE_TIMEOUT_MS = 60_000;

/** What presence is derived from. */
export interface PresenceInput {
  /** The user's own choice (available unless they chose away). */
  readonly chosen: ChosenPresence;
  /** Last heartbeats of the user's open consoles (one per tab, on any server replica). */
  readonly heartbeats: readonly Date[];
  /** The user holds a session whose call is running. */
  readonly inCall: boolean;
}

/**
 * An agent's presence at `now` (MC-7): offline without a console heard from within
 * {@link PRESENCE_TIMEOUT_MS}; otherwise busy in a call, else what they chose (available / away).
 * A call outranks "away": a customer is with them.
 * @example
 * presenceOf({ chosen: 'away', heartbeats: [new Date()], inCall: false }, new Date()); // 'away'
 */
export function presenceOf(input: PresenceInput, now: Date): PresenceStatus {
  const live = input.heartbeats.some((at) => now.getTime() - at.getTime() < PRESENCE_TIMEOUT_MS);
  if (!live) return PresenceStatus.offline;
  if (input.inCall) return PresenceStatus.busy;
  return input.chosen;
}

/** Whose presence is asked about: a staff member of an organization and their team. */
export interface PresenceSubject {
  readonly organizationId: string;
  readonly userId: string;
  readonly teamId: string | null;
}

/**
 * Whose presence an actor may see (MC-7): their own; company managers everyone of the
 * organization; team managers the people of the teams they manage and below; agents the
 * colleagues of their own team. Customers, integrations and API managers see nobody's.
 * @example
 * mayViewPresence(agent, { organizationId: 'o1', userId: 'u2', teamId: agent.teamId }, teams); // true
 */
export function mayViewPresence(actor: Actor, subject: PresenceSubject, teams: readonly TeamNode[]): boolean {
  if (actor.kind !== 'staff' || actor.organizationId !== subject.organizationId) return false;
  if (actor.userId === subject.userId) return true;
  switch (actor.role) {
    case 'company-manager':
      return true;
    case 'team-manager':
      return isWithinManagedTeams(subject.teamId, actor.managedTeamIds, teams);
    case 'agent':
      return actor.teamId !== null && actor.teamId === subject.teamId;
    case 'api-manager':
      return false;
  }
}

/** Whether an actor has a presence of their own (staff who work sessions, not API managers). */
export function hasPresence(actor: Actor): actor is Extract<Actor, { kind: 'staff' }> {
  return actor.kind === 'staff' && actor.role !== 'api-manager';
}
