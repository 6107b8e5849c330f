import { expect } from '@open-wc/testing';
import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import type { CallError } from './call-error.js';
import type { ConnectionState } from './media-transport.js';
import type { P2PTransport } from './p2p-transport.js';
import { createLoopbackSignaling } from './signaling.js';
import {
  connected,
  firstRemoteFrame,
  framesDuring,
  pair,
  releaseAll,
  transport,
  until,
} from './testing/p2p-harness.js';
import { shownSize } from './testing/shown-size.js';

/** The real getUserMedia, answering (or refusing with `refusal`) only once the test opens the gate. */
function gatedCapture(refusal?: DOMException) {
  let open!: () => void;
  const gate = new Promise<void>((r) => {
    open = r;
  });
  let asked = 0;
  return {
    open,
    get asked() {
      return asked;
    },
    getUserMedia: async (constraints: MediaStreamConstraints) => {
      asked += 1;
      await gate;
      if (refusal) throw refusal;
      return navigator.mediaDevices.getUserMedia(constraints);
    },
  };
}

// Real Chromium WebRTC over loopback with the fake camera and microphone. What is simulated: the
// signaling server (an in-memory channel) and, in the network-drop test, the drop itself (see there).

afterEach(releaseAll);

describe('createP2PTransport (real WebRTC, fake camera)', () => {
  it('connects both sides, and each receives the other’s video at the camera’s size with frames advancing', async () => {
    const { staff, customer } = pair({ staffCamera: true });
    const t0 = performance.now();
    expect((await customer.join()).ok).to.equal(true);
    await new Promise((r) => setTimeout(r, 200)); // the customer waits; staff joins a moment later
    const t1 = performance.now();
    expect((await staff.join()).ok).to.equal(true);
    await Promise.all([connected(staff), connected(customer)]);
    const tConnected = performance.now();
    await Promise.all([firstRemoteFrame(staff), firstRemoteFrame(customer)]);
    const tFrame = performance.now();
    console.log(
      `[p2p] staff join → connected ${(tConnected - t1).toFixed(0)} ms, → first remote frames ${(tFrame - t1).toFixed(0)} ms ` +
        `(customer joined ${(t1 - t0).toFixed(0)} ms earlier)`,
    );
    expect(await framesDuring(staff)).to.be.greaterThan(5);
    expect(await framesDuring(customer)).to.be.greaterThan(5);
    // At the camera's size from the first frames on (VS-9): before, the encoder started at 320×180
    // and reached 480×270 after 8 s.
    const shown = async (t: P2PTransport) => shownSize(await firstValueFrom(t.remoteStream$), 1280, 1_000);
    expect(await Promise.all([shown(staff), shown(customer)])).to.deep.equal(['1280×720', '1280×720']);
  });

  it('starts staff with the camera off: no frames reach the customer until staff turns it on', async () => {
    const { staff, customer } = pair();
    const t0 = performance.now();
    await Promise.all([staff.join(), customer.join()]);
    await Promise.all([connected(staff), connected(customer)]);
    await firstRemoteFrame(staff); // the customer's camera is on by default
    console.log(`[p2p] join → staff sees first customer frame ${(performance.now() - t0).toFixed(0)} ms`);
    expect((await firstValueFrom(staff.localMedia$)).cameraEnabled).to.equal(false);
    expect((await firstValueFrom(staff.localStream$))?.getVideoTracks()).to.have.length(0);
    expect(await framesDuring(customer, 800)).to.equal(0);

    const tOn = performance.now();
    expect((await staff.setCameraEnabled(true)).ok).to.equal(true);
    await firstRemoteFrame(customer);
    console.log(`[p2p] staff camera on → first frame at customer ${(performance.now() - tOn).toFixed(0)} ms`);
    // Over 2 s: the camera is hinted `detail`, so while the bandwidth estimate still ramps up the
    // encoder keeps 1280×720 and sends fewer frames (a clean CI run decoded 3 in the first 0.7 s).
    expect(await framesDuring(customer, 2_000)).to.be.greaterThan(5);
    expect(staff.diagnostics.negotiation?.offersSent).to.be.lessThan(3); // no renegotiation per toggle

    expect((await staff.setCameraEnabled(false)).ok).to.equal(true);
    expect((await firstValueFrom(staff.localStream$))?.getVideoTracks()).to.have.length(0);
  });

  it('opens the camera and microphone while the connection is negotiated: connected before either capture answers, the video follows without a new offer (issue 13, VS-8)', async () => {
    const slow = gatedCapture();
    const signaling = createLoopbackSignaling({ latencyMs: 0 });
    const staff = transport({
      participantId: 'staff-1',
      role: 'staff',
      signaling: signaling.a,
      camera: true,
      getUserMedia: slow.getUserMedia,
    });
    const customer = transport({
      participantId: 'customer-1',
      role: 'customer',
      signaling: signaling.b,
      getUserMedia: slow.getUserMedia,
    });
    const joins = Promise.all([staff.join(), customer.join()]);
    await Promise.all([connected(staff), connected(customer)]);
    expect(slow.asked).to.equal(2);
    expect(await firstValueFrom(staff.localStream$)).to.equal(null); // nothing captured yet
    slow.open();
    expect((await joins).map((r) => r.ok)).to.deep.equal([true, true]);
    await Promise.all([firstRemoteFrame(staff), firstRemoteFrame(customer)]);
    expect(await framesDuring(customer)).to.be.greaterThan(5);
    expect((await firstValueFrom(staff.localStream$))?.getTracks()).to.have.length(2);
    const offers = (t: P2PTransport) => t.diagnostics.negotiation?.offersSent ?? 0;
    expect(offers(staff) + offers(customer)).to.equal(1);
  });

  it('a capture refused after the hello went out: the join fails with the refusal and the other side hears the bye', async () => {
    const refused = gatedCapture(new DOMException('Permission denied', 'NotAllowedError'));
    const signaling = createLoopbackSignaling({ latencyMs: 0 });
    const staff = transport({ participantId: 'staff-1', role: 'staff', signaling: signaling.a });
    const customer = transport({
      participantId: 'customer-1',
      role: 'customer',
      signaling: signaling.b,
      getUserMedia: refused.getUserMedia,
    });
    expect((await staff.join()).ok).to.equal(true);
    const joining = customer.join();
    await connected(staff);
    refused.open();
    const result = await joining;
    expect(result.ok ? undefined : result.error.code).to.equal('permission-denied');
    await until(staff.connectionState$, (s) => s === 'disconnected', 5_000);
    expect(await firstValueFrom(staff.remoteStream$)).to.equal(null);
    expect(await firstValueFrom(customer.localStream$)).to.equal(null);
  });

  it('round-trips data messages in both directions and drops an invalid one with a report', async () => {
    const { staff, customer } = pair();
    await Promise.all([staff.join(), customer.join()]);
    // Sent before the channel opens: queued, then delivered in order.
    expect(staff.send({ type: 'chat', text: 'early' }).ok).to.equal(true);
    const atCustomer = firstValueFrom(customer.messages$.pipe(take(2), toArray(), timeout(10_000)));
    await Promise.all([connected(staff), connected(customer)]);
    expect(staff.send({ type: 'marker', x: 0.25, y: 0.5 }).ok).to.equal(true);
    expect(await atCustomer).to.deep.equal([
      { from: 'staff-1', message: { type: 'chat', text: 'early' } },
      { from: 'staff-1', message: { type: 'marker', x: 0.25, y: 0.5 } },
    ]);

    const atStaff = firstValueFrom(staff.messages$.pipe(timeout(5_000)));
    customer.send({ type: 'chat', text: 'hello back' });
    expect((await atStaff).message).to.deep.equal({ type: 'chat', text: 'hello back' });

    // Invalid outgoing: refused as a value. Invalid incoming: dropped, reported on errors$.
    const refused = customer.send({ type: '' });
    expect(refused.ok === false && refused.error.code).to.equal('invalid-message');
    const reported = firstValueFrom(staff.errors$.pipe(timeout(5_000)));
    const received: unknown[] = [];
    staff.messages$.subscribe((m) => received.push(m));
    customer.diagnostics.sendRaw('{"v":1,"m":{"no-type":true}}');
    customer.diagnostics.sendRaw('not json');
    const error: CallError = await reported;
    expect(error.code).to.equal('invalid-message');
    customer.send({ type: 'chat', text: 'still fine' });
    await until(staff.messages$, (m) => m.message.type === 'chat');
    expect(received).to.deep.equal([{ from: 'customer-1', message: { type: 'chat', text: 'still fine' } }]);
  });

  it('mutes the microphone by flipping track.enabled', async () => {
    const { staff, customer } = pair();
    await Promise.all([staff.join(), customer.join()]);
    const track = (await firstValueFrom(customer.localStream$))?.getAudioTracks()[0];
    expect(track?.enabled).to.equal(true);
    await customer.setMicrophoneEnabled(false);
    expect(track?.enabled).to.equal(false);
    expect(track?.readyState).to.equal('live');
    expect((await firstValueFrom(customer.localMedia$)).microphoneEnabled).to.equal(false);
    await customer.setMicrophoneEnabled(true);
    expect(track?.enabled).to.equal(true);
  });

  it('sets up without glare when both sides join at the same moment: only the initiator offers', async () => {
    // 30 ms one-way latency: both hellos cross and both sides create their connection at once. Only
    // the customer ('customer-1' < 'staff-1', the impolite side) makes the first offer.
    const { staff, customer } = pair({ latencyMs: 30, staffCamera: true });
    await Promise.all([staff.join(), customer.join()]);
    await Promise.all([connected(staff), connected(customer)]);
    expect(customer.diagnostics.initiator).to.equal(true);
    expect(staff.diagnostics.initiator).to.equal(false);
    expect(staff.diagnostics.polite).to.not.equal(customer.diagnostics.polite);
    expect(customer.diagnostics.negotiation?.collisions).to.equal(0);
    expect(staff.diagnostics.negotiation?.collisions).to.equal(0);
    expect(customer.diagnostics.negotiation?.offersSent).to.equal(1);
    expect(staff.diagnostics.negotiation?.offersSent).to.equal(0);
    await Promise.all([firstRemoteFrame(staff), firstRemoteFrame(customer)]);
  });

  it('recovers when both sides restart ICE at the same moment (glare, perfect negotiation)', async () => {
    const { staff, customer } = pair({ latencyMs: 30, staffCamera: true });
    await Promise.all([staff.join(), customer.join()]);
    await Promise.all([connected(staff), connected(customer)]);
    staff.diagnostics.simulateDrop({ holdCandidatesMs: 1_000 });
    customer.diagnostics.simulateDrop({ holdCandidatesMs: 1_000 });
    await Promise.all([
      until(staff.connectionState$, (s) => s === 'reconnecting', 2_000),
      until(customer.connectionState$, (s) => s === 'reconnecting', 2_000),
    ]);
    await Promise.all([connected(staff, 15_000), connected(customer, 15_000)]);
    expect(staff.diagnostics.iceRestarts).to.be.greaterThan(0);
    expect(customer.diagnostics.iceRestarts).to.be.greaterThan(0);
    const collisions =
      (staff.diagnostics.negotiation?.collisions ?? 0) + (customer.diagnostics.negotiation?.collisions ?? 0);
    console.log(`[p2p] simultaneous ICE restarts: collisions ${collisions}`);
    expect(await framesDuring(staff)).to.be.greaterThan(5);
    expect(await framesDuring(customer)).to.be.greaterThan(5);
  });

  it('recovers from a (simulated) network drop with an ICE restart, and data flows again', async () => {
    const { staff, customer } = pair({ staffCamera: true });
    await Promise.all([staff.join(), customer.join()]);
    await Promise.all([connected(staff), connected(customer)]);
    const ufragBefore = iceUfrag(customer);
    const states: ConnectionState[] = [];
    customer.connectionState$.subscribe((s) => states.push(s));

    const tDrop = performance.now();
    customer.diagnostics.simulateDrop({ holdCandidatesMs: 1_500 });
    await until(customer.connectionState$, (s) => s === 'reconnecting', 2_000);
    await until(customer.connectionState$, (s) => s === 'connected', 15_000);
    console.log(`[p2p] drop → connected again ${(performance.now() - tDrop).toFixed(0)} ms`);
    expect(states.slice(0, 3)).to.deep.equal(['connected', 'reconnecting', 'connected']);
    expect(customer.diagnostics.iceRestarts).to.be.greaterThan(0);
    expect(iceUfrag(customer)).to.not.equal(ufragBefore); // a real ICE restart took place

    const atStaff = firstValueFrom(staff.messages$.pipe(timeout(5_000)));
    customer.send({ type: 'chat', text: 'after the drop' });
    expect((await atStaff).message).to.deep.equal({ type: 'chat', text: 'after the drop' });
    expect(await framesDuring(customer)).to.be.greaterThan(5);
  });

  it('leave() stops every local track, closes the connection and tells the peer', async () => {
    const { staff, customer } = pair({ staffCamera: true });
    await Promise.all([staff.join(), customer.join()]);
    await Promise.all([connected(staff), connected(customer)]);
    const tracks = (await firstValueFrom(customer.localStream$))?.getTracks() ?? [];
    const pc = customer.diagnostics.peerConnection;
    expect(tracks).to.have.length(2);
    const peerSeesBye = until(staff.connectionState$, (s) => s === 'disconnected', 5_000);
    await customer.leave();
    expect(tracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
    expect(pc?.connectionState).to.equal('closed');
    expect(await firstValueFrom(customer.localStream$)).to.equal(null);
    expect(await firstValueFrom(customer.remoteStream$)).to.equal(null);
    expect(await firstValueFrom(customer.connectionState$)).to.equal('disconnected');
    await peerSeesBye;
    const after = customer.send({ type: 'chat' });
    expect(after.ok === false && after.error.code).to.equal('not-joined');
  });
});

function iceUfrag(transport: P2PTransport): string | undefined {
  return transport.diagnostics.peerConnection?.localDescription?.sdp.match(/a=ice-ufrag:(\S+)/)?.[1];
}
