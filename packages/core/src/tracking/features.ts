import type { PyramidLevel } from './pyramid.js';

/** An axis-aligned pixel rectangle, `x1`/`y1` exclusive. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Responses below this (min eigenvalue of the 3×3 structure tensor, in squared grey levels) are flat. */
const MIN_RESPONSE = 60;

/**
 * Shi–Tomasi "good features to track" inside `rect`: the rectangle is split into a grid of about
 * `maxPoints` cells and the pixel with the largest minimum eigenvalue of its 3×3 structure tensor is
 * kept per cell, so points spread over the whole item instead of piling onto one corner. Integer
 * gradients and tensor sums (no allocation); candidates are scanned with a stride on large boxes.
 * Writes `x, y` pairs into `out` and returns how many points it found.
 *
 * @example
 * const xy = new Float32Array(128);
 * const n = detectFeatures(pyramid.levels[0]!, { x0: 100, y0: 80, x1: 180, y1: 160 }, 64, xy);
 */
export function detectFeatures(
  level: PyramidLevel,
  rect: PixelRect,
  maxPoints: number,
  out: Float32Array,
): number {
  const w = level.width;
  const h = level.height;
  const d = level.data;
  const x0 = Math.max(2, Math.floor(rect.x0));
  const y0 = Math.max(2, Math.floor(rect.y0));
  const x1 = Math.min(w - 2, Math.ceil(rect.x1));
  const y1 = Math.min(h - 2, Math.ceil(rect.y1));
  const rw = x1 - x0;
  const rh = y1 - y0;
  if (rw < 3 || rh < 3) return 0;
  const limit = Math.min(maxPoints, out.length >> 1);
  const aspect = rw / rh;
  const cols = Math.max(1, Math.round(Math.sqrt(limit * aspect)));
  const rows = Math.max(1, Math.floor(limit / cols));
  const cellW = rw / cols;
  const cellH = rh / rows;
  // Scan every pixel of small cells, every other pixel of large ones: the tensor window (3×3) still
  // covers the skipped pixels' neighbourhoods, and it halves the cost on big boxes.
  const step = cellW * cellH > 64 ? 2 : 1;
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const cy0 = y0 + Math.floor(r * cellH);
    const cy1 = y0 + Math.floor((r + 1) * cellH);
    for (let c = 0; c < cols; c++) {
      const cx0 = x0 + Math.floor(c * cellW);
      const cx1 = x0 + Math.floor((c + 1) * cellW);
      let best = MIN_RESPONSE;
      let bx = -1;
      let by = -1;
      for (let y = cy0; y < cy1; y += step) {
        for (let x = cx0; x < cx1; x += step) {
          let sxx = 0;
          let sxy = 0;
          let syy = 0;
          for (let j = -1; j <= 1; j++) {
            let i = (y + j) * w + x - 1;
            for (let k = 0; k < 3; k++, i++) {
              const gx = d[i + 1]! - d[i - 1]!;
              const gy = d[i + w]! - d[i - w]!;
              sxx += gx * gx;
              sxy += gx * gy;
              syy += gy * gy;
            }
          }
          const half = (sxx + syy) * 0.5;
          const diff = (sxx - syy) * 0.5;
          const minEig = (half - Math.sqrt(diff * diff + sxy * sxy)) / 9;
          if (minEig > best) {
            best = minEig;
            bx = x;
            by = y;
          }
        }
      }
      if (bx >= 0) {
        out[2 * n] = bx;
        out[2 * n + 1] = by;
        n++;
      }
    }
  }
  return n;
}
