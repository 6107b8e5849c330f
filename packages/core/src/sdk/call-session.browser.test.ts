import { expect } from '@open-wc/testing';
import { firstValueFrom, timeout } from 'rxjs';
import type { MediaTransport } from '../call/media-transport';
import { destroyDemoSdks, signedIn as signedInDemo } from '../testing/demo-sdk';
import { framesAdvance, until } from '../testing/media';
import type { CallPhase, CallSession } from './call-session.types';
import type { Sightline } from './sightline';

// Two SDK instances in real Chromium (fake camera) against the real reference server started by the
// test runner: the whole call path — API, peer-to-peer signaling through the server, WebRTC.

afterEach(destroyDemoSdks);

/** Signed in as `kind`; quality snapshots every 200 ms, so even a short call has them on both sides (MC-10). */
const signedIn = (kind: 'agent' | 'customer', fetch?: typeof window.fetch): Promise<Sightline> =>
  signedInDemo(kind, { callDiagnostics: { sampleMs: 200 }, ...(fetch ? { fetch } : {}) });

/** A customer's request the agent confirmed: both SDK instances and the call session of each. */
async function confirmedCall(
  reason: string,
  fetches: { customer?: typeof fetch; agent?: typeof fetch } = {},
) {
  const customer = await signedIn('customer', fetches.customer);
  const agent = await signedIn('agent', fetches.agent);
  const { data: requested } = await customer.sessions.create({ reason });
  const id = requested!.id;
  expect((await agent.session(id).confirm()).error).to.equal(undefined);
  return { customer, agent, id, staffCall: agent.call(id), customerCall: customer.call(id) };
}

/** This side's camera track in the call, once its transport has one. */
async function cameraTrack(call: CallSession): Promise<MediaStreamTrack> {
  const local = await until(
    (await until(call.transport$, Boolean))!.localStream$,
    (s) => (s?.getVideoTracks().length ?? 0) > 0,
    15_000,
    'the camera',
  );
  return local!.getVideoTracks()[0]!;
}

/** Waits for the transport's remote video and checks that its frames advance. */
async function remoteFramesAdvance(transport: MediaTransport): Promise<number> {
  const stream = await until(
    transport.remoteStream$,
    (s) => (s?.getVideoTracks().length ?? 0) > 0,
    15_000,
    'a remote video track',
  );
  return framesAdvance(stream!);
}

/** A POST to a call's presence or signals route: what it said and the status it was answered with. */
type CallPost = { route: 'presence' | 'signals'; said: string; status: number };

/** A fetch that passes everything on and notes every POST to a call's presence or signals route. */
function notingCallPosts(posts: CallPost[]): typeof window.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const route = /\/calls\/[^/]+\/(presence|signals)$/.exec(new URL(request.url).pathname)?.[1];
    if (request.method !== 'POST' || (route !== 'presence' && route !== 'signals')) return fetch(request);
    const said = await request.clone().text();
    const response = await fetch(request);
    posts.push({ route, said, status: response.status });
    return response;
  };
}

const inCall = (p: CallPhase) => p.phase === 'in-call' && p.connection === 'connected';

const transport = window.SIGHTLINE_TEST_TRANSPORT;

describe(`sightline.call (${transport} through the reference server)`, () => {
  it('VS-8, VS-9, VS-16: request → confirm → call with video both ways and data → end → reopen → second call', async function () {
    this.timeout(120_000);
    const customer = await signedIn('customer');
    const agent = await signedIn('agent');
    const { data: requested } = await customer.sessions.create({ reason: 'Boiler shows E42' });
    const id = requested!.id;
    expect((await agent.session(id).confirm()).data?.status).to.equal('confirmed');

    const t0 = performance.now();
    const staffCall = agent.call(id);
    expect((await staffCall.start()).error).to.equal(undefined);
    const customerCall = customer.call(id);
    expect((await customerCall.start()).error).to.equal(undefined);
    const t1 = performance.now();
    await until(staffCall.phase$, inCall, 15_000, 'staff connected');
    const t2 = performance.now();
    await until(customerCall.phase$, inCall, 15_000, 'customer connected');
    console.log(
      `both start() resolved ${Math.round(t1 - t0)} ms; staff connected +${Math.round(t2 - t1)} ms`,
    );
    const started = agent.session(id).snapshot?.calls[0];
    expect(started?.transport).to.equal(transport);

    const staffT = (await until(staffCall.transport$, Boolean))!;
    const customerT = (await until(customerCall.transport$, Boolean))!;
    // The customer's camera is on; the staff camera is off by default (VS-9).
    expect(await remoteFramesAdvance(staffT)).to.be.greaterThan(0);
    console.log(`call start → first remote frame (${transport}): ${Math.round(performance.now() - t0)} ms`);
    expect((await firstValueFrom(staffT.localMedia$)).cameraEnabled).to.equal(false);
    expect((await staffT.setCameraEnabled(true)).ok).to.equal(true);
    expect(await remoteFramesAdvance(customerT)).to.be.greaterThan(0);

    const received = firstValueFrom(customerT.messages$.pipe(timeout(10_000)));
    expect(staffT.send({ type: 'chat', text: 'hello' }).ok).to.equal(true);
    expect((await received).message).to.deep.include({ type: 'chat', text: 'hello' });

    expect((await staffCall.end()).error).to.equal(undefined);
    await until(customerCall.phase$, (p) => p.phase === 'ended', 15_000, 'customer call ended');
    const completed = await until(
      customer.session(id).state$,
      (s) => s?.status === 'completed',
      15_000,
      'customer sees completed',
    );
    expect(completed?.calls).to.have.length(1);

    // MC-10: each side sent its final quality report when it left; staff read both.
    const reports = async () => {
      for (let i = 0; i < 50; i++) {
        const { data } = await agent.api.GET('/v1/sessions/{id}/diagnostics', { params: { path: { id } } });
        if (data && data.items.filter((d) => d.summary.final).length === 2) return data.items;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('two final diagnostics reports did not arrive');
    };
    const diagnostics = await reports();
    expect(diagnostics.map((d) => d.role)).to.deep.equal(['customer', 'staff']);
    for (const d of diagnostics) {
      expect(d.callId).to.equal(started?.id);
      expect(d.summary.transport).to.equal(transport);
      expect(d.summary.samples).to.be.greaterThan(0);
      expect(d.summary.bytesReceived ?? 0).to.be.greaterThan(0);
      expect(d.summary.durationSeconds).to.be.greaterThan(0);
    }
    // Both sides received video (staff turned the camera on): each measured its first frame (MC-9).
    for (const d of diagnostics) expect(d.summary.firstFrameSeconds ?? -1).to.be.within(0, 30);

    expect((await agent.session(id).reopen()).data?.status).to.equal('confirmed');
    expect((await customerCall.start()).error).to.equal(undefined);
    expect((await staffCall.start()).error).to.equal(undefined);
    await until(staffCall.phase$, inCall, 15_000, 'second call: staff connected');
    expect(await remoteFramesAdvance((await until(staffCall.transport$, Boolean))!)).to.be.greaterThan(0);
    await customerCall.end();
    const after = await until(
      agent.session(id).state$,
      (s) => s?.status === 'completed',
      15_000,
      'second call: staff sees completed',
    );
    expect(after?.calls).to.have.length(2);
  });

  it('VS-9: after a hang-up neither side says "left" or "bye" to the ended call — no 409 call-ended to log, the end is the expected one', async function () {
    this.timeout(60_000);
    const staffPosts: CallPost[] = [];
    const customerPosts: CallPost[] = [];
    const { staffCall, customerCall } = await confirmedCall('Hang-up race', {
      customer: notingCallPosts(customerPosts),
      agent: notingCallPosts(staffPosts),
    });
    expect((await staffCall.start()).error).to.equal(undefined);
    expect((await customerCall.start()).error).to.equal(undefined);
    await until(staffCall.phase$, inCall, 15_000, 'staff connected');
    await until(customerCall.phase$, inCall, 15_000, 'customer connected');
    // Both sides beat at least once, so the presence route is in use on both.
    await new Promise((r) => setTimeout(r, 2_000));

    expect((await staffCall.end()).error).to.equal(undefined);
    const ended = await until(customerCall.phase$, (p) => p.phase === 'ended', 15_000, 'customer call ended');
    expect(ended).to.deep.include({ phase: 'ended', reason: 'hung-up' });
    // Anything still on its way after the end arrives meanwhile.
    await new Promise((r) => setTimeout(r, 2_000));

    expect(customerPosts.some((p) => p.route === 'presence' && p.status === 200)).to.equal(true);
    // A heartbeat already on its way when the other side hung up may still meet the end: that one
    // 409 ends the call quietly. "Left", "bye" and signals after the end are never sent.
    const refused = (posts: CallPost[]) =>
      posts.filter((p) => p.status === 409 && !(p.route === 'presence' && p.said.includes('"present":true')));
    expect(refused(customerPosts)).to.deep.equal([]);
    expect(staffPosts.filter((p) => p.status === 409)).to.deep.equal([]);
  });

  it('VS-16: Start pressed at once after the other side ended the call and reopened starts the next call, while this side is still leaving the first (its media goodbye held 3 s, as a slow media server may)', async function () {
    this.timeout(60_000);
    const { customer, agent, id, staffCall, customerCall } = await confirmedCall('Start again at once');
    expect((await staffCall.start()).error).to.equal(undefined);
    const first = await customerCall.start();
    expect(first.error).to.equal(undefined);
    await until(customerCall.phase$, inCall, 15_000, 'customer connected');
    // The customer's transport takes 3 s to leave (LiveKit's goodbye waits on the media server).
    const leaving = (await until(customerCall.transport$, Boolean))!;
    const leave = leaving.leave.bind(leaving);
    leaving.leave = async () => {
      await new Promise((r) => setTimeout(r, 3_000));
      await leave();
    };

    expect((await staffCall.end()).error).to.equal(undefined);
    expect((await agent.session(id).reopen()).data?.status).to.equal('confirmed');
    await until(
      customer.session(id).state$,
      (s) => s?.status === 'confirmed',
      15_000,
      'customer sees it reopened',
    );
    // The customer's side is still leaving the first call: the moment this test is about.
    expect((await firstValueFrom(customerCall.phase$)).phase).to.equal('in-call');
    const second = await customerCall.start();
    expect(second.error, JSON.stringify(second.error)).to.equal(undefined);
    expect(second.data?.callId).to.be.a('string').and.not.equal(first.data?.callId);
    expect((await staffCall.start()).error).to.equal(undefined);
    const joined = await until(customerCall.phase$, inCall, 15_000, 'second call: customer connected');
    expect(joined).to.deep.include({ callId: second.data?.callId });
    await until(staffCall.phase$, inCall, 15_000, 'second call: staff connected');
    expect(await remoteFramesAdvance((await until(staffCall.transport$, Boolean))!)).to.be.greaterThan(0);
  });

  it('VS-9: destroying an SDK instance leaves its call without ending it — camera released, the other side sees it gone, a new instance rejoins the same call', async function () {
    this.timeout(90_000);
    const { customer, agent, id, staffCall, customerCall } = await confirmedCall('Page closed mid-call');
    expect((await staffCall.start()).error).to.equal(undefined);
    const first = await customerCall.start();
    expect(first.error).to.equal(undefined);
    await until(customerCall.phase$, inCall, 15_000, 'customer connected');
    const camera = await cameraTrack(customerCall);

    customer.destroy();
    await until(customerCall.phase$, (p) => p.phase === 'ended', 15_000, 'the customer side left');
    expect(camera.readyState).to.equal('ended');
    expect(await firstValueFrom(customerCall.transport$)).to.equal(undefined);
    // The staff side sees the customer gone; the call itself runs on (VS-9: the grace period).
    await until(
      staffCall.presence$,
      (v) => v?.others.some((o) => o.role === 'customer' && !o.present) ?? false,
      15_000,
      'the customer gone at the staff side',
    );
    const { data: running } = await agent.session(id).refresh();
    expect(running?.status).to.equal('running');
    expect(running?.calls.find((c) => c.id === first.data?.callId)?.endedAt).to.equal(undefined);

    // The page comes back: a new instance joins the same call, and both sides connect again.
    const again = await signedIn('customer');
    const rejoined = await again.call(id).start();
    expect(rejoined.data?.callId).to.equal(first.data?.callId);
    await until(again.call(id).phase$, inCall, 20_000, 'the returning customer connected');
    await until(staffCall.phase$, inCall, 20_000, 'staff connected again');
    expect(await remoteFramesAdvance((await until(staffCall.transport$, Boolean))!)).to.be.greaterThan(0);
  });

  it('VS-9: signing out leaves the call — camera released, its "left" and "bye" still accepted, the other side sees it gone at once', async function () {
    this.timeout(60_000);
    const posts: CallPost[] = [];
    const { customer, staffCall, customerCall } = await confirmedCall('Signed out mid-call', {
      customer: notingCallPosts(posts),
    });
    expect((await staffCall.start()).error).to.equal(undefined);
    expect((await customerCall.start()).error).to.equal(undefined);
    await until(customerCall.phase$, inCall, 15_000, 'customer connected');
    const camera = await cameraTrack(customerCall);

    customer.signOut();
    expect(customer.token).to.equal(undefined);
    await until(customerCall.phase$, (p) => p.phase === 'ended', 15_000, 'the customer side left');
    expect(camera.readyState).to.equal('ended');
    // "Left" arrives at once (a silent side would only be missed after the 3.5 s timeout).
    const t0 = performance.now();
    await until(
      staffCall.presence$,
      (v) => v?.others.some((o) => o.role === 'customer' && !o.present) ?? false,
      3_000,
      'the customer gone at the staff side',
    );
    expect(performance.now() - t0).to.be.below(3_000);
    expect(posts.filter((p) => p.status === 401)).to.deep.equal([]);
    expect(
      posts.some((p) => p.route === 'presence' && p.said.includes('"present":false') && p.status === 200),
    ).to.equal(true);
    // Peer-to-peer: the "bye" to the other side went through the server too.
    if (transport === 'p2p')
      expect(
        posts.some((p) => p.route === 'signals' && p.said.includes('"bye"') && p.status === 202),
      ).to.equal(true);
  });

  it('VS-9: leave() asked while the call is still starting leaves it as soon as it has joined', async function () {
    this.timeout(60_000);
    const { agent, id, customerCall } = await confirmedCall('Gone while starting');
    const starting = customerCall.start();
    const leaving = customerCall.leave();
    const started = await starting;
    await leaving;
    expect(started.error).to.equal(undefined);
    expect(await firstValueFrom(customerCall.phase$)).to.deep.include({
      phase: 'ended',
      callId: started.data?.callId,
    });
    expect(await firstValueFrom(customerCall.transport$)).to.equal(undefined);
    // Only this side left: the call still runs, and the staff can join it.
    const staffJoin = await agent.call(id).start();
    expect(staffJoin.data?.callId).to.equal(started.data?.callId);
  });

  it('VS-9: end() pressed while this side is still joining (its camera slow to open) ends the call for both sides at once', async function () {
    this.timeout(60_000);
    const { customerCall, staffCall } = await confirmedCall('Ended while joining');
    expect((await customerCall.start()).error).to.equal(undefined);
    // The staff's camera and microphone answer only when the test lets them (a slow camera, an
    // open permission prompt).
    const devices = navigator.mediaDevices;
    const real = devices.getUserMedia;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    devices.getUserMedia = async (constraints) => {
      await gate;
      return real.call(devices, constraints);
    };
    try {
      const joining = staffCall.start();
      await until(staffCall.transport$, Boolean, 15_000, 'the staff transport');
      expect(await firstValueFrom(staffCall.phase$)).to.deep.equal({ phase: 'starting' });
      const ended = await staffCall.end();
      expect(ended.error).to.equal(undefined);
      // The customer is not left in a call nobody else is in: it ends there while the staff's
      // camera is still opening.
      const theirs = await until(customerCall.phase$, (p) => p.phase === 'ended', 10_000, 'the end');
      expect(theirs).to.deep.include({ reason: 'hung-up' });
      release();
      const joined = await joining;
      expect(joined.error).to.equal(undefined);
      // This side leaves as soon as its media have joined.
      await until(staffCall.phase$, (p) => p.phase === 'ended', 10_000, 'the staff side leaving');
      expect(await firstValueFrom(staffCall.transport$)).to.equal(undefined);
    } finally {
      devices.getUserMedia = real;
      release();
    }
  });

  it('VS-8: a call cannot start before the session is confirmed; the failure is a problem value', async () => {
    const customer = await signedIn('customer');
    const { data } = await customer.sessions.create({ reason: 'Too early' });
    const r = await customer.call(data!.id).start();
    expect(r.error?.status).to.equal(409);
    expect(await firstValueFrom(customer.call(data!.id).phase$)).to.deep.include({ phase: 'failed' });
  });
});
