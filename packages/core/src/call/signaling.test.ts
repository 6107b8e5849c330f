import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createLoopbackSignaling, parseSignalMessage } from './signaling.js';

const me = { instance: 'i-1' };
const toYou = { instance: 'i-1', target: 'i-2' };

describe('parseSignalMessage', () => {
  it('accepts each payload kind, each naming the sender incarnation', () => {
    for (const payload of [
      { kind: 'hello', ...me },
      { kind: 'hello', reply: true, ...toYou },
      { kind: 'bye', ...me },
      { kind: 'bye', ...toYou },
      { kind: 'description', ...toYou, description: { type: 'offer', sdp: 'v=0' } },
      {
        kind: 'candidate',
        ...toYou,
        candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' },
      },
      { kind: 'candidate', ...toYou, candidate: null },
    ]) {
      const parsed = parseSignalMessage({ from: 'p1', payload });
      expect(parsed.ok && parsed.value.payload).toEqual(payload);
    }
  });

  it('turns malformed messages into signaling-failed values, never throws', () => {
    for (const raw of [
      null,
      'x',
      {},
      { from: '', payload: { kind: 'hello', ...me } },
      { from: 'p', payload: { kind: 'nope', ...me } },
      // No incarnation (the format before VS-9), or an empty one.
      { from: 'p', payload: { kind: 'hello' } },
      { from: 'p', payload: { kind: 'bye', instance: '' } },
      // Negotiation is always addressed to one incarnation; so is a reply.
      { from: 'p', payload: { kind: 'description', ...me, description: { type: 'offer', sdp: 'v=0' } } },
      { from: 'p', payload: { kind: 'candidate', ...me, candidate: null } },
      { from: 'p', payload: { kind: 'hello', reply: true, ...me } },
      { from: 'p', payload: { kind: 'hello', instance: 7 } },
      { from: 'p', payload: { kind: 'description', ...toYou, description: { type: 'x' } } },
    ]) {
      const result = parseSignalMessage(raw);
      expect(result.ok === false && result.error.code, JSON.stringify(raw)).toBe('signaling-failed');
    }
  });
});

describe('createLoopbackSignaling', () => {
  it('delivers to the other side, in order, through JSON', async () => {
    const link = createLoopbackSignaling();
    const received = firstValueFrom(link.b.messages$.pipe(take(2), toArray(), timeout(1_000)));
    await link.a.send({ from: 'a', payload: { kind: 'hello', ...me } });
    await link.a.send({ from: 'a', payload: { kind: 'bye', ...me } });
    expect(await received).toEqual([
      { from: 'a', payload: { kind: 'hello', ...me } },
      { from: 'a', payload: { kind: 'bye', ...me } },
    ]);
  });

  it('drops a malformed message and reports it on errors$', async () => {
    const link = createLoopbackSignaling();
    const seen: unknown[] = [];
    link.a.messages$.subscribe((m) => seen.push(m));
    const error = firstValueFrom(link.a.errors$.pipe(timeout(1_000)));
    link.deliverRaw('a', { from: 'b', payload: { kind: 'description', ...toYou } });
    expect((await error).code).toBe('signaling-failed');
    expect(seen).toEqual([]);
  });

  it('refuses to send once closed', async () => {
    const link = createLoopbackSignaling();
    link.a.close();
    await expect(link.a.send({ from: 'a', payload: { kind: 'bye', ...me } })).rejects.toMatchObject({
      code: 'signaling-failed',
    });
  });
});
