import { type MachineResult, reject } from '../shared/result.js';

/**
 * The customer's recording consent within one session (VS-10). Only `granted` allows recording.
 * @example
 * if (consent === RecordingConsentStatus.granted) enableRecordButton();
 */
export const RecordingConsentStatus = {
  notAsked: 'not-asked',
  asked: 'asked',
  granted: 'granted',
  denied: 'denied',
  revoked: 'revoked',
} as const;
/** One of {@link RecordingConsentStatus}. */
export type RecordingConsentStatus = (typeof RecordingConsentStatus)[keyof typeof RecordingConsentStatus];

/**
 * Consent events. Staff `ask` (on the call screen); the customer answers with `grant` or `deny` —
 * also without a prior `ask`, when they answer in the request flow (VS-1) — and may `revoke` a grant.
 */
export type ConsentEvent = { type: 'ask' } | { type: 'grant' } | { type: 'deny' } | { type: 'revoke' };

/** Effects of the consent machine: show the question to the customer, or stop a running recording. */
export type ConsentEffect = { type: 'prompt-consent' } | { type: 'stop-recording' };

/** Which side may send each consent event: staff ask, the customer decides. */
export const consentEventParty = {
  ask: 'staff',
  grant: 'customer',
  deny: 'customer',
  revoke: 'customer',
} as const satisfies Record<ConsentEvent['type'], 'staff' | 'customer'>;

/** The consent table: for each status, the events it accepts and where they lead. */
export const recordingConsentTransitions = {
  'not-asked': { ask: 'asked', grant: 'granted', deny: 'denied' },
  asked: { grant: 'granted', deny: 'denied' },
  granted: { revoke: 'revoked' },
  denied: { ask: 'asked', grant: 'granted' },
  revoked: { ask: 'asked', grant: 'granted' },
} as const satisfies Record<
  RecordingConsentStatus,
  Partial<Record<ConsentEvent['type'], RecordingConsentStatus>>
>;

/**
 * Pure consent transition (VS-10). Asking emits `prompt-consent`; revoking emits `stop-recording`
 * so that a running recording ends at once.
 * @example
 * transitionRecordingConsent('asked', { type: 'grant' }); // { ok: true, state: 'granted', effects: [] }
 */
export function transitionRecordingConsent(
  state: RecordingConsentStatus,
  event: ConsentEvent,
): MachineResult<RecordingConsentStatus, ConsentEffect> {
  const row: Partial<Record<ConsentEvent['type'], RecordingConsentStatus>> =
    recordingConsentTransitions[state];
  const next = row[event.type];
  if (next === undefined) {
    return reject('invalid-transition', `Cannot '${event.type}' recording consent that is '${state}'.`);
  }
  const effects: ConsentEffect[] = [];
  if (event.type === 'ask') effects.push({ type: 'prompt-consent' });
  if (event.type === 'revoke') effects.push({ type: 'stop-recording' });
  return { ok: true, state: next, effects };
}

/**
 * Whether recording is allowed by consent: only while `granted` (VS-10).
 * @example
 * mayRecord('revoked'); // false
 */
export function mayRecord(state: RecordingConsentStatus): boolean {
  return state === RecordingConsentStatus.granted;
}

/** The consent machine as a {@link Machine} for `createStore`. */
export const recordingConsentMachine = { transition: transitionRecordingConsent };
