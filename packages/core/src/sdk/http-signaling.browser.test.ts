import { expect } from '@open-wc/testing';
import type { components } from '@sightline/api-client';
import { firstValueFrom } from 'rxjs';
import type { CallError } from '../call/call-error';
import { until } from '../testing/media';
import { createHttpSignaling } from './http-signaling';
import { createSightline, type Sightline } from './sightline';

// The call's signal stream in real Chromium against the real reference server, when the browser
// has no connection left for it: HTTP/1.1 allows six per origin, shared by every tab, and a
// seventh stream waits for one to close. The call must say so instead of connecting forever.

type P2PMedia = Extract<components['schemas']['CallJoin']['media'], { transport: 'p2p' }>;

declare global {
  interface Window {
    SIGHTLINE_TEST_SERVER: string;
  }
}

const open: Sightline[] = [];
const hogs: AbortController[] = [];
afterEach(() => {
  for (const h of hogs.splice(0)) h.abort();
  for (const s of open.splice(0)) s.destroy();
});

async function signedIn(who: 'customer' | 'agent'): Promise<Sightline> {
  const baseUrl = window.SIGHTLINE_TEST_SERVER;
  // No realtime stream of its own: this test counts the connections it holds.
  const s = createSightline(
    who === 'customer' ? { baseUrl, accessCode: 'DEMO-0001', realtime: false } : { baseUrl, realtime: false },
  );
  open.push(s);
  const r = who === 'customer' ? await s.ready : await s.signIn('agent@demo.test', 'demo-password');
  expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
  return s;
}

/** A customer's request the agent confirmed, and both SDK instances. */
async function confirmed(reason: string) {
  const customer = await signedIn('customer');
  const agent = await signedIn('agent');
  const { data: requested } = await customer.sessions.create({ reason });
  const id = requested!.id;
  expect((await agent.session(id).confirm()).error).to.equal(undefined);
  return { customer, agent, id };
}

/** Holds one of the browser's connections to `origin`: an event stream that is never read. */
async function hogConnection(origin: string, token: string): Promise<void> {
  const abort = new AbortController();
  hogs.push(abort);
  const response = await fetch(`${origin}/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  expect(response.status).to.equal(200);
}

describe('the call’s signal stream with every connection to the server taken (VS-9)', () => {
  it('reports signaling-blocked, then opens and delivers the other side’s signals once a connection is free', async function () {
    this.timeout(60_000);
    const { customer, agent, id } = await confirmed('Too many tabs');
    const { data: joined } = await agent.api.POST('/v1/sessions/{id}/calls', { params: { path: { id } } });
    const callId = joined!.call.id;
    const { data: customerJoin } = await customer.api.POST('/v1/sessions/{id}/calls/{callId}/join', {
      params: { path: { id, callId } },
    });
    expect(customerJoin?.media.transport).to.equal('p2p');
    const media = customerJoin!.media as P2PMedia;

    // Six streams that are never read take every connection HTTP/1.1 allows to the signal stream's
    // origin (the server's public URL).
    const url = new URL(media.signalingUrl, customer.baseUrl);
    for (let n = 0; n < 6; n++) await hogConnection(url.origin, agent.token!);
    const signaling = createHttpSignaling({
      api: customer.api,
      sessionId: id,
      callId,
      url: url.toString(),
      getToken: () => customer.token,
      openTimeoutMs: 1_500,
    });
    const errors: CallError[] = [];
    signaling.errors$.subscribe((e) => errors.push(e));
    const blocked = await until(signaling.errors$, (e) => e.code === 'signaling-blocked', 5_000, 'blocked');
    expect(blocked.message).to.match(/Signal stream not open/);
    expect(await firstValueFrom(signaling.status$)).to.equal('connecting');

    // A tab closes: the stream opens and the other side's signal arrives.
    for (const h of hogs.splice(0)) h.abort();
    await until(signaling.status$, (s) => s === 'open', 10_000, 'the stream open');
    const hello = { kind: 'hello', instance: 'a'.repeat(32) };
    const sent = await agent.api.POST('/v1/sessions/{id}/calls/{callId}/signals', {
      params: { path: { id, callId } },
      body: { payload: hello },
    });
    expect(sent.error).to.equal(undefined);
    const message = await until(signaling.messages$, () => true, 10_000, 'the agent’s hello');
    expect(message.payload).to.deep.include(hello);
    expect(errors.map((e) => e.code)).to.deep.equal(['signaling-blocked']);
    signaling.close();
  });

  it('says nothing when the stream opens in time', async function () {
    this.timeout(30_000);
    const { customer, id } = await confirmed('One tab');
    const { data: joined } = await customer.api.POST('/v1/sessions/{id}/calls', { params: { path: { id } } });
    const media = joined!.media as P2PMedia;
    const signaling = createHttpSignaling({
      api: customer.api,
      sessionId: id,
      callId: joined!.call.id,
      url: new URL(media.signalingUrl, customer.baseUrl).toString(),
      getToken: () => customer.token,
      openTimeoutMs: 1_500,
    });
    const errors: CallError[] = [];
    signaling.errors$.subscribe((e) => errors.push(e));
    await until(signaling.status$, (s) => s === 'open', 10_000, 'the stream open');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(errors).to.deep.equal([]);
    signaling.close();
  });
});
