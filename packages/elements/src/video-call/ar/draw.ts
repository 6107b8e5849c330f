import {
  type AnnotationOp,
  framePointToView,
  type NormalizedBox,
  type ViewLayout,
  type VisibleStroke,
  videoRect,
} from '@sightline/core';

type Point = { readonly x: number; readonly y: number };

/** Pen width as a fraction of the frame's width (strokes on the video and on screenshots alike). */
export const PEN_WIDTH = 0.006;

/**
 * Sizes a canvas's backing store to its CSS box times the device pixel ratio (sharp lines on HiDPI
 * screens) and returns a context in CSS pixels, cleared.
 */
export function prepareCanvas(canvas: HTMLCanvasElement): CanvasRenderingContext2D | undefined {
  const dpr = globalThis.devicePixelRatio || 1;
  const w = Math.round(canvas.clientWidth * dpr);
  const h = Math.round(canvas.clientHeight * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
  return ctx;
}

function path(ctx: CanvasRenderingContext2D, points: readonly (Point | undefined)[]): void {
  ctx.beginPath();
  let first = true;
  for (const p of points) {
    if (!p) continue;
    if (first) ctx.moveTo(p.x, p.y);
    else ctx.lineTo(p.x, p.y);
    first = false;
  }
  // A single point (a tap) still shows as a dot.
  if (points.length === 1 && points[0]) ctx.lineTo(points[0].x + 0.01, points[0].y);
  ctx.stroke();
}

/**
 * Draws live strokes (VS-12) over a video: points are in the unmirrored frame, placed with the core
 * transform so letterboxing and the mirrored view are respected; width is a fraction of the frame's
 * displayed width.
 */
export function drawStrokes(
  ctx: CanvasRenderingContext2D,
  layout: ViewLayout,
  strokes: readonly VisibleStroke[],
): void {
  const rect = videoRect(layout);
  if (!rect) return;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const s of strokes) {
    ctx.globalAlpha = s.opacity;
    ctx.strokeStyle = s.color;
    ctx.lineWidth = Math.max(1.5, s.width * rect.width);
    path(
      ctx,
      s.points.map((p) => framePointToView(layout, p)),
    );
  }
  ctx.globalAlpha = 1;
}

/** A dashed rectangle being dragged out for a new marker, in view pixels. */
export function drawDraftBox(ctx: CanvasRenderingContext2D, a: Point, b: Point): void {
  ctx.setLineDash([6, 4]);
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#ffd60a';
  ctx.strokeRect(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y));
  ctx.setLineDash([]);
}

/**
 * Draws a screenshot and its annotation ops (VS-11) onto a canvas whose CSS box has the image's aspect
 * ratio; op coordinates are normalized to the image.
 */
export function drawAnnotations(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  image: CanvasImageSource | undefined,
  ops: readonly Exclude<AnnotationOp, { kind: 'erase' }>[],
  draft?: { color: string; width: number; points: readonly Point[] },
): void {
  if (image) ctx.drawImage(image, 0, 0, width, height);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const at = (p: Point) => ({ x: p.x * width, y: p.y * height });
  const box = (b: NormalizedBox) => [b.x * width, b.y * height, b.width * width, b.height * height] as const;
  for (const op of [...ops, ...(draft ? [{ kind: 'pen' as const, ...draft }] : [])]) {
    ctx.strokeStyle = op.color;
    ctx.fillStyle = op.color;
    if (op.kind === 'pen') {
      ctx.lineWidth = Math.max(1.5, op.width * width);
      path(ctx, op.points.map(at));
    } else if (op.kind === 'arrow') {
      ctx.lineWidth = Math.max(1.5, op.width * width);
      const a = at(op.from);
      const b = at(op.to);
      path(ctx, [a, b]);
      const angle = Math.atan2(b.y - a.y, b.x - a.x);
      const head = Math.max(8, ctx.lineWidth * 4);
      path(ctx, [
        { x: b.x - head * Math.cos(angle - 0.4), y: b.y - head * Math.sin(angle - 0.4) },
        b,
        { x: b.x - head * Math.cos(angle + 0.4), y: b.y - head * Math.sin(angle + 0.4) },
      ]);
    } else if (op.kind === 'shape') {
      ctx.lineWidth = Math.max(1.5, op.width * width);
      const [x, y, w, h] = box(op.box);
      ctx.beginPath();
      if (op.shape === 'rect') ctx.rect(x, y, w, h);
      else ctx.ellipse(x + w / 2, y + h / 2, w / 2, h / 2, 0, 0, Math.PI * 2);
      ctx.stroke();
    } else {
      ctx.font = `${Math.round(op.size * height)}px sans-serif`;
      ctx.textBaseline = 'top';
      const p = at(op.at);
      ctx.fillText(op.text, p.x, p.y);
    }
  }
}
