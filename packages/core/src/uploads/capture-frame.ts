import { clientProblem, type Result } from '../sdk/result.js';

/** A captured video frame at the video's own resolution. */
export interface CapturedFrame {
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
}

/** Image types a screenshot may be encoded as. */
export type ScreenshotType = 'image/png' | 'image/jpeg' | 'image/webp';

/**
 * Capture the current frame of a video at full resolution (`videoWidth × videoHeight`, not the size
 * it is displayed at) as an image Blob (VS-11). Uses an `OffscreenCanvas` where there is one.
 * Expected failures are values: `not-ready` before the first frame, `capture-failed` for a
 * cross-origin (tainted) video or an encoder error.
 * @example
 * const shot = await captureFrame(video, 'image/jpeg', 0.9);
 * if (shot.data) await queue.enqueueScreenshot({ sessionId, image: shot.data.blob, meta });
 */
export async function captureFrame(
  video: HTMLVideoElement,
  type: ScreenshotType = 'image/png',
  quality?: number,
): Promise<Result<CapturedFrame>> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
    return { error: clientProblem('not-ready', 'The video has no frame to capture yet', undefined, 409) };
  }
  try {
    let blob: Blob | null;
    if (typeof OffscreenCanvas === 'function') {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('No 2D context');
      ctx.drawImage(video, 0, 0, width, height);
      blob = await canvas.convertToBlob({ type, ...(quality === undefined ? {} : { quality }) });
    } else {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('No 2D context');
      ctx.drawImage(video, 0, 0, width, height);
      blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
    }
    if (!blob) throw new Error('The encoder returned nothing');
    return { data: { blob, width, height } };
  } catch (cause) {
    return {
      error: clientProblem('capture-failed', 'Could not capture the video frame', String(cause), 500),
    };
  }
}
