import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialRecordingState,
  type RecordingEvent,
  type RecordingState,
  transitionRecording,
} from './recording.js';
import { type ConsentEvent, mayRecord, transitionRecordingConsent } from './recording-consent.js';

describe('recording consent (VS-10)', () => {
  it('VS-10: asking shows the question to the customer', () => {
    expect(transitionRecordingConsent('not-asked', { type: 'ask' })).toEqual({
      ok: true,
      state: 'asked',
      effects: [{ type: 'prompt-consent' }],
    });
  });

  it('VS-1: a customer may grant or deny in the request flow, before anyone asks', () => {
    expect(transitionRecordingConsent('not-asked', { type: 'grant' })).toMatchObject({
      ok: true,
      state: 'granted',
    });
    expect(transitionRecordingConsent('not-asked', { type: 'deny' })).toMatchObject({
      ok: true,
      state: 'denied',
    });
  });

  it('VS-10: an asked customer grants or denies', () => {
    expect(transitionRecordingConsent('asked', { type: 'grant' })).toMatchObject({
      ok: true,
      state: 'granted',
    });
    expect(transitionRecordingConsent('asked', { type: 'deny' })).toMatchObject({
      ok: true,
      state: 'denied',
    });
  });

  it('VS-10: revoking a grant stops any recording', () => {
    expect(transitionRecordingConsent('granted', { type: 'revoke' })).toEqual({
      ok: true,
      state: 'revoked',
      effects: [{ type: 'stop-recording' }],
    });
  });

  it('VS-10: after a denial or revocation staff may ask again', () => {
    expect(transitionRecordingConsent('denied', { type: 'ask' })).toMatchObject({ ok: true, state: 'asked' });
    expect(transitionRecordingConsent('revoked', { type: 'ask' })).toMatchObject({
      ok: true,
      state: 'asked',
    });
  });

  it('VS-10: revoking what was never granted is refused', () => {
    expect(transitionRecordingConsent('asked', { type: 'revoke' })).toMatchObject({
      ok: false,
      rejection: { code: 'invalid-transition' },
    });
  });

  it('VS-10: recording is allowed only while consent is granted', () => {
    expect(mayRecord('granted')).toBe(true);
    for (const s of ['not-asked', 'asked', 'denied', 'revoked'] as const) expect(mayRecord(s)).toBe(false);
  });
});

describe('recording (VS-10)', () => {
  const granted: RecordingState = { status: 'idle', consent: 'granted', portalRecordingEnabled: true };

  it('VS-10: staff start a recording once the customer consented', () => {
    expect(transitionRecording(granted, { type: 'start' })).toEqual({
      ok: true,
      state: { ...granted, status: 'recording' },
      effects: [{ type: 'start-recording' }],
    });
  });

  it('VS-10: without consent the recording does not start', () => {
    const r = transitionRecording(initialRecordingState(true), { type: 'start' });
    expect(r).toMatchObject({ ok: false, rejection: { code: 'forbidden' } });
  });

  it('VS-10: on a portal without recording nothing starts, even with consent', () => {
    const r = transitionRecording({ ...granted, portalRecordingEnabled: false }, { type: 'start' });
    expect(r).toMatchObject({ ok: false, rejection: { code: 'forbidden' } });
  });

  it('VS-10: revoking consent while recording stops the recording', () => {
    const r = transitionRecording({ ...granted, status: 'recording' }, { type: 'revoke' });
    expect(r).toEqual({
      ok: true,
      state: { status: 'stopped', consent: 'revoked', portalRecordingEnabled: true },
      effects: [{ type: 'stop-recording' }],
    });
  });

  it('VS-10: revoking consent while idle emits no stop', () => {
    expect(transitionRecording(granted, { type: 'revoke' })).toEqual({
      ok: true,
      state: { ...granted, consent: 'revoked' },
      effects: [],
    });
  });

  it('VS-10: staff stop a recording, and may start a new one while consent holds', () => {
    const stopped = transitionRecording({ ...granted, status: 'recording' }, { type: 'stop' });
    expect(stopped).toMatchObject({
      ok: true,
      state: { status: 'stopped' },
      effects: [{ type: 'stop-recording' }],
    });
    if (stopped.ok) expect(transitionRecording(stopped.state, { type: 'start' }).ok).toBe(true);
  });

  it('VS-10: stopping when nothing records is refused', () => {
    expect(transitionRecording(granted, { type: 'stop' })).toMatchObject({
      ok: false,
      rejection: { code: 'invalid-transition' },
    });
  });

  it('VS-10: a recording never runs without granted consent and an enabled portal (property)', () => {
    const event: fc.Arbitrary<RecordingEvent> = fc.constantFrom<RecordingEvent>(
      { type: 'start' },
      { type: 'stop' },
      ...(['ask', 'grant', 'deny', 'revoke'] as const).map((type): ConsentEvent => ({ type })),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(event, { maxLength: 40 }), (portal, events) => {
        let state = initialRecordingState(portal);
        for (const e of events) {
          const r = transitionRecording(state, e);
          if (r.ok) state = r.state;
          if (state.status === 'recording') {
            expect(state.consent).toBe('granted');
            expect(state.portalRecordingEnabled).toBe(true);
          }
        }
      }),
    );
  });
});
