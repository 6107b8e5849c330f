/**
 * `@sightline/core/domain`: the pure rules shared by the browser and the server — zod schemas,
 * the session lifecycle, consent and summary decisions, permissions and AI-credit accounting.
 * No I/O, no clocks (pass `now`), no DOM, Node or rxjs imports.
 * @module
 */
export * from './schemas/index.js';
export type { Actor, SessionScope } from './session/access.js';
export { canActAsStaff, canViewSession } from './session/access.js';
export type {
  OpenSessionInput,
  SessionContext,
  SessionEffect,
  SessionEvent,
  SessionEventType,
  SessionState,
  TransitionResult,
} from './session/machine.js';
export {
  allowedEvents,
  openSession,
  sessionEventActors,
  sessionEventTypes,
  sessionMachine,
  sessionTransitions,
  transitionSession,
} from './session/machine.js';
export type { TeamNode } from './session/teams.js';
export { isWithinManagedTeams, teamLineage } from './session/teams.js';
export type { Machine, MachineResult, Rejection } from './shared/result.js';
