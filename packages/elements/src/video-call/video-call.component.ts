import type { PropertyValues, TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import { ObserveController } from '../shared/observe-controller.js';
import type {
  ConnectionState,
  Me,
  MediaTransport,
  PortalFeatures,
  Problem,
  TrackingWorker,
  UploadQueue,
} from '../shared/sdk.js';
import { SightlineElement } from '../shared/sightline-element.js';
import type { SightlineArLayer } from './ar/ar-layer.component.js';
import type { ArTools } from './ar/ar-tools.js';
import { type ArCapability, arCapabilities } from './ar-capabilities.js';
import { CallFeatures } from './call-features.js';
import { type CallFailure, CallMedia } from './call-media.js';
import { callTexts } from './call-translations.js';
import { CallViewModes } from './controls/view-modes.js';
import { PresenceStatus } from './presence/presence-status.js';
import { SessionCall } from './session-call.js';
import { videoCallStyles } from './video-call.styles.js';
import { type ArLayerInputs, callView } from './video-call.view.js';

type Side = 'staff' | 'customer';

/**
 * @tagname sightline-video-call
 * @summary A one-to-one support call: the other side's video large, your own preview small, and
 * controls for camera, microphone, mirror (staff), camera/microphone choice and hanging up; a visible
 * connecting / reconnecting state (VS-8, VS-9, VS-14).
 *
 * Give it either a session (`session-id` plus an SDK instance: the element uses `sightline.call()`,
 * and with `autostart` starts or joins the call at once) or a ready `transport` (any
 * `MediaTransport`; the host joins and leaves it).
 *
 * @event {CustomEvent<CallEventDetail>} sightline-call-start - The call's media connected.
 * @event {CustomEvent<CallEventDetail>} sightline-call-end - The call ended (hung up here, or by the other side).
 * @event {CustomEvent<Problem>} sightline-error - Starting or ending the call failed.
 * @event {CustomEvent<ScreenshotEventDetail>} sightline-screenshot - A screenshot taken here was saved to the session (VS-11).
 *
 * AR tools (VS-11 … VS-14), offered as the shared permission rules allow for this side: drawing and
 * screenshots for both sides, markers and mirror for staff, each only where the portal, team and
 * agent settings allow it: in session mode the server's `capabilities` for this caller decide (a
 * disabled tool is not shown), otherwise the portal's `features` when the host provides them (MC-5). Everyone draws on the customer's camera: staff on the
 * remote video, the customer on their own (shown large). The tools are a `<sightline-ar-layer>` over
 * the video, defined with the call's element (so its toolbar is there from the first frame); its
 * parts are exported as the call's.
 *
 * The host carries a `connection` attribute with the media connection's state (`idle`, `connecting`,
 * `connected`, `reconnecting`, `disconnected`, `failed`), for styling from the host page.
 *
 * @csspart base - The call's frame.
 * @csspart stage - The video area.
 * @csspart remote-video - The other side's video.
 * @csspart local-video - Your own preview.
 * @csspart status - The connection state line (a live region).
 * @csspart controls - The row of controls.
 * @csspart end - The end-call button (on a narrow call, always in view at the end of the bar).
 * @csspart timer - How long the call has been connected.
 * @csspart quality - The connection's quality as signal bars (good, fair, poor in words).
 * @csspart name-card - The other side's name while its camera is off.
 * @csspart name-tag - The other side's name (and "Muted") over its running camera.
 * @csspart presence-banner - The other side has left, and when the call ends unless they return.
 * @csspart overlay - The drawing canvas over the video.
 * @csspart markers - The layer of tracked markers over the video.
 * @csspart tools - The AR tool bar.
 * @csspart annotation - The screenshot annotation dialog.
 * @csspart gallery - The screenshots of the call.
 * @csspart upload - A screenshot upload's progress.
 *
 * @cssproperty --sightline-video-call-background - Stage background (default `--sightline-theme-video-background`).
 * @cssproperty --sightline-video-call-aspect-ratio - Stage aspect ratio (default `--sightline-theme-video-aspect-ratio`, 16 / 9).
 * @cssproperty --sightline-video-call-marker-color - Outline of tracked markers (default `#ffd60a`).
 * @cssproperty --sightline-video-call-preview-width - Width of your own preview (default `--sightline-theme-preview-width`, 25%).
 *
 * @example
 * <sightline-video-call session-id="ses_123" autostart></sightline-video-call>
 */
export class SightlineVideoCall extends SightlineElement {
  static override properties = {
    sessionId: { attribute: 'session-id' },
    autostart: { type: Boolean },
    roleInCall: { attribute: 'role-in-call' },
    transport: { attribute: false },
    mirrored: { type: Boolean, reflect: true },
    features: { attribute: false },
    capabilities: { attribute: false },
    uploadQueue: { attribute: false },
    trackingWorker: { attribute: false },
    participantId: { attribute: 'participant-id' },
    problem: { state: true, attribute: false },
    failure: { state: true, attribute: false },
    ended: { state: true, attribute: false },
  };
  static override styles = videoCallStyles;

  constructor() {
    super();
    this.localize.need(callTexts);
  }

  /** The session whose call this is (with an SDK instance). */
  sessionId = '';
  /** Start (or join) the call as soon as the element has an SDK instance and a session. */
  autostart = false;
  /** Which side this is; by default the signed-in user's kind. Staff get the mirror control. */
  roleInCall: Side | '' = '';
  /** A media transport to show and control directly, instead of `sightline.call()`. */
  transport: MediaTransport | undefined;
  /** Whether the other side's video is mirrored (VS-14). Reflected. */
  mirrored = false;
  /** The portal's feature modes, when the host knows them: AR tools it turns off are hidden (MC-5). */
  features: Partial<PortalFeatures> | undefined;
  /**
   * What the server says this side may do (`capabilities` of the session or of the call join). In
   * session mode the element reads them from the session itself; set this to override, e.g. with a
   * `transport` of your own. Only the AR tools listed are offered (MC-5).
   */
  capabilities: readonly string[] | undefined;
  /** Where screenshots wait for the server; by default one over IndexedDB with `base-url` and the SDK's token. */
  uploadQueue: UploadQueue | undefined;
  /**
   * Starts the marker tracking worker (default: core's module worker next to its code). Hosts whose
   * bundler cannot emit that worker pass their own.
   */
  trackingWorker: (() => TrackingWorker) | undefined;
  /** This side's participant id in AR messages (default: the signed-in user's). */
  participantId = '';

  /** The AR tools of the live call, once loaded (for tests and hosts that inspect the AR state). */
  get arTools(): ArTools | undefined {
    return this.#arLayer?.tools;
  }

  private problem: Problem | undefined;
  private failure: string | undefined;
  private ended = false;
  /** Full screen, picture-in-picture and the narrow call's menu of more controls. */
  readonly #modes = new CallViewModes(this);

  #started = false;
  #announcedFor: MediaTransport | undefined;

  readonly #me = new ObserveController<Me | undefined>(this);
  /** Chat, clock, quality, the other side, the summary answer and recording. */
  readonly #features = new CallFeatures(this, {
    sdk: () => this.sdk,
    sessionId: () => this.sessionId,
    me: () => this.#me.value,
    side: () => this.#side,
    capabilities: () => this.capabilities ?? this.#sdkCall.session?.capabilities ?? [],
    callId: () => this.#sdkCall.callIdDetail.callId,
    video: () => this.arSurface,
    overlays: () => [
      ...(this.#arLayer?.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[part="overlay"]') ?? []),
    ],
    audio: () => [this.#media.local, this.#media.remote].filter((s): s is MediaStream => !!s),
  });

  /** Chat is on for this side: the server's capabilities in session mode, on otherwise. */
  get #mayChat(): boolean {
    const server = this.capabilities ?? this.#sdkCall.session?.capabilities;
    return !!this.sessionId && (server === undefined || server.includes('chat.send'));
  }
  /** Who is still in the call (VS-9): the other side away, and the countdown to the call's end. */
  readonly #presenceStatus = new PresenceStatus(this);
  /** In session mode, the SDK's call of the session and the session itself. */
  readonly #sdkCall = new SessionCall(this, {
    ended: () => this.#finish(),
    presence: (v) => {
      this.#presenceStatus.view = v;
    },
    mirrored: (m) => {
      this.mirrored = m;
    },
  });
  /** The transport's connection, streams, camera and microphone state and errors; devices; sound. */
  readonly #media = new CallMedia(this, {
    onConnection: (s) => this.#onConnection(s),
    onFailure: (code) => {
      this.failure = code;
    },
  });

  /** The transport in use: the `transport` property, else the SDK call's. */
  get activeTransport(): MediaTransport | undefined {
    return this.transport ?? this.#sdkCall.transport;
  }

  get #side(): Side {
    if (this.roleInCall) return this.roleInCall;
    return this.#me.value?.kind === 'customer' ? 'customer' : 'staff';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#features.detach();
    // A call this element started must not keep the camera running once the element is gone.
    const call = this.#sdkCall.call;
    if (call && this.#started && !this.ended) void call.end();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk') || changed.has('sessionId')) {
      this.#me.source = this.sdk?.me$;
      this.#sdkCall.follow(this.sdk, this.sessionId);
      this.#features.reset();
    }
    const transport = this.activeTransport;
    if (this.#media.follow(transport) && transport) this.ended = false;
    if (this.autostart && this.#sdkCall.call && !this.#started) void this.start();
  }

  protected override updated(): void {
    // VS-15: chat while the call is live, when the server lists it for this side.
    this.#features.follow({
      transport: this.activeTransport && !this.ended ? this.activeTransport : undefined,
      remote: this.#media.remote ?? null,
      connected: this.#media.connection === 'connected',
      mayChat: this.#mayChat,
    });
    // The connection state on the host, for host-page styling (`sightline-video-call[connection='reconnecting']`)
    // and automation.
    const connection = this.#media.connection ?? 'idle';
    if (this.getAttribute('connection') !== connection) this.setAttribute('connection', connection);
    this.#media.sync(this.renderRoot);
  }

  /** Starts the call of `session-id`, or joins the one already running (needs `sightline.call`). */
  async start(): Promise<void> {
    const call = this.#sdkCall.call;
    if (!call) {
      this.failure = 'unavailable';
      return;
    }
    this.#started = true;
    this.ended = false;
    this.problem = undefined;
    this.failure = undefined;
    const { error } = await call.start();
    if (error) {
      this.problem = error;
      emit(this, 'sightline-error', error);
    }
  }

  /** Hangs up: ends the call on the server (session mode) or leaves the transport. */
  async end(): Promise<void> {
    const call = this.#sdkCall.call;
    if (call) {
      const { error } = await call.end();
      if (error) {
        this.problem = error;
        emit(this, 'sightline-error', error);
      }
    } else {
      await this.transport?.leave();
    }
    this.#finish();
  }

  #onConnection(state: ConnectionState): void {
    const transport = this.activeTransport;
    if (state === 'connected') this.#features.clock.start();
    if (state === 'connected' && transport && this.#announcedFor !== transport) {
      this.#announcedFor = transport;
      // Started here, and the Start button that had focus is gone: focus goes to the controls.
      const focused = document.activeElement;
      if (this.#started && (!focused || focused === document.body))
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>('[data-action="microphone"]')?.focus(),
        );
      emit(this, 'sightline-call-start', { sessionId: this.sessionId, ...this.#sdkCall.callIdDetail });
    }
    if (state === 'disconnected' && this.#announcedFor === transport) this.#finish();
  }

  #finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.#announcedFor = undefined;
    this.#features.clock.stop();
    const phase = this.#sdkCall.phase;
    const reason = phase?.phase === 'ended' ? phase.reason : undefined;
    emit(this, 'sightline-call-end', {
      sessionId: this.sessionId,
      ...this.#sdkCall.callIdDetail,
      ...(reason ? { reason } : {}),
    });
  }

  #toggleMirror(): void {
    const next = !this.mirrored;
    this.#applyMirror(next);
    // Shared with the other side through the AR session (VS-14); coordinates stay unmirrored.
    this.#arLayer?.shareMirror(next);
  }

  #applyMirror(mirrored: boolean): void {
    const call = this.#sdkCall.call;
    if (call) call.setMirrored(mirrored);
    else this.mirrored = mirrored;
  }

  /** @internal The AR tools this side may use. */
  get arCapabilities(): ReadonlySet<ArCapability> {
    const server = this.capabilities ?? this.#sdkCall.session?.capabilities;
    return arCapabilities(this.#side, this.#me.value, this.features, server);
  }

  /** @internal The video everyone draws on: the customer's camera. */
  get arSurface(): HTMLVideoElement | null {
    return this.renderRoot?.querySelector<HTMLVideoElement>(
      this.#side === 'staff' ? '[part="remote-video"]' : '[part="local-video"]',
    );
  }

  /**
   * @internal Whether the customer's camera shows a picture to act on: the surface video has frames
   * and, seen from staff, the customer has not turned the camera off.
   */
  get arHasPicture(): boolean {
    const surface = this.arSurface;
    if (!surface || surface.videoWidth === 0) return false;
    // A customer who has left leaves a frozen last frame: nothing to act on either.
    if (this.#side === 'staff')
      return this.#features.remote.state?.camera !== false && !this.#presenceStatus.absence;
    return this.#media.localMedia?.cameraEnabled !== false;
  }

  /** @internal The side of the call this element shows. */
  get side(): Side {
    return this.#side;
  }

  /** The AR layer over the video (an upgraded element once its code has loaded). */
  get #arLayer(): SightlineArLayer | undefined {
    const layer = this.renderRoot?.querySelector<SightlineArLayer>('sightline-ar-layer');
    return layer?.matches(':defined') ? layer : undefined;
  }

  /** The AR layer's inputs: the live transport and everything its tools need from this call. */
  get #arInputs(): ArLayerInputs {
    return {
      transport: this.activeTransport && !this.ended ? this.activeTransport : undefined,
      side: this.#side,
      participantId: this.participantId || this.#me.value?.participantId || '',
      capabilities: this.arCapabilities,
      sessionId: this.sessionId,
      uploadQueue: this.uploadQueue,
      trackingWorker: this.trackingWorker,
      sightline: this.sdk,
      baseUrl: this.baseUrl,
      surface: this.arSurface,
      mirrored: this.mirrored,
      hasPicture: this.arHasPicture,
      onMirror: (mirrored) => {
        if (mirrored !== this.mirrored) this.#applyMirror(mirrored);
      },
    };
  }

  async #run(op: Promise<{ ok: boolean; error?: CallFailure }>): Promise<void> {
    const r = await op;
    if (!r.ok && r.error) this.failure = r.error.code;
  }

  protected override render(): TemplateResult {
    const transport = this.activeTransport;
    const live = !!transport && !this.ended;
    const canStart = !!this.#sdkCall.call && !live && !this.autostart;
    return callView({
      lang: this.localize.lang,
      side: this.#side,
      transport,
      live,
      start: canStart ? (this.#sdkCall.session?.status === 'running' ? 'join' : 'start') : undefined,
      ended: this.ended,
      phase: this.#sdkCall.phase,
      failure: this.failure,
      problem: this.problem ? this.localize.problem(this.problem) : undefined,
      mirrored: this.mirrored,
      mayMirror: this.arCapabilities.has('ar.mirror'),
      mayChat: this.#mayChat,
      media: this.#media,
      modes: this.#modes,
      features: this.#features,
      presence: this.#presenceStatus,
      ar: this.#arInputs,
      onVideo: () => this.requestUpdate(),
      onStart: () => void this.start(),
      onEnd: () => void this.end(),
      onMirror: () => this.#toggleMirror(),
      onSound: () => this.#media.playSound(this.renderRoot.querySelector('audio')),
      run: (op) => void this.#run(op),
    });
  }
}
