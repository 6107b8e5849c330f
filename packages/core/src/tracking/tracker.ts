import { detectFeatures, type PixelRect } from './features.js';
import { createLkWorkspace, trackPoints } from './lk.js';
import { medianInPlace } from './median.js';
import { createMatchWorkspace, type MatchCandidate, matchTemplate, ncc, sampleBox } from './ncc.js';
import { buildPyramid, copyPyramid, createPyramid, type Pyramid } from './pyramid.js';
import {
  type GrayFrame,
  type NormalizedBox,
  type TrackerInitError,
  type TrackerOptions,
  type TrackResult,
  TrackStatus,
} from './types.js';

/**
 * A single-item tracker. Boxes in and out are normalized to the frame (0..1), see {@link NormalizedBox}.
 *
 * @example
 * const tracker = createTracker();
 * const started = tracker.init(frame, { x: 0.4, y: 0.4, width: 0.2, height: 0.2 });
 * if (started.ok) for (const next of frames) render(tracker.update(next));
 */
export interface Tracker {
  /** Starts tracking the item inside `box` on `frame`. Returns an error value for unusable input. */
  init(frame: GrayFrame, box: NormalizedBox): { ok: true } | { ok: false; error: TrackerInitError };
  /** Follows the item into `frame` (same size as the frames before, else the tracker re-anchors). */
  update(frame: GrayFrame): TrackResult;
  /** The last result (before any update: the init box, confidence 1). */
  current(): TrackResult | undefined;
}

const APPEARANCE = 24;
const APPEARANCE_N = APPEARANCE * APPEARANCE;
/** Largest per-frame scale change accepted from the flow (larger jumps are outliers). */
const MAX_SCALE_STEP = 1.2;
/** Pixels of the box's side used for features (the border often holds background). */
const FEATURE_INSET = 0.8;
/** Side (px) of the item on the pyramid level searched while lost: small enough for a whole-frame scan. */
const COARSE_SIDE = 8;
const NEIGHBOURS = Int8Array.of(-1, -1, 0, -1, 1, -1, -1, 0, 1, 0, -1, 1, 0, 1, 1, 1);

/**
 * Creates a tracker: pyramidal Lucas–Kanade on Shi–Tomasi points inside the box, forward–backward
 * filtering and a median-flow estimate of translation, scale and rotation; a normalized
 * cross-correlation check against the appearance at init (plus a slowly adapted copy) gives the
 * confidence. After `missesBeforeLost` frames below `lostThreshold` (or with too few points) the status
 * is `lost`; while lost (and on any frame where flow fails), coarse-to-fine template matching over the
 * whole frame looks for the item, and tracking resumes once a match scores `reacquireThreshold`.
 * Buffers are allocated once (in `init`), so per-frame work does not allocate in its loops.
 *
 * @example
 * const tracker = createTracker({ lostThreshold: 0.35 });
 * tracker.init(first, { x: 0.45, y: 0.4, width: 0.1, height: 0.2 });
 * const { box, status, confidence } = tracker.update(second);
 */
export function createTracker(options: TrackerOptions = {}): Tracker {
  const levels = options.levels ?? 4;
  const maxPoints = options.maxPoints ?? 64;
  const maxFb = options.maxForwardBackwardError ?? 1.5;
  const lostThreshold = options.lostThreshold ?? 0.35;
  const missesBeforeLost = options.missesBeforeLost ?? 2;
  const reacquireThreshold = options.reacquireThreshold ?? 0.7;
  const minPoints = options.minPoints ?? 6;
  const learningRate = options.templateLearningRate ?? 0.05;
  const lk = createLkWorkspace(options.windowRadius ?? 4);
  const match = createMatchWorkspace();
  const candidates: MatchCandidate[] = [0, 1, 2].map(() => ({ x: 0, y: 0, score: 0 }));
  /** Where {@link refine} climbs from and to. */
  const spot: MatchCandidate = { x: 0, y: 0, score: 0 };

  const from = new Float32Array(2 * maxPoints);
  const to = new Float32Array(2 * maxPoints);
  const back = new Float32Array(2 * maxPoints);
  const forwardOk = new Uint8Array(maxPoints);
  const backwardOk = new Uint8Array(maxPoints);
  const kept = new Int32Array(maxPoints);
  const errors = new Float32Array(maxPoints);
  const pairsA = new Float32Array((maxPoints * (maxPoints - 1)) / 2);
  const pairsB = new Float32Array(pairsA.length);
  const initTemplate = new Float32Array(APPEARANCE_N);
  const adaptTemplate = new Float32Array(APPEARANCE_N);
  const patch = new Float32Array(APPEARANCE_N);
  let searchTemplate = new Float32Array(0);
  /** Level-0 pixels per pixel of the level the last coarse match ran on. */
  let coarseStep = 1;
  /** NCC against the init appearance from the last {@link appearance} call. */
  let initScore = 0;

  let prev: Pyramid | undefined;
  let next: Pyramid | undefined;
  let ref: Pyramid | undefined;
  // Box state in level-0 pixels; `w0`/`h0`/`cx0`/`cy0` describe the box at init (in `ref`).
  let cx = 0;
  let cy = 0;
  let w = 0;
  let h = 0;
  let angle = 0;
  let w0 = 0;
  let h0 = 0;
  let cx0 = 0;
  let cy0 = 0;
  let vx = 0;
  let vy = 0;
  let misses = 0;
  let status: TrackStatus = TrackStatus.tracking;
  const good = { cx: 0, cy: 0, w: 0, h: 0, angle: 0 };
  let last: TrackResult | undefined;

  const saveGood = (): void => {
    good.cx = cx;
    good.cy = cy;
    good.w = w;
    good.h = h;
    good.angle = angle;
  };

  const levelFor = (size: number, target: number, pyr: Pyramid): number => {
    let l = 0;
    while (l + 1 < pyr.levels.length && size / (1 << (l + 1)) >= target) l++;
    return l;
  };

  /** Samples the box (centre x, y, size bw × bh, angle a) of `pyr` into `out` at the appearance size. */
  const sampleAppearance = (
    pyr: Pyramid,
    x: number,
    y: number,
    bw: number,
    bh: number,
    a: number,
    out: Float32Array,
  ): void => {
    const l = levelFor(Math.min(bw, bh), APPEARANCE, pyr);
    const f = 1 / (1 << l);
    sampleBox(pyr.levels[l]!, x * f, y * f, bw * f, bh * f, a, out, APPEARANCE, APPEARANCE);
  };

  /** NCC of the box (cx, cy, bw, bh, a) in `pyr` against the init and adapted appearance. */
  const appearance = (pyr: Pyramid, x: number, y: number, bw: number, bh: number, a: number): number => {
    sampleAppearance(pyr, x, y, bw, bh, a, patch);
    initScore = ncc(initTemplate, patch, APPEARANCE_N);
    return Math.max(0, initScore, ncc(adaptTemplate, patch, APPEARANCE_N));
  };

  const result = (confidence: number, points: number): TrackResult => {
    const W = prev!.width;
    const H = prev!.height;
    const b = status === TrackStatus.lost ? good : { cx, cy, w, h, angle };
    last = {
      box: { x: (b.cx - b.w / 2) / W, y: (b.cy - b.h / 2) / H, width: b.w / W, height: b.h / H },
      angle: b.angle,
      confidence,
      status,
      points,
    };
    return last;
  };

  const swap = (): void => {
    const t = prev;
    prev = next;
    next = t;
  };

  const init: Tracker['init'] = (frame, box) => {
    if (!(frame.width > 0 && frame.height > 0) || frame.data.length < frame.width * frame.height) {
      return { ok: false, error: { code: 'invalid-frame', message: 'frame data does not match its size' } };
    }
    const W = frame.width;
    const H = frame.height;
    const bw = box.width * W;
    const bh = box.height * H;
    if (![box.x, box.y, box.width, box.height].every(Number.isFinite) || bw < 8 || bh < 8) {
      return { ok: false, error: { code: 'invalid-box', message: 'box must be finite and at least 8×8 px' } };
    }
    if (!prev || prev.width !== W || prev.height !== H) {
      prev = createPyramid(W, H, levels);
      next = createPyramid(W, H, levels);
      ref = createPyramid(W, H, levels);
    }
    buildPyramid(prev, frame);
    copyPyramid(prev, ref!);
    w = w0 = bw;
    h = h0 = bh;
    cx = cx0 = box.x * W + bw / 2;
    cy = cy0 = box.y * H + bh / 2;
    angle = 0;
    vx = vy = 0;
    misses = 0;
    status = TrackStatus.tracking;
    sampleAppearance(prev, cx, cy, w, h, 0, initTemplate);
    adaptTemplate.set(initTemplate);
    saveGood();
    result(1, 0);
    return { ok: true };
  };

  /** Similarity (scale, rotation, centre) from the points `kept[0..k)`: medians over pairs and points. */
  const similarity = (k: number): { s: number; da: number; ncx: number; ncy: number } => {
    let p = 0;
    for (let a = 0; a < k; a++) {
      const i = kept[a]!;
      for (let b = a + 1; b < k; b++) {
        const j = kept[b]!;
        const px = from[2 * j]! - from[2 * i]!;
        const py = from[2 * j + 1]! - from[2 * i + 1]!;
        const d0 = px * px + py * py;
        if (d0 < 16) continue;
        const qx = to[2 * j]! - to[2 * i]!;
        const qy = to[2 * j + 1]! - to[2 * i + 1]!;
        pairsA[p] = Math.sqrt((qx * qx + qy * qy) / d0);
        let da = Math.atan2(qy, qx) - Math.atan2(py, px);
        if (da > Math.PI) da -= 2 * Math.PI;
        else if (da < -Math.PI) da += 2 * Math.PI;
        pairsB[p] = da;
        p++;
      }
    }
    let s = p > 0 ? medianInPlace(pairsA, p) : 1;
    s = Math.min(MAX_SCALE_STEP, Math.max(1 / MAX_SCALE_STEP, s));
    const da = p > 0 ? medianInPlace(pairsB, p) : 0;
    // Centre: median of each point's position minus its scaled, rotated offset from the old centre.
    const cos = s * Math.cos(da);
    const sin = s * Math.sin(da);
    for (let a = 0; a < k; a++) {
      const i = kept[a]!;
      const ox = from[2 * i]! - cx;
      const oy = from[2 * i + 1]! - cy;
      pairsA[a] = to[2 * i]! - (ox * cos - oy * sin);
      pairsB[a] = to[2 * i + 1]! - (ox * sin + oy * cos);
    }
    return { s, da, ncx: medianInPlace(pairsA, k), ncy: medianInPlace(pairsB, k) };
  };

  /** Distance between where point `i` went and where the similarity `e` says it should have gone. */
  const residual = (i: number, e: { s: number; da: number; ncx: number; ncy: number }): number => {
    const ox = from[2 * i]! - cx;
    const oy = from[2 * i + 1]! - cy;
    const cos = e.s * Math.cos(e.da);
    const sin = e.s * Math.sin(e.da);
    return Math.hypot(
      to[2 * i]! - (e.ncx + ox * cos - oy * sin),
      to[2 * i + 1]! - (e.ncy + ox * sin + oy * cos),
    );
  };

  /** Median flow from `prev` to `next`; returns surviving points (box state updated if enough). */
  const flow = (): number => {
    // Detect in the axis-aligned bounds of the rotated box, keep the points inside the rotated box:
    // corners of an axis-aligned box around a rotated item are background and pull the median.
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const hw = (w * FEATURE_INSET) / 2;
    const hh = (h * FEATURE_INSET) / 2;
    const ex = Math.abs(hw * cos) + Math.abs(hh * sin);
    const ey = Math.abs(hw * sin) + Math.abs(hh * cos);
    const rect: PixelRect = { x0: cx - ex, y0: cy - ey, x1: cx + ex, y1: cy + ey };
    const found = detectFeatures(prev!.levels[0]!, rect, maxPoints, from);
    let n = 0;
    for (let i = 0; i < found; i++) {
      const dx = from[2 * i]! - cx;
      const dy = from[2 * i + 1]! - cy;
      if (Math.abs(dx * cos + dy * sin) > hw || Math.abs(-dx * sin + dy * cos) > hh) continue;
      from[2 * n] = from[2 * i]!;
      from[2 * n + 1] = from[2 * i + 1]!;
      n++;
    }
    if (n < minPoints) return 0;
    for (let i = 0; i < n; i++) {
      to[2 * i] = from[2 * i]! + vx;
      to[2 * i + 1] = from[2 * i + 1]! + vy;
    }
    trackPoints(prev!, next!, from, to, forwardOk, n, lk);
    back.set(to.subarray(0, 2 * n));
    trackPoints(next!, prev!, to, back, backwardOk, n, lk);
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (!forwardOk[i] || !backwardOk[i]) continue;
      const ex = back[2 * i]! - from[2 * i]!;
      const ey = back[2 * i + 1]! - from[2 * i + 1]!;
      const e = Math.sqrt(ex * ex + ey * ey);
      if (e > maxFb) continue;
      kept[m] = i;
      errors[m] = e;
      m++;
    }
    if (m < minPoints) return m;
    // Keep the better half by forward–backward error (median flow), but never fewer than minPoints.
    pairsA.set(errors.subarray(0, m));
    const fbMedian = medianInPlace(pairsA, m);
    let k = 0;
    for (let j = 0; j < m; j++) if (errors[j]! <= fbMedian || m - j + k <= minPoints) kept[k++] = kept[j]!;
    let est = similarity(k);
    // Points on an occluder or the background move differently from the item: drop those the
    // similarity fit explains badly and fit again.
    for (let a = 0; a < k; a++) errors[a] = residual(kept[a]!, est);
    pairsA.set(errors.subarray(0, k));
    const cut = Math.max(1, 2.5 * medianInPlace(pairsA, k));
    let inliers = 0;
    for (let a = 0; a < k; a++) if (errors[a]! <= cut) kept[inliers++] = kept[a]!;
    if (inliers >= minPoints && inliers < k) {
      k = inliers;
      est = similarity(k);
    }
    const { s, da, ncx, ncy } = est;
    vx = ncx - cx;
    vy = ncy - cy;
    cx = ncx;
    cy = ncy;
    angle += da;
    w *= s;
    h *= s;
    return k;
  };

  /**
   * Hill-climbs the appearance score around (cx, cy) with steps from `step` down to half a pixel; pulls
   * the box back onto the item when flow drifts (points on an occluder, blur). Leaves `patch` holding
   * the best box's samples and returns its score.
   */
  const refine = (pyr: Pyramid, step: number): number => {
    spot.x = cx;
    spot.y = cy;
    climb(pyr, spot, w, h, angle, step);
    cx = spot.x;
    cy = spot.y;
    // Leave `patch`/`initScore` describing the chosen box.
    return appearance(pyr, cx, cy, w, h, angle);
  };

  const track = (): TrackResult => {
    const startX = cx;
    const startY = cy;
    const points = flow();
    const confidence = points >= minPoints ? refine(next!, 2) : 0;
    if (points >= minPoints) {
      vx = cx - startX;
      vy = cy - startY;
    }
    // Flow failed (fast motion, heavy blur, occlusion): look for the item in the whole frame before
    // counting a miss, so a single bad frame does not cost a lost/re-acquire cycle.
    const searched = points < minPoints || confidence < lostThreshold;
    const score = searched ? reacquire() : confidence;
    if (searched ? score < reacquireThreshold : score < lostThreshold) {
      misses++;
      vx = vy = 0;
      if (misses >= missesBeforeLost) status = TrackStatus.lost;
    } else if (searched) {
      misses = 0; // reacquire() moved the box and saved it
    } else {
      misses = 0;
      saveGood();
      // Adapt only while the item still looks like it did at init, so an occluder is never learned.
      if (learningRate > 0 && initScore > 0.75) {
        for (let i = 0; i < APPEARANCE_N; i++)
          adaptTemplate[i]! += (patch[i]! - adaptTemplate[i]!) * learningRate;
      }
    }
    swap();
    return result(score, status === TrackStatus.lost ? 0 : points);
  };

  /**
   * Whole-frame coarse template match, then a local coarse-to-fine refinement of the best peaks. On a
   * match scoring `reacquireThreshold` the box moves there and the status is `tracking`. Returns the
   * best score.
   */
  const reacquire = (): number => {
    let best = -1;
    let bx = 0;
    let by = 0;
    let bs = 1;
    let bestStep = 1;
    // The size when lost, and the size at init when the two differ: a scale estimate that drifted
    // before the loss must not keep the item from being found again.
    const ratio = w0 / good.w;
    const scales = Math.abs(ratio - 1) > 0.1 ? 2 : 1;
    // Score every coarse peak where it lies, then hill-climb only the most promising one: the climb
    // costs ~100 appearance samples, and a peak that starts far behind rarely overtakes.
    let bestCoarse: MatchCandidate | undefined;
    for (let si = 0; si < scales; si++) {
      const sc = si === 0 ? 1 : ratio;
      const found = coarseMatch(good.w * sc, good.h * sc);
      for (let c = 0; c < found; c++) {
        const cand = candidates[c]!;
        const score = appearance(next!, cand.x, cand.y, good.w * sc, good.h * sc, good.angle);
        if (score > best) {
          best = score;
          bs = sc;
          bestCoarse = cand;
          bx = cand.x;
          by = cand.y;
          bestStep = coarseStep;
        }
      }
    }
    if (bestCoarse) {
      const cand = candidates[0]!;
      cand.x = bx;
      cand.y = by;
      best = climb(next!, cand, good.w * bs, good.h * bs, good.angle, bestStep / 2);
      bx = cand.x;
      by = cand.y;
    }
    if (best >= reacquireThreshold) {
      cx = bx;
      cy = by;
      w = good.w * bs;
      h = good.h * bs;
      angle = good.angle;
      vx = vy = 0;
      misses = 0;
      status = TrackStatus.tracking;
      saveGood();
    }
    return Math.max(0, best);
  };

  /**
   * Whole-frame NCC match of the item (rendered from the init frame at size bw × bh and the last
   * angle) on a pyramid level where it is about 8–16 px. Leaves up to 3 peaks in `candidates` as
   * level-0 centres; returns how many.
   */
  const coarseMatch = (bw: number, bh: number): number => {
    const pyr = next!;
    let lc = levelFor(Math.max(bw, bh), COARSE_SIDE, pyr);
    while (lc > 0 && Math.min(bw, bh) / (1 << lc) < 6) lc--;
    const f = 1 / (1 << lc);
    const tw = Math.max(2, Math.round(bw * f));
    const th = Math.max(2, Math.round(bh * f));
    if (searchTemplate.length < tw * th) searchTemplate = new Float32Array(tw * th);
    // Sample from the init pyramid level whose resolution is just above the template's.
    const k = Math.max(0, Math.min(ref!.levels.length - 1, Math.floor(Math.log2(w0 / tw))));
    const rf = 1 / (1 << k);
    sampleBox(ref!.levels[k]!, cx0 * rf, cy0 * rf, w0 * rf, h0 * rf, good.angle, searchTemplate, tw, th);
    const level = pyr.levels[lc]!;
    const all = { x0: 0, y0: 0, x1: level.width, y1: level.height };
    const found = matchTemplate(level, searchTemplate, tw, th, all, match, candidates, Math.max(2, tw >> 1));
    for (let c = 0; c < found; c++) {
      const cand = candidates[c]!;
      cand.x = (cand.x + tw / 2) / f;
      cand.y = (cand.y + th / 2) / f;
    }
    coarseStep = 1 << lc;
    return found;
  };

  /**
   * Hill-climbs the appearance score of the box (bw × bh at angle `a`) from the centre in `at`, with
   * steps halving from `step` to half a pixel; writes the end point back into `at` and returns its
   * score. Position only: scale or angle steps let the box slide off an occluded part of the item (a
   * zoomed or turned texture still correlates well), so those come from the flow alone.
   */
  const climb = (
    pyr: Pyramid,
    at: MatchCandidate,
    bw: number,
    bh: number,
    a: number,
    step: number,
  ): number => {
    let x = at.x;
    let y = at.y;
    let score = appearance(pyr, x, y, bw, bh, a);
    for (let st = step; st >= 0.5; st /= 2) {
      let moved = true;
      for (let guard = 0; moved && guard < 4; guard++) {
        moved = false;
        for (let m = 0; m < 8; m++) {
          const dx = NEIGHBOURS[2 * m]! * st;
          const dy = NEIGHBOURS[2 * m + 1]! * st;
          const s = appearance(pyr, x + dx, y + dy, bw, bh, a);
          if (s > score) {
            score = s;
            x += dx;
            y += dy;
            moved = true;
          }
        }
      }
    }
    at.x = x;
    at.y = y;
    return score;
  };

  const search = (): TrackResult => {
    const best = reacquire();
    swap();
    return result(best, 0);
  };

  const update: Tracker['update'] = (frame) => {
    if (!prev || !last)
      return { box: { x: 0, y: 0, width: 0, height: 0 }, angle: 0, confidence: 0, status: 'lost', points: 0 };
    if (
      frame.width !== prev.width ||
      frame.height !== prev.height ||
      frame.data.length < frame.width * frame.height
    ) {
      // A new video size: re-anchor on the last known box rather than comparing unlike frames.
      const box = last.box;
      const ok = init(frame, box);
      return ok.ok ? last : { ...last, status: TrackStatus.lost, confidence: 0 };
    }
    buildPyramid(next!, frame);
    return status === TrackStatus.lost ? search() : track();
  };

  return { init, update, current: () => last };
}
