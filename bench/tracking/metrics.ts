import { iou, type Sequence, truthBox } from '../../packages/core/src/tracking/testing/sequence.js';
import type { GrayFrame, NormalizedBox, TrackStatus } from '../../packages/core/src/tracking/types.js';

/** One step of any tracker under test. */
export interface BenchResult {
  readonly box: NormalizedBox;
  readonly status: TrackStatus;
}

/** The common face of the Sightline tracker and the opencv.js baselines. */
export interface BenchTracker {
  readonly name: string;
  init(frame: GrayFrame, box: NormalizedBox): void;
  update(frame: GrayFrame): BenchResult;
  dispose?(): void;
}

/** What one tracker scored on one sequence. */
export interface SequenceScore {
  tracker: string;
  sequence: string;
  frames: number;
  /** Mean wall time of `update`, including copying the frame into the tracker's own buffers. */
  msPerFrame: number;
  /** Frames with the item at least partly visible where the tracker says `tracking` and IoU > 0.5. */
  successRate: number;
  /** Mean distance (px) between box and true centre over visible frames reported as tracking. */
  meanCentreError: number;
  /** Full occlusion: 1 = `lost` on the first hidden frame; null = never said lost while hidden. */
  framesToLost: number | null;
  /** Full occlusion: frames after the item reappears until tracked again (IoU > 0.5); null = never. */
  framesToReacquire: number | null;
}

/**
 * Runs `trackers` over the same frames of `seq` (each frame rendered once) and scores them.
 *
 * @example
 * const scores = evaluate(generateSequence('rotation'), [sightline, opencvFlow]);
 */
export function evaluate(seq: Sequence, trackers: readonly BenchTracker[]): SequenceScore[] {
  const first = seq.frame(0).frame;
  const state = trackers.map((t) => {
    t.init(first, seq.initBox);
    return { ms: 0, success: 0, visible: 0, err: 0, errN: 0, lostAt: -1, reacquiredAt: -1 };
  });
  for (let i = 1; i < seq.length; i++) {
    const { frame, truth } = seq.frame(i);
    const gt = truthBox(truth, seq.width, seq.height);
    trackers.forEach((t, k) => {
      const s = state[k]!;
      // Each tracker gets its own copy so none can profit from another's buffer handling.
      const copy: GrayFrame = { width: frame.width, height: frame.height, data: frame.data.slice() };
      const t0 = performance.now();
      const r = t.update(copy);
      s.ms += performance.now() - t0;
      const overlap = iou(r.box, gt);
      if (truth.visible > 0) {
        s.visible++;
        if (r.status === 'tracking' && overlap > 0.5) s.success++;
        if (r.status === 'tracking') {
          const ex = (r.box.x + r.box.width / 2) * seq.width - truth.cx;
          const ey = (r.box.y + r.box.height / 2) * seq.height - truth.cy;
          s.err += Math.hypot(ex, ey);
          s.errN++;
        }
      }
      const occ = seq.occlusion;
      if (occ && i >= occ.start && i < occ.end && s.lostAt < 0 && r.status === 'lost') s.lostAt = i;
      if (occ && i >= occ.end && s.reacquiredAt < 0 && r.status === 'tracking' && overlap > 0.5)
        s.reacquiredAt = i;
    });
  }
  return trackers.map((t, k) => {
    const s = state[k]!;
    const occ = seq.occlusion;
    return {
      tracker: t.name,
      sequence: seq.kind,
      frames: seq.length - 1,
      msPerFrame: s.ms / (seq.length - 1),
      successRate: s.visible ? s.success / s.visible : 0,
      meanCentreError: s.errN ? s.err / s.errN : Number.NaN,
      framesToLost: occ && s.lostAt >= 0 ? s.lostAt - occ.start + 1 : null,
      framesToReacquire: occ && s.reacquiredAt >= 0 ? s.reacquiredAt - occ.end : null,
    };
  });
}
