import { describe, expect, it } from 'vitest';
import { generateSequence, iou, truthBox } from './testing/sequence.js';
import { createTrackingWorker, type TrackingWorkerPort } from './tracking-client.js';
import { createTrackingHost } from './tracking-host.js';
import type { FromWorker, MarkerUpdate, ToWorker } from './worker-messages.js';

/** A worker stand-in: the host runs in-process, replies are delivered when `flush` is called. */
function fakeWorker() {
  const listeners: ((event: { data: unknown }) => void)[] = [];
  const outbox: FromWorker[] = [];
  const sent: ToWorker[] = [];
  const host = createTrackingHost((m) => outbox.push(m));
  const worker: TrackingWorkerPort = {
    postMessage(message) {
      sent.push(message);
      host.handle(message);
    },
    addEventListener: (_type, listener) => listeners.push(listener),
    terminate() {},
  };
  const flush = () => {
    for (const data of outbox.splice(0)) for (const l of listeners) l({ data });
  };
  const deliver = (data: unknown) => {
    for (const l of listeners) l({ data });
  };
  return { worker, flush, deliver, sent, host, outbox };
}

describe('createTrackingWorker with the tracking host', () => {
  it('tracks a marker on a moving item and reports it per frame', () => {
    const fake = fakeWorker();
    const tracking = createTrackingWorker({ worker: () => fake.worker });
    const updates: MarkerUpdate[] = [];
    tracking.onResult((u) => updates.push(u));
    const seq = generateSequence('translation', { width: 320, height: 180, frames: 40, seed: 5 });
    tracking.track('valve', seq.initBox);
    let good = 0;
    for (let i = 0; i < seq.length; i++) {
      const { frame, truth } = seq.frame(i);
      expect(tracking.push(frame)).toBe(true);
      fake.flush();
      const last = updates.at(-1)!;
      expect(last.markerId).toBe('valve');
      if (last.status === 'tracking' && iou(last.box, truthBox(truth, seq.width, seq.height)) > 0.5) good++;
    }
    expect(updates).toHaveLength(seq.length);
    expect(good / seq.length).toBeGreaterThan(0.9);
  });

  it('drops frames while the worker has not answered, instead of queueing them', () => {
    const fake = fakeWorker();
    const tracking = createTrackingWorker({ worker: () => fake.worker });
    const frame = () => ({ width: 32, height: 32, data: new Uint8Array(1024) });
    expect(tracking.push(frame())).toBe(true);
    expect(tracking.busy()).toBe(true);
    expect(tracking.push(frame())).toBe(false);
    expect(fake.sent.filter((m) => m.type === 'frame')).toHaveLength(1);
    fake.flush();
    expect(tracking.busy()).toBe(false);
    expect(tracking.push(frame())).toBe(true);
  });

  it('transfers the frame buffer to the worker', () => {
    const transfers: Transferable[][] = [];
    const fake = fakeWorker();
    const tracking = createTrackingWorker({
      worker: () => ({ ...fake.worker, postMessage: (_message, transfer) => transfers.push(transfer) }),
    });
    const data = new Uint8Array(64);
    tracking.push({ width: 8, height: 8, data });
    expect(transfers[0]).toEqual([data.buffer]);
  });

  it('stops reporting a removed marker', () => {
    const fake = fakeWorker();
    const tracking = createTrackingWorker({ worker: () => fake.worker });
    const updates: MarkerUpdate[] = [];
    tracking.onResult((u) => updates.push(u));
    const seq = generateSequence('translation', { width: 160, height: 90, frames: 4 });
    tracking.track('a', seq.initBox);
    tracking.push(seq.frame(0).frame);
    fake.flush();
    tracking.remove('a');
    tracking.push(seq.frame(1).frame);
    fake.flush();
    expect(updates.map((u) => u.markerId)).toEqual(['a']);
  });

  it('reports a marker whose box is unusable as rejected', () => {
    const fake = fakeWorker();
    const tracking = createTrackingWorker({ worker: () => fake.worker });
    const codes: string[] = [];
    tracking.rejections$.subscribe((r) => codes.push(`${r.markerId}:${r.code}`));
    tracking.track('tiny', { x: 0.5, y: 0.5, width: 0.001, height: 0.001 });
    tracking.push({ width: 64, height: 64, data: new Uint8Array(4096) });
    fake.flush();
    expect(codes).toEqual(['tiny:invalid-box']);
  });

  it('ignores messages from the worker that do not match the protocol', () => {
    const fake = fakeWorker();
    const tracking = createTrackingWorker({ worker: () => fake.worker });
    const updates: MarkerUpdate[] = [];
    tracking.onResult((u) => updates.push(u));
    fake.deliver({ type: 'results', frameId: 1, updates: [{ markerId: 'x', box: 'nope' }] });
    fake.deliver('hello');
    expect(updates).toEqual([]);
  });
});

describe('createTrackingHost', () => {
  it('rejects messages that are not part of the protocol', () => {
    const posted: FromWorker[] = [];
    const host = createTrackingHost((m) => posted.push(m));
    host.handle({ type: 'track', markerId: 'm', box: { x: 0, y: 0, width: -1, height: 1 } });
    host.handle({ type: 'frame', frameId: 1, width: 10, height: 10, format: 'gray', data: 'not a buffer' });
    expect(posted.map((p) => p.type === 'rejected' && p.code)).toEqual([
      'invalid-message',
      'invalid-message',
    ]);
  });

  it('converts RGBA frames to gray before tracking', () => {
    const posted: FromWorker[] = [];
    const host = createTrackingHost((m) => posted.push(m));
    const seq = generateSequence('translation', { width: 160, height: 90, frames: 3 });
    const toRgba = (gray: Uint8Array) => {
      const rgba = new Uint8Array(gray.length * 4);
      for (let i = 0; i < gray.length; i++) rgba.set([gray[i]!, gray[i]!, gray[i]!, 255], i * 4);
      return rgba.buffer;
    };
    host.handle({ type: 'track', markerId: 'm', box: seq.initBox });
    for (let i = 0; i < 3; i++) {
      const { frame } = seq.frame(i);
      host.handle({
        type: 'frame',
        frameId: i,
        width: 160,
        height: 90,
        format: 'rgba',
        data: toRgba(frame.data),
      });
    }
    const last = posted.at(-1);
    expect(last?.type === 'results' && last.updates[0]?.status).toBe('tracking');
  });
});
