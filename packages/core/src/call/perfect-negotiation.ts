import { CallError } from './call-error.js';

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

/** What this module sends and handles: descriptions and candidates, without the addressing. */
export type NegotiationPayload =
  | { kind: 'description'; description: RTCSessionDescriptionInit }
  | { kind: 'candidate'; candidate: RTCIceCandidateInit | null };

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

/** Options of {@link attachPerfectNegotiation}. */
export interface PerfectNegotiationOptions {
  readonly polite: boolean;
  /**
   * Whether this side makes the connection's first offer. The other side never offers before it has
   * applied that offer (its early `negotiationneeded` is deferred), so setting up a call has no glare.
   */
  readonly initiator: boolean;
  readonly signal: (payload: NegotiationPayload) => void;
  readonly onError: (error: CallError) => void;
  /** Runs after a remote offer is applied and before the answer is created (to adopt its transceivers). */
  readonly beforeAnswer?: () => Promise<void>;
}

/**
 * Drive `pc` with the W3C "perfect negotiation" pattern (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example):
 * either side may renegotiate at any time; when offers collide the *polite* side rolls its offer back and
 * accepts the other, the *impolite* side ignores the incoming one. Roles must be opposite on the two
 * sides (see {@link isPolite}). Remote ICE candidates are buffered until a remote description is set.
 *
 * The first offer is made by the `initiator` only (VS-9): both sides creating a connection and offering
 * at once made every call start with glare, and a connection whose first offer was rolled back a few
 * milliseconds after it was made sometimes never gathered a candidate in Chromium. Later negotiations
 * (ICE restarts) may start on either side.
 * @example
 * const negotiation = attachPerfectNegotiation(pc, { polite: isPolite(me, peer), initiator: !isPolite(me, peer), signal, onError });
 * signaling.messages$.subscribe((m) => m.payload.kind === 'candidate' && negotiation.handle(m.payload));
 */
export function attachPerfectNegotiation(
  pc: RTCPeerConnection,
  options: PerfectNegotiationOptions,
): PerfectNegotiation {
  const { polite, initiator, signal, onError, beforeAnswer } = options;
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
  // A negotiationneeded the non-initiator got before it applied the first remote offer.
  let deferred = false;
  const pendingRemote: RTCIceCandidateInit[] = [];
  const heldLocal: RTCIceCandidateInit[] = [];
  const heldRemote: RTCIceCandidateInit[] = [];

  const failed = (message: string, cause: unknown) =>
    onError(new CallError('signaling-failed', message, { cause }));

  async function negotiate(): Promise<void> {
    // The event is queued; by the time it runs an offer may have arrived (then the browser fires
    // negotiationneeded again once back in stable, if anything is still to negotiate).
    if (disposed || makingOffer || pc.signalingState !== 'stable') return;
    if (!initiator && !pc.remoteDescription) {
      deferred = true;
      return;
    }
    deferred = false;
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
  }

  pc.addEventListener('negotiationneeded', () => void negotiate());

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
    if (description.type !== 'offer' || disposed) return;
    await beforeAnswer?.();
    if (disposed) return;
    await pc.setLocalDescription();
    if (pc.localDescription) signal({ kind: 'description', description: pc.localDescription.toJSON() });
    // Something deferred before the first offer arrived and still not covered by it: offer it now.
    if (deferred && needsNegotiation(pc)) void negotiate();
    deferred = false;
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
 * Whether `pc`, in `stable`, has a transceiver its current descriptions do not cover: one without a
 * mid, or one whose wanted direction differs from the negotiated one. (The browser's own
 * negotiation-needed flag is not readable.)
 */
export function needsNegotiation(pc: RTCPeerConnection): boolean {
  return pc
    .getTransceivers()
    .some(
      (t) =>
        t.direction !== 'stopped' &&
        (t.mid === null || (t.currentDirection !== null && t.direction !== t.currentDirection)),
    );
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
