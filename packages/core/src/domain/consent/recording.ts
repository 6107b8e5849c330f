import { type MachineResult, reject } from '../shared/result.js';
import {
  type ConsentEvent,
  mayRecord,
  type RecordingConsentStatus,
  transitionRecordingConsent,
} from './recording-consent.js';

/** Whether a recording is in progress for the session. */
export const RecordingStatus = { idle: 'idle', recording: 'recording', stopped: 'stopped' } as const;
/** One of {@link RecordingStatus}. */
export type RecordingStatus = (typeof RecordingStatus)[keyof typeof RecordingStatus];

/** Recording state of one session: the recorder, the customer's consent and the portal switch. */
export interface RecordingState {
  status: RecordingStatus;
  consent: RecordingConsentStatus;
  /** Whether the portal lets sessions be recorded: its `recording` feature is not `off` (VS-10). */
  portalRecordingEnabled: boolean;
}

/** Recording events: staff `start` / `stop`, plus every consent event. */
export type RecordingEvent = { type: 'start' } | { type: 'stop' } | ConsentEvent;

/** Effects the caller runs: start or stop the recorder, or show the consent question. */
export type RecordingEffect =
  | { type: 'start-recording' }
  | { type: 'stop-recording' }
  | { type: 'prompt-consent' };

/**
 * The recording machine (VS-10): `start` is refused unless the portal enables recording and the
 * customer has granted consent; revoking consent while recording stops it (effect `stop-recording`).
 * The server runs the same function, so the rule holds even against a modified client.
 * @example
 * const r = transitionRecording({ status: 'idle', consent: 'granted', portalRecordingEnabled: true }, { type: 'start' });
 * // r.ok && r.state.status === 'recording', r.effects = [{ type: 'start-recording' }]
 */
export function transitionRecording(
  state: RecordingState,
  event: RecordingEvent,
): MachineResult<RecordingState, RecordingEffect> {
  switch (event.type) {
    case 'start':
      if (state.status === 'recording')
        return reject('invalid-transition', 'A recording is already running.');
      if (!state.portalRecordingEnabled)
        return reject('forbidden', 'Recording is not enabled for this portal.');
      if (!mayRecord(state.consent)) {
        return reject('forbidden', 'The customer has not consented to recording.');
      }
      return { ok: true, state: { ...state, status: 'recording' }, effects: [{ type: 'start-recording' }] };
    case 'stop':
      if (state.status !== 'recording')
        return reject('invalid-transition', `Cannot stop a recording that is '${state.status}'.`);
      return { ok: true, state: { ...state, status: 'stopped' }, effects: [{ type: 'stop-recording' }] };
    default: {
      const consent = transitionRecordingConsent(state.consent, event);
      if (!consent.ok) return consent;
      const recording = state.status === 'recording' && !mayRecord(consent.state);
      const effects: RecordingEffect[] = consent.effects.filter(
        (e) => e.type !== 'stop-recording' || recording,
      );
      return {
        ok: true,
        state: { ...state, consent: consent.state, status: recording ? 'stopped' : state.status },
        effects,
      };
    }
  }
}

/** The recording machine as a {@link Machine} for `createStore`. */
export const recordingMachine = { transition: transitionRecording };

/**
 * The first recording state of a session: idle, consent not yet asked unless answered in the request
 * flow (VS-1).
 * @example
 * initialRecordingState(portal.features.recording !== 'off');
 */
export function initialRecordingState(
  portalRecordingEnabled: boolean,
  consent: RecordingConsentStatus = 'not-asked',
): RecordingState {
  return { status: 'idle', consent, portalRecordingEnabled };
}
