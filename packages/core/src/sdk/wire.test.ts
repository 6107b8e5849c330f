import { describe, expect, it } from 'vitest';
import { parseRealtimeEvent, sessionProblem } from './wire';

const session = {
  id: 's1',
  organizationId: 'o1',
  portalId: 'p1',
  deviceId: 'd1',
  teamId: null,
  assigneeIds: ['u1'],
  status: 'requested',
  reason: 'Boiler',
  ticketLinks: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  version: 1,
  calls: [{ id: 'c1', sessionId: 's1', startedAt: '2026-12-01T10:05:00.000Z', transport: 'p2p' }],
  requestedBy: { kind: 'customer', deviceId: 'd1' },
};
const envelope = (type: string, data: unknown) =>
  JSON.stringify({ id: 'e1', type, sessionId: 's1', at: '2026-12-01T10:00:00.000Z', data });

describe('realtime events at the edge (DESIGN: wire data is validated where it enters)', () => {
  it('applies a valid session event and keeps fields a newer server adds', () => {
    const e = parseRealtimeEvent(
      'e1',
      'session.changed',
      envelope('session.changed', { session: { ...session, extra: 1 } }),
    );
    expect(e.type).toBe('session.changed');
    if (e.type === 'session.changed') expect((e.session as Record<string, unknown>).extra).toBe(1);
  });

  it('passes unknown kinds on as other events', () => {
    const e = parseRealtimeEvent('e1', 'rating.created', envelope('rating.created', { score: 5 }));
    expect(e).toMatchObject({ type: 'other', name: 'rating.created', sessionId: 's1', data: { score: 5 } });
  });

  it.each([
    ['not JSON', '{', 'data is not JSON'],
    ['an array', '[]', 'the event is not an object'],
    ['no id', JSON.stringify({ type: 'x', sessionId: 's', at: 'a', data: {} }), 'id is not a string'],
    ['data not an object', envelope('x', 'text'), 'data is not an object'],
    [
      'unknown status',
      envelope('session.created', { session: { ...session, status: 'lost' } }),
      'data.session.status is not a session status',
    ],
    [
      'bad call',
      envelope('session.created', { session: { ...session, calls: [{ id: 'c' }] } }),
      'data.session.calls[0].sessionId is not a string',
    ],
    [
      'version text',
      envelope('session.changed', { session: { ...session, version: '1' } }),
      'data.session.version is not a number',
    ],
    [
      'assignees not strings',
      envelope('session.changed', { session: { ...session, assigneeIds: [1] } }),
      'data.session.assigneeIds is not a list of strings',
    ],
  ])('turns %s into an invalid event naming the field, never an exception', (_, data, message) => {
    expect(parseRealtimeEvent('e9', 'session.changed', data)).toEqual({
      type: 'invalid-event',
      id: 'e9',
      name: 'session.changed',
      message,
    });
  });

  it('checks optional fields only when present', () => {
    expect(sessionProblem(session)).toBeUndefined();
    expect(
      sessionProblem({ ...session, capabilities: ['confirm'], queuedUntil: '2026-12-02T08:00:00.000Z' }),
    ).toBeUndefined();
    expect(sessionProblem({ ...session, capabilities: 'confirm' })).toBe(
      'session.capabilities is not a list of strings',
    );
    expect(sessionProblem({ ...session, teamId: 3 })).toBe('session.teamId is not a string or null');
  });
});
