import { html, nothing, type TemplateResult } from 'lit';
import type { CallPhase, MediaTransport, Sightline, TrackingWorker, UploadQueue } from '../shared/sdk.js';
import type { ArMirrorDetail } from './ar/ar-layer.component.js';
import type { ArCapability } from './ar-capabilities.js';
import type { CallFeatures } from './call-features.js';
import type { CallMedia } from './call-media.js';
import { callTerms, callTexts } from './call-translations.js';
import { chatPanel, chatToggle } from './chat/chat-panel.js';
import { consentTranslations } from './chat/consent-translations.js';
import { summaryConsentView } from './chat/summary-consent-view.js';
import { clockView } from './controls/call-clock.js';
import { callControls } from './controls/call-controls.js';
import { qualityView } from './controls/call-quality.js';
import type { CallViewModes } from './controls/view-modes.js';
import { remoteParticipantView } from './participants/remote-participant.js';
import { absenceBanner, type PresenceStatus } from './presence/presence-status.js';
import { recordButton, recordingConsentView, recordingStatus } from './recording/index.js';
import { statusLine } from './status/status-line.js';

/** What the call gives its `<sightline-ar-layer>` (VS-11 … VS-14). */
export interface ArLayerInputs {
  /** The live transport (none once the call has ended). */
  transport: MediaTransport | undefined;
  side: 'staff' | 'customer';
  participantId: string;
  capabilities: ReadonlySet<ArCapability>;
  sessionId: string;
  uploadQueue: UploadQueue | undefined;
  trackingWorker: (() => TrackingWorker) | undefined;
  sightline: Sightline | undefined;
  baseUrl: string;
  /** The video everyone draws on: the customer's camera. */
  surface: HTMLVideoElement | null;
  mirrored: boolean;
  hasPicture: boolean;
  /** The shared mirror flag changed through the AR session. */
  onMirror(mirrored: boolean): void;
}

/** The parts of `<sightline-ar-layer>`, exported as the call's own. */
const AR_PARTS = 'overlay, markers, tools, upload, annotation, gallery';

/** What the call's template shows: the element's state and its parts (controllers). */
export interface CallView {
  lang: keyof typeof callTerms;
  side: 'staff' | 'customer';
  transport: MediaTransport | undefined;
  /** The transport is there and the call has not ended. */
  live: boolean;
  /** The Start or Join button (session mode, without `autostart`), or none. */
  start: 'start' | 'join' | undefined;
  ended: boolean;
  phase: CallPhase | undefined;
  /** A device or permission failure, by its code. */
  failure: string | undefined;
  /** A problem from the server, already in words. */
  problem: string | undefined;
  mirrored: boolean;
  mayMirror: boolean;
  mayChat: boolean;
  media: CallMedia;
  modes: CallViewModes;
  features: CallFeatures;
  presence: PresenceStatus;
  ar: ArLayerInputs;
  /** A video's size or first frame changed (the AR tools follow it). */
  onVideo(): void;
  onStart(): void;
  onEnd(): void;
  onMirror(): void;
  onSound(): void;
  run: Parameters<typeof callControls>[0]['run'];
}

/**
 * The call's template (VS-8 … VS-15): the AR layer (`<sightline-ar-layer>`: overlay and markers
 * over the stage, tool bar and screenshots after the status lines) around the stage with both videos,
 * the other side's name, the clock, the quality and the absence banner, and the status line (see
 * `statusLine`); the controls; chat, the summary consent and the recording consent.
 */
export function callView(v: CallView): TemplateResult {
  const t = callTerms[v.lang];
  const pt = callTexts.table[v.lang].presence;
  const rt = callTexts.table[v.lang].recording;
  const ct = callTexts.table[v.lang].chat;
  const { live, media, ar } = v;
  const { chat, recording } = v.features;
  const local = media.localMedia;
  // The videos' streams are set after each render, where they changed (`CallMedia.sync`).
  return html`<section part="base" lang=${v.lang} aria-labelledby="heading">
      <h2 id="heading" class="visually-hidden">${t.callHeading}</h2>
      <sightline-ar-layer
        exportparts=${AR_PARTS}
        role-in-call=${ar.side}
        participant-id=${ar.participantId}
        session-id=${ar.sessionId}
        base-url=${ar.baseUrl}
        .transport=${ar.transport}
        .capabilities=${ar.capabilities}
        .uploadQueue=${ar.uploadQueue}
        .trackingWorker=${ar.trackingWorker}
        .sightline=${ar.sightline}
        .surface=${ar.surface}
        .mirrored=${ar.mirrored}
        .hasPicture=${ar.hasPicture}
        @sightline-ar-mirror=${(e: CustomEvent<ArMirrorDetail>) => ar.onMirror(e.detail.mirrored)}
      >
        <div part="stage" slot="surface" data-connection=${media.connection ?? 'idle'} class=${v.side === 'customer' ? 'surface-local' : ''}>
          <video
            part="remote-video"
            @loadeddata=${v.onVideo}
            @resize=${v.onVideo}
            class=${v.mirrored && v.side === 'staff' ? 'mirrored' : ''}
            aria-label=${t.remoteVideo}
            autoplay
            playsinline
            muted
            .muted=${true}
          ></video>
          <video
            part="local-video"
            @loadeddata=${v.onVideo}
            @resize=${v.onVideo}
            aria-label=${t.ownVideo}
            class=${v.mirrored && v.side === 'customer' ? 'mirrored' : ''}
            autoplay
            playsinline
            muted
            .muted=${true}
            ?hidden=${!local?.cameraEnabled}
          ></video>
          ${
            live
              ? remoteParticipantView(
                  v.features.remote.state,
                  pt.who[v.side === 'staff' ? 'customer' : 'staff'],
                  pt,
                  v.features.speaking.speaking,
                )
              : nothing
          }
          ${live ? clockView(v.features.clock.elapsed, t.inCallFor) : nothing}
          ${live ? qualityView(v.features.quality.quality, t.quality) : nothing}
          ${live ? absenceBanner(v.presence.absence, pt) : nothing}
          <audio autoplay></audio>
        </div>
        <p part="status" role="status" aria-live="polite">${statusLine(
          {
            ended: v.ended,
            phase: v.phase,
            lastAway: v.presence.lastAway,
            absence: v.presence.absence,
            failure: v.failure,
            problem: v.problem,
            connection: media.connection,
          },
          t,
          pt,
        )}</p>
        ${recordingStatus(recording, rt)}
      </sightline-ar-layer>
      ${callControls({
        t,
        transport: v.transport,
        media: local,
        live,
        start: v.start,
        soundBlocked: media.soundBlocked,
        mayMirror: v.mayMirror,
        mirrored: v.mirrored,
        devices: media.devices,
        fullscreen: v.modes.fullscreen,
        pictureInPicture: document.pictureInPictureEnabled ? v.modes.pictureInPicture : undefined,
        extras: [recordButton(recording, rt, live), live && v.mayChat ? chatToggle(chat, ct) : nothing],
        moreOpen: v.modes.moreOpen,
        onMore: (open) => v.modes.setMoreOpen(open),
        onStart: v.onStart,
        onEnd: v.onEnd,
        onSound: v.onSound,
        onMirror: v.onMirror,
        onFullscreen: () => v.modes.toggleFullscreen(),
        onPictureInPicture: () => v.modes.togglePictureInPicture(),
        run: v.run,
      })}
      ${live && v.mayChat ? chatPanel(chat, ct, v.side === 'staff', v.lang) : nothing}
      ${live && v.side === 'customer' ? summaryConsentView(v.features.consent, consentTranslations[v.lang]) : nothing}
      ${live ? recordingConsentView(recording, rt) : nothing}
    </section>`;
}
