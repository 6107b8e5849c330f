import {
  type ArSession,
  type ArState,
  captureFrame,
  createUploadQueue,
  onConnected,
  type UploadProgress,
} from '@sightline/core';
import type { Subscription } from 'rxjs';
import type { MediaTransport, UploadQueue } from '../../../shared/sdk.js';
import type { AnnotationView } from './annotation-view.js';
import { previewOf, receiveImages, sendImage } from './image-transfer.js';

/** How long after the last op the ops made since are queued for upload (one request per burst). */
const ANNOTATION_BATCH_MS = 400;

/** What screenshot sharing needs from the tools and the element. */
export interface ScreenshotSharingContext {
  transport: MediaTransport;
  participantId: string;
  /** The session screenshots are saved to ('' = not saved). */
  sessionId: string;
  /** Where screenshots wait for the server; with `baseUrl` instead, one over IndexedDB is made. */
  queue?: UploadQueue | undefined;
  baseUrl?: string | undefined;
  getToken?: (() => string | undefined) | undefined;
  /** The video whose picture is captured. */
  surface(): HTMLVideoElement | null;
  state(): ArState;
  /** A picture arrived: the open screenshot is painted again. */
  drawAnnotations(): void;
  requestUpdate(): void;
  /** A screenshot taken here was saved to the session. */
  screenshotSaved(screenshotId: string): void;
}

/**
 * Screenshots of the call (VS-11): one taken here is captured at full resolution, opened for
 * annotation, its picture sent to the other side (again when the peer reconnects) and queued for
 * upload with the annotation ops drawn on it since, in one batch per burst. Pictures of both sides'
 * screenshots are kept here as object URLs and decoded images.
 */
export class ScreenshotSharing {
  /** Screenshot pictures by id (object URLs and decoded images). */
  readonly images = new Map<string, { url: string; bitmap: ImageBitmap }>();
  /** Upload progress of the screenshots taken here, by screenshot id. */
  readonly progress = new Map<string, UploadProgress>();

  readonly #ar: ArSession;
  readonly #annotation: AnnotationView;
  readonly #ctx: ScreenshotSharingContext;
  readonly #queue: UploadQueue | undefined;
  readonly #ownsQueue: boolean;
  readonly #subs: Subscription[] = [];
  /** Own screenshots' previews, resent when the peer (re)connects (it may have missed them). */
  readonly #previews = new Map<string, Blob>();
  /** Ops of own screenshots already queued for upload. */
  readonly #queuedOps = new Map<string, Set<string>>();
  #batch: ReturnType<typeof setTimeout> | undefined;

  constructor(ar: ArSession, annotation: AnnotationView, ctx: ScreenshotSharingContext) {
    this.#ar = ar;
    this.#annotation = annotation;
    this.#ctx = ctx;
    this.#ownsQueue = !ctx.queue && !!ctx.baseUrl;
    this.#queue =
      ctx.queue ??
      (ctx.baseUrl
        ? createUploadQueue({ baseUrl: ctx.baseUrl, getToken: ctx.getToken ?? (() => undefined) })
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
            if (p.status === 'done' && before?.status !== 'done') ctx.screenshotSaved(id);
          }
          ctx.requestUpdate();
        }),
      );
    }
    // The other side's pictures arrive in chunks; own ones go again when the peer (re)connects.
    this.#subs.push(
      receiveImages(ctx.transport, (id, blob) => void this.#addImage(id, blob)),
      onConnected(ctx.transport.connectionState$, () => {
        for (const [id, blob] of this.#previews)
          if (ctx.state().screenshots[id]?.open) void sendImage(ctx.transport, id, blob);
      }),
    );
  }

  /** Captures the surface video at full resolution, shares it for annotation and queues its upload. */
  async take(): Promise<{ ok: boolean; reason?: string }> {
    const video = this.#ctx.surface();
    if (!video) return { ok: false, reason: 'not-ready' };
    const shot = await captureFrame(video, 'image/jpeg', 0.92);
    if (shot.error) return { ok: false, reason: shot.error.code ?? 'capture-failed' };
    const id = crypto.randomUUID();
    const screenshot = {
      id,
      sessionId: this.#ctx.sessionId || 'unsaved',
      capturedAt: Date.now(),
      capturedBy: this.#ctx.participantId,
      width: shot.data.width,
      height: shot.data.height,
    };
    const preview = await previewOf(shot.data.blob);
    await this.#addImage(id, preview);
    const opened = this.#ar.openScreenshot(screenshot);
    if (!opened.ok) return { ok: false, reason: opened.rejection.code };
    this.#annotation.view(id);
    this.#previews.set(id, preview);
    void sendImage(this.#ctx.transport, id, preview);
    if (this.#queue && this.#ctx.sessionId) {
      this.#queuedOps.set(id, new Set());
      const { capturedAt, capturedBy, width, height } = screenshot;
      await this.#queue.enqueueScreenshot({
        sessionId: this.#ctx.sessionId,
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
    this.#ctx.drawAnnotations();
    this.#ctx.requestUpdate();
  }

  /** Ops of own screenshots not queued yet go to the annotations route, in one batch per burst. */
  queueNewOps(): void {
    if (!this.#queue || this.#batch) return;
    this.#batch = setTimeout(() => void this.#flushOps(), ANNOTATION_BATCH_MS);
  }

  #flushOps(): Promise<unknown> {
    if (this.#batch) clearTimeout(this.#batch);
    this.#batch = undefined;
    const pending: Promise<unknown>[] = [];
    for (const [id, queued] of this.#queuedOps) {
      const entry = this.#ctx.state().screenshots[id];
      if (!entry) continue;
      const fresh = Object.values(entry.ops).filter((op) => !queued.has(op.id));
      if (fresh.length === 0) continue;
      for (const op of fresh) queued.add(op.id);
      if (this.#queue)
        pending.push(
          this.#queue.enqueueAnnotations({ sessionId: this.#ctx.sessionId, screenshotId: id, ops: fresh }),
        );
    }
    return Promise.all(pending);
  }

  /**
   * Stops sharing: ops drawn just before are still queued (an own queue persists them before it
   * stops), and the pictures are released.
   */
  dispose(): void {
    const flushed = this.#batch ? this.#flushOps() : Promise.resolve();
    for (const s of this.#subs) s.unsubscribe();
    if (this.#ownsQueue) void flushed.then(() => this.#queue?.stop());
    for (const { url, bitmap } of this.images.values()) {
      URL.revokeObjectURL(url);
      bitmap.close();
    }
  }
}
