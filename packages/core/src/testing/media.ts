// Helpers of the browser tests that hold real calls (Chromium's fake camera): waiting for a value,
// and checking that a stream's video really presents frames.
import { filter, firstValueFrom, type Observable, throwError, timeout } from 'rxjs';

/** The first value of `source` that satisfies `predicate`, or an error naming `what` after `ms`. */
export function until<T>(
  source: Observable<T>,
  predicate: (value: T) => boolean,
  ms = 15_000,
  what = 'condition',
): Promise<T> {
  return firstValueFrom(
    source.pipe(
      filter(predicate),
      timeout({
        first: ms,
        with: () => throwError(() => new Error(`timed out after ${ms} ms waiting for ${what}`)),
      }),
    ),
  );
}

/** Plays a stream's video in a muted element and returns how many frames it presented (> 0: pictures arrive). */
export async function framesAdvance(stream: MediaStream): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  const frames: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('video frames did not advance')), 15_000);
    // At least three callbacks, and on until a later frame was presented (a brief stall right after
    // connecting is not a frozen picture; a frozen one runs into the timeout).
    const tick = (_: number, meta: VideoFrameCallbackMetadata) => {
      frames.push(meta.presentedFrames);
      if (frames.length >= 3 && frames[frames.length - 1]! > frames[0]!) {
        clearTimeout(timer);
        resolve();
      } else video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
  });
  video.remove();
  return frames[frames.length - 1]! - frames[0]!;
}
