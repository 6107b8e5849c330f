import type { PeerLink } from './p2p-connection.js';
import type { P2PDiagnostics, Timers } from './p2p-options.js';

/** What the peer-to-peer transport lets its diagnostics read and do. */
export interface P2PInternals {
  link(): PeerLink | undefined;
  polite(): boolean | undefined;
  initiator(): boolean | undefined;
  readonly counts: { readonly iceRestarts: number; readonly rebuilds: number; readonly staleSignals: number };
  instance(): string | undefined;
  peerInstance(): string | undefined;
  /** Treat ICE as `disconnected` (or stop doing so) and fold that into the connection state. */
  simulateDown(down: boolean): void;
  readonly timers: Timers;
}

/**
 * The transport's diagnostics (tests, the call-setup benchmark, support tooling): live views of its
 * connection and counters, plus the two levers tests use.
 * @example
 * diagnostics: p2pDiagnostics({ link: () => link, polite, initiator, counts, instance, peerInstance, simulateDown, timers })
 */
export function p2pDiagnostics(internals: P2PInternals): P2PDiagnostics {
  const { counts } = internals;
  return {
    get peerConnection() {
      return internals.link()?.pc;
    },
    get polite() {
      return internals.polite();
    },
    get initiator() {
      return internals.initiator();
    },
    get negotiation() {
      return internals.link()?.negotiation.counters;
    },
    get iceRestarts() {
      return counts.iceRestarts;
    },
    get rebuilds() {
      return counts.rebuilds;
    },
    get instance() {
      return internals.instance();
    },
    get peerInstance() {
      return internals.peerInstance();
    },
    get staleSignals() {
      return counts.staleSignals;
    },
    sendRaw(text) {
      internals.link()?.channel.send(text);
    },
    simulateDrop({ holdCandidatesMs = 1_500 } = {}) {
      const link = internals.link();
      if (!link) return;
      const held = link.negotiation;
      held.holdCandidates(true);
      internals.simulateDown(true);
      internals.timers.setTimeout(() => {
        held.holdCandidates(false);
        internals.simulateDown(false);
      }, holdCandidatesMs);
    },
  };
}
