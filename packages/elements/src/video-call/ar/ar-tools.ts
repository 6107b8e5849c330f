import {
  type ArSession,
  type ArState,
  captureFrame,
  createArSession,
  createTrackingWorker,
  createUploadQueue,
  frameBoxToView,
  layoutOfVideo,
  liveMarkers,
  type Marker,
  renderedOps,
  type TrackingWorker,
  trackVideo,
  type UploadProgress,
  type ViewLayout,
  type ViewRect,
  viewPointToFrame,
} from '@sightline/core';
import { pairwise, type Subscription, startWith } from 'rxjs';
import type { CallRole, Capability, MediaTransport, UploadQueue } from '../../shared/sdk.js';
import { AnnotationView } from './annotation-view.js';
import { drawAnnotations, drawDraftBox, drawStrokes, prepareCanvas } from './draw.js';
import { previewOf, receiveImages, sendImage } from './image-transfer.js';

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

/** Pen width as a fraction of the frame's width. */
const PEN_WIDTH = 0.006;
/** How long after the last op the ops made since are queued for upload (one request per burst). */
const ANNOTATION_BATCH_MS = 400;
/** Most points kept for one annotation pen op (the schema allows 1024). */
const MAX_PEN_POINTS = 1000;

type Tool = 'pen' | 'marker';

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
  readonly images = new Map<string, { url: string; bitmap: ImageBitmap }>();
  /** Upload progress of the screenshots taken here, by screenshot id. */
  readonly progress = new Map<string, UploadProgress>();
  /** Milliseconds from a peer's stroke message to its first paint here (for measuring latency). */
  lastStrokePaintMs: number | undefined;

  readonly #host: ArToolsHost;
  readonly #o: ArToolsOptions;
  readonly #queue: UploadQueue | undefined;
  readonly #ownsQueue: boolean;
  readonly #subs: Subscription[] = [];
  readonly #resize = new ResizeObserver(() => this.draw());
  #observed: HTMLVideoElement | null = null;
  #frame = 0;
  #pointer: {
    tool: Tool;
    id?: string;
    start?: { x: number; y: number };
    now?: { x: number; y: number };
  } | null = null;
  #annotationDraft: { x: number; y: number }[] | null = null;
  #tracking: TrackingWorker | undefined;
  #stopTracking: (() => void) | undefined;
  #tracked = new Set<string>();
  /** Own screenshots' previews, resent when the peer (re)connects (it may have missed them). */
  readonly #previews = new Map<string, Blob>();
  /** Ops of own screenshots already queued for upload. */
  readonly #queuedOps = new Map<string, Set<string>>();
  #batch: ReturnType<typeof setTimeout> | undefined;
  #strokeArrived: number | undefined;

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
    this.#ownsQueue = !options.queue && !!options.baseUrl;
    this.#queue =
      options.queue ??
      (options.baseUrl
        ? createUploadQueue({ baseUrl: options.baseUrl, getToken: options.getToken ?? (() => undefined) })
        : undefined);
    if (this.#ownsQueue) void this.#queue?.start();
    if (this.#queue) {
      this.#subs.push(
        this.#queue.progress$.subscribe((all) => {
          for (const [key, p] of all) {
            if (!key.startsWith('screenshot:')) continue;
            const id = key.slice('screenshot:'.length);
            const before = this.progress.get(id);
            this.progress.set(id, p);
            if (p.status === 'done' && before?.status !== 'done') host.screenshotSaved(id);
          }
          host.requestUpdate();
        }),
      );
    }
    this.#subs.push(
      options.transport.messages$.subscribe(({ message }) => {
        if (message.type === 'ar.stroke.start' || message.type === 'ar.stroke.append')
          this.#strokeArrived ??= performance.now();
      }),
      this.ar.state$.subscribe((s) => this.#onState(s)),
      receiveImages(options.transport, (id, blob) => void this.#addImage(id, blob)),
      options.transport.connectionState$.pipe(startWith(undefined), pairwise()).subscribe(([before, now]) => {
        if (now !== 'connected' || before === 'connected') return;
        for (const [id, blob] of this.#previews)
          if (this.state.screenshots[id]?.open) void sendImage(options.transport, id, blob);
      }),
    );
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
    this.#untrackRemoved();
    this.#queueNewOps();
    this.draw();
    this.drawAnnotations();
    this.#host.requestUpdate();
  }

  /** Paints the overlay; keeps painting on animation frames while strokes are visible (they fade). */
  draw(): void {
    const video = this.#host.surface();
    if (video !== this.#observed) {
      if (this.#observed) this.#resize.unobserve(this.#observed);
      if (video) this.#resize.observe(video);
      this.#observed = video;
    }
    const canvas = this.#host.overlay();
    const layout = this.#layout();
    if (!canvas || !layout) return;
    const ctx = prepareCanvas(canvas);
    if (!ctx) return;
    const strokes = this.ar.visibleStrokes();
    drawStrokes(ctx, layout, strokes);
    const p = this.#pointer;
    if (p?.tool === 'marker' && p.start && p.now) drawDraftBox(ctx, p.start, p.now);
    canvas.dataset.strokes = String(strokes.length);
    // What was painted, for hosts and tests: the points of the visible strokes.
    canvas.dataset.points = String(strokes.reduce((n, s) => n + s.points.length, 0));
    if (strokes.length > 0 && this.#strokeArrived !== undefined) {
      this.lastStrokePaintMs = performance.now() - this.#strokeArrived;
    }
    this.#strokeArrived = undefined;
    if (strokes.length > 0) {
      if (!this.#frame)
        this.#frame = requestAnimationFrame(() => {
          this.#frame = 0;
          this.draw();
        });
    } else if (this.state.strokes && Object.keys(this.state.strokes).length > 0) {
      this.ar.prune();
    }
  }

  #framePoint(e: PointerEvent, clamp = false) {
    const canvas = e.currentTarget as HTMLElement;
    const r = canvas.getBoundingClientRect();
    const layout = this.#layout();
    if (!layout || !r.width) return undefined;
    const view = {
      x: ((e.clientX - r.left) * canvas.clientWidth) / r.width,
      y: ((e.clientY - r.top) * canvas.clientHeight) / r.height,
    };
    const frame = viewPointToFrame(layout, view, clamp ? 'clamp' : 'reject');
    return frame ? { frame, view } : undefined;
  }

  /** Pointer input on the overlay for the active tool. */
  pointer(e: PointerEvent, tool: Tool | null, color: string, label: () => string): void {
    if (!tool) return;
    if (e.type === 'pointerdown') {
      const at = this.#framePoint(e);
      if (!at) return;
      try {
        (e.currentTarget as Element).setPointerCapture(e.pointerId);
      } catch {
        // Synthetic or already released pointers cannot be captured; drawing still works.
      }
      if (tool === 'pen') {
        const r = this.ar.beginStroke({ color, width: PEN_WIDTH, points: [at.frame] });
        if (r.ok) this.#pointer = { tool, id: r.value };
      } else {
        this.#pointer = { tool, start: at.view, now: at.view };
      }
      return;
    }
    const p = this.#pointer;
    if (!p) return;
    const at = this.#framePoint(e, true);
    if (e.type === 'pointermove') {
      if (p.tool === 'pen' && p.id && at) this.ar.extendStroke(p.id, [at.frame]);
      if (p.tool === 'marker' && at) {
        p.now = at.view;
        this.draw();
      }
      return;
    }
    // pointerup / pointercancel
    this.#pointer = null;
    if (p.tool === 'pen' && p.id) this.ar.endStroke(p.id);
    if (p.tool === 'marker' && p.start && at && e.type === 'pointerup') {
      const layout = this.#layout();
      const a = layout && viewPointToFrame(layout, p.start, 'clamp');
      if (a) this.placeMarker(label(), a, at.frame);
    }
    this.draw();
  }

  /** Places a marker on the box spanned by two frame points (a small drag or a tap gets a default box). */
  placeMarker(label: string, a: { x: number; y: number }, b: { x: number; y: number }): string | undefined {
    let box = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      width: Math.abs(a.x - b.x),
      height: Math.abs(a.y - b.y),
    };
    if (box.width < 0.02 || box.height < 0.02) {
      const side = 0.2;
      box = {
        x: Math.min(1 - side, Math.max(0, a.x - side / 2)),
        y: Math.min(1 - side, Math.max(0, a.y - side / 2)),
        width: side,
        height: side,
      };
    }
    const r = this.ar.addMarker({ label, box, confidence: 1, status: 'tracking' });
    if (!r.ok) return undefined;
    this.#track(r.value, box);
    return r.value;
  }

  /** Staff side: follow the marked object in the video shown here and share the marker's new box. */
  #track(id: string, box: { x: number; y: number; width: number; height: number }): void {
    const video = this.#host.surface();
    if (!video) return;
    if (!this.#tracking) {
      try {
        this.#tracking = (this.#o.tracking ?? (() => createTrackingWorker()))();
      } catch {
        return; // No workers here: the marker stays where it was placed.
      }
      this.#stopTracking = trackVideo(video, this.#tracking);
      this.#subs.push(
        this.#tracking.results$.subscribe((u) => {
          const m = this.state.markers[u.markerId];
          if (!m || m.removed) return;
          const moved =
            Math.abs(m.box.x - u.box.x) + Math.abs(m.box.y - u.box.y) + Math.abs(m.box.width - u.box.width) >
            0.002;
          if (!moved && m.status === u.status) return;
          this.ar.updateMarker(u.markerId, { box: u.box, confidence: u.confidence, status: u.status });
        }),
      );
    }
    this.#tracked.add(id);
    this.#tracking.track(id, box);
  }

  #untrackRemoved(): void {
    for (const id of this.#tracked) {
      if (this.state.markers[id]?.removed) {
        this.#tracked.delete(id);
        this.#tracking?.remove(id);
      }
    }
  }

  /** Captures the surface video at full resolution, shares it for annotation and queues its upload. */
  async screenshot(): Promise<{ ok: boolean; reason?: string }> {
    const video = this.#host.surface();
    if (!video) return { ok: false, reason: 'not-ready' };
    const shot = await captureFrame(video, 'image/jpeg', 0.92);
    if (shot.error) return { ok: false, reason: shot.error.code ?? 'capture-failed' };
    const id = crypto.randomUUID();
    const screenshot = {
      id,
      sessionId: this.#o.sessionId || 'unsaved',
      capturedAt: Date.now(),
      capturedBy: this.#o.participantId,
      width: shot.data.width,
      height: shot.data.height,
    };
    const preview = await previewOf(shot.data.blob);
    await this.#addImage(id, preview);
    const opened = this.ar.openScreenshot(screenshot);
    if (!opened.ok) return { ok: false, reason: opened.rejection.code };
    this.annotation.view(id);
    this.#previews.set(id, preview);
    void sendImage(this.#o.transport, id, preview);
    if (this.#queue && this.#o.sessionId) {
      this.#queuedOps.set(id, new Set());
      const { capturedAt, capturedBy, width, height } = screenshot;
      await this.#queue.enqueueScreenshot({
        sessionId: this.#o.sessionId,
        image: shot.data.blob,
        meta: { id, capturedAt, capturedBy, width, height, annotations: [] },
      });
    }
    return { ok: true };
  }

  async #addImage(id: string, blob: Blob): Promise<void> {
    if (this.images.has(id)) return;
    const bitmap = await createImageBitmap(blob);
    this.images.set(id, { url: URL.createObjectURL(blob), bitmap });
    this.drawAnnotations();
    this.#host.requestUpdate();
  }

  /** Ops of own screenshots not queued yet go to the annotations route, in one batch per burst. */
  #queueNewOps(): void {
    if (!this.#queue || this.#batch) return;
    this.#batch = setTimeout(() => void this.#flushOps(), ANNOTATION_BATCH_MS);
  }

  #flushOps(): Promise<unknown> {
    if (this.#batch) clearTimeout(this.#batch);
    this.#batch = undefined;
    const pending: Promise<unknown>[] = [];
    for (const [id, queued] of this.#queuedOps) {
      const entry = this.state.screenshots[id];
      if (!entry) continue;
      const fresh = Object.values(entry.ops).filter((op) => !queued.has(op.id));
      if (fresh.length === 0) continue;
      for (const op of fresh) queued.add(op.id);
      if (this.#queue)
        pending.push(
          this.#queue.enqueueAnnotations({ sessionId: this.#o.sessionId, screenshotId: id, ops: fresh }),
        );
    }
    return Promise.all(pending);
  }

  /** Paints the open screenshot with its ops (and the line being drawn here). */
  drawAnnotations(): void {
    const entry = this.openScreenshot;
    const canvas = this.#host.annotationCanvas();
    if (!entry || !canvas) return;
    const ctx = prepareCanvas(canvas);
    if (!ctx) return;
    const ops = renderedOps(entry.ops);
    const draft = this.#annotationDraft;
    drawAnnotations(
      ctx,
      canvas.clientWidth,
      canvas.clientHeight,
      this.images.get(entry.screenshot.id)?.bitmap,
      ops,
      draft ? { color: this.#draftColor, width: PEN_WIDTH, points: draft } : undefined,
    );
    canvas.dataset.ops = String(ops.length);
  }

  #draftColor = '#ff3b30';

  /** Pointer input on the annotation view: a pen line becomes one op on pointer up. */
  annotationPointer(e: PointerEvent, color: string): void {
    const entry = this.openScreenshot;
    const canvas = e.currentTarget as HTMLCanvasElement;
    const r = canvas.getBoundingClientRect();
    if (!entry || !r.width || !r.height) return;
    const p = {
      x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)),
      y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)),
    };
    if (e.type === 'pointerdown') {
      try {
        canvas.setPointerCapture(e.pointerId);
      } catch {
        // See pointer().
      }
      this.#draftColor = color;
      this.#annotationDraft = [p];
    } else if (e.type === 'pointermove' && this.#annotationDraft) {
      if (this.#annotationDraft.length < MAX_PEN_POINTS) this.#annotationDraft.push(p);
    } else if (this.#annotationDraft) {
      const points = this.#annotationDraft;
      this.#annotationDraft = null;
      if (e.type === 'pointerup') {
        this.ar.annotate(entry.screenshot.id, [{ kind: 'pen', color, width: PEN_WIDTH, points }]);
        this.annotation.drew();
      }
    }
    this.drawAnnotations();
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
    cancelAnimationFrame(this.#frame);
    // Ops drawn just before leaving are still saved (the queue persists them before it stops).
    const flushed = this.#batch ? this.#flushOps() : Promise.resolve();
    this.#resize.disconnect();
    this.#stopTracking?.();
    this.#tracking?.terminate();
    for (const s of this.#subs) s.unsubscribe();
    this.ar.dispose();
    if (this.#ownsQueue) void flushed.then(() => this.#queue?.stop());
    for (const { url, bitmap } of this.images.values()) {
      URL.revokeObjectURL(url);
      bitmap.close();
    }
  }
}
