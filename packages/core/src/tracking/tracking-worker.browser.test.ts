import { expect } from '@open-wc/testing';
import { iou, mulberry32 } from './testing/sequence.js';
import { createTrackingWorker, type TrackingWorkerPort } from './tracking-client.js';
import { trackVideo } from './video-frames.js';
import type { MarkerUpdate } from './worker-messages.js';

const W = 320;
const H = 180;
const SIDE = 60;

/** Random grey blocks: texture the tracker can hold on to. */
function blocks(width: number, height: number, seed: number, cell: number): ImageData {
  const random = mulberry32(seed);
  const img = new ImageData(width, height);
  const cols = Math.ceil(width / cell);
  const values = Array.from({ length: cols * Math.ceil(height / cell) }, () => Math.floor(random() * 256));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = values[Math.floor(y / cell) * cols + Math.floor(x / cell)]!;
      img.data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return img;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('tracking worker in the browser', () => {
  it('follows a moving square drawn on a canvas and played through a <video>', async () => {
    const canvas = Object.assign(document.createElement('canvas'), { width: W, height: H });
    const ctx = canvas.getContext('2d')!;
    const background = blocks(W, H, 11, 16);
    const square = blocks(SIDE, SIDE, 12, 6);
    let x = 60;
    const y = 60;
    const draw = () => {
      ctx.putImageData(background, 0, 0);
      ctx.putImageData(square, Math.round(x), y);
    };
    draw();
    const painter = setInterval(draw, 1000 / 30);
    const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
    video.srcObject = canvas.captureStream(30);
    document.body.append(video);
    await video.play();
    while (video.videoWidth === 0) await sleep(20);

    const tracking = createTrackingWorker({
      worker: () =>
        new Worker(new URL('./tracking-worker.ts', import.meta.url), {
          type: 'module',
        }) as unknown as TrackingWorkerPort,
    });
    const updates: MarkerUpdate[] = [];
    tracking.onResult((u) => updates.push(u));
    const stop = trackVideo(video, tracking);
    try {
      tracking.track('square', { x: x / W, y: y / H, width: SIDE / W, height: SIDE / H });
      for (let i = 0; i < 100 && updates.length === 0; i++) await sleep(50);
      expect(updates.length, 'the worker answers').to.be.greaterThan(0);

      // Slide the square 120 px right over two seconds, then hold it still.
      const start = performance.now();
      while (performance.now() - start < 2000) {
        x = 60 + (120 * (performance.now() - start)) / 2000;
        await sleep(15);
      }
      x = 180;
      await sleep(700);

      const during = updates.slice(1);
      expect(during.length, 'frames were tracked while moving').to.be.greaterThan(10);
      expect(during.filter((u) => u.status === 'lost').length, 'lost reports').to.be.lessThan(3);
      const last = updates.at(-1)!;
      const truth = { x: 180 / W, y: y / H, width: SIDE / W, height: SIDE / H };
      expect(last.status).to.equal('tracking');
      expect(iou(last.box, truth), JSON.stringify(last.box)).to.be.greaterThan(0.5);
    } finally {
      stop();
      tracking.terminate();
      clearInterval(painter);
      video.remove();
    }
  });
});
