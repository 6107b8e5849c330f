import { expect } from '@open-wc/testing';
import { firstValueFrom } from 'rxjs';
import { destroyDemoSdks, signedIn } from '../testing/demo-sdk';
import { framesAdvance, until } from '../testing/media';

// Issue 13, VS-9: the camera and microphone open while the server is asked to start the call, in
// real Chromium (fake camera) against the reference server. The server's answer to
// `POST …/calls` is held back 400 ms by the page's fetch, so "before the answer" cannot be luck.

const realGetUserMedia = navigator.mediaDevices.getUserMedia;
afterEach(() => {
  navigator.mediaDevices.getUserMedia = realGetUserMedia;
  destroyDemoSdks();
});

const HELD_MS = 400;

/** One `getUserMedia` call of the page: what it asked for, when, and what it opened. */
interface Capture {
  constraints: MediaStreamConstraints;
  at: number;
  stream?: MediaStream;
}

/** Notes every capture the page makes (the SDK's and livekit-client's) until the test ends. */
function notingCaptures(refuse = false): Capture[] {
  const devices = navigator.mediaDevices;
  const captures: Capture[] = [];
  devices.getUserMedia = async (constraints = {}) => {
    const capture: Capture = { constraints, at: performance.now() };
    captures.push(capture);
    if (refuse) throw new DOMException('Permission denied', 'NotAllowedError');
    capture.stream = await realGetUserMedia.call(devices, constraints);
    return capture.stream;
  };
  return captures;
}

/** A fetch that answers `POST /v1/sessions/{id}/calls` HELD_MS late and notes when it answered. */
function holdingCallStart(answered: number[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    if (request.method === 'POST' && /\/v1\/sessions\/[^/]+\/calls$/.test(new URL(request.url).pathname)) {
      await new Promise((r) => setTimeout(r, HELD_MS));
      answered.push(performance.now());
    }
    return response;
  };
}

/** A confirmed session's call on `side`, whose start is answered late; when it was answered. */
async function confirmed(side: 'customer' | 'agent') {
  const answered: number[] = [];
  const customer = await signedIn(
    'customer',
    side === 'customer' ? { fetch: holdingCallStart(answered) } : {},
  );
  const agent = await signedIn('agent', side === 'agent' ? { fetch: holdingCallStart(answered) } : {});
  const { data } = await customer.sessions.create({ reason: 'Opened early' });
  expect((await agent.session(data!.id).confirm()).error).to.equal(undefined);
  return { call: (side === 'customer' ? customer : agent).call(data!.id), answered };
}

describe(`the devices open while the call starts (issue 13, ${window.SIGHTLINE_TEST_TRANSPORT})`, () => {
  it("VS-9: the customer's camera and microphone open before the server answers; once joined only the call's own tracks stay open", async function () {
    this.timeout(60_000);
    const { call, answered } = await confirmed('customer');
    const captures = notingCaptures();
    const started = await call.start();
    expect(started.error, JSON.stringify(started.error)).to.equal(undefined);
    const [first] = captures;
    expect(first, 'a capture').to.not.equal(undefined);
    expect(first!.at, 'opened before the answer').to.be.below(answered[0]!);
    expect(answered[0]! - first!.at).to.be.at.least(HELD_MS - 50);
    expect(first!.constraints.video, 'with the camera').to.not.equal(false);
    expect(first!.constraints.audio, 'with the microphone').to.not.equal(false);
    // The early capture is closed once the call has joined; the call's own camera sends frames.
    const early = first!.stream!.getTracks();
    expect(early.map((t) => t.kind).sort()).to.deep.equal(['audio', 'video']);
    await new Promise((r) => setTimeout(r, 0));
    expect(early.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
    const local = await until(
      (await firstValueFrom(call.transport$))!.localStream$,
      (s) => (s?.getVideoTracks().length ?? 0) > 0,
      15_000,
      "the call's camera",
    );
    expect(local!.getTracks().every((t) => t.readyState === 'live')).to.equal(true);
    expect(await framesAdvance(local!)).to.be.above(0);
  });

  it("VS-9: staff's early capture is the microphone only — their camera stays closed until they turn it on", async function () {
    this.timeout(60_000);
    const { call, answered } = await confirmed('agent');
    const captures = notingCaptures();
    expect((await call.start()).error).to.equal(undefined);
    const [first] = captures;
    expect(first!.at).to.be.below(answered[0]!);
    expect(first!.constraints.video).to.equal(false);
    expect(
      captures.every((c) => !c.constraints.video),
      'no capture with the camera',
    ).to.equal(true);
    expect(first!.stream!.getTracks().map((t) => t.kind)).to.deep.equal(['audio']);
  });

  it('VS-9: refused devices fail the start once, with the reason the call reports', async function () {
    this.timeout(60_000);
    const { call } = await confirmed('customer');
    notingCaptures(true);
    const started = await call.start();
    expect(started.error?.title).to.equal('Camera or microphone unavailable');
    expect(started.error?.code).to.equal('permission-denied');
    expect(await firstValueFrom(call.phase$)).to.deep.include({ phase: 'failed' });
    expect(await firstValueFrom(call.transport$)).to.equal(undefined);
  });
});
