import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live as sameAsElement } from 'lit/directives/live.js';
import { emit } from '../shared/events.js';
import { ObserveController } from '../shared/observe-controller.js';
import type {
  CallPhase,
  CallPresenceView,
  CallSession,
  ConnectionState,
  LocalMediaState,
  Me,
  MediaTransport,
  PortalFeatures,
  Problem,
  TrackingWorker,
  UploadQueue,
  WireSession,
} from '../shared/sdk.js';
import { SightlineElement } from '../shared/sightline-element.js';
import type { ArTools } from './ar/ar-tools.js';
import { type ArAction, ArBinding } from './ar-binding.js';
import { type ArCapability, arCapabilities } from './ar-capabilities.js';
import { type ArTerms, arTranslations } from './ar-translations.js';
import { callTerms } from './call-translations.js';
import { CallChat } from './chat/call-chat.js';
import { chatPanel, chatToggle } from './chat/chat-panel.js';
import { chatTranslations } from './chat/chat-translations.js';
import { consentTranslations } from './chat/consent-translations.js';
import { SummaryConsent } from './chat/summary-consent.js';
import { summaryConsentView } from './chat/summary-consent-view.js';
import { CallClock, clockView } from './controls/call-clock.js';
import { callControls } from './controls/call-controls.js';
import { CallQuality, qualityView } from './controls/call-quality.js';
import { toggleFullscreen, togglePictureInPicture } from './controls/view-modes.js';
import { RemoteParticipant, remoteParticipantView } from './participants/remote-participant.js';
import { SpeakingMeter } from './participants/speaking.js';
import { absenceBanner, PresenceStatus } from './presence/presence-status.js';
import { presenceTranslations } from './presence/presence-translations.js';
import {
  CallRecording,
  recordButton,
  recordingConsentView,
  recordingStatus,
  recordingTranslations,
} from './recording/index.js';
import { statusLine } from './status/status-line.js';
import { arTemplates } from './video-call.ar.js';
import { videoCallStyles } from './video-call.styles.js';

type Side = 'staff' | 'customer';

/** The part of a call error the element reads (`CallError` from the call layer). */
interface CallFailure {
  readonly code: string;
}

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
 * remote video, the customer on their own (shown large). The tools' code loads on demand once a
 * call is live.
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
  static override styles = videoCallStyles;

  /** The session whose call this is (with an SDK instance). */
  @property({ attribute: 'session-id' }) sessionId = '';
  /** Start (or join) the call as soon as the element has an SDK instance and a session. */
  @property({ type: Boolean }) autostart = false;
  /** Which side this is; by default the signed-in user's kind. Staff get the mirror control. */
  @property({ attribute: 'role-in-call' }) roleInCall: Side | '' = '';
  /** A media transport to show and control directly, instead of `sightline.call()`. */
  @property({ attribute: false }) transport: MediaTransport | undefined;
  /** Whether the other side's video is mirrored (VS-14). Reflected. */
  @property({ type: Boolean, reflect: true }) mirrored = false;
  /** The portal's feature modes, when the host knows them: AR tools it turns off are hidden (MC-5). */
  @property({ attribute: false }) features: Partial<PortalFeatures> | undefined;
  /**
   * What the server says this side may do (`capabilities` of the session or of the call join). In
   * session mode the element reads them from the session itself; set this to override, e.g. with a
   * `transport` of your own. Only the AR tools listed are offered (MC-5).
   */
  @property({ attribute: false }) capabilities: readonly string[] | undefined;
  /** Where screenshots wait for the server; by default one over IndexedDB with `base-url` and the SDK's token. */
  @property({ attribute: false }) uploadQueue: UploadQueue | undefined;
  /**
   * Starts the marker tracking worker (default: core's module worker next to its code). Hosts whose
   * bundler cannot emit that worker pass their own.
   */
  @property({ attribute: false }) trackingWorker: (() => TrackingWorker) | undefined;
  /** This side's participant id in AR messages (default: the signed-in user's). */
  @property({ attribute: 'participant-id' }) participantId = '';

  /** @internal The active AR tool. */
  @state() arTool: 'pen' | 'marker' | null = null;
  /** @internal The pen colour. */
  @state() arColor = '#ff3b30';
  /** @internal The label of the next marker. */
  @state() arLabel = '';
  /** @internal A message about the last AR action (a live region). */
  @state() arNotice = '';
  /** @internal */
  @state() arBusy = false;
  /** The AR tools of the live call, once loaded (for tests and hosts that inspect the AR state). */
  @state() arTools: ArTools | undefined;
  readonly #ar = new ArBinding(this, {
    live: () => (this.activeTransport && !this.ended ? this.activeTransport : undefined),
    participantId: () => this.#me.value?.participantId,
    baseUrl: () => this.baseUrl || this.sdk?.baseUrl || '',
    token: () => this.sdk?.token,
    side: () => this.#side,
    applyMirror: (m) => this.#applyMirror(m),
  });

  @state() private problem: Problem | undefined;
  @state() private failure: string | undefined;
  @state() private ended = false;
  @state() private devices: MediaDeviceInfo[] = [];
  @state() private soundBlocked = false;
  /** On a narrow call, the menu with the controls beyond the first few is open. */
  @state() private moreOpen = false;
  /** The call fills the screen (its frame with the controls). */
  @state() private fullscreen = false;
  /** The other side's video floats in picture-in-picture. */
  @state() private pictureInPicture = false;
  readonly #onFullscreenChange = () => {
    this.fullscreen = !!this.shadowRoot?.fullscreenElement;
  };

  #call: CallSession | undefined;
  #started = false;
  #announcedFor: MediaTransport | undefined;

  readonly #me = new ObserveController<Me | undefined>(this);
  readonly #chat = new CallChat(this, {
    sdk: () => this.sdk,
    sessionId: () => this.sessionId,
    self: () => {
      const me = this.#me.value;
      return {
        displayName: me?.kind === 'staff' ? me.displayName : '',
        participantId: me?.participantId ?? '',
      };
    },
  });

  /** How long the call has been connected. */
  readonly #clock = new CallClock(this);
  /** Whether the other side is speaking, from its audio levels. */
  readonly #speaking = new SpeakingMeter(this);
  /** The connection's quality, from the call's stats. */
  readonly #quality = new CallQuality(this);
  /** Who the other side is, and whether its camera and microphone are on (VS-9). */
  readonly #remoteParticipant = new RemoteParticipant(this, () => {
    const me = this.#me.value;
    return me?.kind === 'staff' ? me.displayName : '';
  });

  /** SI-3: the customer's AI-summary answer for this session, asked at call start when still open. */
  readonly #consent = new SummaryConsent(this, {
    sdk: () => this.sdk,
    sessionId: () => this.sessionId,
    deviceId: () => (this.#me.value?.kind === 'customer' ? this.#me.value.deviceId : ''),
  });

  /** VS-10: recording with the customer's consent, shown on both sides while it runs. */
  readonly #recording = new CallRecording(this, {
    sdk: () => this.sdk,
    sessionId: () => this.sessionId,
    side: () => this.#side,
    capabilities: () => this.capabilities ?? this.#session.value?.capabilities ?? [],
    callId: () => this.#callId().callId,
    video: () => this.arSurface,
    overlays: () => [...this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[part="overlay"]')],
    audio: () => [this.#local.value, this.#remote.value].filter((s): s is MediaStream => !!s),
  });

  /** Chat is on for this side: the server's capabilities in session mode, on otherwise. */
  get #mayChat(): boolean {
    const server = this.capabilities ?? this.#session.value?.capabilities;
    return !!this.sessionId && (server === undefined || server.includes('chat.send'));
  }
  /** The session in session mode: it carries the caller's capabilities, as the server computed them. */
  readonly #session = new ObserveController<WireSession | undefined>(this);
  /** True once this element has seen its call starting or running (an SDK call session outlives a
   * call, so a new element can first see the `ended` phase of the session's previous call). */
  #sawCall = false;
  readonly #phase = new ObserveController<CallPhase>(this, (p) => {
    if (p.phase === 'starting' || p.phase === 'in-call') this.#sawCall = true;
    if (p.phase === 'ended' && this.#sawCall) {
      this.#sawCall = false;
      this.#finish();
    }
  });
  readonly #callTransport = new ObserveController<MediaTransport | undefined>(this);
  /** Who is still in the call (VS-9): the other side away, and the countdown to the call's end. */
  readonly #presenceStatus = new PresenceStatus(this);
  readonly #presence = new ObserveController<CallPresenceView | undefined>(this, (v) => {
    this.#presenceStatus.view = v;
  });
  readonly #mirrored = new ObserveController<boolean>(this, (m) => {
    this.mirrored = m;
  });
  readonly #connection = new ObserveController<ConnectionState>(this, (s) => this.#onConnection(s));
  readonly #local = new ObserveController<MediaStream | null>(this, () => void this.#listDevices());
  readonly #remote = new ObserveController<MediaStream | null>(this);
  readonly #media = new ObserveController<LocalMediaState>(this);
  readonly #errors = new ObserveController<CallFailure>(this, (e) => {
    this.failure = e.code;
  });
  readonly #onDeviceChange = () => void this.#listDevices();

  /** The transport in use: the `transport` property, else the SDK call's. */
  get activeTransport(): MediaTransport | undefined {
    return this.transport ?? this.#callTransport.value;
  }

  get #side(): Side {
    if (this.roleInCall) return this.roleInCall;
    return this.#me.value?.kind === 'customer' ? 'customer' : 'staff';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    navigator.mediaDevices?.addEventListener('devicechange', this.#onDeviceChange);
    document.addEventListener('fullscreenchange', this.#onFullscreenChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#chat.detach();
    this.#remoteParticipant.detach();
    this.#recording.dispose();
    this.#ar.dispose();
    navigator.mediaDevices?.removeEventListener('devicechange', this.#onDeviceChange);
    document.removeEventListener('fullscreenchange', this.#onFullscreenChange);
    // A call this element started must not keep the camera running once the element is gone.
    if (this.#call && this.#started && !this.ended) void this.#call.end();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk') || changed.has('sessionId')) {
      this.#me.source = this.sdk?.me$;
      this.#call = this.sdk && this.sessionId ? this.sdk.call(this.sessionId) : undefined;
      this.#session.source = this.sdk && this.sessionId ? this.sdk.session(this.sessionId).state$ : undefined;
      this.#phase.source = this.#call?.phase$;
      this.#callTransport.source = this.#call?.transport$;
      this.#presence.source = this.#call?.presence$;
      this.#mirrored.source = this.#call?.mirrored$;
      this.#consent.reset();
      this.#recording.reset();
    }
    const transport = this.activeTransport;
    if (this.#connection.source !== transport?.connectionState$) {
      this.#connection.source = transport?.connectionState$;
      this.#local.source = transport?.localStream$;
      this.#remote.source = transport?.remoteStream$;
      this.#media.source = transport?.localMedia$;
      this.#errors.source = transport?.errors$;
      if (transport) this.ended = false;
    }
    if (this.autostart && this.#call && !this.#started) void this.start();
  }

  protected override updated(): void {
    this.#ar.sync();
    // VS-15: chat while the call is live, when the server lists it for this side.
    const live = this.activeTransport && !this.ended ? this.activeTransport : undefined;
    this.#chat.attach(this.#mayChat ? live : undefined);
    this.#remoteParticipant.attach(live);
    this.#speaking.follow(live ? (this.#remote.value ?? null) : null);
    this.#quality.follow(live && this.#connection.value === 'connected' ? live : undefined);
    if (live && this.#side === 'customer') void this.#consent.load();
    if (live && this.sessionId) this.#recording.attach();
    else this.#recording.detach();
    const tools = this.arTools;
    tools?.draw();
    if (tools?.openScreenshot) tools.drawAnnotations();
    // The connection state on the host, for host-page styling (`sightline-video-call[connection='reconnecting']`)
    // and automation.
    const connection = this.#connection.value ?? 'idle';
    if (this.getAttribute('connection') !== connection) this.setAttribute('connection', connection);
    // Remote sound plays through its own element so the video can always autoplay muted; a browser
    // that blocks sound without a gesture gets a button (autoplay policy).
    const audio = this.renderRoot.querySelector('audio');
    const stream = this.#remote.value ?? null;
    if (audio && audio.srcObject !== stream) {
      audio.srcObject = stream;
      if (stream) {
        audio.play().then(
          () => {
            this.soundBlocked = false;
          },
          () => {
            this.soundBlocked = true;
          },
        );
      }
    }
  }

  /** Starts the call of `session-id`, or joins the one already running (needs `sightline.call`). */
  async start(): Promise<void> {
    if (!this.#call) {
      this.failure = 'unavailable';
      return;
    }
    this.#started = true;
    this.ended = false;
    this.problem = undefined;
    this.failure = undefined;
    const { error } = await this.#call.start();
    if (error) {
      this.problem = error;
      emit(this, 'sightline-error', error);
    }
  }

  /** Hangs up: ends the call on the server (session mode) or leaves the transport. */
  async end(): Promise<void> {
    if (this.#call) {
      const { error } = await this.#call.end();
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
    if (state === 'connected') this.#clock.start();
    if (state === 'connected' && transport && this.#announcedFor !== transport) {
      this.#announcedFor = transport;
      // Started here, and the Start button that had focus is gone: focus goes to the controls.
      const focused = document.activeElement;
      if (this.#started && (!focused || focused === document.body))
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>('[data-action="microphone"]')?.focus(),
        );
      emit(this, 'sightline-call-start', { sessionId: this.sessionId, ...this.#callId() });
    }
    if (state === 'disconnected' && this.#announcedFor === transport) this.#finish();
  }

  #callId(): { callId?: string } {
    const p = this.#phase.value;
    return p && 'callId' in p ? { callId: p.callId } : {};
  }

  #finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.#announcedFor = undefined;
    this.#clock.stop();
    const phase = this.#phase.value;
    const reason = phase?.phase === 'ended' ? phase.reason : undefined;
    emit(this, 'sightline-call-end', {
      sessionId: this.sessionId,
      ...this.#callId(),
      ...(reason ? { reason } : {}),
    });
  }

  async #listDevices(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    this.devices = all.filter((d) => d.kind === 'videoinput' || d.kind === 'audioinput');
  }

  #toggleMirror(): void {
    const next = !this.mirrored;
    this.#applyMirror(next);
    // Shared with the other side through the AR session (VS-14); coordinates stay unmirrored.
    if (this.arTools?.can('ar.mirror')) this.arTools.ar.setMirror(next);
  }

  #applyMirror(mirrored: boolean): void {
    if (this.#call) this.#call.setMirrored(mirrored);
    else this.mirrored = mirrored;
  }

  /** @internal The AR tools this side may use. */
  get arCapabilities(): ReadonlySet<ArCapability> {
    const server = this.capabilities ?? this.#session.value?.capabilities;
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
      return this.#remoteParticipant.state?.camera !== false && !this.#presenceStatus.absence;
    return this.#media.value?.cameraEnabled !== false;
  }

  /** @internal The AR tool bar's texts in the language in effect. */
  get arTerms(): ArTerms {
    return arTranslations[this.localize.lang];
  }

  /** @internal The side of the call this element shows. */
  get side(): Side {
    return this.#side;
  }

  /** @internal Runs the AR tool bar's actions (from `video-call.ar.ts`). */
  arAction(action: ArAction): Promise<void> {
    return this.#ar.action(action);
  }

  /** @internal The label for the next marker (typed, or "Marker n"). */
  nextMarkerLabel(): string {
    return this.#ar.nextMarkerLabel();
  }

  async #run(op: Promise<{ ok: boolean; error?: CallFailure }>): Promise<void> {
    const r = await op;
    if (!r.ok && r.error) this.failure = r.error.code;
  }

  #statusText(): string {
    return statusLine(
      {
        ended: this.ended,
        phase: this.#phase.value,
        lastAway: this.#presenceStatus.lastAway,
        absence: this.#presenceStatus.absence,
        failure: this.failure,
        problem: this.problem ? this.localize.problem(this.problem) : undefined,
        connection: this.#connection.value,
      },
      callTerms[this.localize.lang],
      presenceTranslations[this.localize.lang],
    );
  }

  protected override render(): TemplateResult {
    const t = callTerms[this.localize.lang];
    const transport = this.activeTransport;
    const media = this.#media.value;
    const connection = this.#connection.value ?? 'idle';
    const live = !!transport && !this.ended;
    const canStart = !!this.#call && !live && !this.autostart;
    const ar = arTemplates(this);
    const rt = recordingTranslations[this.localize.lang];
    // `live()` on `srcObject`: Lit sets object-valued properties on every render, and setting a
    // video's `srcObject` — even to the stream it already plays — reloads it (black frame, size 0).
    // The AR tools re-render often (markers follow the tracker), so compare with the element instead.
    return html`<section part="base" lang=${this.localize.lang} aria-labelledby="heading">
      <h2 id="heading" class="visually-hidden">${t.callHeading}</h2>
      <div part="stage" data-connection=${connection} class=${this.#side === 'customer' ? 'surface-local' : ''}>
        <video
          part="remote-video"
          @loadeddata=${() => this.requestUpdate()}
          @resize=${() => this.requestUpdate()}
          class=${this.mirrored && this.#side === 'staff' ? 'mirrored' : ''}
          aria-label=${t.remoteVideo}
          autoplay
          playsinline
          muted
          .muted=${true}
          .srcObject=${sameAsElement(this.#remote.value ?? null)}
        ></video>
        <video
          part="local-video"
          @loadeddata=${() => this.requestUpdate()}
          @resize=${() => this.requestUpdate()}
          aria-label=${t.ownVideo}
          class=${this.mirrored && this.#side === 'customer' ? 'mirrored' : ''}
          autoplay
          playsinline
          muted
          .muted=${true}
          ?hidden=${!media?.cameraEnabled}
          .srcObject=${sameAsElement(this.#local.value ?? null)}
        ></video>
        ${live ? ar.overlay : nothing}
        ${
          live
            ? remoteParticipantView(
                this.#remoteParticipant.state,
                presenceTranslations[this.localize.lang].who[this.#side === 'staff' ? 'customer' : 'staff'],
                presenceTranslations[this.localize.lang],
                this.#speaking.speaking,
              )
            : nothing
        }
        ${live ? clockView(this.#clock.elapsed, t.inCallFor) : nothing}
        ${live ? qualityView(this.#quality.quality, t.quality) : nothing}
        ${live ? absenceBanner(this.#presenceStatus.absence, presenceTranslations[this.localize.lang]) : nothing}
        <audio autoplay></audio>
      </div>
      <p part="status" role="status" aria-live="polite">${this.#statusText()}</p>
      ${recordingStatus(this.#recording, rt)}
      ${live ? ar.toolbar : nothing} ${ar.dialog}
      ${callControls({
        t,
        transport,
        media,
        live,
        start: canStart ? (this.#session.value?.status === 'running' ? 'join' : 'start') : undefined,
        soundBlocked: this.soundBlocked,
        mayMirror: this.arCapabilities.has('ar.mirror'),
        mirrored: this.mirrored,
        devices: this.devices,
        fullscreen: this.fullscreen,
        pictureInPicture: document.pictureInPictureEnabled ? this.pictureInPicture : undefined,
        extras: [
          recordButton(this.#recording, rt, live),
          live && this.#mayChat ? chatToggle(this.#chat, chatTranslations[this.localize.lang]) : nothing,
        ],
        moreOpen: this.moreOpen,
        onMore: (open) => {
          this.moreOpen = open;
          // Opening moves focus into the menu; closing (Escape) back to its button.
          void this.updateComplete.then(() =>
            this.renderRoot
              .querySelector<HTMLElement>(
                open ? '#more-controls button:not([disabled])' : '[data-action="more"]',
              )
              ?.focus(),
          );
        },
        onStart: () => void this.start(),
        onEnd: () => void this.end(),
        onSound: () =>
          void this.renderRoot
            .querySelector('audio')
            ?.play()
            .then(() => (this.soundBlocked = false)),
        onMirror: () => this.#toggleMirror(),
        onFullscreen: async () => {
          const frame = this.renderRoot.querySelector<HTMLElement>('[part="base"]');
          this.fullscreen = await toggleFullscreen(this.shadowRoot!, frame);
        },
        onPictureInPicture: async () => {
          const video = this.renderRoot.querySelector<HTMLVideoElement>('[part="remote-video"]');
          this.pictureInPicture = await togglePictureInPicture(video, () => (this.pictureInPicture = false));
        },
        run: (op) => void this.#run(op),
      })}
      ${live && this.#mayChat ? chatPanel(this.#chat, chatTranslations[this.localize.lang], this.#side === 'staff', this.localize.lang) : nothing}
      ${live && this.#side === 'customer' ? summaryConsentView(this.#consent, consentTranslations[this.localize.lang]) : nothing}
      ${live ? recordingConsentView(this.#recording, rt) : nothing}
    </section>`;
  }
}
