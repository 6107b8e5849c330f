import type { SightlineClient } from '@sightline/api-client';
import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CallStats, ConnectionState, MediaTransport } from '../call/media-transport';
import { reportCallQuality } from './call-reporting';

/** Manual timers: `tick(ms)` runs every due callback in order. */
function clock() {
  let t = 0;
  const timers = new Map<number, { fn: () => void; every: number; next: number }>();
  let id = 0;
  return {
    now: () => t,
    setInterval: (fn: () => void, ms: number) => {
      timers.set(++id, { fn, every: ms, next: t + ms });
      return id;
    },
    clearInterval: (h: unknown) => void timers.delete(h as number),
    async tick(ms: number) {
      const end = t + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, x]) => x.next <= end)
          .sort((a, b) => a[1].next - b[1].next)[0];
        if (!due) break;
        t = due[1].next;
        due[1].next += due[1].every;
        due[1].fn();
        await new Promise((r) => setTimeout(r, 0));
      }
      t = end;
    },
  };
}

describe('call quality reports (MC-9, MC-10) — stand-in transport and API', () => {
  it('a call shorter than one sampling interval, left after the other side went, still reports what it received', async () => {
    const c = clock();
    let stats: CallStats = {};
    const transport = {
      stats: async () => stats,
      connectionState$: new BehaviorSubject<ConnectionState>('connected'),
    } as unknown as MediaTransport;
    const sent: unknown[] = [];
    const api = {
      POST: async (_path: string, init: { body: unknown }) => {
        sent.push(init.body);
        return {};
      },
    } as unknown as SightlineClient;
    const reporter = reportCallQuality(api, 's1', 'c1', transport, 'livekit', c);
    await c.tick(300);
    stats = { framesDecoded: 12, bytesReceived: 40_000, framesPerSecond: 24 };
    await c.tick(200);
    await c.tick(2_000);
    // The other side has left: its tracks, and so the stats, are gone before this side finishes.
    stats = {};
    await reporter.finish();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      transport: 'livekit',
      samples: 1,
      framesDecoded: 12,
      bytesReceived: 40_000,
      firstFrameSeconds: 0.4,
      final: true,
    });
  });
});
