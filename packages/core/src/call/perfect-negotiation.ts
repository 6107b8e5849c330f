import { CallError } from './call-error.js';
import type { SignalPayload } from './signaling.js';

/** Counters that make negotiation observable in diagnostics and tests. */
export interface NegotiationCounters {
  /** Offers that crossed one of ours (glare). */
  collisions: number;
  /** Colliding offers this (impolite) side ignored. */
  ignoredOffers: number;
  /** Offers this side sent. */
  offersSent: number;
  /** Remote candidates that arrived before a remote description and were held back. */
  bufferedCandidates: number;
}

/** Negotiation signals this module sends and handles. */
type NegotiationPayload = Extract<SignalPayload, { kind: 'description' | 'candidate' }>;

/** One peer connection driven by the perfect negotiation pattern. */
export interface PerfectNegotiation {
  /** Apply a description or candidate received from the peer. Never rejects; failures go to `onError`. */
  handle(payload: NegotiationPayload): Promise<void>;
  /**
   * Hold ICE candidates in both directions instead of exchanging them (diagnostics: simulates a network
   * where new candidates cannot get through). Releasing delivers everything held, in order.
   */
  holdCandidates(hold: boolean): void;
  readonly counters: Readonly<NegotiationCounters>;
  /** Stop handling events; the peer connection itself is closed by its owner. */
  dispose(): void;
}

/**
 * Drive `pc` with the W3C "perfect negotiation" pattern (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example):
 * either side may renegotiate at any time; when offers collide the *polite* side rolls its offer back and
 * accepts the other, the *impolite* side ignores the incoming one. Roles must be opposite on the two
 * sides (see {@link isPolite}). Remote ICE candidates are buffered until a remote description is set.
 * @example
 * const negotiation = attachPerfectNegotiation(pc, { polite: isPolite(me, peer), signal, onError });
 * signaling.messages$.subscribe((m) => m.payload.kind === 'candidate' && negotiation.handle(m.payload));
 */
export function attachPerfectNegotiation(
  pc: RTCPeerConnection,
  options: {
    polite: boolean;
    signal: (payload: NegotiationPayload) => void;
    onError: (error: CallError) => void;
  },
): PerfectNegotiation {
  const { polite, signal, onError } = options;
  const counters: NegotiationCounters = {
    collisions: 0,
    ignoredOffers: 0,
    offersSent: 0,
    bufferedCandidates: 0,
  };
  let makingOffer = false;
  let ignoreOffer = false;
  let settingRemoteAnswerPending = false;
  let disposed = false;
  let holding = false;
  const pendingRemote: RTCIceCandidateInit[] = [];
  const heldLocal: RTCIceCandidateInit[] = [];
  const heldRemote: RTCIceCandidateInit[] = [];

  const failed = (message: string, cause: unknown) =>
    onError(new CallError('signaling-failed', message, { cause }));

  pc.addEventListener('negotiationneeded', async () => {
    if (disposed) return;
    try {
      makingOffer = true;
      await pc.setLocalDescription();
      if (disposed || !pc.localDescription) return;
      counters.offersSent += pc.localDescription.type === 'offer' ? 1 : 0;
      signal({ kind: 'description', description: pc.localDescription.toJSON() });
    } catch (cause) {
      if (!disposed) failed('Could not create an offer', cause);
    } finally {
      makingOffer = false;
    }
  });

  pc.addEventListener('icecandidate', ({ candidate }) => {
    // A null candidate only marks the end of gathering; trickle peers do not need it.
    if (disposed || !candidate) return;
    if (holding) heldLocal.push(candidate.toJSON());
    else signal({ kind: 'candidate', candidate: candidate.toJSON() });
  });

  async function addCandidate(candidate: RTCIceCandidateInit, report: boolean): Promise<void> {
    try {
      await pc.addIceCandidate(candidate);
    } catch (cause) {
      // Candidates of an offer we ignored (or of a rolled-back generation) are expected to fail.
      if (report && !ignoreOffer && !disposed) failed('Could not add a remote ICE candidate', cause);
    }
  }

  async function onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || settingRemoteAnswerPending);
    const collision = description.type === 'offer' && !readyForOffer;
    if (collision) counters.collisions += 1;
    ignoreOffer = !polite && collision;
    if (ignoreOffer) {
      counters.ignoredOffers += 1;
      return;
    }
    settingRemoteAnswerPending = description.type === 'answer';
    await pc.setRemoteDescription(description); // rolls back our own offer first when needed
    settingRemoteAnswerPending = false;
    for (const candidate of pendingRemote.splice(0)) await addCandidate(candidate, false);
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      if (pc.localDescription) signal({ kind: 'description', description: pc.localDescription.toJSON() });
    }
  }

  async function onCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (holding) {
      heldRemote.push(candidate);
    } else if (!pc.remoteDescription) {
      counters.bufferedCandidates += 1;
      pendingRemote.push(candidate);
    } else {
      await addCandidate(candidate, true);
    }
  }

  return {
    async handle(payload) {
      if (disposed || pc.signalingState === 'closed') return;
      try {
        if (payload.kind === 'description') await onDescription(payload.description);
        else if (payload.candidate) await onCandidate(payload.candidate);
      } catch (cause) {
        if (!disposed) failed(`Could not apply a remote ${payload.kind}`, cause);
      }
    },
    holdCandidates(hold) {
      holding = hold;
      if (hold) return;
      for (const candidate of heldLocal.splice(0)) signal({ kind: 'candidate', candidate });
      for (const candidate of heldRemote.splice(0)) void onCandidate(candidate);
    },
    counters,
    dispose() {
      disposed = true;
    },
  };
}

/**
 * Decide the polite side deterministically from the two participant ids, so both ends agree without
 * talking: the greater id (by code units) is polite.
 * @example
 * isPolite('b', 'a'); // true — and isPolite('a', 'b') is false
 */
export function isPolite(selfId: string, peerId: string): boolean {
  return selfId > peerId;
}
