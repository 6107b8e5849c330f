import type { TrackingWorker } from './tracking-client.js';
import type { GrayFrame } from './types.js';

/**
 * Reads what a `<video>` shows into a small grayscale frame. Tracking on ~320 px wide frames is plenty
 * for markers (boxes are normalized) and keeps the copy and the worker's work small.
 *
 * @example
 * const reader = createVideoFrameReader({ width: 320 });
 * const frame = reader.read(video); // undefined until the video has a frame
 */
export interface VideoFrameReader {
  read(video: HTMLVideoElement): GrayFrame | undefined;
}

type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/**
 * Creates a reader that scales frames to `width` px wide (height from the video's aspect ratio). Uses
 * an `OffscreenCanvas` where available, else a detached `<canvas>`; `willReadFrequently` keeps the
 * canvas in CPU memory so `getImageData` does not stall on a GPU readback every frame.
 *
 * @example
 * const reader = createVideoFrameReader();
 */
export function createVideoFrameReader(options: { width?: number } = {}): VideoFrameReader {
  const targetWidth = options.width ?? 320;
  let ctx: Context2D | null = null;
  let w = 0;
  let h = 0;
  const context = (width: number, height: number): Context2D | null => {
    if (ctx && w === width && h === height) return ctx;
    w = width;
    h = height;
    const canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(width, height)
        : Object.assign(document.createElement('canvas'), { width, height });
    ctx = canvas.getContext('2d', { willReadFrequently: true }) as Context2D | null;
    return ctx;
  };
  return {
    read(video) {
      if (video.readyState < 2 || !video.videoWidth || !video.videoHeight) return undefined;
      const width = Math.min(targetWidth, video.videoWidth);
      const height = Math.max(1, Math.round((video.videoHeight * width) / video.videoWidth));
      const c = context(width, height);
      if (!c) return undefined;
      c.drawImage(video, 0, 0, width, height);
      const rgba = c.getImageData(0, 0, width, height).data;
      // A fresh buffer per frame: it is transferred to the worker.
      const data = new Uint8Array(width * height);
      for (let i = 0, j = 0; i < data.length; i++, j += 4) {
        data[i] = (77 * rgba[j]! + 150 * rgba[j + 1]! + 29 * rgba[j + 2]!) >> 8;
      }
      return { width, height, data };
    },
  };
}

/**
 * Feeds a playing `<video>` to the tracking worker once per presented frame
 * (`requestVideoFrameCallback`, else `requestAnimationFrame`), skipping frames while the worker is
 * busy — nothing is read or copied for a dropped frame. Returns a function that stops the loop.
 *
 * @example
 * const stop = trackVideo(video, createTrackingWorker());
 * // later
 * stop();
 */
export function trackVideo(
  video: HTMLVideoElement,
  tracking: TrackingWorker,
  reader: VideoFrameReader = createVideoFrameReader(),
): () => void {
  let stopped = false;
  let handle = 0;
  const hasVfc = typeof video.requestVideoFrameCallback === 'function';
  const tick = (): void => {
    if (stopped) return;
    if (!tracking.busy()) {
      const frame = reader.read(video);
      if (frame) tracking.push(frame);
    }
    schedule();
  };
  const schedule = (): void => {
    handle = hasVfc ? video.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
  };
  schedule();
  return () => {
    stopped = true;
    if (hasVfc) video.cancelVideoFrameCallback(handle);
    else cancelAnimationFrame(handle);
  };
}
