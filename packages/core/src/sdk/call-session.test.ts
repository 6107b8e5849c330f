import type { SightlineClient } from '@sightline/api-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionController } from './session-controller';

// When livekit-client loads, as seen from outside: the module stand-in counts its evaluations
// (livekit-client itself is a browser library; the real call runs in call-session.browser.test.ts).
const loads = { count: 0 };

/** The module afresh, with livekit-client not loaded yet (a stand-in that counts its loads). */
async function fresh() {
  vi.resetModules();
  vi.doMock('livekit-client', () => {
    loads.count += 1;
    return {};
  });
  return import('./call-session');
}

/** A start whose `POST …/calls` is still on its way: nothing of the call has been answered yet. */
async function startPending(callTransport: 'p2p' | 'livekit' | undefined) {
  let answer!: (r: unknown) => void;
  const api = {
    POST: () =>
      new Promise((resolve) => {
        answer = resolve;
      }),
  } as unknown as SightlineClient;
  const { createCallSession } = await fresh();
  const call = createCallSession('s1', {
    api,
    baseUrl: 'http://localhost',
    controller: {} as SessionController,
    role: () => 'customer',
    getToken: () => 't',
    callTransport: () => callTransport,
  });
  const started = call.start();
  const refuse = () =>
    answer({
      error: { type: 'about:blank', title: 'No', status: 409 },
      response: new Response(null, { status: 409 }),
    });
  return { started, refuse };
}

afterEach(() => {
  loads.count = 0;
  vi.doUnmock('livekit-client');
  vi.doUnmock('../call/call-phase');
  vi.doUnmock('../call/livekit-transport');
  vi.resetModules();
});

describe('createCallSession: the media code of the deployment’s transport (issue 13)', () => {
  it('loads livekit-client while POST …/calls is on its way when calls here go through LiveKit', async () => {
    const { started, refuse } = await startPending('livekit');
    await vi.waitFor(() => expect(loads.count).toBe(1));
    refuse();
    expect((await started).error?.status).toBe(409);
  });

  it('never loads it for a peer-to-peer deployment, or before the caller’s Me says which', async () => {
    for (const transport of ['p2p', undefined] as const) {
      const { started, refuse } = await startPending(transport);
      await new Promise((r) => setTimeout(r, 50));
      refuse();
      await started;
    }
    expect(loads.count).toBe(0);
  });

  it('preloadCallCode (what Sightline.preloadCall runs when a page offers Start call) loads it only for LiveKit', async () => {
    const { preloadCallCode } = await fresh();
    preloadCallCode('p2p');
    preloadCallCode(undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(loads.count).toBe(0);
    preloadCallCode('livekit');
    await vi.waitFor(() => expect(loads.count).toBe(1));
  });

  it('preloadCallCode also loads the call phase machine (a start awaits it before it asks the server), and for LiveKit its transport', async () => {
    const phaseLoads = { count: 0 };
    const transportLoads = { count: 0 };
    vi.resetModules();
    vi.doMock('../call/call-phase', () => {
      phaseLoads.count += 1;
      return {};
    });
    vi.doMock('../call/livekit-transport', () => {
      transportLoads.count += 1;
      return {};
    });
    const { preloadCallCode } = await import('./call-session');
    preloadCallCode('p2p');
    await vi.waitFor(() => expect(phaseLoads.count).toBe(1));
    expect(transportLoads.count).toBe(0);
    preloadCallCode('livekit');
    await vi.waitFor(() => expect(transportLoads.count).toBe(1));
  });
});

describe('createCallSession: overlapping starts (VS-8)', () => {
  it('shares a start under way: one POST …/calls, and both starts get its answer', async () => {
    const { createCallSession } = await fresh();
    let posts = 0;
    let answer!: (r: unknown) => void;
    const api = {
      POST: () => {
        posts += 1;
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
    } as unknown as SightlineClient;
    const call = createCallSession('s1', {
      api,
      baseUrl: 'http://localhost',
      controller: {} as SessionController,
      role: () => 'staff',
      getToken: () => 't',
    });
    // A host starts the call when its Start button is pressed; the call element it then shows starts it too.
    const byHost = call.start();
    const byElement = call.start();
    await vi.waitFor(() => expect(posts).toBe(1));
    answer({
      error: { type: 'about:blank', title: 'Ended meanwhile', status: 409 },
      response: new Response(null, { status: 409 }),
    });
    const [host, element] = await Promise.all([byHost, byElement]);
    expect(host).toBe(element);
    expect(host.error?.title).toBe('Ended meanwhile');
    expect(posts).toBe(1);
    // Once settled, a new start asks the server again.
    const again = call.start();
    await vi.waitFor(() => expect(posts).toBe(2));
    answer({
      error: { type: 'about:blank', title: 'No', status: 409 },
      response: new Response(null, { status: 409 }),
    });
    await again;
  });
});
