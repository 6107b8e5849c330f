import type { GrayFrame } from './types.js';

/** One pyramid level: a mutable grayscale image owned by the pyramid. */
export interface PyramidLevel {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * An image pyramid whose levels are allocated once and rebuilt in place for every frame; level 0 is the
 * frame itself (copied, so callers may reuse or transfer their buffer), each next level half the size.
 *
 * @example
 * const pyramid = createPyramid(640, 360, 4);
 * buildPyramid(pyramid, frame);
 * pyramid.levels[2]?.width; // 160
 */
export interface Pyramid {
  readonly width: number;
  readonly height: number;
  readonly levels: readonly PyramidLevel[];
}

/** Smallest side a level may have; coarser levels carry too little detail to track or match. */
const MIN_LEVEL_SIDE = 16;

/**
 * Allocates a pyramid for frames of one size. Fewer than `levels` levels are made when the image
 * would shrink below 16 px on a side.
 *
 * @example
 * const pyramid = createPyramid(320, 180, 4);
 */
export function createPyramid(width: number, height: number, levels: number): Pyramid {
  const out: PyramidLevel[] = [];
  let w = width;
  let h = height;
  for (let i = 0; i < Math.max(1, levels); i++) {
    if (i > 0 && (w < MIN_LEVEL_SIDE || h < MIN_LEVEL_SIDE)) break;
    out.push({ width: w, height: h, data: new Uint8Array(w * h) });
    w >>= 1;
    h >>= 1;
  }
  return { width, height, levels: out };
}

/**
 * Copies `frame` into level 0 and rebuilds the coarser levels with a rounded 2×2 mean (integer only,
 * no allocation). The frame must have the pyramid's size.
 *
 * @example
 * buildPyramid(pyramid, { width: 320, height: 180, data });
 */
export function buildPyramid(pyramid: Pyramid, frame: GrayFrame): void {
  const base = pyramid.levels[0]!;
  base.data.set(frame.data.subarray(0, base.data.length));
  for (let l = 1; l < pyramid.levels.length; l++) {
    downsample(pyramid.levels[l - 1]!, pyramid.levels[l]!);
  }
}

/**
 * Halves `src` into `dst` (dst size = floor(src / 2)) by averaging 2×2 blocks.
 *
 * @example
 * downsample(pyramid.levels[0]!, pyramid.levels[1]!);
 */
export function downsample(src: PyramidLevel, dst: PyramidLevel): void {
  const sw = src.width;
  const s = src.data;
  const d = dst.data;
  for (let y = 0; y < dst.height; y++) {
    let si = 2 * y * sw;
    let di = y * dst.width;
    for (let x = 0; x < dst.width; x++, si += 2, di++) {
      d[di] = (s[si]! + s[si + 1]! + s[si + sw]! + s[si + sw + 1]! + 2) >> 2;
    }
  }
}

/**
 * Copies every level of `src` into `dst` (same geometry), e.g. to keep the frame a template came from.
 *
 * @example
 * copyPyramid(current, reference);
 */
export function copyPyramid(src: Pyramid, dst: Pyramid): void {
  for (let l = 0; l < src.levels.length && l < dst.levels.length; l++) {
    dst.levels[l]!.data.set(src.levels[l]!.data);
  }
}

/**
 * Bilinear sample at a sub-pixel position, clamped to the image border.
 *
 * @example
 * const v = sampleBilinear(level, 10.5, 20.25);
 */
export function sampleBilinear(level: PyramidLevel, x: number, y: number): number {
  const w = level.width;
  const h = level.height;
  const cx = x < 0 ? 0 : Math.min(x, w - 1);
  const cy = y < 0 ? 0 : Math.min(y, h - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = x0 + 1 < w ? x0 + 1 : x0;
  const y1 = y0 + 1 < h ? y0 + 1 : y0;
  const fx = cx - x0;
  const fy = cy - y0;
  const d = level.data;
  const r0 = y0 * w;
  const r1 = y1 * w;
  const top = d[r0 + x0]! + (d[r0 + x1]! - d[r0 + x0]!) * fx;
  const bottom = d[r1 + x0]! + (d[r1 + x1]! - d[r1 + x0]!) * fx;
  return top + (bottom - top) * fy;
}
