/**
 * Full screen for the call's frame (video and controls together) and picture-in-picture for the
 * other side's video. Each returns whether the mode is on afterwards; a refusal (no user gesture,
 * not allowed in this frame, no video yet) changes nothing.
 */
export async function toggleFullscreen(root: ShadowRoot, frame: HTMLElement | null): Promise<boolean> {
  try {
    if (root.fullscreenElement) await document.exitFullscreen();
    else await frame?.requestFullscreen();
  } catch {
    // Refused: nothing changes.
  }
  return !!root.fullscreenElement;
}

export async function togglePictureInPicture(
  video: HTMLVideoElement | null,
  onLeave: () => void,
): Promise<boolean> {
  try {
    if (document.pictureInPictureElement) {
      await document.exitPictureInPicture();
      return false;
    }
    if (!video) return false;
    await video.requestPictureInPicture();
    video.addEventListener('leavepictureinpicture', onLeave, { once: true });
    return true;
  } catch {
    return !!document.pictureInPictureElement;
  }
}
