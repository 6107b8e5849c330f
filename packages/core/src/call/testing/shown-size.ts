/**
 * The size a stream's video shows at (`1280×720`) once it is at least `width` wide, or what it shows
 * when `ms` have passed: played muted in a video element of its own, added to the page meanwhile.
 * For browser tests of what a call's other side gets to see.
 */
export async function shownSize(stream: MediaStream | null, width = 1280, ms = 5_000): Promise<string> {
  const el = document.createElement('video');
  el.muted = true;
  el.style.width = '640px';
  document.body.append(el);
  try {
    el.srcObject = new MediaStream(stream?.getVideoTracks() ?? []);
    await el.play();
    const until = performance.now() + ms;
    while (el.videoWidth < width && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    return `${el.videoWidth}×${el.videoHeight}`;
  } finally {
    el.remove();
  }
}
