import { $ } from '../testing/fixtures.js';

// Test support for the call element's browser tests (real Chromium, fake camera).

/** Resolves with the number of frames presented by `video` while three frame callbacks ran. */
export async function framesAdvance(video: HTMLVideoElement, ms = 15_000): Promise<number> {
  const frames: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('remote video frames did not advance')), ms);
    const tick = (_: number, meta: VideoFrameCallbackMetadata) => {
      frames.push(meta.presentedFrames);
      if (frames.length >= 3) {
        clearTimeout(timer);
        resolve();
      } else video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
  });
  return frames[frames.length - 1]! - frames[0]!;
}

/** The element's remote `<video>`. */
export const remoteVideo = (el: Element) => $<HTMLVideoElement>(el, '[part="remote-video"]')!;
/** The element's control `[data-action=…]`. */
export const button = (el: Element, action: string) => $<HTMLButtonElement>(el, `[data-action="${action}"]`)!;
