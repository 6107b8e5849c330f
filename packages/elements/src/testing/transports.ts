import { createLoopbackSignaling, createP2PTransport, type P2PTransport } from '@sightline/core';

// Two real P2P transports (Chromium WebRTC, fake camera) joined by in-memory signaling, for the
// video-call element tests.

const open: P2PTransport[] = [];

/** A staff and a customer transport linked to each other; left again by {@link leaveTransports}. */
export function transportPair(): { staff: P2PTransport; customer: P2PTransport } {
  const link = createLoopbackSignaling();
  const staff = createP2PTransport({
    participantId: 'staff-1',
    peerId: 'customer-1',
    signaling: link.a,
    role: 'staff',
  });
  const customer = createP2PTransport({
    participantId: 'customer-1',
    peerId: 'staff-1',
    signaling: link.b,
    role: 'customer',
    deps: { isPhone: () => false },
  });
  open.push(staff, customer);
  return { staff, customer };
}

/** Leaves every transport made by {@link transportPair} (camera and connections released). */
export async function leaveTransports(): Promise<void> {
  await Promise.all(open.splice(0).map((t) => t.leave()));
}
