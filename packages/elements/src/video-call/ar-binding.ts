import { emit } from '../shared/events.js';
import type { MediaTransport } from '../shared/sdk.js';
import type { SightlineVideoCall } from './video-call.component.js';

/** What the binding needs from the call element beyond its public members. */
export interface ArBindingContext {
  /** The live transport (undefined once the call has ended). */
  live(): MediaTransport | undefined;
  participantId(): string | undefined;
  /** The SDK instance's server and token (for screenshot uploads). */
  baseUrl(): string;
  token(): string | undefined;
  side(): 'staff' | 'customer';
  applyMirror(mirrored: boolean): void;
}

export type ArAction = 'pen' | 'marker' | 'screenshot' | 'close' | 'place-marker';

/**
 * Keeps the call's AR tools (VS-11 … VS-14) bound to the live call: loaded on demand once it is live,
 * rebuilt when the transport or this side's capabilities change, disposed when it ends; runs the
 * tool bar's actions.
 */
export class ArBinding {
  #for: MediaTransport | undefined;
  #caps = '';
  #markerCount = 0;

  constructor(
    private readonly el: SightlineVideoCall,
    private readonly ctx: ArBindingContext,
  ) {}

  sync(): void {
    const { el } = this;
    const live = this.ctx.live();
    const caps = [...el.arCapabilities].join();
    if (live === this.#for && caps === this.#caps) return;
    el.arTools?.dispose();
    el.arTools = undefined;
    this.#for = live;
    this.#caps = caps;
    if (!live) return;
    void import('./ar/ar-tools.js').then(({ ArTools }) => {
      if (this.#for !== live) return;
      // The SDK instance knows its server, wherever it came from (attributes, a provider across shadow
      // roots, or a property).
      const baseUrl = this.ctx.baseUrl();
      const side = this.ctx.side();
      el.arTools = new ArTools(
        {
          requestUpdate: () => el.requestUpdate(),
          surface: () => el.arSurface,
          overlay: () => el.renderRoot.querySelector('[part="overlay"]'),
          annotationCanvas: () => el.renderRoot.querySelector('[part="annotation"] canvas'),
          mirrored: () => el.mirrored,
          mirrorChanged: (m) => {
            if (m !== el.mirrored) this.ctx.applyMirror(m);
          },
          screenshotShared: () => {
            el.arNotice = el.arTerms.shared;
          },
          screenshotSaved: (screenshotId) => {
            el.arNotice = el.arTerms.saved;
            emit(el, 'sightline-screenshot', { screenshotId, sessionId: el.sessionId });
          },
        },
        {
          transport: live,
          participantId: el.participantId || this.ctx.participantId() || `${side}-${crypto.randomUUID()}`,
          role: side,
          capabilities: el.arCapabilities,
          sessionId: el.sessionId,
          queue: el.uploadQueue,
          baseUrl: el.uploadQueue ? undefined : baseUrl || undefined,
          getToken: () => this.ctx.token(),
          ...(el.trackingWorker ? { tracking: el.trackingWorker } : {}),
        },
      );
      // A mirror set before the tools loaded is shared now.
      if (el.mirrored && el.arTools.can('ar.mirror')) el.arTools.ar.setMirror(true);
    });
  }

  /** Runs the AR tool bar's actions (from `video-call.ar.ts`). */
  async action(action: ArAction): Promise<void> {
    const { el } = this;
    const tools = el.arTools;
    if (action === 'pen' || action === 'marker') {
      el.arTool = el.arTool === action ? null : action;
      return;
    }
    if (!tools) return;
    if (action === 'close') tools.closeScreenshot();
    if (action === 'place-marker') {
      tools.placeMarker(this.nextMarkerLabel(), { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 });
      el.arLabel = '';
    }
    if (action === 'screenshot') {
      el.arBusy = true;
      const r = await tools.screenshot();
      el.arBusy = false;
      if (!r.ok) el.arNotice = r.reason === 'not-ready' ? el.arTerms.notReady : el.arTerms.failed;
      // The new screenshot is open here: focus moves to it.
      else
        void el.updateComplete.then(() =>
          el.renderRoot.querySelector<HTMLElement>('[part="annotation"]')?.focus(),
        );
    }
  }

  /** The label for the next marker (typed, or "Marker n"). */
  nextMarkerLabel(): string {
    this.#markerCount += 1;
    return this.el.arLabel.trim() || this.el.arTerms.markerDefault(this.#markerCount);
  }

  dispose(): void {
    this.el.arTools?.dispose();
    this.el.arTools = undefined;
    this.#for = undefined;
  }
}
