import type { PixelRect } from './features.js';
import type { PyramidLevel } from './pyramid.js';

/**
 * Normalized cross-correlation of the first `n` values of `a` and `b`: 1 for identical appearance, and
 * unchanged by brightness gain and offset (`a * k + c`, k > 0). Flat input (no variance) scores 0, since
 * a uniform patch says nothing about whether the item is there.
 *
 * @example
 * ncc(Float32Array.of(1, 2, 3), Float32Array.of(10, 20, 30), 3); // 1
 */
export function ncc(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i]!;
    sb += b[i]!;
  }
  const ma = sa / n;
  const mb = sb / n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  // Variance below ~0.5 grey level² per pixel is quantization noise, not texture.
  if (aa < n * 0.5 || bb < n * 0.5) return 0;
  return Math.max(-1, Math.min(1, ab / Math.sqrt(aa * bb)));
}

/**
 * Samples a `outW × outH` grid over a box centred at (cx, cy) of size `w × h` rotated by `angle`
 * (radians), with bilinear interpolation and border clamping; coordinates in `level` pixels. Used to
 * compare the tracked box with the item's appearance at any scale and rotation.
 *
 * @example
 * const grid = new Float32Array(24 * 24);
 * sampleBox(level, 160, 90, 40, 40, 0, grid, 24, 24);
 */
export function sampleBox(
  level: PyramidLevel,
  cx: number,
  cy: number,
  w: number,
  h: number,
  angle: number,
  out: Float32Array,
  outW: number,
  outH: number,
): void {
  const lw = level.width;
  const lh = level.height;
  const d = level.data;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const sx = w / outW;
  const sy = h / outH;
  for (let j = 0, o = 0; j < outH; j++) {
    const v = (j + 0.5) * sy - h / 2;
    for (let i = 0; i < outW; i++, o++) {
      const u = (i + 0.5) * sx - w / 2;
      let x = cx + u * cos - v * sin - 0.5;
      let y = cy + u * sin + v * cos - 0.5;
      x = x < 0 ? 0 : Math.min(x, lw - 1);
      y = y < 0 ? 0 : Math.min(y, lh - 1);
      const x0 = x | 0;
      const y0 = y | 0;
      const x1 = x0 + 1 < lw ? x0 + 1 : x0;
      const y1 = y0 + 1 < lh ? y0 + 1 : y0;
      const fx = x - x0;
      const fy = y - y0;
      const r0 = y0 * lw;
      const r1 = y1 * lw;
      const t = d[r0 + x0]! + (d[r0 + x1]! - d[r0 + x0]!) * fx;
      const b = d[r1 + x0]! + (d[r1 + x1]! - d[r1 + x0]!) * fx;
      out[o] = t + (b - t) * fy;
    }
  }
}

/** One template-match candidate: top-left corner in level pixels and its NCC score. */
export interface MatchCandidate {
  x: number;
  y: number;
  score: number;
}

/**
 * Buffers for {@link matchTemplate}: integral images of sum and sum of squares plus a score map,
 * grown on demand and then reused.
 *
 * @example
 * const ws = createMatchWorkspace();
 */
export interface MatchWorkspace {
  sum: Float64Array;
  sqsum: Float64Array;
  scores: Float32Array;
}

/**
 * Creates empty match buffers; {@link matchTemplate} sizes them on first use.
 *
 * @example
 * const ws = createMatchWorkspace();
 */
export function createMatchWorkspace(): MatchWorkspace {
  return { sum: new Float64Array(0), sqsum: new Float64Array(0), scores: new Float32Array(0) };
}

/**
 * Exhaustive NCC template matching of `template` (`tw × th`, row-major) over every top-left position
 * in `search` (clamped so the template stays inside `level`). Window means and energies come from
 * integral images, so each position costs one multiply–add per template pixel. Writes up to
 * `out.length` best candidates, at least `suppress` pixels apart, best first; returns how many.
 *
 * @example
 * const found = [{ x: 0, y: 0, score: 0 }];
 * const n = matchTemplate(level, tpl, 12, 12, { x0: 0, y0: 0, x1: level.width, y1: level.height }, ws, found, 4);
 */
export function matchTemplate(
  level: PyramidLevel,
  template: Float32Array,
  tw: number,
  th: number,
  search: PixelRect,
  ws: MatchWorkspace,
  out: MatchCandidate[],
  suppress: number,
): number {
  const lw = level.width;
  const lh = level.height;
  const d = level.data;
  const x0 = Math.max(0, Math.floor(search.x0));
  const y0 = Math.max(0, Math.floor(search.y0));
  const x1 = Math.min(lw - tw, Math.floor(search.x1));
  const y1 = Math.min(lh - th, Math.floor(search.y1));
  if (x1 < x0 || y1 < y0 || tw < 2 || th < 2) return 0;
  const n = tw * th;
  let tsum = 0;
  for (let i = 0; i < n; i++) tsum += template[i]!;
  const tmean = tsum / n;
  let tnorm = 0;
  for (let i = 0; i < n; i++) {
    const v = template[i]! - tmean;
    tnorm += v * v;
  }
  if (tnorm < n * 0.5) return 0;
  // Integral images over the region the windows touch.
  const iw = x1 + tw - x0 + 1;
  const ih = y1 + th - y0 + 1;
  if (ws.sum.length < iw * ih) {
    ws.sum = new Float64Array(iw * ih);
    ws.sqsum = new Float64Array(iw * ih);
  }
  const sum = ws.sum;
  const sq = ws.sqsum;
  for (let i = 0; i < iw; i++) {
    sum[i] = 0;
    sq[i] = 0;
  }
  for (let y = 1; y < ih; y++) {
    let rs = 0;
    let rq = 0;
    sum[y * iw] = 0;
    sq[y * iw] = 0;
    const row = (y0 + y - 1) * lw + x0;
    for (let x = 1; x < iw; x++) {
      const v = d[row + x - 1]!;
      rs += v;
      rq += v * v;
      sum[y * iw + x] = sum[(y - 1) * iw + x]! + rs;
      sq[y * iw + x] = sq[(y - 1) * iw + x]! + rq;
    }
  }
  const sw = x1 - x0 + 1;
  const sh = y1 - y0 + 1;
  if (ws.scores.length < sw * sh) ws.scores = new Float32Array(sw * sh);
  const scores = ws.scores;
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      // Σ I·(T − mean T) equals the covariance term, so the raw template sum is not needed per window.
      let cross = 0;
      for (let j = 0, t = 0; j < th; j++) {
        let i = (y0 + y + j) * lw + x0 + x;
        for (let k = 0; k < tw; k++, i++, t++) cross += d[i]! * (template[t]! - tmean);
      }
      const a = y * iw + x;
      const b = (y + th) * iw + x;
      const s = sum[b + tw]! - sum[b]! - sum[a + tw]! + sum[a]!;
      const q = sq[b + tw]! - sq[b]! - sq[a + tw]! + sq[a]!;
      const varI = q - (s * s) / n;
      scores[y * sw + x] = varI < n * 0.5 ? -1 : cross / Math.sqrt(varI * tnorm);
    }
  }
  // Best candidates with non-maximum suppression.
  let found = 0;
  for (; found < out.length; found++) {
    let best = -2;
    let bi = -1;
    for (let i = 0; i < sw * sh; i++) {
      if (scores[i]! > best) {
        best = scores[i]!;
        bi = i;
      }
    }
    if (bi < 0 || best <= -1) break;
    const bx = bi % sw;
    const by = (bi / sw) | 0;
    const c = out[found]!;
    c.x = x0 + bx;
    c.y = y0 + by;
    c.score = best;
    for (let y = Math.max(0, by - suppress); y <= Math.min(sh - 1, by + suppress); y++) {
      for (let x = Math.max(0, bx - suppress); x <= Math.min(sw - 1, bx + suppress); x++)
        scores[y * sw + x] = -2;
    }
  }
  return found;
}
