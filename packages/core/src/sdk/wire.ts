import type { components } from '@sightline/api-client';

// What the SDK reads from the wire. The shapes are the contract's (generated client types); what
// arrives on the event stream is checked at the edge by the small guards below — the fields the SDK
// acts on, with their types — so no schema library is loaded on a page that never validates more.
// Fields added by a newer server pass through untouched.

type ApiSession = components['schemas']['Session'];
type ApiCall = components['schemas']['Call'];

/** The session fields the SDK relies on; the rest of the contract's fields may be present. */
type CoreSessionField =
  | 'id'
  | 'organizationId'
  | 'portalId'
  | 'deviceId'
  | 'teamId'
  | 'assigneeIds'
  | 'status'
  | 'reason'
  | 'ticketLinks'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'calls';

/** A session as the API sends it (`Session` in the contract). */
export type WireSession = Pick<ApiSession, CoreSessionField> & Partial<Omit<ApiSession, CoreSessionField>>;
/** A call as the API sends it (`Call` in the contract). */
export type WireCall = ApiCall;

const SESSION_STATUSES: readonly string[] = [
  'requested',
  'confirmed',
  'running',
  'completed',
  'closed',
  'cancelled',
] satisfies readonly ApiSession['status'][];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** The first problem with a call object, or `undefined` when it is one. */
function callProblem(v: unknown, at: string): string | undefined {
  if (!isObject(v)) return `${at} is not an object`;
  for (const key of ['id', 'sessionId', 'startedAt'] as const)
    if (!isString(v[key])) return `${at}.${key} is not a string`;
  if (v.endedAt !== undefined && !isString(v.endedAt)) return `${at}.endedAt is not a string`;
  if (v.transport !== 'p2p' && v.transport !== 'livekit') return `${at}.transport is not p2p or livekit`;
  return undefined;
}

/** The first problem with a session object, or `undefined` when it is one. */
export function sessionProblem(v: unknown, at = 'session'): string | undefined {
  if (!isObject(v)) return `${at} is not an object`;
  for (const key of [
    'id',
    'organizationId',
    'portalId',
    'deviceId',
    'reason',
    'createdAt',
    'updatedAt',
  ] as const)
    if (!isString(v[key])) return `${at}.${key} is not a string`;
  if (v.teamId !== null && !isString(v.teamId)) return `${at}.teamId is not a string or null`;
  if (!isString(v.status) || !SESSION_STATUSES.includes(v.status))
    return `${at}.status is not a session status`;
  if (!isStringArray(v.assigneeIds)) return `${at}.assigneeIds is not a list of strings`;
  if (!isStringArray(v.ticketLinks)) return `${at}.ticketLinks is not a list of strings`;
  if (typeof v.version !== 'number' || !Number.isFinite(v.version)) return `${at}.version is not a number`;
  if (!Array.isArray(v.calls)) return `${at}.calls is not a list`;
  for (const [i, c] of v.calls.entries()) {
    const problem = callProblem(c, `${at}.calls[${i}]`);
    if (problem) return problem;
  }
  if (v.capabilities !== undefined && !isStringArray(v.capabilities))
    return `${at}.capabilities is not a list of strings`;
  if (v.queuedUntil !== undefined && !isString(v.queuedUntil)) return `${at}.queuedUntil is not a string`;
  return undefined;
}

/** A realtime event after validation: what the SDK acts on. Unknown kinds are kept for listeners. */
export type RealtimeEvent =
  | { type: 'session.created' | 'session.changed'; id: string; at: string; session: WireSession }
  | {
      type: 'other';
      id: string;
      at: string;
      name: string;
      /** Null for events about no session (`presence.changed`, MC-7). */
      sessionId: string | null;
      data: Record<string, unknown>;
    };

/** Why a realtime event was dropped instead of applied. */
export interface InvalidEvent {
  type: 'invalid-event';
  id: string | undefined;
  name: string;
  message: string;
}

/**
 * Validates one server-sent event (the envelope of every event on `GET /v1/events`: `id`, `type`,
 * `sessionId`, `at`, `data`); bad input becomes an {@link InvalidEvent} value, never an exception.
 */
export function parseRealtimeEvent(
  id: string | undefined,
  name: string,
  data: string,
): RealtimeEvent | InvalidEvent {
  const invalid = (message: string): InvalidEvent => ({ type: 'invalid-event', id, name, message });
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return invalid('data is not JSON');
  }
  if (!isObject(json)) return invalid('the event is not an object');
  for (const key of ['id', 'type', 'at'] as const)
    if (!isString(json[key])) return invalid(`${key} is not a string`);
  if (json.sessionId !== null && !isString(json.sessionId)) return invalid('sessionId is not a string');
  const e = json as Json & { id: string; type: string; sessionId: string | null; at: string };
  if (!isObject(e.data)) return invalid('data is not an object');
  if (e.type === 'session.created' || e.type === 'session.changed') {
    const problem = sessionProblem(e.data.session, 'data.session');
    if (problem) return invalid(problem);
    return { type: e.type, id: e.id, at: e.at, session: e.data.session as WireSession };
  }
  return { type: 'other', id: e.id, at: e.at, name: e.type, sessionId: e.sessionId, data: e.data };
}
