import type { PropertyValues, TemplateResult } from 'lit';
import { emit } from '../../shared/events.js';
import type { CallRole, MediaTransport, TrackingWorker, UploadQueue } from '../../shared/sdk.js';
import { SightlineElement } from '../../shared/sightline-element.js';
import type { ArCapability } from '../ar-capabilities.js';
import type { ArTerms } from '../ar-translations.js';
import { callTexts } from '../call-translations.js';
import { arLayerStyles } from './ar-layer.styles.js';
import { arLayerView } from './ar-layer.view.js';
import { ArTools } from './ar-tools.js';

const AR_CAPABILITIES: readonly ArCapability[] = ['ar.draw', 'ar.screenshot', 'ar.marker', 'ar.mirror'];

/** `sightline-ar-mirror` detail: the shared mirror flag changed through the AR session (VS-14). */
export interface ArMirrorDetail {
  readonly mirrored: boolean;
}

/** An action of the tool bar. */
export type ArAction = 'pen' | 'marker' | 'screenshot' | 'close' | 'place-marker';

/**
 * @tagname sightline-ar-layer
 * @summary The AR tools of one side of a live call (VS-11 … VS-14): the drawing overlay and the
 * tracked markers over the customer's camera, the tool bar, the screenshot gallery and the
 * annotation panel. `<sightline-video-call>` shows one over its video; on its own it needs a live
 * `transport` (its data messages carry the AR session) and the `surface` video everyone draws on.
 *
 * The AR session starts when the element is connected with a `transport` and ends when it is
 * disconnected, the transport goes or this side's `capabilities` change. Only the tools listed in
 * `capabilities` are offered.
 *
 * @slot surface - The picture the tools act on (the overlay covers it).
 * @slot - Content between the picture and the tool bar.
 *
 * @event {CustomEvent<ScreenshotEventDetail>} sightline-screenshot - A screenshot taken here was saved to the session (VS-11).
 * @event {CustomEvent<ArMirrorDetail>} sightline-ar-mirror - The other side (or this one) changed the shared mirror flag; not composed.
 *
 * @csspart overlay - The drawing canvas over the picture.
 * @csspart markers - The layer of tracked markers over the picture.
 * @csspart tools - The tool bar.
 * @csspart upload - A screenshot upload's progress.
 * @csspart annotation - The screenshot annotation panel.
 * @csspart gallery - The screenshots of the call.
 *
 * @cssproperty --sightline-video-call-marker-color - Outline of tracked markers (default `#ffd60a`).
 *
 * @example
 * <sightline-ar-layer role-in-call="staff" session-id="ses_123"><video slot="surface"></video></sightline-ar-layer>
 */
export class SightlineArLayer extends SightlineElement {
  static override properties = {
    transport: { attribute: false },
    roleInCall: { attribute: 'role-in-call' },
    participantId: { attribute: 'participant-id' },
    capabilities: { attribute: false },
    sessionId: { attribute: 'session-id' },
    uploadQueue: { attribute: false },
    trackingWorker: { attribute: false },
    surface: { attribute: false },
    mirrored: { type: Boolean },
    hasPicture: { attribute: false },
    tools: { state: true, attribute: false },
    tool: { state: true, attribute: false },
    color: { state: true, attribute: false },
    label: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    busy: { state: true, attribute: false },
  };
  static override styles = arLayerStyles;

  constructor() {
    super();
    this.localize.need(callTexts);
  }

  /** The live call's media transport; its data messages carry the AR session. */
  transport: MediaTransport | undefined;
  /** Which side of the call this is. */
  roleInCall: CallRole = 'staff';
  /** This side's participant id in AR messages (default: a new one per AR session). */
  participantId = '';
  /** The AR capabilities of this side (`ar.draw`, `ar.screenshot`, `ar.marker`, `ar.mirror`); others are ignored. */
  capabilities: Iterable<string> = [];
  /** The session screenshots are saved to ('' = not saved). */
  sessionId = '';
  /** Where screenshots wait for the server; by default one over IndexedDB with `base-url` and the SDK's token. */
  uploadQueue: UploadQueue | undefined;
  /** Starts the marker tracking worker (default: core's module worker next to its code). */
  trackingWorker: (() => TrackingWorker) | undefined;
  /** The video that shows the customer's camera, the picture everyone draws on. */
  surface: HTMLVideoElement | null = null;
  /** Whether the picture is shown mirrored (VS-14). */
  mirrored = false;
  /**
   * Whether the picture can be acted on; without it the tools are disabled with a hint. By default
   * the surface video has frames.
   */
  hasPicture: boolean | undefined;

  /** The AR tools of the live call, while connected with a transport. */
  tools: ArTools | undefined;
  /** The active tool. */
  tool: 'pen' | 'marker' | null = null;
  /** The pen colour. */
  color = '#ff3b30';
  /** The label of the next marker. */
  label = '';
  /** A message about the last action (a live region). */
  notice = '';
  /** A screenshot is being taken. */
  busy = false;

  #for: MediaTransport | undefined;
  #caps = '';
  #markerCount = 0;
  #watched: HTMLVideoElement | null = null;
  readonly #onVideo = () => this.requestUpdate();

  /** The AR capabilities in effect. */
  get allowed(): ReadonlySet<ArCapability> {
    const given = new Set(this.capabilities);
    return new Set(AR_CAPABILITIES.filter((c) => given.has(c)));
  }

  /** The texts in the language in effect. */
  get terms(): ArTerms {
    return callTexts.table[this.localize.lang].ar;
  }

  /** The language of the texts in effect. */
  get language(): string {
    return this.localize.lang;
  }

  /** Whether the picture can be acted on now. */
  get pictureReady(): boolean {
    return this.hasPicture ?? (this.surface?.videoWidth ?? 0) > 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watch(null);
    this.#dispose();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#watch(this.surface);
    const caps = [...this.allowed].join();
    if (this.transport === this.#for && caps === this.#caps && (this.tools || !this.transport)) return;
    this.#dispose();
    const transport = this.transport;
    if (!transport) return;
    this.#for = transport;
    this.#caps = caps;
    const role = this.roleInCall;
    const baseUrl = this.baseUrl || this.sdk?.baseUrl || '';
    this.tools = new ArTools(
      {
        requestUpdate: () => this.requestUpdate(),
        surface: () => this.surface,
        overlay: () => this.renderRoot.querySelector('[part="overlay"]'),
        annotationCanvas: () => this.renderRoot.querySelector('[part="annotation"] canvas'),
        mirrored: () => this.mirrored,
        mirrorChanged: (mirrored) => {
          if (mirrored !== this.mirrored)
            this.dispatchEvent(
              new CustomEvent<ArMirrorDetail>('sightline-ar-mirror', { detail: { mirrored } }),
            );
        },
        screenshotShared: () => {
          this.notice = this.terms.shared;
        },
        screenshotSaved: (screenshotId) => {
          this.notice = this.terms.saved;
          emit(this, 'sightline-screenshot', { screenshotId, sessionId: this.sessionId });
        },
      },
      {
        transport,
        participantId: this.participantId || `${role}-${crypto.randomUUID()}`,
        role,
        capabilities: this.allowed,
        sessionId: this.sessionId,
        queue: this.uploadQueue,
        baseUrl: this.uploadQueue ? undefined : baseUrl || undefined,
        getToken: () => this.sdk?.token,
        ...(this.trackingWorker ? { tracking: this.trackingWorker } : {}),
      },
    );
    // A mirror set before the session started is shared now.
    if (this.mirrored) this.shareMirror(true);
  }

  protected override updated(): void {
    const tools = this.tools;
    tools?.draw();
    if (tools?.openScreenshot) tools.drawAnnotations();
  }

  /** Shares this side's mirror flag with the other side (VS-14), when this side may mirror. */
  shareMirror(mirrored: boolean): void {
    if (this.tools?.can('ar.mirror')) this.tools.ar.setMirror(mirrored);
  }

  /** Runs a tool bar action. */
  async action(action: ArAction): Promise<void> {
    const tools = this.tools;
    if (action === 'pen' || action === 'marker') {
      this.tool = this.tool === action ? null : action;
      return;
    }
    if (!tools) return;
    if (action === 'close') tools.closeScreenshot();
    if (action === 'place-marker') {
      tools.placeMarker(this.nextMarkerLabel(), { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 });
      this.label = '';
    }
    if (action === 'screenshot') {
      this.busy = true;
      const r = await tools.screenshot();
      this.busy = false;
      if (!r.ok) this.notice = r.reason === 'not-ready' ? this.terms.notReady : this.terms.failed;
      // The new screenshot is open here: focus moves to it.
      else this.focusLater('[part="annotation"]');
    }
  }

  /** The label for the next marker (typed, or "Marker n"). */
  nextMarkerLabel(): string {
    this.#markerCount += 1;
    return this.label.trim() || this.terms.markerDefault(this.#markerCount);
  }

  /** Moves focus to the first match of `selector` once the next render is done. */
  focusLater(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  /** The picture's size or first frame changed: markers and overlay follow it. */
  #watch(video: HTMLVideoElement | null): void {
    if (video === this.#watched) return;
    for (const type of ['loadeddata', 'resize']) {
      this.#watched?.removeEventListener(type, this.#onVideo);
      video?.addEventListener(type, this.#onVideo);
    }
    this.#watched = video;
  }

  #dispose(): void {
    this.tools?.dispose();
    this.tools = undefined;
    this.#for = undefined;
    this.#caps = '';
  }

  protected override render(): TemplateResult {
    return arLayerView(this);
  }
}
