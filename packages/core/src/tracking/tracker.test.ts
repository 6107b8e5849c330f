import { describe, expect, it } from 'vitest';
import { generateSequence, iou, type SequenceKind, truthBox } from './testing/sequence.js';
import { createTracker } from './tracker.js';
import { clampBox, type TrackResult } from './types.js';

// Half the benchmark's resolution (the worker tracks on ~320 px wide frames) keeps the suite fast.
const size = { width: 320, height: 180, frames: 80 };

function run(kind: SequenceKind, seed = 3) {
  const seq = generateSequence(kind, { ...size, seed });
  const tracker = createTracker();
  const started = tracker.init(seq.frame(0).frame, seq.initBox);
  expect(started.ok).toBe(true);
  const steps: { result: TrackResult; overlap: number; visible: number }[] = [];
  for (let i = 1; i < seq.length; i++) {
    const { frame, truth } = seq.frame(i);
    const result = tracker.update(frame);
    steps.push({
      result,
      overlap: iou(result.box, truthBox(truth, seq.width, seq.height)),
      visible: truth.visible,
    });
  }
  return { seq, steps };
}

const successRate = (steps: ReturnType<typeof run>['steps']) =>
  steps.filter((s) => s.result.status === 'tracking' && s.overlap > 0.5).length / steps.length;

describe('createTracker on synthetic sequences', () => {
  it.each(['translation', 'rotation', 'scale', 'noise', 'low-light'] as const)(
    'keeps IoU > 0.5 on at least 90 percent of the frames of a %s sequence',
    (kind) => {
      const { steps } = run(kind);
      expect(successRate(steps)).toBeGreaterThanOrEqual(0.9);
    },
  );

  it('follows the rotation angle of a rotating item', () => {
    const { seq, steps } = run('rotation');
    const last = steps.at(-1)!;
    const truth = seq.frame(seq.length - 1).truth;
    // Half a turn in 80 frames on a 40 px item: the angle may lag by a few percent, never more than 10 %.
    expect(Math.abs(last.result.angle - truth.angle)).toBeLessThan(0.1 * truth.angle);
  });

  it('reports lost within 5 frames of a full occlusion, then re-acquires the item', () => {
    const { seq, steps } = run('full-occlusion');
    const occ = seq.occlusion!;
    // steps[i - 1] belongs to frame i.
    const hidden = steps.slice(occ.start - 1, occ.end - 1);
    const firstLost = hidden.findIndex((s) => s.result.status === 'lost');
    expect(firstLost).toBeGreaterThanOrEqual(0);
    expect(firstLost).toBeLessThan(5);
    expect(hidden.slice(firstLost).every((s) => s.result.status === 'lost')).toBe(true);
    const after = steps.slice(occ.end - 1);
    const back = after.findIndex((s) => s.result.status === 'tracking' && s.overlap > 0.5);
    expect(back).toBeGreaterThanOrEqual(0);
    expect(back).toBeLessThan(5);
    expect(
      after.slice(back).filter((s) => s.overlap > 0.5).length / after.slice(back).length,
    ).toBeGreaterThan(0.9);
  });

  it('keeps a confident box while the item is lost, where it was last seen', () => {
    const { seq, steps } = run('full-occlusion');
    const lost = steps.slice(seq.occlusion!.start - 1).find((s) => s.result.status === 'lost')!;
    expect(lost.result.box.width).toBeGreaterThan(0);
    expect(lost.result.points).toBe(0);
  });
});

describe('createTracker input handling', () => {
  const frame = { width: 64, height: 48, data: new Uint8Array(64 * 48) };

  it('returns an error value for a box smaller than 8 px', () => {
    const result = createTracker().init(frame, { x: 0.5, y: 0.5, width: 0.01, height: 0.01 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-box' } });
  });

  it('returns an error value for a frame whose data is too short', () => {
    const result = createTracker().init(
      { width: 64, height: 48, data: new Uint8Array(10) },
      { x: 0, y: 0, width: 0.5, height: 0.5 },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-frame' } });
  });

  it('reports lost when updated before init', () => {
    expect(createTracker().update(frame).status).toBe('lost');
  });

  it('declares a flat, featureless box lost instead of inventing motion', () => {
    const tracker = createTracker();
    tracker.init(frame, { x: 0.25, y: 0.25, width: 0.5, height: 0.5 });
    const results = [1, 2, 3].map(() => tracker.update(frame));
    expect(results.at(-1)?.status).toBe('lost');
  });
});

describe('clampBox', () => {
  it('clips a box reaching past the frame edge to the frame, for the wire', () => {
    const b = clampBox({ x: -0.1, y: 0.9, width: 0.3, height: 0.2 });
    expect(b.x).toBe(0);
    expect(b.y).toBe(0.9);
    expect(b.width).toBeCloseTo(0.2, 12);
    expect(b.height).toBeCloseTo(0.1, 12);
  });
});
