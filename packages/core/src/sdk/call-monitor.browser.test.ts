import { expect } from '@open-wc/testing';
import { firstValueFrom } from 'rxjs';
import { destroyDemoSdks, signedIn } from '../testing/demo-sdk';
import { framesAdvance, until } from '../testing/media';
import { monitorCall } from './call-monitor';
import type { CallPhase } from './call-session.types';

// Silent monitoring (MC-8) in real Chromium (fake camera) against the real reference server: a
// customer and an agent in a call, a company manager watching — three SDK instances.

afterEach(destroyDemoSdks);

const inCall = (p: CallPhase) => p.phase === 'in-call' && p.connection === 'connected';

describe('silent monitoring through the reference server (MC-8)', () => {
  it('a manager watches and listens; the participants’ call is untouched and shows no third party', async function () {
    this.timeout(120_000);
    const customer = await signedIn('customer');
    const agent = await signedIn('agent');
    const manager = await signedIn('manager');
    const { data: requested } = await customer.sessions.create({ reason: 'Watch me' });
    const id = requested!.id;
    expect((await agent.session(id).confirm()).error).to.equal(undefined);
    const staffCall = agent.call(id);
    const customerCall = customer.call(id);
    expect((await staffCall.start()).error).to.equal(undefined);
    expect((await customerCall.start()).error).to.equal(undefined);
    await until(staffCall.phase$, inCall, 15_000, 'staff connected');
    await until(customerCall.phase$, inCall, 15_000, 'customer connected');
    const staffT = (await until(staffCall.transport$, Boolean))!;
    const customerT = (await until(customerCall.transport$, Boolean))!;
    expect((await staffT.setCameraEnabled(true)).ok).to.equal(true);
    const hasVideo = (s: MediaStream | null) => (s?.getVideoTracks().length ?? 0) > 0;
    await until(customerT.remoteStream$, hasVideo, 15_000, 'the staff video at the customer');
    await until(staffT.remoteStream$, hasVideo, 15_000, 'the customer video at the staff');
    /** The remote tracks each side receives: the other participant's, nobody else's. */
    const received = async () => ({
      staff: trackIds(await firstValueFrom(staffT.remoteStream$)),
      customer: trackIds(await firstValueFrom(customerT.remoteStream$)),
    });
    const trackIds = (s: MediaStream | null) => (s?.getTracks() ?? []).map((t) => `${t.kind}:${t.id}`).sort();
    const before = await received();
    expect(before.staff.length).to.be.within(1, 2);
    expect(before.customer.length).to.be.within(1, 2);
    const callId = agent.session(id).snapshot!.calls[0]!.id;

    // An agent may not monitor; the manager may.
    expect((await monitorCall(agent, id, callId)).error?.status).to.equal(403);
    const started = await monitorCall(manager, id, callId);
    expect(started.error, JSON.stringify(started.error)).to.equal(undefined);
    const monitor = started.data!;
    // Each track arrives on its own (over LiveKit the audio can come before any video): wait for
    // both participants, and for the video and the audio checked below.
    const both = await until(
      monitor.participants$,
      (list) =>
        list.length === 2 &&
        list.every((p) => p.stream.getTracks().length >= 1) &&
        list.some((p) => p.stream.getVideoTracks().length > 0) &&
        list.some((p) => p.stream.getAudioTracks().length > 0),
      20_000,
      'both participants’ media at the monitor',
    );
    const withVideo = both.filter((p) => p.stream.getVideoTracks().length > 0);
    expect(withVideo.length).to.be.greaterThan(0);
    for (const p of withVideo) expect(await framesAdvance(p.stream)).to.be.greaterThan(0);
    expect(both.some((p) => p.stream.getAudioTracks().length > 0)).to.equal(true);

    // The call goes on as before: each side receives the same tracks of the same peer (nothing of
    // the monitor), still connected, with pictures.
    expect(await received()).to.deep.equal(before);
    expect((await firstValueFrom(staffCall.phase$)).phase).to.equal('in-call');
    expect((await firstValueFrom(customerCall.phase$)).phase).to.equal('in-call');
    expect(await framesAdvance((await firstValueFrom(staffT.remoteStream$))!)).to.be.greaterThan(0);

    await monitor.stop();
    const { data: audit } = await manager.api.GET('/v1/sessions/{id}', { params: { path: { id } } });
    expect(audit?.status).to.equal('running');
  });

  it('a participant who joins after the monitoring began reaches the monitor too (P2P: offered when it greets the call)', async function () {
    this.timeout(120_000);
    const customer = await signedIn('customer');
    const agent = await signedIn('agent');
    const manager = await signedIn('manager');
    const { data: requested } = await customer.sessions.create({ reason: 'Watch the late one' });
    const id = requested!.id;
    expect((await agent.session(id).confirm()).error).to.equal(undefined);
    // The customer waits alone in the call; the manager starts watching.
    const customerCall = customer.call(id);
    expect((await customerCall.start()).error).to.equal(undefined);
    await until(customerCall.transport$, Boolean, 15_000, 'customer in the call');
    const callId = (await agent.session(id).refresh()).data!.calls[0]!.id;
    const started = await monitorCall(manager, id, callId);
    expect(started.error, JSON.stringify(started.error)).to.equal(undefined);
    const monitor = started.data!;
    await until(monitor.participants$, (list) => list.length === 1, 20_000, 'the customer at the monitor');
    // Then the agent joins: the monitor meets it too.
    const staffCall = agent.call(id);
    expect((await staffCall.start()).error).to.equal(undefined);
    await until(staffCall.phase$, inCall, 15_000, 'staff connected');
    const both = await until(
      monitor.participants$,
      (list) => list.length === 2 && list.every((p) => p.stream.getTracks().length >= 1),
      20_000,
      'the late participant’s media at the monitor',
    );
    const me = await firstValueFrom(agent.me$);
    expect(both.map((p) => p.participantId)).to.include(me?.participantId);
    await monitor.stop();
  });
});
