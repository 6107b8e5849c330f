import { describe, expect, it } from 'vitest';
import { type Pairing, randomInstanceId, routeSignal } from './incarnation.js';
import type { SignalPayload } from './signaling.js';

const paired: Pairing = { self: 'me-2', peer: 'p-1', connected: true };
const offer = { type: 'offer' as const, sdp: 'v=0' };
const drop = { action: 'drop' };

describe('routeSignal', () => {
  it('applies negotiation from the paired incarnation addressed to us', () => {
    expect(
      routeSignal(paired, { kind: 'description', instance: 'p-1', target: 'me-2', description: offer }),
    ).toEqual({ action: 'negotiate' });
    expect(
      routeSignal(paired, { kind: 'candidate', instance: 'p-1', target: 'me-2', candidate: null }),
    ).toEqual({ action: 'negotiate' });
  });

  it('drops what was meant for an earlier incarnation of ours (a replay after a reload)', () => {
    const stale: SignalPayload[] = [
      { kind: 'description', instance: 'p-1', target: 'me-1', description: offer },
      { kind: 'candidate', instance: 'p-1', target: 'me-1', candidate: null },
      { kind: 'hello', instance: 'p-1', target: 'me-1', reply: true },
      { kind: 'hello', instance: 'p-0', target: 'me-1', reply: true },
    ];
    for (const payload of stale) expect(routeSignal(paired, payload)).toEqual(drop);
  });

  it('drops negotiation from a peer incarnation we are not paired with, or without a connection', () => {
    expect(
      routeSignal(paired, { kind: 'description', instance: 'p-0', target: 'me-2', description: offer }),
    ).toEqual(drop);
    expect(
      routeSignal(
        { ...paired, connected: false },
        { kind: 'candidate', instance: 'p-1', target: 'me-2', candidate: null },
      ),
    ).toEqual(drop);
    expect(
      routeSignal(
        { self: 'me-2', peer: undefined, connected: false },
        { kind: 'description', instance: 'p-1', target: 'me-2', description: offer },
      ),
    ).toEqual(drop);
  });

  it('pairs with a new peer incarnation from its hello, replying unless it is a reply', () => {
    expect(routeSignal(paired, { kind: 'hello', instance: 'p-3' })).toEqual({
      action: 'hello',
      pair: true,
      open: true,
      reply: true,
    });
    expect(routeSignal(paired, { kind: 'hello', instance: 'p-3', target: 'me-2', reply: true })).toEqual({
      action: 'hello',
      pair: true,
      open: true,
      reply: false,
    });
  });

  it('keeps the connection on a reply from the paired incarnation; opens one if none is held', () => {
    const reply: SignalPayload = { kind: 'hello', instance: 'p-1', target: 'me-2', reply: true };
    expect(routeSignal(paired, reply)).toEqual({ action: 'hello', pair: false, open: false, reply: false });
    expect(routeSignal({ ...paired, connected: false }, reply)).toEqual({
      action: 'hello',
      pair: false,
      open: true,
      reply: false,
    });
  });

  it('takes a bye from the paired incarnation whoever it addressed, and ignores other byes', () => {
    expect(routeSignal(paired, { kind: 'bye', instance: 'p-1', target: 'me-1' })).toEqual({ action: 'bye' });
    expect(routeSignal(paired, { kind: 'bye', instance: 'p-1' })).toEqual({ action: 'bye' });
    expect(routeSignal(paired, { kind: 'bye', instance: 'p-0', target: 'me-2' })).toEqual(drop);
  });
});

describe('randomInstanceId', () => {
  it('is 32 hex digits, different each time', () => {
    const ids = new Set(Array.from({ length: 100 }, randomInstanceId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
