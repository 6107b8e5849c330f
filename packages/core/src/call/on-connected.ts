import type { Observable, Subscription } from 'rxjs';
import type { ConnectionState } from './media-transport.js';

/**
 * Runs `run` each time the call becomes connected: the first time, and again after each loss (the
 * moment to send the other side what it may have missed). A plain subscription rather than
 * `startWith` + `pairwise`, whose rxjs internals (`concat`, `from`, async-iterable support) would
 * weigh about 1.5 KiB in the call's bundle (issue 13).
 * @example
 * const sub = onConnected(transport.connectionState$, () => sendSnapshot());
 */
export function onConnected(state$: Observable<ConnectionState>, run: () => void): Subscription {
  let before: ConnectionState | undefined;
  return state$.subscribe((now) => {
    if (now === 'connected' && before !== 'connected') run();
    before = now;
  });
}
