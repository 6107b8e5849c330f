// The SDK across token expiry (issue "Hardening", item 5), against the real server in-process with
// 3-second tokens: it refreshes before expiry, its API calls keep working, and its event stream ends
// at each token's expiry and resumes with Last-Event-ID — a request made meanwhile still arrives.
import { createSightline, type Sightline } from '@sightline/core';
import { createApp, DEMO, openDatabase, type SightlineApp, seedDemo, testConfig } from '@sightline/server';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterAll, beforeAll, expect, it } from 'vitest';

let server: SightlineApp;
let close: () => Promise<void>;
const open: Sightline[] = [];

beforeAll(async () => {
  const handle = await openDatabase({});
  server = await createApp({
    handle,
    config: testConfig({ authAttemptsPerMinute: 1000, tokenTtlSeconds: 3, customerTokenTtlSeconds: 3 }),
  });
  await seedDemo(handle);
  close = () => handle.close();
});

afterAll(async () => {
  for (const s of open) s.destroy();
  server.stop();
  // Let requests the SDKs had in flight finish before the database closes under them.
  await new Promise((r) => setTimeout(r, 300));
  await close();
});

const connect = (options: { accessCode?: string }) => {
  const s = createSightline({
    baseUrl: 'http://sightline.test',
    fetch: (input, init) => Promise.resolve(server.app.fetch(new Request(input, init))),
    ...options,
  });
  open.push(s);
  return s;
};

it('keeps a signed-in SDK working past its first token: refreshed calls, and the stream resumes with nothing lost', async () => {
  const staff = connect({});
  expect((await staff.signIn(DEMO.agentEmail, DEMO.password)).error).toBeUndefined();
  const first = staff.token;
  const customer = connect({ accessCode: DEMO.accessCode });
  await customer.ready;
  await firstValueFrom(staff.realtime$.pipe(filter((s) => s === 'open')));

  // Well past the first tokens' expiry (3 s) on both sides.
  await new Promise((r) => setTimeout(r, 4_500));
  expect(staff.token).not.toBe(first);
  const me = await staff.api.GET('/v1/me');
  expect(me.response.status).toBe(200);
  const firstToken = await server.app.fetch(
    new Request('http://sightline.test/v1/me', { headers: { authorization: `Bearer ${first}` } }),
  );
  expect(firstToken.status).toBe(401);

  const { data: requested, error } = await customer.sessions.create({ reason: 'After the first token' });
  expect(error).toBeUndefined();
  const seen = await firstValueFrom(
    staff.sessions.list$.pipe(
      filter((list) => list.some((s) => s.id === requested!.id)),
      timeout(5_000),
    ),
  );
  expect(seen.find((s) => s.id === requested!.id)?.reason).toBe('After the first token');
}, 20_000);
