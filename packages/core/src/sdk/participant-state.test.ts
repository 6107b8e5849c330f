import { describe, expect, it } from 'vitest';
import { parseParticipantState } from './participant-state';

describe('a participant’s state over the data channel (VS-9)', () => {
  it('accepts a name and the camera and microphone flags', () => {
    const s = { type: 'call.participant', name: 'Ada', camera: false, microphone: true };
    expect(parseParticipantState(s)).toEqual(s);
    expect(parseParticipantState({ ...s, name: '' })).toEqual({ ...s, name: '' });
  });

  it('drops anything else: other types, missing flags, long or unreadable names', () => {
    expect(
      parseParticipantState({ type: 'chat', name: 'x', camera: true, microphone: true }),
    ).toBeUndefined();
    expect(parseParticipantState({ type: 'call.participant', name: 'x', camera: true })).toBeUndefined();
    expect(
      parseParticipantState({
        type: 'call.participant',
        name: 'x'.repeat(201),
        camera: true,
        microphone: true,
      }),
    ).toBeUndefined();
    expect(
      parseParticipantState({ type: 'call.participant', name: 'a\u0000b', camera: true, microphone: true }),
    ).toBeUndefined();
    expect(parseParticipantState('call.participant')).toBeUndefined();
  });
});
