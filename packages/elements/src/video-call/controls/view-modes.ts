import type { ReactiveController, ReactiveElement } from 'lit';

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

/**
 * The call's view modes for its element: full screen (followed also when the browser leaves it),
 * picture-in-picture of the other side's video, and, on a narrow call, the menu with the controls
 * beyond the first few — opening it moves focus into it, closing it back to its button.
 */
export class CallViewModes implements ReactiveController {
  /** The call fills the screen (its frame with the controls). */
  fullscreen = false;
  /** The other side's video floats in picture-in-picture. */
  pictureInPicture = false;
  /** On a narrow call, the menu with the controls beyond the first few is open. */
  moreOpen = false;
  readonly #onFullscreenChange = () => this.#set({ fullscreen: !!this.host.shadowRoot?.fullscreenElement });

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('fullscreenchange', this.#onFullscreenChange);
  }

  hostDisconnected(): void {
    document.removeEventListener('fullscreenchange', this.#onFullscreenChange);
  }

  setMoreOpen(open: boolean): void {
    this.#set({ moreOpen: open });
    void this.host.updateComplete.then(() =>
      this.host.renderRoot
        .querySelector<HTMLElement>(open ? '#more-controls button:not([disabled])' : '[data-action="more"]')
        ?.focus(),
    );
  }

  async toggleFullscreen(): Promise<void> {
    const frame = this.host.renderRoot.querySelector<HTMLElement>('[part="base"]');
    this.#set({ fullscreen: await toggleFullscreen(this.host.shadowRoot!, frame) });
  }

  async togglePictureInPicture(): Promise<void> {
    const video = this.host.renderRoot.querySelector<HTMLVideoElement>('[part="remote-video"]');
    const on = await togglePictureInPicture(video, () => this.#set({ pictureInPicture: false }));
    this.#set({ pictureInPicture: on });
  }

  #set(change: Partial<Pick<CallViewModes, 'fullscreen' | 'pictureInPicture' | 'moreOpen'>>): void {
    Object.assign(this, change);
    this.host.requestUpdate();
  }
}
