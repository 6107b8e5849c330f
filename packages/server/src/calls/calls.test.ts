import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type ParsedEvent, readEvents as readAll } from '../testing/sse.js';

/** Only the signals (events with an id), not the stream's `ready` event. */
async function readEvents(res: Response, enough: (e: ParsedEvent[]) => boolean, timeoutMs?: number) {
  const signalsOnly = (e: ParsedEvent[]) => e.filter((x) => x.id !== undefined);
  const { events } = await readAll(res, (e) => enough(signalsOnly(e)), timeoutMs);
  return { events: signalsOnly(events) };
}

import { liveKitToken } from './livekit.js';

type Join = {
  call: { id: string };
  media: { transport: string; participantId: string; signalingUrl?: string; token?: string; url?: string };
};

forEachBackend('calls and peer-to-peer signaling (VS-8, VS-9)', (backend) => {
  let server: TestServer;
  let agent: string;
  let customer: string;
  let sessionId: string;
  let started: Join;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
    const res = await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'call' },
    });
    sessionId = ((await res.json()) as { id: string }).id;
    started = (await (
      await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: customer })
    ).json()) as Join;
  });

  const signals = (_token: string) => `/v1/sessions/${sessionId}/calls/${started.call.id}/signals`;

  it('returns p2p media with a signaling URL and a stable opaque participant id', async () => {
    expect(started.media.transport).toBe('p2p');
    expect(started.media.signalingUrl).toContain(`/calls/${started.call.id}/signals`);
    const joined = (await (
      await server.call('POST', `/v1/sessions/${sessionId}/calls/${started.call.id}/join`, {
        token: customer,
      })
    ).json()) as Join;
    expect(joined.media.participantId).toBe(started.media.participantId);
    expect(started.media.participantId).not.toContain(FIXTURE.deviceId);
  });

  it('GET /v1/me tells staff and customers that calls here are peer to peer, before any call starts (issue 13)', async () => {
    for (const token of [agent, customer]) {
      const me = (await (await server.call('GET', '/v1/me', { token })).json()) as { callTransport: string };
      expect(me.callTransport).toBe('p2p');
    }
  });

  it('relays signals to the other participants, with the sender’s id, and not back to the sender', async () => {
    const agentJoin = (await (
      await server.call('POST', `/v1/sessions/${sessionId}/calls/${started.call.id}/join`, { token: agent })
    ).json()) as Join;
    const sent = await server.call('POST', signals(customer), {
      token: customer,
      body: { payload: { type: 'offer', sdp: 'v=0' } },
    });
    expect(sent.status).toBe(202);
    await server.call('POST', signals(agent), {
      token: agent,
      body: { to: started.media.participantId, payload: { type: 'answer', sdp: 'v=0' } },
    });
    const atAgent = await readEvents(
      await server.call('GET', signals(agent), { token: agent }),
      (e) => e.length >= 1,
      600,
    );
    const atCustomer = await readEvents(
      await server.call('GET', signals(customer), { token: customer }),
      (e) => e.length >= 1,
      600,
    );
    expect(atAgent.events.map((e) => JSON.parse(e.data))).toEqual([
      expect.objectContaining({
        from: started.media.participantId,
        to: null,
        payload: { type: 'offer', sdp: 'v=0' },
      }),
    ]);
    expect(atCustomer.events.map((e) => JSON.parse(e.data))).toEqual([
      expect.objectContaining({
        from: agentJoin.media.participantId,
        payload: { type: 'answer', sdp: 'v=0' },
      }),
    ]);
  });

  it('resumes the signal stream from Last-Event-ID', async () => {
    for (const n of [1, 2, 3])
      await server.call('POST', signals(customer), { token: customer, body: { payload: { n } } });
    const first = await readEvents(
      await server.call('GET', signals(agent), { token: agent }),
      (e) => e.length >= 1,
    );
    const rest = await readEvents(
      await server.call('GET', signals(agent), {
        token: agent,
        headers: { 'last-event-id': first.events[0]!.id! },
      }),
      (e) => e.length >= 2,
    );
    expect([...first.events, ...rest.events].map((e) => JSON.parse(e.data).payload.n)).toEqual([1, 2, 3]);
  });

  it('limits payloads, rejects unknown fields and closes with the call', async () => {
    const big = await server.call('POST', signals(customer), {
      token: customer,
      body: { payload: 'x'.repeat(20_000) },
    });
    expect(big.status).toBe(413);
    const extra = await server.call('POST', signals(customer), {
      token: customer,
      body: { payload: 1, from: 'spoof' },
    });
    expect(extra.status).toBe(400);
    const missing = await server.call('POST', signals(customer), { token: customer, body: {} });
    expect(missing.status).toBe(400);
    await server.call('POST', `/v1/sessions/${sessionId}/calls/${started.call.id}/end`, { token: agent });
    const late = await server.call('POST', signals(customer), { token: customer, body: { payload: 1 } });
    expect(late.status).toBe(409);
  });
});

describe('LiveKit credentials', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite', {
      livekit: {
        url: 'wss://livekit.example',
        apiKey: 'APIkey',
        apiSecret: 'secret-secret-secret-secret-secret',
      },
    });
  });
  afterAll(async () => server.close());

  it('mints a token per participant: room = call id, opaque identity, publish grants', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    const { id } = (await (
      await server.call('POST', '/v1/sessions', {
        token: agent,
        body: { deviceId: FIXTURE.deviceId, reason: 'x' },
      })
    ).json()) as { id: string };
    const res = (await (
      await server.call('POST', `/v1/sessions/${id}/calls`, { token: agent })
    ).json()) as Join;
    expect(res.media).toMatchObject({ transport: 'livekit', url: 'wss://livekit.example' });
    const claims = decodeJwt(res.media.token!) as { sub?: string; video?: Record<string, unknown> };
    expect(claims.sub).toBe(res.media.participantId);
    expect(JSON.stringify(claims)).not.toMatch(/@|agent|Demo/);
    expect(claims.video).toMatchObject({
      room: res.call.id,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
  });

  it('GET /v1/me says calls go through LiveKit, for staff and customers alike, as the call then does (issue 13)', async () => {
    const staffMe = await server.call('GET', '/v1/me', { token: await server.login(FIXTURE.agentEmail) });
    const customerMe = await server.call('GET', '/v1/me', {
      token: await server.customer(FIXTURE.accessCode),
    });
    for (const res of [staffMe, customerMe])
      expect(((await res.json()) as { callTransport: string }).callTransport).toBe('livekit');
  });

  it('a hidden monitor token may only subscribe (MC-8, reserved)', async () => {
    const token = await liveKitToken(
      { url: 'wss://x', apiKey: 'k', apiSecret: 'secret-secret-secret-secret-secret' },
      'call-1',
      'p_x',
      { hidden: true },
    );
    expect((decodeJwt(token) as { video?: unknown }).video).toMatchObject({
      hidden: true,
      canPublish: false,
      canPublishData: false,
      canSubscribe: true,
    });
  });
});
