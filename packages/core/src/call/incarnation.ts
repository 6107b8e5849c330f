import type { SignalPayload } from './signaling.js';

/**
 * Which incarnations a participant and its peer are at. An incarnation is a random id per join (and
 * per replaced connection): participant ids survive page reloads and the server replays a call's
 * earlier signals to whoever (re)joins, so the id alone cannot tell a live signal from a stale one.
 */
export interface Pairing {
  /** Our current incarnation. */
  readonly self: string;
  /** The peer incarnation we are paired with, if any. */
  readonly peer: string | undefined;
  /** Whether we hold a connection to it. */
  readonly connected: boolean;
}

/** What to do with a signal from the peer participant. */
export type SignalRoute =
  /** Meant for another incarnation of ours, or from one of the peer's we are not paired with. */
  | { readonly action: 'drop' }
  /**
   * A hello. `pair`: it comes from an incarnation we are not paired with — pair with it and open a
   * fresh connection (replacing any other). `open`: open one (none is held). `reply`: answer it.
   */
  | { readonly action: 'hello'; readonly pair: boolean; readonly open: boolean; readonly reply: boolean }
  /** The incarnation we are paired with left. */
  | { readonly action: 'bye' }
  /** A description or candidate for our current connection. */
  | { readonly action: 'negotiate' };

/**
 * Route an incoming signal by incarnation (VS-9). Drops what names a `target` other than us (a bye
 * from our paired peer incarnation still counts: it left, whoever it addressed) and negotiation from
 * any incarnation but the paired one; a hello from an unpaired incarnation pairs with it.
 * @example
 * routeSignal({ self: 'me-2', peer: 'p-1', connected: true }, { kind: 'description', instance: 'p-1', target: 'me-1', description });
 * // { action: 'drop' } — an answer to the page before the reload
 */
export function routeSignal(pairing: Pairing, payload: SignalPayload): SignalRoute {
  const fromPeer = payload.instance === pairing.peer;
  const forUs = payload.target === undefined || payload.target === pairing.self;
  if (payload.kind === 'bye') return fromPeer ? { action: 'bye' } : { action: 'drop' };
  if (!forUs) return { action: 'drop' };
  if (payload.kind === 'hello') {
    return {
      action: 'hello',
      pair: !fromPeer,
      open: !fromPeer || !pairing.connected,
      reply: payload.reply !== true,
    };
  }
  return fromPeer && pairing.connected ? { action: 'negotiate' } : { action: 'drop' };
}

/**
 * A new incarnation id: 128 random bits as hex (`crypto.randomUUID` needs a secure context; this
 * does not).
 * @example
 * randomInstanceId(); // '3f9c…' (32 hex digits)
 */
export function randomInstanceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
