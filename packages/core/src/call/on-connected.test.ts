import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from './media-transport.js';
import { onConnected } from './on-connected.js';

describe('onConnected', () => {
  it('runs when the call connects, and again only after the connection was lost', () => {
    const state = new Subject<ConnectionState>();
    let runs = 0;
    const sub = onConnected(state, () => runs++);
    for (const s of ['connecting', 'connected', 'connected', 'reconnecting', 'connected'] as const)
      state.next(s);
    expect(runs).toBe(2);
    sub.unsubscribe();
    state.next('reconnecting');
    state.next('connected');
    expect(runs).toBe(2);
  });
});
