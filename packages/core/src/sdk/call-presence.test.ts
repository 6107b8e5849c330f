import type { SightlineClient } from '@sightline/api-client';
import { describe, expect, it } from 'vitest';
import { type CallPresenceView, keepPresence } from './call-presence';

/** A stand-in for the API (the server's side is tested against the real server). */
function stubApi(answers: ({ status: number; data?: unknown } | Error)[]) {
  const sent: { present: boolean; keepalive?: boolean }[] = [];
  const api = {
    POST: async (_path: string, init: { body: { present: boolean }; keepalive?: boolean }) => {
      sent.push({ present: init.body.present, ...(init.keepalive ? { keepalive: true } : {}) });
      const next = answers.shift() ?? { status: 200, data: answer(1_000) };
      if (next instanceof Error) throw next;
      return { data: next.data, response: { status: next.status } };
    },
  } as unknown as SightlineClient;
  return { api, sent };
}

const answer = (heartbeatMs: number, endsInMs?: number) => ({
  callId: 'c',
  heartbeatMs,
  timeoutMs: 3_500,
  graceMs: 60_000,
  participants: [
    { participantId: 'me', role: 'staff', present: true },
    { participantId: 'them', role: 'customer', present: endsInMs === undefined },
  ],
  ...(endsInMs === undefined ? {} : { endsInMs }),
});

function timers() {
  const queue: { fn: () => void; ms: number }[] = [];
  return {
    setTimeout: (fn: () => void, ms: number) => queue.push({ fn, ms }),
    clearTimeout: () => queue.splice(0),
    async next() {
      const t = queue.shift();
      t?.fn();
      await new Promise((r) => setTimeout(r, 0));
      return t?.ms;
    },
    get pending() {
      return queue.length;
    },
  };
}

describe('keeping presence in a call (VS-9) — stand-in API', () => {
  it('beats at the server’s pace, shows the others (not itself) with the countdown, and says "left" when leaving', async () => {
    const { api, sent } = stubApi([
      { status: 200, data: answer(1_500) },
      { status: 200, data: answer(1_500, 42_000) },
    ]);
    const t = timers();
    const views: CallPresenceView[] = [];
    const page = new EventTarget() as unknown as Window;
    const keeper = keepPresence(api, 's', 'c', 'me', {
      onView: (v) => views.push(v),
      onEnded() {},
      page,
      ...t,
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(views[0]?.others).toEqual([{ participantId: 'them', role: 'customer', present: true }]);
    expect(await t.next()).toBe(1_500);
    expect(views[1]?.others[0]?.present).toBe(false);
    expect(views[1]?.endsAt).toBeGreaterThan(Date.now() + 41_000);
    // The tab closes: "left" goes with a request that outlives the page.
    page.dispatchEvent(new Event('pagehide'));
    expect(sent.at(-1)).toEqual({ present: false, keepalive: true });
    await keeper.leave();
    expect(sent.at(-1)).toEqual({ present: false });
    expect(t.pending).toBe(0);
  });

  it('an ended call stops the beats and tells; a lost beat is followed by the next', async () => {
    const { api } = stubApi([new Error('offline'), { status: 409 }]);
    const t = timers();
    let ended = 0;
    keepPresence(api, 's', 'c', 'me', {
      onView() {},
      onEnded: () => ended++,
      page: new EventTarget() as unknown as Window,
      ...t,
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(t.pending).toBe(1);
    await t.next();
    expect(ended).toBe(1);
    expect(t.pending).toBe(0);
  });

  it('"left" waits for a beat still on its way — a beat the server took after it would count this side present again', async () => {
    const order: string[] = [];
    let answerBeat: (v: unknown) => void = () => {};
    const api = {
      POST: (_path: string, init: { body: { present: boolean } }) => {
        order.push(`sent ${init.body.present}`);
        if (!init.body.present) return Promise.resolve({ data: undefined, response: { status: 200 } });
        return new Promise((resolve) => {
          answerBeat = (v) => {
            order.push('beat answered');
            resolve(v);
          };
        });
      },
    } as unknown as SightlineClient;
    const keeper = keepPresence(api, 's', 'c', 'me', {
      onView() {},
      onEnded() {},
      page: new EventTarget() as unknown as Window,
      ...timers(),
    });
    const leaving = keeper.leave();
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['sent true']);
    answerBeat({ data: answer(1_000), response: { status: 200 } });
    await leaving;
    expect(order).toEqual(['sent true', 'beat answered', 'sent false']);
  });
});
