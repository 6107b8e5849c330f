import cvModule from '@techstark/opencv-js';
import type { GrayFrame, NormalizedBox } from '../../packages/core/src/tracking/types.js';
import type { BenchResult, BenchTracker } from './metrics.js';

// opencv.js is an Emscripten bundle: the module object exists at once, its functions once the wasm
// runtime has initialized. The object is a thenable that resolves to itself, so it must never be
// returned from an async function or awaited directly (promise adoption would loop forever): it is
// handed out wrapped.
type Cv = typeof cvModule;

/**
 * Loads opencv.js in Node and waits for its wasm runtime.
 *
 * @example
 * const { cv } = await loadOpenCv();
 */
export async function loadOpenCv(): Promise<{ cv: Cv }> {
  const mod = cvModule as unknown as Cv & { Mat?: unknown; then?: (f: () => void) => void };
  if (!mod.Mat) {
    await new Promise<void>((resolve) => {
      if (typeof mod.then === 'function') mod.then(() => resolve());
      else (mod as { onRuntimeInitialized?: () => void }).onRuntimeInitialized = resolve;
    });
  }
  return { cv: mod };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] ?? Number.NaN;
}

/**
 * The classic median-flow tracker (Kalal et al. 2010) on `cv.calcOpticalFlowPyrLK`: a 10×10 grid of
 * points in the box, forward and backward flow, the half with the smallest forward–backward error,
 * median translation and pairwise scale; failure when the median FB error exceeds 10 px or fewer than
 * 10 points survive. Like the original it has no re-detection: once lost, it stays lost.
 */
export function createOpenCvMedianFlow(cv: Cv): BenchTracker {
  let prev: InstanceType<Cv['Mat']> | undefined;
  let next: InstanceType<Cv['Mat']> | undefined;
  let W = 0;
  let H = 0;
  let cx = 0;
  let cy = 0;
  let w = 0;
  let h = 0;
  let lost = false;
  const GRID = 10;
  const p0 = new cv.Mat(GRID * GRID, 1, cv.CV_32FC2);
  const p1 = new cv.Mat();
  const pb = new cv.Mat();
  const st = new cv.Mat();
  const stb = new cv.Mat();
  const err = new cv.Mat();
  const errb = new cv.Mat();
  const win = new cv.Size(15, 15);
  const criteria = new cv.TermCriteria(cv.TermCriteria_COUNT + cv.TermCriteria_EPS, 20, 0.03);
  const box = (): NormalizedBox => ({
    x: (cx - w / 2) / W,
    y: (cy - h / 2) / H,
    width: w / W,
    height: h / H,
  });
  return {
    name: 'opencv.js median flow (calcOpticalFlowPyrLK)',
    init(frame: GrayFrame, b: NormalizedBox) {
      W = frame.width;
      H = frame.height;
      prev?.delete();
      next?.delete();
      prev = new cv.Mat(H, W, cv.CV_8UC1);
      next = new cv.Mat(H, W, cv.CV_8UC1);
      prev.data.set(frame.data);
      w = b.width * W;
      h = b.height * H;
      cx = b.x * W + w / 2;
      cy = b.y * H + h / 2;
      lost = false;
    },
    update(frame: GrayFrame): BenchResult {
      next!.data.set(frame.data);
      if (!lost) {
        const pts = p0.data32F;
        for (let j = 0; j < GRID; j++) {
          for (let i = 0; i < GRID; i++) {
            pts[2 * (j * GRID + i)] = cx - w / 2 + ((i + 0.5) * w) / GRID;
            pts[2 * (j * GRID + i) + 1] = cy - h / 2 + ((j + 0.5) * h) / GRID;
          }
        }
        cv.calcOpticalFlowPyrLK(prev!, next!, p0, p1, st, err, win, 3, criteria);
        cv.calcOpticalFlowPyrLK(next!, prev!, p1, pb, stb, errb, win, 3, criteria);
        const a = p0.data32F;
        const f = p1.data32F;
        const bk = pb.data32F;
        const idx: number[] = [];
        const fb: number[] = [];
        for (let k = 0; k < GRID * GRID; k++) {
          if (!st.data[k] || !stb.data[k]) continue;
          idx.push(k);
          fb.push(Math.hypot(bk[2 * k]! - a[2 * k]!, bk[2 * k + 1]! - a[2 * k + 1]!));
        }
        const fbMed = median(fb);
        const keep = idx.filter((_, n) => fb[n]! <= fbMed);
        if (keep.length < 10 || !(fbMed <= 10)) {
          lost = true;
        } else {
          const dx = median(keep.map((k) => f[2 * k]! - a[2 * k]!));
          const dy = median(keep.map((k) => f[2 * k + 1]! - a[2 * k + 1]!));
          const ratios: number[] = [];
          for (let m = 0; m < keep.length; m++) {
            for (let n = m + 1; n < keep.length; n++) {
              const i = keep[m]!;
              const j = keep[n]!;
              const d0 = Math.hypot(a[2 * j]! - a[2 * i]!, a[2 * j + 1]! - a[2 * i + 1]!);
              const d1 = Math.hypot(f[2 * j]! - f[2 * i]!, f[2 * j + 1]! - f[2 * i + 1]!);
              if (d0 > 0) ratios.push(d1 / d0);
            }
          }
          const s = ratios.length ? median(ratios) : 1;
          cx += dx;
          cy += dy;
          w *= s;
          h *= s;
        }
      }
      const t = prev;
      prev = next;
      next = t;
      return { box: box(), status: lost ? 'lost' : 'tracking' };
    },
    dispose() {
      for (const m of [prev, next, p0, p1, pb, st, stb, err, errb]) m?.delete();
    },
  };
}

/**
 * A `cv.matchTemplate` tracker (TM_CCOEFF_NORMED): the box at init is the template; each frame searches
 * a window of three box sizes around the last position, or the whole frame while lost. Lost below a
 * score of 0.5. No scale or rotation.
 */
export function createOpenCvTemplateTracker(cv: Cv): BenchTracker {
  let frameMat: InstanceType<Cv['Mat']> | undefined;
  let template: InstanceType<Cv['Mat']> | undefined;
  const result = new cv.Mat();
  const noMask = new cv.Mat();
  let W = 0;
  let H = 0;
  let x = 0;
  let y = 0;
  let tw = 0;
  let th = 0;
  let lost = false;
  const box = (): NormalizedBox => ({ x: x / W, y: y / H, width: tw / W, height: th / H });
  return {
    name: 'opencv.js matchTemplate (TM_CCOEFF_NORMED)',
    init(frame: GrayFrame, b: NormalizedBox) {
      W = frame.width;
      H = frame.height;
      frameMat?.delete();
      template?.delete();
      frameMat = new cv.Mat(H, W, cv.CV_8UC1);
      frameMat.data.set(frame.data);
      x = Math.round(b.x * W);
      y = Math.round(b.y * H);
      tw = Math.round(b.width * W);
      th = Math.round(b.height * H);
      const roi = frameMat.roi(new cv.Rect(x, y, tw, th));
      template = roi.clone();
      roi.delete();
      lost = false;
    },
    update(frame: GrayFrame): BenchResult {
      frameMat!.data.set(frame.data);
      const x0 = lost ? 0 : Math.max(0, x - tw);
      const y0 = lost ? 0 : Math.max(0, y - th);
      const x1 = lost ? W : Math.min(W, x + 2 * tw);
      const y1 = lost ? H : Math.min(H, y + 2 * th);
      const roi = frameMat!.roi(new cv.Rect(x0, y0, x1 - x0, y1 - y0));
      cv.matchTemplate(roi, template!, result, cv.TM_CCOEFF_NORMED, noMask);
      // The bundled typings declare minMaxLoc as void; at runtime it returns the extrema.
      const found = cv.minMaxLoc(result, noMask) as unknown as {
        maxVal: number;
        maxLoc: { x: number; y: number };
      };
      roi.delete();
      if (found.maxVal >= 0.5) {
        x = x0 + found.maxLoc.x;
        y = y0 + found.maxLoc.y;
        lost = false;
      } else {
        lost = true;
      }
      return { box: box(), status: lost ? 'lost' : 'tracking' };
    },
    dispose() {
      for (const m of [frameMat, template, result, noMask]) m?.delete();
    },
  };
}
