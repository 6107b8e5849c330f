import { SessionStatus } from '../schemas/enums.js';
import { type MachineResult, type Rejection, reject } from '../shared/result.js';
import { type Actor, canActAsStaff } from './access.js';
import type { TeamNode } from './teams.js';

/** The part of a session the lifecycle machine needs (VS-6). */
export interface SessionState {
  organizationId: string;
  deviceId: string;
  teamId: string | null;
  assigneeIds: readonly string[];
  status: SessionStatus;
  /** Calls in progress; more than one while two calls overlap. */
  activeCallIds: readonly string[];
}

/** Events the lifecycle machine accepts; a discriminated union keyed by `type`. */
export type SessionEvent =
  | { type: 'confirm' }
  | { type: 'cancel'; reason?: string }
  | { type: 'start-call'; callId: string }
  | { type: 'end-call'; callId: string }
  | { type: 'close' }
  | { type: 'auto-close' }
  | { type: 'reopen' };

/** The `type` of a {@link SessionEvent}. */
export type SessionEventType = SessionEvent['type'];

/**
 * What the caller must do after committing the new state. Effects are data; the server turns them
 * into outbox events, notifications and timers, the browser into UI updates.
 * - `status-changed` on every status change (with the cancel reason when cancelled);
 * - `notify-staff` when a customer request arrives (VS-3; see {@link openSession});
 * - `call-started` / `call-ended` per call (VS-16);
 * - `schedule-auto-close` when the session becomes `completed` (VS-6: closed automatically after a
 *   configurable time; the delay is the server's configuration);
 * - `cancel-auto-close` when it leaves `completed` another way.
 */
export type SessionEffect =
  | { type: 'status-changed'; from: SessionStatus | null; to: SessionStatus; reason?: string }
  | { type: 'notify-staff' }
  | { type: 'call-started'; callId: string }
  | { type: 'call-ended'; callId: string }
  | { type: 'schedule-auto-close' }
  | { type: 'cancel-auto-close' };

/** Result of {@link transitionSession}. */
export type TransitionResult = MachineResult<SessionState, SessionEffect>;

/** Context the machine needs besides the session: the organization's team tree (VS-7). */
export interface SessionContext {
  teams: readonly TeamNode[];
}

/**
 * The lifecycle table (VS-6): for each status, the events it accepts and the statuses they lead to.
 * `end-call` leads to `completed` only for the last active call.
 */
export const sessionTransitions = {
  requested: { confirm: ['confirmed'], cancel: ['cancelled'] },
  confirmed: { cancel: ['cancelled'], 'start-call': ['running'] },
  // One call at a time: while a call runs, the other side joins it rather than starting another
  // (two sides pressing "start" at once must meet in one call). Later calls follow a reopen (VS-16).
  running: { 'end-call': ['running', 'completed'] },
  completed: { close: ['closed'], 'auto-close': ['closed'], reopen: ['confirmed'] },
  closed: { reopen: ['confirmed'] },
  cancelled: {},
} as const satisfies Record<SessionStatus, Partial<Record<SessionEventType, readonly SessionStatus[]>>>;

/**
 * Which kinds of actor may send each event. Cancel and starting a call are open to either side
 * (VS-6, VS-8); confirming, closing and reopening are staff decisions (VS-4, VS-6); `auto-close`
 * comes only from the server's timer; a call may also be ended by the server (media-server callback).
 */
export const sessionEventActors = {
  confirm: ['staff'],
  cancel: ['staff', 'customer'],
  'start-call': ['staff', 'customer'],
  'end-call': ['staff', 'customer', 'system'],
  close: ['staff'],
  'auto-close': ['system'],
  reopen: ['staff'],
} as const satisfies Record<SessionEventType, readonly Actor['kind'][]>;

/** Every event type, in table order. */
export const sessionEventTypes = Object.keys(sessionEventActors) as SessionEventType[];

function authorize(
  state: SessionState,
  event: SessionEvent,
  actor: Actor,
  ctx: SessionContext,
): Rejection | null {
  const allowed: readonly Actor['kind'][] = sessionEventActors[event.type];
  if (actor.kind !== 'system' && actor.organizationId !== state.organizationId) {
    return { code: 'forbidden', reason: 'This session belongs to another organization.' };
  }
  if (!allowed.includes(actor.kind)) {
    if (event.type === 'reopen' && actor.kind === 'customer') {
      return {
        code: 'forbidden',
        reason: 'A customer cannot reopen a session; please request a new session instead.',
      };
    }
    return { code: 'forbidden', reason: `A ${actor.kind} actor may not send '${event.type}'.` };
  }
  if (actor.kind === 'customer' && actor.deviceId !== state.deviceId) {
    return { code: 'forbidden', reason: 'This session belongs to another device.' };
  }
  if (actor.kind === 'staff' && !canActAsStaff(actor, state, ctx.teams)) {
    return {
      code: 'forbidden',
      reason: 'Only staff assigned to this session, or managers above them, may act on it.',
    };
  }
  return null;
}

function invalid(
  state: SessionState,
  event: SessionEvent,
  detail?: string,
): { ok: false; rejection: Rejection } {
  const base = `Cannot '${event.type}' a session that is '${state.status}'.`;
  return reject('invalid-transition', detail ? `${base} ${detail}` : base);
}

function moveTo(
  state: SessionState,
  to: SessionStatus,
  effects: SessionEffect[],
  patch: Partial<SessionState> = {},
  reason?: string,
): TransitionResult {
  const changed: SessionEffect = { type: 'status-changed', from: state.status, to };
  if (reason !== undefined) changed.reason = reason;
  return { ok: true, state: { ...state, ...patch, status: to }, effects: [changed, ...effects] };
}

function apply(state: SessionState, event: SessionEvent): TransitionResult {
  const { status } = state;
  switch (event.type) {
    case 'confirm':
      return status === 'requested' ? moveTo(state, 'confirmed', []) : invalid(state, event);
    case 'cancel':
      return status === 'requested' || status === 'confirmed'
        ? moveTo(state, 'cancelled', [], {}, event.reason)
        : invalid(state, event);
    case 'start-call': {
      const started: SessionEffect = { type: 'call-started', callId: event.callId };
      if (status === 'confirmed')
        return moveTo(state, 'running', [started], { activeCallIds: [event.callId] });
      if (status === 'running') {
        return invalid(state, event, 'A call is already running under this session: join it instead.');
      }
      return invalid(state, event);
    }
    case 'end-call': {
      if (status !== 'running') return invalid(state, event);
      if (!state.activeCallIds.includes(event.callId)) {
        return invalid(state, event, `Call '${event.callId}' is not active.`);
      }
      const activeCallIds = state.activeCallIds.filter((id) => id !== event.callId);
      const ended: SessionEffect = { type: 'call-ended', callId: event.callId };
      if (activeCallIds.length > 0) return { ok: true, state: { ...state, activeCallIds }, effects: [ended] };
      return moveTo(state, 'completed', [ended, { type: 'schedule-auto-close' }], { activeCallIds });
    }
    case 'close':
    case 'auto-close':
      return status === 'completed'
        ? moveTo(state, 'closed', [{ type: 'cancel-auto-close' }])
        : invalid(state, event);
    case 'reopen':
      if (status === 'completed') return moveTo(state, 'confirmed', [{ type: 'cancel-auto-close' }]);
      return status === 'closed' ? moveTo(state, 'confirmed', []) : invalid(state, event);
  }
}

/**
 * The session lifecycle (VS-6, VS-7, VS-8) as one pure function. Authorization is checked first
 * (`forbidden`, HTTP 403), then whether the status accepts the event (`invalid-transition`, HTTP
 * 409). A refusal changes nothing. The server calls it with the stored session and the caller as
 * actor, persists `state` and then runs `effects`; the browser calls it for instant feedback.
 * @example
 * const result = transitionSession(session, { type: 'confirm' }, staff, { teams });
 * if (!result.ok) return problem(result.rejection.code === 'forbidden' ? 403 : 409, result.rejection.reason);
 * await save(result.state);
 * for (const effect of result.effects) await run(effect);
 */
export function transitionSession(
  state: SessionState,
  event: SessionEvent,
  actor: Actor,
  ctx: SessionContext,
): TransitionResult {
  const refused = authorize(state, event, actor, ctx);
  if (refused) return { ok: false, rejection: refused };
  return apply(state, event);
}

/**
 * The event types the actor may send now (for enabling buttons). `end-call` is listed while any call
 * is active; `start-call` assumes a fresh call id.
 * @example
 * allowedEvents(session, customer, { teams }); // e.g. ['cancel', 'start-call']
 */
export function allowedEvents(state: SessionState, actor: Actor, ctx: SessionContext): SessionEventType[] {
  return sessionEventTypes.filter((type) => {
    const event = sampleEvent(type, state);
    return transitionSession(state, event, actor, ctx).ok;
  });
}

function sampleEvent(type: SessionEventType, state: SessionState): SessionEvent {
  switch (type) {
    case 'start-call':
      return { type, callId: freshCallId(state) };
    case 'end-call':
      return { type, callId: state.activeCallIds[0] ?? '' };
    default:
      return { type };
  }
}

function freshCallId(state: SessionState): string {
  let id = 'call';
  while (state.activeCallIds.includes(id)) id += '-next';
  return id;
}

/** Input of {@link openSession}. */
export type OpenSessionInput = Omit<SessionState, 'status' | 'activeCallIds'>;

/**
 * The first state of a new session. A customer request starts `requested` and notifies the
 * responsible staff (VS-1, VS-3); a session created by staff starts `confirmed` (VS-5). Permission to
 * create (VS-2 portal setting, VS-7 scope) is checked by the caller with `capabilitiesFor`.
 * @example
 * const { state, effects } = openSession({ organizationId, deviceId, teamId, assigneeIds: [] }, 'customer');
 */
export function openSession(
  input: OpenSessionInput,
  origin: 'customer' | 'staff',
): { state: SessionState; effects: SessionEffect[] } {
  const status = origin === 'customer' ? SessionStatus.requested : SessionStatus.confirmed;
  const state: SessionState = { ...input, assigneeIds: [...input.assigneeIds], status, activeCallIds: [] };
  const effects: SessionEffect[] = [{ type: 'status-changed', from: null, to: status }];
  if (origin === 'customer') effects.push({ type: 'notify-staff' });
  return { state, effects };
}

/**
 * The lifecycle as a {@link Machine} bound to one actor and context, for `createStore`.
 * @example
 * const store = createStore(sessionMachine(me, { teams }), session);
 */
export function sessionMachine(actor: Actor, ctx: SessionContext) {
  return {
    transition: (state: SessionState, event: SessionEvent): TransitionResult =>
      transitionSession(state, event, actor, ctx),
  };
}
