// The SDK facade against the real reference server (in-process, embedded PostgreSQL): what an
// integrator scripting @sightline/core sees. Requests go through the app's own fetch handler.
import { createClient } from '@sightline/api-client';
import { createHttpSignaling, createSightline, type Sightline } from '@sightline/core';
import { createApp, DEMO, openDatabase, type SightlineApp, seedDemo, testConfig } from '@sightline/server';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: SightlineApp;
let close: () => Promise<void>;
const open: Sightline[] = [];

beforeAll(async () => {
  const handle = await openDatabase({});
  server = await createApp({ handle, config: testConfig({ authAttemptsPerMinute: 1000 }) });
  await seedDemo(handle);
  close = () => handle.close();
});

afterAll(async () => {
  // Let background list loads finish before the database closes under them.
  await Promise.all(
    open.map((s) =>
      firstValueFrom(s.sessions.loaded$.pipe(filter(Boolean), timeout(2000))).catch(() => undefined),
    ),
  );
  for (const s of open) s.destroy();
  server.stop();
  await close();
});

const connect = (options: { token?: string; accessCode?: string }) => {
  const s = createSightline({
    baseUrl: 'http://sightline.test',
    fetch: (input, init) => Promise.resolve(server.app.fetch(new Request(input, init))),
    ...options,
  });
  open.push(s);
  return s;
};

async function agent(): Promise<Sightline> {
  const s = connect({});
  const r = await s.signIn(DEMO.agentEmail, DEMO.password);
  expect(r.error).toBeUndefined();
  return s;
}

describe('createSightline', () => {
  it('VS-1: a customer with an access code requests a session and sees it as requested', async () => {
    const customer = connect({ accessCode: DEMO.accessCode });
    const me = await customer.ready;
    expect(me.data).toMatchObject({ kind: 'customer', deviceId: DEMO.deviceId });
    const created = await customer.sessions.create({ reason: 'Boiler shows E42' });
    expect(created.error).toBeUndefined();
    expect(created.data?.status).toBe('requested');
    const state = await firstValueFrom(customer.session(created.data!.id).state$);
    expect(state?.reason).toBe('Boiler shows E42');
  });

  it('VS-3, VS-4: staff see a new request live and confirm it; the customer sees the change live', async () => {
    const staff = await agent();
    const customer = connect({ accessCode: DEMO.accessCode });
    await customer.ready;
    await firstValueFrom(staff.realtime$.pipe(filter((s) => s === 'open')));
    await firstValueFrom(customer.realtime$.pipe(filter((s) => s === 'open')));

    const { data: requested } = await customer.sessions.create({ reason: 'Pressure drops at night' });
    const seen = await firstValueFrom(
      staff.sessions.list$.pipe(
        filter((list) => list.some((s) => s.id === requested!.id)),
        timeout(5000),
      ),
    );
    expect(seen.find((s) => s.id === requested!.id)?.status).toBe('requested');

    const controller = staff.session(requested!.id);
    expect(await firstValueFrom(controller.actions$.pipe(filter((a) => a.size > 0)))).toContain('confirm');
    const confirmed = await controller.confirm();
    expect(confirmed.data?.status).toBe('confirmed');

    const live = await firstValueFrom(
      customer.session(requested!.id).state$.pipe(
        filter((s) => s?.status === 'confirmed'),
        timeout(5000),
      ),
    );
    expect(live?.version).toBeGreaterThan(requested!.version);
  });

  it('VS-6: a refused transition comes back as a 409 problem value and changes nothing', async () => {
    const staff = await agent();
    const { data: s } = await staff.sessions.create({ deviceId: DEMO.deviceId, reason: 'Direct session' });
    expect(s?.status).toBe('confirmed');
    const r = await staff.session(s!.id).reopen();
    expect(r.error?.status).toBe(409);
    expect(r.error?.detail).toBeTruthy();
    const again = await staff.session(s!.id).refresh();
    expect(again.data?.status).toBe('confirmed');
    expect(again.data?.version).toBe(s!.version);
  });

  it('VS-6: the customer may cancel their request but never confirm it (allowed actions from the shared rules)', async () => {
    const customer = connect({ accessCode: DEMO.accessCode });
    await customer.ready;
    const { data: s } = await customer.sessions.create({ reason: 'Noise' });
    const actions = await firstValueFrom(customer.session(s!.id).actions$.pipe(filter((a) => a.size > 0)));
    expect([...actions].sort()).toEqual(['cancel']);
    const refused = await customer.session(s!.id).confirm();
    expect(refused.error?.status).toBe(403);
    const cancelled = await customer.session(s!.id).cancel('Fixed it myself');
    expect(cancelled.data?.status).toBe('cancelled');
  });

  it('a wrong access code or password is a problem value, and the SDK stays signed out', async () => {
    const bad = connect({ accessCode: 'NOPE-0000' });
    const r = await bad.ready;
    expect(r.error?.status).toBe(401);
    expect(await firstValueFrom(bad.auth$)).toMatchObject({ status: 'failed' });
    const s = connect({});
    const login = await s.signIn(DEMO.agentEmail, 'wrong-password');
    expect(login.error?.status).toBe(401);
    expect(s.token).toBeUndefined();
  });

  it('validation errors from the server arrive as a problem with per-field errors', async () => {
    const customer = connect({ accessCode: DEMO.accessCode });
    await customer.ready;
    const r = await customer.sessions.create({ reason: '' });
    expect(r.error?.status).toBe(400);
    expect(r.error?.errors?.some((e) => e.path.includes('reason'))).toBe(true);
  });

  it('a network failure is a problem value, not an exception', async () => {
    const s = createSightline({
      baseUrl: 'http://127.0.0.1:9',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      realtime: false,
    });
    const r = await s.signIn(DEMO.agentEmail, DEMO.password);
    expect(r.error?.status).toBe(503);
    expect(r.error?.type).toContain('network');
    s.destroy();
  });
});

describe('P2P signaling over HTTP after a hang-up (issue 16)', () => {
  it('a call ended by the other side is not a signaling error, and no more signals are sent', async () => {
    const customer = connect({ accessCode: DEMO.accessCode });
    await customer.ready;
    const created = await customer.sessions.create({ reason: 'Hang-up while signalling' });
    const id = created.data!.id;
    const staff = await agent();
    expect((await staff.session(id).confirm()).error).toBeUndefined();
    const started = await staff.api.POST('/v1/sessions/{id}/calls', { params: { path: { id } } });
    expect(started.error).toBeUndefined();
    const { call, media } = started.data!;
    if (media.transport !== 'p2p') throw new Error('the demo portal calls peer to peer');

    const posts: string[] = [];
    const signaling = createHttpSignaling({
      api: createClient({
        baseUrl: 'http://sightline.test',
        getToken: () => customer.token,
        fetch: (request) => {
          if (request.method === 'POST') posts.push(new URL(request.url).pathname);
          return Promise.resolve(server.app.fetch(request));
        },
      }),
      sessionId: id,
      callId: call.id,
      url: media.signalingUrl,
      getToken: () => customer.token,
      fetch: (input, init) => Promise.resolve(server.app.fetch(new Request(input, init))),
    });
    const errors: string[] = [];
    signaling.errors$.subscribe((e) => errors.push(e.message));
    const hello = { payload: { kind: 'hello', incarnation: 'tab-1' } } as never;
    await signaling.send(hello);
    expect(posts).toHaveLength(1);

    // Staff hang up; the customer's side still has a candidate queued.
    expect((await staff.session(id).endCall(call.id)).error).toBeUndefined();
    await signaling.send(hello);
    await signaling.send(hello);
    expect(posts).toHaveLength(2); // the first one after the end learns it; the next is not sent
    expect(errors).toEqual([]);
    signaling.close();
  });
});
