import {
  type ArSession,
  type ArState,
  createArSession,
  frameBoxToView,
  layoutOfVideo,
  liveMarkers,
  type Marker,
  type TrackingWorker,
  type UploadProgress,
  type ViewLayout,
  type ViewRect,
} from '@sightline/core';
import type { Subscription } from 'rxjs';
import type { CallRole, Capability, MediaTransport, UploadQueue } from '../../shared/sdk.js';
import { MarkerTracking } from './markers/marker-tracking.js';
import { OverlayPainter } from './overlay/overlay-painter.js';
import { OverlayPointer, type Tool } from './overlay/overlay-pointer.js';
import { AnnotationInput } from './screenshots/annotation-input.js';
import { AnnotationView } from './screenshots/annotation-view.js';
import { ScreenshotSharing } from './screenshots/screenshot-sharing.js';

/** What the tools need from the element that shows them. */
export interface ArToolsHost {
  /** Something changed that the element's template shows (markers, the open screenshot, progress). */
  requestUpdate(): void;
  /** The video that shows the customer's camera, the picture everyone draws on. */
  surface(): HTMLVideoElement | null;
  /** The canvas over it (same box). */
  overlay(): HTMLCanvasElement | null;
  /** The canvas of the annotation view, while open. */
  annotationCanvas(): HTMLCanvasElement | null;
  /** Whether the view is mirrored now. */
  mirrored(): boolean;
  /** The shared mirror flag changed (from the other side, or here). */
  mirrorChanged(mirrored: boolean): void;
  /** A screenshot taken here was saved to the session. */
  screenshotSaved(screenshotId: string): void;
  /** The other side shared a screenshot (it is in the gallery; nothing opens by itself). */
  screenshotShared?(screenshotId: string): void;
}

/** Options of {@link ArTools}. */
export interface ArToolsOptions {
  transport: MediaTransport;
  participantId: string;
  role: CallRole;
  capabilities: ReadonlySet<Capability>;
  /** The session screenshots are saved to ('' = not saved). */
  sessionId: string;
  /** Where screenshots wait for the server; with `baseUrl` instead, one over IndexedDB is made. */
  queue?: UploadQueue | undefined;
  baseUrl?: string | undefined;
  getToken?: () => string | undefined;
  /** Starts the tracking worker (default: core's module worker). */
  tracking?: () => TrackingWorker;
}

/**
 * The AR tools of one side of a live call (VS-11 … VS-14), loaded on demand: the AR session over the
 * call's data messages, the overlay drawing (animation frames only while strokes are visible), pointer
 * input, marker tracking, screenshots with their shared annotation view and their upload.
 */
export class ArTools {
  readonly ar: ArSession;
  state: ArState;
  /** This side's view of the call's screenshots: the open one, the gallery, undo/redo/clear. */
  readonly annotation: AnnotationView;
  /** Screenshot pictures by id (object URLs and decoded images). */
  readonly images: Map<string, { url: string; bitmap: ImageBitmap }>;
  /** Upload progress of the screenshots taken here, by screenshot id. */
  readonly progress: Map<string, UploadProgress>;

  readonly #host: ArToolsHost;
  readonly #o: ArToolsOptions;
  readonly #painter: OverlayPainter;
  readonly #pointer: OverlayPointer;
  readonly #markers: MarkerTracking;
  readonly #input: AnnotationInput;
  readonly #screenshots: ScreenshotSharing;
  readonly #state: Subscription;

  constructor(host: ArToolsHost, options: ArToolsOptions) {
    this.#host = host;
    this.#o = options;
    this.ar = createArSession(options.transport, {
      participantId: options.participantId,
      role: options.role,
      capabilities: options.capabilities,
    });
    this.state = this.ar.getSnapshot();
    this.annotation = new AnnotationView(this.ar, options.participantId, () => this.state);
    const state = () => this.state;
    const layout = () => this.#layout();
    this.#input = new AnnotationInput(this.ar, this.annotation, {
      canvas: () => host.annotationCanvas(),
      picture: (id) => this.images.get(id)?.bitmap,
    });
    this.#screenshots = new ScreenshotSharing(this.ar, this.annotation, {
      transport: options.transport,
      participantId: options.participantId,
      sessionId: options.sessionId,
      queue: options.queue,
      baseUrl: options.baseUrl,
      getToken: options.getToken,
      surface: () => host.surface(),
      state,
      drawAnnotations: () => this.drawAnnotations(),
      requestUpdate: () => host.requestUpdate(),
      screenshotSaved: (id) => host.screenshotSaved(id),
    });
    this.images = this.#screenshots.images;
    this.progress = this.#screenshots.progress;
    this.#markers = new MarkerTracking(this.ar, {
      surface: () => host.surface(),
      state,
      tracking: options.tracking,
    });
    this.#pointer = new OverlayPointer(this.ar, {
      layout,
      draw: () => this.draw(),
      placeMarker: (label, a, b) => void this.placeMarker(label, a, b),
    });
    this.#painter = new OverlayPainter(this.ar, options.transport, {
      surface: () => host.surface(),
      overlay: () => host.overlay(),
      layout,
      state,
      draftBox: () => this.#pointer.draftBox(),
    });
    this.#state = this.ar.state$.subscribe((s) => this.#onState(s));
  }

  /** Milliseconds from a peer's stroke message to its first paint here (for measuring latency). */
  get lastStrokePaintMs(): number | undefined {
    return this.#painter.lastStrokePaintMs;
  }

  /** The screenshot open here for annotation, if any (each side opens its own view). */
  get openScreenshot() {
    return this.annotation.open;
  }

  get markers(): Marker[] {
    return liveMarkers(this.state.markers);
  }

  can(capability: Capability): boolean {
    return this.#o.capabilities.has(capability);
  }

  /** Where a marker shows on the surface video now (CSS pixels), mirror and letterboxing included. */
  markerRect(marker: Marker): ViewRect | undefined {
    const layout = this.#layout();
    return layout ? frameBoxToView(layout, marker.box) : undefined;
  }

  #layout(): ViewLayout | undefined {
    const video = this.#host.surface();
    return video ? layoutOfVideo(video, this.#host.mirrored()) : undefined;
  }

  #onState(s: ArState): void {
    const mirrorBefore = this.state.mirror;
    for (const id of Object.keys(s.screenshots))
      if (!this.state.screenshots[id] && s.screenshots[id]!.screenshot.capturedBy !== this.#o.participantId)
        this.#host.screenshotShared?.(id);
    this.state = s;
    if (s.mirror.version !== mirrorBefore.version || s.mirror.by !== mirrorBefore.by)
      this.#host.mirrorChanged(s.mirror.mirrored);
    this.#markers.untrackRemoved();
    this.#screenshots.queueNewOps();
    this.draw();
    this.drawAnnotations();
    this.#host.requestUpdate();
  }

  /** Paints the overlay; keeps painting on animation frames while strokes are visible (they fade). */
  draw(): void {
    this.#painter.draw();
  }

  /** Pointer input on the overlay for the active tool. */
  pointer(e: PointerEvent, tool: Tool | null, color: string, label: () => string): void {
    this.#pointer.handle(e, tool, color, label);
  }

  /** Places a marker on the box spanned by two frame points (a small drag or a tap gets a default box). */
  placeMarker(label: string, a: { x: number; y: number }, b: { x: number; y: number }): string | undefined {
    return this.#markers.place(label, a, b);
  }

  /** Captures the surface video at full resolution, shares it for annotation and queues its upload. */
  screenshot(): Promise<{ ok: boolean; reason?: string }> {
    return this.#screenshots.take();
  }

  /** Paints the open screenshot with its ops (and the line being drawn here). */
  drawAnnotations(): void {
    this.#input.draw();
  }

  /** Pointer input on the annotation view: a pen line becomes one op on pointer up. */
  annotationPointer(e: PointerEvent, color: string): void {
    this.#input.pointer(e, color);
  }

  /** Closes this side's view (the other side's stays as it is). */
  closeScreenshot(): void {
    this.annotation.close();
    this.#host.requestUpdate();
  }

  /** Opens a screenshot of the call here. */
  viewScreenshot(id: string): void {
    this.annotation.view(id);
    this.#host.requestUpdate();
  }

  dispose(): void {
    this.#painter.dispose();
    this.#screenshots.dispose();
    this.#markers.dispose();
    this.#state.unsubscribe();
    this.ar.dispose();
  }
}
