import type { GrayFrame, NormalizedBox } from '../types.js';

/**
 * Synthetic video with known ground truth for tests and the benchmark: a textured item on a textured
 * background, both moving (the camera pans), rendered into grayscale frames. Deterministic for a seed.
 * Not exported from the package; tests and `bench/tracking` import it directly.
 */

/** The kinds of motion and degradation a sequence can show. */
export const SequenceKind = {
  translation: 'translation',
  rotation: 'rotation',
  scale: 'scale',
  blur: 'blur',
  noise: 'noise',
  partialOcclusion: 'partial-occlusion',
  fullOcclusion: 'full-occlusion',
  combined: 'combined',
  lowLight: 'low-light',
} as const;
export type SequenceKind = (typeof SequenceKind)[keyof typeof SequenceKind];

/** Where the item really is: centre and unrotated size in pixels, rotation, visible fraction. */
export interface GroundTruth {
  readonly cx: number;
  readonly cy: number;
  readonly width: number;
  readonly height: number;
  readonly angle: number;
  /** 1 fully visible, 0 fully hidden (full occlusion). */
  readonly visible: number;
}

export interface SequenceOptions {
  readonly width?: number;
  readonly height?: number;
  readonly frames?: number;
  readonly seed?: number;
}

export interface Sequence {
  readonly kind: SequenceKind;
  readonly width: number;
  readonly height: number;
  readonly length: number;
  /** The item's box on frame 0, normalized, as a user would mark it. */
  readonly initBox: NormalizedBox;
  /** Frames where the item is fully hidden: `[start, end)`; absent if never. */
  readonly occlusion?: { readonly start: number; readonly end: number };
  /** Renders frame `i` (0 ≤ i < length) with its ground truth. */
  frame(i: number): { frame: GrayFrame; truth: GroundTruth };
}

/**
 * Mulberry32: a tiny seeded PRNG returning floats in [0, 1).
 *
 * @example
 * const random = mulberry32(42);
 * random(); // always the same first value for seed 42
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Texture {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Multi-octave value noise plus random rectangles and discs: corners and edges at several scales. */
function makeTexture(
  width: number,
  height: number,
  random: () => number,
  shapes: number,
  base: number,
): Texture {
  const data = new Float32Array(width * height);
  for (const [cell, amp] of [
    [32, 50],
    [12, 30],
    [4, 14],
  ] as const) {
    const gw = Math.ceil(width / cell) + 2;
    const gh = Math.ceil(height / cell) + 2;
    const grid = new Float32Array(gw * gh).map(() => random() * 2 - 1);
    for (let y = 0; y < height; y++) {
      const gy = y / cell;
      const y0 = Math.floor(gy);
      const fy = gy - y0;
      for (let x = 0; x < width; x++) {
        const gx = x / cell;
        const x0 = Math.floor(gx);
        const fx = gx - x0;
        const a = grid[y0 * gw + x0]! + (grid[y0 * gw + x0 + 1]! - grid[y0 * gw + x0]!) * fx;
        const b =
          grid[(y0 + 1) * gw + x0]! + (grid[(y0 + 1) * gw + x0 + 1]! - grid[(y0 + 1) * gw + x0]!) * fx;
        data[y * width + x]! += (a + (b - a) * fy) * amp;
      }
    }
  }
  for (let s = 0; s < shapes; s++) {
    const size = 3 + random() * Math.min(width, height) * 0.25;
    const sx = random() * width;
    const sy = random() * height;
    const value = (random() * 2 - 1) * 90;
    const disc = random() < 0.5;
    for (let y = Math.max(0, Math.floor(sy - size)); y < Math.min(height, sy + size); y++) {
      for (let x = Math.max(0, Math.floor(sx - size)); x < Math.min(width, sx + size); x++) {
        if (disc && (x - sx) ** 2 + (y - sy) ** 2 > size * size) continue;
        data[y * width + x] = value;
      }
    }
  }
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, base + data[i]!));
  return { width, height, data };
}

function sample(t: Texture, x: number, y: number): number {
  const cx = x < 0 ? 0 : Math.min(x, t.width - 1.001);
  const cy = y < 0 ? 0 : Math.min(y, t.height - 1.001);
  const x0 = cx | 0;
  const y0 = cy | 0;
  const fx = cx - x0;
  const fy = cy - y0;
  const i = y0 * t.width + x0;
  const d = t.data;
  const a = d[i]! + (d[i + 1]! - d[i]!) * fx;
  const b = d[i + t.width]! + (d[i + t.width + 1]! - d[i + t.width]!) * fx;
  return a + (b - a) * fy;
}

function boxBlur(src: Float32Array, tmp: Float32Array, width: number, height: number, r: number): void {
  if (r < 1) return;
  const k = 1 / (2 * r + 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let d = -r; d <= r; d++) s += src[y * width + Math.min(width - 1, Math.max(0, x + d))]!;
      tmp[y * width + x] = s * k;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let d = -r; d <= r; d++) s += tmp[Math.min(height - 1, Math.max(0, y + d)) * width + x]!;
      src[y * width + x] = s * k;
    }
  }
}

interface Pose {
  cx: number;
  cy: number;
  scale: number;
  angle: number;
  camX: number;
  camY: number;
}

/**
 * Builds a synthetic sequence of the given kind (default 640×360, 120 frames, seed 1). Motion is
 * relative to the frame size, so smaller frames show the same scene.
 *
 * @example
 * const seq = generateSequence('rotation', { width: 320, height: 180, frames: 60 });
 * const { frame, truth } = seq.frame(10);
 */
export function generateSequence(kind: SequenceKind, options: SequenceOptions = {}): Sequence {
  const W = options.width ?? 640;
  const H = options.height ?? 360;
  const N = options.frames ?? 120;
  const random = mulberry32((options.seed ?? 1) * 7919 + kind.length * 104729);
  const u = W / 640;
  const margin = Math.ceil(100 * u);
  const background = makeTexture(W + 2 * margin, H + 2 * margin, random, 160, 110);
  const itemTexture = makeTexture(96, 96, random, 28, 140);
  const occluderTexture = makeTexture(256, 256, random, 40, 90);
  const side = 80 * u;
  const noise = kind === 'noise' ? 20 : kind === 'combined' ? 12 : kind === 'low-light' ? 4 : 0;
  const occlusion =
    kind === 'full-occlusion' ? { start: Math.round(N * 0.4), end: Math.round(N * 0.4) + 15 } : undefined;

  const pose = (i: number): Pose => {
    const t = i / N;
    const p: Pose = {
      cx: W / 2 + 140 * u * Math.sin(2 * Math.PI * t),
      cy: H / 2 + 60 * u * Math.sin(4 * Math.PI * t),
      scale: 1,
      angle: 0,
      camX: 60 * u * Math.sin(2 * Math.PI * t * 1.3),
      camY: 30 * u * Math.cos(2 * Math.PI * t),
    };
    if (kind === 'rotation' || kind === 'combined') p.angle = Math.PI * t;
    if (kind === 'scale' || kind === 'combined')
      p.scale = 1 + 0.6 * Math.sin(2 * Math.PI * t) * (t < 0.5 ? 1 : 0.6);
    if (kind === 'blur') {
      p.cx = W / 2 + 200 * u * Math.sin(4 * Math.PI * t);
    }
    return p;
  };

  const pixels = new Float32Array(W * H);
  const tmp = new Float32Array(W * H);

  const frame = (i: number): { frame: GrayFrame; truth: GroundTruth } => {
    const p = pose(i);
    const size = side * p.scale;
    const k = 96 / size;
    const cos = Math.cos(p.angle);
    const sin = Math.sin(p.angle);
    const half = (size / 2) * Math.SQRT2 + 2;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        pixels[y * W + x] = sample(background, x + margin + p.camX, y + margin + p.camY);
      }
    }
    for (let y = Math.max(0, Math.floor(p.cy - half)); y < Math.min(H, p.cy + half); y++) {
      for (let x = Math.max(0, Math.floor(p.cx - half)); x < Math.min(W, p.cx + half); x++) {
        const dx = x + 0.5 - p.cx;
        const dy = y + 0.5 - p.cy;
        const tu = (dx * cos + dy * sin) * k + 48;
        const tv = (-dx * sin + dy * cos) * k + 48;
        if (tu < 0 || tv < 0 || tu >= 96 || tv >= 96) continue;
        pixels[y * W + x] = sample(itemTexture, tu - 0.5, tv - 0.5);
      }
    }
    let visible = 1;
    let occ: { x0: number; y0: number; x1: number; y1: number } | undefined;
    if (occlusion && i >= occlusion.start && i < occlusion.end) {
      const r = half + 6 * u;
      occ = { x0: p.cx - r, y0: p.cy - r, x1: p.cx + r, y1: p.cy + r };
      visible = 0;
    } else if (kind === 'partial-occlusion' && i >= N * 0.25 && i < N * 0.7) {
      // A bar sliding across the item, hiding up to ~45 % of it.
      const phase = (i - N * 0.25) / (N * 0.45);
      const bar = size * 0.45;
      const x0 = p.cx - size / 2 - bar + (size + bar) * phase;
      occ = { x0, y0: p.cy - size, x1: x0 + bar, y1: p.cy + size };
      const overlap = Math.max(0, Math.min(x0 + bar, p.cx + size / 2) - Math.max(x0, p.cx - size / 2));
      visible = 1 - overlap / size;
    }
    if (occ) {
      for (let y = Math.max(0, Math.floor(occ.y0)); y < Math.min(H, occ.y1); y++) {
        for (let x = Math.max(0, Math.floor(occ.x0)); x < Math.min(W, occ.x1); x++) {
          pixels[y * W + x] = sample(occluderTexture, (x - occ.x0) % 255, (y - occ.y0) % 255);
        }
      }
    }
    if (kind === 'blur' || kind === 'combined') {
      const q = pose(i + 1);
      const speed = Math.hypot(q.cx - p.cx, q.cy - p.cy);
      boxBlur(pixels, tmp, W, H, Math.min(4, Math.max(1, Math.round(speed / 5))));
    }
    // Low light: a dim room (about a sixth of the contrast, lifted black level) whose light flickers
    // by ±20 % (mains, auto-exposure), then sensor noise on top — the few grey levels left carry it all.
    const gain = kind === 'low-light' ? 0.17 * (1 + 0.2 * Math.sin(2 * Math.PI * (i / N) * 5)) : 1;
    const lift = kind === 'low-light' ? 8 : 0;
    const data = new Uint8Array(W * H);
    for (let j = 0; j < data.length; j++) {
      let v = lift + pixels[j]! * gain;
      if (noise > 0) {
        // Box–Muller: Gaussian sensor noise.
        v += noise * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      }
      data[j] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
    return {
      frame: { width: W, height: H, data },
      truth: { cx: p.cx, cy: p.cy, width: size, height: size, angle: p.angle, visible },
    };
  };

  const p0 = pose(0);
  return {
    kind,
    width: W,
    height: H,
    length: N,
    initBox: { x: (p0.cx - side / 2) / W, y: (p0.cy - side / 2) / H, width: side / W, height: side / H },
    ...(occlusion ? { occlusion } : {}),
    frame,
  };
}

/**
 * Intersection over union of two normalized boxes (0 when they do not overlap).
 *
 * @example
 * iou({ x: 0, y: 0, width: 1, height: 1 }, { x: 0, y: 0, width: 0.5, height: 1 }); // 0.5
 */
export function iou(a: NormalizedBox, b: NormalizedBox): number {
  const ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * The ground truth as a normalized axis-aligned box of the item's unrotated size.
 *
 * @example
 * const box = truthBox(truth, seq.width, seq.height);
 */
export function truthBox(t: GroundTruth, width: number, height: number): NormalizedBox {
  return {
    x: (t.cx - t.width / 2) / width,
    y: (t.cy - t.height / 2) / height,
    width: t.width / width,
    height: t.height / height,
  };
}
