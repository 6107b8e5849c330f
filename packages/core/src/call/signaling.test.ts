import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createLoopbackSignaling, parseSignalMessage } from './signaling.js';

describe('parseSignalMessage', () => {
  it('accepts each payload kind', () => {
    for (const payload of [
      { kind: 'hello' },
      { kind: 'hello', reply: true },
      { kind: 'bye' },
      { kind: 'description', description: { type: 'offer', sdp: 'v=0' } },
      {
        kind: 'candidate',
        candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' },
      },
      { kind: 'candidate', candidate: null },
    ]) {
      expect(parseSignalMessage({ from: 'p1', payload }).ok).toBe(true);
    }
  });

  it('turns malformed messages into signaling-failed values, never throws', () => {
    for (const raw of [
      null,
      'x',
      {},
      { from: '', payload: { kind: 'hello' } },
      { from: 'p', payload: { kind: 'nope' } },
    ]) {
      const result = parseSignalMessage(raw);
      expect(result.ok === false && result.error.code).toBe('signaling-failed');
    }
    const badSdp = parseSignalMessage({
      from: 'p',
      payload: { kind: 'description', description: { type: 'x' } },
    });
    expect(badSdp.ok).toBe(false);
  });
});

describe('createLoopbackSignaling', () => {
  it('delivers to the other side, in order, through JSON', async () => {
    const link = createLoopbackSignaling();
    const received = firstValueFrom(link.b.messages$.pipe(take(2), toArray(), timeout(1_000)));
    await link.a.send({ from: 'a', payload: { kind: 'hello' } });
    await link.a.send({ from: 'a', payload: { kind: 'bye' } });
    expect(await received).toEqual([
      { from: 'a', payload: { kind: 'hello' } },
      { from: 'a', payload: { kind: 'bye' } },
    ]);
  });

  it('drops a malformed message and reports it on errors$', async () => {
    const link = createLoopbackSignaling();
    const seen: unknown[] = [];
    link.a.messages$.subscribe((m) => seen.push(m));
    const error = firstValueFrom(link.a.errors$.pipe(timeout(1_000)));
    link.deliverRaw('a', { from: 'b', payload: { kind: 'description' } });
    expect((await error).code).toBe('signaling-failed');
    expect(seen).toEqual([]);
  });

  it('refuses to send once closed', async () => {
    const link = createLoopbackSignaling();
    link.a.close();
    await expect(link.a.send({ from: 'a', payload: { kind: 'bye' } })).rejects.toMatchObject({
      code: 'signaling-failed',
    });
  });
});
