import { expect } from '@open-wc/testing';
import type { P2PTransport } from './p2p-transport.js';
import { createLoopbackSignaling } from './signaling.js';
import {
  createReplayingRelay,
  dropFirstConnectionCandidates,
  eventually,
  mediaBothWays,
  pair,
  releaseAll,
  testPolicy,
  transport,
} from './testing/p2p-harness.js';

// Call setup reliability (VS-9), in real Chromium WebRTC over loopback with the fake camera. What is
// simulated: the signaling server (in memory), and where a test name says so, signals it loses.

afterEach(releaseAll);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The invariant that keeps setup free of glare: one offer, by the initiator, and no collision. */
function expectNoGlare(initiator: P2PTransport, other: P2PTransport, round: string): void {
  expect(initiator.diagnostics.initiator, round).to.equal(true);
  expect(other.diagnostics.initiator, round).to.equal(false);
  expect(initiator.diagnostics.negotiation?.collisions, round).to.equal(0);
  expect(other.diagnostics.negotiation?.collisions, round).to.equal(0);
  expect(other.diagnostics.negotiation?.offersSent, round).to.equal(0);
  expect(initiator.diagnostics.negotiation?.offersSent, round).to.equal(1);
}

function summary(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
  console.log(
    `[p2p setup] ${label}: ${times.length} rounds, media both ways p50 ${at(0.5)} ms, max ${at(1)} ms`,
  );
}

describe('P2P call setup (VS-9)', () => {
  it('glare-prone timing: both join in the same tick, 20 rounds, media both ways every time', async function () {
    this.timeout(180_000);
    const times: number[] = [];
    for (let round = 1; round <= 20; round++) {
      const { staff, customer } = pair({ latencyMs: 0, staffCamera: true });
      const joined = await Promise.all([staff.join(), customer.join()]);
      expect(joined.every((r) => r.ok)).to.equal(true);
      times.push(await mediaBothWays(staff, customer));
      expectNoGlare(customer, staff, `round ${round}`);
      await releaseAll();
    }
    summary('same tick', times);
  });

  it('glare-prone timing, staggered: the second side joins 0–500 ms later, either side first, 12 rounds', async function () {
    this.timeout(180_000);
    const times: number[] = [];
    for (let round = 1; round <= 12; round++) {
      const { staff, customer } = pair({ latencyMs: 0, staffCamera: true });
      const [first, second] = round % 2 ? [customer, staff] : [staff, customer];
      const delay = Math.round(Math.random() * 500);
      const t0 = performance.now();
      expect((await first.join()).ok).to.equal(true);
      await sleep(delay - (performance.now() - t0));
      expect((await second.join()).ok).to.equal(true);
      times.push(await mediaBothWays(staff, customer));
      expectNoGlare(
        customer,
        staff,
        `round ${round} (${round % 2 ? 'customer' : 'staff'} first, +${delay} ms)`,
      );
      await releaseAll();
    }
    summary('staggered', times);
  });

  it('replaces a connection whose ICE makes no progress (signaling simulated: candidates of the first connection lost)', async function () {
    this.timeout(60_000);
    const lossy = dropFirstConnectionCandidates(createLoopbackSignaling({ latencyMs: 0 }));
    const reconnect = testPolicy({ setupTimeoutMs: 1_500 });
    const { staff, customer } = pair({ signaling: lossy, reconnect, staffCamera: true });
    const states: string[] = [];
    customer.connectionState$.subscribe((s) => states.push(s));
    const t0 = performance.now();
    await Promise.all([staff.join(), customer.join()]);
    const firstInstance = customer.diagnostics.instance;
    await eventually(() => customer.diagnostics.rebuilds >= 1, 3_000, 'the initiator to rebuild');
    const rebuiltAfter = performance.now() - t0;
    await mediaBothWays(staff, customer, 10_000);
    console.log(
      `[p2p setup] watchdog: rebuilt after ${rebuiltAfter.toFixed(0)} ms, media both ways after ` +
        `${(performance.now() - t0).toFixed(0)} ms, ${lossy.dropped()} candidates dropped`,
    );
    expect(lossy.dropped()).to.be.greaterThan(0);
    expect(rebuiltAfter).to.be.lessThan(1_500 + 1_000);
    expect(customer.diagnostics.rebuilds).to.be.greaterThanOrEqual(1);
    expect(staff.diagnostics.rebuilds).to.equal(0); // only the initiator replaces connections
    expect(customer.diagnostics.instance).to.not.equal(firstInstance);
    expect(staff.diagnostics.peerInstance).to.equal(customer.diagnostics.instance);
    expect(states).to.not.include('reconnecting'); // never connected before: still `connecting`
    expect(states).to.not.include('failed');
  });

  for (const reloading of ['initiator', 'non-initiator'] as const) {
    it(`ignores replayed signals of its previous page load (the ${reloading} reloads)`, async function () {
      this.timeout(60_000);
      const relay = createReplayingRelay();
      // 'a-…' < 'b-…': the initiator is the one with the smaller id.
      const [reloadId, stayId] =
        reloading === 'initiator' ? ['a-customer', 'b-staff'] : ['b-customer', 'a-staff'];
      const stay = transport({
        participantId: stayId,
        role: 'staff',
        signaling: relay.connect(),
        camera: true,
      });
      const firstChannel = relay.connect();
      const first = transport({ participantId: reloadId, role: 'customer', signaling: firstChannel });
      await Promise.all([stay.join(), first.join()]);
      await mediaBothWays(stay, first);
      const earlier = first.diagnostics.instance;

      // The page reloads: it goes away without a bye, and a new page with the same participant id
      // joins; the server replays the whole call's signals to it first.
      firstChannel.close();
      await first.leave();
      const replayed = relay.log.length;
      const again = transport({ participantId: reloadId, role: 'customer', signaling: relay.connect() });
      expect((await again.join()).ok).to.equal(true);
      await eventually(
        () => stay.diagnostics.peerInstance === again.diagnostics.instance,
        5_000,
        'the staying side to pair with the new page',
      );
      await mediaBothWays(stay, again);
      console.log(
        `[p2p setup] reload of the ${reloading}: ${replayed} signals replayed, ${again.diagnostics.staleSignals} dropped as stale`,
      );
      expect(again.diagnostics.instance).to.not.equal(earlier);
      expect(again.diagnostics.peerInstance).to.equal(stay.diagnostics.instance);
      expect(again.diagnostics.staleSignals).to.be.greaterThan(0);
      expect(again.diagnostics.negotiation?.collisions).to.equal(0);
      expect(stay.diagnostics.negotiation?.collisions).to.equal(0);
      expect(again.diagnostics.rebuilds + stay.diagnostics.rebuilds).to.equal(0);
    });
  }
});
