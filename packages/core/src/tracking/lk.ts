import type { Pyramid, PyramidLevel } from './pyramid.js';

/**
 * Scratch buffers for {@link trackPoints}, sized for one window radius and reused for every point and
 * frame so the inner loops never allocate.
 *
 * @example
 * const lk = createLkWorkspace(4);
 */
export interface LkWorkspace {
  readonly radius: number;
  /** Previous-frame patch with a one-pixel border for the central differences. */
  readonly patch: Float32Array;
  readonly gx: Float32Array;
  readonly gy: Float32Array;
  readonly ival: Float32Array;
}

/**
 * Allocates the scratch buffers for an LK window of `(2 * radius + 1)²` pixels.
 *
 * @example
 * const lk = createLkWorkspace(4); // 9×9 window
 */
export function createLkWorkspace(radius: number): LkWorkspace {
  const side = 2 * radius + 1;
  return {
    radius,
    patch: new Float32Array((side + 2) * (side + 2)),
    gx: new Float32Array(side * side),
    gy: new Float32Array(side * side),
    ival: new Float32Array(side * side),
  };
}

/** Stop iterating once the update is below this many pixels. */
const EPSILON = 0.01;
const MAX_ITERATIONS = 12;
/** Minimum eigenvalue of the (normalized) gradient matrix below which the window is too flat to track. */
const MIN_EIGEN = 1e-3;

/**
 * Samples a `side × side` patch whose top-left pixel centre is at (x, y). The sub-pixel fraction is the
 * same for every pixel of the window, so the four bilinear weights are computed once; out-of-image
 * pixels are clamped to the border.
 */
function samplePatch(level: PyramidLevel, x: number, y: number, side: number, out: Float32Array): void {
  const w = level.width;
  const h = level.height;
  const d = level.data;
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const w00 = (1 - fx) * (1 - fy);
  const w10 = fx * (1 - fy);
  const w01 = (1 - fx) * fy;
  const w11 = fx * fy;
  if (ix >= 0 && iy >= 0 && ix + side < w && iy + side < h) {
    for (let j = 0, o = 0; j < side; j++) {
      let i = (iy + j) * w + ix;
      for (let k = 0; k < side; k++, i++, o++) {
        out[o] = w00 * d[i]! + w10 * d[i + 1]! + w01 * d[i + w]! + w11 * d[i + w + 1]!;
      }
    }
    return;
  }
  for (let j = 0, o = 0; j < side; j++) {
    const ya = Math.min(h - 1, Math.max(0, iy + j));
    const yb = Math.min(h - 1, Math.max(0, iy + j + 1));
    for (let k = 0; k < side; k++, o++) {
      const xa = Math.min(w - 1, Math.max(0, ix + k));
      const xb = Math.min(w - 1, Math.max(0, ix + k + 1));
      out[o] = w00 * d[ya * w + xa]! + w10 * d[ya * w + xb]! + w01 * d[yb * w + xa]! + w11 * d[yb * w + xb]!;
    }
  }
}

/**
 * Pyramidal Lucas–Kanade (Bouguet): tracks `count` points from `prev` to `next`, coarse to fine.
 * `from` holds the points as `x, y` pairs (level-0 pixels); `to` holds an initial guess on entry and
 * the tracked positions on return; `status[i]` is 1 when point i converged inside the image, else 0.
 *
 * @example
 * to.set(from);
 * trackPoints(prevPyramid, nextPyramid, from, to, status, n, lk);
 */
export function trackPoints(
  prev: Pyramid,
  next: Pyramid,
  from: Float32Array,
  to: Float32Array,
  status: Uint8Array,
  count: number,
  ws: LkWorkspace,
): void {
  const r = ws.radius;
  const side = 2 * r + 1;
  const pside = side + 2;
  const { patch, gx, gy, ival } = ws;
  const n = side * side;
  const top = Math.min(prev.levels.length, next.levels.length) - 1;
  for (let p = 0; p < count; p++) {
    const px = from[2 * p]!;
    const py = from[2 * p + 1]!;
    let ok = 1;
    // Flow carried from the coarser level, in the current level's pixels.
    let gxl = (to[2 * p]! - px) / (1 << top);
    let gyl = (to[2 * p + 1]! - py) / (1 << top);
    for (let l = top; l >= 0; l--) {
      const scale = 1 / (1 << l);
      const I = prev.levels[l]!;
      const J = next.levels[l]!;
      const lx = px * scale;
      const ly = py * scale;
      samplePatch(I, lx - r - 1, ly - r - 1, pside, patch);
      let a11 = 0;
      let a12 = 0;
      let a22 = 0;
      for (let j = 0, o = 0; j < side; j++) {
        let i = (j + 1) * pside + 1;
        for (let k = 0; k < side; k++, i++, o++) {
          const dx = (patch[i + 1]! - patch[i - 1]!) * 0.5;
          const dy = (patch[i + pside]! - patch[i - pside]!) * 0.5;
          gx[o] = dx;
          gy[o] = dy;
          ival[o] = patch[i]!;
          a11 += dx * dx;
          a12 += dx * dy;
          a22 += dy * dy;
        }
      }
      const det = a11 * a22 - a12 * a12;
      const half = (a11 + a22) * 0.5;
      const diff = (a11 - a22) * 0.5;
      const minEig = (half - Math.sqrt(diff * diff + a12 * a12)) / n;
      if (minEig < MIN_EIGEN || det < 1e-6) {
        ok = 0;
        break;
      }
      const inv = 1 / det;
      let vx = 0;
      let vy = 0;
      const jpatch = patch; // the previous patch is no longer needed: reuse its buffer for J
      for (let it = 0; it < MAX_ITERATIONS; it++) {
        const qx = lx + gxl + vx;
        const qy = ly + gyl + vy;
        if (qx < -r || qy < -r || qx > J.width + r || qy > J.height + r) {
          ok = 0;
          break;
        }
        samplePatch(J, qx - r, qy - r, side, jpatch);
        let b1 = 0;
        let b2 = 0;
        for (let o = 0; o < n; o++) {
          const e = ival[o]! - jpatch[o]!;
          b1 += e * gx[o]!;
          b2 += e * gy[o]!;
        }
        const ex = (a22 * b1 - a12 * b2) * inv;
        const ey = (a11 * b2 - a12 * b1) * inv;
        vx += ex;
        vy += ey;
        if (ex * ex + ey * ey < EPSILON * EPSILON) break;
      }
      if (!ok) break;
      if (l > 0) {
        gxl = 2 * (gxl + vx);
        gyl = 2 * (gyl + vy);
      } else {
        gxl += vx;
        gyl += vy;
      }
    }
    const tx = px + gxl;
    const ty = py + gyl;
    if (ok && (tx < 0 || ty < 0 || tx > prev.width - 1 || ty > prev.height - 1)) ok = 0;
    status[p] = ok;
    if (ok) {
      to[2 * p] = tx;
      to[2 * p + 1] = ty;
    }
  }
}
